"""Data safety: multi-row saves are all or nothing, deletions never take facts along
silently, and an edit from a stale form (web or admin) saves nothing."""

import datetime
import html
import re

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.urls import reverse

from agreements.models import (
    Agreement,
    AgreementParty,
    Appearance,
    Attachment,
    Body,
    Conference,
    Locality,
    LocalitySuccession,
    Person,
    ReportedFigure,
    Source,
    keep_signatories,
)
from agreements.services import AgreementEntry, agreement_save
from awards.models import AwardDecision, AwardRecipient
from awards.services import decision_save
from common.services import CONFLICT_MESSAGE, save_row
from entry.services import ConferenceRecord, conference_record
from tests.makers import (
    add_authorities,
    admin_form_data,
    make_agreement,
    make_agreement_party,
    make_appearance,
    make_award_decision,
    make_award_form,
    make_body,
    make_conference,
    make_conference_agreement,
    make_conference_body,
    make_indicator,
    make_locality_succession,
    make_person,
    make_source,
)

# Every foreign key of the registry and what deleting the row it points to does, with the
# reason. A new foreign key fails test_every_foreign_key_s_on_delete_was_decided until it is
# added here: what a deletion takes along is decided, never inherited by default.
CASCADE, PROTECT, SET_NULL = models.CASCADE, models.PROTECT, models.SET_NULL
ON_DELETE = {
    # Places, bodies and people: referenced facts are never deleted from under the records.
    "agreements.Locality.parent": PROTECT,
    # Scope: a provincial leader reads the old provinces absorbed by the new one.
    "agreements.LocalitySuccession.predecessor": PROTECT,
    "agreements.LocalitySuccession.successor": PROTECT,
    "agreements.Body.sector": PROTECT,
    "agreements.Body.parent": PROTECT,
    "agreements.Body.locality": PROTECT,
    "agreements.Membership.body": PROTECT,
    # A user's place in a body belongs to the user: deleting the account ends it.
    "agreements.Membership.user": CASCADE,
    "agreements.ModelPractice.movement": SET_NULL,  # a catalogue grouping; the practice stays
    # Agreements
    "agreements.Agreement.supersedes": PROTECT,
    "agreements.Agreement.implements": PROTECT,
    # Provenance is evidence: a source that records cite is not deleted.
    "agreements.Agreement.source": PROTECT,
    "agreements.Agreement.created_by": SET_NULL,  # the history keeps who entered it
    # Rows that are part of the agreement itself (its other numbers, its parties).
    "agreements.AgreementAlias.agreement": CASCADE,
    "agreements.AgreementParty.agreement": CASCADE,
    "agreements.AgreementParty.body": PROTECT,
    # Conferences
    "agreements.Conference.locality": PROTECT,
    "agreements.Conference.source": PROTECT,
    "agreements.Conference.created_by": SET_NULL,
    # Rows that are part of the conference itself.
    "agreements.ConferenceExtraKind.conference": CASCADE,
    "agreements.ConferenceBody.conference": CASCADE,
    "agreements.ConferenceBody.body": PROTECT,
    "agreements.ConferenceAgreement.conference": CASCADE,
    "agreements.ConferenceAgreement.agreement": PROTECT,
    # Who spoke at a conference goes with it; who signed an agreement there stays with the agreement.
    "agreements.Appearance.conference": keep_signatories,
    # An agreement signed at a conference cannot be deleted while the conference lists it
    # (ConferenceAgreement.agreement is PROTECT); its signatories are part of it.
    "agreements.Appearance.agreement": CASCADE,
    "agreements.Appearance.person": PROTECT,
    "agreements.Appearance.body": PROTECT,
    # Figures
    "agreements.ReportedFigure.indicator": PROTECT,
    "agreements.ReportedFigure.body": PROTECT,
    "agreements.ReportedFigure.conference": CASCADE,  # reported at the conference: its own
    "agreements.ReportedFigure.source": PROTECT,
    # Documents and the reminder log belong to their record.
    "agreements.Attachment.agreement": CASCADE,
    "agreements.Attachment.conference": CASCADE,
    "agreements.Attachment.uploaded_by": SET_NULL,
    "agreements.Reminder.agreement": CASCADE,
    "agreements.Reminder.user": CASCADE,
    "agreements.Source.entered_by": SET_NULL,
    # Derived counts, rebuilt by manage.py rebuild_summaries.
    "agreements.FigureSummary.indicator": CASCADE,
    "awards.DecisionSummary.form": CASCADE,
    # The reviews and successors due are derived from their agreement and go with it; what
    # fulfilled one, and who dismissed it, may go while the item stays.
    "agreements.Obligation.agreement": CASCADE,
    "agreements.Obligation.fulfilled_by_conference": SET_NULL,
    "agreements.Obligation.fulfilled_by_agreement": SET_NULL,
    "agreements.Obligation.dismissed_by": SET_NULL,
    # The provinces of each record are derived from it and go with it.
    "agreements.ConferenceProvince.conference": CASCADE,
    "awards.DecisionProvince.decision": CASCADE,
    # Commendations
    "awards.AwardDecision.form": PROTECT,
    # The decision stays, with its counts and authorities, when its conference is deleted.
    "awards.AwardDecision.conference": SET_NULL,
    "awards.AwardDecision.agreement": PROTECT,
    "awards.AwardDecision.movement": SET_NULL,
    "awards.AwardDecision.source": PROTECT,
    "awards.AwardDecision.created_by": SET_NULL,
    "awards.AwardRecipient.decision": CASCADE,  # the named recipients are part of the decision
    "awards.AwardRecipient.body": PROTECT,
    "awards.AwardRecipient.person": PROTECT,
    # A login session belongs to its user.
    "accounts.UserSession.user": CASCADE,
}


def _foreign_keys():
    for label in ("agreements", "awards", "coordination"):
        for model in apps.get_app_config(label).get_models():
            if model.__name__.startswith("Historical"):
                continue  # simple_history's copies never delete anything (DO_NOTHING)
            for field in model._meta.get_fields():
                if field.many_to_one and field.concrete:
                    yield f"{model._meta.label}.{field.name}", field.remote_field.on_delete


def test_every_foreign_key_s_on_delete_was_decided():
    found = dict(_foreign_keys())
    assert {key: found[key] for key in found if key not in ON_DELETE} == {}, "add these to ON_DELETE"
    assert {key: found[key] for key in found if found[key] is not ON_DELETE[key]} == {}


# Deleting in Django admin what others depend on


def _admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _protected(admin_client, obj):
    """Ask the admin to delete ``obj``, confirm, and return the page shown."""
    url = _admin_url(type(obj), "delete", obj.pk)
    page = admin_client.get(url)
    assert page.status_code == 200
    confirmed = admin_client.post(url, {"post": "yes"})
    assert confirmed.status_code == 200, "the deletion went through"
    assert type(obj).objects.filter(pk=obj.pk).exists()
    return html.unescape(page.content.decode())


def _message(model, obj):
    name = model._meta.verbose_name
    return f"Deleting the {name} '{obj}' would require deleting the following protected related objects:"


def test_a_body_party_to_an_agreement_and_host_of_a_conference_is_not_deleted(admin_client):
    body = make_body(name="Công an tỉnh Bến Tre")
    agreement = make_agreement(number="12/QC")
    make_agreement_party(agreement=agreement, body=body)
    make_conference_body(body=body)

    page = _protected(admin_client, body)

    assert _message(Body, body) in page
    # Parties and a conference's bodies are edited on their record's page in the admin, not as
    # tables of their own: they are named without a link.
    assert re.search(r"<li>Party: Công an tỉnh Bến Tre</li>", page)
    assert re.search(r"<li>Body at the conference: Công an tỉnh Bến Tre \(Host\)</li>", page)
    assert AgreementParty.objects.filter(body=body).exists()


def test_a_person_who_appeared_somewhere_is_not_deleted(admin_client):
    person = make_person(full_name="Phạm Văn Ngót")
    make_appearance(person=person)

    page = _protected(admin_client, person)

    assert _message(Person, person) in page
    assert Appearance.objects.filter(person=person).exists()


@pytest.mark.parametrize("dependant", ["reviewed at a conference", "superseded", "honoured by a decision"])
def test_an_agreement_others_refer_to_is_not_deleted(admin_client, dependant):
    agreement = make_agreement(number="03/QC-BCA-TLĐLĐ")
    if dependant == "reviewed at a conference":
        make_conference_agreement(agreement=agreement)
    elif dependant == "superseded":
        make_agreement(supersedes=agreement)
    else:
        make_award_decision(agreement=agreement)

    page = _protected(admin_client, agreement)

    assert _message(Agreement, agreement) in page


def test_a_province_that_absorbed_others_is_not_deleted(admin_client):
    succession = make_locality_succession()

    page = _protected(admin_client, succession.successor)

    assert _message(Locality, succession.successor) in page
    assert LocalitySuccession.objects.filter(pk=succession.pk).exists()


def test_a_source_that_records_cite_is_not_deleted(admin_client):
    source = make_source(title="Báo Công an nhân dân")
    make_agreement(source=source)

    page = _protected(admin_client, source)

    assert _message(Source, source) in page


def test_deleting_a_conference_keeps_the_signatories_of_the_agreement_signed_there(admin_client):
    conference = make_conference()
    agreement = make_agreement()
    signatory = make_appearance(conference=conference, agreement=agreement, role=Appearance.Role.SIGNATORY)
    speaker = make_appearance(conference=conference)
    figure_body = make_body()
    ReportedFigure.objects.create(
        indicator=make_indicator(), value=1, body=figure_body, period_start=2019, period_end=2019, conference=conference
    )

    response = admin_client.post(_admin_url(Conference, "delete", conference.pk), {"post": "yes"})

    assert response.status_code == 302
    assert not Conference.objects.exists()
    assert not Appearance.objects.filter(pk=speaker.pk).exists()
    assert not ReportedFigure.objects.exists()
    signatory.refresh_from_db()
    assert (signatory.conference, signatory.agreement) == (None, agreement)


# All or nothing


@pytest.fixture
def bodies(world):
    return world.bodies


def _counts():
    return {model: model.objects.count() for model in (Agreement, AgreementParty, Conference, ReportedFigure)}


def test_a_conference_whose_last_row_fails_saves_nothing(bodies, world):
    indicator = make_indicator()
    entry = ConferenceRecord(
        data={"kind": Conference.Kind.INTERIM_REVIEW, "hosts": [bodies.ben_tre_police], "participants": []},
        agreements=[{"role": "signed", "new_kind": "regulation", "new_number": "12/QC", "new_parties": []}],
        figures=[
            {"indicator": indicator, "value": 1291, "body": bodies.ben_tre_police, "period": (2019, 2019)},
            # No period, and the conference reviewed none: refused after everything else was written.
            {"indicator": indicator, "value": 90982, "body": bodies.ben_tre_police},
        ],
    )
    before = _counts()

    with pytest.raises(ValidationError):
        conference_record(conference=None, entry=entry, by=world.users["staff"])

    assert _counts() == before


def test_an_agreement_whose_attachment_is_refused_saves_nothing(bodies, world):
    entry = AgreementEntry(
        data={"kind": "regulation", "number": "12/QC", "parties": [bodies.ben_tre_police, bodies.ben_tre_union]},
        attachment=SimpleUploadedFile("quy-che.pdf", b"MZ not a document"),
    )
    before = _counts()

    with pytest.raises(ValidationError):
        agreement_save(agreement=None, entry=entry, by=world.users["staff"])

    assert _counts() == before
    assert not Attachment.objects.exists()


def test_a_decision_whose_recipient_cannot_be_saved_saves_nothing(bodies, world):
    recipients = [
        AwardRecipient(kind="collective", name="Công đoàn"),
        AwardRecipient(kind="collective", name="x" * 301),
    ]
    data = {"form": make_award_form(), "authorities": [bodies.ben_tre_police], "collective_count": 2}

    with pytest.raises(ValidationError):
        decision_save(decision=None, data=data, recipients=recipients, submit=True, by=world.users["staff"])

    assert not AwardDecision.objects.exists()
    assert not AwardRecipient.objects.exists()


# Optimistic locking in Django admin


def _decision():
    decision = make_award_decision(total_count=3)
    add_authorities(decision, make_body())
    return decision


RECORDS = {
    # model: (make one, the field I change in the admin, my value, the field a colleague changes)
    Agreement: (lambda: make_agreement(title="Quy chế 03"), "title", "Quy chế 03 (sửa)", "key_tasks"),
    Conference: (lambda: make_conference(place="Bến Tre"), "place", "Hội trường Công an tỉnh", "results"),
    AwardDecision: (_decision, "authorities_text", "Chủ tịch UBND tỉnh Bến Tre", "reason"),
}


@pytest.mark.parametrize("model", RECORDS, ids=lambda model: model.__name__)
def test_an_admin_save_from_a_stale_form_saves_nothing_and_says_why(admin_client, admin_user, model):
    make, field, value, their_field = RECORDS[model]
    record = make()
    url = _admin_url(model, "change", record.pk)
    mine = admin_form_data(admin_client.get(url))
    assert mine["opened_version"] == str(record.version)
    # Meanwhile a colleague saves the record on the entry pages (lock_for_edit adds one).
    theirs = model.objects.get(pk=record.pk)
    setattr(theirs, their_field, "Sửa của đồng nghiệp")
    theirs.version += 1
    save_row(theirs, admin_user)
    saved = model.objects.values().get(pk=record.pk)

    response = admin_client.post(url, {**mine, field: value})

    assert response.status_code == 200
    assert str(CONFLICT_MESSAGE) in response.content.decode().replace("&#x27;", "'")
    assert model.objects.values().get(pk=record.pk) == saved

    # The page now carries the current version: saving again knowingly replaces their change.
    again = admin_form_data(response)
    assert again["opened_version"] == str(saved["version"])
    assert admin_client.post(url, {**again, field: value}).status_code == 302
    record.refresh_from_db()
    assert getattr(record, field) == value
    assert record.version == saved["version"] + 1


def test_an_admin_save_from_a_current_form_goes_through_once(admin_client):
    agreement = make_agreement(title="Quy chế 03", signed_on=datetime.date(2018, 8, 29))
    url = _admin_url(Agreement, "change", agreement.pk)
    data = admin_form_data(admin_client.get(url))

    assert admin_client.post(url, {**data, "title": "Quy chế 03 (sửa)"}).status_code == 302
    # The same (now stale) page saved a second time is a conflict, not a silent overwrite.
    assert admin_client.post(url, {**data, "title": "Quy chế 03 (sửa lần hai)"}).status_code == 200
    agreement.refresh_from_db()
    assert (agreement.title, agreement.version) == ("Quy chế 03 (sửa)", 2)


def test_a_body_that_awarded_commendations_cannot_be_deleted_in_the_admin(admin_client):
    from django.urls import reverse

    from agreements.models import Body
    from tests.makers import make_award_decision, make_body

    body = make_body(name="Ủy ban nhân dân tỉnh Trà Vinh")
    decision = make_award_decision()
    add_authorities(decision, body)
    url = reverse("admin:agreements_body_delete", args=[body.pk])

    page = admin_client.get(url).content.decode()
    admin_client.post(url, {"post": "yes"})

    assert "Awarding authority of" in page
    assert Body.objects.filter(pk=body.pk).exists()
    assert list(decision.authorities.all()) == [body]
