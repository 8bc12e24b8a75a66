"""The read-only pages of agreements, conferences, bodies and people."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from agreements.models import Agreement, Appearance, Body, ConferenceAgreement, ConferenceBody
from common.derived import touch_now
from common.history import history_entries
from tests.conftest import PERSONAS
from tests.makers import (
    add_authorities,
    changing,
    make_agreement,
    make_agreement_alias,
    make_agreement_party,
    make_appearance,
    make_award_decision,
    make_award_recipient,
    make_body,
    make_conference,
    make_conference_agreement,
    make_conference_body,
    make_conference_extra_kind,
    make_indicator,
    make_person,
    make_reported_figure,
)
from tests.records import in_two_provinces

READS_BOTH = {"staff", "other_staff", "central_leader", "admin"}


@pytest.fixture
def records(world):
    return in_two_provinces(world)


def _listed(response, *records):
    """Which of ``records`` the list page links to."""
    content = response.content.decode()
    return {record for record in records if f'href="{record.get_absolute_url()}"' in content}


def _in_vietnamese(client):
    """The client as a user who kept the default interface: numbers read 1.291."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    return client


def _count_line(response):
    """The "123 agreements" line of a list page, in whatever language it was rendered."""
    return response.content.decode().split('class="list-count">')[1].split("</p>")[0].strip()


def _queries(client, url):
    """Queries of a GET of ``url`` as the first reader after a write gets it: the filter
    choices cached by an earlier request, the page itself rendered afresh."""
    client.get(url)
    touch_now()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


# Who sees what

LIST_URLS = {
    "agreements": "browse:agreement-list",
    "conferences": "browse:conference-list",
    "bodies": "browse:body-list",
    "people": "browse:person-list",
}


@pytest.mark.parametrize("kind", LIST_URLS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_list_shows_each_persona_the_records_of_its_scope(world, records, login, persona, kind):
    url = reverse(LIST_URLS[kind])
    response = login(world.users[persona]).get(url)
    if persona == "anonymous":
        assert response.status_code == 302
        assert response.url == f"{reverse('login')}?next={url}"
        return
    assert response.status_code == 200
    group = getattr(records, kind if kind != "bodies" else "bodies")
    expected = {
        "provincial_leader": {group.ben_tre},
        "other_leader": {group.hai_phong},
    }.get(persona, {group.ben_tre, group.hai_phong})
    assert _listed(response, group.ben_tre, group.hai_phong) == expected


@pytest.mark.parametrize("kind", LIST_URLS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_detail_page_answers_404_outside_the_persona_s_scope(world, records, login, persona, kind):
    group = getattr(records, kind)
    client = login(world.users[persona])
    for place, record in (("ben_tre", group.ben_tre), ("hai_phong", group.hai_phong)):
        url = record.get_absolute_url()
        response = client.get(url)
        if persona == "anonymous":
            assert response.status_code == 302
            assert response.url.startswith(reverse("login"))
            continue
        readable = persona in READS_BOTH or (persona, place) in {
            ("provincial_leader", "ben_tre"),
            ("other_leader", "hai_phong"),
        }
        assert response.status_code == (200 if readable else 404), (persona, place)


@pytest.mark.parametrize(
    ("persona", "sees_edit"),
    [
        ("staff", True),
        ("other_staff", False),
        ("provincial_leader", False),
        ("central_leader", False),
        ("admin", True),
    ],
)
def test_the_edit_button_shows_only_to_those_who_may_edit(world, records, login, persona, sees_edit):
    client = login(world.users[persona])
    agreement = records.agreements.ben_tre
    conference = records.conferences.ben_tre
    content = client.get(agreement.get_absolute_url()).content.decode()
    assert (reverse("entry:agreement-update", args=[agreement.pk]) in content) is sees_edit
    content = client.get(conference.get_absolute_url()).content.decode()
    assert (reverse("entry:conference-update", args=[conference.pk]) in content) is sees_edit


def test_the_list_shows_the_number_of_records(world, records, login):
    response = login(world.users["central_leader"]).get(reverse("browse:agreement-list"))
    assert response.context["page_obj"].paginator.count == 2
    assert _count_line(response).startswith("2 ")


# Filters


def _agreements(client, **params):
    response = client.get(reverse("browse:agreement-list"), params)
    assert response.status_code == 200
    return {agreement.number for agreement in response.context["page_obj"]}


def test_agreements_filter_by_kind_and_status(world, records, login):
    client = login(world.users["admin"])
    assert _agreements(client, kind="programme") == {"468/CTr-CAHP"}
    assert _agreements(client, status="in_force") == {"12/QC-CAT-LĐLĐ"}
    assert _agreements(client, kind="regulation", status="ended") == set()


def test_a_current_province_includes_the_old_provinces_it_absorbed(world, records, login):
    client = login(world.users["admin"])
    assert _agreements(client, province=world.localities.vinh_long.pk) == {"12/QC-CAT-LĐLĐ"}
    assert _agreements(client, province=world.localities.hai_phong.pk) == {"468/CTr-CAHP"}
    response = client.get(reverse("browse:conference-list"), {"province": world.localities.vinh_long.pk})
    assert _listed(response, records.conferences.ben_tre, records.conferences.hai_phong) == {
        records.conferences.ben_tre
    }
    response = client.get(reverse("browse:body-list"), {"province": world.localities.vinh_long.pk})
    assert {body.name for body in response.context["page_obj"]} == {
        "Công an tỉnh Bến Tre",
        "Liên đoàn Lao động tỉnh Bến Tre",
        "Công an tỉnh Vĩnh Long",
    }
    response = client.get(reverse("browse:person-list"), {"province": world.localities.vinh_long.pk})
    assert list(response.context["page_obj"]) == [records.people.ben_tre]


def test_an_old_province_is_not_offered_as_a_filter(world, records, login):
    response = login(world.users["admin"]).get(
        reverse("browse:agreement-list"), {"province": world.localities.ben_tre.pk}
    )
    assert "province" in response.context["filterset"].errors


def test_agreements_filter_by_year_signed_or_covered_by_the_period(world, records, login):
    client = login(world.users["admin"])
    assert _agreements(client, year=2020) == {"12/QC-CAT-LĐLĐ"}
    assert _agreements(client, year=2015) == {"468/CTr-CAHP"}
    assert _agreements(client, year=2018) == {"12/QC-CAT-LĐLĐ", "468/CTr-CAHP"}
    assert _agreements(client, year=2030) == set()


def test_agreements_filter_by_period(world, records, login):
    client = login(world.users["admin"])
    assert _agreements(client, period="2014-2018") == {"468/CTr-CAHP"}


def test_the_search_ignores_tone_marks(world, records, login):
    client = login(world.users["admin"])
    assert _agreements(client, q="cong an tinh ben tre") == {"12/QC-CAT-LĐLĐ"}
    assert _agreements(client, q="CHƯƠNG TRÌNH phoi hop") == {"468/CTr-CAHP"}
    response = client.get(reverse("browse:conference-list"), {"q": "cong an tinh ben tre"})
    assert list(response.context["page_obj"]) == [records.conferences.ben_tre]
    response = client.get(reverse("browse:person-list"), {"q": "tran van ben"})
    assert list(response.context["page_obj"]) == [records.people.ben_tre]


def test_dang_finds_a_body_of_the_party(world, records, login):
    make_body(name="Đảng ủy Khối các cơ quan tỉnh", sector=world.sectors.police, level=Body.Level.PROVINCE)
    response = login(world.users["admin"]).get(reverse("browse:body-list"), {"q": "dang uy"})
    assert [body.name for body in response.context["page_obj"]] == ["Đảng ủy Khối các cơ quan tỉnh"]


def test_an_agreement_is_found_by_an_alias_of_its_number_once(world, records, login):
    make_agreement_alias(agreement=records.agreements.ben_tre, number="12/QCPH-CA-LĐLĐ-BT")
    client = login(world.users["admin"])
    response = client.get(reverse("browse:agreement-list"), {"q": "qcph-ca-ldld"})
    assert [a.number for a in response.context["page_obj"]] == ["12/QC-CAT-LĐLĐ"]
    assert response.context["page_obj"].paginator.count == 1


def test_conferences_filter_by_any_of_their_kinds_and_by_year(world, records, login):
    client = login(world.users["admin"])
    response = client.get(reverse("browse:conference-list"), {"kind": "signing"})
    assert list(response.context["page_obj"]) == [records.conferences.hai_phong]
    response = client.get(reverse("browse:conference-list"), {"year": "2020"})
    assert list(response.context["page_obj"]) == [records.conferences.ben_tre]


def test_lists_filter_by_sector(world, records, login):
    client = login(world.users["admin"])
    assert _agreements(client, sector=world.sectors.union.pk) == {"12/QC-CAT-LĐLĐ"}
    response = client.get(reverse("browse:body-list"), {"sector": world.sectors.union.pk})
    assert {body.name for body in response.context["page_obj"]} == {
        "Liên đoàn Lao động tỉnh Bến Tre",
        "Liên đoàn Lao động thành phố Hải Phòng",
    }


@pytest.mark.parametrize("url_name", LIST_URLS.values())
@pytest.mark.parametrize(
    ("params", "field"),
    [({"year": "abc"}, "year"), ({"province": "999999"}, "province"), ({"sector": "x"}, "sector")],
)
def test_a_nonsense_filter_shows_a_message_and_the_unfiltered_list(world, records, login, url_name, params, field):
    if field not in {"province", "sector"} and url_name in {"browse:body-list", "browse:person-list"}:
        params, field = {"province": "abc"}, "province"
    response = login(world.users["admin"]).get(reverse(url_name), params)
    assert response.status_code == 200
    errors = response.context["filterset"].errors
    assert field in errors
    content = response.content.decode()
    assert "alert-warning" in content
    assert str(errors[field][0]) in content
    assert response.context["page_obj"].paginator.count >= 2


@pytest.mark.parametrize("url_name", LIST_URLS.values())
@pytest.mark.parametrize("params", [{"page": "abc"}, {"page": "999"}, {"page": "-1"}, {"sort": "evil"}, {"sort": ""}])
def test_a_nonsense_page_or_sort_still_shows_the_list(world, records, login, url_name, params):
    response = login(world.users["admin"]).get(reverse(url_name), params)
    assert response.status_code == 200
    assert len(response.context["page_obj"]) >= 2


def test_pagination_shows_25_rows_and_keeps_the_filters_in_its_links(world, login):
    for n in range(30):
        agreement = make_agreement(number=f"{n:02d}/QC", signed_on=datetime.date(2019, 1, 1) + datetime.timedelta(n))
        make_agreement_party(agreement=agreement, body=world.bodies.ben_tre_police)
    client = login(world.users["admin"])
    url = reverse("browse:agreement-list")
    response = client.get(url, {"kind": "regulation", "sort": "number"})
    assert [a.number for a in response.context["page_obj"]] == [f"{n:02d}/QC" for n in range(25)]
    assert _count_line(response).startswith("30 ")
    content = response.content.decode()
    assert 'href="?kind=regulation&amp;sort=number&amp;page=2"' in content
    response = client.get(url, {"kind": "regulation", "sort": "number", "page": "2"})
    assert [a.number for a in response.context["page_obj"]] == [f"{n:02d}/QC" for n in range(25, 30)]
    response = client.get(url, {"kind": "regulation", "page": "abc"})
    assert response.context["page_obj"].number == 1
    response = client.get(url, {"kind": "regulation", "page": "99"})
    assert response.context["page_obj"].number == 2


def test_agreements_sort_by_a_whitelisted_order_and_ignore_others(world, records, login):
    client = login(world.users["admin"])
    url = reverse("browse:agreement-list")
    assert [a.number for a in client.get(url, {"sort": "signed"}).context["page_obj"]] == [
        "468/CTr-CAHP",
        "12/QC-CAT-LĐLĐ",
    ]
    assert [a.number for a in client.get(url, {"sort": "-pk; DROP TABLE"}).context["page_obj"]] == [
        "12/QC-CAT-LĐLĐ",
        "468/CTr-CAHP",
    ]


# Query counts: the same for a handful of rows as for 200


def _many_agreements(world, count):
    for n in range(count):
        agreement = make_agreement(number=f"{n}/KH")
        make_agreement_party(agreement=agreement, body=world.bodies.ben_tre_police)
        make_agreement_party(agreement=agreement, body=world.bodies.ben_tre_union)
        make_agreement_alias(agreement=agreement, number=f"{n}/KH-BT")


def _many_conferences(world, count):
    for n in range(count):
        conference = make_conference(title=f"Hội nghị {n}", locality=world.localities.ben_tre)
        make_conference_extra_kind(conference=conference)
        make_conference_body(conference=conference, body=world.bodies.ben_tre_police)
        make_conference_body(conference=conference, body=world.bodies.ben_tre_union)


def _many_bodies(world, count):
    for n in range(count):
        make_body(
            name=f"Công an huyện {n}",
            sector=world.sectors.police,
            parent=world.bodies.ben_tre_police,
            locality=world.localities.ben_tre,
            level=Body.Level.DISTRICT,
        )


def _many_people(world, count):
    conference = make_conference(locality=world.localities.ben_tre)
    for n in range(count):
        make_appearance(
            person=make_person(full_name=f"Nguyễn Văn {n}"), conference=conference, body=world.bodies.ben_tre_police
        )


LIST_QUERIES = {
    # 6 to know the user: session, user, memberships, 3 for the leader's provinces; then
    # the count, the page and one per prefetched relation (parties, aliases; extra kinds,
    # hosts; the people's appearances, worked out for the page's rows). The filter form's
    # choices come from their cache.
    "browse:agreement-list": (_many_agreements, 10),
    "browse:conference-list": (_many_conferences, 10),
    "browse:body-list": (_many_bodies, 8),
    "browse:person-list": (_many_people, 9),
}


@pytest.mark.parametrize("url_name", LIST_QUERIES)
def test_a_list_issues_the_same_number_of_queries_for_200_rows_as_for_a_few(
    world, login, django_assert_num_queries, url_name
):
    make_many, expected = LIST_QUERIES[url_name]
    client = login(world.users["provincial_leader"])
    url = reverse(url_name)
    make_many(world, 3)
    few = _queries(client, url)
    make_many(world, 197)
    client.get(url)  # the periods of the new rows read into their cache
    touch_now()
    with django_assert_num_queries(few):
        response = client.get(url)
    assert len(response.context["page_obj"]) == 25
    assert few == expected, few


def _conference_report(world, conference, size):
    """``size`` figures, people, agreements and commendations at ``conference``."""
    indicator = make_indicator(unit="buổi")
    for n in range(size):
        figure = make_reported_figure(
            indicator=indicator, body=world.bodies.ben_tre_police, conference=conference, value=Decimal(1291 + n)
        )
        figure.partner_bodies.add(world.bodies.ben_tre_union)
        make_appearance(
            person=make_person(full_name=f"Phạm Văn {n}"),
            conference=conference,
            body=world.bodies.ben_tre_police,
            role=Appearance.Role.SPEAKER,
            positions="Giám đốc\nĐại tá",
        )
        agreement = make_agreement(number=f"{n}/QC-BT")
        make_agreement_party(agreement=agreement, body=world.bodies.ben_tre_police)
        make_conference_agreement(conference=conference, agreement=agreement, role=ConferenceAgreement.Role.REVIEWED)
        decision = make_award_decision(conference=conference, total_count=2)
        add_authorities(decision, world.bodies.ben_tre_police)
        make_award_recipient(decision=decision)
        make_conference_body(
            conference=conference, body=make_body(name=f"Công đoàn {n}"), role=ConferenceBody.Role.PARTICIPANT
        )


def test_a_conference_page_issues_the_same_queries_for_200_figures_as_for_2(world, login, django_assert_num_queries):
    client = _in_vietnamese(login(world.users["provincial_leader"]))
    small = make_conference(locality=world.localities.ben_tre)
    make_conference_body(conference=small, body=world.bodies.ben_tre_police)
    _conference_report(world, small, 2)
    large = make_conference(locality=world.localities.ben_tre)
    make_conference_body(conference=large, body=world.bodies.ben_tre_police)
    _conference_report(world, large, 200)
    few = _queries(client, small.get_absolute_url())
    with django_assert_num_queries(few):
        response = client.get(large.get_absolute_url())
    assert "1.291" in response.content.decode()
    assert "1.490" in response.content.decode()
    assert few == 25, few


def test_an_agreement_page_issues_the_same_queries_for_a_long_history_as_for_a_short_one(
    world, login, django_assert_num_queries
):
    client = login(world.users["staff"])

    def agreement_with(size):
        previous = None
        for n in range(size):
            previous = make_agreement(number=f"{n}/QC-{size}", supersedes=previous)
            make_agreement_party(agreement=previous, body=world.bodies.ben_tre_police)
        agreement = make_agreement(number=f"QC-{size}", supersedes=previous)
        make_agreement_party(agreement=agreement, body=world.bodies.ben_tre_police)
        for n in range(size):
            plan = make_agreement(number=f"KH-{size}-{n}", implements=agreement, kind=Agreement.Kind.PLAN)
            make_agreement_party(agreement=plan, body=world.bodies.ben_tre_union)
            conference = make_conference()
            make_conference_agreement(conference=conference, agreement=agreement)
            make_appearance(
                person=make_person(),
                agreement=agreement,
                body=world.bodies.ben_tre_police,
                role=Appearance.Role.SIGNATORY,
            )
            make_agreement_alias(agreement=agreement, number=f"{size}-{n}")
            add_authorities(make_award_decision(agreement=agreement), world.bodies.ben_tre_police)
        return agreement

    small, large = agreement_with(2), agreement_with(60)
    few = _queries(client, small.get_absolute_url())
    with django_assert_num_queries(few):
        response = client.get(large.get_absolute_url())
    assert "0/QC-60" in response.content.decode()
    assert "59/QC-60" in response.content.decode()
    assert few == 20, few


def test_a_body_page_issues_the_same_queries_for_200_records_as_for_2(world, login, django_assert_num_queries):
    client = login(world.users["provincial_leader"])

    def body_with(size):
        body = make_body(name=f"Công an huyện {size}", locality=world.localities.ben_tre, sector=world.sectors.police)
        conference = make_conference(locality=world.localities.ben_tre)
        for n in range(size):
            agreement = make_agreement(number=f"{size}-{n}")
            make_agreement_party(agreement=agreement, body=body)
            make_conference_body(conference=make_conference(), body=body)
            make_appearance(person=make_person(), conference=conference, body=body)
            add_authorities(make_award_decision(), body)
            make_award_recipient(body=body)
            make_body(name=f"Công an xã {n}", parent=body, locality=world.localities.ben_tre)
        return body

    small, large = body_with(2), body_with(200)
    few = _queries(client, small.get_absolute_url())
    with django_assert_num_queries(few):
        response = client.get(large.get_absolute_url())
    assert f"{reverse('browse:agreement-list')}?body={large.pk}" in response.content.decode()
    assert few == 14, few


def test_a_person_page_issues_the_same_queries_for_200_appearances_as_for_2(world, login, django_assert_num_queries):
    client = login(world.users["provincial_leader"])

    def person_with(size):
        person = make_person(full_name=f"Võ Văn {size}")
        for n in range(size):
            conference = make_conference(held_on=datetime.date(2000, 1, 1) + datetime.timedelta(n))
            make_conference_body(conference=conference, body=world.bodies.ben_tre_police)
            make_appearance(
                person=person,
                conference=conference,
                body=world.bodies.ben_tre_police,
                rank=Appearance.Rank.DAI_TA,
                positions="Giám đốc",
            )
            make_award_recipient(
                person=person,
                kind="individual",
                name=person.full_name,
                decision=make_award_decision(conference=conference),
            )
        return person

    small, large = person_with(2), person_with(200)
    few = _queries(client, small.get_absolute_url())
    with django_assert_num_queries(few):
        client.get(large.get_absolute_url())
    assert few == 9, few


# The record pages show what the reports say


def test_the_agreement_page_shows_parties_signatories_chain_and_conferences(world, records, login):
    b = world.bodies
    agreement = records.agreements.ben_tre
    older = make_agreement(number="05/QC-2014", period_start=2014, period_end=2018)
    make_agreement_party(agreement=older, body=b.ben_tre_police)
    oldest = make_agreement(number="01/QC-2010", period_start=2010, period_end=2014)
    make_agreement_party(agreement=oldest, body=b.ben_tre_police)
    with changing(agreements=[older.pk, agreement.pk]):
        older.supersedes = oldest
        older.save()
        agreement.supersedes = older
        agreement.key_tasks = "Tuyên truyền pháp luật\nXây dựng mô hình"
        agreement.save()
    newer = make_agreement(number="20/QC-2023", supersedes=agreement)
    make_agreement_party(agreement=newer, body=b.ben_tre_police)
    plan = make_agreement(number="KH-01", kind=Agreement.Kind.PLAN, implements=agreement)
    make_agreement_party(agreement=plan, body=b.ben_tre_union)
    make_appearance(
        person=make_person(full_name="Nguyễn Văn Tư"),
        agreement=agreement,
        body=b.ben_tre_police,
        role=Appearance.Role.SIGNATORY,
        rank=Appearance.Rank.DAI_TA,
        positions="Giám đốc Công an tỉnh",
    )
    make_conference_agreement(
        conference=records.conferences.ben_tre, agreement=agreement, role=ConferenceAgreement.Role.REVIEWED
    )
    decision = make_award_decision(agreement=agreement, number="77/QĐ-UBND")
    add_authorities(decision, b.ben_tre_police)

    content = login(world.users["provincial_leader"]).get(agreement.get_absolute_url()).content.decode()
    for text in (
        "12/QCPH-CA-LĐLĐ",
        "Công an tỉnh Bến Tre",
        "Liên đoàn Lao động tỉnh Bến Tre",
        "Đại tá",
        "Nguyễn Văn Tư",
        "Giám đốc Công an tỉnh",
        "29/08/2018",
        "2018–2023",
        "Tuyên truyền pháp luật",
        "05/QC-2014",
        "01/QC-2010",
        "20/QC-2023",
        "KH-01",
        records.conferences.ben_tre.title,
        "77/QĐ-UBND",
    ):
        assert text in content, text
    assert content.index("01/QC-2010") < content.index("05/QC-2014")


def test_the_agreement_page_hides_related_agreements_the_reader_may_not_read(world, records, login):
    agreement = records.agreements.ben_tre
    central = make_agreement(number="03/QC-BCA-TLĐLĐ")
    make_agreement_party(agreement=central, body=world.bodies.ministry)
    agreement.implements = central
    agreement.save()
    assert (
        "03/QC-BCA-TLĐLĐ"
        not in login(world.users["provincial_leader"]).get(agreement.get_absolute_url()).content.decode()
    )
    assert "03/QC-BCA-TLĐLĐ" in login(world.users["central_leader"]).get(agreement.get_absolute_url()).content.decode()


def test_the_conference_page_reads_like_a_report(world, records, login):
    conference = records.conferences.hai_phong
    conference.held_on_text = "Sáng 4-5"
    conference.results = "Tổ chức 1.291 buổi tuyên truyền"
    conference.shortcomings = "Một số nơi còn hình thức"
    conference.reviewed_period_start, conference.reviewed_period_end = 2018, 2023
    conference.save()
    make_conference_body(conference=conference, body=world.bodies.hai_phong_union, role=ConferenceBody.Role.PARTICIPANT)
    make_appearance(
        person=make_person(full_name="Tô Lâm"),
        conference=conference,
        role=Appearance.Role.GUEST,
        rank=Appearance.Rank.DAI_TUONG,
        positions="Bộ trưởng Bộ Công an",
    )
    make_reported_figure(
        conference=conference,
        body=world.bodies.hai_phong_police,
        indicator=make_indicator(name="Lượt người tham dự", unit="lượt"),
        value=Decimal("90982"),
    )
    decision = make_award_decision(
        conference=conference, total_count=24, collective_count=10, individual_count=4, authorities_text="Bộ Công an"
    )
    add_authorities(decision, world.bodies.ministry)
    make_conference_agreement(
        conference=conference, agreement=records.agreements.hai_phong, role=ConferenceAgreement.Role.SIGNED
    )

    content = _in_vietnamese(login(world.users["other_leader"])).get(conference.get_absolute_url()).content.decode()
    for text in (
        "Sáng 4-5",
        "04/05/2023",
        "Liên đoàn Lao động thành phố Hải Phòng",
        "2018–2023",
        "Đại tướng",
        "Tô Lâm",
        "Bộ trưởng Bộ Công an",
        "Tổ chức 1.291 buổi tuyên truyền",
        "Một số nơi còn hình thức",
        "90.982",
        "lượt",
        ">24<",
        ">10<",
        ">4<",
        "468/CTr-CAHP",
    ):
        assert text in content, text


def test_the_person_page_lists_appearances_newest_first_with_the_rank_of_that_day(world, records, login):
    person = records.people.ben_tre
    later = make_conference(title="Hội nghị tổng kết 2023 Bến Tre", held_on=datetime.date(2023, 12, 1))
    make_conference_body(conference=later, body=world.bodies.ben_tre_police)
    make_appearance(
        person=person,
        conference=later,
        body=world.bodies.ben_tre_police,
        rank=Appearance.Rank.THIEU_TUONG,
        positions="Giám đốc",
    )
    Appearance.objects.filter(person=person, conference=records.conferences.ben_tre).update(
        rank=Appearance.Rank.DAI_TA, positions="Phó Giám đốc"
    )
    content = login(world.users["provincial_leader"]).get(person.get_absolute_url()).content.decode()
    assert content.index("Thiếu tướng") < content.index("Đại tá")
    assert content.index("Hội nghị tổng kết 2023 Bến Tre") < content.index(records.conferences.ben_tre.title)
    assert "Phó Giám đốc" in content


def test_the_body_page_shows_its_records(world, records, login):
    content = (
        login(world.users["provincial_leader"]).get(world.bodies.ben_tre_police.get_absolute_url()).content.decode()
    )
    for text in ("12/QC-CAT-LĐLĐ", records.conferences.ben_tre.title, "Trần Văn Bến", "Bộ Công an"):
        assert text in content, text
    assert "468/CTr-CAHP" not in content


# Change history


def test_the_agreement_page_shows_who_changed_what(world, records, login):
    agreement = records.agreements.ben_tre
    agreement.title = "Quy chế phối hợp sửa đổi"
    agreement.terminated_on = datetime.date(2024, 5, 1)
    agreement._history_user = world.users["staff"]
    with changing(agreements=[agreement.pk]):
        agreement.save()
    response = login(world.users["central_leader"]).get(agreement.get_absolute_url())
    content = response.content.decode()
    assert "<del>Quy chế phối hợp giữa Công an tỉnh và Liên đoàn Lao động tỉnh Bến Tre</del>" in content
    assert "<ins>Quy chế phối hợp sửa đổi</ins>" in content
    assert "<ins>01/05/2024</ins>" in content
    assert "staff" in content.split('id="history"')[1]


def test_the_history_shows_a_party_added_with_the_body_s_name(world, records, login):
    link = make_agreement_party(agreement=records.agreements.hai_phong, body=world.bodies.hai_phong_union)
    assert link.pk
    content = login(world.users["admin"]).get(records.agreements.hai_phong.get_absolute_url()).content.decode()
    history = content.split('id="history"')[1]
    assert "Liên đoàn Lao động thành phố Hải Phòng" in history


def test_the_conference_page_shows_who_changed_what(world, records, login):
    conference = records.conferences.ben_tre
    conference.place = "Hội trường Công an tỉnh"
    conference.held_on = datetime.date(2020, 1, 11)
    conference._history_user = world.users["staff"]
    conference.save()
    content = login(world.users["admin"]).get(conference.get_absolute_url()).content.decode()
    history = content.split('id="history"')[1]
    assert "<del>Bến Tre</del>" in history
    assert "<ins>Hội trường Công an tỉnh</ins>" in history
    assert "<del>10/01/2020</del>" in history
    assert "<ins>11/01/2020</ins>" in history
    assert "staff" in history


def test_a_full_history_window_still_shows_its_oldest_change_as_a_diff(world, records):
    agreement = records.agreements.hai_phong
    for title in ("Tên thứ hai", "Tên thứ ba", "Tên thứ tư"):
        agreement.title = title
        agreement.save()
    entries = history_entries(agreement.history.all(), limit=2)
    title = Agreement._meta.get_field("title").verbose_name
    assert [entry["changes"] for entry in entries] == [
        [(title, "Tên thứ ba", "Tên thứ tư")],
        [(title, "Tên thứ hai", "Tên thứ ba")],
    ]


def test_the_history_does_not_name_an_agreement_the_reader_may_not_read(world, records, login):
    agreement = records.agreements.ben_tre
    central = make_agreement(number="03/QC-BCA-TLĐLĐ")
    make_agreement_party(agreement=central, body=world.bodies.ministry)
    agreement.supersedes = central
    agreement.save()
    history = login(world.users["provincial_leader"]).get(agreement.get_absolute_url()).content.decode()
    history = history.split('id="history"')[1]
    assert "03/QC-BCA-TLĐLĐ" not in history
    assert "<ins>(" in history


def test_a_printed_list_says_which_filters_made_it(world, records, login):
    response = login(world.users["admin"]).get(reverse("browse:agreement-list"), {"year": "2020", "kind": "regulation"})
    content = response.content.decode()
    assert "d-print-block" in content
    printed = content.split("d-print-block")[1].split("</p>")[0]
    assert "2020" in printed
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        assert str(Agreement.Kind.REGULATION.label) in printed


def test_the_conference_page_shows_only_the_figures_the_reader_may_read(world, records, login):
    conference = records.conferences.ben_tre
    make_reported_figure(conference=conference, body=world.bodies.ben_tre_union, value=Decimal("1291"))
    make_reported_figure(conference=conference, body=world.bodies.ministry, value=Decimal("90982"))
    content = (
        _in_vietnamese(login(world.users["provincial_leader"])).get(conference.get_absolute_url()).content.decode()
    )
    assert "1.291" in content
    assert "90.982" not in content
    content = _in_vietnamese(login(world.users["central_leader"])).get(conference.get_absolute_url()).content.decode()
    assert "90.982" in content
