"""Agreements between bodies, their aliases and parties, the movements and model practices
they serve, and the reminders sent about them."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.models.base import COUNTED_STATUSES, EntryStatus, Source, period_q, year_range_q
from agreements.models.bodies import Body
from common.fields import SearchKeyField
from common.text import fold


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


def status_q(status, today: datetime.date) -> Q:
    """The condition on an agreement's own columns for its status on ``today``: terminated
    before all, then superseded (a successor has begun), not yet in force, ended (its period is
    over or its final review was held), else in force."""
    terminated = Q(terminated_on__lte=today)
    superseded = Q(successor_from__lte=today.year)
    not_yet = Q(period_start__gt=today.year) | Q(signed_on__gt=today)
    ended = Q(period_end__lt=today.year) | Q(final_review_on__lte=today)
    # In force, written as what holds rather than as what does not (the same rows; the
    # database then reads the index on the period's end instead of every agreement).
    in_force = (
        (Q(terminated_on__isnull=True) | Q(terminated_on__gt=today))
        & (Q(successor_from__isnull=True) | Q(successor_from__gt=today.year))
        & (Q(period_start__isnull=True) | Q(period_start__lte=today.year))
        & (Q(signed_on__isnull=True) | Q(signed_on__lte=today))
        & (Q(period_end__isnull=True) | Q(period_end__gte=today.year))
        & (Q(final_review_on__isnull=True) | Q(final_review_on__gt=today))
    )
    rules = {
        Agreement.Status.TERMINATED: terminated,
        Agreement.Status.SUPERSEDED: superseded & ~terminated,
        Agreement.Status.NOT_YET_IN_FORCE: not_yet & ~superseded & ~terminated,
        Agreement.Status.ENDED: ended & ~not_yet & ~superseded & ~terminated,
        Agreement.Status.IN_FORCE: in_force,
    }
    return rules[status]


class AgreementQuerySet(models.QuerySet):
    def in_localities(self, locality_ids):
        """Agreements one of whose parties is placed in ``locality_ids``."""
        return self.filter(
            Exists(AgreementParty.objects.filter(agreement=OuterRef("pk"), body__locality__in=locality_ids))
        )

    def in_status(self, status, today: datetime.date):
        """The agreements whose status on ``today`` is ``status`` (the rule of ``Agreement.status_on``)."""
        return self.filter(status_q(status, today))

    def involving(self, body_ids):
        """Agreements one of ``body_ids`` is party to."""
        return self.filter(Exists(AgreementParty.objects.filter(agreement=OuterRef("pk"), body__in=body_ids)))

    def counted(self):
        """The records that count in the dashboard, the reports and the exports: submitted or
        confirmed, not drafts nor returned ones."""
        return self.filter(entry_status__in=COUNTED_STATUSES)


class Agreement(models.Model):
    """A coordination regulation, programme, plan or joint resolution between bodies."""

    class Kind(models.TextChoices):
        REGULATION = "regulation", _("Coordination regulation (quy chế)")
        PROGRAMME = "programme", _("Coordination programme (chương trình)")
        PLAN = "plan", _("Inter-sector plan (kế hoạch)")
        JOINT_RESOLUTION = "joint_resolution", _("Joint resolution (nghị quyết liên tịch)")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        """Where an agreement stands on a day, derived from its dates and links (``status_on``)."""

        IN_FORCE = "in_force", _("In force")
        NOT_YET_IN_FORCE = "not_yet_in_force", _("Not yet in force")
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
    terminated_on = models.DateField(
        _("terminated on"),
        null=True,
        blank=True,
        help_text=_("Only when the parties ended it before its period was over."),
    )
    # Derived from the agreements that supersede it and the conferences that reviewed it, kept
    # by the write services (agreements.obligations): the status follows from them and the dates.
    successor_from = models.PositiveSmallIntegerField(_("superseded from (year)"), null=True, editable=False)
    final_review_on = models.DateField(_("final review held on"), null=True, editable=False)
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

    objects = AgreementQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[movements])

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["-signed_on", "-period_start", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=period_q("period_start", "period_end"),
                name="agreement_period_ends_after_start",
                violation_error_message=_("The period cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=year_range_q("period_start") & year_range_q("period_end"),
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
            models.Index(fields=["kind"], name="agreement_kind"),
            # The dashboard's timeline: the agreements that began last.
            models.Index(fields=["-period_start", "-id"], name="agreement_latest_start"),
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

    # What the status follows from: the columns ``status_of`` reads.
    STATUS_FIELDS = ("terminated_on", "successor_from", "period_start", "period_end", "signed_on", "final_review_on")

    @classmethod
    def status_of(cls, values, today: datetime.date) -> str:
        """The status on ``today`` of an agreement whose STATUS_FIELDS are ``values`` (a dict):
        the rule of ``status_q``, for rows read as values (the exports)."""
        terminated_on, successor_from = values["terminated_on"], values["successor_from"]
        if terminated_on and terminated_on <= today:
            return cls.Status.TERMINATED
        if successor_from is not None and successor_from <= today.year:
            return cls.Status.SUPERSEDED
        start, signed_on = values["period_start"], values["signed_on"]
        if (start and start > today.year) or (signed_on and signed_on > today):
            return cls.Status.NOT_YET_IN_FORCE
        end, final_review_on = values["period_end"], values["final_review_on"]
        if (end and end < today.year) or (final_review_on and final_review_on <= today):
            return cls.Status.ENDED
        return cls.Status.IN_FORCE

    def status_on(self, today: datetime.date) -> str:
        """The agreement's status on ``today``."""
        return self.status_of({name: getattr(self, name) for name in self.STATUS_FIELDS}, today)

    @property
    def status(self) -> str:
        return self.status_on(timezone.localdate())

    def get_status_display(self):
        return self.Status(self.status).label


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
