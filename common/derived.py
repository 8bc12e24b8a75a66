"""Derived data kept in step with the records by the code that writes them.

Some tables are computed from the records: the dashboard's summaries (counts and totals per
year, province and sector) and, for each record, the provinces it belongs to (what the
province filters and the provincial leaders' scope read). They are kept exact by the write
services themselves, in the same transaction, through a *unit of work*:

    with derived.unit():
        agreement_summaries.track(conferences=[conference.pk])   # before changing it
        ...change the conference, its bodies, its figures...

``track`` is told which records are about to change; it remembers what they contribute to
each derived table now. When the outermost unit ends (the service's, or the one of a caller
that saves several things at once: the conference entry with its commendations, an admin
page with its inlines), what the tracked records contribute then is worked out again and the
difference is added to the tables; the per-record rows are rebuilt for them. A unit inside
another joins it, so a record tracked twice is counted once.

A record created inside a unit is tracked with ``new=True`` (it contributed nothing before).
A tracked record can name others that follow it (a conference's figures and the decisions
handed out there): ``expand`` lists them before the change and again at the end, so rows
added meanwhile (a figure entered with the conference) are counted too.

Nothing here is wired to model signals: a write that bypasses the services (a raw
``update()``, ``bulk_create``, SQL) must rebuild the tables (``manage.py rebuild_summaries``),
and ``manage.py check_summaries`` compares them with a full recount.
"""

import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import NamedTuple

from common import generations

# Cached results computed from the records (the dashboard) live under this generation.
RECORDS_AREA = "records"


@dataclass(frozen=True, eq=False)
class Tally:
    """One derived table and how a set of records contributes to it.

    ``contributions(ids)`` gives ``{key: [values]}`` for the records ``ids`` as they are in
    the database now (records that no longer exist contribute nothing); ``apply(before,
    after)`` adds ``after - before`` to the table; ``settle(ids)`` rebuilds per-record rows
    that are simply replaced (optional).
    """

    name: str
    contributions: Callable[[set], dict]
    apply: Callable[[dict, dict], None]
    settle: Callable[[set], None] | None = None


def merge(total: dict, more: dict) -> dict:
    """Add the contributions ``more`` into ``total`` (disjoint records: values add up)."""
    for key, values in more.items():
        if key in total:
            total[key] = [a + b for a, b in zip(total[key], values, strict=True)]
        else:
            total[key] = list(values)
    return total


@dataclass
class _Unit:
    ids: dict = field(default_factory=lambda: defaultdict(set))
    before: dict = field(default_factory=lambda: defaultdict(dict))
    expansions: list = field(default_factory=list)
    areas: set = field(default_factory=set)

    def track(self, tally: Tally, ids: Iterable, new: bool = False) -> None:
        fresh = {pk for pk in ids if pk is not None} - self.ids[tally]
        if not fresh:
            return
        if not new:
            merge(self.before[tally], tally.contributions(fresh))
        self.ids[tally] |= fresh

    def finish(self) -> None:
        # Records that joined a tracked one meanwhile (created with it) contributed nothing before.
        for tally, expand in self.expansions:
            self.ids[tally] |= set(expand()) - {None}
        for tally, ids in self.ids.items():
            if not ids:
                continue
            tally.apply(self.before[tally], tally.contributions(ids))
            if tally.settle is not None:
                tally.settle(ids)
        generations.bump(RECORDS_AREA, *self.areas)


_local = threading.local()


def _current() -> _Unit | None:
    return getattr(_local, "unit", None)


@contextmanager
def unit():
    """Open a unit of work, or join the one already open in this thread."""
    if _current() is not None:
        yield _current()
        return
    _local.unit = _Unit()
    try:
        yield _local.unit
        _local.unit.finish()
    finally:
        _local.unit = None


def _unit_or_fail() -> _Unit:
    current = _current()
    if current is None:
        raise RuntimeError("derived.track() is called inside `with derived.unit():`")
    return current


def track(tally: Tally, ids: Iterable, *, new: bool = False, expand: Callable[[], Iterable] | None = None) -> None:
    """Within a unit: the records ``ids`` of ``tally`` are about to change (or, with ``new``,
    were just created). With ``expand``, its records are tracked now and again at the end."""
    current = _unit_or_fail()
    current.track(tally, ids, new=new)
    if expand is not None:
        current.track(tally, expand())
        current.expansions.append((tally, expand))


def touch_now(*areas: str) -> None:
    """After a write made outside the services (a rebuild, a restore): the cached results of
    the records (and of ``areas``) are stale once the transaction commits."""
    generations.bump(RECORDS_AREA, *areas)


def touch(*areas: str) -> None:
    """Within a unit: the cached results of ``areas`` are stale once it commits."""
    _unit_or_fail().areas.update(areas)


class Span(NamedTuple):
    """Every id from ``low`` to ``high``: a rebuild reads the rows by ranges, not id lists."""

    low: int
    high: int


CHUNK = 5000


def chunks(ids):
    """``ids`` (a set, or a Span) in pieces small enough for one query's parameters."""
    if isinstance(ids, Span):
        yield ids
        return
    ids = sorted(ids)
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def among(field_name: str, chunk) -> dict:
    """The lookup keeping rows whose ``field_name`` is in ``chunk`` (an id list or a Span)."""
    if isinstance(chunk, Span):
        return {f"{field_name}__gte": chunk.low, f"{field_name}__lte": chunk.high}
    return {f"{field_name}__in": chunk}


def spans(high: int, size: int = 50_000):
    """Spans covering the ids 0 … ``high``."""
    return [Span(low, low + size - 1) for low in range(0, high + 1, size)]
