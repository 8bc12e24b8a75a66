"""Admin pieces shared by both apps: tone-insensitive search, change history, creator stamps,
and lists of large tables that are not counted row by row."""

import dataclasses
from contextlib import contextmanager

from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import connections, models, transaction
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper

from common import derived
from common.forms import CleanCharField, clean_search_term
from common.listing import choices_area
from common.services import CONFLICT_MESSAGE
from common.text import fold

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


# Rows the list of a large table counts exactly. Past this it says "more than 10,000" and offers
# the pages up to there, as the entry pages' lists do: counting a million figures costs more than
# the page itself, and nobody pages through a hundred pages; the filters and the search narrow.
# An unfiltered list past this on PostgreSQL shows the planner's estimate of the table's rows.
COUNT_LIMIT = 10_000


def estimated_row_count(queryset):
    """PostgreSQL's estimate of the rows in ``queryset``'s table (``pg_class.reltuples``, kept
    up to date by autovacuum and ANALYZE), or None: another database, or a table never analysed."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE oid = %s::regclass",
            [connection.ops.quote_name(queryset.model._meta.db_table)],
        )
        row = cursor.fetchone()
    # -1 for a table never vacuumed or analysed (PostgreSQL 14+).
    return row[0] if row and row[0] >= 0 else None


class LargeTablePaginator(Paginator):
    """Counts an admin list without reading every row of a large table.

    It counts at most ``COUNT_LIMIT + 1`` rows (a COUNT over a LIMIT subquery): a small table,
    or a list the filters or the search narrowed, gets its exact count in one query. Past the
    limit, an unfiltered list on PostgreSQL shows the planner's estimate of the table's rows,
    and any other list shows the limit. Counting first keeps the lists of small tables to one
    query, and a stale estimate (a table that grew since it was last analysed) is not believed
    when it says fewer rows than were just counted. ``approximate`` says which number ``count``
    is: "estimate", "limit" (there are more rows), or None (exact).
    """

    approximate = None

    @cached_property
    def count(self):
        queryset = self.object_list
        counted = queryset.order_by()[: COUNT_LIMIT + 1].count()
        if counted <= COUNT_LIMIT:
            return counted
        if not queryset.query.where and not queryset.query.distinct:
            estimate = estimated_row_count(queryset)
            if estimate is not None and estimate > COUNT_LIMIT:
                self.approximate = "estimate"
                return estimate
        self.approximate = "limit"
        return COUNT_LIMIT


class LargeTableChangeList(ChangeList):
    """Says, under the search box, when the number of rows shown is not an exact count.

    Django's templates print ``result_count`` as a plain number ("10000 figures"); the search
    box's help text (every large table's admin has a search box) is the one place a ModelAdmin
    can word it without overriding the admin's templates.
    """

    def get_results(self, request):
        super().get_results(request)
        approximate = getattr(self.paginator, "approximate", None)
        if approximate == "estimate":
            note = gettext("The number of rows is the database’s estimate: counting them all would take too long.")
        elif approximate == "limit":
            note = gettext("More than %(limit)s rows: counting stops there. Filter or search to narrow the list.") % {
                "limit": number_format(COUNT_LIMIT, force_grouping=True)
            }
        else:
            return
        self.search_help_text = f"{self.search_help_text} {note}" if self.search_help_text else note


class LargeTableAdminMixin:
    """For the admin of a table of national size (a million figures, half a million decisions).

    No full count of the list (LargeTablePaginator), no second count of the whole table, and no
    facet counts ("Show counts" runs a count per filter choice over the table). Such an admin
    also keeps its default order to one an index serves, and its filters to fixed choices or
    choices read from small tables (a plain filter on a field runs a DISTINCT over the table).
    """

    paginator = LargeTablePaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER

    def get_changelist(self, request, **kwargs):
        return LargeTableChangeList


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


def _ids(values) -> list[int]:
    return [int(value) for value in values if str(value).isdigit()]


class HistoryAdmin(FoldedSearchMixin, SimpleHistoryAdmin):
    """The usual base: folded search, a history page listing who changed which field, and
    every write made through the app's write path (``editing``).

    Each page that writes (add, change, delete, a bulk action, a revert from the history)
    runs inside ``editing(pks)``: one transaction, and the unit of work of the app's
    services (common.derived), told which rows are about to change, so that what derives
    from them (summaries, provinces, filter choices) follows as after a save on the entry
    pages. A row created on the page is announced with ``created(obj)``.
    """

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

    @contextmanager
    def editing(self, pks):
        """The write path of this model's pages, for the rows ``pks`` about to change.
        Models with derived data override it with their app's (``agreements.services.editing``)."""
        with transaction.atomic(), derived.unit():
            derived.touch(choices_area(self.model))
            yield

    def created(self, obj):
        """``obj`` was just created on this page, inside ``editing``."""

    def get_historical_record_context_helper(self, request, historical_record):
        return _EditedFieldChanges(self.model, historical_record)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method != "POST":
            return super().changeform_view(request, object_id, form_url, extra_context)
        with self.editing(_ids([object_id])):
            return super().changeform_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        if request.method != "POST":
            return super().delete_view(request, object_id, extra_context)
        with self.editing(_ids([object_id])):
            return super().delete_view(request, object_id, extra_context)

    def changelist_view(self, request, extra_context=None):
        if request.method != "POST" or "action" not in request.POST:
            return super().changelist_view(request, extra_context)
        if request.POST.get("select_across") == "1":
            pks = list(self.get_queryset(request).values_list("pk", flat=True))
        else:
            pks = _ids(request.POST.getlist(helpers.ACTION_CHECKBOX_NAME))
        with self.editing(pks):
            return super().changelist_view(request, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method != "POST":
            return super().history_form_view(request, object_id, version_id, extra_context)
        with self.editing(_ids([object_id])):
            return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        stamp_creator(obj, request.user)
        if change and hasattr(obj, "version"):
            # Optimistic locking (see common.services.lock_for_edit): a web form opened
            # before this correction must meet a conflict rather than overwrite it.
            obj.version += 1
        super().save_model(request, obj, form, change)
        if not change:
            self.created(obj)

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
    entry pages (common.services.lock_for_edit).
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
