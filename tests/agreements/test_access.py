import pytest
from django.contrib.auth.models import AnonymousUser

from agreements.access import access_for, editable, readable
from agreements.models import Agreement, Body, Conference
from tests.makers import make_agreement, make_agreement_party, make_conference, make_conference_body


@pytest.fixture
def records(world):
    ben_tre = make_agreement(number="12/QC-CAT-LĐLĐ")
    make_agreement_party(agreement=ben_tre, body=world.bodies.ben_tre_police)
    make_agreement_party(agreement=ben_tre, body=world.bodies.ben_tre_union)
    hai_phong = make_agreement(number="468")
    make_agreement_party(agreement=hai_phong, body=world.bodies.hai_phong_police)
    conference = make_conference()
    make_conference_body(conference=conference, body=world.bodies.ben_tre_union)
    return {"ben_tre": ben_tre, "hai_phong": hai_phong, "conference": conference}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", set()),
        ("staff", {"12/QC-CAT-LĐLĐ", "468"}),
        ("other_staff", {"12/QC-CAT-LĐLĐ", "468"}),
        ("provincial_leader", {"12/QC-CAT-LĐLĐ"}),
        ("other_leader", {"468"}),
        ("central_leader", {"12/QC-CAT-LĐLĐ", "468"}),
        ("admin", {"12/QC-CAT-LĐLĐ", "468"}),
    ],
)
def test_each_persona_reads_the_agreements_of_its_scope(world, records, persona, expected):
    user = world.users[persona] or AnonymousUser()
    assert set(readable(Agreement.objects.all(), user).values_list("number", flat=True)) == expected


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("staff", {"12/QC-CAT-LĐLĐ"}),
        ("other_staff", {"468"}),
        ("provincial_leader", set()),
        ("central_leader", set()),
        ("admin", {"12/QC-CAT-LĐLĐ", "468"}),
    ],
)
def test_only_staff_of_a_party_and_administrators_may_edit_an_agreement(world, records, persona, expected):
    user = world.users[persona]
    assert set(editable(Agreement.objects.all(), user).values_list("number", flat=True)) == expected


def test_a_provincial_leader_of_the_new_province_reads_the_old_provinces_it_absorbed(world, records):
    leader = world.users["provincial_leader"]
    assert world.localities.ben_tre.pk in access_for(leader).locality_ids
    assert list(readable(Body.objects.all(), leader).order_by("name").values_list("name", flat=True)) == [
        "Công an tỉnh Bến Tre",
        "Công an tỉnh Vĩnh Long",
        "Liên đoàn Lao động tỉnh Bến Tre",
    ]
    assert list(readable(Conference.objects.all(), leader)) == [records["conference"]]
    assert not readable(Conference.objects.all(), world.users["other_leader"]).exists()


def test_staff_edit_conferences_their_body_attends(world, records):
    assert not editable(Conference.objects.all(), world.users["staff"]).exists()
    make_conference_body(conference=records["conference"], body=world.bodies.ben_tre_police)
    assert list(editable(Conference.objects.all(), world.users["staff"])) == [records["conference"]]
