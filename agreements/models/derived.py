"""Derived tables, kept exact by the write services (agreements.summaries) and rebuilt by
``manage.py rebuild_summaries``: the dashboard's summaries and each conference's provinces."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from agreements.models.conferences import Conference
from agreements.models.figures import Indicator


class ConferenceSummary(models.Model):
    """Conferences counted per year, province and sector, for the dashboard.

    ``province`` and ``sector`` are locality and sector ids, 0 meaning "all": a conference
    counts once in every (province, sector) it touches, once in (province, 0), once in
    (0, sector) and once in (0, 0), so a filtered count is a sum of rows and never counts a
    conference twice. The rows for all provinces are kept apart per ``shard`` (the conference's
    own province): staff of two provinces saving at the same moment then update different rows
    and never wait for each other's lock. A national count adds up the shards.
    """

    year = models.PositiveSmallIntegerField()
    province = models.PositiveIntegerField()
    sector = models.PositiveIntegerField()
    shard = models.PositiveIntegerField(default=0)
    conferences = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("conference summary")
        verbose_name_plural = _("conference summaries")
        constraints = [
            models.UniqueConstraint(fields=["province", "sector", "year", "shard"], name="conference_summary_key"),
        ]

    def __str__(self):
        return f"{self.year} · {self.province} · {self.sector} · {self.shard}: {self.conferences}"


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


class ConferenceProvince(models.Model):
    """A province a conference belongs to: where it was held, where its bodies are, and the
    current province each of those merged into. The province filter and the provincial
    leaders' scope read it (one index lookup instead of a join per conference)."""

    conference = models.ForeignKey(Conference, on_delete=models.CASCADE, related_name="+")
    province = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("province of a conference")
        verbose_name_plural = _("provinces of conferences")
        constraints = [
            models.UniqueConstraint(fields=["province", "conference"], name="conference_province_key"),
        ]
        indexes = [models.Index(fields=["conference"], name="conference_province_conf")]

    def __str__(self):
        return f"{self.conference_id} · {self.province}"
