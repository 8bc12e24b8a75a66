"""The dashboard's summary tables, kept exactly equal to the raw rows on every write.

Aggregating a million raw rows per request cannot answer in 50 ms, so the dashboard reads
three small tables instead (``agreements.ConferenceSummary``, ``agreements.FigureSummary``,
``awards.DecisionSummary``). Each record *contributes* to some summary keys:

- a conference, in the year it is dated by (``agreements.dating``), once to every
  (province, sector) it touches — its locality and its bodies' localities, each with the
  current province it merged into, and its bodies' sectors — with 0 standing for "all";
- a decision that is not revoked, likewise through its authorities and its conference's
  bodies (the same rules as ``DecisionFilter`` and ``readable``), adding its recipients;
- a yearly figure, to (indicator, year, its body's locality, its body's sector).

Writes are followed through model signals rather than in each service, on purpose: the
services, the admin (its saves, deletes and bulk deletes), imports and the test makers all
pass through them, so no write path can forget the summaries (the style guide keeps
business logic out of signals; this is derived data, not a rule). Before a row is written
(``pre_save``/``pre_delete``/``m2m_changed`` "pre_*") the contributions of every record it
affects are computed from the database; after the write they are computed again, and the
difference is added to the summary rows, in the same transaction. Bulk writes
(``bulk_create``, ``QuerySet.update``) bypass signals: whoever uses them calls
``rebuild()`` (``manage.py rebuild_summaries``), as ``seed_scale`` does.
"""

from collections import defaultdict
from decimal import Decimal
from typing import NamedTuple

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from agreements.models import (
    Body,
    Conference,
    ConferenceBody,
    ConferenceSummary,
    FigureSummary,
    LocalitySuccession,
    ReportedFigure,
)
from awards.models import AwardDecision, DecisionSummary
from dashboard import freshness

ALL = 0
CHUNK = 5000
REBUILD_SPAN = 50_000
_authorities = AwardDecision.authorities.through


def _successions():
    succession = defaultdict(set)
    for predecessor, successor in LocalitySuccession.objects.values_list("predecessor", "successor"):
        succession[predecessor].add(successor)
    return succession


def _provinces(locality_ids, succession):
    """The province keys of some localities: each locality and what it merged into, and ALL."""
    keys = {ALL}
    for locality in locality_ids:
        if locality:
            keys.add(locality)
            keys |= succession.get(locality, set())
    return keys


def _year(date, fallback):
    return date.year if date else fallback


class Span(NamedTuple):
    """Every id from ``low`` to ``high``: a rebuild reads the rows by ranges, not id lists."""

    low: int
    high: int


def _chunks(ids):
    if isinstance(ids, Span):
        yield ids
        return
    ids = sorted(ids)
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _among(field, chunk):
    """Lookup keeping the rows whose ``field`` is in ``chunk`` (an id list or a Span)."""
    if isinstance(chunk, Span):
        return {f"{field}__gte": chunk.low, f"{field}__lte": chunk.high}
    return {f"{field}__in": chunk}


# Contributions: {key: values} for a set of records, computed from the database ---------------


def conference_contributions(ids, succession=None):
    succession = succession if succession is not None else _successions()
    out = defaultdict(lambda: [0])
    for chunk in _chunks(ids):
        links = defaultdict(list)
        for conference, locality, sector in ConferenceBody.objects.filter(**_among("conference_id", chunk)).values_list(
            "conference", "body__locality", "body__sector"
        ):
            links[conference].append((locality, sector))
        rows = Conference.objects.filter(**_among("pk", chunk)).values_list(
            "pk", "held_on", "reviewed_period_end", "locality"
        )
        for pk, held_on, reviewed_end, locality in rows:
            year = _year(held_on, reviewed_end)
            if year is None:
                continue
            provinces = _provinces([locality, *(loc for loc, _ in links[pk])], succession)
            sectors = {ALL} | {sector for _, sector in links[pk]}
            for province in provinces:
                for sector in sectors:
                    out[(year, province, sector)][0] += 1
    return out


def _conference_localities(conference_ids):
    localities = defaultdict(list)
    for chunk in _chunks(conference_ids):
        for conference, locality in ConferenceBody.objects.filter(**_among("conference_id", chunk)).values_list(
            "conference", "body__locality"
        ):
            localities[conference].append(locality)
    return localities


def decision_contributions(ids, succession=None, conference_localities=None):
    """``conference_localities`` ({conference: [localities of its bodies]}) may be given by a
    rebuild, which reads them once for every conference."""
    succession = succession if succession is not None else _successions()
    out = defaultdict(lambda: [0, 0, 0, 0])
    for chunk in _chunks(ids):
        rows = list(
            AwardDecision.objects.filter(**_among("pk", chunk), revoked_on__isnull=True).values_list(
                "pk",
                "decided_on",
                "form",
                "conference",
                "conference__held_on",
                "conference__reviewed_period_end",
                "total_count",
                "collective_count",
                "individual_count",
            )
        )
        authorities = defaultdict(list)
        for decision, locality, sector in _authorities.objects.filter(**_among("awarddecision_id", chunk)).values_list(
            "awarddecision", "body__locality", "body__sector"
        ):
            authorities[decision].append((locality, sector))
        localities_of = conference_localities
        if localities_of is None:
            localities_of = _conference_localities({row[3] for row in rows if row[3]})
        for pk, decided_on, form, conference, held_on, reviewed_end, total, collectives, individuals in rows:
            year = _year(decided_on, _year(held_on, reviewed_end))
            if year is None:
                continue
            localities = [loc for loc, _ in authorities[pk]] + localities_of.get(conference, [])
            provinces = _provinces(localities, succession)
            sectors = {ALL} | {sector for _, sector in authorities[pk]}
            recipients = total if total is not None else (collectives or 0) + (individuals or 0)
            for province in provinces:
                for sector in sectors:
                    values = out[(year, form, province, sector)]
                    values[0] += 1
                    values[1] += collectives or 0
                    values[2] += individuals or 0
                    values[3] += recipients
    return out


def figure_contributions(ids, succession=None):
    out = defaultdict(lambda: [Decimal(0), 0])
    for chunk in _chunks(ids):
        rows = ReportedFigure.objects.filter(**_among("pk", chunk), period_start=F("period_end")).values_list(
            "indicator", "period_end", "body__locality", "body__sector", "value"
        )
        for indicator, year, locality, sector, value in rows:
            values = out[(indicator, year, locality or ALL, sector)]
            values[0] += value
            values[1] += 1
    return out


KINDS = {
    "conference": (conference_contributions, ConferenceSummary, ("year", "province", "sector"), ("conferences",)),
    "decision": (
        decision_contributions,
        DecisionSummary,
        ("year", "form_id", "province", "sector"),
        ("decisions", "collectives", "individuals", "recipients"),
    ),
    "figure": (
        figure_contributions,
        FigureSummary,
        ("indicator_id", "year", "locality", "sector"),
        ("total", "figures"),
    ),
}


def contributions(targets):
    """{kind: {key: values}} for ``targets`` ({kind: set of ids})."""
    succession = _successions() if targets.get("conference") or targets.get("decision") else None
    return {kind: dict(KINDS[kind][0](ids, succession)) for kind, ids in targets.items() if ids}


def apply(before, after):
    """Add ``after - before`` to the summary rows."""
    for kind in set(before) | set(after):
        _compute, model, key_fields, value_fields = KINDS[kind]
        old, new = before.get(kind, {}), after.get(kind, {})
        for key in set(old) | set(new):
            zero = [0] * len(value_fields)
            delta = [b - a for a, b in zip(old.get(key, zero), new.get(key, zero), strict=True)]
            if not any(delta):
                continue
            lookup = dict(zip(key_fields, key, strict=True))
            changes = {f: F(f) + d for f, d in zip(value_fields, delta, strict=True) if d}
            if model.objects.filter(**lookup).update(**changes):
                continue
            try:
                with transaction.atomic():
                    model.objects.create(**lookup, **dict(zip(value_fields, delta, strict=True)))
            except IntegrityError:  # created meanwhile by a concurrent write
                model.objects.filter(**lookup).update(**changes)


def rebuild(stdout=None):
    """Recompute every summary row from the raw rows (after bulk loads, or to check).

    The raw rows are read by id ranges of REBUILD_SPAN, with the same contribution rules as
    the writes use, and the totals are written with ``bulk_create``.
    """
    with transaction.atomic():
        succession = _successions()
        localities = _conference_localities(Span(0, _max_pk(Conference)))
        for kind, (compute, model, key_fields, value_fields) in KINDS.items():
            source = {"conference": Conference, "decision": AwardDecision, "figure": ReportedFigure}[kind]
            extra = {"conference_localities": localities} if kind == "decision" else {}
            model.objects.all().delete()
            totals = {}
            for low in range(0, _max_pk(source) + 1, REBUILD_SPAN):
                for key, values in compute(Span(low, low + REBUILD_SPAN - 1), succession, **extra).items():
                    if key in totals:
                        totals[key] = [a + b for a, b in zip(totals[key], values, strict=True)]
                    else:
                        totals[key] = values
            model.objects.bulk_create(
                (
                    model(**dict(zip(key_fields, key, strict=True)), **dict(zip(value_fields, values, strict=True)))
                    for key, values in totals.items()
                ),
                batch_size=CHUNK,
            )
            if stdout is not None:
                stdout.write(f"{model._meta.verbose_name_plural}: {len(totals)} rows")
        # Whatever bulk write made a rebuild necessary also changed what cached results hold.
        freshness.bump()


def _max_pk(model):
    return model.objects.aggregate(high=models.Max("pk"))["high"] or 0


# What a write affects ----------------------------------------------------------------------


def _decisions_of_conferences(conference_ids):
    return set(AwardDecision.objects.filter(conference__in=conference_ids).values_list("pk", flat=True))


def _conference_targets(conference_ids):
    conference_ids = {pk for pk in conference_ids if pk}
    return {"conference": conference_ids, "decision": _decisions_of_conferences(conference_ids)}


def _body_targets(body_ids):
    conferences = set(ConferenceBody.objects.filter(body__in=body_ids).values_list("conference", flat=True))
    targets = _conference_targets(conferences)
    targets["decision"] |= set(_authorities.objects.filter(body__in=body_ids).values_list("awarddecision", flat=True))
    targets["figure"] = set(ReportedFigure.objects.filter(body__in=body_ids).values_list("pk", flat=True))
    return targets


def _locality_targets(locality_ids):
    bodies = set(Body.objects.filter(locality__in=locality_ids).values_list("pk", flat=True))
    targets = _body_targets(bodies)
    conferences = set(Conference.objects.filter(locality__in=locality_ids).values_list("pk", flat=True))
    more = _conference_targets(conferences)
    return {kind: targets.get(kind, set()) | more.get(kind, set()) for kind in ("conference", "decision")}


def _stored(instance):
    if instance.pk is None:
        return None
    return type(instance)._default_manager.filter(pk=instance.pk).first()


def targets_for(instance):
    """The records whose contributions ``instance`` (as stored and as about to be saved) affects."""
    if isinstance(instance, Conference):
        return _conference_targets({instance.pk})
    stored = _stored(instance) if isinstance(instance, (ConferenceBody, Body, LocalitySuccession)) else None
    if isinstance(instance, ConferenceBody):
        return _conference_targets({instance.conference_id, stored and stored.conference_id})
    if isinstance(instance, AwardDecision):
        return {"decision": {instance.pk} if instance.pk else set()}
    if isinstance(instance, ReportedFigure):
        return {"figure": {instance.pk} if instance.pk else set()}
    if isinstance(instance, Body):
        # Only a body moving to another locality or sector changes any summary.
        if stored is None or (stored.locality_id, stored.sector_id) == (instance.locality_id, instance.sector_id):
            return {}
        return _body_targets({instance.pk})
    if isinstance(instance, LocalitySuccession):
        localities = {instance.predecessor_id, stored and stored.predecessor_id} - {None}
        return _locality_targets(localities)
    return {}


WATCHED = (Conference, ConferenceBody, AwardDecision, ReportedFigure, Body, LocalitySuccession)


def _before(instance):
    targets = targets_for(instance)
    instance._summary_pending = (targets, contributions(targets))


def _after(instance, created=False):
    pending = getattr(instance, "_summary_pending", None)
    if pending is None:
        return
    del instance._summary_pending
    targets, before = pending
    if created:
        kind = {Conference: "conference", AwardDecision: "decision", ReportedFigure: "figure"}.get(type(instance))
        if kind:
            targets = {**targets, kind: set(targets.get(kind, set())) | {instance.pk}}
    apply(before, contributions(targets))


def _on_pre_save(sender, instance, raw=False, **kwargs):
    if not raw:
        _before(instance)


def _on_post_save(sender, instance, created=False, raw=False, **kwargs):
    if not raw:
        _after(instance, created)


def _cascaded(origin):
    model = origin.model if isinstance(origin, models.QuerySet) else type(origin)
    return model is Conference


def _on_pre_delete(sender, instance, origin=None, **kwargs):
    # A conference's own handler covers its body links deleted with it.
    if sender is ConferenceBody and origin is not None and _cascaded(origin):
        return
    _before(instance)


def _on_post_delete(sender, instance, **kwargs):
    _after(instance)


def _on_authorities_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in ("pre_add", "pre_remove", "pre_clear", "post_add", "post_remove", "post_clear"):
        return
    if not reverse:
        decisions = {instance.pk}
    elif pk_set is not None:
        decisions = set(pk_set)
    else:
        decisions = set(_authorities.objects.filter(body=instance).values_list("awarddecision", flat=True))
    if action.startswith("pre_"):
        targets = {"decision": decisions}
        instance._summary_m2m = (targets, contributions(targets))
    else:
        targets, before = instance.__dict__.pop("_summary_m2m", ({"decision": decisions}, {}))
        apply(before, contributions(targets))


def connect():
    """Follow every write of the models the summaries depend on (called from AppConfig.ready)."""
    for model in WATCHED:
        uid = f"summaries-{model._meta.label}"
        pre_save.connect(_on_pre_save, sender=model, dispatch_uid=f"{uid}-pre-save")
        post_save.connect(_on_post_save, sender=model, dispatch_uid=f"{uid}-post-save")
        pre_delete.connect(_on_pre_delete, sender=model, dispatch_uid=f"{uid}-pre-delete")
        post_delete.connect(_on_post_delete, sender=model, dispatch_uid=f"{uid}-post-delete")
    m2m_changed.connect(_on_authorities_changed, sender=_authorities, dispatch_uid="summaries-authorities")


def recount_matches(stdout=None):
    """True if the stored summaries equal a recount from the raw rows (used by tests and checks)."""
    stored = {}
    for kind, (_compute, model, key_fields, value_fields) in KINDS.items():
        stored[kind] = {
            tuple(row[: len(key_fields)]): list(row[len(key_fields) :])
            for row in model.objects.values_list(*key_fields, *value_fields)
            if any(row[len(key_fields) :])
        }
    with transaction.atomic():
        sid = transaction.savepoint()
        rebuild()
        fresh = {}
        for kind, (_compute, model, key_fields, value_fields) in KINDS.items():
            fresh[kind] = {
                tuple(row[: len(key_fields)]): list(row[len(key_fields) :])
                for row in model.objects.values_list(*key_fields, *value_fields)
                if any(row[len(key_fields) :])
            }
        transaction.savepoint_rollback(sid)
    return stored == fresh
