"""The dashboard and the reviews due are cached until the next write, and never stale
(common.generations: every write through the services raises the records' generation)."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.services import decision_delete
from awards.summaries import rebuild_all
from common import generations
from common.derived import RECORDS_AREA, touch_now
from tests.makers import (
    add_authorities,
    make_agreement,
    make_agreement_party,
    make_award_decision,
    make_conference,
    make_conference_agreement,
    make_conference_body,
)

URL = reverse("home") + "?year_from=2018&year_to=2024"


def _shown(client):
    """The dashboard's numbers, tables and charts as the page shows them."""
    html = client.get(URL).content.decode()
    return html[html.index('<div id="dashboard-data">') : html.index("<!-- /dashboard-data -->")]


def _get(client, url=URL):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(queries.captured_queries)


def test_a_second_reading_is_served_from_the_cache_with_fewer_queries(world, login):
    client = login(world.users["provincial_leader"])
    _get(client)  # sessions, content types
    touch_now()
    _first, computed = _get(client)
    _second, cached = _get(client)
    # Computing reads agreements, summaries, reviews due, charts' data; a cached reading only
    # the session, the user and the page's own few rows.
    assert (computed, cached) == (19, 7)


@pytest.mark.parametrize(
    "write",
    ["conference", "conference_body", "decision", "authority", "agreement_link", "delete"],
)
def test_any_write_shows_at_once_on_the_dashboard(world, login, write):
    client = login(world.users["provincial_leader"])
    police = world.bodies.ben_tre_police
    conference = make_conference(held_on=datetime.date(2020, 3, 1))
    make_conference_body(conference=conference, body=police)
    decision = make_award_decision(conference=conference, total_count=3)
    add_authorities(decision, police)
    before = _shown(client)
    assert _shown(client) == before  # cached, and equal

    if write == "conference":
        make_conference_body(conference=make_conference(held_on=datetime.date(2021, 3, 1)), body=police)
    elif write == "conference_body":
        other = make_conference(held_on=datetime.date(2021, 3, 1))
        before = _shown(client)
        make_conference_body(conference=other, body=police)
    elif write == "decision":
        make_award_decision(conference=conference, total_count=5)
    elif write == "authority":
        lone = make_award_decision(decided_on=datetime.date(2020, 5, 1), total_count=4)
        before = _shown(client)
        add_authorities(lone, police)
    elif write == "agreement_link":
        agreement = make_agreement(period_start=2019, period_end=2023)
        make_agreement_party(agreement=agreement, body=police)
        before = _shown(client)
        review = make_conference(kind="final_review")
        make_conference_body(conference=review, body=police)
        make_conference_agreement(conference=review, agreement=agreement, role="reviewed")
    elif write == "delete":
        decision_delete(decision=decision, by=world.users["admin"])

    after = _shown(client)
    assert after != before
    # And what is shown equals a computation from scratch.
    cache.clear()
    assert after == _shown(client)


def test_a_rebuild_of_the_derived_tables_makes_cached_results_stale(db):
    generation = generations.current(RECORDS_AREA)
    rebuild_all()
    assert generations.current(RECORDS_AREA) > generation


def test_the_todo_page_follows_a_review_recorded_after_it_was_cached(world, login):
    staff = world.users["staff"]
    client = login(staff)
    agreement = make_agreement(number="15/QC", period_start=2020, period_end=2024)
    make_agreement_party(agreement=agreement, body=world.bodies.ben_tre_police)
    due = client.get(reverse("todo")).context["page_obj"]
    assert "final_review" in {item.kind for item in due if item.agreement == agreement}
    review = make_conference(kind="final_review", reviewed_period_start=2020, reviewed_period_end=2024)
    make_conference_body(conference=review, body=world.bodies.ben_tre_police)
    make_conference_agreement(conference=review, agreement=agreement, role="reviewed")
    due = client.get(reverse("todo")).context["page_obj"]
    assert "final_review" not in {item.kind for item in due if item.agreement == agreement}
