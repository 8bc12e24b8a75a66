import re

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from agreements.models import (
    Agreement,
    Body,
    Conference,
    ConferenceBody,
    Locality,
    Membership,
    Person,
    ReportedFigure,
    Sector,
)
from awards.models import AwardDecision, AwardRecipient
from tests import admin_rows, makers

pytestmark = pytest.mark.django_db

APPS = ("agreements", "awards")


@pytest.fixture(autouse=True)
def _english_and_temporary_media(settings, tmp_path):
    # Messages are asserted in English (the msgids); attachments are written under tmp_path.
    settings.LANGUAGE_CODE = "en"
    settings.MEDIA_ROOT = tmp_path


def _label(model):
    return model._meta.label


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def _maker(model):
    snake_case = re.sub(r"(?<!^)(?=[A-Z])", "_", model.__name__).lower()
    return getattr(makers, f"make_{snake_case}")


# Derived tables kept by the write services (agreements.summaries, awards.summaries) and
# rebuilt by rebuild_summaries: nobody edits them, so they have no admin pages and no makers.
DERIVED = {
    "agreements.ConferenceSummary",
    "agreements.FigureSummary",
    "agreements.ConferenceProvince",
    "awards.DecisionSummary",
    "awards.DecisionProvince",
}


def _domain_models():
    """Every model of both apps, without the historical copies simple_history adds."""
    return [
        model
        for app in APPS
        for model in apps.get_app_config(app).get_models()
        if not hasattr(model, "instance_type")  # historical models point back to their model
        and model._meta.label not in DERIVED
    ]


# The project's models with users and groups. The back-office pages of the account models
# (lock-outs, authenticators, sessions), which have no add form, are tested with the accounts
# in tests/coordination/test_accounts.py.
REGISTERED = sorted((m for m in admin.site._registry if m._meta.app_label in (*APPS, "auth")), key=_label)
WITH_HISTORY = [model for model in REGISTERED if hasattr(model._meta, "simple_history_manager_attribute")]


INLINED = {
    inline.model._meta.label
    for model_admin in admin.site._registry.values()
    for inline in model_admin.inlines
    if model_admin.model._meta.app_label in APPS
}


def test_every_model_of_both_apps_is_in_the_admin_on_its_own_page_or_inline_on_its_owner_s():
    registered = {_label(model) for model in REGISTERED}
    assert {_label(model) for model in _domain_models()} <= registered | INLINED


def test_link_tables_are_edited_only_inline_on_their_record_s_page():
    link_tables = {
        "agreements.AgreementAlias",
        "agreements.AgreementParty",
        "agreements.ConferenceExtraKind",
        "agreements.ConferenceBody",
        "agreements.ConferenceAgreement",
        "agreements.Appearance",
    }
    assert link_tables <= INLINED
    assert not link_tables & {_label(model) for model in REGISTERED}


def test_every_model_of_both_apps_has_a_maker():
    for model in _domain_models():
        assert callable(_maker(model)), model


# Rows derived from the records (a review due follows from its agreement): nobody adds one,
# and their history starts with the first change a person makes (a dismissal).
DERIVED_WITH_PAGES = {"agreements.Obligation"}


@pytest.mark.parametrize("model", REGISTERED, ids=_label)
def test_the_changelist_add_and_change_pages_answer_200_for_the_superuser(admin_client, model):
    obj = _maker(model)()

    assert admin_client.get(_url(model, "changelist")).status_code == 200
    expected = 403 if _label(model) in DERIVED_WITH_PAGES else 200
    assert admin_client.get(_url(model, "add")).status_code == expected
    assert admin_client.get(_url(model, "change", obj.pk)).status_code == 200


@pytest.mark.parametrize("model", WITH_HISTORY, ids=_label)
def test_every_model_with_history_has_a_history_page(admin_client, model):
    obj = _maker(model)()

    assert isinstance(admin.site._registry[model], SimpleHistoryAdmin)
    response = admin_client.get(_url(model, "history", obj.pk))
    assert response.status_code == 200
    assert len(response.context["page_obj"]) == (0 if _label(model) in DERIVED_WITH_PAGES else 1)


def test_the_history_page_shows_a_field_changed_through_the_admin(admin_client):
    body = makers.make_body(name="Công an tỉnh Bến Tre")
    data = makers.admin_form_data(admin_client.get(_url(Body, "change", body.pk)))
    data["name"] = "Công an tỉnh Thái Bình"

    assert admin_client.post(_url(Body, "change", body.pk), data).status_code == 302
    response = admin_client.get(_url(Body, "history", body.pk))

    assert response.status_code == 200
    html = response.content.decode()
    assert re.search(
        r"<strong>Name:</strong>\s*Công an tỉnh Bến Tre\s*&nbsp;&rarr;&nbsp;&nbsp;Công an tỉnh Thái Bình", html
    )
    # The derived search key is not an edit anyone made.
    assert "<strong>Search:</strong>" not in html
    assert response.context["page_obj"][0].history_user.username == "admin"


def test_the_admin_records_who_created_an_agreement(admin_client, admin_user):
    data = makers.admin_form_data(admin_client.get(_url(Agreement, "add")))
    data.update(kind=Agreement.Kind.REGULATION, number="468/QC-BCA-TLĐLĐ", period_start="2018", period_end="2023")

    response = admin_client.post(_url(Agreement, "add"), data)

    assert response.status_code == 302
    assert Agreement.objects.get().created_by == admin_user


def test_an_admin_edit_bumps_the_version_so_that_older_edit_forms_conflict(admin_client):
    agreement = makers.make_agreement(title="Quy chế 03")
    data = makers.admin_form_data(admin_client.get(_url(Agreement, "change", agreement.pk)))
    data["title"] = "Quy chế 03 (sửa)"

    assert admin_client.post(_url(Agreement, "change", agreement.pk), data).status_code == 302

    agreement.refresh_from_db()
    assert (agreement.title, agreement.version) == ("Quy chế 03 (sửa)", 2)


@pytest.mark.parametrize("term", ["thai binh", "Thai Binh", "THÁI BÌNH", "thái bình", "tinh thai"])
def test_admin_search_ignores_tone_marks(admin_client, term):
    thai_binh = makers.make_body(name="Công an tỉnh Thái Bình")
    makers.make_body(name="Công an tỉnh Bến Tre")

    response = admin_client.get(_url(Body, "changelist"), {"q": term})

    assert list(response.context["cl"].result_list) == [thai_binh]


def test_admin_search_finds_dang_without_the_stroke_or_tone_mark(admin_client):
    party_committee = makers.make_body(name="Đảng ủy Khối các cơ quan tỉnh")
    makers.make_body(name="Công đoàn Khu công nghiệp")

    response = admin_client.get(_url(Body, "changelist"), {"q": "dang"})

    assert list(response.context["cl"].result_list) == [party_committee]


def test_admin_search_follows_relations_declared_per_admin(admin_client):
    ben_tre = makers.make_membership(body=makers.make_body(name="Công an tỉnh Bến Tre"))
    makers.make_membership(body=makers.make_body(name="Công an thành phố Hải Phòng"))

    response = admin_client.get(_url(Membership, "changelist"), {"q": "ben tre"})

    assert list(response.context["cl"].result_list) == [ben_tre]


def test_sector_search_ignores_tone_marks(admin_client):
    union = makers.make_sector(name="Công đoàn")
    makers.make_sector(name="Công an")

    response = admin_client.get(_url(Sector, "changelist"), {"q": "cong doan"})

    assert list(response.context["cl"].result_list) == [union]


def test_autocomplete_ignores_tone_marks(admin_client):
    thai_binh = makers.make_body(name="Công an tỉnh Thái Bình")
    makers.make_body(name="Công an tỉnh Bến Tre")
    params = {"term": "thai binh", "app_label": "agreements", "model_name": "membership", "field_name": "body"}

    response = admin_client.get(reverse("admin:autocomplete"), params)

    assert [result["id"] for result in response.json()["results"]] == [str(thai_binh.pk)]


def test_the_agreement_list_shows_the_parties_in_their_order(admin_client):
    agreement = makers.make_agreement()
    makers.make_agreement_party(agreement=agreement, body=makers.make_body(name="Tổng Liên đoàn"), order=2)
    makers.make_agreement_party(agreement=agreement, body=makers.make_body(name="Bộ Công an"), order=1)

    response = admin_client.get(_url(Agreement, "changelist"))

    assert "Bộ Công an, Tổng Liên đoàn" in response.content.decode()


def test_the_conference_list_shows_the_hosts_only(admin_client):
    conference = makers.make_conference()
    makers.make_conference_body(conference=conference, body=makers.make_body(name="Công an tỉnh Bến Tre"))
    participant = makers.make_body(name="Sở Lao động")
    makers.make_conference_body(conference=conference, body=participant, role=ConferenceBody.Role.PARTICIPANT)

    response = admin_client.get(_url(Conference, "changelist"))

    html = response.content.decode()
    assert "Công an tỉnh Bến Tre" in html
    assert "Sở Lao động" not in html


# Changelists issue a fixed number of queries (rows from tests/admin_rows.py).


# Each bound: the session and the user, one query per related-field filter, the count (two
# where the full count is shown), the rows with their foreign keys, one per prefetched column.
@pytest.mark.parametrize(
    ("model", "populate", "max_queries"),
    [
        (Body, admin_rows.bodies, 6),
        (Person, admin_rows.people, 5),
        (Agreement, admin_rows.agreements, 7),
        (Conference, admin_rows.conferences, 6),
        (ReportedFigure, admin_rows.figures, 7),
        (AwardDecision, admin_rows.decisions, 6),
        (AwardRecipient, admin_rows.recipients, 5),
        (Locality, admin_rows.localities, 7),
    ],
    ids=lambda value: value._meta.model_name if hasattr(value, "_meta") else None,
)
def test_the_changelist_query_count_does_not_grow_with_rows(
    admin_client, django_assert_max_num_queries, model, populate, max_queries
):
    url = _url(model, "changelist")
    admin_client.get(url)  # warms per-process caches (content types, site)
    populate(5)
    with django_assert_max_num_queries(max_queries) as few:
        response = admin_client.get(url)
    assert response.status_code == 200
    assert response.context["cl"].result_count >= 5

    populate(45)
    with django_assert_max_num_queries(len(few)) as many:
        response = admin_client.get(url)

    assert response.status_code == 200
    assert response.context["cl"].result_count >= 50
    assert len(many) == len(few)
