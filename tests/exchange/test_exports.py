"""Lists downloaded as .xlsx, .csv and .json: the rows the list shows, every page, in its order."""

import codecs
import csv
import datetime
import io
import json
import zipfile
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone, translation
from openpyxl import load_workbook

from agreements.models import Agreement, Body, Conference, ConferenceBody
from agreements.selectors import agreement_list_for
from common.listing import PER_PAGE
from exchange.exports import EXPORTS
from tests.conftest import PERSONAS
from tests.makers import (
    add_authorities,
    make_agreement,
    make_agreement_alias,
    make_agreement_party,
    make_appearance,
    make_award_decision,
    make_award_form,
    make_body,
    make_conference,
    make_conference_body,
    make_conference_extra_kind,
    make_person,
)
from tests.records import in_two_provinces

KINDS = list(EXPORTS)
FORMATS = ["xlsx", "csv", "json"]
LIST_URLS = {
    "agreements": "browse:agreement-list",
    "conferences": "browse:conference-list",
    "bodies": "browse:body-list",
    "people": "browse:person-list",
    "decisions": "browse:decision-list",
}
# Session, user, the provincial leader's access (four queries), the rows and one query per
# relation of the export (its ``related``), whatever the number of rows (SQLite and PostgreSQL alike).
QUERY_BOUND = {"agreements": 9, "conferences": 9, "bodies": 7, "people": 7, "decisions": 8}
# The queries before the rows: session, user and the provincial leader's access.
SETUP_QUERIES = 6


def _url(kind, fmt):
    return reverse("exports:list", args=[kind, fmt])


def _content(response):
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def _table(fmt, response):
    """The rows of a downloaded file as ``[{header or key: value}]``."""
    return _parse(fmt, _content(response))


def _parse(fmt, content):
    if fmt == "json":
        return json.loads(content)
    if fmt == "csv":
        assert content.startswith(codecs.BOM_UTF8)
        header, *rows = csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""))
    else:
        header, *rows = load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]


def _ids(fmt, response):
    return _ids_in(fmt, _content(response))


def _ids_in(fmt, content):
    key = "id" if fmt == "json" else "Record ID"
    return [int(row[key]) for row in _parse(fmt, content)]


@pytest.fixture
def records(world):
    """The lists' records (tests/records.py), a participant that is not a host, and a decision
    in each province."""
    b = world.bodies
    listed = in_two_provinces(world)
    ben_tre, hai_phong = listed.agreements.ben_tre, listed.agreements.hai_phong
    ben_tre_conference, hai_phong_conference = listed.conferences.ben_tre, listed.conferences.hai_phong
    ben_tre_person, hai_phong_person = listed.people.ben_tre, listed.people.hai_phong
    ben_tre.title += ", mẫu của Thái Bình"
    ben_tre.save()
    make_conference_body(conference=hai_phong_conference, body=b.hai_phong_union, role=ConferenceBody.Role.PARTICIPANT)

    ben_tre_decision = make_award_decision(
        form=make_award_form(name="Bằng khen của Bộ trưởng Bộ Công an", rank_order=10),
        number="15/QĐ-CAT",
        decided_on=datetime.date(2020, 1, 8),
        authorities_text="Giám đốc Công an tỉnh Bến Tre",
        total_count=24,
        collective_count=10,
        individual_count=12,
    )
    add_authorities(ben_tre_decision, b.ben_tre_police)
    hai_phong_decision = make_award_decision(
        number="60/QĐ-CAHP", decided_on=datetime.date(2023, 5, 1), conference=hai_phong_conference, total_count=60
    )

    def place(ben_tre, hai_phong, everything=()):
        ben_tre, hai_phong = {r.pk for r in ben_tre}, {r.pk for r in hai_phong}
        return SimpleNamespace(ben_tre=ben_tre, hai_phong=hai_phong, everything=ben_tre | hai_phong | set(everything))

    return SimpleNamespace(
        agreements=place([ben_tre], [hai_phong]),
        conferences=place([ben_tre_conference], [hai_phong_conference]),
        bodies=place(
            [b.ben_tre_police, b.ben_tre_union, b.vinh_long_police],
            [b.hai_phong_police, b.hai_phong_union],
            everything={b.ministry.pk},
        ),
        people=place([ben_tre_person], [hai_phong_person]),
        decisions=place([ben_tre_decision], [hai_phong_decision]),
        agreement=ben_tre,
        decision=ben_tre_decision,
    )


def _make_rows(world, kind, count, start=0):
    """``count`` records of ``kind`` in Bến Tre, each with the related rows its list shows."""
    b = world.bodies
    for i in range(start, start + count):
        day = datetime.date(2015, 1, 1) + datetime.timedelta(days=i)
        if kind == "agreements":
            agreement = make_agreement(number=f"{i:03d}/KH-CAT", signed_on=day, kind=Agreement.Kind.PLAN)
            make_agreement_party(agreement=agreement, body=b.ben_tre_police)
            make_agreement_party(agreement=agreement, body=b.ben_tre_union)
            make_agreement_alias(agreement=agreement)
        elif kind == "conferences":
            conference = make_conference(title=f"Hội nghị {i:03d}", held_on=day, locality=world.localities.ben_tre)
            make_conference_body(conference=conference, body=b.ben_tre_police)
            make_conference_extra_kind(conference=conference)
        elif kind == "bodies":
            make_body(
                name=f"Công an xã {i:03d}",
                sector=world.sectors.police,
                level=Body.Level.GRASSROOTS,
                locality=world.localities.ben_tre,
                parent=b.ben_tre_police,
            )
        elif kind == "people":
            make_appearance(person=make_person(full_name=f"Nguyễn Văn {i:03d}"), body=b.ben_tre_police)
        else:
            decision = make_award_decision(number=f"{i:03d}/QĐ-CAT", decided_on=day)
            add_authorities(decision, b.ben_tre_police, b.ben_tre_union)


# Who gets what


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("persona", PERSONAS)
def test_each_export_holds_the_records_of_the_persona_s_scope(world, records, login, persona, kind):
    url = _url(kind, "csv")
    response = login(world.users[persona]).get(url)
    if persona == "anonymous":
        assert response.status_code == 302
        assert response.url == f"{reverse('login')}?next={url}"
        return
    group = getattr(records, kind)
    expected = {"provincial_leader": group.ben_tre, "other_leader": group.hai_phong}.get(persona, group.everything)
    ids = _ids("csv", response)
    assert sorted(ids) == sorted(expected)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_format_holds_the_same_rows_as_the_list_in_its_order(world, records, login, kind, fmt):
    user = world.users["central_leader"]
    listing = EXPORTS[kind].selector(user, QueryDict())
    assert _ids(fmt, login(user).get(_url(kind, fmt))) == [row.pk for row in listing.queryset]


def test_anonymous_visitors_are_sent_to_log_in_for_every_format(world, login):
    for fmt in FORMATS:
        url = _url("agreements", fmt)
        response = login(None).get(url, {"kind": "plan"})
        assert response.status_code == 302
        assert response.url.startswith(f"{reverse('login')}?next=")


@pytest.mark.parametrize(
    "path",
    ["/exports/things.csv", "/exports/agreements.pdf", "/exports/agreements.xlsx.bak", "/exports/agreements"],
)
def test_an_unknown_list_or_format_is_not_found(world, login, path):
    assert login(world.users["admin"]).get(path).status_code == 404


# Every page, in the list's order, with the list's filters


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_file_holds_every_page_of_the_filtered_list_in_its_order(world, login, fmt):
    _make_rows(world, "agreements", PER_PAGE + 8)
    other = make_agreement(number="999/QC-CAT", kind=Agreement.Kind.REGULATION)
    make_agreement_party(agreement=other, body=world.bodies.ben_tre_police)
    hai_phong = make_agreement(number="998/KH-CAHP", kind=Agreement.Kind.PLAN)
    make_agreement_party(agreement=hai_phong, body=world.bodies.hai_phong_police)
    user = world.users["provincial_leader"]
    client = login(user)
    params = {"kind": "plan", "sort": "signed"}

    shown = []
    for page in (1, 2):
        response = client.get(reverse("browse:agreement-list"), {**params, "page": page})
        shown += [agreement.number for agreement in response.context["page_obj"]]
    listing = agreement_list_for(user, QueryDict("kind=plan&sort=signed"))
    assert shown == [agreement.number for agreement in listing.queryset]
    assert len(shown) == PER_PAGE + 8

    key = "number" if fmt == "json" else "Number"
    response = client.get(_url("agreements", fmt), {**params, "page": 2})
    assert [row[key] for row in _table(fmt, response)] == shown


def test_a_current_province_includes_the_old_provinces_it_absorbed(world, records, login):
    client = login(world.users["admin"])
    for kind in KINDS:
        response = client.get(_url(kind, "csv"), {"province": world.localities.vinh_long.pk})
        assert sorted(_ids("csv", response)) == sorted(getattr(records, kind).ben_tre), kind
    response = client.get(_url("agreements", "json"), {"province": world.localities.hai_phong.pk})
    assert _ids("json", response) == sorted(records.agreements.hai_phong)


def test_filters_by_kind_status_and_search_apply(world, records, login):
    client = login(world.users["admin"])
    assert _ids("csv", client.get(_url("agreements", "csv"), {"kind": "programme"})) == list(
        records.agreements.hai_phong
    )
    assert _ids("xlsx", client.get(_url("agreements", "xlsx"), {"status": "in_force"})) == list(
        records.agreements.ben_tre
    )
    assert _ids("json", client.get(_url("conferences", "json"), {"kind": "signing"})) == list(
        records.conferences.hai_phong
    )
    assert _ids("csv", client.get(_url("people", "csv"), {"q": "tran van ben"})) == list(records.people.ben_tre)
    assert _ids("csv", client.get(_url("decisions", "csv"), {"year": "2023"})) == list(records.decisions.hai_phong)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", KINDS)
def test_nonsense_filters_give_the_unfiltered_list_not_an_error(world, records, login, kind, fmt):
    params = {
        "year": "abc",
        "province": "999999",
        "sector": "x",
        "kind": "nonsense",
        "period": "a-b",
        "body": "'; DROP TABLE",
        "sort": "evil",
        "page": "-3",
    }
    response = login(world.users["admin"]).get(_url(kind, fmt), params)
    assert sorted(_ids(fmt, response)) == sorted(getattr(records, kind).everything)


# What the files look like


def test_the_csv_is_utf8_with_a_bom_that_excel_reads_with_its_diacritics(world, records, login):
    response = login(world.users["admin"]).get(_url("agreements", "csv"), {"status": "in_force"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().strftime("%Y%m%d")
    assert response["Content-Disposition"] == f'attachment; filename="agreements-{today}.csv"'
    content = _content(response)
    assert content[:3] == b"\xef\xbb\xbf"
    header, row = csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""))
    record = dict(zip(header, row, strict=True))
    assert header[:3] == ["Record ID", "Number", "Title / subject"]
    assert record["Number"] == "12/QC-CAT-LĐLĐ"
    assert "Thái Bình" in record["Title / subject"]
    assert record["Parties"] == "Công an tỉnh Bến Tre; Liên đoàn Lao động tỉnh Bến Tre"
    assert record["Also cited as"] == "12/QCPH-CA-LĐLĐ"
    assert record["Signed on"] == "29/08/2018"
    assert record["Period"] == "2018–2028"
    assert record["Status"] == "In force"
    assert record["Link"] == f"http://testserver{records.agreement.get_absolute_url()}"


def test_the_json_is_an_array_of_objects_with_lists_and_iso_dates(world, records, login):
    response = login(world.users["admin"]).get(_url("decisions", "json"), {"sort": "decided"})
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="decisions-')
    content = _content(response)
    assert "Bằng khen của Bộ trưởng Bộ Công an".encode() in content  # not \u escapes
    first, second = json.loads(content)
    assert first == {
        "id": records.decision.pk,
        "decided_on": "2020-01-08",
        "number": "15/QĐ-CAT",
        "form": "Bằng khen của Bộ trưởng Bộ Công an",
        "authorities": ["Công an tỉnh Bến Tre"],
        "authorities_text": "Giám đốc Công an tỉnh Bến Tre",
        "total_count": 24,
        "collective_count": 10,
        "individual_count": 12,
        "revoked_on": None,
        "entry_status": "Submitted",
        "url": f"http://testserver{records.decision.get_absolute_url()}",
    }
    assert second["number"] == "60/QĐ-CAHP"
    assert second["collective_count"] is None


def test_conferences_list_their_hosts_not_their_participants_and_every_kind(world, records, login):
    response = login(world.users["admin"]).get(_url("conferences", "csv"), {"sort": "held"})
    ben_tre, hai_phong = _table("csv", response)
    assert hai_phong["Conference"] == "Hội nghị tổng kết chương trình phối hợp tại Hải Phòng"
    assert hai_phong["Kind"] == "Final review (tổng kết); Signing (ký kết)"
    assert hai_phong["Hosts"] == "Công an thành phố Hải Phòng"
    assert hai_phong["Held on"] == "04/05/2023"
    assert ben_tre["Locality"] == "Tỉnh Bến Tre"
    (people,) = _table("json", login(world.users["admin"]).get(_url("people", "json"), {"q": "tran van ben"}))
    assert people["appearances"] == 1
    assert people["last_seen"] == "2020-01-10"


def test_an_empty_list_downloads_as_a_header_or_an_empty_array(world, login):
    client = login(world.users["provincial_leader"])
    assert json.loads(_content(client.get(_url("agreements", "json")))) == []
    assert _table("csv", client.get(_url("agreements", "csv"))) == []
    assert _table("xlsx", client.get(_url("agreements", "xlsx"))) == []


def test_the_workbook_has_a_bold_frozen_header_real_dates_and_numbers(world, records, login):
    response = login(world.users["admin"]).get(_url("decisions", "xlsx"), {"sort": "decided"})
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    today = timezone.localdate().strftime("%Y%m%d")
    assert response["Content-Disposition"] == f'attachment; filename="decisions-{today}.xlsx"'
    sheet = load_workbook(io.BytesIO(_content(response))).active
    assert sheet.title == "Commendations"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:L3"
    header = [cell.value for cell in sheet[1]]
    assert header[:4] == ["Record ID", "Decided on", "Decision number", "Form"]
    assert all(cell.font.b for cell in sheet[1])
    assert sheet.column_dimensions["D"].width >= 30
    decided = sheet["B2"]
    assert decided.value == datetime.datetime(2020, 1, 8)
    assert decided.number_format == "DD/MM/YYYY"
    row = {name: cell.value for name, cell in zip(header, sheet[2], strict=True)}
    assert row["Record ID"] == records.decision.pk
    assert row["Recipients in all"] == 24
    assert row["Collectives"] == 10
    assert row["Awarding authorities"] == "Công an tỉnh Bến Tre"
    assert row["Revoked on"] is None


def test_text_that_looks_like_a_formula_stays_text(world, login):
    agreement = make_agreement(number='=HYPERLINK("http://evil")', title="-2+3\x0b kế hoạch")
    make_agreement_party(agreement=agreement, body=world.bodies.ben_tre_police)
    client = login(world.users["admin"])
    (row,) = _table("csv", client.get(_url("agreements", "csv")))
    assert row["Number"] == '\'=HYPERLINK("http://evil")'
    assert row["Title / subject"].startswith("'-2+3")
    sheet = load_workbook(io.BytesIO(_content(client.get(_url("agreements", "xlsx"))))).active
    assert sheet["B2"].value == '=HYPERLINK("http://evil")'
    assert sheet["B2"].data_type == "s"
    assert sheet["C2"].value == "-2+3 kế hoạch"  # the control character Excel refuses is dropped
    (record,) = json.loads(_content(client.get(_url("agreements", "json"))))
    assert record["number"] == '=HYPERLINK("http://evil")'


def test_the_workbook_is_streamed_as_a_sound_zip_with_a_filter_over_every_row(world, login):
    _make_rows(world, "agreements", 11)
    response = login(world.users["provincial_leader"]).get(_url("agreements", "xlsx"))
    assert response.streaming
    content = _content(response)
    package = zipfile.ZipFile(io.BytesIO(content))
    assert package.testzip() is None
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet.max_row == 12
    assert sheet.auto_filter.ref == "A1:K12"
    # The range Excel itself names for the filter (openpyxl writes it too).
    assert (
        b"""<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'Agreements'!$A$1:$K$12"""
        in package.read("xl/workbook.xml")
    )


def test_text_with_markup_quotes_and_spaces_is_written_as_typed(world, login):
    number = " 12/KH <A&B> "
    title = "Kế hoạch \"phối hợp\" & 'mẫu' <2024>\nlần 2"
    make_agreement_party(agreement=make_agreement(number=number, title=title), body=world.bodies.ben_tre_police)
    content = _content(login(world.users["admin"]).get(_url("agreements", "xlsx")))
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet["B2"].value == number
    assert sheet["C2"].value == title
    # Excel keeps the spaces around a text only when told to.
    xml = zipfile.ZipFile(io.BytesIO(content)).read("xl/worksheets/sheet1.xml")
    assert b'<t xml:space="preserve"> 12/KH &lt;A&amp;B&gt; </t>' in xml


@pytest.mark.parametrize("language", ["en", "vi"])
def test_names_made_from_the_values_read_are_the_records_own(world, login, language):
    """Rows are read as values, not records: the titles, kinds and localities the export
    makes of them are those the record pages show."""
    dated = make_conference(
        title="", kind=Conference.Kind.SIGNING, held_on=datetime.date(2020, 1, 17), locality=world.localities.ben_tre
    )
    undated = make_conference(title="", kind=Conference.Kind.BRIEFING, held_on=None, held_on_text="Chiều 17-1")
    make_conference_extra_kind(conference=undated, kind=Conference.Kind.SIGNING)
    police = world.bodies.ben_tre_police
    client = login(world.users["admin"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    conferences = {row["id"]: row for row in json.loads(_content(client.get(_url("conferences", "json"))))}
    bodies = {row["id"]: row for row in json.loads(_content(client.get(_url("bodies", "json"))))}
    with translation.override(language):
        assert conferences[dated.pk]["title"] == str(dated)
        assert conferences[undated.pk]["title"] == str(undated)
        assert conferences[undated.pk]["kinds"] == [undated.get_kind_display(), str(Conference.Kind.SIGNING.label)]
        assert conferences[dated.pk]["locality"] == police.locality.name
        assert bodies[police.pk]["locality"] == str(police.locality)
        assert bodies[police.pk]["level"] == police.get_level_display()
    assert "30/06/2025" in bodies[police.pk]["locality"]  # Bến Tre, merged into Vĩnh Long


def test_the_headers_follow_the_interface_language(world, records, login):
    client = login(world.users["admin"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"
    header = next(csv.reader(io.StringIO(_content(client.get(_url("agreements", "csv"))).decode("utf-8-sig"))))
    assert {"Số hiệu", "Các bên ký kết", "Ngày ký", "Giai đoạn"} <= set(header)
    sheet = load_workbook(io.BytesIO(_content(client.get(_url("agreements", "xlsx"))))).active
    assert sheet.title == "Văn bản phối hợp"
    (record,) = json.loads(_content(client.get(_url("agreements", "json"), {"status": "in_force"})))
    assert "number" in record  # JSON keys do not change with the language


# Queries and the buttons


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", KINDS)
def test_the_number_of_queries_does_not_grow_with_the_rows(world, login, django_assert_max_num_queries, kind, fmt):
    client = login(world.users["provincial_leader"])
    made = 0
    for rows in (5, 60):
        _make_rows(world, kind, rows - made, start=made)
        made = rows
        with django_assert_max_num_queries(QUERY_BOUND[kind]):
            response = client.get(_url(kind, fmt))
            content = _content(response)
        assert len(_ids_in(fmt, content)) >= rows


@pytest.mark.parametrize("kind", KINDS)
def test_each_chunk_of_rows_costs_one_query_per_relation(world, login, monkeypatch, django_assert_num_queries, kind):
    monkeypatch.setattr("exchange.exports.CHUNK_SIZE", 4)
    user = world.users["provincial_leader"]
    client = login(user)
    export = EXPORTS[kind]
    made = 0
    for count in (3, 11):
        _make_rows(world, kind, count - made, start=made)
        made = count
        rows = export.queryset(user, QueryDict()).count()
        chunks = -(-rows // 4)
        # The rows in one query, read four at a time; for each four, one query per relation.
        with django_assert_num_queries(SETUP_QUERIES + 1 + chunks * len(export.related)):
            content = _content(client.get(_url(kind, "xlsx")))
        assert len(_ids_in("xlsx", content)) == rows


@pytest.mark.parametrize("fmt", FORMATS)
def test_rows_read_in_several_chunks_keep_their_order_and_their_parties(world, login, monkeypatch, fmt):
    monkeypatch.setattr("exchange.exports.CHUNK_SIZE", 4)
    _make_rows(world, "agreements", 11)
    response = login(world.users["provincial_leader"]).get(_url("agreements", fmt), {"sort": "number"})
    rows = _table(fmt, response)
    number, parties = ("number", "parties") if fmt == "json" else ("Number", "Parties")
    assert [row[number] for row in rows] == [f"{i:03d}/KH-CAT" for i in range(11)]
    expected = ["Công an tỉnh Bến Tre", "Liên đoàn Lao động tỉnh Bến Tre"]
    assert all(row[parties] == (expected if fmt == "json" else "; ".join(expected)) for row in rows)


@pytest.mark.parametrize("kind", KINDS)
def test_each_list_offers_its_downloads_with_its_filters_but_not_the_page(world, records, login, kind):
    response = login(world.users["admin"]).get(reverse(LIST_URLS[kind]), {"q": "bến tre", "page": "1"})
    content = response.content.decode()
    for fmt in FORMATS:
        assert f'href="{_url(kind, fmt)}?q=b%E1%BA%BFn+tre" data-export' in content
    assert "Excel (.xlsx)" in content
    assert 'data-export-busy-text="Preparing the file…"' in content
    assert "js/exports.js" in content
    assert "<script>" not in content  # no inline script under the CSP


def test_the_response_tells_the_page_that_the_download_started(world, login):
    client = login(world.users["admin"])
    for fmt in FORMATS:
        response = client.get(_url("agreements", fmt), {"export_token": "k3x9a"})
        assert response.cookies["export_started"].value == "k3x9a"
        assert response.cookies["export_started"]["samesite"] == "Lax"
    response = client.get(_url("agreements", "csv"), {"export_token": "bad;token"})
    assert "export_started" not in response.cookies
