"""Bad input at scale: random and malformed values posted to every entry form and sent to
every filter, lookup and export.

Whatever is typed or forged (huge strings, control characters and NUL, mixed scripts, tone
marks in NFC and NFD, numbers with separators, impossible dates, reversed periods, negative
and huge counts, unknown ids), the answer is never a server error: a rejected form comes
back with a message and saves nothing, and what is accepted is stored clean (NFC, no
control characters). On PostgreSQL, which refuses NUL in text, this also proves that no
NUL reaches a query.

The examples are drawn deterministically, few enough for CI (the file runs in well under a
minute). BAD_INPUT_EXPLORE=1 draws new random examples, ten times as many, for a longer hunt.
"""

import io
import os
import unicodedata
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agreements.models import (
    Agreement,
    AgreementAlias,
    Appearance,
    Attachment,
    Body,
    Conference,
    Indicator,
    ModelPractice,
    Person,
    ReportedFigure,
    Source,
)
from awards.models import AwardDecision, AwardRecipient
from common.forms import strip_invisible
from tests.makers import (
    make_agreement,
    make_agreement_party,
    make_award_form,
    make_conference,
    make_conference_body,
    make_indicator,
    make_movement,
    make_person,
)
from tests.security.conftest import verify_second_factor

EXPLORE = os.environ.get("BAD_INPUT_EXPLORE") == "1"


def bounded(examples):
    return settings(
        max_examples=examples * (10 if EXPLORE else 1),
        derandomize=not EXPLORE,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
    )


def nfd(text):
    return unicodedata.normalize("NFD", text)


# What people type, paste or forge

NAMES = ["Thái Bình", nfd("Thái Bình"), "Công an tỉnh Bến Tre", nfd("Nguyễn Thị Hải Yến"), "ĐẢNG ỦY", "Đắk Lắk"]
SPECIAL = [
    "",
    " ",
    "\x00",
    "Thái\x00Bình",
    "\x00" * 50,
    "a\x01b\x07c\x1bd\x7fe",
    "\u202eBến Tre",
    "Thái\u200bBình",
    "\ufeffHải Phòng",
    "Ha\u0300\u0301\u0303i",  # stacked tone marks
    "Công an 公安 полиция شرطة 🚓",
    "<script>alert(1)</script>",
    "'; DROP TABLE agreements_agreement; --",
    "%s %(x)s {0} {{ x }}",
    "../../etc/passwd",
    "x" * 5000,
    "Đ" * 100_000,
]
NUMBERS = [
    "1.291",
    "1,291.5",
    "1.291,5",
    "90.982",
    "126 ngàn",
    "3 triệu",
    "-5",
    "-0",
    "1e9",
    "NaN",
    "Infinity",
    "0x10",
    "１２",
    "9" * 30,
    "9" * 5000,
    "1.2.3",
    "12,5,3",
    "2147483648",
    "18446744073709551616",
]
DATES = [
    "31/02/2020",
    "29/2/2019",
    "29/02/2020",
    "0/0/0",
    "2020-13-45",
    "99/99/9999",
    "1/1/1",
    "10-1-2020",
    "1-1-99999",
]
PERIODS = ["2023-2018", "giai đoạn 2023 - 2018", "năm 1800", "3000", "2019-", "-2019", "2018 đến 2017", "năm 2019"]
IDS = ["0", "-1", "999999", "abc", "1 OR 1=1", "1.5", "99999999999999999999999", "1\x00", "[]", "null"]

text = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=200)
junk = st.one_of(
    st.sampled_from(SPECIAL + NAMES + NUMBERS + DATES + PERIODS + IDS),
    text,
    st.integers().map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.lists(st.sampled_from(IDS + NUMBERS[:3]), min_size=2, max_size=3),
)

# Rows of the models that entry can write: what a rejected form must leave untouched.
WRITTEN = (
    Agreement,
    AgreementAlias,
    Appearance,
    Attachment,
    AwardDecision,
    AwardRecipient,
    Conference,
    Indicator,
    ModelPractice,
    Person,
    ReportedFigure,
    Source,
)


def _counts():
    return {model.__name__: model.objects.count() for model in WRITTEN}


def _text_values(model):
    fields = [f.attname for f in model._meta.concrete_fields if f.get_internal_type() in ("CharField", "TextField")]
    for row in model.objects.values_list(*fields):
        yield from (value for value in row if isinstance(value, str))


def _assert_stored_clean():
    """Everything saved is in one spelling (NFC), without control characters."""
    for model in WRITTEN:
        for value in _text_values(model):
            assert strip_invisible(value) == value, (model.__name__, value[:80])
            assert unicodedata.is_normalized("NFC", value), (model.__name__, value[:80])


def _assert_answered(response, before):
    """A saved record (redirect) or the form again with a message, and then nothing saved."""
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 200:
        page = response.content.decode()
        assert "is-invalid" in page or "alert-danger" in page or "errorlist" in page
        assert _counts() == before
    _assert_stored_clean()


@pytest.fixture
def staff(world, client):
    client.force_login(world.users["staff"])
    return client


@pytest.fixture
def catalogue(world):
    b = world.bodies
    agreement = make_agreement(number="12/QC-CAT-LĐLĐ")
    make_agreement_party(agreement=agreement, body=b.ben_tre_police)
    conference = make_conference(title="Hội nghị sơ kết năm 2019")
    make_conference_body(conference=conference, body=b.ben_tre_police)
    return {
        "agreement": agreement,
        "conference": conference,
        "indicator": make_indicator(name="Buổi tuyên truyền", unit="buổi"),
        "form": make_award_form(),
        "movement": make_movement(),
        "person": make_person(full_name="Phạm Văn Ngót"),
    }


def _management(prefix, rows):
    return {
        f"{prefix}-TOTAL_FORMS": str(rows),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "500",
    }


def _conference_post(world, catalogue):
    b = world.bodies
    return {
        "title": "Hội nghị sơ kết quy chế phối hợp năm 2019",
        "kind": "interim_review",
        "extra_kinds": ["signing"],
        "held_on": "10-1-2020",
        "held_on_text": "Sáng 10-1-2020",
        "place": "Hội trường Công an tỉnh",
        "hosts": [str(b.ben_tre_police.pk)],
        "participants": [str(b.ben_tre_union.pk)],
        "reviewed_period": "năm 2019",
        "results": "Kết quả phối hợp.",
        "movements": [str(catalogue["movement"].pk)],
        "model_practices": "Tổ công nhân tự quản",
        "source_url": "https://cand.com.vn/bai-viet",
        "action": "submit",
        **_management("agreements", 1),
        "agreements-0-role": "signed",
        "agreements-0-new_kind": "regulation",
        "agreements-0-new_number": "15/QC",
        "agreements-0-new_period": "2020-2024",
        **_management("people", 1),
        "people-0-role": "signatory",
        "people-0-new_person": "Nguyễn Văn An",
        "people-0-rank": "dai_ta",
        "people-0-positions": "Giám đốc Công an tỉnh",
        "people-0-body": str(b.ben_tre_police.pk),
        "people-0-signs": "on",
        **_management("figures", 1),
        "figures-0-indicator": str(catalogue["indicator"].pk),
        "figures-0-value": "1.291",
        "figures-0-body": str(b.ben_tre_union.pk),
        **_management("commendations", 1),
        "commendations-0-form": str(catalogue["form"].pk),
        "commendations-0-authorities": [str(b.ben_tre_police.pk)],
        "commendations-0-total_count": "3",
        "commendations-0-collective_count": "1",
        "commendations-0-named_collectives": "Công đoàn Khu công nghiệp",
        "commendations-0-named_individuals": "Nguyễn Văn Bình\nTrần Thị Cúc",
    }


def _junk_post(base, extra_keys=()):
    """``base`` with up to five of its values (or a few unknown keys) replaced by junk."""
    keys = st.sampled_from(sorted(base) + list(extra_keys))
    return st.dictionaries(keys, junk, max_size=5).map(lambda replaced: {**base, **replaced})


CONFERENCE_EXTRA_KEYS = ["version", "figures-0-period", "figures-0-new_indicator", "people-0-person", "figures-9-value"]


@given(data=st.data())
@bounded(30)
def test_the_conference_entry_page_answers_any_post_with_a_message_or_a_saved_record(data, world, staff, catalogue):
    post = data.draw(_junk_post(_conference_post(world, catalogue), CONFERENCE_EXTRA_KEYS))
    before = _counts()

    response = staff.post(reverse("entry:conference-create"), post)

    _assert_answered(response, before)


@given(data=st.data())
@bounded(20)
def test_editing_a_conference_answers_any_post_with_a_message_or_a_saved_record(data, world, staff, catalogue):
    conference = catalogue["conference"]
    post = data.draw(_junk_post({**_conference_post(world, catalogue), "version": str(conference.version)}))
    before = _counts()

    response = staff.post(reverse("entry:conference-update", args=[conference.pk]), post)

    _assert_answered(response, before)


def _agreement_post(world, catalogue):
    return {
        "kind": "regulation",
        "number": "12/QC-CAT-LĐLĐ",
        "aliases": "12/QCPH\n12",
        "title": "Quy chế phối hợp bảo đảm an ninh trật tự",
        "signed_on": "29-8-2018",
        "period": "giai đoạn 2018 - 2023",
        "status": "in_force",
        "parties": [str(world.bodies.ben_tre_police.pk)],
        "supersedes": str(catalogue["agreement"].pk),
        "key_tasks": "Tuyên truyền\nPhòng ngừa",
        "movements": [str(catalogue["movement"].pk)],
        "attachment_title": "Bản ký",
        **_management("signatories", 1),
        "signatories-0-new_person": "Phạm Văn Ngót",
        "signatories-0-body": str(world.bodies.ben_tre_police.pk),
    }


uploads = st.one_of(
    st.binary(max_size=2000).map(lambda content: SimpleUploadedFile("quy-che.pdf", content)),
    st.sampled_from([b"%PDF-1.4\n", b"\x89PNG\r\n\x1a\n", b"PK\x03\x04junk"]).map(
        lambda content: SimpleUploadedFile("quy-che.pdf", content)
    ),
)


@given(data=st.data())
@bounded(30)
def test_the_agreement_form_answers_any_post_with_a_message_or_a_saved_record(data, world, staff, catalogue):
    post = data.draw(_junk_post(_agreement_post(world, catalogue), ["version", "signatories-0-person"]))
    if data.draw(st.booleans()):
        post["attachment"] = data.draw(uploads)
    before = _counts()

    response = staff.post(reverse("entry:agreement-create"), post)

    _assert_answered(response, before)


def _decision_post(world, catalogue):
    return {
        "form": str(catalogue["form"].pk),
        "authorities": [str(world.bodies.ben_tre_police.pk)],
        "authorities_text": "Giám đốc Công an tỉnh",
        "number": "125/QĐ-CAT",
        "decided_on": "5-1-2020",
        "total_count": "1.291",
        "collective_count": "12",
        "individual_count": "",
        "reason": "Có thành tích xuất sắc",
        "conference": str(catalogue["conference"].pk),
        "agreement": str(catalogue["agreement"].pk),
        "movement": str(catalogue["movement"].pk),
        "revoked_on": "",
        "revocation_reason": "",
        "action": "submit",
    }


@given(data=st.data())
@bounded(30)
def test_the_decision_form_answers_any_post_with_a_message_or_a_saved_record(data, world, staff, catalogue):
    post = data.draw(
        _junk_post(_decision_post(world, catalogue), ["named_collectives", "named_individuals", "version"])
    )
    before = _counts()

    response = staff.post(reverse("entry:decision-create"), post)

    _assert_answered(response, before)


# Filters, lookups, exports, reports

LIST_PARAMS = [
    "q",
    "kind",
    "status",
    "entry_status",
    "sector",
    "province",
    "year",
    "year_from",
    "year_to",
    "period",
    "ends_from",
    "ends_to",
    "agreement",
    "body",
    "form",
    "category",
    "revoked",
    "level",
    "page",
    "sort",
    "indicator",
    "as_recorded",
]
params = st.dictionaries(st.sampled_from(LIST_PARAMS), junk, max_size=4)
PAGES = [
    "browse:agreement-list",
    "browse:conference-list",
    "browse:body-list",
    "browse:person-list",
    "browse:decision-list",
    "home",
    "reports:summary",
    "todo",
]


@pytest.fixture
def leader(world, client):
    client.force_login(world.users["provincial_leader"])
    return client


@given(page=st.sampled_from(PAGES), query=params)
@bounded(40)
def test_lists_the_dashboard_and_reports_show_the_page_whatever_the_filters(page, query, leader, catalogue):
    response = leader.get(reverse(page), query)

    assert response.status_code == 200


@given(kind=st.sampled_from(["agreements", "conferences", "bodies", "people", "decisions"]), query=params)
@bounded(25)
def test_exports_answer_whatever_the_filters(kind, query, leader, catalogue):
    response = leader.get(reverse("exports:list", kwargs={"kind": kind, "fmt": "csv"}), query)

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"\xef\xbb\xbf")


@given(lookup=st.sampled_from(["agreement", "body", "person"]), term=junk)
@bounded(30)
def test_lookups_answer_any_term_with_a_list(lookup, term, leader, catalogue):
    response = leader.get(reverse(f"entry:{lookup}-lookup"), {"q": term})

    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)


def _zip_of(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, content in members.items():
            package.writestr(name, content)
    return buffer.getvalue()


workbooks = st.one_of(
    st.binary(max_size=3000),
    st.dictionaries(
        st.sampled_from(["[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml", "_rels/.rels"]),
        st.binary(max_size=300),
        max_size=4,
    ).map(_zip_of),
)


@given(content=workbooks, name=st.sampled_from(["so-lieu.xlsx", "so-lieu.xls", "so-lieu", "\x00.xlsx"]))
@bounded(30)
def test_an_import_upload_of_junk_bytes_is_refused_with_a_message(content, name, world, staff, catalogue):
    conference = catalogue["conference"]
    before = _counts()

    response = staff.post(
        reverse("imports:figures-upload", args=[conference.pk]), {"file": SimpleUploadedFile(name, content)}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert _counts() == before


@given(term=junk)
@bounded(15)
def test_the_admin_search_and_autocomplete_answer_any_term(term, world, client, catalogue):
    admin_client = client
    admin_client.force_login(world.users["admin"])
    verify_second_factor(admin_client, world.users["admin"])
    response = admin_client.get(reverse("admin:agreements_body_changelist"), {"q": term})
    assert response.status_code == 200
    params = {"term": term, "app_label": "agreements", "model_name": "membership", "field_name": "body"}
    assert admin_client.get(reverse("admin:autocomplete"), params).status_code == 200


# One spelling per name: NFC and NFD, and no control characters


def _new_person_post(world, catalogue, name):
    post = {
        key: value
        for key, value in _conference_post(world, catalogue).items()
        if not key.startswith(("agreements-", "commendations-"))
    }
    post.update(_management("agreements", 0), **_management("commendations", 0))
    post.update({"people-0-role": "chair", "people-0-new_person": name, "people-0-signs": ""})
    post["extra_kinds"] = []
    return post


def test_a_name_typed_in_nfd_creates_the_same_person_as_in_nfc(world, staff, catalogue):
    for spelling in (nfd("Nguyễn Thái Bình"), "Nguyễn Thái Bình", "  Nguyễn\u00a0Thái\u200b Bình\x00 "):
        response = staff.post(reverse("entry:conference-create"), _new_person_post(world, catalogue, spelling))
        assert response.status_code == 302, response.context["form"].errors if response.context else None

    assert list(Person.objects.filter(full_name__startswith="Nguyễn").values_list("full_name", flat=True)) == [
        "Nguyễn Thái Bình"
    ]
    assert Appearance.objects.filter(person__full_name="Nguyễn Thái Bình").count() == 3


@pytest.mark.parametrize("term", ["Thái Bình", nfd("Thái Bình"), "thai binh", "THÁI\x00 BÌNH", "Thái\u200b Bình"])
def test_nfd_nfc_and_bare_spellings_find_the_same_body(world, leader, term):
    thai_binh = Body.objects.create(name=nfd("Công an tỉnh Thái Bình"), sector=world.sectors.police, level="province")

    found = leader.get(reverse("entry:body-lookup"), {"q": term}).json()["results"]
    # The provincial leader reads Bến Tre only; an administrator finds it from anywhere.
    assert found == []
    leader.force_login(world.users["admin"])
    found = leader.get(reverse("entry:body-lookup"), {"q": term}).json()["results"]
    assert [row["id"] for row in found] == [thai_binh.pk]
    listed = leader.get(reverse("browse:body-list"), {"q": term})
    assert list(listed.context["page_obj"]) == [thai_binh]


def test_a_body_named_in_nfd_in_the_admin_is_stored_in_nfc(client, world):
    admin_client = client
    admin_client.force_login(world.users["admin"])
    verify_second_factor(admin_client, world.users["admin"])
    data = {
        "name": nfd("Công an tỉnh Thái Bình") + "\x00",
        "short_name": "",
        "sector": str(world.sectors.police.pk),
        "level": "province",
        "notes": "Dòng một\u200b\n\nDòng hai",
    }

    response = admin_client.post(reverse("admin:agreements_body_add"), data)

    assert response.status_code == 302
    body = Body.objects.get(name__endswith="Thái Bình")
    assert (body.name, body.notes) == ("Công an tỉnh Thái Bình", "Dòng một\nDòng hai")


def test_a_search_with_nul_characters_searches_without_them(world, leader):
    response = leader.get(reverse("browse:body-list"), {"q": "b\x00en tre"})

    assert response.status_code == 200
    assert not response.context["filterset"].errors
    assert {body.name for body in response.context["page_obj"]} == {
        "Công an tỉnh Bến Tre",
        "Liên đoàn Lao động tỉnh Bến Tre",
    }
