"""What the dashboard shows: key numbers, the reviews due, and the data of its charts.

Every number is computed within the user's scope (agreements.access.readable) and the
dashboard's filters, with a fixed number of queries whatever the size of the data.

Dating rules (coordination/dating.py), shared with the lists' year filters:
- a conference's year is the year it was held, else the last year of the period it reviewed;
- an award decision's year is the year it was decided, else the year of its conference;
- a figure counts for its year when it covers one year: figures over several years (a final
  review's totals) restate the yearly ones and are not added again.

Reviews due, for an agreement in force with a known period:
- a yearly review (sơ kết) of last year, if last year was in the period and not its final
  year (the final review covers that one), due by 31 January, unless a conference of kind
  sơ kết reviewed the agreement for that year;
- the final review (tổng kết), due by 31 December of the period's last year, unless a
  conference of kind tổng kết reviewed it;
- a successor, due by the same date, unless another agreement supersedes it.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.db.models import (
    Count,
    Exists,
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

from agreements.access import province_localities, readable
from agreements.filters import AgreementFilter, ConferenceFilter
from agreements.models import (
    MAX_YEAR,
    MIN_YEAR,
    Agreement,
    Conference,
    ConferenceAgreement,
    Indicator,
    Locality,
    LocalitySuccession,
    ReportedFigure,
    Sector,
)
from awards.filters import DecisionFilter
from awards.models import AwardDecision, AwardForm
from coordination.dating import decision_year
from coordination.forms import LookupSelect

YEARS_SHOWN = 5
ENDING_SOON_DAYS = 180
DUE_HORIZON_DAYS = 90


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
        widget=LookupSelect("agreements:agreement-lookup"),
    )
    indicator = forms.ModelChoiceField(
        Indicator.objects.all(), label=_("Figure"), required=False, empty_label=_("Main figure")
    )
    as_recorded = forms.BooleanField(
        label=_("Provinces as recorded"),
        required=False,
        help_text=_("Show the old provinces instead of rolling them up into the current 34."),
    )

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
    return AgreementFilter(data=params, queryset=readable(Agreement.objects.all(), user)).qs


def scoped_conferences(user, filters):
    return ConferenceFilter(data=filters.list_params(), queryset=readable(Conference.objects.all(), user)).qs


def scoped_decisions(user, filters):
    params = {**filters.list_params(), "revoked": "no"}
    queryset = DecisionFilter(data=params, queryset=readable(AwardDecision.objects.all(), user)).qs
    return queryset.annotate(year=decision_year())


def scoped_figures(user, filters):
    queryset = readable(ReportedFigure.objects.all(), user)
    localities = _localities(filters)
    if localities is not None:
        queryset = queryset.filter(body__locality__in=localities)
    if filters.sector:
        queryset = queryset.filter(body__sector=filters.sector)
    if filters.agreement:
        queryset = queryset.filter(
            Exists(ConferenceAgreement.objects.filter(conference=OuterRef("conference"), agreement=filters.agreement))
        )
    # Yearly figures only: a final review's totals over a period restate the yearly ones.
    return queryset.filter(
        period_start=F("period_end"), period_end__gte=filters.year_from, period_end__lte=filters.year_to
    )


@dataclass
class Due:
    """A review or successor an agreement needs, with the date it is due by."""

    agreement: Agreement
    kind: str  # "interim_review", "final_review" or "successor"
    year: int
    due_on: datetime.date

    def overdue(self, today):
        return self.due_on < today

    @property
    def label(self):
        if self.kind == "interim_review":
            return _("Yearly review (sơ kết) of %(year)s") % {"year": self.year}
        if self.kind == "final_review":
            return _("Final review (tổng kết) of the period ending %(year)s") % {"year": self.year}
        return _("Successor agreement for the period after %(year)s") % {"year": self.year}


def _reviewed_by(kind, year=None):
    kind_q = Q(conference__kind=kind) | Q(conference__extra_kinds__kind=kind)
    links = ConferenceAgreement.objects.filter(kind_q, agreement=OuterRef("pk"), role=ConferenceAgreement.Role.REVIEWED)
    if year is not None:
        links = links.filter(
            Q(conference__reviewed_period_start__lte=year, conference__reviewed_period_end__gte=year)
            | Q(conference__reviewed_period_start__isnull=True, conference__held_on__year__in=[year, year + 1])
        )
    return Exists(links)


def reviews_due(agreements, today, horizon_days=DUE_HORIZON_DAYS):
    """The reviews and successors due by ``today + horizon_days`` or overdue, oldest first.

    One query: the agreements in force whose period is known, with the checks annotated.
    """
    last_year = today.year - 1
    horizon = today + datetime.timedelta(days=horizon_days)
    candidates = (
        agreements.filter(status=Agreement.Status.IN_FORCE, period_start__isnull=False, period_end__isnull=False)
        .annotate(
            interim_done=_reviewed_by(Conference.Kind.INTERIM_REVIEW, last_year),
            final_done=_reviewed_by(Conference.Kind.FINAL_REVIEW),
            has_successor=Exists(Agreement.objects.filter(supersedes=OuterRef("pk"))),
        )
        .order_by("period_end", "pk")
    )
    due = []
    for agreement in candidates:
        if agreement.period_start <= last_year < agreement.period_end and not agreement.interim_done:
            due.append(Due(agreement, "interim_review", last_year, datetime.date(last_year + 1, 1, 31)))
        period_end = datetime.date(agreement.period_end, 12, 31)
        if period_end <= horizon:
            if not agreement.final_done:
                due.append(Due(agreement, "final_review", agreement.period_end, period_end))
            if not agreement.has_successor:
                due.append(Due(agreement, "successor", agreement.period_end, period_end))
    return [item for item in sorted(due, key=lambda d: (d.due_on, d.agreement.pk)) if item.due_on <= horizon]


def ending_soon_years(today):
    """The years whose 31 December falls within the next ENDING_SOON_DAYS days."""
    limit = today + datetime.timedelta(days=ENDING_SOON_DAYS)
    return [year for year in (today.year, today.year + 1) if today <= datetime.date(year, 12, 31) <= limit]


def dashboard(user, filters, today=None):
    """The dashboard's numbers and chart data, as plain values."""
    today = today or timezone.localdate()
    agreements = scoped_agreements(user, filters)
    conferences = scoped_conferences(user, filters)
    decisions = scoped_decisions(user, filters)
    figures = scoped_figures(user, filters)

    counts = agreements.aggregate(
        in_force=Count("pk", filter=Q(status=Agreement.Status.IN_FORCE)),
        ending_soon=Count("pk", filter=Q(status=Agreement.Status.IN_FORCE, period_end__in=ending_soon_years(today))),
    )
    due = reviews_due(agreements, today)
    recipients = decisions.aggregate(
        collectives=Coalesce(Sum("collective_count"), 0),
        individuals=Coalesce(Sum("individual_count"), 0),
        total=Coalesce(Sum(recipients_expr()), 0),
    )
    by_form = list(
        decisions.values("form", "form__name", "form__rank_order")
        .annotate(decisions=Count("pk"), recipients=Coalesce(Sum(recipients_expr()), 0))
        .order_by("form__rank_order")
    )
    by_year_and_form = {
        (row["year"], row["form"]): row["recipients"]
        for row in decisions.values("year", "form").annotate(recipients=Coalesce(Sum(recipients_expr()), 0))
    }
    main_figures = list(
        figures.filter(indicator__is_main=True)
        .values("indicator", "indicator__name", "indicator__unit")
        .annotate(total=Sum("value"))
        .order_by("indicator__name")
    )
    # By default the chart shows the main figure with the largest total (people reached …).
    largest = max(main_figures, key=lambda row: row["total"], default=None)
    indicator = filters.indicator or (Indicator.objects.get(pk=largest["indicator"]) if largest else None)
    province_field = "body__locality" if filters.as_recorded else None
    figure_rows = []
    if indicator is not None:
        rows = figures.filter(indicator=indicator).annotate(
            province=F(province_field) if province_field else current_province_expr("body__locality")
        )
        figure_rows = list(rows.values("province", "period_end").annotate(total=Sum("value")))
    province_names = dict(
        Locality.objects.filter(pk__in={r["province"] for r in figure_rows}).values_list("pk", "short_name")
    )
    timeline = list(
        agreements.filter(
            period_start__isnull=False, period_end__gte=filters.year_from, period_start__lte=filters.year_to
        ).order_by("period_start", "pk")[:30]
    )
    return {
        "today": today,
        "in_force": counts["in_force"],
        "ending_soon": counts["ending_soon"],
        "ending_soon_years": ending_soon_years(today),
        "due": due,
        "overdue_count": sum(1 for d in due if d.overdue(today)),
        "conference_count": conferences.count(),
        "decision_count": sum(row["decisions"] for row in by_form),
        "recipients": recipients,
        "by_form": by_form,
        "by_year_and_form": by_year_and_form,
        "forms": {f.pk: f for f in AwardForm.objects.filter(pk__in={row["form"] for row in by_form})},
        "main_figures": main_figures,
        "indicator": indicator,
        "figure_rows": figure_rows,
        "province_names": province_names,
        "timeline": timeline,
    }
