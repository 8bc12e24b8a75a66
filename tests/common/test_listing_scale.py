"""Lists at national scale: counts stop at a limit, period choices are cached but follow writes."""

import datetime

from django.urls import reverse

from common import listing
from tests.makers import make_conference, make_conference_body


def _count_line(response):
    return response.content.decode().split('class="list-count">')[1].split("</p>")[0].strip()


def _conferences(world, count):
    for day in range(count):
        conference = make_conference(held_on=datetime.date(2024, 1, 1) + datetime.timedelta(days=day))
        make_conference_body(conference=conference, body=world.bodies.ben_tre_police)


def test_a_list_longer_than_the_limit_says_more_than_and_offers_the_pages_up_to_it(world, login, monkeypatch):
    _conferences(world, 12)
    monkeypatch.setattr(listing, "COUNT_LIMIT", 10)
    client = login(world.users["central_leader"])
    response = client.get(reverse("browse:conference-list"))
    assert _count_line(response) == "More than 10 conferences; the filters and the search narrow the list."
    paginator = response.context["page_obj"].paginator
    assert (paginator.count, paginator.more) == (10, True)
    # A page past the limit shows the last page within it (rows 1-10 of the newest first).
    monkeypatch.setattr(listing, "PER_PAGE", 4)
    page = client.get(reverse("browse:conference-list"), {"page": 9}).context["page_obj"]
    assert page.number == 3
    assert len(page.object_list) == 2


def test_a_list_within_the_limit_counts_exactly(world, login, monkeypatch):
    _conferences(world, 10)
    monkeypatch.setattr(listing, "COUNT_LIMIT", 10)
    response = login(world.users["central_leader"]).get(reverse("browse:conference-list"))
    assert _count_line(response) == "10 conferences"
    assert response.context["page_obj"].paginator.more is False


def test_the_period_choices_are_read_once_and_again_after_a_write(world, login, django_assert_num_queries):
    make_conference(reviewed_period_start=2019, reviewed_period_end=2023)
    client = login(world.users["central_leader"])
    url = reverse("browse:conference-list")

    def periods():
        form = client.get(url).context["filterset"].form
        return [value for value, _label in form.fields["period"].choices if value]

    assert periods() == ["2019-2023"]
    make_conference(reviewed_period_start=2024, reviewed_period_end=2024)
    assert periods() == ["2024-2024", "2019-2023"]
