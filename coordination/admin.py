"""Admin pieces shared by both apps: tone-insensitive search, change history, creator stamps."""

import dataclasses

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from coordination.text import fold

# Fields that record who created a row; the admin fills them in and nobody edits them.
CREATOR_FIELDS = ("created_by", "entered_by", "uploaded_by")


class FoldedSearchMixin:
    """Admin search (and autocomplete) that ignores Vietnamese tone marks and case.

    ``folded_search_fields`` names ``SearchKeyField``s, on the model or across relations
    (``"person__search"``). The term is folded the way those keys were, then Django's own
    search runs with ``__contains`` on them: it keeps its word splitting, its quoted
    phrases and its handling of lookups that span to-many relations.
    """

    folded_search_fields = ("search",)
    search_help_text = _("Tone marks and capitals are ignored: “thai binh” finds “Thái Bình”.")

    @property
    def search_fields(self):
        # Set, so that the search box shows and other admins may autocomplete against this one;
        # derived, so that no lookup compares unfolded text.
        return tuple(f"{field}__contains" for field in self.folded_search_fields)

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, fold(search_term))


class _EditedFieldChanges(HistoricalRecordContextHelper):
    """Lists the changes of fields people edit; the derived search key would echo every name."""

    def context_for_delta_changes(self, delta):
        edited = [change for change in delta.changes if self.model._meta.get_field(change.field).editable]
        return super().context_for_delta_changes(dataclasses.replace(delta, changes=edited))


def years_display(start, end):
    """A period of years as people write it: "2018–2023", "2019", or open-ended "2023–"."""
    if start and start == end:
        return str(start)
    if start or end:
        return f"{start or ''}–{end or ''}"
    return ""


def stamp_creator(obj, user):
    """Record ``user`` as the creator of a new ``obj``, on models that keep one."""
    if obj.pk is not None:
        return
    for name in CREATOR_FIELDS:
        if hasattr(obj, f"{name}_id") and getattr(obj, f"{name}_id") is None:
            setattr(obj, name, user)


class HistoryAdmin(FoldedSearchMixin, SimpleHistoryAdmin):
    """The usual base: folded search, and a history page listing who changed which field."""

    # A source URL typed without a scheme is https (Django 6's default, without its warning).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_historical_record_context_helper(self, request, historical_record):
        return _EditedFieldChanges(self.model, historical_record)

    def save_model(self, request, obj, form, change):
        stamp_creator(obj, request.user)
        if change and hasattr(obj, "version"):
            # Optimistic locking (see coordination.services.lock_for_edit): a web form opened
            # before this correction must meet a conflict rather than overwrite it.
            obj.version += 1
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for inline_form in formset.forms:
            stamp_creator(inline_form.instance, request.user)
        super().save_formset(request, form, formset, change)
