"""Importing reported figures and award recipients from Excel: template, upload, preview, confirm."""

import datetime
from decimal import Decimal
from io import BytesIO

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from agreements import services as agreement_services
from agreements.models import ConferenceBody, ReportedFigure
from awards import services as award_services
from awards.models import AwardRecipient
from exchange import imports
from tests.makers import (
    add_authorities,
    make_award_decision,
    make_award_form,
    make_award_recipient,
    make_body,
    make_conference,
    make_conference_body,
    make_indicator,
    make_reported_figure,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FIGURE_HEADER = ["Indicator", "Value", "Unit", "Reported by", "Period", "Quote"]
RECIPIENT_HEADER = ["Kind", "Name", "Body"]

SESSIONS = "Buổi tuyên truyền, phổ biến pháp luật cho công nhân lao động"
ATTENDANCES = "Lượt đoàn viên, công nhân lao động được tuyên truyền"
TIPS = "Tin báo có giá trị về an ninh, trật tự"


def xlsx(header, *rows, name="so-lieu-so-ket.xlsx"):
    """An upload holding a workbook whose first sheet has ``header`` then ``rows``."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=XLSX)


def rows_of(content):
    sheets = openpyxl.load_workbook(BytesIO(content))
    return sheets, [list(row) for row in sheets.worksheets[0].iter_rows(values_only=True)]


@pytest.fixture
def indicators(db):
    return {
        "sessions": make_indicator(name=SESSIONS, unit="buổi"),
        "attendances": make_indicator(name=ATTENDANCES, unit="lượt"),
        "tips": make_indicator(name=TIPS, unit="tin"),
    }


@pytest.fixture
def soc_trang_union(world):
    return make_body(
        name="Liên đoàn Lao động tỉnh Sóc Trăng", short_name="LĐLĐ tỉnh Sóc Trăng", sector=world.sectors.union
    )


@pytest.fixture
def conference(world):
    """The 3-year review of the Bến Tre police and union programme 2021-2025, hosted by both."""
    conference = make_conference(
        title="Hội nghị sơ kết 3 năm thực hiện Chương trình phối hợp giai đoạn 2021-2025",
        held_on=datetime.date(2024, 1, 18),
        reviewed_period_start=2021,
        reviewed_period_end=2023,
    )
    make_conference_body(conference=conference, body=world.bodies.ben_tre_police)
    make_conference_body(conference=conference, body=world.bodies.ben_tre_union)
    return conference


@pytest.fixture
def decision(world, conference):
    """Bằng khen of the provincial People's Committee: 2 collectives and 3 individuals."""
    decision = make_award_decision(
        form=make_award_form(name="Bằng khen của Chủ tịch UBND tỉnh"),
        number="125/QĐ-UBND",
        conference=conference,
        total_count=5,
        collective_count=2,
        individual_count=3,
    )
    add_authorities(decision, world.bodies.ben_tre_police)
    return decision


def figures_file(*, bad_value=None):
    """Four figures of the review; with ``bad_value``, row 4 (the third figure) carries it."""
    return xlsx(
        FIGURE_HEADER,
        [SESSIONS, "2.357", "buổi", "Công an tỉnh Bến Tre", None, "tổ chức 2.357 buổi tuyên truyền"],
        [ATTENDANCES, 148605, "lượt", "Liên đoàn Lao động tỉnh Bến Tre", "2021-2023", None],
        [TIPS, bad_value or "1.043", None, "Công an tỉnh Bến Tre", "2023", None],
        [SESSIONS, "12,5", None, "Liên đoàn Lao động tỉnh Bến Tre", 2023, None],
    )


def recipients_file(*rows):
    return xlsx(RECIPIENT_HEADER, *rows, name="danh-sach-khen-thuong.xlsx")


FIVE_RECIPIENTS = (
    ["Tập thể", "Công đoàn các Khu công nghiệp tỉnh Bến Tre", None],
    ["TẬP THỂ", "Phòng An ninh kinh tế, Công an tỉnh Bến Tre", "cong an tinh ben tre"],
    ["Cá nhân", "Trần Thị Mỹ Dung", "Liên đoàn Lao động tỉnh Bến Tre"],
    ["ca nhan", "Lê Văn Thành", None],
    ["Individual", "Nguyễn Hoàng Phúc", None],
)


def upload(client, kind, pk, file):
    """Upload ``file``; returns the preview page's URL (asserting the upload was accepted)."""
    response = client.post(reverse(f"imports:{kind}-upload", args=[pk]), {"file": file})
    assert response.status_code == 302, response.context["form"].errors
    return response.url


def confirm(client, preview_url):
    return client.post(preview_url + "confirm/")


# The template ------------------------------------------------------------------------------


def test_the_figures_template_downloads_and_opens_with_the_expected_header(world, login, conference, indicators):
    client = login(world.users["staff"])

    response = client.get(reverse("imports:figures-template", args=[conference.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    assert f"so-lieu-hoi-nghi-{conference.pk}.xlsx" in response["Content-Disposition"]
    workbook, rows = rows_of(b"".join(response.streaming_content))
    assert rows == [FIGURE_HEADER]
    assert workbook.sheetnames == ["Figures", "Instructions", "Lists"]
    instructions = "\n".join(str(row[0]) for row in workbook["Instructions"].iter_rows(values_only=True) if row[0])
    assert conference.title in instructions
    assert "Empty: 2021–2023" in instructions
    lists = [row[0] for row in workbook["Lists"].iter_rows(values_only=True)]
    assert lists == ["Indicators", SESSIONS, ATTENDANCES, TIPS]
    validations = {str(v.sqref): v for v in workbook["Figures"].data_validations.dataValidation}
    assert validations["A2:A1001"].formula1 == "'Lists'!$A$2:$A$4"
    assert validations["A2:A1001"].showErrorMessage
    assert validations["D2:D1001"].formula1 == "'Lists'!$C$2:$C$3"
    # Value and Period are text cells: Excel keeps "1.291" and "2018-2023" as typed.
    assert [workbook["Figures"].column_dimensions[c].number_format for c in "BE"] == ["@", "@"]


def test_the_recipients_template_offers_the_two_kinds_in_a_drop_down_and_states_the_counts(world, login, decision):
    client = login(world.users["staff"])

    response = client.get(reverse("imports:recipients-template", args=[decision.pk]))

    assert response.status_code == 200
    workbook, rows = rows_of(b"".join(response.streaming_content))
    assert rows == [RECIPIENT_HEADER]
    assert [row[0] for row in workbook["Lists"].iter_rows(values_only=True)] == ["Kinds", "Collective", "Individual"]
    (validation,) = workbook["Recipients"].data_validations.dataValidation
    assert str(validation.sqref) == "A2:A1001"
    instructions = [row[0] for row in workbook["Instructions"].iter_rows(values_only=True)]
    assert "Form of commendation: Bằng khen của Chủ tịch UBND tỉnh" in instructions
    assert any("2 collectives, 3 individuals, 5 recipients in all" in (line or "") for line in instructions)


def test_a_template_downloaded_in_vietnamese_is_read_back_whatever_the_interface_language(
    world, login, conference, indicators, settings
):
    client = login(world.users["staff"])
    settings.LANGUAGE_CODE = "vi"
    response = client.get(reverse("imports:figures-template", args=[conference.pk]))
    workbook, rows = rows_of(b"".join(response.streaming_content))
    assert rows == [["Chỉ tiêu", "Giá trị", "Đơn vị tính", "Đơn vị báo cáo", "Giai đoạn", "Trích dẫn"]]
    sheet = workbook.worksheets[0]
    sheet.append([TIPS, "1.043", "tin", "Công an tỉnh Bến Tre", None, None])
    buffer = BytesIO()
    workbook.save(buffer)

    settings.LANGUAGE_CODE = "en"
    preview_url = upload(client, "figures", conference.pk, SimpleUploadedFile("so-lieu.xlsx", buffer.getvalue()))
    assert confirm(client, preview_url).status_code == 302

    (figure,) = ReportedFigure.objects.all()
    assert (figure.indicator, figure.value) == (indicators["tips"], Decimal("1043"))


# Preview and confirm: figures --------------------------------------------------------------


def test_a_figures_file_with_one_bad_row_saves_nothing_and_the_preview_names_the_row_and_column(
    world, login, conference, indicators
):
    client = login(world.users["staff"])
    preview_url = upload(client, "figures", conference.pk, figures_file(bad_value="khoảng một nghìn"))

    preview = client.get(preview_url)

    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Row 4, column Value: not a number" in page
    assert "4 rows read from “so-lieu-so-ket.xlsx”." in page
    assert "/confirm/" not in page
    assert [row.number for row in preview.context["preview"].rows if row.problems] == [4]
    response = confirm(client, preview_url)
    assert response.status_code == 200
    assert "Nothing was saved." in response.content.decode()
    assert "Row 4, column Value: not a number" in response.content.decode()
    assert not ReportedFigure.objects.exists()


def test_the_corrected_figures_file_saves_every_row_with_its_values(world, login, conference, indicators):
    client = login(world.users["staff"])
    preview_url = upload(client, "figures", conference.pk, figures_file())
    page = client.get(preview_url).content.decode()
    assert "Import 4 rows" in page and "2.357" in page and "148.605" in page

    response = confirm(client, preview_url)

    assert response.status_code == 302
    assert response.url == conference.get_absolute_url()
    assert "4 rows were imported." in client.get(response.url).content.decode()
    saved = [
        (f.indicator.name, f.value, f.body.name, f.period_start, f.period_end, f.source_quote)
        for f in ReportedFigure.objects.order_by("pk")
    ]
    assert saved == [
        (SESSIONS, Decimal("2357"), "Công an tỉnh Bến Tre", 2021, 2023, "tổ chức 2.357 buổi tuyên truyền"),
        (ATTENDANCES, Decimal("148605"), "Liên đoàn Lao động tỉnh Bến Tre", 2021, 2023, ""),
        (TIPS, Decimal("1043"), "Công an tỉnh Bến Tre", 2023, 2023, ""),
        (SESSIONS, Decimal("12.5"), "Liên đoàn Lao động tỉnh Bến Tre", 2023, 2023, ""),
    ]
    figure = ReportedFigure.objects.first()
    assert figure.conference == conference
    assert figure.history.get().history_user == world.users["staff"]
    conference.refresh_from_db()
    assert conference.version == 2
    assert conference.history.first().history_change_reason == "Figures imported from a spreadsheet"


def test_the_uploaded_file_is_removed_once_imported_and_cannot_be_confirmed_twice(
    world, login, conference, indicators, settings
):
    client = login(world.users["staff"])
    preview_url = upload(client, "figures", conference.pk, figures_file())
    folder = settings.MEDIA_ROOT / "imports"
    assert len(list(folder.iterdir())) == 1

    confirm(client, preview_url)
    again = confirm(client, preview_url)

    assert list(folder.iterdir()) == []
    assert again.status_code == 302
    assert again.url == reverse("imports:figures-upload", args=[conference.pk])
    assert ReportedFigure.objects.count() == 4


def test_names_match_ignoring_tone_marks_and_case_and_bodies_also_by_short_name(
    world, login, conference, indicators, soc_trang_union
):
    client = login(world.users["staff"])
    file = xlsx(
        FIGURE_HEADER,
        ["luot doan vien, cong nhan lao dong duoc tuyen truyen", "36.420", "LUOT", "lien doan lao dong tinh ben tre"],
        ["TIN BÁO CÓ GIÁ TRỊ VỀ AN NINH, TRẬT TỰ", 318, "Tin", "ldld tinh soc trang", "năm 2023"],
    )

    confirm(client, upload(client, "figures", conference.pk, file))

    saved = [(f.indicator, f.body, f.value, f.period_start) for f in ReportedFigure.objects.order_by("pk")]
    assert saved == [
        (indicators["attendances"], world.bodies.ben_tre_union, Decimal("36420"), 2021),
        (indicators["tips"], soc_trang_union, Decimal("318"), 2023),
    ]


def test_an_unknown_body_or_indicator_is_a_problem_naming_it(world, login, conference, indicators):
    client = login(world.users["staff"])
    file = xlsx(
        FIGURE_HEADER,
        ["Số vụ tai nạn lao động", 7, None, "Công an tỉnh Bến Tre"],
        [TIPS, 95, None, "Công an tỉnh Trà Vinh"],
    )

    page = client.get(upload(client, "figures", conference.pk, file)).content.decode()

    assert "Row 2, column Indicator: no indicator “Số vụ tai nạn lao động” in the catalogue" in page
    assert "Row 3, column Reported by: no body is called “Công an tỉnh Trà Vinh”" in page


def test_a_body_name_shared_by_two_bodies_asks_for_the_full_name(world, login, conference, indicators):
    make_body(name="Công an huyện Châu Thành", sector=world.sectors.police)
    make_body(name="Công an huyện Châu Thành", sector=world.sectors.police)
    client = login(world.users["staff"])

    page = client.get(
        upload(client, "figures", conference.pk, xlsx(FIGURE_HEADER, [TIPS, 12, None, "cong an huyen chau thanh"]))
    ).content.decode()

    assert "Row 2, column Reported by: “cong an huyen chau thanh” could be any of" in page


def test_wrong_units_periods_and_numbers_are_problems_of_their_cells(world, login, conference, indicators):
    client = login(world.users["staff"])
    file = xlsx(
        FIGURE_HEADER,
        [SESSIONS, 120, "lượt", "Công an tỉnh Bến Tre"],
        [SESSIONS, 120, None, "Công an tỉnh Bến Tre", "2023-2019"],
        [SESSIONS, -4, None, "Công an tỉnh Bến Tre"],
        # What Excel set to English stores when "1.291" (one thousand two hundred ninety-one) is typed.
        [SESSIONS, 1.291, None, "Công an tỉnh Bến Tre"],
        [None, None, None, None, None, "một dòng chỉ có trích dẫn"],
    )

    page = client.get(upload(client, "figures", conference.pk, file)).content.decode()

    assert "Row 2, column Unit: “lượt” is not the unit of this indicator (buổi)" in page
    assert "Row 3, column Period: The period cannot end before it starts." in page
    assert "Row 4, column Value: cannot be negative" in page
    assert "Row 5, column Value: has more than two decimals" in page
    assert "Row 6, column Indicator: empty" in page
    assert "Row 6, column Value: empty" in page
    assert "Row 6, column Reported by: empty" in page


def test_a_figure_given_twice_or_already_recorded_at_the_conference_is_a_problem(world, login, conference, indicators):
    make_reported_figure(
        conference=conference,
        indicator=indicators["tips"],
        body=world.bodies.ben_tre_police,
        period_start=2021,
        period_end=2023,
    )
    client = login(world.users["staff"])
    file = xlsx(
        FIGURE_HEADER,
        [TIPS, 1043, None, "Công an tỉnh Bến Tre"],
        [SESSIONS, 2357, None, "Công an tỉnh Bến Tre", "2023"],
        [SESSIONS, 2400, None, "cong an tinh ben tre", "2023"],
    )

    page = client.get(upload(client, "figures", conference.pk, file)).content.decode()

    assert "Row 2: the conference already has this figure (same indicator, body and period)" in page
    assert "Row 4: repeats row 3" in page


def test_a_missing_column_or_an_empty_sheet_is_a_problem_of_the_file(world, login, conference, indicators):
    client = login(world.users["staff"])

    no_value = client.get(
        upload(client, "figures", conference.pk, xlsx(["Indicator", "Reported by"], [TIPS, "Công an tỉnh Bến Tre"]))
    )
    empty = client.get(upload(client, "figures", conference.pk, xlsx(FIGURE_HEADER)))

    assert "The first row of the sheet has no column “Value”." in no_value.content.decode()
    assert "The sheet has no rows to import below its first row." in empty.content.decode()


def test_the_preview_reads_a_large_file_in_a_fixed_number_of_queries(
    world, login, conference, indicators, django_assert_max_num_queries
):
    bodies = [make_body(name=f"Công đoàn cơ sở Công ty may số {n}", sector=world.sectors.union) for n in range(60)]
    rows = [[SESSIONS, n + 1, None, body.name, str(2000 + n % 20)] for n, body in enumerate(bodies)]
    client = login(world.users["staff"])
    preview_url = upload(client, "figures", conference.pk, xlsx(FIGURE_HEADER, *rows))

    with django_assert_max_num_queries(10):
        response = client.get(preview_url)

    assert response.context["preview"].ok


# Preview and confirm: recipients -----------------------------------------------------------


def test_the_recipients_file_saves_every_named_recipient_with_kind_and_body(world, login, decision):
    client = login(world.users["staff"])

    response = confirm(client, upload(client, "recipients", decision.pk, recipients_file(*FIVE_RECIPIENTS)))

    assert response.status_code == 302
    assert response.url == decision.get_absolute_url()
    saved = [(r.kind, r.name, r.body) for r in AwardRecipient.objects.order_by("pk")]
    assert saved == [
        ("collective", "Công đoàn các Khu công nghiệp tỉnh Bến Tre", None),
        ("collective", "Phòng An ninh kinh tế, Công an tỉnh Bến Tre", world.bodies.ben_tre_police),
        ("individual", "Trần Thị Mỹ Dung", world.bodies.ben_tre_union),
        ("individual", "Lê Văn Thành", None),
        ("individual", "Nguyễn Hoàng Phúc", None),
    ]
    assert all(r.decision == decision for r in AwardRecipient.objects.all())
    assert "5 rows were imported." in client.get(response.url).content.decode()


def test_a_recipients_file_with_one_bad_row_saves_nothing_and_names_the_row_and_column(world, login, decision):
    client = login(world.users["staff"])
    rows = list(FIVE_RECIPIENTS)
    rows[3] = ["Tổ chức", "Lê Văn Thành", "Công an xã Phú Túc"]
    preview_url = upload(client, "recipients", decision.pk, recipients_file(*rows))

    page = client.get(preview_url).content.decode()
    response = confirm(client, preview_url)

    assert "Row 5, column Kind: “Tổ chức” is neither “Collective” nor “Individual”" in page
    assert "Row 5, column Body: no body is called “Công an xã Phú Túc”" in page
    assert response.status_code == 200
    assert not AwardRecipient.objects.exists()


def test_counts_that_disagree_with_the_named_recipients_are_refused(world, login, decision):
    client = login(world.users["staff"])
    extra = ["Tập thể", "Đội Cảnh sát quản lý hành chính về trật tự xã hội", None]
    preview_url = upload(client, "recipients", decision.pk, recipients_file(*FIVE_RECIPIENTS, extra))

    page = client.get(preview_url).content.decode()
    response = confirm(client, preview_url)

    assert "The decision counts 2 collectives but names 3." in page
    assert "The decision counts 5 recipients in all but names 6." in page
    assert "Nothing was saved." in response.content.decode()
    assert not AwardRecipient.objects.exists()


def test_recipients_already_named_count_towards_the_decisions_counts(world, login, decision):
    make_award_recipient(decision=decision, kind="collective", name="Công đoàn các Khu công nghiệp tỉnh Bến Tre")
    client = login(world.users["staff"])

    page = client.get(upload(client, "recipients", decision.pk, recipients_file(*FIVE_RECIPIENTS))).content.decode()

    assert "Row 2: the decision already names this recipient" in page
    assert "The decision counts 2 collectives but names 3." in page


def test_confirming_checks_the_file_again_against_the_decision_as_it_is_then(world, login, decision):
    client = login(world.users["staff"])
    preview_url = upload(client, "recipients", decision.pk, recipients_file(*FIVE_RECIPIENTS))
    assert client.get(preview_url).context["preview"].ok
    # Someone corrects the counts of the decision between the preview and the confirmation.
    decision.collective_count, decision.total_count = 1, 4
    decision.save()

    response = confirm(client, preview_url)

    assert response.status_code == 200
    assert "The decision counts 1 collectives but names 2." in response.content.decode()
    assert not AwardRecipient.objects.exists()


# Uploads that are not workbooks ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "error"),
    [
        ("so-lieu.csv", "Chỉ tiêu;Giá trị\nTin báo;1.043\n".encode(), "Upload an Excel workbook (.xlsx)"),
        ("so-lieu.xlsx", b"PK\x03\x04 not really a zip", "cannot be read as an Excel workbook"),
        ("so-lieu.xlsx", "Chỉ tiêu,Giá trị\n".encode(), "cannot be read as an Excel workbook"),
    ],
)
def test_a_file_that_is_not_an_xlsx_workbook_gives_a_field_error(world, login, conference, name, content, error):
    client = login(world.users["staff"])

    response = client.post(
        reverse("imports:figures-upload", args=[conference.pk]), {"file": SimpleUploadedFile(name, content)}
    )

    assert response.status_code == 200
    assert error in response.context["form"].errors["file"][0]
    assert error in response.content.decode()


def test_an_upload_larger_than_5_mb_gives_a_field_error(world, login, conference):
    client = login(world.users["staff"])
    big = SimpleUploadedFile("so-lieu.xlsx", b"0" * (5 * 1024 * 1024 + 1), content_type=XLSX)

    response = client.post(reverse("imports:figures-upload", args=[conference.pk]), {"file": big})

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == ["The file is larger than 5 MB."]


def test_a_preview_link_that_is_not_the_users_is_sent_back_to_the_upload_page(world, login, conference):
    client = login(world.users["staff"])

    response = client.get(reverse("imports:figures-preview", args=[conference.pk, "0" * 32]))

    assert response.status_code == 302
    assert response.url == reverse("imports:figures-upload", args=[conference.pk])


# A failure while saving --------------------------------------------------------------------


def _failing_after(module, count, error):
    """``module.save_row`` (the app's services write through it) failing after ``count`` rows."""
    calls = []
    save_row = module.save_row

    def failing(row, by):
        if isinstance(row, ReportedFigure | AwardRecipient):
            calls.append(row)
            if len(calls) > count:
                raise error
        return save_row(row, by)

    return failing


def test_a_failure_during_the_save_leaves_nothing_saved(world, login, conference, indicators, monkeypatch):
    client = login(world.users["staff"])
    preview_url = upload(client, "figures", conference.pk, figures_file())
    monkeypatch.setattr(
        agreement_services, "save_row", _failing_after(agreement_services, 2, RuntimeError("the database went away"))
    )

    with pytest.raises(RuntimeError):
        confirm(client, preview_url)

    assert not ReportedFigure.objects.exists()
    conference.refresh_from_db()
    assert conference.version == 1


def test_a_row_refused_by_the_database_rules_during_the_save_leaves_nothing_saved_and_says_so(
    world, login, decision, monkeypatch
):
    client = login(world.users["staff"])
    preview_url = upload(client, "recipients", decision.pk, recipients_file(*FIVE_RECIPIENTS))
    monkeypatch.setattr(
        award_services, "save_row", _failing_after(award_services, 3, ValidationError("Tên người nhận không hợp lệ."))
    )

    response = confirm(client, preview_url)

    assert response.status_code == 200
    assert "Nothing was saved." in response.content.decode()
    assert "Tên người nhận không hợp lệ." in response.content.decode()
    assert not AwardRecipient.objects.exists()


def test_the_services_save_all_rows_or_none_when_called_directly(world, conference, indicators):
    rows = [
        {"indicator": indicators["tips"], "value": Decimal("95"), "body": world.bodies.ben_tre_police, "period": p}
        for p in [(2023, 2023), (2024, 2022)]
    ]

    with pytest.raises(ValidationError):
        imports.figures_import(conference=conference, rows=rows, by=world.users["staff"])

    assert not ReportedFigure.objects.exists()


# Who may import ----------------------------------------------------------------------------

EXPECTED = {
    "anonymous": 302,
    "staff": 200,
    "other_staff": 403,
    "provincial_leader": 403,
    "other_leader": 404,
    "central_leader": 403,
    "admin": 200,
}


@pytest.mark.parametrize("page", ["figures-upload", "figures-template", "recipients-upload", "recipients-template"])
@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_only_those_who_may_edit_the_record_may_import_into_it(world, login, conference, decision, persona, page):
    client = login(world.users[persona])
    target = conference if page.startswith("figures") else decision

    response = client.get(reverse(f"imports:{page}", args=[target.pk]))

    assert response.status_code == EXPECTED[persona]
    if persona == "anonymous":
        assert response.url.startswith(reverse("login"))


def test_the_staff_of_a_participating_body_may_import_and_a_leader_of_the_province_may_not(
    world, login, conference, indicators
):
    ConferenceBody.objects.filter(body=world.bodies.ben_tre_police).update(role=ConferenceBody.Role.PARTICIPANT)
    file = figures_file()

    staff = login(world.users["staff"])
    assert staff.get(reverse("imports:figures-upload", args=[conference.pk])).status_code == 200
    leader = login(world.users["provincial_leader"])
    response = leader.post(reverse("imports:figures-upload", args=[conference.pk]), {"file": file})

    assert response.status_code == 403


@pytest.mark.parametrize(("persona", "status"), [("other_staff", 403), ("other_leader", 404), ("anonymous", 302)])
def test_a_confirmation_by_someone_who_may_not_edit_the_conference_saves_nothing(
    world, login, conference, indicators, persona, status
):
    preview_url = upload(login(world.users["staff"]), "figures", conference.pk, figures_file())

    response = confirm(login(world.users[persona]), preview_url)

    assert response.status_code == status
    assert not ReportedFigure.objects.exists()


def test_the_upload_page_offers_the_template_and_a_file_form_without_inline_scripts(world, login, conference):
    client = login(world.users["staff"])

    page = client.get(reverse("imports:figures-upload", args=[conference.pk])).content.decode()

    assert reverse("imports:figures-template", args=[conference.pk]) in page
    assert 'enctype="multipart/form-data"' in page
    assert "<script>" not in page and "style=" not in page


def test_the_same_rows_confirmed_twice_are_saved_once(world, conference, indicators):
    staff = world.users["staff"]
    tips = {"indicator": indicators["tips"], "value": Decimal("318"), "body": world.bodies.ben_tre_police}
    figures = [{**tips, "period": (2023, 2023)}]
    decision = make_award_decision(conference=conference)
    recipients = [{"kind": "individual", "name": "Võ Thị Kim Ngân", "body": world.bodies.ben_tre_union}]

    imports.figures_import(conference=conference, rows=figures, by=staff)
    imports.recipients_import(decision=decision, rows=recipients, by=staff)
    with pytest.raises(ValidationError, match="already has the figure"):
        imports.figures_import(conference=conference, rows=figures, by=staff)
    with pytest.raises(ValidationError, match="already names “Võ Thị Kim Ngân”"):
        imports.recipients_import(decision=decision, rows=recipients, by=staff)

    assert ReportedFigure.objects.count() == 1
    assert AwardRecipient.objects.count() == 1
