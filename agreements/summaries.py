"""The agreements app's derived tables, kept exact by its write services (common.derived).

- ``ConferenceSummary``: conferences counted per year, province, sector (and shard). A
  conference counts in the year it is dated by (``agreements.dating``) once to every
  (province, sector) it touches — its locality and its bodies' localities, each with the
  current province it merged into, and its bodies' sectors — with 0 standing for "all".
- ``FigureSummary``: yearly figures added up per indicator, year, locality and sector.
- ``ConferenceProvince``: the provinces of each conference, for the province filters and the
  provincial leaders' scope.

Drafts are not counted: only submitted (and confirmed) conferences, and figures that belong
to no conference or to a counted one. A record's contribution is worked out from the
database (``*_contributions``); the services track what they are about to change
(``track``) and the unit of work adds the difference when it ends.
"""

from collections import defaultdict
from decimal import Decimal

from django.db import IntegrityError, models, transaction
from django.db.models import F, Q

from agreements import obligations
from agreements.models import (
    COUNTED_STATUSES,
    Agreement,
    Body,
    Conference,
    ConferenceBody,
    ConferenceProvince,
    ConferenceSummary,
    FigureSummary,
    LocalitySuccession,
    Obligation,
    ReportedFigure,
)
from common import derived
from common.derived import among, chunks, spans

ALL = 0
BATCH = 5000


def successions() -> dict[int, set[int]]:
    """{old locality: {the localities it merged into}}."""
    succession = defaultdict(set)
    for predecessor, successor in LocalitySuccession.objects.values_list("predecessor", "successor"):
        succession[predecessor].add(successor)
    return succession


def provinces_of(locality_ids, succession) -> set[int]:
    """Each of ``locality_ids`` and what it merged into (no ALL)."""
    provinces = set()
    for locality in locality_ids:
        if locality:
            provinces.add(locality)
            provinces |= succession.get(locality, set())
    return provinces


def shard_of(provinces) -> int:
    """The shard of a record's rows for all provinces: one of its own provinces (0 if none)."""
    return min(provinces) if provinces else ALL


def summary_keys(provinces, sectors):
    """((province, sector, shard) …) a record touching ``provinces`` and ``sectors`` counts in."""
    shard = shard_of(provinces)
    for province in (ALL, *provinces):
        for sector in (ALL, *sectors):
            yield province, sector, (shard if province == ALL else ALL)


def year_of(date, fallback):
    return date.year if date else fallback


# Contributions: {key: values} of some records, as they are in the database now -----------


def conference_geography(ids, succession):
    """{conference: (provinces, sectors, dating fields, counted)} for ``ids``."""
    links = defaultdict(list)
    for chunk in chunks(ids):
        rows = ConferenceBody.objects.filter(**among("conference_id", chunk)).values_list(
            "conference", "body__locality", "body__sector"
        )
        for conference, locality, sector in rows:
            links[conference].append((locality, sector))
    out = {}
    for chunk in chunks(ids):
        rows = Conference.objects.filter(**among("pk", chunk)).values_list(
            "pk", "held_on", "reviewed_period_end", "locality", "entry_status"
        )
        for pk, held_on, reviewed_end, locality, status in rows:
            provinces = provinces_of([locality, *(loc for loc, _ in links[pk])], succession)
            sectors = {sector for _, sector in links[pk]}
            out[pk] = (provinces, sectors, year_of(held_on, reviewed_end), status in COUNTED_STATUSES)
    return out


def conference_contributions(ids, succession=None):
    succession = successions() if succession is None else succession
    out = {}
    for provinces, sectors, year, counted in conference_geography(ids, succession).values():
        if not counted or year is None:
            continue
        for province, sector, shard in summary_keys(provinces, sectors):
            key = (year, province, sector, shard)
            out[key] = [out[key][0] + 1] if key in out else [1]
    return out


def counted_figures():
    """Figures that count: of no conference, or of a submitted one."""
    return ReportedFigure.objects.filter(Q(conference__isnull=True) | Q(conference__entry_status__in=COUNTED_STATUSES))


def figure_contributions(ids, succession=None):
    out = {}
    for chunk in chunks(ids):
        rows = (
            ReportedFigure.objects.counted()
            .filter(**among("pk", chunk), period_start=F("period_end"))
            .values_list("indicator", "period_end", "body__locality", "body__sector", "value")
        )
        for indicator, year, locality, sector, value in rows:
            key = (indicator, year, locality or ALL, sector)
            total, count = out.get(key, (Decimal(0), 0))
            out[key] = [total + value, count + 1]
    return out


# Writing the differences -----------------------------------------------------------------


def _apply(model, key_fields, value_fields):
    def apply(before, after):
        """Add ``after - before`` to the rows of ``model``."""
        zero = [0] * len(value_fields)
        for key in set(before) | set(after):
            delta = [b - a for a, b in zip(before.get(key, zero), after.get(key, zero), strict=True)]
            if not any(delta):
                continue
            lookup = dict(zip(key_fields, key, strict=True))
            changes = {name: F(name) + d for name, d in zip(value_fields, delta, strict=True) if d}
            if model.objects.filter(**lookup).update(**changes):
                continue
            try:
                with transaction.atomic():
                    model.objects.create(**lookup, **dict(zip(value_fields, delta, strict=True)))
            except IntegrityError:  # created meanwhile by a concurrent write
                model.objects.filter(**lookup).update(**changes)

    return apply


def _settle_provinces(model, owner_field, geography):
    """``settle`` of a per-record province table: its rows for ``ids`` replaced."""

    def settle(ids):
        succession = successions()
        for chunk in chunks(ids):
            model.objects.filter(**among(f"{owner_field}_id", chunk)).delete()
            places = geography(chunk, succession)
            model.objects.bulk_create(
                (
                    model(**{f"{owner_field}_id": pk}, province=province)
                    for pk, (provinces, *_rest) in places.items()
                    for province in provinces
                ),
                batch_size=BATCH,
            )

    return settle


CONFERENCES = derived.Tally(
    name="conferences",
    contributions=conference_contributions,
    apply=_apply(ConferenceSummary, ("year", "province", "sector", "shard"), ("conferences",)),
    settle=_settle_provinces(ConferenceProvince, "conference", conference_geography),
)
FIGURES = derived.Tally(
    name="figures",
    contributions=figure_contributions,
    apply=_apply(FigureSummary, ("indicator_id", "year", "locality", "sector"), ("total", "figures")),
)


# What a change affects -------------------------------------------------------------------


def conferences_of_bodies(body_ids):
    return set(ConferenceBody.objects.filter(body__in=body_ids).values_list("conference", flat=True))


def bodies_of_localities(locality_ids):
    return set(Body.objects.filter(locality__in=locality_ids).values_list("pk", flat=True))


def conferences_of_localities(locality_ids):
    held = set(Conference.objects.filter(locality__in=locality_ids).values_list("pk", flat=True))
    return held | conferences_of_bodies(bodies_of_localities(locality_ids))


def track(*, conferences=(), figures=(), bodies=(), localities=(), agreements=(), new=False):
    """Within a unit of work (common.derived): these records are about to change, or (``new``)
    were just created. A conference brings its figures and the obligations of the agreements it
    reviews; a body whose place or sector changes brings its conferences and figures; a
    locality whose succession changes, the conferences of its bodies; an agreement, its
    obligations (agreements.obligations)."""
    obligations.track(agreements=agreements, conferences=conferences)
    conferences = {pk for pk in conferences if pk is not None}
    if conferences:
        derived.track(CONFERENCES, conferences, new=new)
        derived.track(
            FIGURES,
            (),
            expand=lambda: set(ReportedFigure.objects.filter(conference__in=conferences).values_list("pk", flat=True)),
        )
    if figures:
        derived.track(FIGURES, figures, new=new)
    bodies = set(bodies)
    if bodies:
        derived.track(CONFERENCES, conferences_of_bodies(bodies))
        derived.track(FIGURES, ReportedFigure.objects.filter(body__in=bodies).values_list("pk", flat=True))
    localities = set(localities)
    if localities:
        derived.track(CONFERENCES, conferences_of_localities(localities))


# Rebuilding and checking ----------------------------------------------------------------


def _max_pk(model):
    return model.objects.aggregate(high=models.Max("pk"))["high"] or 0


def rebuild():
    """Every table above recomputed from the records (after bulk loads, or to repair)."""
    succession = successions()
    ConferenceSummary.objects.all().delete()
    FigureSummary.objects.all().delete()
    ConferenceProvince.objects.all().delete()
    conference_totals, figure_totals = {}, {}
    for span in spans(_max_pk(Conference)):
        derived.merge(conference_totals, conference_contributions(span, succession))
        CONFERENCES.settle(span)
    for span in spans(_max_pk(ReportedFigure)):
        derived.merge(figure_totals, figure_contributions(span))
    obligations.rebuild()
    ConferenceSummary.objects.bulk_create(
        (
            ConferenceSummary(year=year, province=province, sector=sector, shard=shard, conferences=values[0])
            for (year, province, sector, shard), values in conference_totals.items()
        ),
        batch_size=BATCH,
    )
    FigureSummary.objects.bulk_create(
        (
            FigureSummary(indicator_id=indicator, year=year, locality=locality, sector=sector, total=total, figures=n)
            for (indicator, year, locality, sector), (total, n) in figure_totals.items()
        ),
        batch_size=BATCH,
    )
    return {
        ConferenceSummary: len(conference_totals),
        FigureSummary: len(figure_totals),
        ConferenceProvince: ConferenceProvince.objects.count(),
        Obligation: Obligation.objects.count(),
    }


SNAPSHOTS = {
    ConferenceSummary: (("year", "province", "sector", "shard"), ("conferences",)),
    FigureSummary: (("indicator_id", "year", "locality", "sector"), ("total", "figures")),
    ConferenceProvince: (("conference_id", "province"), ()),
    Obligation: (
        ("agreement_id", "kind", "year"),
        ("due_on", "fulfilled", "fulfilled_by_conference_id", "fulfilled_by_agreement_id"),
    ),
    Agreement: (("pk",), ("successor_from", "final_review_on")),
}


def snapshot(tables):
    """The rows of ``tables`` ({model: (key fields, value fields)}), zero rows left out."""
    out = {}
    for model, (keys, values) in tables.items():
        rows = model.objects.values_list(*keys, *values)
        out[model] = {tuple(r[: len(keys)]): tuple(r[len(keys) :]) for r in rows if not values or any(r[len(keys) :])}
    return out
