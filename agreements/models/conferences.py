"""Conferences: their kinds, bodies, agreements, people (appearances) and attachments."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.models.agreements import Agreement, ModelPractice, Movement
from agreements.models.base import COUNTED_STATUSES, EntryStatus, Source, period_q, year_range_q
from agreements.models.bodies import Body, Person
from agreements.models.places import Locality
from common.fields import SearchKeyField


class ConferenceQuerySet(models.QuerySet):
    def in_localities(self, locality_ids):
        """Conferences held in ``locality_ids`` or with a body placed there (or in a locality
        that merged into one of them), read from their stored provinces (agreements.summaries)."""
        from agreements.models.derived import ConferenceProvince

        return self.filter(
            Exists(ConferenceProvince.objects.filter(province__in=locality_ids, conference=OuterRef("pk")))
        )

    def involving(self, body_ids):
        """Conferences one of ``body_ids`` hosted or attended."""
        return self.filter(Exists(ConferenceBody.objects.filter(conference=OuterRef("pk"), body__in=body_ids)))

    def counted(self):
        """The records that count in the dashboard, the reports and the exports: submitted or
        confirmed, not drafts nor returned ones."""
        return self.filter(entry_status__in=COUNTED_STATUSES)


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

    objects = ConferenceQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[movements, model_practices])

    class Meta:
        verbose_name = _("conference")
        verbose_name_plural = _("conferences")
        ordering = ["-held_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=period_q("reviewed_period_start", "reviewed_period_end"),
                name="conference_reviewed_period_ends_after_start",
                violation_error_message=_("The reviewed period cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=year_range_q("reviewed_period_start") & year_range_q("reviewed_period_end"),
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
