"""Lists and record pages cache what every reader sees alike, and never show it stale or to the wrong reader."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agreements.models import Agreement
from browse.pagecache import lazy_context
from tests.makers import make_agreement, make_agreement_party
from tests.records import in_two_provinces

LIST = reverse("browse:agreement-list")


@pytest.fixture
def records(world):
    return in_two_provinces(world)


def _main(html):
    """The page without its navigation bar (whose CSRF token changes with each response)."""
    return html[html.index('<main class="container-xl') :]


def _page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status
    return response.content.decode()


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return len(queries.captured_queries)


def test_a_list_read_again_costs_fewer_queries_and_shows_the_same(world, records, login):
    client = login(world.users["admin"])
    first = _page(client, LIST)
    again = _queries(client, LIST)
    assert _main(_page(client, LIST)) == _main(first)
    # The session, the user and the data version: the rows come from the cache.
    assert again == 3


def test_a_new_edited_or_deleted_record_shows_in_the_list_at_once(world, records, login):
    client = login(world.users["admin"])
    assert "12/QC-CAT-LĐLĐ" in _page(client, LIST)
    new = make_agreement(number="77/QC-MỚI")
    make_agreement_party(agreement=new, body=world.bodies.ben_tre_police)
    assert "77/QC-MỚI" in _page(client, LIST)
    Agreement.objects.filter(pk=new.pk).first().delete()
    assert "77/QC-MỚI" not in _page(client, LIST)
    records.agreements.ben_tre.number = "13/QC-SỬA"
    records.agreements.ben_tre.save()
    html = _page(client, LIST)
    assert "13/QC-SỬA" in html
    assert "12/QC-CAT-LĐLĐ" not in html


@pytest.mark.parametrize("first", ["admin", "other_leader"])
def test_a_list_cached_for_one_reader_is_not_shown_to_a_reader_of_another_scope(world, records, login, first):
    seen = {persona: _page(login(world.users[persona]), LIST) for persona in (first, "admin", "other_leader")}
    assert "12/QC-CAT-LĐLĐ" in seen["admin"]
    assert "12/QC-CAT-LĐLĐ" not in seen["other_leader"]
    assert "468/CTr-CAHP" in seen["other_leader"]


def test_a_list_cached_with_some_filters_is_not_shown_for_others(world, records, login):
    client = login(world.users["admin"])
    assert "468/CTr-CAHP" not in _page(client, f"{LIST}?status=in_force")
    assert "468/CTr-CAHP" in _page(client, f"{LIST}?status=ended")
    assert "468/CTr-CAHP" in _page(client, LIST)


def test_a_list_cached_in_one_language_is_read_in_the_other_in_its_own(world, records, login):
    client = login(world.users["admin"])
    assert "Quy chế phối hợp" in _page(client, LIST)  # the kind, in Vietnamese by default
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = _page(client, LIST)
    assert "Coordination regulation" in english
    assert "Tìm kiếm" not in english


@pytest.mark.parametrize("order", [("staff", "provincial_leader"), ("provincial_leader", "staff")])
def test_a_record_page_shows_the_edit_button_only_to_who_may_edit_whoever_read_it_first(world, records, login, order):
    url = records.agreements.ben_tre.get_absolute_url()
    edit = reverse("entry:agreement-update", args=[records.agreements.ben_tre.pk])
    seen = {persona: _page(login(world.users[persona]), url) for persona in order}
    assert edit in seen["staff"]
    assert edit not in seen["provincial_leader"]
    assert "12/QC-CAT-LĐLĐ" in seen["provincial_leader"]


@pytest.mark.parametrize(
    "url_of",
    [
        lambda r: r.agreements.ben_tre.get_absolute_url(),
        lambda r: r.conferences.ben_tre.get_absolute_url(),
        lambda r: r.bodies.ben_tre.get_absolute_url(),
        lambda r: r.people.ben_tre.get_absolute_url(),
    ],
    ids=["agreement", "conference", "body", "person"],
)
def test_a_record_page_cached_for_one_reader_is_still_404_for_an_outsider(world, records, login, url_of):
    url = url_of(records)
    assert "Bến" in _page(login(world.users["admin"]), url)
    _page(login(world.users["other_leader"]), url, status=404)


def test_a_record_page_shows_an_edit_at_once(world, records, login):
    client = login(world.users["staff"])
    agreement = records.agreements.ben_tre
    url = agreement.get_absolute_url()
    assert "Bến Tre" in _page(client, url)
    agreement.title = "Quy chế phối hợp đã sửa tên"
    agreement.save()
    assert "Quy chế phối hợp đã sửa tên" in _page(client, url)


def test_a_record_page_whose_data_misses_a_name_fails_loudly():
    context = lazy_context(lambda: {"agreement": 1, "extra": 2}, ("agreement", "history"))
    with pytest.raises(ValueError, match="the page expects"):
        str(context["agreement"])
