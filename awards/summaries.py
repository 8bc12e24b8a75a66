"""The awards app's derived tables, kept exact by its write services (common.derived).

- ``DecisionSummary``: decisions that count (submitted, not revoked) and their recipients
  per year, form, province and sector (and shard), with the keys of
  ``agreements.ConferenceSummary``. A decision counts in the year it was decided, else its
  conference's year; in the provinces of its awarding bodies and of the bodies of the
  conference it was handed out at (the rule of ``AwardDecision.objects.in_localities``), each
  with the current province it merged into; in its awarding bodies' sectors.
- ``DecisionProvince``: the provinces of each decision, for the province filter and the
  provincial leaders' scope.

A decision's place and year depend on its conference, its bodies and the localities'
succession, which the agreements app writes. Whoever changes those calls ``track`` here (it
tracks the agreements app's tables too): the conference entry (entry.services), and the
admin pages of conferences, bodies and localities (awards.admin).
"""

from collections import defaultdict

from agreements import summaries as agreement_summaries
from agreements.models import COUNTED_STATUSES, ConferenceBody
from agreements.summaries import (
    BATCH,
    _apply,
    _max_pk,
    _settle_provinces,
    bodies_of_localities,
    conferences_of_bodies,
    conferences_of_localities,
    provinces_of,
    successions,
    summary_keys,
    year_of,
)
from awards.models import AwardDecision, DecisionProvince, DecisionSummary
from common import derived
from common.derived import among, chunks, spans

_authorities = AwardDecision.authorities.through


def decision_geography(ids, succession):
    """{decision: (provinces, sectors, year, counted, form, (collectives, individuals, recipients))}."""
    rows = []
    authorities = defaultdict(list)
    for chunk in chunks(ids):
        rows += AwardDecision.objects.filter(**among("pk", chunk)).values_list(
            "pk",
            "decided_on",
            "form",
            "conference",
            "conference__held_on",
            "conference__reviewed_period_end",
            "total_count",
            "collective_count",
            "individual_count",
            "entry_status",
            "revoked_on",
        )
        for decision, locality, sector in _authorities.objects.filter(**among("awarddecision_id", chunk)).values_list(
            "awarddecision", "body__locality", "body__sector"
        ):
            authorities[decision].append((locality, sector))
    conference_localities = defaultdict(list)
    for chunk in chunks({row[3] for row in rows if row[3]}):
        for conference, locality in ConferenceBody.objects.filter(conference_id__in=chunk).values_list(
            "conference", "body__locality"
        ):
            conference_localities[conference].append(locality)
    out = {}
    for (
        pk,
        decided_on,
        form,
        conference,
        held_on,
        reviewed_end,
        total,
        collectives,
        individuals,
        status,
        revoked,
    ) in rows:
        localities = [loc for loc, _ in authorities[pk]] + conference_localities.get(conference, [])
        recipients = total if total is not None else (collectives or 0) + (individuals or 0)
        out[pk] = (
            provinces_of(localities, succession),
            {sector for _, sector in authorities[pk]},
            year_of(decided_on, year_of(held_on, reviewed_end)),
            status in COUNTED_STATUSES and revoked is None,
            form,
            (collectives or 0, individuals or 0, recipients),
        )
    return out


def decision_contributions(ids, succession=None):
    succession = successions() if succession is None else succession
    out = {}
    for provinces, sectors, year, counted, form, (collectives, individuals, recipients) in decision_geography(
        ids, succession
    ).values():
        if not counted or year is None:
            continue
        for province, sector, shard in summary_keys(provinces, sectors):
            derived.merge(out, {(year, form, province, sector, shard): [1, collectives, individuals, recipients]})
    return out


DECISIONS = derived.Tally(
    name="decisions",
    contributions=decision_contributions,
    apply=_apply(
        DecisionSummary,
        ("year", "form_id", "province", "sector", "shard"),
        ("decisions", "collectives", "individuals", "recipients"),
    ),
    settle=_settle_provinces(DecisionProvince, "decision", decision_geography),
)


def decisions_at(conference_ids):
    return set(AwardDecision.objects.filter(conference__in=conference_ids).values_list("pk", flat=True))


def decisions_of_bodies(body_ids):
    awarded = set(_authorities.objects.filter(body__in=body_ids).values_list("awarddecision", flat=True))
    return awarded | decisions_at(conferences_of_bodies(body_ids))


def track(*, decisions=(), conferences=(), bodies=(), localities=(), new=False):
    """Within a unit of work (common.derived): these records are about to change, or (``new``)
    were just created. Conferences, bodies and localities bring the decisions whose place or
    year follows them, and are tracked for the agreements app's tables too."""
    decisions = {pk for pk in decisions if pk is not None}
    if decisions:
        derived.track(DECISIONS, decisions, new=new)
    conferences = {pk for pk in conferences if pk is not None}
    if conferences:
        agreement_summaries.track(conferences=conferences, new=new)
        derived.track(DECISIONS, (), expand=lambda: decisions_at(conferences))
    if bodies:
        agreement_summaries.track(bodies=bodies)
        derived.track(DECISIONS, decisions_of_bodies(set(bodies)))
    if localities:
        agreement_summaries.track(localities=localities)
        conferences_there = conferences_of_localities(set(localities))
        derived.track(
            DECISIONS, decisions_at(conferences_there) | decisions_of_bodies(bodies_of_localities(set(localities)))
        )


def rebuild():
    """The decision tables recomputed from the records."""
    succession = successions()
    DecisionSummary.objects.all().delete()
    DecisionProvince.objects.all().delete()
    totals = {}
    for span in spans(_max_pk(AwardDecision)):
        derived.merge(totals, decision_contributions(span, succession))
        DECISIONS.settle(span)
    DecisionSummary.objects.bulk_create(
        (
            DecisionSummary(
                year=year,
                form_id=form,
                province=province,
                sector=sector,
                shard=shard,
                decisions=n,
                collectives=collectives,
                individuals=individuals,
                recipients=recipients,
            )
            for (year, form, province, sector, shard), (n, collectives, individuals, recipients) in totals.items()
        ),
        batch_size=BATCH,
    )
    return {DecisionSummary: len(totals), DecisionProvince: DecisionProvince.objects.count()}


SNAPSHOTS = {
    DecisionSummary: (
        ("year", "form_id", "province", "sector", "shard"),
        ("decisions", "collectives", "individuals", "recipients"),
    ),
    DecisionProvince: (("decision_id", "province"), ()),
}


# Both apps' tables together --------------------------------------------------------------


def rebuild_all():
    """Every derived table of both apps recomputed from the records, in one transaction."""
    from django.db import transaction

    with transaction.atomic():
        counts = {**agreement_summaries.rebuild(), **rebuild()}
        derived.touch_now()
    return counts


def differences():
    """The derived tables whose stored rows differ from a recount (empty when all agree).

    The recount runs inside a savepoint that is rolled back, so nothing changes."""
    from django.db import transaction

    tables = {**agreement_summaries.SNAPSHOTS, **SNAPSHOTS}
    stored = agreement_summaries.snapshot(tables)
    with transaction.atomic():
        savepoint = transaction.savepoint()
        agreement_summaries.rebuild()
        rebuild()
        fresh = agreement_summaries.snapshot(tables)
        transaction.savepoint_rollback(savepoint)
    return [model for model in tables if stored[model] != fresh[model]]
