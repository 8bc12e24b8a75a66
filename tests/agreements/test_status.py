"""An agreement's status follows from its dates and links, the same in Python and in SQL."""

import datetime
import itertools

import pytest

from agreements.models import Agreement, EntryStatus
from tests.makers import (
    changing,
    make_agreement,
    make_agreement_party,
    make_conference,
    make_conference_agreement,
    make_conference_body,
)

Status = Agreement.Status
TODAY = datetime.date(2026, 6, 1)


def _status(agreement, today=TODAY):
    agreement.refresh_from_db()
    in_sql = {status for status in Status.values if Agreement.objects.in_status(status, today).filter(pk=agreement.pk)}
    assert in_sql == {agreement.status_on(today)}, "SQL and Python disagree"
    return agreement.status_on(today)


def test_an_agreement_is_in_force_within_its_period(db):
    assert _status(make_agreement(period_start=2023, period_end=2028)) == Status.IN_FORCE


def test_an_agreement_whose_period_has_not_begun_is_not_yet_in_force(db):
    assert _status(make_agreement(period_start=2027, period_end=2031, signed_on=None)) == Status.NOT_YET_IN_FORCE


def test_an_agreement_whose_period_is_over_has_ended(db):
    assert _status(make_agreement(period_start=2018, period_end=2023)) == Status.ENDED


def test_an_agreement_ends_with_its_final_review(db):
    agreement = make_agreement(period_start=2022, period_end=2026)
    party = make_agreement_party(agreement=agreement)
    review = make_conference(kind="final_review", held_on=datetime.date(2026, 3, 1))
    make_conference_body(conference=review, body=party.body)
    make_conference_agreement(conference=review, agreement=agreement, role="reviewed")

    assert _status(agreement) == Status.ENDED
    assert _status(agreement, datetime.date(2026, 2, 1)) == Status.IN_FORCE


def test_a_draft_final_review_does_not_end_it(db):
    agreement = make_agreement(period_start=2022, period_end=2026)
    review = make_conference(kind="final_review", held_on=datetime.date(2026, 3, 1), entry_status=EntryStatus.DRAFT)
    make_conference_agreement(conference=review, agreement=agreement, role="reviewed")

    assert _status(agreement) == Status.IN_FORCE


def test_an_agreement_is_superseded_once_its_successor_applies(db):
    old = make_agreement(period_start=2021, period_end=2026)
    make_agreement(period_start=2026, period_end=2030, supersedes=old)

    assert _status(old) == Status.SUPERSEDED
    assert _status(old, datetime.date(2025, 6, 1)) == Status.IN_FORCE


def test_a_draft_successor_supersedes_nothing(db):
    old = make_agreement(period_start=2021, period_end=2026)
    make_agreement(period_start=2026, period_end=2030, supersedes=old, entry_status=EntryStatus.DRAFT)

    assert _status(old) == Status.IN_FORCE


def test_a_terminated_agreement_is_terminated_from_that_day(db):
    agreement = make_agreement(period_start=2023, period_end=2028)
    with changing(agreements=[agreement.pk]):
        agreement.terminated_on = datetime.date(2026, 5, 1)
        agreement.save()

    assert _status(agreement) == Status.TERMINATED
    assert _status(agreement, datetime.date(2026, 4, 30)) == Status.IN_FORCE


@pytest.mark.parametrize("today", [datetime.date(year, 6, 1) for year in (2017, 2021, 2024, 2027)])
def test_sql_and_python_agree_for_every_combination_of_dates(db, today):
    years = [None, 2018, 2024]
    for start, end, terminated in itertools.product(years, years, [None, datetime.date(2022, 1, 1)]):
        if start and end and end < start:
            continue
        agreement = make_agreement(period_start=start, period_end=end, signed_on=None, terminated_on=terminated)
        _status(agreement, today)
