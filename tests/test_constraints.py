"""Every named constraint: the database refuses the row, full_clean() says why in plain words,
and the admin shows that message without saving anything."""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from agreements.models import (
    Agreement,
    Appearance,
    Attachment,
    Body,
    Conference,
    Locality,
    LocalitySuccession,
    Reminder,
    ReportedFigure,
    Source,
)
from awards.models import AwardDecision, AwardForm, AwardRecipient
from tests import makers
from tests.test_admin import DERIVED

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_and_temporary_media(settings, tmp_path):
    settings.LANGUAGE_CODE = "en"
    settings.MEDIA_ROOT = tmp_path


# Each builder returns a row that breaks one constraint and nothing else: unsaved, or saved
# and then changed in memory.


def _own(maker, field):
    def build():
        obj = maker()
        setattr(obj, field, obj)
        return obj

    return build


def _repeat(maker, *fields):
    """An unsaved copy of a new row, repeating ``fields``."""

    def build():
        original = maker()
        return type(original)(**{field: getattr(original, field) for field in fields})

    return build


def _changed(obj, **values):
    for name, value in values.items():
        setattr(obj, name, value)
    return obj


def _locality_succeeding_itself():
    locality = makers.make_locality()
    return LocalitySuccession(predecessor=locality, successor=locality, effective_on=datetime.date(2025, 7, 1))


def _award_form_of_the_same_rank():
    rank = makers.make_award_form().rank_order
    return AwardForm(name="Giấy khen", category=AwardForm.Category.CERTIFICATE, awarded_by="unit_head", rank_order=rank)


def _figure(**kwargs):
    return ReportedFigure(indicator=makers.make_indicator(), body=makers.make_body(), **kwargs)


def _decision(**kwargs):
    return AwardDecision(form=makers.make_award_form(), **kwargs)


def _second_reminder():
    first = makers.make_reminder()
    return Reminder(
        agreement=first.agreement,
        kind=first.kind,
        year=first.year,
        days_before=first.days_before,
        user=first.user,
        due_on=first.due_on,
    )


CASES = [
    (
        "source_identified",
        lambda: Source(url="", title="", document=""),
        "A source needs a URL, a title or a document reference.",
    ),
    (
        "locality_valid_to_after_valid_from",
        lambda: Locality(
            key="x", name="Tỉnh X", valid_from=datetime.date(2025, 7, 1), valid_to=datetime.date(2025, 6, 30)
        ),
        "A locality cannot end before it begins.",
    ),
    ("locality_not_own_parent", _own(makers.make_locality, "parent"), "A locality cannot be its own parent."),
    (
        "locality_succession_unique",
        _repeat(makers.make_locality_succession, "predecessor", "successor", "effective_on"),
        "This succession is already recorded.",
    ),
    ("locality_succession_not_self", _locality_succeeding_itself, "A locality cannot succeed itself."),
    (
        "body_valid_to_after_valid_from",
        lambda: Body(
            name="Công an huyện",
            sector=makers.make_sector(),
            level=Body.Level.DISTRICT,
            valid_from=datetime.date(2020, 1, 1),
            valid_to=datetime.date(2019, 1, 1),
        ),
        "A body cannot cease to exist before it was created.",
    ),
    ("body_not_own_parent", _own(makers.make_body, "parent"), "A body cannot be its own parent."),
    (
        "membership_unique",
        _repeat(makers.make_membership, "user", "body", "role"),
        "This user already has this role in this body.",
    ),
    (
        "agreement_period_ends_after_start",
        lambda: Agreement(kind=Agreement.Kind.PROGRAMME, title="Chương trình", period_start=2023, period_end=2018),
        "The period cannot end before it starts.",
    ),
    (
        "agreement_period_years_plausible",
        lambda: Agreement(kind=Agreement.Kind.PROGRAMME, title="Chương trình", period_start=1900, period_end=1905),
        "Period years must lie between 1945 and 2100.",
    ),
    (
        "agreement_not_superseding_itself",
        _own(makers.make_agreement, "supersedes"),
        "An agreement cannot supersede itself.",
    ),
    (
        "agreement_not_implementing_itself",
        _own(makers.make_agreement, "implements"),
        "An agreement cannot implement itself.",
    ),
    (
        "agreement_identified",
        lambda: Agreement(kind=Agreement.Kind.REGULATION, number="", title=""),
        "An agreement needs a number or a title.",
    ),
    (
        "agreement_alias_unique",
        _repeat(makers.make_agreement_alias, "agreement", "number"),
        "The agreement already has this alias.",
    ),
    (
        "agreement_party_unique",
        _repeat(makers.make_agreement_party, "agreement", "body"),
        "This body is already a party to the agreement.",
    ),
    (
        "conference_reviewed_period_ends_after_start",
        lambda: Conference(kind=Conference.Kind.FINAL_REVIEW, reviewed_period_start=2023, reviewed_period_end=2018),
        "The reviewed period cannot end before it starts.",
    ),
    (
        "conference_reviewed_years_plausible",
        lambda: Conference(kind=Conference.Kind.FINAL_REVIEW, reviewed_period_start=2019, reviewed_period_end=2190),
        "Reviewed years must lie between 1945 and 2100.",
    ),
    (
        "conference_extra_kind_unique",
        _repeat(makers.make_conference_extra_kind, "conference", "kind"),
        "The conference already has this kind.",
    ),
    (
        "conference_body_unique",
        _repeat(makers.make_conference_body, "conference", "body"),
        "This body is already listed at the conference.",
    ),
    (
        "conference_agreement_unique",
        _repeat(makers.make_conference_agreement, "conference", "agreement", "role"),
        "This agreement is already listed at the conference in this role.",
    ),
    (
        "appearance_has_event",
        lambda: Appearance(person=makers.make_person(), role=Appearance.Role.SPEAKER),
        "An appearance belongs to a conference or to an agreement's signing.",
    ),
    (
        "appearance_signatory_has_agreement",
        lambda: Appearance(
            person=makers.make_person(), conference=makers.make_conference(), role=Appearance.Role.SIGNATORY
        ),
        "A signatory must name the agreement signed.",
    ),
    (
        "figure_value_not_negative",
        lambda: _figure(value=Decimal("-1"), period_start=2019, period_end=2019),
        "A reported figure cannot be negative.",
    ),
    (
        "figure_period_ends_after_start",
        lambda: _figure(value=Decimal("4"), period_start=2020, period_end=2019),
        "The period cannot end before it starts.",
    ),
    (
        "figure_period_years_plausible",
        lambda: _figure(value=Decimal("4"), period_start=1900, period_end=1900),
        "Period years must lie between 1945 and 2100.",
    ),
    (
        "attachment_has_owner",
        lambda: Attachment(file=ContentFile(b"%PDF-1.4\n", name="scan.pdf")),
        "An attachment belongs to an agreement or a conference.",
    ),
    (
        "award_form_rank_order_unique",
        _award_form_of_the_same_rank,
        "Another form of commendation already has this rank order.",
    ),
    (
        # The counts are PositiveIntegerFields: full_clean() stops at the field's own check, so
        # that is the message users read (the constraint's own is tested below).
        "award_counts_not_negative",
        lambda: _decision(total_count=-1),
        "Ensure this value is greater than or equal to 0.",
    ),
    (
        "award_counts_within_total",
        lambda: _decision(total_count=5, collective_count=4, individual_count=3),
        "Collectives and individuals together cannot exceed the total number of recipients.",
    ),
    (
        "award_revocation_has_reason",
        lambda: _decision(revoked_on=datetime.date(2021, 3, 1), revocation_reason=""),
        "A revoked decision needs the reason for revocation.",
    ),
    (
        "award_recipient_person_only_for_individuals",
        lambda: AwardRecipient(
            decision=makers.make_award_decision(),
            kind=AwardRecipient.Kind.COLLECTIVE,
            name="Công đoàn cơ sở",
            person=makers.make_person(),
        ),
        "Only an individual recipient can be linked to a person.",
    ),
    (
        "reminder_sent_once",
        _second_reminder,
        "This reminder was already sent.",
    ),
]
CASES += [
    (
        "obligation_unique",
        _repeat(makers.make_obligation, "agreement", "kind", "year", "due_on"),
        "The agreement already has this review or successor due.",
    ),
    (
        "obligation_dismissal_has_reason",
        lambda: _changed(makers.make_obligation(), dismissed_at=timezone.now(), dismissal_reason=""),
        "A dismissal needs its reason.",
    ),
]
PARAMS = [pytest.param(build, message, id=name) for name, build, message in CASES]


def _named_constraints():
    return {
        constraint.name
        for app in ("agreements", "awards")
        for model in apps.get_app_config(app).get_models()
        if not hasattr(model, "instance_type")  # simple_history's copies carry no constraints
        and model._meta.label not in DERIVED  # summary tables: tested in tests/performance
        for constraint in model._meta.constraints
    }


def test_every_named_constraint_has_a_case():
    assert {name for name, _build, _message in CASES} == _named_constraints()


@pytest.mark.parametrize(("build", "message"), PARAMS)
def test_the_database_refuses_the_row(build, message):
    obj = build()

    with pytest.raises(IntegrityError), transaction.atomic():
        obj.save()


@pytest.mark.parametrize(("build", "message"), PARAMS)
def test_full_clean_gives_the_clear_message_and_no_other(build, message):
    obj = build()

    with pytest.raises(ValidationError) as error:
        obj.full_clean()

    assert error.value.messages == [message]


def test_the_negative_count_constraint_has_its_own_message():
    decision = _decision(collective_count=-2)

    with pytest.raises(ValidationError) as error:
        decision.validate_constraints()

    assert error.value.messages == ["Counts of recipients cannot be negative."]


# The main rules, through the admin: the message is on the page and nothing was saved.


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _page_shows(response, message):
    return response.status_code == 200 and escape(message) in response.content.decode()


def test_the_admin_refuses_an_agreement_whose_period_ends_before_it_starts(admin_client):
    data = makers.admin_form_data(admin_client.get(_url(Agreement, "add")))
    data.update(kind=Agreement.Kind.PROGRAMME, title="Chương trình phối hợp", period_start="2023", period_end="2018")

    response = admin_client.post(_url(Agreement, "add"), data)

    assert _page_shows(response, "The period cannot end before it starts.")
    assert not Agreement.objects.exists()


def test_the_admin_refuses_an_agreement_that_supersedes_itself(admin_client):
    agreement = makers.make_agreement(title="Quy chế 03")
    data = makers.admin_form_data(admin_client.get(_url(Agreement, "change", agreement.pk)))
    data.update(supersedes=str(agreement.pk), title="Quy chế 03 (sửa)")

    response = admin_client.post(_url(Agreement, "change", agreement.pk), data)

    assert _page_shows(response, "An agreement cannot supersede itself.")
    agreement.refresh_from_db()
    assert (agreement.supersedes_id, agreement.title) == (None, "Quy chế 03")


@pytest.mark.parametrize("field", ["total_count", "collective_count", "individual_count"])
def test_the_admin_refuses_a_negative_count(admin_client, field):
    decision = makers.make_award_decision(total_count=24)
    data = makers.admin_form_data(admin_client.get(_url(AwardDecision, "change", decision.pk)))
    data[field] = "-1"

    response = admin_client.post(_url(AwardDecision, "change", decision.pk), data)

    assert _page_shows(response, "Ensure this value is greater than or equal to 0.")
    assert response.context["adminform"].form.errors[field]
    decision.refresh_from_db()
    assert (decision.total_count, decision.collective_count, decision.individual_count) == (24, None, None)


def test_the_admin_refuses_counts_that_exceed_the_total(admin_client):
    data = makers.admin_form_data(admin_client.get(_url(AwardDecision, "add")))
    data.update(form=str(makers.make_award_form().pk), total_count="5", collective_count="4", individual_count="3")

    response = admin_client.post(_url(AwardDecision, "add"), data)

    assert _page_shows(response, "Collectives and individuals together cannot exceed the total number of recipients.")
    assert not AwardDecision.objects.exists()


def _recipient_rows(data, *rows):
    """Adds new rows to the recipients inline of an award decision page's data."""
    start = int(data["recipients-TOTAL_FORMS"])
    for index, (kind, name) in enumerate(rows, start=start):
        data[f"recipients-{index}-kind"] = kind
        data[f"recipients-{index}-name"] = name
    data["recipients-TOTAL_FORMS"] = str(start + len(rows))
    return data


def test_the_admin_refuses_named_recipients_that_disagree_with_the_counts(admin_client):
    data = makers.admin_form_data(admin_client.get(_url(AwardDecision, "add")))
    data.update(form=str(makers.make_award_form().pk), collective_count="2", individual_count="1")
    _recipient_rows(data, ("collective", "Công an huyện Mỏ Cày"), ("individual", "Nguyễn Văn An"))

    response = admin_client.post(_url(AwardDecision, "add"), data)

    assert _page_shows(response, "The decision counts 2 collectives but names 1.")
    assert not AwardDecision.objects.exists()
    assert not AwardRecipient.objects.exists()


def test_the_admin_saves_named_recipients_that_agree_with_the_counts(admin_client):
    data = makers.admin_form_data(admin_client.get(_url(AwardDecision, "add")))
    data.update(form=str(makers.make_award_form().pk), total_count="2", collective_count="1", individual_count="1")
    _recipient_rows(data, ("collective", "Công an huyện Mỏ Cày"), ("individual", "Nguyễn Văn An"))

    response = admin_client.post(_url(AwardDecision, "add"), data)

    assert response.status_code == 302
    assert sorted(AwardDecision.objects.get().recipients.values_list("kind", flat=True)) == ["collective", "individual"]


def test_the_admin_checks_the_counts_against_recipients_left_after_deletion(admin_client):
    decision = makers.make_award_decision(collective_count=2)
    makers.make_award_recipient(decision=decision, name="Công đoàn cơ sở A")
    makers.make_award_recipient(decision=decision, name="Công đoàn cơ sở B")
    data = makers.admin_form_data(admin_client.get(_url(AwardDecision, "change", decision.pk)))
    data["recipients-1-DELETE"] = "on"

    response = admin_client.post(_url(AwardDecision, "change", decision.pk), data)

    assert _page_shows(response, "The decision counts 2 collectives but names 1.")
    assert decision.recipients.count() == 2


def test_the_admin_checks_new_counts_against_the_recipients_already_named(admin_client):
    decision = makers.make_award_decision(total_count=1)
    makers.make_award_recipient(decision=decision)
    data = makers.admin_form_data(admin_client.get(_url(AwardDecision, "change", decision.pk)))
    data["total_count"] = "3"

    response = admin_client.post(_url(AwardDecision, "change", decision.pk), data)

    assert _page_shows(response, "The decision counts 3 recipients in all but names 1.")
    decision.refresh_from_db()
    assert decision.total_count == 1


def test_the_conference_page_checks_award_counts_against_the_named_recipients(admin_client):
    conference = makers.make_conference()
    decision = makers.make_award_decision(conference=conference, collective_count=1)
    makers.make_award_recipient(decision=decision)
    data = makers.admin_form_data(admin_client.get(_url(Conference, "change", conference.pk)))
    data["award_decisions-0-collective_count"] = "4"

    response = admin_client.post(_url(Conference, "change", conference.pk), data)

    assert _page_shows(response, "The decision counts 4 collectives but names 1.")
    decision.refresh_from_db()
    assert decision.collective_count == 1


def test_the_recipient_page_refuses_a_recipient_beyond_the_counts(admin_client):
    decision = makers.make_award_decision(individual_count=1)
    makers.make_award_recipient(decision=decision, kind=AwardRecipient.Kind.INDIVIDUAL)
    data = makers.admin_form_data(admin_client.get(_url(AwardRecipient, "add")))
    data.update(decision=str(decision.pk), kind="individual", name="Trần Thị Bình")

    response = admin_client.post(_url(AwardRecipient, "add"), data)

    assert _page_shows(response, "The decision counts 1 individuals but names 2.")
    assert decision.recipients.count() == 1
