"""Read-only pages: lists with filters, and the page of each agreement, conference, body,
person and award decision. Outsiders get 404 for a record they may not read.

A record's page is put together here from the selectors of both apps: the agreement, the
conference or the body from ``agreements``, the commendations in it from ``awards``.
"""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from agreements import selectors
from agreements.access import may_edit, readable
from agreements.models import Agreement, Appearance, Attachment, Conference, ConferenceAgreement, ConferenceBody
from awards import selectors as award_selectors
from awards.models import AwardDecision
from common.listing import render_list

# Related rows shown on a record's page before "show all" links to the filtered list.
PAGE_ROWS = selectors.PAGE_ROWS
BODY_PAGE_ROWS = selectors.BODY_PAGE_ROWS


@login_required
def agreement_list(request):
    listing = selectors.agreement_list_for(request.user, request.GET)
    return render_list(request, "browse/agreement_list.html", listing)


@login_required
def agreement_detail(request, pk):
    agreement = get_object_or_404(selectors.agreement_detail_queryset(request.user), pk=pk)
    parties, other_signatories = selectors.parties_with_signatories(agreement)
    context = {
        "agreement": agreement,
        "parties": parties,
        "other_signatories": other_signatories,
        "key_tasks": [line.strip() for line in agreement.key_tasks.splitlines() if line.strip()],
        "history": selectors.agreement_history(agreement, request.user),
        "decisions": award_selectors.decisions_honouring(agreement, request.user, rows=PAGE_ROWS),
        "rows": PAGE_ROWS,
        "can_edit": may_edit(Agreement, pk, request.user),
        **selectors.agreement_relations(agreement, request.user),
    }
    return render(request, "browse/agreement_detail.html", context)


@login_required
def conference_list(request):
    listing = selectors.conference_list_for(request.user, request.GET)
    return render_list(request, "browse/conference_list.html", listing)


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
        "history": selectors.conference_history(conference, request.user),
        "decisions": award_selectors.decisions_at(conference, request.user),
        "can_edit": may_edit(Conference, pk, request.user),
    }
    return render(request, "browse/conference_detail.html", context)


@login_required
def body_list(request):
    listing = selectors.body_list_for(request.user, request.GET)
    return render_list(request, "browse/body_list.html", listing)


@login_required
def body_detail(request, pk):
    body = get_object_or_404(selectors.body_detail_queryset(request.user), pk=pk)
    relations = selectors.body_relations(body, request.user, rows=BODY_PAGE_ROWS)
    decisions = award_selectors.body_decisions(body, request.user, rows=BODY_PAGE_ROWS)
    context = {
        "body": body,
        **relations,
        **{key: value for key, value in decisions.items() if key != "more"},
        "more": {**relations["more"], **decisions["more"]},
    }
    return render(request, "browse/body_detail.html", context)


@login_required
def person_list(request):
    listing = selectors.person_list_for(request.user, request.GET)
    return render_list(request, "browse/person_list.html", listing)


@login_required
def person_detail(request, pk):
    person = get_object_or_404(selectors.person_detail_queryset(request.user), pk=pk)
    context = {
        "person": person,
        "appearances": selectors.person_appearances(person, request.user),
        "awards": award_selectors.person_awards(person, request.user),
    }
    return render(request, "browse/person_detail.html", context)


@login_required
def decision_list(request):
    listing = award_selectors.decision_list_for(request.user, request.GET)
    return render_list(request, "browse/decision_list.html", listing)


@login_required
def decision_detail(request, pk):
    decision = get_object_or_404(award_selectors.decision_detail_queryset(request.user), pk=pk)
    context = {
        "decision": decision,
        "history": award_selectors.decision_history(decision, request.user),
        "can_edit": may_edit(AwardDecision, pk, request.user),
        **award_selectors.decision_relations(decision, request.user),
    }
    return render(request, "browse/decision_detail.html", context)


@login_required
@require_GET
def attachment_download(request, pk):
    """An attachment, only to users who may read the agreement or conference it belongs to."""
    attachment = get_object_or_404(Attachment, pk=pk)
    owner_model, owner_pk = (
        (Agreement, attachment.agreement_id) if attachment.agreement_id else (Conference, attachment.conference_id)
    )
    if not readable(owner_model.objects.filter(pk=owner_pk), request.user).exists():
        raise Http404
    return FileResponse(
        attachment.file.open("rb"), as_attachment=True, filename=attachment.file.name.rsplit("/", 1)[-1]
    )
