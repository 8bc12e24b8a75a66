"""What every list page shares: filters, a whitelisted sort order and pagination.

A list is a FilterSet over a readable queryset. When a filter value makes no sense
(year "abc", a province that does not exist) the form carries the error, shown next to
the field, and the list is shown unfiltered rather than empty or broken.
"""

import functools
from dataclasses import dataclass, field

import django_filters
from django import forms
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.shortcuts import render
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from common import generations
from common.years import MAX_YEAR, MIN_YEAR

PER_PAGE = 25
# Rows a list counts exactly. Beyond, it says "more than 10,000" and offers the pages up to
# there: counting half a million rows on every page costs more than the page itself, and
# nobody pages through 400 pages; the filters and the search narrow a list down.
COUNT_LIMIT = 1_000


def choices_area(model) -> str:
    """The generation area (common.generations) of the filter choices read from ``model``:
    whoever writes a row of ``model`` raises it (the write services, the admin)."""
    return f"choices:{model._meta.label_lower}"


def cache_model_choices(form):
    """The options of ``form``'s model selects (sectors, provinces, forms of commendation) read
    from the cache when the form is shown, not with a query per select on every page; the
    field itself still checks a value against its queryset."""
    for name, form_field in form.fields.items():
        widget = form_field.widget
        # A picker (LookupSelect) renders only the chosen record, read from its queryset.
        if isinstance(form_field, forms.ModelChoiceField) and type(widget) in (forms.Select, forms.SelectMultiple):
            widget.choices = functools.partial(model_choices, type(form).__name__, name, form_field)


class FilterForm(forms.Form):
    """Bootstrap classes on every widget, so the template renders fields as they are."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for form_field in self.fields.values():
            widget = form_field.widget
            if isinstance(widget, forms.HiddenInput):
                continue
            css = "form-select form-select-sm" if isinstance(widget, forms.Select) else "form-control form-control-sm"
            widget.attrs["class"] = css
        cache_model_choices(self)

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = widget.attrs.get("class", "") + " is-invalid"


class BrowseFilterSet(django_filters.FilterSet):
    class Meta:
        form = FilterForm
        fields = []


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Year"))
        kwargs.setdefault("min_value", MIN_YEAR)
        kwargs.setdefault("max_value", MAX_YEAR)
        super().__init__(*args, **kwargs)


# The choices of a filter bar are read from the database: the periods present in a table with
# a DISTINCT over all its rows (80 ms over 100k conferences), the sectors, provinces and award
# forms with a query each. They are lists of a few dozen that rarely change, so they are cached
# under the generation of their model, which every write of that model raises.


def period_choices(model, start, end):
    """Periods present in ``model`` ("2018–2023"), newest first: one query when the form
    renders, none while cached."""

    def read():
        periods = (
            model.objects.filter(**{f"{start}__isnull": False, f"{end}__isnull": False})
            .values_list(start, end)
            .distinct()
            .order_by(f"-{end}", f"-{start}")
        )
        return [(f"{a}-{b}", f"{a}–{b}") for a, b in periods]

    return lambda: generations.cached(choices_area(model), ("periods", start, end), read)


def model_choices(form_name, name, form_field):
    """The options of a ModelChoiceField (sector, province, award form), with its empty label."""

    def read():
        return [(getattr(value, "value", value), str(label)) for value, label in form_field.choices]

    area = choices_area(form_field.queryset.model)
    return generations.cached(area, ("options", form_name, name, get_language()), read)


def split_period(value):
    start, end = value.split("-")
    return int(start), int(end)


@dataclass
class Listing:
    """A filtered, sorted queryset and what the page needs to show how it was made."""

    filterset: BrowseFilterSet
    unfiltered: QuerySet
    ordering: tuple
    sort: str
    sort_choices: list = field(default_factory=list)
    # Per-row values worked out by subqueries ({name: expression}): for the rows of the page
    # only (``decorate``), unless the list is sorted by one of them, when every row needs them.
    annotations: dict = field(default_factory=dict)

    @cached_property
    def sorted_by_annotation(self) -> bool:
        return any(str(term).lstrip("-").split(".")[0] in self.annotations for term in map(_term_name, self.ordering))

    @cached_property
    def queryset(self) -> QuerySet:
        """The rows, filtered (not when a filter makes no sense) and sorted."""
        filtered = self.filterset.qs if self.filterset.is_valid() else self.unfiltered
        if self.sorted_by_annotation:
            filtered = filtered.annotate(**self.annotations)
        return filtered.order_by(*self.ordering)

    def annotated(self) -> QuerySet:
        """Every row with the per-row values (an export)."""
        return self.queryset if self.sorted_by_annotation else self.queryset.annotate(**self.annotations)

    def decorate(self, rows: list) -> list:
        """The rows of a page with their per-row values, worked out for those rows only: a late
        page of a long list costs what the first does."""
        if not self.annotations or self.sorted_by_annotation or not rows:
            return rows
        model = type(rows[0])
        values = model.objects.filter(pk__in=[row.pk for row in rows]).annotate(**self.annotations)
        found = {item["pk"]: item for item in values.values("pk", *self.annotations)}
        for row in rows:
            for name in self.annotations:
                setattr(row, name, found[row.pk][name])
        return rows

    @property
    def errors(self):
        return self.filterset.errors

    @property
    def active_filters(self):
        """``[(label, value shown)]`` of the filters applied, for a printed list."""
        if not self.filterset.is_valid():
            return []
        applied = []
        for name, value in self.filterset.form.cleaned_data.items():
            if value in (None, ""):
                continue
            form_field = self.filterset.form.fields[name]
            if isinstance(form_field, forms.ChoiceField) and not isinstance(form_field, forms.ModelChoiceField):
                value = dict(form_field.choices).get(value, value)
            applied.append((form_field.label, value))
        return applied


def _term_name(term):
    """The field an ordering term sorts by ("-appearance_count", F("last_seen").desc())."""
    expression = getattr(term, "expression", None)
    return getattr(expression, "name", None) or str(term)


def listing(filterset_class, params, queryset, sorts, default_sort, allowed=None, annotations=None) -> Listing:
    """Filter ``queryset`` with ``params`` (request.GET) and sort it by ``params["sort"]``.

    ``sorts`` maps a sort key to (label, ordering); an unknown key falls back to
    ``default_sort`` (no error: a stale or hand-made link still shows the list).
    ``allowed`` maps the filters that name one record (``agreement``, ``body``) to the
    records they may name (those the reader may read): another id is an invalid choice,
    so its name is never shown. ``annotations``: per-row values (``Listing.decorate``).
    """
    filterset = filterset_class(params, queryset=queryset)
    for name, records in (allowed or {}).items():
        if name in filterset.filters:
            filterset.filters[name].queryset = records
    sort = params.get("sort", default_sort)
    if sort not in sorts:
        sort = default_sort
    return Listing(
        filterset=filterset,
        unfiltered=queryset,
        ordering=sorts[sort][1],
        sort=sort,
        sort_choices=[(key, label) for key, (label, _ordering) in sorts.items()],
        annotations=annotations or {},
    )


class CappedPaginator(Paginator):
    """A paginator that counts at most ``limit`` rows (``more`` tells whether there are more)."""

    def __init__(self, object_list, per_page, limit=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.limit = COUNT_LIMIT if limit is None else limit

    @cached_property
    def _counted(self):
        # COUNT over a LIMIT subquery: it stops at limit + 1 rows, whatever the table's size.
        # Only the ids: annotations of the rows shown (subqueries) are not worked out to count.
        return self.object_list.order_by().values("pk")[: self.limit + 1].count()

    @cached_property
    def count(self):
        return min(self._counted, self.limit)

    @property
    def more(self):
        return self._counted > self.limit


def page_of(request, queryset) -> Page:
    """The requested page, 25 rows; a page past the end or not a number shows the last / first."""
    return CappedPaginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


def render_list(request, template, listing: Listing, **context):
    """Render ``template`` with the page of ``listing`` asked for in ``request``."""
    page = page_of(request, listing.queryset)
    page.object_list = listing.decorate(list(page.object_list))
    context.update(
        listing=listing,
        filterset=listing.filterset,
        page_obj=page,
        page_range=list(page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)),
    )
    return render(request, template, context)
