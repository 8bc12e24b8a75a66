"""The final review (tổng kết) of an agreement, drafted from its yearly reviews.

At the end of a period staff record a final review; most of its figures are the sums of
what the yearly reviews (sơ kết) reported. This module prepares the entry page for it.
"""

from collections import defaultdict

from django.db.models import Q
from django.utils.translation import gettext as _

from agreements.models import Conference, ConferenceAgreement, ReportedFigure
from awards.models import AwardDecision


def yearly_reviews(agreement):
    """The yearly review conferences of the agreement within its period."""
    kind = Q(kind=Conference.Kind.INTERIM_REVIEW) | Q(extra_kinds__kind=Conference.Kind.INTERIM_REVIEW)
    reviewed = ConferenceAgreement.objects.filter(agreement=agreement, role=ConferenceAgreement.Role.REVIEWED)
    return Conference.objects.filter(kind, pk__in=reviewed.values("conference")).distinct()


def final_review_initial(agreement):
    """(form initial, rows) for the entry page of the agreement's final review.

    Figures: each (indicator, body) summed over the yearly figures reported at the yearly
    reviews within the period. Commendations handed out at those reviews, or given for the
    agreement, are totalled by form in the results text: they stay the decisions they are.
    """
    start, end = agreement.period_start, agreement.period_end
    reviews = yearly_reviews(agreement)
    figures = ReportedFigure.objects.filter(conference__in=reviews).select_related("indicator")
    if start and end:
        figures = figures.filter(period_start__gte=start, period_end__lte=end)
    sums = defaultdict(int)
    for figure in figures.order_by("indicator__name", "body_id", "pk"):
        sums[(figure.indicator_id, figure.body_id)] += figure.value
    decisions = (
        AwardDecision.objects.filter(Q(conference__in=reviews) | Q(agreement=agreement), revoked_on__isnull=True)
        .select_related("form")
        .order_by("form__rank_order", "pk")
    )
    by_form = defaultdict(int)
    for decision in decisions:
        count = decision.total_count
        if count is None:
            count = (decision.collective_count or 0) + (decision.individual_count or 0)
        by_form[decision.form.name] += count
    period = f"{start}-{end}" if start and end else ""
    lines = [
        _("%(count)s collectives and individuals received: %(form)s.") % {"count": count, "form": form}
        for form, count in by_form.items()
    ]
    form = {
        "kind": Conference.Kind.FINAL_REVIEW,
        "title": _("Final review of %(agreement)s") % {"agreement": agreement},
        "hosts": [link.body_id for link in agreement.party_links.all()],
        "reviewed_period": (start, end) if start and end else None,
        "results": "\n".join(lines),
        "movements": [m.pk for m in agreement.movements.all()],
    }
    rows = {
        "agreements": [{"role": ConferenceAgreement.Role.REVIEWED, "agreement": agreement.pk}],
        "people": [],
        "figures": [
            {
                "indicator": indicator,
                "value": value,
                "body": body,
                "period": period,
                "source_quote": _("Sum of the yearly reviews %(period)s") % {"period": period},
            }
            for (indicator, body), value in sums.items()
        ],
        "commendations": [],
    }
    return form, rows, reviews.count()
