"""Read-only pages: lists with filters, and the page of each agreement, conference, body
and person. Outsiders get 404 for a record they may not read."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from agreements import selectors
from agreements.access import editable
from agreements.models import Agreement, Appearance, Conference, ConferenceAgreement, ConferenceBody
from coordination.listing import render_list


def _can_edit(model, pk, user):
    return editable(model.objects.filter(pk=pk), user).exists()


@login_required
def agreement_list(request):
    listing = selectors.agreement_list_for(request.user, request.GET)
    return render_list(request, "agreements/agreement_list.html", listing)


@login_required
def agreement_detail(request, pk):
    agreement = get_object_or_404(selectors.agreement_detail_queryset(request.user), pk=pk)
    parties, other_signatories = selectors.parties_with_signatories(agreement)
    context = {
        "agreement": agreement,
        "parties": parties,
        "other_signatories": other_signatories,
        "key_tasks": [line.strip() for line in agreement.key_tasks.splitlines() if line.strip()],
        "can_edit": _can_edit(Agreement, pk, request.user),
        "history": selectors.agreement_history(agreement, request.user),
        **selectors.agreement_relations(agreement, request.user),
    }
    return render(request, "agreements/agreement_detail.html", context)


@login_required
def conference_list(request):
    listing = selectors.conference_list_for(request.user, request.GET)
    return render_list(request, "agreements/conference_list.html", listing)


@login_required
def conference_detail(request, pk):
    conference = get_object_or_404(selectors.conference_detail_queryset(request.user), pk=pk)
    body_links = list(conference.body_links.all())
    context = {
        "conference": conference,
        "hosts": [link.body for link in body_links if link.role == ConferenceBody.Role.HOST],
        "participants": [link.body for link in body_links if link.role == ConferenceBody.Role.PARTICIPANT],
        "agreements_by_role": selectors.group_by_role(conference.readable_agreement_links, ConferenceAgreement.Role),
        "appearances_by_role": selectors.group_by_role(conference.appearances.all(), Appearance.Role),
        "can_edit": _can_edit(Conference, pk, request.user),
        "history": selectors.conference_history(conference, request.user),
    }
    return render(request, "agreements/conference_detail.html", context)


@login_required
def body_list(request):
    listing = selectors.body_list_for(request.user, request.GET)
    return render_list(request, "agreements/body_list.html", listing)


@login_required
def body_detail(request, pk):
    body = get_object_or_404(selectors.body_detail_queryset(request.user), pk=pk)
    context = {"body": body, "rows": selectors.BODY_PAGE_ROWS, **selectors.body_relations(body, request.user)}
    return render(request, "agreements/body_detail.html", context)


@login_required
def person_list(request):
    listing = selectors.person_list_for(request.user, request.GET)
    return render_list(request, "agreements/person_list.html", listing)


@login_required
def person_detail(request, pk):
    person = get_object_or_404(selectors.person_detail_queryset(request.user), pk=pk)
    context = {
        "person": person,
        "appearances": selectors.person_appearances(person, request.user),
        "awards": selectors.person_awards(person, request.user),
    }
    return render(request, "agreements/person_detail.html", context)
