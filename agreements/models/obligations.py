"""What an agreement calls for, with its due dates: the to-do items of the review cycle."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.models.agreements import Agreement
from agreements.models.conferences import Conference


class ObligationQuerySet(models.QuerySet):
    def open(self):
        """Neither fulfilled nor dismissed."""
        return self.filter(fulfilled=False, dismissed_at__isnull=True)


class Obligation(models.Model):
    """A review or a successor an agreement calls for, and by when.

    For an agreement with a known period: a yearly review (sơ kết) of each year of the period
    but the last, due by 31 January of the next year; the final review (tổng kết) and a
    successor, both due by 31 December of the period's last year. The rows are derived from
    the agreement, the conferences that reviewed it and the agreements that supersede it, and
    kept by the write services (agreements.obligations); staff of a party may dismiss one with
    a reason (an agreement ended by decision needs no successor), which stays in the history.
    """

    class Kind(models.TextChoices):
        INTERIM_REVIEW = "interim_review", _("Yearly review (sơ kết)")
        FINAL_REVIEW = "final_review", _("Final review (tổng kết)")
        SUCCESSOR = "successor", _("Successor agreement")

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="obligations"
    )
    kind = models.CharField(_("what is due"), max_length=20, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    due_on = models.DateField(_("due on"))
    fulfilled = models.BooleanField(_("fulfilled"), default=False)
    fulfilled_by_conference = models.ForeignKey(
        Conference,
        verbose_name=_("fulfilled by the conference"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    fulfilled_by_agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("fulfilled by the agreement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    dismissed_at = models.DateTimeField(_("dismissed at"), null=True, blank=True)
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dismissed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    dismissal_reason = models.TextField(_("reason for dismissal"), blank=True)

    objects = ObligationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review or successor due")
        verbose_name_plural = _("reviews and successors due")
        ordering = ["due_on", "agreement_id", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "kind", "year"],
                name="obligation_unique",
                violation_error_message=_("The agreement already has this review or successor due."),
            ),
            models.CheckConstraint(
                condition=Q(dismissed_at__isnull=True) | ~Q(dismissal_reason=""),
                name="obligation_dismissal_has_reason",
                violation_error_message=_("A dismissal needs its reason."),
            ),
        ]
        indexes = [
            # The to-do page and the dashboard: the open items due by a date, oldest first.
            models.Index(
                fields=["due_on", "agreement"],
                name="obligation_open_due",
                condition=Q(fulfilled=False, dismissed_at__isnull=True),
            ),
        ]

    def __str__(self):
        return f"{self.agreement} · {self.get_kind_display()} {self.year}"

    @property
    def label(self):
        if self.kind == self.Kind.INTERIM_REVIEW:
            return _("Yearly review (sơ kết) of %(year)s") % {"year": self.year}
        if self.kind == self.Kind.FINAL_REVIEW:
            return _("Final review (tổng kết) of the period ending %(year)s") % {"year": self.year}
        return _("Successor agreement for the period after %(year)s") % {"year": self.year}

    def overdue(self, today):
        return self.due_on < today
