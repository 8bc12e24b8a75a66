"""The demo data holds every fact of the five reports (tests/seed_facts.py)."""

import pytest
from django.apps import apps
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command

from agreements.models import Membership, Movement
from awards.models import AwardDecision
from common.text import fold
from tests import fact_checks
from tests.fact_checks import load_conference
from tests.seed_facts import REPORTS

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _conference(report):
    return load_conference(title=report["conference_title"])


CHECKS = {
    "conference": fact_checks.assert_conference,
    "agreements with numbers, periods and parties": fact_checks.assert_agreements,
    "bodies": fact_checks.assert_bodies,
    "officials with rank and positions of that day": fact_checks.assert_officials,
    "commendations with form, authorities and counts": fact_checks.assert_commendations,
    "figures with value and unit": fact_checks.assert_figures,
    "movements and model practices": fact_checks.assert_movements_and_models,
}


@pytest.mark.parametrize("check", sorted(CHECKS))
@pytest.mark.parametrize("key", sorted(REPORTS))
def test_each_report_has_its_facts_in_the_demo_data(demo, key, check):
    CHECKS[check](_conference(REPORTS[key]), REPORTS[key])


def test_demo_bodies_of_a_named_province_have_its_locality(demo):
    for key, facts in REPORTS.items():
        for link in _conference(facts).body_links.all():
            if facts["locality"] and link.body.level == "province":
                assert link.body.locality.name == facts["locality"], key


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
