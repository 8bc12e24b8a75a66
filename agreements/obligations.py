"""The review cycle of each agreement, kept in step by the write services (common.derived).

For an agreement that counts (not a draft), with a known period and not terminated:
- a yearly review (sơ kết) of each year of the period but the last, due by 31 January of
  the following year, fulfilled by a counted conference of that kind that reviewed the
  agreement for that year (its reviewed period covers the year; undated by period, it was
  held that year or early the next), or by the final review, which covers the whole period;
- the final review (tổng kết), due by 31 December of the period's last year, fulfilled by a
  counted conference of that kind that reviewed it;
- a review counts only when a host of the conference is a party to the agreement;
- a successor, due by the same date, fulfilled by a counted agreement that supersedes it.

The rows are replaced for the agreements a write touches (``refresh``); a dismissal stays as
long as its row does. The same pass keeps the agreement's ``successor_from`` (the year the
first successor applies from) and ``final_review_on``, from which its status follows.
"""

import datetime
from collections import defaultdict

from agreements.models import (
    COUNTED_STATUSES,
    Agreement,
    AgreementParty,
    Conference,
    ConferenceAgreement,
    ConferenceBody,
    ConferenceExtraKind,
    Obligation,
)
from common import derived
from common.derived import chunks

Kind = Obligation.Kind


def _reviews(agreement_ids):
    """{agreement: [(kind set, reviewed years or None, held_on, conference id)]} of the counted
    conferences that reviewed them. A review counts for an agreement only when one of the
    conference's hosts is a party to it: nobody reviews an agreement for its parties."""
    links = list(
        ConferenceAgreement.objects.filter(
            agreement__in=agreement_ids,
            role=ConferenceAgreement.Role.REVIEWED,
            conference__entry_status__in=COUNTED_STATUSES,
        ).values_list(
            "agreement",
            "conference",
            "conference__kind",
            "conference__reviewed_period_start",
            "conference__reviewed_period_end",
            "conference__held_on",
        )
    )
    conferences = {row[1] for row in links}
    extra, hosts, parties = defaultdict(set), defaultdict(set), defaultdict(set)
    for conference, kind in ConferenceExtraKind.objects.filter(conference__in=conferences).values_list(
        "conference", "kind"
    ):
        extra[conference].add(kind)
    for conference, body in ConferenceBody.objects.filter(
        conference__in=conferences, role=ConferenceBody.Role.HOST
    ).values_list("conference", "body"):
        hosts[conference].add(body)
    for agreement, body in AgreementParty.objects.filter(agreement__in=agreement_ids).values_list("agreement", "body"):
        parties[agreement].add(body)
    reviews = defaultdict(list)
    for agreement, conference, kind, start, end, held_on in sorted(links, key=lambda row: (row[5] is None, row[5])):
        if not hosts[conference] & parties[agreement]:
            continue
        years = range(start, (end or start) + 1) if start else None
        reviews[agreement].append(({kind} | extra[conference], years, held_on, conference))
    return reviews


def _successors(agreement_ids):
    """{agreement: [(successor id, the year it applies from)]} of counted successors."""
    successors = defaultdict(list)
    rows = (
        Agreement.objects.counted()
        .filter(supersedes__in=agreement_ids)
        .values_list("supersedes", "pk", "period_start", "signed_on")
        .order_by("pk")
    )
    for superseded, pk, start, signed_on in rows:
        successors[superseded].append((pk, start or (signed_on.year if signed_on else None)))
    return successors


def _interim_done(reviews, year):
    for kinds, years, held_on, conference in reviews:
        if Conference.Kind.INTERIM_REVIEW not in kinds:
            continue
        if years is not None and year in years:
            return conference
        if years is None and held_on is not None and held_on.year in (year, year + 1):
            return conference
    return None


def _wanted(agreement, reviews, successors):
    """{(kind, year): (due_on, conference, successor)} the agreement calls for."""
    pk, start, end, status, terminated_on = agreement
    if status not in COUNTED_STATUSES or start is None or end is None or terminated_on is not None:
        return {}
    final = next((conference for kinds, _y, _h, conference in reviews if Conference.Kind.FINAL_REVIEW in kinds), None)
    wanted = {}
    for year in range(start, end):
        wanted[(Kind.INTERIM_REVIEW, year)] = (
            datetime.date(year + 1, 1, 31),
            _interim_done(reviews, year) or final,
            None,
        )
    period_end = datetime.date(end, 12, 31)
    wanted[(Kind.FINAL_REVIEW, end)] = (period_end, final, None)
    wanted[(Kind.SUCCESSOR, end)] = (period_end, None, successors[0][0] if successors else None)
    return wanted


def refresh(agreement_ids):
    """Replace the obligations of ``agreement_ids`` and their derived dates by what the
    records call for now."""
    for chunk in chunks(agreement_ids):
        rows = list(
            Agreement.objects.filter(pk__in=chunk).values_list(
                "pk", "period_start", "period_end", "entry_status", "terminated_on", "successor_from", "final_review_on"
            )
        )
        reviews = _reviews(chunk)
        successors = _successors(chunk)
        final_dates = _final_review_dates(reviews)
        stored = defaultdict(dict)
        for obligation in Obligation.objects.filter(agreement__in=chunk):
            stored[obligation.agreement_id][(obligation.kind, obligation.year)] = obligation
        create, update, delete, dated = [], [], [], []
        for *row, stored_successor_from, stored_final_review_on in rows:
            pk = row[0]
            wanted = _wanted(row, reviews[pk], successors[pk])
            for key, (due_on, conference, successor) in wanted.items():
                values = {
                    "due_on": due_on,
                    "fulfilled": bool(conference or successor),
                    "fulfilled_by_conference_id": conference,
                    "fulfilled_by_agreement_id": successor,
                }
                current = stored[pk].pop(key, None)
                if current is None:
                    create.append(Obligation(agreement_id=pk, kind=key[0], year=key[1], **values))
                elif any(getattr(current, name) != value for name, value in values.items()):
                    for name, value in values.items():
                        setattr(current, name, value)
                    update.append(current)
            delete += [obligation.pk for obligation in stored[pk].values()]
            successor_from = min((year for _s, year in successors[pk] if year is not None), default=None)
            if successors[pk] and successor_from is None:
                successor_from = 0  # a successor with no year: superseded already
            if (stored_successor_from, stored_final_review_on) != (successor_from, final_dates.get(pk)):
                dated.append(Agreement(pk=pk, successor_from=successor_from, final_review_on=final_dates.get(pk)))
        # Written as derived rows (no history entry): only a dismissal is a person's act.
        Obligation.objects.filter(pk__in=delete).delete()
        Obligation.objects.bulk_create(create)
        Obligation.objects.bulk_update(
            update, ["due_on", "fulfilled", "fulfilled_by_conference_id", "fulfilled_by_agreement_id"]
        )
        Agreement.objects.bulk_update(dated, ["successor_from", "final_review_on"])


def _final_review_dates(reviews):
    dates = {}
    for agreement, held in reviews.items():
        finals = [held_on for kinds, _y, held_on, _c in held if Conference.Kind.FINAL_REVIEW in kinds]
        if finals:
            dated = [day for day in finals if day is not None]
            # An undated final review still ends the agreement: as of the first day it could be.
            dates[agreement] = min(dated) if dated else datetime.date(1945, 1, 1)
    return dates


OBLIGATIONS = derived.Tally(
    name="obligations",
    contributions=lambda ids: {},
    apply=lambda before, after: None,
    settle=refresh,
)


def agreements_of_conferences(conference_ids):
    return set(ConferenceAgreement.objects.filter(conference__in=conference_ids).values_list("agreement", flat=True))


def track(*, agreements=(), conferences=()):
    """Within a unit of work: these agreements, or the agreements these conferences review
    (before and after the change), call for their obligations to be worked out again. An
    agreement brings the one it supersedes (before and after)."""
    agreements = {pk for pk in agreements if pk is not None}
    if agreements:

        def with_superseded():
            superseded = Agreement.objects.filter(pk__in=agreements, supersedes__isnull=False)
            return agreements | set(superseded.values_list("supersedes", flat=True))

        derived.track(OBLIGATIONS, (), expand=with_superseded)
    conferences = {pk for pk in conferences if pk is not None}
    if conferences:
        derived.track(OBLIGATIONS, (), expand=lambda: agreements_of_conferences(conferences))


def rebuild():
    """Every agreement's obligations worked out again (after bulk loads)."""
    ids = list(Agreement.objects.order_by("pk").values_list("pk", flat=True))
    refresh(ids)
