"""Provenance and entry status, shared by the records, and the bounds of plausible years."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from common.fields import SearchKeyField
from common.years import MAX_YEAR, MIN_YEAR


def year_range_q(field):
    return Q(**{f"{field}__isnull": True}) | Q(**{f"{field}__gte": MIN_YEAR, f"{field}__lte": MAX_YEAR})


def period_q(start, end):
    return Q(**{f"{start}__isnull": True}) | Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": F(start)})


class EntryStatus(models.TextChoices):
    """Where a record entered by staff stands.

    A draft is saved but not reported: it counts nowhere and only its own bodies see it.
    Submitted records count. Where a body asks for it, a leader of a host body confirms a
    submitted record, or returns it to the staff with a reason (it then counts no more until
    it is submitted again).
    """

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CONFIRMED = "confirmed", _("Confirmed")
    RETURNED = "returned", _("Returned for correction")


# The statuses that count in the dashboard, the summaries, the reports and the exports.
COUNTED_STATUSES = (EntryStatus.SUBMITTED, EntryStatus.CONFIRMED)


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
