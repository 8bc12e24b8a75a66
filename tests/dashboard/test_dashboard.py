import datetime
from collections import defaultdict

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from agreements.models import Agreement, Conference, Membership, Reminder, ReportedFigure
from awards.models import AwardDecision
from common.derived import touch_now
from dashboard.selectors import Filters, dashboard
from tests.makers import (
    add_authorities,
    make_agreement,
    make_agreement_party,
    make_award_decision,
    make_conference,
    make_conference_agreement,
    make_conference_body,
    make_indicator,
    make_reported_figure,
)

TODAY = datetime.date(2024, 12, 1)


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _user(name):
    return get_user_model().objects.get(username=name)


def _conference_year(conference):
    if conference is None:
        return None
    return conference.held_on.year if conference.held_on else conference.reviewed_period_end


def _decision_year(decision):
    return decision.decided_on.year if decision.decided_on else _conference_year(decision.conference)


def _recipients(decision):
    if decision.total_count is not None:
        return decision.total_count
    return (decision.collective_count or 0) + (decision.individual_count or 0)


def test_every_dashboard_number_equals_a_recount_from_the_demo_records(demo):
    filters = Filters(year_from=2017, year_to=2024)
    data = dashboard(_user("leader"), filters, TODAY)

    assert data["in_force"] == sum(1 for a in Agreement.objects.all() if a.status == "in_force")
    assert data["conference_count"] == sum(
        1 for c in Conference.objects.all() if _conference_year(c) and 2017 <= _conference_year(c) <= 2024
    )
    decisions = [d for d in AwardDecision.objects.all() if _decision_year(d) and 2017 <= _decision_year(d) <= 2024]
    assert data["decision_count"] == len(decisions)
    assert data["recipients"]["total"] == sum(_recipients(d) for d in decisions)
    by_form = defaultdict(int)
    for decision in decisions:
        by_form[decision.form.name] += _recipients(decision)
    assert {row["form__name"]: row["recipients"] for row in data["by_form"]} == by_form
    main = defaultdict(int)
    for figure in ReportedFigure.objects.all():
        yearly = figure.period_start == figure.period_end
        if figure.indicator.is_main and yearly and 2017 <= figure.period_end <= 2024:
            main[figure.indicator.name] += figure.value
    assert {row["indicator__name"]: row["total"] for row in data["main_figures"]} == main


def test_the_demo_numbers_are_the_ones_a_reader_of_the_reports_expects(demo):
    data = dashboard(_user("leader"), Filters(year_from=2017, year_to=2024), TODAY)
    # The 2018 Bằng khen (24) and Giấy khen (60); the Thái Bình 80 has no date and is not counted.
    assert data["recipients"]["total"] == 84
    assert data["conference_count"] == 3  # 2018 (dated by the period it reviewed), 2020, 2024
    assert {row["indicator__name"]: int(row["total"]) for row in data["main_figures"]} == {
        "Lượt đoàn viên, người lao động dự tuyên truyền": 90982,
        "Công nhân lao động dự lớp phòng, chống ma túy": 800,
        "Công nhân lao động dự lớp tập huấn pháp luật": 1000,
    }


def test_reviews_due_follow_the_periods_and_the_reviews_recorded(demo):
    data = dashboard(_user("leader"), Filters(year_from=2017, year_to=2024), TODAY)
    # Worked out by hand from the reports: the 2018-2023 programme has no yearly review recorded
    # for any of 2018-2022, no final review and no successor by 31/12/2023 (its last year needs
    # no yearly review: the final review covers it); the Hải Phòng 2023-2028 regulation had no
    # yearly review of 2023. Every other agreement has no period, or is superseded.
    programme, hai_phong = (2018, 2023), (2023, 2028)
    yearly = [(programme, "interim_review", year, datetime.date(year + 1, 1, 31)) for year in range(2018, 2023)]
    assert [
        ((d.agreement.period_start, d.agreement.period_end), d.kind, d.year, d.due_on) for d in data["due_first"]
    ] == [
        *yearly,
        (programme, "final_review", 2023, datetime.date(2023, 12, 31)),
        (programme, "successor", 2023, datetime.date(2023, 12, 31)),
        (hai_phong, "interim_review", 2023, datetime.date(2024, 1, 31)),
    ]
    # And its yearly review of 2024, due by 31/01/2025: within the horizon, not yet overdue.
    assert (data["due_count"], data["overdue_count"]) == (9, 8)


def test_a_yearly_review_recorded_for_the_year_clears_what_was_due(demo):
    leader = _user("leader")
    programme = Agreement.objects.get(period_start=2018, period_end=2023)
    review = make_conference(kind="interim_review", reviewed_period_start=2023, reviewed_period_end=2023)
    make_conference_agreement(conference=review, agreement=programme, role="reviewed")
    due = dashboard(leader, Filters(year_from=2017, year_to=2024), TODAY)["due_first"]
    assert ("interim_review", 2023) not in {(d.kind, d.year) for d in due if d.agreement == programme}


def test_a_provincial_leader_sees_only_the_province_and_the_old_provinces_it_absorbed(demo):
    data = dashboard(_user("leader.bentre"), Filters(year_from=2017, year_to=2024), TODAY)
    assert data["in_force"] == 1  # the Bến Tre regulation
    assert data["conference_count"] == 1  # the 2019 review held in 2020
    assert data["recipients"]["total"] == 0
    assert {data["province_names"][row["province"]] for row in data["figure_rows"]} == {"Vĩnh Long"}


def test_figures_roll_old_provinces_up_unless_asked_for_as_recorded(demo):
    leader = _user("leader")
    rolled = dashboard(leader, Filters(year_from=2019, year_to=2019), TODAY)
    recorded = dashboard(leader, Filters(year_from=2019, year_to=2019, as_recorded=True), TODAY)
    assert set(rolled["province_names"].values()) == {"Vĩnh Long"}
    assert set(recorded["province_names"].values()) == {"Bến Tre"}


def test_the_dashboard_page_links_each_number_to_the_list_behind_it(demo, client):
    client.force_login(_user("leader"))
    page = client.get(reverse("home"), {"year_from": 2017, "year_to": 2024}).content.decode()
    assert 'href="/agreements/?status=in_force"' in page
    assert 'href="/conferences/?year_from=2017&amp;year_to=2024"' in page
    assert '<svg class="chart"' in page and "<rect" in page
    assert "/awards/decisions/?year_from=2018&amp;year_to=2018&amp;form=" in page


@pytest.mark.parametrize(
    "query",
    [
        {"year_from": "abc"},
        {"province": "999999"},
        {"year_from": "2024", "year_to": "2018"},
        {"year_to": "99999"},
        {"agreement": "not-an-id", "sector": "-1"},
        {"year_from": "\x00"},
    ],
)
def test_nonsense_filters_show_a_message_and_a_dashboard_never_a_500(demo, client, query):
    client.force_login(_user("leader"))
    response = client.get(reverse("home"), query)
    assert response.status_code == 200
    assert list(response.context["messages"])


def test_reversed_years_are_swapped(demo, client):
    client.force_login(_user("leader"))
    response = client.get(reverse("home"), {"year_from": "2024", "year_to": "2018"})
    assert (response.context["filters"].year_from, response.context["filters"].year_to) == (2018, 2024)


def _grow(world_bodies, size):
    """``size`` more agreements, conferences, decisions and figures in Bến Tre."""
    indicator = make_indicator(is_main=True)
    for index in range(size):
        agreement = make_agreement(period_start=2018, period_end=2023 + index % 3)
        make_agreement_party(agreement=agreement, body=world_bodies.ben_tre_police)
        conference = make_conference(held_on=datetime.date(2019 + index % 4, 3, 1))
        make_conference_body(conference=conference, body=world_bodies.ben_tre_police)
        make_conference_agreement(conference=conference, agreement=agreement)
        decision = make_award_decision(conference=conference, total_count=index + 1, collective_count=1)
        add_authorities(decision, world_bodies.ben_tre_police)
        make_reported_figure(indicator=indicator, body=world_bodies.ben_tre_union, conference=conference)


@pytest.mark.parametrize("persona", ["central_leader", "provincial_leader", "staff"])
def test_the_dashboard_issues_the_same_number_of_queries_whatever_the_data_size(
    world, login, django_assert_num_queries, persona
):
    client = login(world.users[persona])
    url = reverse("home") + "?year_from=2018&year_to=2024"
    _grow(world.bodies, 2)
    client.get(url)  # warm caches (content types, sessions, the filters' choices)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # Both requests compute the numbers, as the first reader after a write (the data changes
    # in between, so the second would anyway; the first would be answered from the cache).
    touch_now()
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    expected = len(small.captured_queries)
    _grow(world.bodies, 40)
    client.get(url)  # the new indicators' choices read into their cache
    touch_now()
    with django_assert_num_queries(expected):
        assert client.get(url).status_code == 200


# Reminders ---------------------------------------------------------------------------------


@pytest.fixture
def due_agreement(world):
    """An agreement of the Bến Tre police whose period ends on 31/12/2024."""
    agreement = make_agreement(number="15/QC", period_start=2020, period_end=2024)
    make_agreement_party(agreement=agreement, body=world.bodies.ben_tre_police)
    # Its yearly reviews (2020-2023) are recorded, so only the final review and the successor
    # are due; 2024, its last year, is covered by the final review.
    for year in range(2020, 2024):
        review = make_conference(kind="interim_review", reviewed_period_start=year, reviewed_period_end=year)
        make_conference_agreement(conference=review, agreement=agreement, role="reviewed")
    staff = world.users["staff"]
    staff.email = "staff@congan.bentre.gov.vn"
    staff.save()
    return agreement


def _remind(today):
    call_command("send_reminders", today=today, stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_send_reminders_sends_each_reminder_once_at_90_30_and_7_days(world, due_agreement):
    _remind("2024-10-02")  # 90 days before 31/12/2024
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["staff@congan.bentre.gov.vn"]
    assert "15/QC" in mail.outbox[0].body and "31/12/2024" in mail.outbox[0].body

    _remind("2024-10-02")  # the timer runs twice the same day
    _remind("2024-10-03")  # and on the following days, still 30+ days away
    assert len(mail.outbox) == 1

    _remind("2024-12-01")  # 30 days before
    _remind("2024-12-24")  # 7 days before
    _remind("2024-12-24")
    assert len(mail.outbox) == 3
    assert sorted(set(Reminder.objects.values_list("days_before", flat=True))) == [7, 30, 90]
    # Two items (final review, successor) per threshold, one e-mail each time.
    assert Reminder.objects.count() == 6


def test_a_missed_day_is_caught_up_and_nothing_is_sent_after_the_due_date(world, due_agreement):
    _remind("2024-12-28")  # the 7-day mark fell on a day the timer did not run
    assert len(mail.outbox) == 1
    assert set(Reminder.objects.values_list("days_before", flat=True)) == {7}
    mail.outbox.clear()
    _remind("2025-01-05")
    assert mail.outbox == []


def test_reminders_go_only_to_the_staff_of_the_parties(world, due_agreement):
    other = world.users["other_staff"]
    other.email = "staff@congan.haiphong.gov.vn"
    other.save()
    leader = world.users["provincial_leader"]
    leader.email = "leader@congan.vinhlong.gov.vn"
    leader.save()
    _remind("2024-10-02")
    assert [m.to for m in mail.outbox] == [["staff@congan.bentre.gov.vn"]]
    assert Membership.objects.filter(user=leader).exists()


@pytest.mark.parametrize("persona", ["leader", "leader.bentre"])
def test_each_number_equals_the_count_of_the_list_it_links_to(demo, client, persona):
    client.force_login(_user(persona))
    response = client.get(reverse("home"), {"year_from": 2017, "year_to": 2026})
    data, links = response.context["data"], response.context["links"]
    expected = {
        "in_force": data["in_force"],
        "ending_soon": data["ending_soon"],
        "conferences": data["conference_count"],
        "decisions": data["decision_count"],
    }
    for name, number in expected.items():
        listed = client.get(links[name]).context["page_obj"].paginator.count
        assert listed == number, name
    for row in data["by_form"]:
        listed = client.get(response.context["form_links"][row["form"]]).context["page_obj"].paginator.count
        assert listed == row["decisions"]
