"""Read-only pages: lists with filters, and the page of each agreement, conference, body
and person. Outsiders get 404 for a record they may not read."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_GET

from agreements import selectors
from agreements.access import may_edit, readable
from agreements.models import (
    Agreement,
    Appearance,
    Attachment,
    Body,
    Conference,
    ConferenceAgreement,
    ConferenceBody,
    Person,
)
from browse.pagecache import render_record
from common.listing import render_list


@login_required
def agreement_list(request):
    listing = selectors.agreement_list_for(request.user, request.GET)
    return render_list(request, "browse/agreement_list.html", listing)


AGREEMENT_PAGE = (
    "agreement",
    "parties",
    "other_signatories",
    "key_tasks",
    "history",
    "predecessors",
    "successors",
    "implements",
)


@login_required
def agreement_detail(request, pk):
    def build():
        agreement = get_object_or_404(selectors.agreement_detail_queryset(request.user), pk=pk)
        parties, other_signatories = selectors.parties_with_signatories(agreement)
        return {
            "agreement": agreement,
            "parties": parties,
            "other_signatories": other_signatories,
            "key_tasks": [line.strip() for line in agreement.key_tasks.splitlines() if line.strip()],
            "history": selectors.agreement_history(agreement, request.user),
            **selectors.agreement_relations(agreement, request.user),
        }

    can_edit = may_edit(Agreement, pk, request.user)
    return render_record(
        request, "browse/agreement_detail.html", Agreement, pk, build, AGREEMENT_PAGE, can_edit=can_edit
    )


@login_required
def conference_list(request):
    listing = selectors.conference_list_for(request.user, request.GET)
    return render_list(request, "browse/conference_list.html", listing)


CONFERENCE_PAGE = ("conference", "hosts", "participants", "agreements_by_role", "appearances_by_role", "history")


@login_required
def conference_detail(request, pk):
    def build():
        conference = get_object_or_404(selectors.conference_detail_queryset(request.user), pk=pk)
        body_links = list(conference.body_links.all())
        return {
            "conference": conference,
            "hosts": [link.body for link in body_links if link.role == ConferenceBody.Role.HOST],
            "participants": [link.body for link in body_links if link.role == ConferenceBody.Role.PARTICIPANT],
            "agreements_by_role": selectors.group_by_role(
                conference.readable_agreement_links, ConferenceAgreement.Role
            ),
            "appearances_by_role": selectors.group_by_role(conference.appearances.all(), Appearance.Role),
            "history": selectors.conference_history(conference, request.user),
        }

    can_edit = may_edit(Conference, pk, request.user)
    return render_record(
        request, "browse/conference_detail.html", Conference, pk, build, CONFERENCE_PAGE, can_edit=can_edit
    )


@login_required
def body_list(request):
    listing = selectors.body_list_for(request.user, request.GET)
    return render_list(request, "browse/body_list.html", listing)


BODY_PAGE = (
    "body",
    "children",
    "more",
    "agreements",
    "conferences",
    "decisions_awarded",
    "decisions_received",
    "people",
)


@login_required
def body_detail(request, pk):
    def build():
        body = get_object_or_404(selectors.body_detail_queryset(request.user), pk=pk)
        return {"body": body, **selectors.body_relations(body, request.user)}

    return render_record(request, "browse/body_detail.html", Body, pk, build, BODY_PAGE, rows=selectors.BODY_PAGE_ROWS)


@login_required
def person_list(request):
    listing = selectors.person_list_for(request.user, request.GET)
    return render_list(request, "browse/person_list.html", listing)


@login_required
def person_detail(request, pk):
    def build():
        person = get_object_or_404(selectors.person_detail_queryset(request.user), pk=pk)
        return {
            "person": person,
            "appearances": selectors.person_appearances(person, request.user),
            "awards": selectors.person_awards(person, request.user),
        }

    return render_record(request, "browse/person_detail.html", Person, pk, build, ("person", "appearances", "awards"))


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
