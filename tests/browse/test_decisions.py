"""The read-only pages of award decisions."""

import datetime
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.models import AwardForm, AwardRecipient
from common.derived import touch_now
from tests.conftest import PERSONAS
from tests.makers import (
    add_authorities,
    make_agreement,
    make_agreement_party,
    make_award_decision,
    make_award_form,
    make_award_recipient,
    make_conference,
    make_conference_body,
    make_movement,
    make_person,
)

READS_BOTH = {"staff", "other_staff", "central_leader", "admin"}


@pytest.fixture
def decisions(world):
    """A Bằng khen awarded by the Bến Tre police, a Giấy khen handed out at a Hải Phòng conference."""
    merit = make_award_form(name="Bằng khen của Bộ trưởng Bộ Công an", rank_order=10)
    certificate = make_award_form(
        name="Giấy khen của Giám đốc Công an tỉnh", category=AwardForm.Category.CERTIFICATE, rank_order=20
    )
    ben_tre = make_award_decision(
        form=merit,
        number="15/QĐ-CAT",
        decided_on=datetime.date(2020, 1, 8),
        authorities_text="Giám đốc Công an tỉnh Bến Tre",
        total_count=24,
        collective_count=10,
        individual_count=12,
    )
    add_authorities(ben_tre, world.bodies.ben_tre_police)
    make_award_recipient(decision=ben_tre, name="Công đoàn Khu công nghiệp Giao Long", body=world.bodies.ben_tre_union)
    conference = make_conference(title="Hội nghị tổng kết tại Hải Phòng", held_on=datetime.date(2023, 5, 4))
    make_conference_body(conference=conference, body=world.bodies.hai_phong_police)
    hai_phong = make_award_decision(
        form=certificate,
        number="60/QĐ-CAHP",
        decided_on=datetime.date(2023, 5, 1),
        authorities_text="Ban Thường vụ Đảng ủy Công an thành phố",
        conference=conference,
        total_count=60,
    )
    return SimpleNamespace(ben_tre=ben_tre, hai_phong=hai_phong, merit=merit, certificate=certificate)


def _numbers(response):
    assert response.status_code == 200
    return {decision.number for decision in response.context["page_obj"]}


def _queries(client, url):
    """Queries of a GET of ``url`` as the first reader after a write gets it: the filter
    choices cached by an earlier request, the page itself rendered afresh."""
    client.get(url)
    touch_now()
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_decision_list_shows_each_persona_the_decisions_of_its_scope(world, decisions, login, persona):
    url = reverse("browse:decision-list")
    response = login(world.users[persona]).get(url)
    if persona == "anonymous":
        assert response.status_code == 302
        assert response.url == f"{reverse('login')}?next={url}"
        return
    expected = {"provincial_leader": {"15/QĐ-CAT"}, "other_leader": {"60/QĐ-CAHP"}}.get(
        persona, {"15/QĐ-CAT", "60/QĐ-CAHP"}
    )
    assert _numbers(response) == expected
    content = response.content.decode()
    for decision in (decisions.ben_tre, decisions.hai_phong):
        assert (f'href="{decision.get_absolute_url()}"' in content) is (decision.number in expected)


@pytest.mark.parametrize("persona", PERSONAS)
def test_a_decision_page_answers_404_outside_the_persona_s_scope(world, decisions, login, persona):
    client = login(world.users[persona])
    for place, decision in (("ben_tre", decisions.ben_tre), ("hai_phong", decisions.hai_phong)):
        response = client.get(decision.get_absolute_url())
        if persona == "anonymous":
            assert response.status_code == 302
            assert response.url.startswith(reverse("login"))
            continue
        readable = persona in READS_BOTH or (persona, place) in {
            ("provincial_leader", "ben_tre"),
            ("other_leader", "hai_phong"),
        }
        assert response.status_code == (200 if readable else 404), (persona, place)
        if readable:
            assert decision.number in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "edits_ben_tre", "edits_hai_phong"),
    [
        ("staff", True, False),
        ("other_staff", False, True),
        ("central_leader", False, False),
        ("admin", True, True),
    ],
)
def test_the_edit_button_shows_only_to_those_who_may_edit(
    world, decisions, login, persona, edits_ben_tre, edits_hai_phong
):
    client = login(world.users[persona])
    for decision, expected in ((decisions.ben_tre, edits_ben_tre), (decisions.hai_phong, edits_hai_phong)):
        content = client.get(decision.get_absolute_url()).content.decode()
        assert (reverse("entry:decision-update", args=[decision.pk]) in content) is expected


def test_decisions_filter_by_form_of_commendation_and_category(world, decisions, login):
    client = login(world.users["admin"])
    url = reverse("browse:decision-list")
    assert _numbers(client.get(url, {"form": decisions.merit.pk})) == {"15/QĐ-CAT"}
    assert _numbers(client.get(url, {"category": "certificate"})) == {"60/QĐ-CAHP"}


def test_decisions_filter_by_current_province_including_absorbed_ones(world, decisions, login):
    client = login(world.users["admin"])
    url = reverse("browse:decision-list")
    assert _numbers(client.get(url, {"province": world.localities.vinh_long.pk})) == {"15/QĐ-CAT"}
    assert _numbers(client.get(url, {"province": world.localities.hai_phong.pk})) == {"60/QĐ-CAHP"}


def test_decisions_filter_by_year(world, decisions, login):
    client = login(world.users["admin"])
    assert _numbers(client.get(reverse("browse:decision-list"), {"year": "2023"})) == {"60/QĐ-CAHP"}


def test_the_decision_search_ignores_tone_marks(world, decisions, login):
    client = login(world.users["admin"])
    url = reverse("browse:decision-list")
    assert _numbers(client.get(url, {"q": "dang uy"})) == {"60/QĐ-CAHP"}
    assert _numbers(client.get(url, {"q": "cong an tinh ben tre"})) == {"15/QĐ-CAT"}
    assert _numbers(client.get(url, {"q": "giao long"})) == {"15/QĐ-CAT"}
    assert _numbers(client.get(url, {"q": "bang khen"})) == {"15/QĐ-CAT"}


@pytest.mark.parametrize(
    ("params", "field"),
    [({"year": "abc"}, "year"), ({"province": "999999"}, "province"), ({"form": "x"}, "form")],
)
def test_a_nonsense_filter_shows_a_message_and_the_unfiltered_list(world, decisions, login, params, field):
    response = login(world.users["admin"]).get(reverse("browse:decision-list"), params)
    assert _numbers(response) == {"15/QĐ-CAT", "60/QĐ-CAHP"}
    errors = response.context["filterset"].errors
    assert field in errors
    assert str(errors[field][0]) in response.content.decode()


@pytest.mark.parametrize("params", [{"page": "abc"}, {"page": "999"}, {"sort": "evil"}])
def test_a_nonsense_page_or_sort_still_shows_the_decisions(world, decisions, login, params):
    response = login(world.users["admin"]).get(reverse("browse:decision-list"), params)
    assert _numbers(response) == {"15/QĐ-CAT", "60/QĐ-CAHP"}


def test_decisions_sort_by_form_rank(world, decisions, login):
    response = login(world.users["admin"]).get(reverse("browse:decision-list"), {"sort": "form"})
    assert [d.number for d in response.context["page_obj"]] == ["15/QĐ-CAT", "60/QĐ-CAHP"]
    response = login(world.users["admin"]).get(reverse("browse:decision-list"))
    assert [d.number for d in response.context["page_obj"]] == ["60/QĐ-CAHP", "15/QĐ-CAT"]


def test_the_decision_page_shows_counts_recipients_and_links(world, decisions, login):
    decision = decisions.ben_tre
    agreement = make_agreement(number="12/QC-CAT-LĐLĐ")
    make_agreement_party(agreement=agreement, body=world.bodies.ben_tre_police)
    conference = make_conference(title="Hội nghị sơ kết năm 2019 Bến Tre")
    make_conference_body(conference=conference, body=world.bodies.ben_tre_police)
    decision.agreement, decision.conference = agreement, conference
    decision.movement = make_movement(name="Toàn dân bảo vệ an ninh Tổ quốc")
    decision.revoked_on = datetime.date(2021, 1, 1)
    decision.revocation_reason = "Ban hành sai thẩm quyền"
    decision.save()
    person = make_person(full_name="Nguyễn Thị Lan")
    make_award_recipient(decision=decision, kind=AwardRecipient.Kind.INDIVIDUAL, name="Nguyễn Thị Lan", person=person)

    content = login(world.users["provincial_leader"]).get(decision.get_absolute_url()).content.decode()
    for text in (
        "Bằng khen của Bộ trưởng Bộ Công an",
        "08/01/2020",
        "Công an tỉnh Bến Tre",
        "Giám đốc Công an tỉnh Bến Tre",
        ">24<",
        ">10<",
        ">12<",
        ">2<",  # counted only as "tập thể, cá nhân"
        "Công đoàn Khu công nghiệp Giao Long",
        person.get_absolute_url(),
        conference.get_absolute_url(),
        agreement.get_absolute_url(),
        "Toàn dân bảo vệ an ninh Tổ quốc",
        "01/01/2021",
        "Ban hành sai thẩm quyền",
    ):
        assert text in content, text


def test_the_decision_page_does_not_link_a_conference_the_reader_may_not_read(world, decisions, login):
    decision = decisions.ben_tre
    elsewhere = make_conference(title="Hội nghị của Bộ")
    make_conference_body(conference=elsewhere, body=world.bodies.ministry)
    decision.conference = elsewhere
    decision.save()
    content = login(world.users["provincial_leader"]).get(decision.get_absolute_url()).content.decode()
    assert elsewhere.get_absolute_url() not in content
    assert "Hội nghị của Bộ" not in content


def test_the_decision_list_issues_the_same_queries_for_200_decisions_as_for_3(world, login, django_assert_num_queries):
    client = login(world.users["provincial_leader"])
    form = make_award_form()

    def make_decisions(count):
        for n in range(count):
            decision = make_award_decision(form=form, number=f"{n}/QĐ")
            add_authorities(decision, world.bodies.ben_tre_police, world.bodies.ben_tre_union)

    url = reverse("browse:decision-list")
    make_decisions(3)
    few = _queries(client, url)
    make_decisions(197)
    with django_assert_num_queries(few):
        response = client.get(url)
    assert len(response.context["page_obj"]) == 25
    # 6 to know the user, the count, the page and the authorities (the form's choices come
    # from their cache).
    assert few == 9, few


def test_a_decision_page_issues_the_same_queries_for_200_recipients_as_for_2(world, login, django_assert_num_queries):
    client = login(world.users["staff"])

    def decision_with(size):
        conference = make_conference()
        make_conference_body(conference=conference, body=world.bodies.ben_tre_police)
        agreement = make_agreement()
        decision = make_award_decision(conference=conference, agreement=agreement, total_count=size)
        add_authorities(decision, world.bodies.ben_tre_police)
        for n in range(size):
            make_award_recipient(
                decision=decision,
                kind=AwardRecipient.Kind.INDIVIDUAL,
                name=f"Cá nhân {n}",
                person=make_person(),
                body=world.bodies.ben_tre_police,
            )
        return decision

    small, large = decision_with(2), decision_with(200)
    few = _queries(client, small.get_absolute_url())
    with django_assert_num_queries(few):
        response = client.get(large.get_absolute_url())
    assert "Cá nhân 199" in response.content.decode()
    assert few == 11, few


def test_the_decision_page_shows_who_changed_what(world, decisions, login):
    decision = decisions.hai_phong
    decision.number = "61/QĐ-CAHP"
    decision.total_count = 62
    decision._history_user = world.users["other_staff"]
    decision.save()
    content = login(world.users["other_leader"]).get(decision.get_absolute_url()).content.decode()
    history = content.split('id="history"')[1]
    assert "<del>60/QĐ-CAHP</del>" in history
    assert "<ins>61/QĐ-CAHP</ins>" in history
    assert "<del>60</del>" in history
    assert "<ins>62</ins>" in history
    assert "other.staff" in history
