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


def show_errors(form, error):
    """A ValidationError from a service, shown on ``form``: next to its field when the form
    has it, at the top otherwise (a row of an inline list, a rule about the whole record)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            for message in messages:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)
