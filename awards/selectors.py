"""Reads for the award decision pages; every queryset goes through ``readable``."""

from django.db.models import Prefetch

from agreements.access import readable
from agreements.models import Agreement, Body, Conference
from awards.filters import DECISION_SORTS, DecisionFilter
from awards.models import AwardDecision, AwardRecipient
from common.history import history_entries
from common.listing import Listing, listing


def decision_list_for(user, params) -> Listing:
    queryset = (
        readable(AwardDecision.objects.all(), user)
        .select_related("form", "conference")
        .prefetch_related(Prefetch("authorities", queryset=Body.objects.order_by("name")))
    )
    return listing(DecisionFilter, params, queryset, DECISION_SORTS, "-decided", user=user)


def decision_detail_queryset(user):
    return (
        readable(AwardDecision.objects.all(), user)
        .select_related("form", "movement", "source", "created_by")
        .prefetch_related(
            Prefetch("authorities", queryset=Body.objects.select_related("sector").order_by("name")),
            Prefetch("recipients", queryset=AwardRecipient.objects.select_related("body", "person")),
        )
    )


def decision_relations(decision, user):
    """The conference and the agreement of ``decision``, when ``user`` may read them."""
    conference = agreement = None
    if decision.conference_id:
        conference = readable(Conference.objects.filter(pk=decision.conference_id), user).first()
    if decision.agreement_id:
        agreement = readable(Agreement.objects.filter(pk=decision.agreement_id), user).first()
    return {"conference": conference, "agreement": agreement}


def decision_history(decision, user, limit=50):
    return history_entries(
        decision.history.all(),
        AwardRecipient.history.filter(decision_id=decision.pk),
        user=user,
        limit=limit,
        exclude=("decision",),
    )
