"""The review cycle of an agreement: what its period calls for, and what fulfils it."""

import datetime

from django.utils import timezone

from agreements.models import EntryStatus, Obligation
from tests.makers import (
    changing,
    make_agreement,
    make_agreement_party,
    make_body,
    make_conference,
    make_conference_agreement,
    make_conference_body,
)


def _open(agreement):
    return sorted((o.kind, o.year, o.due_on) for o in Obligation.objects.open().filter(agreement=agreement))


def _review(agreement, kind, **kwargs):
    """A conference of ``kind`` reviewing ``agreement``, hosted by one of its parties."""
    conference = make_conference(kind=kind, **kwargs)
    party = agreement.party_links.first() or make_agreement_party(agreement=agreement)
    make_conference_body(conference=conference, body=party.body)
    make_conference_agreement(conference=conference, agreement=agreement, role="reviewed")
    return conference


def test_a_period_calls_for_a_yearly_review_of_every_year_but_the_last_a_final_review_and_a_successor(db):
    agreement = make_agreement(period_start=2021, period_end=2024)

    assert _open(agreement) == [
        ("final_review", 2024, datetime.date(2024, 12, 31)),
        ("interim_review", 2021, datetime.date(2022, 1, 31)),
        ("interim_review", 2022, datetime.date(2023, 1, 31)),
        ("interim_review", 2023, datetime.date(2024, 1, 31)),
        ("successor", 2024, datetime.date(2024, 12, 31)),
    ]


def test_a_yearly_review_missed_two_years_ago_stays_due(db):
    agreement = make_agreement(period_start=2021, period_end=2026)
    _review(agreement, "interim_review", reviewed_period_start=2023, reviewed_period_end=2023)

    years = [year for kind, year, _due in _open(agreement) if kind == "interim_review"]
    assert years == [2021, 2022, 2024, 2025]


def test_a_yearly_review_without_a_reviewed_period_counts_for_the_year_before_it_was_held(db):
    agreement = make_agreement(period_start=2021, period_end=2026)
    _review(agreement, "interim_review", held_on=datetime.date(2023, 1, 12), reviewed_period_start=None)

    years = [year for kind, year, _due in _open(agreement) if kind == "interim_review"]
    assert 2022 not in years and 2021 in years


def test_the_final_review_covers_the_yearly_reviews_not_held(db):
    agreement = make_agreement(period_start=2021, period_end=2024)
    final = _review(agreement, "final_review", held_on=datetime.date(2024, 12, 10))

    assert _open(agreement) == [("successor", 2024, datetime.date(2024, 12, 31))]
    assert Obligation.objects.get(agreement=agreement, kind="final_review").fulfilled_by_conference == final


def test_a_successor_fulfils_the_successor_due(db):
    agreement = make_agreement(period_start=2021, period_end=2024)
    successor = make_agreement(period_start=2025, period_end=2029, supersedes=agreement)

    assert Obligation.objects.get(agreement=agreement, kind="successor").fulfilled_by_agreement == successor


def test_a_draft_conference_fulfils_nothing_until_it_is_submitted(db):
    agreement = make_agreement(period_start=2021, period_end=2024)
    review = _review(agreement, "final_review", held_on=datetime.date(2024, 12, 10), entry_status=EntryStatus.DRAFT)
    assert ("final_review", 2024, datetime.date(2024, 12, 31)) in _open(agreement)

    with changing(conferences=[review.pk]):
        review.entry_status = EntryStatus.SUBMITTED
        review.save()

    assert ("final_review", 2024, datetime.date(2024, 12, 31)) not in _open(agreement)


def test_a_changed_period_changes_what_is_due_and_keeps_the_dismissals_of_what_stays(db):
    agreement = make_agreement(period_start=2021, period_end=2024)
    successor = Obligation.objects.get(agreement=agreement, kind="successor")
    successor.dismissed_at, successor.dismissal_reason = timezone.now(), "Chấm dứt theo thỏa thuận"
    successor.save()
    yearly = Obligation.objects.get(agreement=agreement, kind="interim_review", year=2021)
    yearly.dismissed_at, yearly.dismissal_reason = timezone.now(), "Đã sơ kết chung"
    yearly.save()

    with changing(agreements=[agreement.pk]):
        agreement.period_start = 2022
        agreement.save()

    assert not Obligation.objects.filter(agreement=agreement, year=2021).exists()
    assert Obligation.objects.get(agreement=agreement, kind="successor").dismissal_reason == "Chấm dứt theo thỏa thuận"


def test_a_terminated_or_draft_agreement_calls_for_nothing(db):
    terminated = make_agreement(period_start=2021, period_end=2024, terminated_on=datetime.date(2022, 5, 1))
    draft = make_agreement(period_start=2021, period_end=2024, entry_status=EntryStatus.DRAFT)

    assert not Obligation.objects.filter(agreement__in=[terminated, draft]).exists()


def test_a_review_by_a_conference_none_of_whose_hosts_is_a_party_fulfils_nothing(db):
    agreement = make_agreement(period_start=2021, period_end=2024)
    make_agreement_party(agreement=agreement, body=make_body(name="Công an tỉnh Bến Tre"))
    elsewhere = make_conference(kind="final_review", held_on=datetime.date(2024, 12, 10))
    make_conference_body(conference=elsewhere, body=make_body(name="Công an thành phố Hải Phòng"))
    make_conference_agreement(conference=elsewhere, agreement=agreement, role="reviewed")

    assert ("final_review", 2024, datetime.date(2024, 12, 31)) in _open(agreement)
