"""Read-only pages of award decisions. Outsiders get 404 for a decision they may not read."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404

from agreements.access import may_edit
from awards import selectors
from awards.models import AwardDecision
from browse.pagecache import render_record
from common.listing import render_list


@login_required
def decision_list(request):
    listing = selectors.decision_list_for(request.user, request.GET)
    return render_list(request, "browse/decision_list.html", listing)


@login_required
def decision_detail(request, pk):
    def build():
        decision = get_object_or_404(selectors.decision_detail_queryset(request.user), pk=pk)
        return {
            "decision": decision,
            "history": selectors.decision_history(decision, request.user),
            **selectors.decision_relations(decision, request.user),
        }

    can_edit = may_edit(AwardDecision, pk, request.user)
    return render_record(
        request,
        "browse/decision_detail.html",
        AwardDecision,
        pk,
        build,
        ("decision", "history", "conference", "agreement"),
        can_edit=can_edit,
    )
