"""What the dashboard shows: key numbers, the reviews due, and the data of its charts.

Every number is computed within the user's scope (agreements.access.readable) and the
dashboard's filters, with a fixed number of queries whatever the size of the data.

Dating rules (coordination/dating.py), shared with the lists' year filters:
- a conference's year is the year it was held, else the last year of the period it reviewed;
- an award decision's year is the year it was decided, else the year of its conference;
- a figure counts for its year when it covers one year: figures over several years (a final
  review's totals) restate the yearly ones and are not added again.

Reviews due: the open obligations of the agreements in scope (agreements.obligations says
what a period calls for), due within DUE_HORIZON_DAYS or overdue.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.db.models import (
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.access import access_for, province_localities, readable, scope_key
from agreements.filters import AgreementFilter, ConferenceFilter
from agreements.models import (
    MAX_YEAR,
    MIN_YEAR,
    Agreement,
    Conference,
    ConferenceAgreement,
    ConferenceSummary,
    FigureSummary,
    Indicator,
    Locality,
    LocalitySuccession,
    Obligation,
    ReportedFigure,
    Sector,
)
from agreements.summaries import ALL
from awards.dating import decision_year
from awards.filters import DecisionFilter
from awards.models import AwardDecision, AwardForm, DecisionSummary
from common.forms import LookupSelect
from common.listing import cache_model_choices

YEARS_SHOWN = 5
ENDING_SOON_DAYS = 180
DUE_HORIZON_DAYS = 90
DUE_SHOWN = 8  # on the dashboard; the to-do page lists them all
TIMELINE_ROWS = 30


def recipients_expr():
    """Recipients of a decision: the total, else collectives and individuals added up."""
    return Coalesce(
        F("total_count"),
        ExpressionWrapper(
            Coalesce(F("collective_count"), 0) + Coalesce(F("individual_count"), 0), output_field=IntegerField()
        ),
    )


def current_province_expr(locality_field):
    """The current province of a locality: itself if still valid, else what it merged into."""
    successor = LocalitySuccession.objects.filter(predecessor=OuterRef(locality_field)).values("successor")[:1]
    return Coalesce(Subquery(successor), F(locality_field), output_field=IntegerField())


class DashboardForm(forms.Form):
    year_from = forms.IntegerField(label=_("From year"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR)
    year_to = forms.IntegerField(label=_("To year"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR)
    province = forms.ModelChoiceField(
        Locality.objects.filter(level=Locality.Level.PROVINCE, valid_to__isnull=True),
        label=_("Province"),
        required=False,
        empty_label=_("All provinces"),
    )
    sector = forms.ModelChoiceField(
        Sector.objects.all(), label=_("Sector"), required=False, empty_label=_("All sectors")
    )
    agreement = forms.ModelChoiceField(
        Agreement.objects.all(),
        label=_("Agreement"),
        required=False,
        widget=LookupSelect("entry:agreement-lookup"),
    )
    indicator = forms.ModelChoiceField(
        Indicator.objects.all(), label=_("Figure"), required=False, empty_label=_("Main figure")
    )
    as_recorded = forms.BooleanField(
        label=_("Provinces as recorded"),
        required=False,
        help_text=_("Show the old provinces instead of rolling them up into the current 34."),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        cache_model_choices(self)
        if user is not None and "agreement" in self.fields:
            # Only agreements the user may read: another id is refused, its title never shown.
            self.fields["agreement"].queryset = readable(Agreement.objects.all(), user)

    def clean(self):
        data = super().clean()
        start, end = data.get("year_from"), data.get("year_to")
        if start and end and start > end:
            data["year_from"], data["year_to"] = end, start
            self.swapped = True
        return data


@dataclass
class Filters:
    year_from: int
    year_to: int
    province: Locality | None = None
    sector: Sector | None = None
    agreement: Agreement | None = None
    indicator: Indicator | None = None
    as_recorded: bool = False

    @classmethod
    def from_form(cls, form, today):
        """Filters from a bound form; invalid values fall back to the defaults."""
        data = form.cleaned_data if form.is_valid() else {}
        year_to = data.get("year_to") or today.year
        year_from = data.get("year_from") or min(year_to, today.year) - YEARS_SHOWN + 1
        if year_from > year_to:
            year_from = year_to - YEARS_SHOWN + 1
        return cls(
            year_from=year_from,
            year_to=year_to,
            province=data.get("province"),
            sector=data.get("sector"),
            agreement=data.get("agreement"),
            indicator=data.get("indicator"),
            as_recorded=bool(data.get("as_recorded")),
        )

    @property
    def years(self):
        return list(range(self.year_from, self.year_to + 1))

    def list_params(self):
        """The query string parameters the lists understand, for links behind the numbers."""
        params = {"year_from": self.year_from, "year_to": self.year_to}
        if self.province:
            params["province"] = self.province.pk
        if self.sector:
            params["sector"] = self.sector.pk
        if self.agreement:
            params["agreement"] = self.agreement.pk
        return params


def _localities(filters):
    return province_localities([filters.province.pk]) if filters.province else None


# Agreements, conferences and decisions are filtered by the lists' own filter sets, so that a
# number on the dashboard is exactly the count of the list it links to.


def scoped_agreements(user, filters):
    params = {key: value for key, value in filters.list_params().items() if key in ("province", "sector", "agreement")}
    return AgreementFilter(data=params, queryset=readable(Agreement.objects.counted(), user)).qs


def scoped_conferences(user, filters):
    return ConferenceFilter(data=filters.list_params(), queryset=readable(Conference.objects.counted(), user)).qs


def scoped_decisions(user, filters):
    params = {**filters.list_params(), "revoked": "no"}
    queryset = DecisionFilter(data=params, queryset=readable(AwardDecision.objects.counted(), user)).qs
    return queryset.annotate(year=decision_year())


def scoped_figures(user, filters):
    queryset = readable(ReportedFigure.objects.counted(), user)
    localities = _localities(filters)
    if localities is not None:
        queryset = queryset.filter(body__locality__in=localities)
    if filters.sector:
        queryset = queryset.filter(body__sector=filters.sector)
    if filters.agreement:
        conferences = ConferenceAgreement.objects.filter(agreement=filters.agreement).values_list("conference")
        queryset = queryset.filter(conference__in=list(conferences))
    # Yearly figures only: a final review's totals over a period restate the yearly ones.
    return queryset.filter(
        period_start=F("period_end"), period_end__gte=filters.year_from, period_end__lte=filters.year_to
    )


def reviews_due(agreements, today, horizon_days=DUE_HORIZON_DAYS):
    """The open reviews and successors (agreements.Obligation) of ``agreements`` (None: of
    every agreement) due by ``today + horizon_days`` or overdue, oldest first."""
    horizon = today + datetime.timedelta(days=horizon_days)
    due = Obligation.objects.open().filter(due_on__lte=horizon)
    if agreements is not None:
        due = due.filter(agreement__in=agreements)
    return due.select_related("agreement").order_by("due_on", "agreement_id", "kind")


def ending_soon_years(today):
    """The years whose 31 December falls within the next ENDING_SOON_DAYS days."""
    limit = today + datetime.timedelta(days=ENDING_SOON_DAYS)
    return [year for year in (today.year, today.year + 1) if today <= datetime.date(year, 12, 31) <= limit]


def summary_province(user, filters):
    """The province key of the summary rows that answer for ``user`` and ``filters``.

    ``ALL`` for everyone's records, a province's id for one province (a provincial leader's
    scope, or the province filter), ``None`` when the summaries cannot answer exactly: an
    agreement filter, a leader reading several provinces, or a province outside the scope.
    Then the raw rows are counted (still indexed, and rare).
    """
    if filters.agreement is not None:
        return None
    wanted = filters.province.pk if filters.province else ALL
    access = access_for(user)
    if access.reads_all:
        return wanted
    if not access.locality_ids:
        return -1  # no row has this key: the user reads nothing
    current = list(
        Locality.objects.filter(pk__in=access.locality_ids, valid_to__isnull=True).values_list("pk", flat=True)
    )
    if len(current) != 1 or province_localities(current) != set(access.locality_ids):
        return None
    if wanted not in (ALL, current[0]):
        return None
    return current[0]


def _decision_numbers(user, filters, province):
    """(recipients, by_form, by_year_and_form, forms) from the summaries, else the raw rows."""
    if province is None:
        decisions = scoped_decisions(user, filters)
        rows = list(
            decisions.values("year", "form").annotate(
                decisions=Count("pk"),
                collectives=Coalesce(Sum("collective_count"), 0),
                individuals=Coalesce(Sum("individual_count"), 0),
                recipients=Coalesce(Sum(recipients_expr()), 0),
            )
        )
    else:
        rows = list(
            DecisionSummary.objects.filter(
                year__gte=filters.year_from,
                year__lte=filters.year_to,
                province=province,
                sector=filters.sector.pk if filters.sector else ALL,
            )
            .values("year", "form")
            .annotate(
                decisions=Sum("decisions"),
                collectives=Sum("collectives"),
                individuals=Sum("individuals"),
                recipients=Sum("recipients"),
            )
            .filter(decisions__gt=0)
        )
    forms = {f.pk: f for f in AwardForm.objects.filter(pk__in={row["form"] for row in rows})}
    recipients = {"collectives": 0, "individuals": 0, "total": 0}
    per_form = {}
    by_year_and_form = {}
    for row in rows:
        recipients["collectives"] += row["collectives"]
        recipients["individuals"] += row["individuals"]
        recipients["total"] += row["recipients"]
        by_year_and_form[(row["year"], row["form"])] = row["recipients"]
        entry = per_form.setdefault(row["form"], {"form": row["form"], "decisions": 0, "recipients": 0})
        entry["decisions"] += row["decisions"]
        entry["recipients"] += row["recipients"]
    by_form = sorted(per_form.values(), key=lambda entry: forms[entry["form"]].rank_order)
    for entry in by_form:
        entry["form__name"] = forms[entry["form"]].name
        entry["form__rank_order"] = forms[entry["form"]].rank_order
    return recipients, by_form, by_year_and_form, forms


def _conference_count(user, filters, province):
    if province is None:
        return scoped_conferences(user, filters).count()
    return ConferenceSummary.objects.filter(
        year__gte=filters.year_from,
        year__lte=filters.year_to,
        province=province,
        sector=filters.sector.pk if filters.sector else ALL,
    ).aggregate(count=Coalesce(Sum("conferences"), 0))["count"]


def _figure_summaries(user, filters):
    """Yearly figure totals within scope and filters; ``None`` if only the raw rows can answer.

    A figure has a single locality and sector, so summing rows over a set of localities is
    exact for any scope.
    """
    if filters.agreement is not None:
        return None
    access = access_for(user)
    queryset = FigureSummary.objects.filter(year__gte=filters.year_from, year__lte=filters.year_to)
    if not access.reads_all:
        queryset = queryset.filter(locality__in=access.locality_ids or [-1])
    localities = _localities(filters)
    if localities is not None:
        queryset = queryset.filter(locality__in=localities)
    if filters.sector:
        queryset = queryset.filter(sector=filters.sector.pk)
    return queryset


def _figure_numbers(user, filters):
    """(main figures, the indicator charted, its rows by province and year)."""
    summary = _figure_summaries(user, filters)
    if summary is None:
        figures = scoped_figures(user, filters)
        main_figures = list(
            figures.filter(indicator__is_main=True)
            .values("indicator", "indicator__name", "indicator__unit")
            .annotate(total=Sum("value"))
            .order_by("indicator__name")
        )
    else:
        main_figures = list(
            summary.filter(indicator__is_main=True)
            .values("indicator", "indicator__name", "indicator__unit")
            .annotate(total=Sum("total"), count=Sum("figures"))
            .filter(count__gt=0)
            .order_by("indicator__name")
        )
        for row in main_figures:
            del row["count"]
    # By default the chart shows the main figure with the largest total (people reached …).
    largest = max(main_figures, key=lambda row: row["total"], default=None)
    indicator = filters.indicator
    if indicator is None and largest is not None:
        # The row holds what the chart shows of it (no query for the indicator itself).
        indicator = Indicator(pk=largest["indicator"], name=largest["indicator__name"], unit=largest["indicator__unit"])
    figure_rows = []
    if indicator is not None and summary is None:
        province_field = "body__locality" if filters.as_recorded else None
        rows = figures.filter(indicator=indicator).annotate(
            province=F(province_field) if province_field else current_province_expr("body__locality")
        )
        figure_rows = list(rows.values("province", "period_end").annotate(total=Sum("value")))
    elif indicator is not None:
        # Totals per locality as recorded and year (a few hundred rows), rolled up into the
        # current provinces here rather than by a subquery per summary row.
        rows = (
            summary.filter(indicator=indicator)
            .values("locality", "year")
            .annotate(total=Sum("total"), count=Sum("figures"))
            .filter(count__gt=0)
        )
        current = {} if filters.as_recorded else _current_provinces()
        totals = {}
        for row in rows:
            key = (current.get(row["locality"], row["locality"]) or None, row["year"])
            totals[key] = totals.get(key, 0) + row["total"]
        figure_rows = [
            {"province": province, "period_end": year, "total": total} for (province, year), total in totals.items()
        ]
    return main_figures, indicator, figure_rows


def _current_provinces():
    """{old locality: the locality it merged into} (one query, a hundred rows)."""
    return dict(LocalitySuccession.objects.values_list("predecessor", "successor"))


def dashboard_key(user, filters, today):
    """What the dashboard's numbers depend on, for cache keys (common/generations.py)."""
    return (
        "dashboard",
        scope_key(user),
        today,
        filters.year_from,
        filters.year_to,
        *(getattr(filters, name) and getattr(filters, name).pk for name in ("province", "sector", "agreement")),
        filters.indicator and filters.indicator.pk,
        filters.as_recorded,
    )


def dashboard(user, filters, today=None):
    """The dashboard's numbers and chart data, as plain values.

    Conferences, decisions and figures are read from the summary tables
    (coordination/summaries.py) whenever they can answer exactly; agreements (tens of
    thousands) are counted directly. The page caches what it renders from them
    (dashboard.views.home).
    """
    today = today or timezone.localdate()
    agreements = scoped_agreements(user, filters)
    province = summary_province(user, filters)

    in_force = agreements.in_status(Agreement.Status.IN_FORCE, today)
    counts = {
        "in_force": in_force.count(),
        "ending_soon": in_force.filter(period_end__in=ending_soon_years(today)).count(),
    }
    # Only agreements that count have obligations: a reader of everything, unfiltered, reads them all.
    everything = access_for(user).reads_all and not (filters.province or filters.sector or filters.agreement)
    due = reviews_due(None if everything else agreements, today)
    due_counts = due.aggregate(all=Count("pk"), overdue=Count("pk", filter=Q(due_on__lt=today)))
    recipients, by_form, by_year_and_form, forms = _decision_numbers(user, filters, province)
    main_figures, indicator, figure_rows = _figure_numbers(user, filters)
    province_names = dict(
        Locality.objects.filter(pk__in={r["province"] for r in figure_rows}).values_list("pk", "short_name")
    )
    # The thirty whose periods began last (read backwards along their index), earliest first.
    timeline = list(
        agreements.filter(
            period_start__isnull=False, period_end__gte=filters.year_from, period_start__lte=filters.year_to
        ).order_by("-period_start", "-pk")[:TIMELINE_ROWS]
    )[::-1]
    return {
        "today": today,
        "in_force": counts["in_force"],
        "ending_soon": counts["ending_soon"],
        "ending_soon_years": ending_soon_years(today),
        "due_count": due_counts["all"],
        "due_first": list(due[:DUE_SHOWN]),
        "overdue_count": due_counts["overdue"],
        "conference_count": _conference_count(user, filters, province),
        "decision_count": sum(row["decisions"] for row in by_form),
        "recipients": recipients,
        "by_form": by_form,
        "by_year_and_form": by_year_and_form,
        "forms": forms,
        "main_figures": main_figures,
        "indicator": indicator,
        "figure_rows": figure_rows,
        "province_names": province_names,
        "timeline": timeline,
    }
