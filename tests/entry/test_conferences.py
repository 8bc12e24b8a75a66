"""Recording a conference, an agreement and an award decision through the web forms."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from agreements.models import (
    Agreement,
    Appearance,
    Conference,
    ConferenceAgreement,
    EntryStatus,
    Indicator,
    Person,
    ReportedFigure,
)
from awards.models import AwardDecision, AwardForm
from common.forms import format_vietnamese_number as shown
from common.services import save_row
from tests.entry_posts import body_ids, entry_post, report_post
from tests.fact_checks import assert_report, load_conference
from tests.makers import (
    make_agreement,
    make_agreement_party,
    make_attachment,
    make_conference,
    make_conference_body,
    make_indicator,
)
from tests.seed_facts import REPORTS

CREATE = reverse("entry:conference-create")


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _user(username):
    return get_user_model().objects.get(username=username)


def _errors(response):
    """The form and row errors of a re-displayed entry page, for a readable failure."""
    if not response.context or "form" not in response.context:
        return response.status_code
    errors = {"form": response.context["form"].errors}
    for name, formset in response.context.get("formsets", {}).items():
        errors[name] = [formset.non_form_errors(), *formset.errors]
    return errors


def _conference_from(response):
    assert response.status_code == 302, _errors(response)
    return load_conference(pk=int(response.url.rstrip("/").rsplit("/", 1)[-1]))


# The five reports, typed in by the staff of one of their bodies ----------------------------


@pytest.mark.parametrize("key", sorted(REPORTS))
def test_staff_record_each_report_through_the_entry_page_and_every_fact_is_saved(demo, client, key):
    facts = REPORTS[key]
    client.force_login(_user(facts["staff_user"]))

    response = client.post(CREATE, report_post(key, facts))

    conference = _conference_from(response)
    assert_report(conference, facts)
    assert conference.entry_status == EntryStatus.SUBMITTED
    assert conference.created_by.username == facts["staff_user"]
    assert conference.history.first().history_user.username == facts["staff_user"]


def test_a_successor_created_inline_supersedes_the_agreement_reviewed_in_the_same_sitting(demo, client):
    facts = REPORTS["programme-2018"]
    client.force_login(_user(facts["staff_user"]))

    conference = _conference_from(client.post(CREATE, report_post("programme-2018", facts)))

    reviewed = conference.agreement_links.get(role=ConferenceAgreement.Role.REVIEWED).agreement
    signed = conference.agreement_links.get(role=ConferenceAgreement.Role.SIGNED).agreement
    assert signed.supersedes == reviewed
    assert reviewed.status == Agreement.Status.SUPERSEDED
    assert (signed.period_start, signed.period_end) == (2018, 2023)


# Entry as staff type it --------------------------------------------------------------------


@pytest.fixture
def ben_tre_post(world):
    """A valid minimal conference of the Bến Tre police with three figure rows."""
    indicator = make_indicator(name="Lượt đoàn viên dự tuyên truyền", unit="lượt")
    form = {
        "kind": Conference.Kind.INTERIM_REVIEW,
        "held_on": "10-1-2020",
        "hosts": [str(world.bodies.ben_tre_police.pk), str(world.bodies.ben_tre_union.pk)],
        "reviewed_period": "năm 2019",
        "action": "draft",
    }
    figures = [
        {"indicator": str(indicator.pk), "value": value, "body": str(world.bodies.ben_tre_union.pk)}
        for value in ("1.291", "90.982", "126 ngàn")
    ]
    return form, {"figures": figures}


def test_vietnamese_numbers_dates_and_periods_are_read_as_staff_type_them(world, client, ben_tre_post):
    form, rows = ben_tre_post
    client.force_login(world.users["staff"])

    conference = _conference_from(client.post(CREATE, entry_post(form, rows)))

    assert conference.held_on == datetime.date(2020, 1, 10)
    assert (conference.reviewed_period_start, conference.reviewed_period_end) == (2019, 2019)
    assert sorted(f.value for f in conference.figures.all()) == [Decimal(1291), Decimal(90982), Decimal(126000)]
    assert {(f.period_start, f.period_end) for f in conference.figures.all()} == {(2019, 2019)}


def test_an_error_in_one_row_keeps_every_row_and_saves_nothing(world, client, ben_tre_post):
    form, rows = ben_tre_post
    rows["figures"][1]["value"] = "chín mươi"
    client.force_login(world.users["staff"])

    response = client.post(CREATE, entry_post(form, rows))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Enter a number, e.g. 1.291 or 12,5." in page
    assert 'value="1.291"' in page and 'value="chín mươi"' in page and 'value="126 ngàn"' in page
    assert 'value="10-1-2020"' in page and 'value="năm 2019"' in page
    assert "Nothing was saved" in page
    assert not Conference.objects.exists()
    assert not ReportedFigure.objects.exists()


def test_a_reversed_period_is_refused_next_to_the_field(world, client, ben_tre_post):
    form, rows = ben_tre_post
    form["reviewed_period"] = "giai đoạn 2023 - 2018"
    client.force_login(world.users["staff"])

    response = client.post(CREATE, entry_post(form, rows))

    assert "The period cannot end before it starts." in response.content.decode()
    assert not Conference.objects.exists()


def test_staff_must_record_a_conference_their_body_takes_part_in(world, client, ben_tre_post):
    form, rows = ben_tre_post
    form["hosts"] = [str(world.bodies.hai_phong_police.pk)]
    rows["figures"] = []
    client.force_login(world.users["staff"])

    response = client.post(CREATE, entry_post(form, rows))

    assert "Your own body must be among the hosts or the participants." in response.content.decode()
    assert not Conference.objects.exists()


def test_a_draft_is_saved_reopened_with_its_values_and_then_submitted(world, client, ben_tre_post):
    form, rows = ben_tre_post
    client.force_login(world.users["staff"])

    conference = _conference_from(client.post(CREATE, entry_post(form, rows)))
    assert conference.entry_status == EntryStatus.DRAFT

    edit_url = reverse("entry:conference-update", args=[conference.pk])
    page = client.get(edit_url).content.decode()
    assert 'value="10/01/2020"' in page and 'value="2019"' in page
    assert 'value="1.291"' in page and 'value="90.982"' in page and 'value="126.000"' in page

    figure_rows = [
        {"id": str(f.pk), "indicator": str(f.indicator_id), "value": shown(f.value), "body": str(f.body_id)}
        for f in conference.figures.order_by("pk")
    ]
    response = client.post(
        edit_url,
        entry_post({**form, "version": str(conference.version), "action": "submit"}, {"figures": figure_rows}),
    )

    conference = _conference_from(response)
    assert conference.entry_status == EntryStatus.SUBMITTED
    assert conference.figures.count() == 3


def test_removing_a_row_on_edit_deletes_it_and_keeps_the_others(world, client, ben_tre_post):
    form, rows = ben_tre_post
    client.force_login(world.users["staff"])
    conference = _conference_from(client.post(CREATE, entry_post(form, rows)))
    figures = list(conference.figures.order_by("pk"))
    figure_rows = [
        {"id": str(f.pk), "indicator": str(f.indicator_id), "value": shown(f.value), "body": str(f.body_id)}
        for f in figures
    ]
    figure_rows[0]["DELETE"] = "on"

    client.post(
        reverse("entry:conference-update", args=[conference.pk]),
        entry_post({**form, "version": str(conference.version)}, {"figures": figure_rows}),
    )

    assert sorted(conference.figures.values_list("pk", flat=True)) == [f.pk for f in figures[1:]]


def test_an_edit_over_someone_elses_change_is_a_conflict_and_loses_nothing(world, client, ben_tre_post):
    form, rows = ben_tre_post
    client.force_login(world.users["staff"])
    conference = _conference_from(client.post(CREATE, entry_post(form, {})))
    opened_at = conference.version
    # Meanwhile a colleague corrects the place.
    conference.place = "Hội trường Công an tỉnh"
    conference.version += 1
    save_row(conference, world.users["admin"])

    edit_url = reverse("entry:conference-update", args=[conference.pk])
    mine = entry_post({**form, "place": "Nhà văn hóa lao động", "version": str(opened_at)}, {})
    response = client.post(edit_url, mine)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Someone else changed this record after you opened it." in page
    assert 'value="Nhà văn hóa lao động"' in page
    conference.refresh_from_db()
    assert conference.place == "Hội trường Công an tỉnh"

    # Saving again, knowingly, replaces their change with this one.
    response = client.post(edit_url, {**mine, "version": str(conference.version)})
    assert response.status_code == 302
    conference.refresh_from_db()
    assert conference.place == "Nhà văn hóa lao động"


def test_an_existing_person_is_picked_and_a_new_one_is_added_with_rank_and_positions(world, client, ben_tre_post):
    form, _ = ben_tre_post
    existing = save_row(Person(full_name="Phạm Văn Ngót"), None)
    people = [
        {
            "role": "chair",
            "person": str(existing.pk),
            "rank": "dai_ta",
            "positions": "Phó giám đốc Công an tỉnh",
            "body": str(world.bodies.ben_tre_police.pk),
        },
        {
            "role": "chair",
            "new_person": "Trần Trung Hào",
            "positions": "Phó chủ tịch Thường trực\nLiên đoàn Lao động tỉnh",
            "body": str(world.bodies.ben_tre_union.pk),
        },
    ]
    client.force_login(world.users["staff"])

    conference = _conference_from(client.post(CREATE, entry_post(form, {"people": people})))

    chair, union_chair = conference.appearances.order_by("order")
    assert chair.person == existing and chair.get_rank_display() == "Đại tá"
    assert union_chair.person.full_name == "Trần Trung Hào"
    assert union_chair.position_list == ["Phó chủ tịch Thường trực", "Liên đoàn Lao động tỉnh"]


def test_a_commendation_whose_counts_disagree_with_the_names_is_refused(world, client, ben_tre_post):
    form, _ = ben_tre_post
    award_form = AwardForm.objects.create(
        name="Giấy khen", category="certificate", awarded_by="unit_head", rank_order=1
    )
    rows = {
        "commendations": [
            {
                "form": str(award_form.pk),
                "authorities": [str(world.bodies.ben_tre_police.pk)],
                "collective_count": "3",
                "named_collectives": "Công đoàn KCN Giao Long\nCông đoàn ngành Giáo dục",
            }
        ]
    }
    client.force_login(world.users["staff"])

    response = client.post(CREATE, entry_post(form, rows))

    assert "The decision counts 3 collectives but names 2." in response.content.decode()
    assert not AwardDecision.objects.exists()


# Who may enter and edit --------------------------------------------------------------------


@pytest.fixture
def ben_tre_conference(world):
    conference = make_conference(title="Sơ kết quy chế năm 2019 (Bến Tre)")
    make_conference_body(conference=conference, body=world.bodies.ben_tre_police)
    return conference


@pytest.mark.parametrize(
    ("persona", "create", "edit"),
    [
        ("anonymous", 302, 302),
        ("staff", 200, 200),
        ("other_staff", 200, 403),
        ("provincial_leader", 403, 403),
        ("other_leader", 403, 404),
        ("central_leader", 403, 403),
        ("admin", 200, 200),
    ],
)
def test_each_persona_may_or_may_not_record_and_edit_a_conference(
    world, login, ben_tre_conference, persona, create, edit
):
    client = login(world.users[persona])
    assert client.get(CREATE).status_code == create
    assert client.get(reverse("entry:conference-update", args=[ben_tre_conference.pk])).status_code == edit
    # A post is refused the same way (an empty post from an allowed user just shows the errors).
    response = client.post(reverse("entry:conference-update", args=[ben_tre_conference.pk]), {})
    assert response.status_code == edit


def test_a_refused_post_from_another_body_changes_nothing(world, login, ben_tre_conference):
    client = login(world.users["other_staff"])
    post = entry_post({"kind": "other", "hosts": body_ids("Công an thành phố Hải Phòng"), "title": "Đổi tên"})
    response = client.post(reverse("entry:conference-update", args=[ben_tre_conference.pk]), post)
    assert response.status_code == 403
    ben_tre_conference.refresh_from_db()
    assert ben_tre_conference.title == "Sơ kết quy chế năm 2019 (Bến Tre)"


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("anonymous", None),
        ("staff", {"Bộ Công an", "Công an tỉnh Bến Tre", "Công an tỉnh Vĩnh Long", "Công an thành phố Hải Phòng"}),
        ("provincial_leader", {"Công an tỉnh Bến Tre", "Công an tỉnh Vĩnh Long"}),
        ("other_leader", {"Công an thành phố Hải Phòng"}),
    ],
)
def test_body_lookup_finds_without_tone_marks_within_the_users_scope(world, login, persona, expected):
    response = login(world.users[persona]).get(reverse("entry:body-lookup"), {"q": "cong an"})
    if expected is None:
        assert response.status_code == 302
        return
    assert {row["text"] for row in response.json()["results"]} == expected


def test_agreement_lookup_finds_an_agreement_by_an_alias(world, login):
    agreement = make_agreement(number="03/QC-BCA-TLĐLĐ")
    agreement.aliases.create(number="03/QCPH-BCA-TLĐLĐVN")
    make_agreement_party(agreement=agreement, body=world.bodies.ministry)
    response = login(world.users["staff"]).get(reverse("entry:agreement-lookup"), {"q": "03/qcph-bca-tldldvn"})
    assert [row["id"] for row in response.json()["results"]] == [agreement.pk]


@pytest.mark.parametrize(
    ("persona", "status"),
    [("anonymous", 302), ("staff", 200), ("provincial_leader", 200), ("other_leader", 404), ("admin", 200)],
)
def test_attachments_are_downloaded_only_within_scope(world, login, persona, status):
    agreement = make_agreement()
    make_agreement_party(agreement=agreement, body=world.bodies.ben_tre_police)
    attachment = make_attachment(agreement=agreement)
    response = login(world.users[persona]).get(reverse("browse:attachment-download", args=[attachment.pk]))
    assert response.status_code == status
    if status == 200:
        assert b"".join(response.streaming_content)


# Agreements and award decisions on their own --------------------------------------------------


def test_staff_record_an_agreement_with_aliases_a_signatory_and_the_signed_scan(world, client):
    predecessor = make_agreement(number="468", title="")
    make_agreement_party(agreement=predecessor, body=world.bodies.ben_tre_police)
    form = {
        "kind": "regulation",
        "number": "12/QC-CAT-LĐLĐ",
        "aliases": "12/QCPH-CAT-LĐLĐ\n12",
        "title": "Quy chế phối hợp bảo đảm an ninh trật tự",
        "signed_on": "29-8-2018",
        "period": "giai đoạn 2018 - 2023",
        "status": "in_force",
        "parties": [str(world.bodies.ben_tre_police.pk), str(world.bodies.ben_tre_union.pk)],
        "supersedes": str(predecessor.pk),
        "attachment": SimpleUploadedFile("quy-che.pdf", b"%PDF-1.4 scan", content_type="application/pdf"),
        "attachment_title": "Bản ký",
    }
    signatory = {
        "new_person": "Phạm Văn Ngót",
        "rank": "dai_ta",
        "positions": "Phó giám đốc Công an tỉnh",
        "body": str(world.bodies.ben_tre_police.pk),
    }
    client.force_login(world.users["staff"])

    response = client.post(
        reverse("entry:agreement-create"),
        entry_post(form, {"signatories": [signatory]}, prefixes=("signatories",)),
    )

    assert response.status_code == 302
    agreement = Agreement.objects.get(number="12/QC-CAT-LĐLĐ")
    assert agreement.signed_on == datetime.date(2018, 8, 29)
    assert (agreement.period_start, agreement.period_end) == (2018, 2023)
    assert sorted(a.number for a in agreement.aliases.all()) == ["12", "12/QCPH-CAT-LĐLĐ"]
    assert [p.body for p in agreement.party_links.all()] == [world.bodies.ben_tre_police, world.bodies.ben_tre_union]
    assert agreement.supersedes == predecessor
    predecessor.refresh_from_db()
    assert predecessor.status == Agreement.Status.SUPERSEDED
    (appearance,) = agreement.signatories.all()
    assert (appearance.person.full_name, appearance.role, appearance.rank) == ("Phạm Văn Ngót", "signatory", "dai_ta")
    assert agreement.attachments.get().title == "Bản ký"


def test_an_agreement_not_involving_the_staff_members_body_is_refused_next_to_the_parties(world, client):
    client.force_login(world.users["staff"])
    form = {
        "kind": "regulation",
        "number": "05",
        "status": "in_force",
        "parties": [str(world.bodies.hai_phong_police.pk)],
    }
    response = client.post(reverse("entry:agreement-create"), entry_post(form, {}, prefixes=("signatories",)))
    assert "Your own body must be one of the parties." in response.content.decode()
    assert not Agreement.objects.exists()


def test_editing_an_agreement_shows_the_same_form_filled_in(world, client):
    agreement = make_agreement(number="03/QC-BCA-TLĐLĐ", signed_on=datetime.date(2017, 9, 12))
    agreement.aliases.create(number="03/QCPH-BCA-TLĐLĐVN")
    make_agreement_party(agreement=agreement, body=world.bodies.ben_tre_police)
    client.force_login(world.users["staff"])
    page = client.get(reverse("entry:agreement-update", args=[agreement.pk])).content.decode()
    assert 'value="03/QC-BCA-TLĐLĐ"' in page
    assert "03/QCPH-BCA-TLĐLĐVN</textarea>" in page
    assert 'value="12/09/2017"' in page
    assert "Công an tỉnh Bến Tre</option>" in page


def test_staff_record_an_award_decision_with_named_recipients(world, client):
    award_form = AwardForm.objects.create(
        name="Giấy khen", category="certificate", awarded_by="unit_head", rank_order=1
    )
    client.force_login(world.users["staff"])
    form = {
        "form": str(award_form.pk),
        "authorities": [str(world.bodies.ben_tre_police.pk)],
        "number": "125/QĐ-CAT",
        "decided_on": "5/1/2020",
        "collective_count": "2",
        "individual_count": "1",
        "total_count": "3",
        "named_collectives": "Công đoàn KCN Giao Long\nCông đoàn ngành Giáo dục",
        "named_individuals": "Nguyễn Văn Bình",
        "action": "submit",
    }
    response = client.post(reverse("entry:decision-create"), form)
    assert response.status_code == 302
    decision = AwardDecision.objects.get(number="125/QĐ-CAT")
    assert decision.decided_on == datetime.date(2020, 1, 5)
    assert sorted((r.kind, r.name) for r in decision.recipients.all()) == [
        ("collective", "Công đoàn KCN Giao Long"),
        ("collective", "Công đoàn ngành Giáo dục"),
        ("individual", "Nguyễn Văn Bình"),
    ]


def test_a_figure_with_a_new_indicator_adds_it_to_the_catalogue(world, client, ben_tre_post):
    form, _ = ben_tre_post
    rows = {
        "figures": [
            {
                "new_indicator": "Tin báo tội phạm do công nhân cung cấp",
                "new_unit": "tin",
                "value": "37",
                "body": str(world.bodies.ben_tre_police.pk),
            }
        ]
    }
    client.force_login(world.users["staff"])
    conference = _conference_from(client.post(CREATE, entry_post(form, rows)))
    assert Indicator.objects.get(name="Tin báo tội phạm do công nhân cung cấp").unit == "tin"
    assert conference.figures.get().value == 37


def test_a_signatory_needs_an_agreement_signed_at_the_conference(world, client, ben_tre_post):
    form, _ = ben_tre_post
    rows = {
        "people": [
            {
                "role": Appearance.Role.SIGNATORY,
                "new_person": "Trần Trung Hào",
                "body": str(world.bodies.ben_tre_union.pk),
            }
        ]
    }
    client.force_login(world.users["staff"])
    response = client.post(CREATE, entry_post(form, rows))
    assert "no agreement is signed at this conference" in response.content.decode()
    assert not Conference.objects.exists()


def test_a_conference_edit_keeps_the_existing_rows_it_was_opened_with(world, client):
    conference = make_conference()
    make_conference_body(conference=conference, body=world.bodies.ben_tre_police)
    regulation = make_agreement()
    make_agreement_party(agreement=regulation, body=world.bodies.ben_tre_police)
    ConferenceAgreement.objects.create(conference=conference, agreement=regulation, role="reviewed")
    client.force_login(world.users["staff"])
    page = client.get(reverse("entry:conference-update", args=[conference.pk])).content.decode()
    assert 'name="agreements-INITIAL_FORMS" value="1"' in page
    assert f'<option value="{regulation.pk}" selected>' in page
