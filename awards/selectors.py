"""Reads of award decisions, for their own pages and for the sections of other records' pages
(an agreement's, a conference's, a body's, a person's); every queryset goes through ``readable``."""

from django.db.models import F, Prefetch

from agreements.access import hidden_among, readable
from agreements.filters import allowed_records
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
    return listing(DecisionFilter, params, queryset, DECISION_SORTS, "-decided", allowed=allowed_records(user))


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
        hidden_among=hidden_among(user),
        limit=limit,
        exclude=("decision",),
    )


def _decisions(user):
    return readable(AwardDecision.objects.all(), user).select_related("form").prefetch_related("authorities")


def decisions_honouring(agreement, user, rows):
    """The first ``rows`` decisions that honour work under ``agreement``, newest first, and one
    more if there are more (the page links to the list then)."""
    return list(_decisions(user).filter(agreement=agreement)[: rows + 1])


def decisions_at(conference, user):
    """The decisions handed out at ``conference``, highest form first, with their recipients."""
    return list(
        _decisions(user).filter(conference=conference).prefetch_related("recipients").order_by("form__rank_order", "pk")
    )


def body_decisions(body, user, rows):
    """The first ``rows`` decisions ``body`` awarded and received, newest first, and under
    ``more`` whether there are further ones (one row more than shown tells, without counting)."""
    newest = (F("decided_on").desc(nulls_last=True), "-pk")
    # The decisions naming the body among their recipients: found from the recipients' side
    # (an index lookup), not by testing each of half a million decisions.
    received = AwardRecipient.objects.filter(body=body).values("decision")
    first = {
        "decisions_awarded": list(
            readable(AwardDecision.objects.filter(authorities=body), user)
            .select_related("form")
            .order_by(*newest)[: rows + 1]
        ),
        "decisions_received": list(
            readable(AwardDecision.objects.filter(pk__in=received), user)
            .select_related("form")
            .order_by(*newest)[: rows + 1]
        ),
    }
    return {
        "more": {key: len(found) > rows for key, found in first.items()},
        **{key: found[:rows] for key, found in first.items()},
    }


def person_awards(person, user):
    received = AwardRecipient.objects.filter(person=person).values("decision")
    return list(
        readable(AwardDecision.objects.filter(pk__in=received), user)
        .select_related("form")
        .order_by(F("decided_on").desc(nulls_last=True), "-pk")
    )
