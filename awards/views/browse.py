"""Read-only pages of award decisions. Outsiders get 404 for a decision they may not read."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from agreements.access import editable
from awards import selectors
from awards.models import AwardDecision
from coordination.listing import render_list


@login_required
def decision_list(request):
    listing = selectors.decision_list_for(request.user, request.GET)
    return render_list(request, "awards/decision_list.html", listing)


@login_required
def decision_detail(request, pk):
    decision = get_object_or_404(selectors.decision_detail_queryset(request.user), pk=pk)
    context = {
        "decision": decision,
        "can_edit": editable(AwardDecision.objects.filter(pk=pk), request.user).exists(),
        "history": selectors.decision_history(decision, request.user),
        **selectors.decision_relations(decision, request.user),
    }
    return render(request, "awards/decision_detail.html", context)
