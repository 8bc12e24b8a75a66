"""Staff of two provinces saving at the same moment do not wait for each other.

One writer records a conference of Bến Tre and keeps its transaction open; meanwhile a writer
of Hải Phòng records one of Hải Phòng, which must commit without waiting. Every derived row
either writes (the summaries per shard, the provinces of each record, the reviews due) is
its own province's, so neither holds a lock the other needs.
"""

import datetime
import threading

import pytest
from django.db import connection, connections, transaction

from agreements.models import Conference
from awards.models import AwardForm
from entry.services import ConferenceRecord, conference_record
from tests.makers import make_award_form, make_indicator

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite lets one writer at a time by design; PostgreSQL is the server"
)

WAIT_SECONDS = 10


def _entry(body, indicator, form, year):
    return ConferenceRecord(
        data={
            "title": f"Hội nghị sơ kết năm {year} ({body.name})",
            "kind": Conference.Kind.INTERIM_REVIEW,
            "held_on": datetime.date(year + 1, 1, 15),
            "hosts": [body],
            "reviewed_period": (year, year),
        },
        figures=[{"indicator": indicator, "value": 120, "body": body, "period": None}],
        commendations=[
            {
                "form": form,
                "authorities": [body],
                "collective_count": 2,
                "individual_count": 3,
                "recipients": [],
            }
        ],
        submit=True,
    )


@pytest.mark.django_db(transaction=True)
def test_a_writer_of_another_province_commits_while_the_first_keeps_its_transaction_open(world):
    indicator = make_indicator(is_main=True)
    form = make_award_form()
    # Each province has written before, so the summary rows of both exist already.
    conference_record(
        conference=None, entry=_entry(world.bodies.ben_tre_police, indicator, form, 2023), by=world.users["staff"]
    )
    conference_record(
        conference=None,
        entry=_entry(world.bodies.hai_phong_police, indicator, form, 2023),
        by=world.users["other_staff"],
    )
    first_saved, release, first_done = threading.Event(), threading.Event(), threading.Event()
    errors = []

    def first_writer():
        try:
            with transaction.atomic():
                conference_record(
                    conference=None,
                    entry=_entry(world.bodies.ben_tre_police, indicator, AwardForm.objects.get(pk=form.pk), 2024),
                    by=world.users["staff"],
                )
                first_saved.set()
                release.wait(WAIT_SECONDS * 2)
        except Exception as error:  # noqa: BLE001 - reported by the test below
            errors.append(error)
        finally:
            first_saved.set()
            first_done.set()
            connections.close_all()

    thread = threading.Thread(target=first_writer)
    thread.start()
    assert first_saved.wait(WAIT_SECONDS)
    second_done = threading.Event()

    def second_writer():
        try:
            conference_record(
                conference=None,
                entry=_entry(world.bodies.hai_phong_police, indicator, form, 2024),
                by=world.users["other_staff"],
            )
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            second_done.set()
            connections.close_all()

    other = threading.Thread(target=second_writer)
    other.start()
    committed_while_the_first_was_open = second_done.wait(WAIT_SECONDS)
    release.set()
    thread.join(WAIT_SECONDS)
    other.join(WAIT_SECONDS)

    assert not errors, errors
    assert committed_while_the_first_was_open, "the second writer waited for the first one's locks"
    assert first_done.is_set()
    assert Conference.objects.filter(title__startswith="Hội nghị sơ kết năm 2024").count() == 2
