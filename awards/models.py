"""Commendations: forms of commendation, award decisions and their recipients."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.models import (
    COUNTED_STATUSES,
    Agreement,
    Body,
    Conference,
    ConferenceBody,
    EntryStatus,
    Movement,
    Person,
    Source,
)
from common.fields import SearchKeyField


class AwardForm(models.Model):
    """A form of commendation, ranked (1 = highest honour) and tied to who may award it."""

    class Category(models.TextChoices):
        ORDER = "order", _("Order (Huân chương)")
        MEDAL = "medal", _("Medal (Huy chương)")
        EMULATION_FLAG = "emulation_flag", _("Emulation flag (Cờ thi đua)")
        TITLE = "title", _("Emulation title (Chiến sĩ thi đua …)")
        CERTIFICATE_OF_MERIT = "certificate_of_merit", _("Certificate of merit (Bằng khen)")
        CERTIFICATE = "certificate", _("Certificate (Giấy khen)")
        OTHER = "other", _("Other (tuyên dương, khen thưởng)")

    class AwardedBy(models.TextChoices):
        STATE = "state", _("State President")
        PRIME_MINISTER = "prime_minister", _("Prime Minister / Government")
        CENTRAL_OR_PROVINCE = "central_or_province", _("Ministry, central body or provincial People's Committee")
        UNIT_HEAD = "unit_head", _("Head of a department, district or unit")
        ANY = "any", _("Any organiser")

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    category = models.CharField(_("category"), max_length=30, choices=Category.choices)
    awarded_by = models.CharField(_("may be awarded by"), max_length=30, choices=AwardedBy.choices)
    rank_order = models.PositiveSmallIntegerField(_("rank order"), help_text=_("1 is the highest honour."))
    search = SearchKeyField(sources=("name", "short_name"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("form of commendation")
        verbose_name_plural = _("forms of commendation")
        ordering = ["rank_order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["rank_order"],
                name="award_form_rank_order_unique",
                violation_error_message=_("Another form of commendation already has this rank order."),
            ),
        ]

    def __str__(self):
        return self.name


class AwardDecisionQuerySet(models.QuerySet):
    def in_localities(self, locality_ids):
        """Decisions by an authority placed in ``locality_ids`` or handed out at a conference
        with a body placed there (or in a locality that merged into one of them), read from
        their stored provinces (awards.summaries)."""
        return self.filter(Exists(DecisionProvince.objects.filter(province__in=locality_ids, decision=OuterRef("pk"))))

    def involving(self, body_ids):
        """Decisions ``body_ids`` awarded, or handed out at a conference they took part in."""
        through = AwardDecision.authorities.through
        return self.filter(
            Exists(through.objects.filter(awarddecision=OuterRef("pk"), body__in=body_ids))
            | Exists(ConferenceBody.objects.filter(conference=OuterRef("conference"), body__in=body_ids))
        )

    def counted(self):
        """The records that count in the dashboard, the reports and the exports: submitted or
        confirmed, not drafts nor returned ones."""
        return self.filter(entry_status__in=COUNTED_STATUSES)


class AwardDecision(models.Model):
    """A decision to commend, by one or several authorities, in one form.

    Recipients are named (``recipients``) and/or counted: ``collective_count`` and
    ``individual_count`` where the report splits them, ``total_count`` for all of them,
    which may exceed the split when part is reported only as "tập thể, cá nhân".
    """

    number = models.CharField(_("decision number"), max_length=100, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    form = models.ForeignKey(AwardForm, verbose_name=_("form"), on_delete=models.PROTECT, related_name="decisions")
    authorities = models.ManyToManyField(
        Body, verbose_name=_("awarding authorities"), blank=True, related_name="award_decisions"
    )
    authorities_text = models.CharField(
        _("authorities as written"),
        max_length=300,
        blank=True,
        help_text=_("E.g. “Giám đốc Công an tỉnh và Chủ tịch LĐLĐ tỉnh”, or “Ban tổ chức”."),
    )
    reason = models.TextField(_("reason"), blank=True)
    conference = models.ForeignKey(
        Conference,
        verbose_name=_("handed out at"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="award_decisions",
    )
    # PROTECT: an agreement whose work was honoured is not deleted from under the decision.
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("honours work under"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_decisions",
    )
    movement = models.ForeignKey(
        Movement,
        verbose_name=_("honours the movement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="award_decisions",
    )
    total_count = models.PositiveIntegerField(_("recipients in all"), null=True, blank=True)
    collective_count = models.PositiveIntegerField(_("collectives"), null=True, blank=True)
    individual_count = models.PositiveIntegerField(_("individuals"), null=True, blank=True)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    entry_status = models.CharField(
        _("entry status"), max_length=20, choices=EntryStatus.choices, default=EntryStatus.SUBMITTED
    )
    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="award_decisions",
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
    search = SearchKeyField(sources=("number", "authorities_text", "reason"))

    objects = AwardDecisionQuerySet.as_manager()
    history = HistoricalRecords(m2m_fields=[authorities])

    class Meta:
        verbose_name = _("award decision")
        verbose_name_plural = _("award decisions")
        ordering = ["-decided_on", "-pk"]
        constraints = [
            # PositiveIntegerField already refuses negatives; named here so the rule is explicit
            # and its message is the one users read.
            models.CheckConstraint(
                condition=(
                    (Q(total_count__isnull=True) | Q(total_count__gte=0))
                    & (Q(collective_count__isnull=True) | Q(collective_count__gte=0))
                    & (Q(individual_count__isnull=True) | Q(individual_count__gte=0))
                ),
                name="award_counts_not_negative",
                violation_error_message=_("Counts of recipients cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(total_count__isnull=True)
                | Q(total_count__gte=Coalesce(F("collective_count"), 0) + Coalesce(F("individual_count"), 0)),
                name="award_counts_within_total",
                violation_error_message=_(
                    "Collectives and individuals together cannot exceed the total number of recipients."
                ),
            ),
            models.CheckConstraint(
                condition=Q(revoked_on__isnull=True) | ~Q(revocation_reason=""),
                name="award_revocation_has_reason",
                violation_error_message=_("A revoked decision needs the reason for revocation."),
            ),
        ]
        indexes = [
            models.Index(fields=["decided_on"], name="award_decided_on"),
            # The drafts on the to-do page: a few rows among half a million.
            models.Index(fields=["-id"], name="awarddecision_drafts", condition=models.Q(entry_status="draft")),
        ]

    def __str__(self):
        parts = [str(self.form)]
        if self.number:
            parts.append(_("No. %(number)s") % {"number": self.number})
        if self.authorities_text:
            parts.append(f"({self.authorities_text})")
        return " ".join(str(p) for p in parts)

    def get_absolute_url(self):
        return reverse("browse:decision-detail", args=[self.pk])

    @property
    def mixed_count(self):
        """Recipients counted only as "tập thể, cá nhân", without the split."""
        if self.total_count is None:
            return None
        return self.total_count - (self.collective_count or 0) - (self.individual_count or 0)

    def check_recipients(self, recipients):
        """Raise ValidationError if the named ``recipients`` disagree with the counts.

        Called by the services and the admin with the rows about to be saved; a database
        CHECK cannot see other rows, so this rule lives here.
        """
        named = dict.fromkeys(AwardRecipient.Kind.values, 0)
        for recipient in recipients:
            named[recipient.kind] += 1
        if not any(named.values()):
            return
        errors = {}
        collectives = named[AwardRecipient.Kind.COLLECTIVE]
        individuals = named[AwardRecipient.Kind.INDIVIDUAL]
        if self.collective_count is not None and self.collective_count != collectives:
            errors["collective_count"] = _("The decision counts %(count)s collectives but names %(named)s.") % {
                "count": self.collective_count,
                "named": collectives,
            }
        if self.individual_count is not None and self.individual_count != individuals:
            errors["individual_count"] = _("The decision counts %(count)s individuals but names %(named)s.") % {
                "count": self.individual_count,
                "named": individuals,
            }
        if self.total_count is not None and self.total_count != collectives + individuals:
            errors["total_count"] = _("The decision counts %(count)s recipients in all but names %(named)s.") % {
                "count": self.total_count,
                "named": collectives + individuals,
            }
        if errors:
            raise ValidationError(errors)


class AwardRecipient(models.Model):
    """A named collective or individual in an award decision."""

    class Kind(models.TextChoices):
        COLLECTIVE = "collective", _("Collective")
        INDIVIDUAL = "individual", _("Individual")

    decision = models.ForeignKey(
        AwardDecision, verbose_name=_("decision"), on_delete=models.CASCADE, related_name="recipients"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=300)
    body = models.ForeignKey(
        Body,
        verbose_name=_("body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards_received",
        help_text=_("The collective, or the individual's unit."),
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), null=True, blank=True, on_delete=models.PROTECT, related_name="awards"
    )
    search = SearchKeyField(sources=("name",))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        ordering = ["kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="individual") | Q(person__isnull=True),
                name="award_recipient_person_only_for_individuals",
                violation_error_message=_("Only an individual recipient can be linked to a person."),
            ),
        ]

    def __str__(self):
        return self.name


class DecisionSummary(models.Model):
    """Award decisions counted (submitted, not revoked) and their recipients per year, form,
    province and sector, for the dashboard.

    Derived data, kept exact by ``awards.summaries``; the same keys as
    ``agreements.ConferenceSummary`` ("0 means all", the rows for all provinces kept apart per
    shard), so a decision counts once per filter combination.
    """

    year = models.PositiveSmallIntegerField()
    form = models.ForeignKey(AwardForm, on_delete=models.CASCADE, related_name="+")
    province = models.PositiveIntegerField()
    sector = models.PositiveIntegerField()
    shard = models.PositiveIntegerField(default=0)
    decisions = models.IntegerField(default=0)
    collectives = models.BigIntegerField(default=0)
    individuals = models.BigIntegerField(default=0)
    recipients = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("decision summary")
        verbose_name_plural = _("decision summaries")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "sector", "year", "form", "shard"], name="decision_summary_key"
            ),
        ]

    def __str__(self):
        return f"{self.year} · {self.form_id} · {self.province} · {self.sector} · {self.shard}: {self.decisions}"


class DecisionProvince(models.Model):
    """A province a decision belongs to: where its awarding bodies are, where the bodies of the
    conference it was handed out at are, and the current province each merged into."""

    decision = models.ForeignKey(AwardDecision, on_delete=models.CASCADE, related_name="+")
    province = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("province of a decision")
        verbose_name_plural = _("provinces of decisions")
        constraints = [
            models.UniqueConstraint(fields=["province", "decision"], name="decision_province_key"),
        ]
        indexes = [models.Index(fields=["decision"], name="decision_province_decision")]

    def __str__(self):
        return f"{self.decision_id} · {self.province}"
