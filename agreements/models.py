"""The coordination domain: places, bodies, people, agreements, conferences, figures.

Names are stored as written in the source (NFC); each searchable model carries a folded
``search`` key so that "thai binh" finds "Thái Bình".
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.fields import SearchKeyField
from common.text import fold

MIN_YEAR = 1945
MAX_YEAR = 2100


def _year_range_q(field):
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": MIN_YEAR, f"{field}__lte": MAX_YEAR})


def _period_q(start, end):
    return Q(**{f"{start}__isnull": True}) | Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": F(start)})


class EntryStatus(models.TextChoices):
    """Where a record entered by staff stands: drafts are saved but not yet reported."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class Source(models.Model):
    """Provenance: the report or document a record was entered from, and by whom.

    Records keep their source (PROTECT): a source that records cite cannot be deleted.
    """

    url = models.URLField(_("source URL"), max_length=500, blank=True)
    title = models.CharField(_("title"), max_length=500, blank=True)
    document = models.CharField(
        _("document"), max_length=500, blank=True, help_text=_("A document reference when there is no URL.")
    )
    published_on = models.DateField(_("published on"), null=True, blank=True)
    text = models.TextField(_("text"), blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    entered_at = models.DateTimeField(_("entered at"), auto_now_add=True)
    search = SearchKeyField(sources=("title", "url", "document"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["-entered_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(url="", title="", document=""),
                name="source_identified",
                violation_error_message=_("A source needs a URL, a title or a document reference."),
            ),
        ]

    def __str__(self):
        return self.title or self.document or self.url


class Locality(models.Model):
    """A province or lower administrative unit, valid over a span of time.

    Provinces merged on 1 July 2025 keep their rows (valid to 30 June 2025); the new
    province lists the old ones it absorbed as ``predecessors``.
    """

    class Level(models.TextChoices):
        PROVINCE = "province", _("Province / centrally-run city")
        DISTRICT = "district", _("District")
        COMMUNE = "commune", _("Commune / ward")

    key = models.SlugField(_("key"), max_length=80, unique=True, help_text=_("Stable identifier, e.g. 63-tinhbentre."))
    code = models.CharField(_("statistical code"), max_length=10, blank=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.PROVINCE)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    successors = models.ManyToManyField(
        "self",
        verbose_name=_("merged into"),
        through="LocalitySuccession",
        through_fields=("predecessor", "successor"),
        symmetrical=False,
        related_name="predecessors",
        blank=True,
    )
    search = SearchKeyField(sources=("name", "short_name"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("locality")
        verbose_name_plural = _("localities")
        ordering = ["name", "key"]
        constraints = [
            models.CheckConstraint(
                condition=_period_q("valid_from", "valid_to"),
                name="locality_valid_to_after_valid_from",
                violation_error_message=_("A locality cannot end before it begins."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="locality_not_own_parent",
                violation_error_message=_("A locality cannot be its own parent."),
            ),
        ]

    def __str__(self):
        if self.valid_to:
            return _("%(name)s (until %(date)s)") % {
                "name": self.name,
                "date": self.valid_to.strftime("%d/%m/%Y"),
            }
        return self.name


class LocalitySuccession(models.Model):
    """An old locality merged (wholly or partly) into a new one on ``effective_on``."""

    # PROTECT: who reads what follows these rows (a provincial leader reads the old provinces
    # the new one absorbed); deleting a locality must not silently change that.
    predecessor = models.ForeignKey(
        Locality, verbose_name=_("old locality"), on_delete=models.PROTECT, related_name="succession_to"
    )
    successor = models.ForeignKey(
        Locality, verbose_name=_("new locality"), on_delete=models.PROTECT, related_name="succession_from"
    )
    effective_on = models.DateField(_("effective on"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("locality succession")
        verbose_name_plural = _("locality successions")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"],
                name="locality_succession_unique",
                violation_error_message=_("This succession is already recorded."),
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=F("successor")),
                name="locality_succession_not_self",
                violation_error_message=_("A locality cannot succeed itself."),
            ),
        ]

    def __str__(self):
        return f"{self.predecessor.name} → {self.successor.name}"


class Sector(models.Model):
    """A branch of the political system (police, labour union, Fatherland Front …).

    Kept as data so that any pair of sectors can sign an agreement.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    search = SearchKeyField(sources=("name", "short_name", "code"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sector")
        verbose_name_plural = _("sectors")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name


class Body(models.Model):
    """An agency or organisation at some level of its sector's hierarchy."""

    class Level(models.TextChoices):
        CENTRAL = "central", _("Central")
        PROVINCE = "province", _("Province")
        DISTRICT = "district", _("District")
        GRASSROOTS = "grassroots", _("Grassroots")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=300)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    sector = models.ForeignKey(Sector, verbose_name=_("sector"), on_delete=models.PROTECT, related_name="bodies")
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent body"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    locality = models.ForeignKey(
        Locality, verbose_name=_("locality"), null=True, blank=True, on_delete=models.PROTECT, related_name="bodies"
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    search = SearchKeyField(sources=("name", "short_name"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=_period_q("valid_from", "valid_to"),
                name="body_valid_to_after_valid_from",
                violation_error_message=_("A body cannot cease to exist before it was created."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("pk")),
                name="body_not_own_parent",
                violation_error_message=_("A body cannot be its own parent."),
            ),
        ]
        indexes = [models.Index(fields=["sector", "level"], name="body_sector_level")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("browse:body-detail", args=[self.pk])


class Membership(models.Model):
    """A user's place in a body: what they may enter (staff) or read (leaders).

    A leader of a central body reads everything; a leader of a provincial body reads the
    province; staff edit records their body takes part in.
    """

    class Role(models.TextChoices):
        STAFF = "staff", _("Data-entry staff")
        LEADER = "leader", _("Leader")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "body", "role"],
                name="membership_unique",
                violation_error_message=_("This user already has this role in this body."),
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.body}"


class Person(models.Model):
    """An official. Rank and positions change, so they live on each Appearance."""

    class Gender(models.TextChoices):
        MALE = "male", _("Male")
        FEMALE = "female", _("Female")

    full_name = models.CharField(_("full name"), max_length=200)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    search = SearchKeyField(sources=("full_name",))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name", "pk"]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("browse:person-detail", args=[self.pk])


class MovementQuerySet(models.QuerySet):
    def matching(self, text):
        """Movements whose name or a synonym is ``text``, ignoring tone marks, case and a
        leading "phong trào (thi đua)" ("phong trào Vì an ninh Tổ quốc" finds "Vì an ninh Tổ quốc")."""
        key = fold(text)
        for prefix in ("phong trao thi dua ", "phong trao "):
            key = key.removeprefix(prefix)
        return self.filter(search__contains=key) if key else self.none()


class Movement(models.Model):
    """A nationwide movement the coordination serves ("Toàn dân bảo vệ an ninh Tổ quốc")."""

    name = models.CharField(_("name"), max_length=300, unique=True)
    synonyms = models.TextField(_("synonyms"), blank=True, help_text=_("Other ways it is written, one per line."))
    search = SearchKeyField(sources=("name", "synonyms"))

    objects = MovementQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("movement")
        verbose_name_plural = _("movements")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ModelPractice(models.Model):
    """A model practice replicated locally ("Tổ công nhân tự quản")."""

    name = models.CharField(_("name"), max_length=300, unique=True)
    synonyms = models.TextField(_("synonyms"), blank=True, help_text=_("Other ways it is written, one per line."))
    movement = models.ForeignKey(
        Movement,
        verbose_name=_("movement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="model_practices",
    )
    search = SearchKeyField(sources=("name", "synonyms"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("model practice")
        verbose_name_plural = _("model practices")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Agreement(models.Model):
    """A coordination regulation, programme, plan or joint resolution between bodies."""

    class Kind(models.TextChoices):
        REGULATION = "regulation", _("Coordination regulation (quy chế)")
        PROGRAMME = "programme", _("Coordination programme (chương trình)")
        PLAN = "plan", _("Inter-sector plan (kế hoạch)")
        JOINT_RESOLUTION = "joint_resolution", _("Joint resolution (nghị quyết liên tịch)")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("In force")
        ENDED = "ended", _("Ended")
        SUPERSEDED = "superseded", _("Superseded")
        TERMINATED = "terminated", _("Terminated")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    number = models.CharField(
        _("number"), max_length=100, blank=True, help_text=_("As written on the document, e.g. 03/QC-BCA-TLĐLĐ.")
    )
    title = models.CharField(_("title / subject"), max_length=500, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    period_start = models.PositiveSmallIntegerField(_("period from (year)"), null=True, blank=True)
    period_end = models.PositiveSmallIntegerField(_("period to (year)"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IN_FORCE)
    parties = models.ManyToManyField(
        Body, verbose_name=_("parties"), through="AgreementParty", related_name="agreements"
    )
    supersedes = models.ForeignKey(
        "self",
        verbose_name=_("supersedes"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    implements = models.ForeignKey(
        "self",
        verbose_name=_("implements"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="implementations",
        help_text=_("The higher agreement this one carries out locally."),
    )
    movements = models.ManyToManyField(Movement, verbose_name=_("movements"), blank=True, related_name="agreements")
    key_tasks = models.TextField(_("key tasks"), blank=True, help_text=_("One task per line."))
    entry_status = models.CharField(
        _("entry status"), max_length=20, choices=EntryStatus.choices, default=EntryStatus.SUBMITTED
    )
    source = models.ForeignKey(
        Source, verbose_name=_("source"), null=True, blank=True, on_delete=models.PROTECT, related_name="agreements"
    )
    source_quote = models.TextField(_("source quote"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Optimistic locking: every save through the services adds one; an edit form carries the
    # version it was opened at, and a save from an older version is refused as a conflict.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    search = SearchKeyField(sources=("number", "title"))

    history = HistoricalRecords(m2m_fields=[movements])

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-signed_on", "-period_start", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=_period_q("period_start", "period_end"),
                name="agreement_period_ends_after_start",
                violation_error_message=_("The period cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=_year_range_q("period_start") & _year_range_q("period_end"),
                name="agreement_period_years_plausible",
                violation_error_message=_("Period years must lie between 1945 and 2100."),
            ),
            models.CheckConstraint(
                condition=~Q(supersedes=F("pk")),
                name="agreement_not_superseding_itself",
                violation_error_message=_("An agreement cannot supersede itself."),
            ),
            models.CheckConstraint(
                condition=~Q(implements=F("pk")),
                name="agreement_not_implementing_itself",
                violation_error_message=_("An agreement cannot implement itself."),
            ),
            models.CheckConstraint(
                condition=~Q(number="", title=""),
                name="agreement_identified",
                violation_error_message=_("An agreement needs a number or a title."),
            ),
        ]
        indexes = [
            models.Index(fields=["period_end"], name="agreement_period_end"),
            models.Index(fields=["kind", "status"], name="agreement_kind_status"),
        ]

    def __str__(self):
        label = self.get_kind_display().split(" (")[0]
        parts = [label]
        if self.number:
            parts.append(_("No. %(number)s") % {"number": self.number})
        if self.title:
            parts.append(f"“{self.title[:80]}”")
        if self.period_start and self.period_end:
            parts.append(f"{self.period_start}–{self.period_end}")
        return " ".join(str(p) for p in parts)

    def get_absolute_url(self):
        return reverse("browse:agreement-detail", args=[self.pk])


class AgreementAlias(models.Model):
    """Another way an agreement's number is cited ("03/QCPH-BCA-TLĐLĐVN")."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="aliases"
    )
    number = models.CharField(_("number as cited"), max_length=100)
    search = SearchKeyField(sources=("number",))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("number alias")
        verbose_name_plural = _("number aliases")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "number"],
                name="agreement_alias_unique",
                violation_error_message=_("The agreement already has this alias."),
            ),
        ]

    def __str__(self):
        return self.number


class AgreementParty(models.Model):
    """A body that is party to an agreement. Its signatory is an Appearance."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="party_links"
    )
    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="party_links")
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "body"],
                name="agreement_party_unique",
                violation_error_message=_("This body is already a party to the agreement."),
            ),
        ]

    def __str__(self):
        return str(self.body)


class Conference(models.Model):
    """A meeting at which agreements are reviewed, signed or launched."""

    class Kind(models.TextChoices):
        INTERIM_REVIEW = "interim_review", _("Interim review (sơ kết)")
        FINAL_REVIEW = "final_review", _("Final review (tổng kết)")
        SIGNING = "signing", _("Signing (ký kết)")
        COMMENDATION = "commendation", _("Commendation (biểu dương)")
        BRIEFING = "briefing", _("Briefing (giao ban)")
        OTHER = "other", _("Other")

    title = models.CharField(_("title"), max_length=500, blank=True)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, help_text=_("What the conference is called first.")
    )
    held_on = models.DateField(_("held on"), null=True, blank=True)
    held_on_text = models.CharField(
        _("date as written"), max_length=100, blank=True, help_text=_("E.g. “Chiều 17-1” when the year is implied.")
    )
    place = models.CharField(_("place"), max_length=300, blank=True)
    locality = models.ForeignKey(
        Locality,
        verbose_name=_("locality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="conferences",
    )
    bodies = models.ManyToManyField(
        Body, verbose_name=_("bodies"), through="ConferenceBody", related_name="conferences"
    )
    agreements = models.ManyToManyField(
        Agreement, verbose_name=_("agreements"), through="ConferenceAgreement", related_name="conferences"
    )
    reviewed_period_start = models.PositiveSmallIntegerField(_("reviewed from (year)"), null=True, blank=True)
    reviewed_period_end = models.PositiveSmallIntegerField(_("reviewed to (year)"), null=True, blank=True)
    results = models.TextField(_("results"), blank=True)
    shortcomings = models.TextField(_("shortcomings"), blank=True)
    remedies = models.TextField(_("remedies"), blank=True)
    directions = models.TextField(_("directions"), blank=True)
    movements = models.ManyToManyField(Movement, verbose_name=_("movements"), blank=True, related_name="conferences")
    model_practices = models.ManyToManyField(
        ModelPractice, verbose_name=_("model practices"), blank=True, related_name="conferences"
    )
    entry_status = models.CharField(
        _("entry status"), max_length=20, choices=EntryStatus.choices, default=EntryStatus.SUBMITTED
    )
    source = models.ForeignKey(
        Source, verbose_name=_("source"), null=True, blank=True, on_delete=models.PROTECT, related_name="conferences"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Optimistic locking: every save through the services adds one; an edit form carries the
    # version it was opened at, and a save from an older version is refused as a conflict.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    search = SearchKeyField(sources=("title", "place", "held_on_text"))

    history = HistoricalRecords(m2m_fields=[movements, model_practices])

    class Meta:
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=_period_q("reviewed_period_start", "reviewed_period_end"),
                name="conference_reviewed_period_ends_after_start",
                violation_error_message=_("The reviewed period cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=_year_range_q("reviewed_period_start") & _year_range_q("reviewed_period_end"),
                name="conference_reviewed_years_plausible",
                violation_error_message=_("Reviewed years must lie between 1945 and 2100."),
            ),
        ]
        indexes = [
            models.Index(fields=["held_on"], name="conference_held_on"),
            # The drafts on the to-do page: a few rows among a hundred thousand.
            models.Index(fields=["-id"], name="conference_drafts", condition=models.Q(entry_status="draft")),
        ]

    def __str__(self):
        if self.title:
            return self.title
        when = self.held_on.strftime("%d/%m/%Y") if self.held_on else self.held_on_text
        return " · ".join(str(p) for p in (self.get_kind_display(), when) if p)

    def get_absolute_url(self):
        return reverse("browse:conference-detail", args=[self.pk])

    @property
    def all_kinds(self):
        """The principal kind followed by the extra ones (prefetch ``extra_kinds``)."""
        return [self.kind] + [k.kind for k in self.extra_kinds.all() if k.kind != self.kind]


class ConferenceExtraKind(models.Model):
    """A further kind of a conference that is several at once (tổng kết and ký kết)."""

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="extra_kinds"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Conference.Kind.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("further kind")
        verbose_name_plural = _("further kinds")
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "kind"],
                name="conference_extra_kind_unique",
                violation_error_message=_("The conference already has this kind."),
            ),
        ]

    def __str__(self):
        return self.get_kind_display()


class ConferenceBody(models.Model):
    """A body at a conference: one of the hosts, or a participant."""

    class Role(models.TextChoices):
        HOST = "host", _("Host")
        PARTICIPANT = "participant", _("Participant")

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="body_links"
    )
    body = models.ForeignKey(Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="conference_links")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.HOST)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("body at the conference")
        verbose_name_plural = _("bodies at the conference")
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "body"],
                name="conference_body_unique",
                violation_error_message=_("This body is already listed at the conference."),
            ),
        ]

    def __str__(self):
        return f"{self.body} ({self.get_role_display()})"


class ConferenceAgreement(models.Model):
    """An agreement's part in a conference: reviewed, signed, launched or referenced."""

    class Role(models.TextChoices):
        REVIEWED = "reviewed", _("Reviewed")
        SIGNED = "signed", _("Signed")
        LAUNCHED = "launched", _("Launched")
        REFERENCED = "referenced", _("Referenced")

    conference = models.ForeignKey(
        Conference, verbose_name=_("conference"), on_delete=models.CASCADE, related_name="agreement_links"
    )
    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.PROTECT, related_name="conference_links"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agreement at the conference")
        verbose_name_plural = _("agreements at the conference")
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "agreement", "role"],
                name="conference_agreement_unique",
                violation_error_message=_("This agreement is already listed at the conference in this role."),
            ),
        ]

    def __str__(self):
        return f"{self.agreement} ({self.get_role_display()})"


def keep_signatories(collector, field, sub_objs, using):
    """``on_delete`` of an appearance's conference: the conference's own appearances (chairs,
    speakers) go with it; those of people who signed an agreement there stay, as signatories
    of the agreement, without the conference."""
    signatories = [appearance for appearance in sub_objs if appearance.agreement_id is not None]
    others = [appearance for appearance in sub_objs if appearance.agreement_id is None]
    if signatories:
        collector.add_field_update(field, None, signatories)
    if others:
        models.CASCADE(collector, field, others, using)


class Appearance(models.Model):
    """A person at an event, with rank, positions and honorific as they were that day.

    The event is a conference, an agreement's signing, or both (signed at a conference).
    """

    class Role(models.TextChoices):
        CHAIR = "chair", _("Chair")
        SPEAKER = "speaker", _("Speaker")
        SIGNATORY = "signatory", _("Signatory")
        GUEST = "guest", _("Guest of honour")
        ATTENDEE = "attendee", _("Attendee")

    class Rank(models.TextChoices):
        DAI_TUONG = "dai_tuong", _("Đại tướng")
        THUONG_TUONG = "thuong_tuong", _("Thượng tướng")
        TRUNG_TUONG = "trung_tuong", _("Trung tướng")
        THIEU_TUONG = "thieu_tuong", _("Thiếu tướng")
        DAI_TA = "dai_ta", _("Đại tá")
        THUONG_TA = "thuong_ta", _("Thượng tá")
        TRUNG_TA = "trung_ta", _("Trung tá")
        THIEU_TA = "thieu_ta", _("Thiếu tá")
        DAI_UY = "dai_uy", _("Đại úy")
        THUONG_UY = "thuong_uy", _("Thượng úy")
        TRUNG_UY = "trung_uy", _("Trung úy")
        THIEU_UY = "thieu_uy", _("Thiếu úy")

    class Honorific(models.TextChoices):
        ONG = "ong", _("ông")
        BA = "ba", _("bà")
        DONG_CHI = "dong_chi", _("đồng chí")

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="appearances")
    conference = models.ForeignKey(
        Conference,
        verbose_name=_("conference"),
        null=True,
        blank=True,
        on_delete=keep_signatories,
        related_name="appearances",
    )
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement signed"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="signatories",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    rank = models.CharField(_("rank"), max_length=20, choices=Rank.choices, blank=True)
    honorific = models.CharField(_("honorific"), max_length=20, choices=Honorific.choices, blank=True)
    positions = models.TextField(_("positions"), blank=True, help_text=_("As held that day, one per line."))
    body = models.ForeignKey(
        Body,
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appearances",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("appearance")
        verbose_name_plural = _("appearances")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(conference__isnull=False) | Q(agreement__isnull=False),
                name="appearance_has_event",
                violation_error_message=_("An appearance belongs to a conference or to an agreement's signing."),
            ),
            models.CheckConstraint(
                condition=~Q(role="signatory") | Q(agreement__isnull=False),
                name="appearance_signatory_has_agreement",
                violation_error_message=_("A signatory must name the agreement signed."),
            ),
        ]

    def __str__(self):
        return " ".join(p for p in (self.get_rank_display(), self.person.full_name) if p)

    @property
    def position_list(self):
        return [line.strip() for line in self.positions.splitlines() if line.strip()]


class Indicator(models.Model):
    """A kind of reported figure (name and unit), so figures sum across places and years."""

    name = models.CharField(_("name"), max_length=300, unique=True)
    unit = models.CharField(_("unit"), max_length=50)
    description = models.TextField(_("description"), blank=True)
    is_main = models.BooleanField(_("main figure"), default=False, help_text=_("Shown on the dashboard."))
    search = SearchKeyField(sources=("name", "unit"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.unit})"


class ReportedFigure(models.Model):
    """A figure a body reported for a period, optionally at a conference."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="figures"
    )
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=2)
    body = models.ForeignKey(Body, verbose_name=_("reported by"), on_delete=models.PROTECT, related_name="figures")
    period_start = models.PositiveSmallIntegerField(_("period from (year)"))
    period_end = models.PositiveSmallIntegerField(_("period to (year)"))
    conference = models.ForeignKey(
        Conference,
        verbose_name=_("conference"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="figures",
    )
    partner_bodies = models.ManyToManyField(
        Body,
        verbose_name=_("together with"),
        blank=True,
        related_name="partner_figures",
        help_text=_("Other bodies the activity was carried out with."),
    )
    source = models.ForeignKey(
        Source, verbose_name=_("source"), null=True, blank=True, on_delete=models.PROTECT, related_name="figures"
    )
    source_quote = models.TextField(_("source quote"), blank=True)

    history = HistoricalRecords(m2m_fields=[partner_bodies])

    class Meta:
        verbose_name = _("reported figure")
        verbose_name_plural = _("reported figures")
        ordering = ["-period_end", "indicator__name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(value__gte=0),
                name="figure_value_not_negative",
                violation_error_message=_("A reported figure cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="figure_period_ends_after_start",
                violation_error_message=_("The period cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=_year_range_q("period_start") & _year_range_q("period_end"),
                name="figure_period_years_plausible",
                violation_error_message=_("Period years must lie between 1945 and 2100."),
            ),
        ]
        indexes = [
            models.Index(fields=["indicator", "period_end"], name="figure_indicator_period"),
        ]

    def __str__(self):
        return f"{self.indicator.name}: {self.value.normalize():f} {self.indicator.unit}"


class Attachment(models.Model):
    """A signed scan or report attached to an agreement or a conference."""

    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("agreement"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    conference = models.ForeignKey(
        Conference,
        verbose_name=_("conference"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    # Under MEDIA_ROOT, outside static/: files are never served as static content.
    file = models.FileField(_("file"), upload_to="attachments/%Y/%m/")
    title = models.CharField(_("title"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    search = SearchKeyField(sources=("title",))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["-uploaded_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(agreement__isnull=False) | Q(conference__isnull=False),
                name="attachment_has_owner",
                violation_error_message=_("An attachment belongs to an agreement or a conference."),
            ),
        ]

    def __str__(self):
        return self.title or self.file.name.rsplit("/", 1)[-1]

    def clean(self):
        from agreements.attachments import check_attachment

        super().clean()
        # Only a new upload is checked (size, and type by content): a stored file was checked
        # when it came, and may since have moved to other storage.
        if self.file and not self.file._committed:
            try:
                check_attachment(self.file.file, self.file.name)
            except ValidationError as error:
                raise ValidationError({"file": error.error_list}) from None


class Reminder(models.Model):
    """A reminder e-mailed about something due, kept so that it is never sent twice."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(_("what is due"), max_length=20)
    year = models.PositiveSmallIntegerField(_("year"))
    days_before = models.PositiveSmallIntegerField(_("days before the due date"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent to"), on_delete=models.CASCADE, related_name="+"
    )
    due_on = models.DateField(_("due on"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "kind", "year", "days_before", "user"],
                name="reminder_sent_once",
                violation_error_message=_("This reminder was already sent."),
            ),
        ]

    KIND_LABELS = {
        "interim_review": _("yearly review"),
        "final_review": _("final review"),
        "successor": _("successor agreement"),
    }

    def __str__(self):
        return _("%(agreement)s · %(kind)s %(year)s · %(days)s days before · %(user)s") % {
            "agreement": self.agreement,
            "kind": self.KIND_LABELS.get(self.kind, self.kind),
            "year": self.year,
            "days": self.days_before,
            "user": self.user,
        }


class ConferenceSummary(models.Model):
    """Conferences counted per year, province and sector, for the dashboard.

    Derived data, kept exact by ``dashboard.summaries`` on every write and rebuilt by
    ``manage.py rebuild_summaries``. ``province`` and ``sector`` are locality and sector ids,
    0 meaning "all": a conference counts once in every (province, sector) it touches, once
    in (province, 0), once in (0, sector) and once in (0, 0), so a filtered count is one row
    sum and never counts a conference twice.
    """

    year = models.PositiveSmallIntegerField()
    province = models.PositiveIntegerField()
    sector = models.PositiveIntegerField()
    conferences = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("conference summary")
        verbose_name_plural = _("conference summaries")
        constraints = [
            models.UniqueConstraint(fields=["province", "sector", "year"], name="conference_summary_key"),
        ]

    def __str__(self):
        return f"{self.year} · {self.province} · {self.sector}: {self.conferences}"


class FigureSummary(models.Model):
    """Yearly reported figures added up per indicator, year, locality (as recorded) and sector.

    A figure has one body, hence one locality and one sector: rows can be summed over any set
    of localities without counting a figure twice. ``locality`` 0 stands for "no locality".
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    locality = models.PositiveIntegerField()
    sector = models.PositiveIntegerField()
    total = models.DecimalField(max_digits=24, decimal_places=2, default=0)
    figures = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("figure summary")
        verbose_name_plural = _("figure summaries")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "year", "locality", "sector"], name="figure_summary_key"),
        ]

    def __str__(self):
        return f"{self.indicator_id} · {self.year} · {self.locality} · {self.sector}: {self.total}"
