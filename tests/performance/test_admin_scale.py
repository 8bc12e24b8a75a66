"""The admin's lists of the large tables stay fast at national scale.

A list never counts more than COUNT_LIMIT + 1 rows (past that, PostgreSQL estimates an
unfiltered one), issues a fixed number of queries whatever the number of rows, and has no
filter whose choices are read from the large table itself.
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from agreements.admin import PeriodEndFilter
from agreements.models import (
    Agreement,
    Conference,
    ReportedFigure,
)
from awards.models import AwardDecision, AwardRecipient
from tests import admin_rows, makers

pytestmark = pytest.mark.django_db

ON_POSTGRESQL = connection.vendor == "postgresql"


def _url(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


# Queries of a list: the session and the user, one per filter listing a small table's rows
# (sectors, localities, award forms), the count, the rows with their foreign keys, one per
# prefetched column.
LARGE_LISTS = [
    (ReportedFigure, admin_rows.figures, 6),
    (AwardDecision, admin_rows.decisions, 6),
    (AwardRecipient, admin_rows.recipients, 5),
    (Conference, admin_rows.conferences, 6),
    (Agreement, admin_rows.agreements, 6),
]
IDS = [model._meta.model_name for model, _populate, _queries in LARGE_LISTS]


@pytest.mark.parametrize(("model", "populate", "queries"), LARGE_LISTS, ids=IDS)
def test_a_large_list_issues_the_same_queries_for_few_and_for_more_rows(
    admin_client, django_assert_num_queries, model, populate, queries
):
    url = _url(model)
    admin_client.get(url)  # warms per-process caches (content types, site)
    populate(2)
    with django_assert_num_queries(queries):
        few = admin_client.get(url)
    populate(10)
    with django_assert_num_queries(queries):
        more = admin_client.get(url)

    assert few.context["cl"].result_count == model.objects.count() - 10
    assert more.context["cl"].result_count == model.objects.count()
    assert len(more.context["cl"].result_list) == model.objects.count()


@pytest.mark.parametrize(("model", "populate", "queries"), LARGE_LISTS, ids=IDS)
def test_a_large_list_shows_the_exact_count_of_a_small_table_and_no_full_count(admin_client, model, populate, queries):
    populate(3)
    count = model.objects.count()

    response = admin_client.get(_url(model))

    cl = response.context["cl"]
    assert (cl.result_count, cl.paginator.approximate, cl.full_result_count) == (count, None, None)
    assert f"{count} {model._meta.verbose_name_plural}" in " ".join(response.content.decode().split())
    assert "counting stops there" not in response.content.decode()


@pytest.mark.parametrize(("model", "populate", "queries"), LARGE_LISTS, ids=IDS)
def test_a_large_list_offers_no_facet_counts(admin_client, model, populate, queries):
    populate(1)

    response = admin_client.get(_url(model), {"_facets": ""})

    assert response.status_code == 200
    assert not response.context["cl"].add_facets


def _paginator(response):
    html = response.content.decode()
    start = html.index('<p class="paginator">')
    return re.sub(r"<[^>]+>", "", html[start : html.index("</p>", start)])


def test_the_count_stops_at_the_limit_and_says_so(admin_client, monkeypatch):
    monkeypatch.setattr("common.admin.COUNT_LIMIT", 3)
    for year in (2019, 2019, 2019, 2019, 2020):
        makers.make_reported_figure(period_end=year)

    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(_url(ReportedFigure), {"period_end": "2019"})

    cl = response.context["cl"]
    assert (cl.result_count, cl.paginator.approximate) == (3, "limit")
    assert "More than 3 rows: counting stops there." in response.content.decode()
    # The paginator's own line says so too, instead of a bare "3 reported figures".
    assert re.search(r"More than 3\s+reported figures", _paginator(response))
    counts = [query["sql"] for query in queries if "COUNT(" in query["sql"]]
    assert len(counts) == 1
    assert "LIMIT 4" in counts[0]


def test_the_count_is_exact_up_to_the_limit(admin_client, monkeypatch):
    monkeypatch.setattr("common.admin.COUNT_LIMIT", 3)
    for year in (2019, 2019, 2019, 2020):
        makers.make_reported_figure(period_end=year)

    response = admin_client.get(_url(ReportedFigure), {"period_end": "2019"})

    cl = response.context["cl"]
    assert (cl.result_count, cl.paginator.approximate) == (3, None)
    assert "counting stops there" not in response.content.decode()
    assert re.search(r"^3\s+reported figures$", _paginator(response).strip())


def test_a_search_is_counted_up_to_the_limit(admin_client, monkeypatch):
    monkeypatch.setattr("common.admin.COUNT_LIMIT", 2)
    for _ in range(3):
        makers.make_award_decision(number="12/QĐ-KT")
    makers.make_award_decision(number="99/QĐ-UBND")

    response = admin_client.get(_url(AwardDecision), {"q": "qd-kt"})

    cl = response.context["cl"]
    assert (cl.result_count, cl.paginator.approximate) == (2, "limit")


# Filters


def _period_choices(response):
    (spec,) = [spec for spec in response.context["cl"].filter_specs if isinstance(spec, PeriodEndFilter)]
    return [choice["display"] for choice in spec.choices(response.context["cl"])]


def test_the_period_filter_offers_the_last_ten_years_and_earlier_whatever_the_figures(admin_client):
    this_year = timezone.localdate().year
    for year in range(1990, this_year + 1):
        makers.make_reported_figure(period_start=year, period_end=year)

    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(_url(ReportedFigure))

    recent_years = [str(year) for year in range(this_year, this_year - 10, -1)]
    assert _period_choices(response) == ["All", *recent_years, "Earlier"]
    # No query reads the years from the figures.
    assert not [query for query in queries if "DISTINCT" in query["sql"]]


def test_the_period_filter_keeps_figures_of_the_chosen_year_or_earlier_ones(admin_client):
    first_listed = timezone.localdate().year - 9
    recent = makers.make_reported_figure(period_start=first_listed, period_end=first_listed)
    older = makers.make_reported_figure(period_start=first_listed - 1, period_end=first_listed - 1)
    old = makers.make_reported_figure(period_start=1995, period_end=1995)

    def listed(value):
        response = admin_client.get(_url(ReportedFigure), {"period_end": value})
        assert response.status_code == 200
        return set(response.context["cl"].result_list)

    assert listed(str(first_listed)) == {recent}
    assert listed("earlier") == {older, old}
    # A year no longer offered still filters (an old link), and nonsense filters nothing.
    assert listed("1995") == {old}
    assert listed("soon") == {recent, older, old}


def test_no_filter_of_a_large_list_reads_its_choices_from_the_large_table(admin_client):
    for model, populate, _queries in LARGE_LISTS:
        populate(1)
        table = model._meta.db_table
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(_url(model)).status_code == 200
        scans = [query["sql"] for query in queries if "DISTINCT" in query["sql"] and table in query["sql"]]
        assert scans == [], model


# Order


def test_the_decision_list_shows_the_newest_first_and_undated_last(admin_client):
    undated = makers.make_award_decision(decided_on=None)
    older = makers.make_award_decision(decided_on=datetime.date(2019, 5, 1))
    newer = makers.make_award_decision(decided_on=datetime.date(2021, 5, 1))

    response = admin_client.get(_url(AwardDecision))

    assert list(response.context["cl"].result_list) == [newer, older, undated]


def test_the_figure_list_shows_the_newest_entries_first(admin_client):
    first = makers.make_reported_figure(period_end=2024)
    second = makers.make_reported_figure(period_end=2019)

    response = admin_client.get(_url(ReportedFigure))

    assert list(response.context["cl"].result_list) == [second, first]


# PostgreSQL's estimate


def _analyze(model):
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def test_an_unfiltered_list_past_the_limit_shows_the_limit_where_there_is_no_estimate(admin_client, monkeypatch):
    # SQLite keeps no estimate; on PostgreSQL, a table never analysed has none either.
    monkeypatch.setattr("common.admin.COUNT_LIMIT", 3)
    for _ in range(5):
        makers.make_reported_figure()

    cl = admin_client.get(_url(ReportedFigure)).context["cl"]

    assert (cl.result_count, cl.paginator.approximate) == (3, "limit")


NEEDS_POSTGRESQL = pytest.mark.skipif(
    not ON_POSTGRESQL, reason="the estimate is PostgreSQL's (pg_class.reltuples); SQLite keeps none"
)


@NEEDS_POSTGRESQL
def test_an_unfiltered_list_past_the_limit_shows_the_estimate(admin_client, monkeypatch):
    monkeypatch.setattr("common.admin.COUNT_LIMIT", 3)
    for _ in range(6):
        makers.make_reported_figure(period_end=2020)
    makers.make_reported_figure(period_end=2019)
    _analyze(ReportedFigure)

    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(_url(ReportedFigure))

    cl = response.context["cl"]
    assert (cl.result_count, cl.paginator.approximate) == (7, "estimate")
    assert "the database’s estimate" in response.content.decode()
    assert re.search(r"About 7\s+reported figures", _paginator(response))
    assert len([query for query in queries if "reltuples" in query["sql"]]) == 1

    # A filtered list is counted, up to the limit.
    filtered = admin_client.get(_url(ReportedFigure), {"period_end": "2019"}).context["cl"]
    assert (filtered.result_count, filtered.paginator.approximate) == (1, None)


@NEEDS_POSTGRESQL
def test_an_estimate_below_what_was_counted_is_not_believed(admin_client, monkeypatch):
    monkeypatch.setattr("common.admin.COUNT_LIMIT", 3)
    makers.make_reported_figure()
    _analyze(ReportedFigure)  # one row, as far as PostgreSQL knows
    for _ in range(5):
        makers.make_reported_figure()

    cl = admin_client.get(_url(ReportedFigure)).context["cl"]

    assert (cl.result_count, cl.paginator.approximate) == (3, "limit")


@NEEDS_POSTGRESQL
def test_a_small_table_is_counted_without_asking_for_the_estimate(admin_client):
    for _ in range(4):
        makers.make_reported_figure()
    _analyze(ReportedFigure)

    with CaptureQueriesContext(connection) as queries:
        cl = admin_client.get(_url(ReportedFigure)).context["cl"]

    assert (cl.result_count, cl.paginator.approximate) == (4, None)
    assert not [query for query in queries if "reltuples" in query["sql"]]
