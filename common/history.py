"""Change history for a record's page, from django-simple-history.

``history_entries`` turns the historical rows of a record (and of its child rows) into what
the ``_history.html`` include shows: who, when, and each changed field before → after.
The diffs are made in Python over the rows already fetched: one query per historical
queryset (related rows joined in, to show "Công an tỉnh Bến Tre" rather than an id), and
one more only when a queryset fills the limit with changes whose previous version lies
outside the window. Nothing here grows with the number of entries.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import F, ForeignKey, Q, Window
from django.db.models.functions import RowNumber
from django.utils import formats
from django.utils.translation import gettext_lazy as _

CREATED, CHANGED, DELETED = "+", "~", "-"
ACTIONS = {CREATED: _("created"), CHANGED: _("changed"), DELETED: _("deleted")}


def _tracked_fields(history_model, exclude):
    """Editable, non-M2M fields of the tracked model (the M2M diff would cost queries)."""
    m2m = {field.name for field in history_model._history_m2m_fields}
    return [
        field
        for field in history_model.instance_type._meta.concrete_fields
        if field.editable and not field.primary_key and field.name not in m2m and field.name not in exclude
    ]


def _value(record, field):
    """The field's value in ``record``; for a foreign key the related object (joined in),
    or its id when that row no longer exists."""
    value = getattr(record, field.attname)
    if isinstance(field, ForeignKey) and value is not None:
        return getattr(record, field.name) or DeletedRow(value)
    return value


class DeletedRow:
    def __init__(self, pk):
        self.pk = pk

    def __str__(self):
        return str(_("#%(id)s (deleted)") % {"id": self.pk})


def _is_empty(value):
    return value is None or value == ""


def _order_key(record):
    return (record.history_date, record.history_id)


def _previous_versions(queryset, oldest, related):
    """The version just before ``oldest[object_id]`` for each object, in one query."""
    condition = Q()
    for object_id, record in oldest.items():
        condition |= Q(id=object_id, history_date__lt=record.history_date) | Q(
            id=object_id, history_date=record.history_date, history_id__lt=record.history_id
        )
    numbered = (
        queryset.filter(condition)
        .select_related(*related)
        .annotate(
            newest=Window(
                RowNumber(), partition_by=[F("id")], order_by=[F("history_date").desc(), F("history_id").desc()]
            )
        )
        .filter(newest=1)
    )
    return {record.id: record for record in numbered}


def _entries_for(queryset, limit, exclude):
    fields = _tracked_fields(queryset.model, exclude)
    related = [field.name for field in fields if isinstance(field, ForeignKey)]
    records = list(queryset.select_related("history_user", *related).order_by("-history_date", "-history_id")[:limit])
    if not records:
        return []
    by_object = defaultdict(list)
    for record in records:
        by_object[record.id].append(record)
    for versions in by_object.values():
        versions.sort(key=_order_key)
    previous = {}
    if len(records) == limit:
        # The window may start in the middle of an object's history: fetch the version
        # before each object's oldest one so that its first entry shows a real diff.
        oldest = {
            object_id: versions[0] for object_id, versions in by_object.items() if versions[0].history_type != CREATED
        }
        if oldest:
            previous = _previous_versions(queryset, oldest, related)
    names = [field.name for field in fields]
    entries = []
    for object_id, versions in by_object.items():
        before = previous.get(object_id)
        for record in versions:
            if record.history_type == CREATED or before is None:
                changes = [(field, None, _value(record, field)) for field in fields]
            elif record.history_type == DELETED:
                changes = [(field, _value(record, field), None) for field in fields]
            else:
                delta = record.diff_against(before, included_fields=names)
                changed = {change.field for change in delta.changes}
                changes = [
                    (field, _value(before, field), _value(record, field)) for field in fields if field.name in changed
                ]
            changes = [(field, old, new) for field, old, new in changes if not (_is_empty(old) and _is_empty(new))]
            # A save that changed nothing shown here (only a many-to-many field, or nothing
            # at all) would be an empty line.
            if changes or record.history_type != CHANGED:
                entries.append({"record": record, "changes": changes})
            before = record
    return entries


def _unreadable(entries, hidden_among):
    """``{(model, pk)}`` of the records named in the changes that the reader may not read
    (``hidden_among(model, pks)``, one call per model named): their names stay off the page
    as the records themselves do."""
    if hidden_among is None:
        return set()
    wanted = defaultdict(set)
    for entry in entries:
        for field, old, new in entry["changes"]:
            if isinstance(field, ForeignKey):
                wanted[field.related_model].update(v.pk for v in (old, new) if not _is_empty(v))
    hidden = set()
    for model, pks in wanted.items():
        hidden.update((model, pk) for pk in hidden_among(model, pks))
    return hidden


def _display(field, value, hidden):
    if _is_empty(value):
        return None
    if isinstance(field, ForeignKey):
        if (field.related_model, value.pk) in hidden:
            return _("(a record outside your access)")
        full_name = value.get_full_name() if hasattr(value, "get_full_name") else ""
        return full_name or str(value)
    if field.flatchoices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, Decimal):
        # Figures as the reader writes them: 90.982, 12,5 (years stay 2019).
        value = int(value) if value == value.to_integral_value() else value
        return formats.number_format(value, use_l10n=True, force_grouping=True)
    # Dates and numbers as the reader writes them (29/08/2018); text as it is.
    return formats.localize(value) if isinstance(value, datetime.date | int | float) else value


def _user_label(user):
    if user is None:
        return None
    return user.get_full_name() or user.get_username()


def history_entries(*querysets, hidden_among=None, limit=50, exclude=()):
    """The newest ``limit`` changes in ``querysets`` of historical records, newest first.

    Pass the record's own history first, then its child rows' (``agreement.history.all()``,
    ``HistoricalAgreementParty.objects.filter(agreement_id=pk)``); ``exclude`` names fields
    not worth showing (the child's link back to the record); ``hidden_among(model, pks)``
    gives, of the related records named in the changes, those the reader may not read, whose
    names are left out (agreements.access.hidden_among). Each entry is a dict: ``date``,
    ``user`` (a name, or None), ``action`` ("created" …), ``model`` (the child's verbose name,
    None for the record itself), ``reason`` and ``changes``: ``[(verbose name, old, new)]``
    with None for an empty side.
    """
    collected = []
    for index, queryset in enumerate(querysets):
        for entry in _entries_for(queryset, limit, set(exclude)):
            entry["is_child"] = index > 0
            collected.append(entry)
    collected.sort(key=lambda entry: _order_key(entry["record"]), reverse=True)
    collected = collected[:limit]
    hidden = _unreadable(collected, hidden_among)
    result = []
    for entry in collected:
        record = entry["record"]
        result.append(
            {
                "date": record.history_date,
                "user": _user_label(record.history_user),
                "action": ACTIONS.get(record.history_type, record.history_type),
                "history_type": record.history_type,
                "model": record.instance_type._meta.verbose_name if entry["is_child"] else None,
                "reason": record.history_change_reason or "",
                "changes": [
                    (field.verbose_name, _display(field, old, hidden), _display(field, new, hidden))
                    for field, old, new in entry["changes"]
                ],
            }
        )
    return result
