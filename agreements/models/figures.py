"""Reported figures against a catalogue of indicators."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from agreements.models.base import COUNTED_STATUSES, Source, year_range_q
from agreements.models.bodies import Body
from agreements.models.conferences import Conference
from common.fields import SearchKeyField


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


class ReportedFigureQuerySet(models.QuerySet):
    def in_localities(self, locality_ids):
        """Figures reported by a body placed in ``locality_ids``."""
        return self.filter(body__locality__in=locality_ids)

    def involving(self, body_ids):
        """Figures ``body_ids`` reported."""
        return self.filter(body__in=body_ids)

    def counted(self):
        """Figures that count: of no conference, or of a submitted or confirmed one."""
        return self.filter(Q(conference__isnull=True) | Q(conference__entry_status__in=COUNTED_STATUSES))


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

    objects = ReportedFigureQuerySet.as_manager()
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
                condition=year_range_q("period_start") & year_range_q("period_end"),
                name="figure_period_years_plausible",
                violation_error_message=_("Period years must lie between 1945 and 2100."),
            ),
        ]
        indexes = [
            models.Index(fields=["indicator", "period_end"], name="figure_indicator_period"),
        ]

    def __str__(self):
        return f"{self.indicator.name}: {self.value.normalize():f} {self.indicator.unit}"
