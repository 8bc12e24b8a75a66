"""What the entry pages of both apps share: access checks, formset rows, edit conflicts."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from agreements.access import access_for, may_edit, readable


def entry_bodies(request):
    """The bodies the user enters for, or None for an administrator (no restriction)."""
    access = access_for(request.user)
    if not access.can_enter:
        raise PermissionDenied
    return None if access.is_admin else set(access.staff_body_ids)


def editable_or_denied(request, model, pk):
    """The record if the user may change it; 404 if they may not even read it, else 403."""
    record = get_object_or_404(readable(model.objects.all(), request.user), pk=pk)
    if not may_edit(model, pk, request.user):
        raise PermissionDenied
    return record


def formset_rows(formset):
    """(forms of the rows kept, ids of existing rows removed) of a valid formset.

    Blank rows added in the browser and left empty are skipped.
    """
    kept, removed = [], []
    for form in formset.forms:
        data = form.cleaned_data
        if not data:
            continue
        if formset._should_delete_form(form):
            if data.get("id"):
                removed.append(data["id"])
            continue
        kept.append(form)
    return kept, removed


def with_version(post, version):
    data = post.copy()
    data["version"] = str(version)
    return data
