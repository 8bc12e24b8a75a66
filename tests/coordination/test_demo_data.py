"""The demo data holds every fact of the five reports (tests/seed_facts.py)."""

import pytest
from django.apps import apps
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command

from agreements.models import Agreement, Conference, Membership, Movement
from awards.models import AwardDecision
from coordination.text import fold
from tests.seed_facts import REPORTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _conference(report):
    return (
        Conference.objects.prefetch_related(
            "extra_kinds",
            "agreement_links__agreement__party_links__body",
            "agreement_links__agreement__aliases",
            "agreement_links__agreement__signatories__person",
            "body_links__body",
            "appearances__person",
            "appearances__body",
            "movements",
            "model_practices",
            "figures__indicator",
            "award_decisions__form",
            "award_decisions__authorities",
        ).get(title=report["conference_title"])
    )


def _find_agreement(conference, fact):
    for link in conference.agreement_links.all():
        agreement = link.agreement
        if link.role != fact["role"] or agreement.kind != fact["kind"] or agreement.number != fact["number"]:
            continue
        if fact.get("title_contains") and fact["title_contains"] not in agreement.title:
            continue
        return agreement
    raise AssertionError(f"no {fact['role']} {fact['kind']} number {fact['number']!r} at {conference}")


@pytest.mark.parametrize("key", sorted(REPORTS))
def test_each_report_has_its_conference(demo, key):
    facts = REPORTS[key]
    conference = _conference(facts)
    expected = facts["conference"]
    assert conference.kind == expected["kind"]
    assert sorted(k.kind for k in conference.extra_kinds.all()) == sorted(expected["extra_kinds"])
    assert conference.held_on == expected["held_on"]
    assert conference.held_on_text == expected.get("held_on_text", "")
    reviewed = expected["reviewed_period"]
    assert (conference.reviewed_period_start, conference.reviewed_period_end) == (reviewed or (None, None))


@pytest.mark.parametrize("key", sorted(REPORTS))
def test_each_report_has_its_agreements_with_numbers_periods_and_parties(demo, key):
    conference = _conference(REPORTS[key])
    for fact in REPORTS[key]["agreements"]:
        agreement = _find_agreement(conference, fact)
        assert agreement.signed_on == fact["signed_on"]
        assert (agreement.period_start, agreement.period_end) == (fact["period"] or (None, None))
        assert [p.body.name for p in agreement.party_links.all()] == fact["parties"]
        assert sorted(a.number for a in agreement.aliases.all()) == sorted(fact.get("aliases", []))
        if "implements_number" in fact:
            assert agreement.implements.number == fact["implements_number"]
        if "supersedes_number" in fact:
            assert agreement.supersedes.number == fact["supersedes_number"]
            assert agreement.supersedes.status == Agreement.Status.SUPERSEDED
        if "signatories" in fact:
            assert [a.person.full_name for a in agreement.signatories.all()] == fact["signatories"]
    assert conference.agreement_links.count() == len(REPORTS[key]["agreements"])


@pytest.mark.parametrize("key", sorted(REPORTS))
def test_each_report_has_its_bodies(demo, key):
    facts = REPORTS[key]
    conference = _conference(facts)
    named = {link.body.name for link in conference.body_links.all()}
    named |= {p.body.name for link in conference.agreement_links.all() for p in link.agreement.party_links.all()}
    named |= {b.name for d in conference.award_decisions.all() for b in d.authorities.all()}
    assert set(facts["bodies"]) <= named
    for link in conference.body_links.all():
        locality = link.body.locality
        if facts["locality"] and link.body.level == "province":
            assert locality is not None and locality.name == facts["locality"]


@pytest.mark.parametrize("key", sorted(REPORTS))
def test_each_report_has_its_officials_with_rank_and_positions_of_that_day(demo, key):
    conference = _conference(REPORTS[key])
    appearances = {a.person.full_name: a for a in conference.appearances.all()}
    for fact in REPORTS[key]["officials"]:
        appearance = appearances[fact["name"]]
        assert appearance.get_rank_display() == fact["rank"]
        assert appearance.position_list == fact["positions"]
        assert appearance.body.name == fact["body"]
    assert len(appearances) == len(REPORTS[key]["officials"])


@pytest.mark.parametrize("key", sorted(REPORTS))
def test_each_report_has_its_commendations_with_form_authorities_and_counts(demo, key):
    conference = _conference(REPORTS[key])
    decisions = list(conference.award_decisions.all())
    assert len(decisions) == len(REPORTS[key]["commendations"])
    for fact in REPORTS[key]["commendations"]:
        matches = [
            d
            for d in decisions
            if d.form.category == fact["form_category"]
            and d.total_count == fact["total"]
            and d.collective_count == fact["collectives"]
            and d.individual_count == fact["individuals"]
            and d.authorities_text == fact["authorities_text"]
            and sorted(b.name for b in d.authorities.all()) == sorted(fact["authorities"])
        ]
        assert len(matches) == 1, fact


@pytest.mark.parametrize("key", sorted(REPORTS))
def test_each_report_has_its_figures_with_value_and_unit(demo, key):
    conference = _conference(REPORTS[key])
    recorded = sorted((int(f.value), f.indicator.unit) for f in conference.figures.all())
    assert recorded == sorted((f["value"], f["unit"]) for f in REPORTS[key]["figures"])


@pytest.mark.parametrize("key", sorted(REPORTS))
def test_each_report_has_its_movements_and_model_practices(demo, key):
    facts = REPORTS[key]
    conference = _conference(facts)
    linked = set(conference.movements.all())
    for name in facts["movements"]:
        assert set(Movement.objects.matching(name)) & linked, name
    assert sorted(m.name for m in conference.model_practices.all()) == sorted(facts["models"])


def test_movements_match_ignoring_tone_marks_and_the_word_phong_trao(demo):
    assert [m.name for m in Movement.objects.matching("phong trào vi an ninh to quoc")] == ["Vì an ninh Tổ quốc"]
    assert not Movement.objects.matching("")


def test_the_seed_figures_sum_for_the_province_and_year(demo):
    conference = _conference(REPORTS["ben-tre"])
    assert {f.period_start for f in conference.figures.all()} == {2019}
    assert {f.body.locality.name for f in conference.figures.all()} == {"Tỉnh Bến Tre"}


def test_a_commendation_reported_only_as_a_total_has_every_recipient_mixed(demo):
    decision = AwardDecision.objects.get(total_count=80)
    assert decision.mixed_count == 80


def test_loading_the_demo_twice_changes_nothing(demo):
    models = [m for m in apps.get_models() if m._meta.app_label in {"agreements", "awards", "auth"}]
    before = {m._meta.label: list(m.objects.order_by("pk").values()) for m in models}
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    after = {m._meta.label: list(m.objects.order_by("pk").values()) for m in models}
    assert after == before


def test_demo_users_log_in_with_the_demo_password_and_have_their_roles(demo):
    assert authenticate(username="admin", password="demo").is_superuser
    for username, body, role in [
        ("leader", "Bộ Công an", "leader"),
        ("leader.bentre", "Công an tỉnh Bến Tre", "leader"),
        ("staff.bentre", "Công an tỉnh Bến Tre", "staff"),
        ("staff.haiphong", "Công an thành phố Hải Phòng", "staff"),
    ]:
        user = authenticate(username=username, password="demo")
        assert user is not None and not user.is_staff
        assert list(Membership.objects.filter(user=user).values_list("body__name", "role")) == [(body, role)]


def test_demo_users_exist_only_after_load_demo():
    assert not get_user_model().objects.filter(username__in=["admin", "leader", "staff.bentre"]).exists()


def test_provinces_before_and_after_the_merger_are_loaded_with_their_succession(demo):
    from agreements.models import Locality

    assert Locality.objects.filter(valid_to__isnull=False).count() == 63
    assert Locality.objects.filter(valid_from__isnull=False).count() == 34
    vinh_long = Locality.objects.get(key="34-tinhvinhlong")
    assert {p.short_name for p in vinh_long.predecessors.all()} == {"Bến Tre", "Trà Vinh", "Vĩnh Long"}
    assert [s.short_name for s in Locality.objects.get(key="63-tinhthaibinh").successors.all()] == ["Hưng Yên"]
    assert Locality.objects.filter(search__contains=fold("thai binh")).count() == 1
