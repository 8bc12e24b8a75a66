"""Admin pieces shared by both apps: tone-insensitive search, change history, creator stamps."""

import dataclasses

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from coordination.accounts import session_end
from coordination.entry import CONFLICT_MESSAGE
from coordination.forms import CleanCharField, clean_search_term
from coordination.models import UserSession
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
        # Control characters (NUL) are dropped: PostgreSQL would refuse the query.
        return super().get_search_results(request, queryset, fold(clean_search_term(search_term)))


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

    formfield_overrides = {
        # A source URL typed without a scheme is https (Django 6's default, without its warning).
        models.URLField: {"assume_scheme": "https"},
        # Names and texts are stored as the entry pages store them: one Unicode spelling (NFC),
        # single spaces, no control characters, so that a name pasted in decomposed form
        # (NFD) is not a second "Thái Bình". Slugs keep their own field.
        models.CharField: {"form_class": CleanCharField},
        models.TextField: {"form_class": CleanCharField},
        models.SlugField: {},
    }

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
            if (
                inline_form.instance.pk is not None
                and inline_form.has_changed()
                and hasattr(inline_form.instance, "version")
            ):
                # A decision corrected on its conference's page conflicts with older edit forms too.
                inline_form.instance.version += 1
        super().save_formset(request, form, formset, change)


class VersionedAdminForm(forms.ModelForm):
    """A change form that carries the version of the record it was opened at.

    Saving from an older version (someone saved in between, in the admin or on the entry
    pages) is refused: nothing is saved, the message says why, and the form now carries the
    current version, so that saving again knowingly replaces the other change, as on the
    entry pages (coordination.services.lock_for_edit).
    """

    # Not "version": the model field is not editable, and a model form may not name it.
    opened_version = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["opened_version"].initial = self.instance.version

    def clean(self):
        data = super().clean()
        opened = data.get("opened_version")
        if self.instance.pk is None or opened is None:
            return data
        # The admin saves in one transaction: the row stays locked from this check to the save.
        current = (
            type(self.instance)
            ._default_manager.select_for_update()
            .filter(pk=self.instance.pk)
            .values_list("version", flat=True)
            .first()
        )
        if current is not None and current != opened:
            self.data = self.data.copy()
            self.data[self.add_prefix("opened_version")] = str(current)
            raise ValidationError(CONFLICT_MESSAGE, code="conflict")
        return data


class VersionedAdmin(HistoryAdmin):
    """HistoryAdmin for records with a ``version`` (agreements, conferences, award decisions):
    the change form carries the version it was opened at (VersionedAdminForm)."""

    form = VersionedAdminForm

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": (*options["fields"], "opened_version")}), *rest]


# Sessions of logged-in users, for ending one from the back office (a lost laptop): deleting
# a row ends its session. Rows come from logins only, so there is no add or change form.
@admin.register(UserSession)
class UserSessionAdmin(admin.ModelAdmin):
    list_display = ("user", "user_agent", "ip", "created", "last_seen")
    list_filter = ("last_seen",)
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    search_fields = ("user__username", "ip")
    date_hierarchy = "last_seen"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def delete_model(self, request, obj):
        session_end(user=obj.user, pk=obj.pk)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            session_end(user=obj.user, pk=obj.pk)
