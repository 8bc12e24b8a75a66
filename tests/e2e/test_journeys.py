"""The main journeys, as people make them, in Chromium against a live server with the demo data."""

import re

import pytest

from agreements.models import Body, Conference
from tests.e2e.conftest import log_in, pick

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_staff_record_the_ben_tre_review_with_a_mistake_a_draft_and_a_submission(page):
    log_in(page, "staff.bentre")
    page.click("nav a[href='/conferences/new/']")

    page.select_option("#id_kind", "interim_review")
    page.fill("#id_title", "Sơ kết quy chế phối hợp năm 2019 (nhập qua trình duyệt)")
    page.fill("#id_held_on", "10-1-2020")
    page.fill("#id_held_on_text", "Sáng 10-1-2020")
    pick(page, "id_hosts", "lien doan lao dong tinh ben tre")
    page.fill("#id_reviewed_period", "năm 2019")

    page.click("#section-agreements [data-formset-add]")
    page.select_option("select[name='agreements-0-role']", "reviewed")
    pick(page, "id_agreements-0-agreement", "an ninh trat tu")

    # Chairs: rows added without reloading the page.
    page.click("#section-people [data-formset-add]")
    page.click("#section-people [data-formset-add]")
    assert page.locator("#section-people [data-formset-row]").count() == 2
    page.select_option("select[name='people-0-role']", "chair")
    pick(page, "id_people-0-person", "pham van ngot")
    page.select_option("select[name='people-0-rank']", "dai_ta")
    page.fill("textarea[name='people-0-positions']", "Phó giám đốc Công an tỉnh")
    pick(page, "id_people-0-body", "cong an tinh ben tre")
    page.fill("input[name='people-1-new_person']", "Trần Trung Hào")
    page.fill("textarea[name='people-1-positions']", "Phó chủ tịch Thường trực Liên đoàn Lao động tỉnh")
    pick(page, "id_people-1-body", "lien doan lao dong tinh ben tre")

    # Figures, one of them mistyped.
    page.click("#section-figures [data-formset-add]")
    page.click("#section-figures [data-formset-add]")
    page.select_option("select[name='figures-0-indicator']", label="Buổi tuyên truyền do công đoàn tổ chức (cuộc)")
    page.fill("input[name='figures-0-value']", "1.291")
    pick(page, "id_figures-0-body", "lien doan lao dong tinh ben tre")
    page.select_option(
        "select[name='figures-1-indicator']", label="Lượt đoàn viên, người lao động dự tuyên truyền (lượt)"
    )
    page.fill("input[name='figures-1-value']", "90.982 lượt")
    pick(page, "id_figures-1-body", "lien doan lao dong tinh ben tre")

    page.click("button[name='action'][value='draft']")

    # The message is next to the field, and everything typed is still there.
    value = page.locator("input[name='figures-1-value']")
    assert "is-invalid" in value.get_attribute("class")
    assert value.input_value() == "90.982 lượt"
    assert page.locator("#id_figures-1-value + .invalid-feedback, #error_1_id_figures-1-value").count() >= 1
    assert page.input_value("input[name='figures-0-value']") == "1.291"
    assert page.input_value("#id_held_on") == "10-1-2020"
    assert page.input_value("input[name='people-1-new_person']") == "Trần Trung Hào"
    assert not Conference.objects.filter(title__contains="nhập qua trình duyệt").exists()

    value.fill("90.982")
    page.click("button[name='action'][value='draft']")
    page.wait_for_url(re.compile(r".*/conferences/\d+/$"))
    conference = Conference.objects.get(title__contains="nhập qua trình duyệt")
    assert conference.entry_status == "draft"

    page.goto(f"{page.base}/conferences/{conference.pk}/edit/")
    assert page.input_value("input[name='figures-1-value']") == "90.982"
    page.click("button[name='action'][value='submit']")
    page.wait_for_url(f"{page.base}/conferences/{conference.pk}/")

    text = page.locator("main").inner_text()
    for expected in ("1.291", "90.982", "Phạm Văn Ngót", "Trần Trung Hào", "10/01/2020", "2019"):
        assert expected in text
    conference.refresh_from_db()
    assert conference.entry_status == "submitted"
    assert sorted(int(f.value) for f in conference.figures.all()) == [1291, 90982]


def test_a_final_review_and_signing_creates_the_successor_agreement_inline(page):
    log_in(page, "staff.bentre")
    page.goto(page.base + "/conferences/new/")
    page.select_option("#id_kind", "final_review")
    page.check("input[name='extra_kinds'][value='signing']")
    page.fill("#id_title", "Tổng kết quy chế và ký kết chương trình mới (Bến Tre)")
    page.fill("#id_held_on", "15/12/2020")
    page.fill("#id_reviewed_period", "giai đoạn 2016 - 2020")

    page.click("#section-agreements [data-formset-add]")
    page.select_option("select[name='agreements-0-role']", "reviewed")
    pick(page, "id_agreements-0-agreement", "an ninh trat tu")
    page.click("#section-agreements [data-formset-add]")
    page.select_option("select[name='agreements-1-role']", "signed")
    row = page.locator("#section-agreements [data-formset-row]").nth(1)
    row.locator("summary").click()
    page.select_option("select[name='agreements-1-new_kind']", "programme")
    page.fill(
        "input[name='agreements-1-new_title']", "Chương trình phối hợp bảo đảm an ninh trật tự giai đoạn 2021-2025"
    )
    page.fill("input[name='agreements-1-new_period']", "2021 - 2025")
    page.check("input[name='agreements-1-new_succeeds_reviewed']")

    page.click("button[name='action'][value='submit']")
    page.wait_for_url(re.compile(r".*/conferences/\d+/$"))
    page.click("main a:has-text('Chương trình phối hợp bảo đảm an ninh trật tự giai đoạn 2021-2025')")
    text = page.locator("main").inner_text()
    assert "2021" in text and "2025" in text
    assert "Quy chế phối hợp trong công tác đảm bảo an ninh trật tự" in text  # the one it supersedes


def test_staff_of_another_province_are_refused_a_ben_tre_edit_page(page):
    conference = Conference.objects.get(title__contains="(Bến Tre)")
    log_in(page, "staff.haiphong")
    page.problems.expect_status(403)
    response = page.goto(f"{page.base}/conferences/{conference.pk}/edit/")
    assert response.status == 403
    assert page.locator("nav").count() == 1  # the refusal is in the app's own layout
    # Reading it is allowed: staff read everything.
    assert page.goto(f"{page.base}/conferences/{conference.pk}/").status == 200


def test_an_administrator_edits_a_body_and_sees_the_change_in_its_history(page):
    body = Body.objects.get(name="Công an tỉnh Bến Tre")
    log_in(page, "admin")
    page.goto(f"{page.base}/admin/agreements/body/{body.pk}/change/")
    page.fill("#id_short_name", "CA Bến Tre")
    page.click("input[name='_save']")
    page.wait_for_url(re.compile(r".*/admin/agreements/body/(\?.*)?$"))
    page.goto(f"{page.base}/admin/agreements/body/{body.pk}/history/")
    text = page.locator("#content").inner_text()
    assert "CA Bến Tre" in text
    assert "admin" in text


def test_the_interface_switches_to_english_and_back(page):
    log_in(page, "staff.bentre")
    assert page.locator("nav").get_by_text("Ghi nhận hội nghị").count() == 1
    page.click("nav button[name='language'][value='en']")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("nav").get_by_text("Record a conference").count() == 1
    page.click("nav button[name='language'][value='vi']")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("nav").get_by_text("Ghi nhận hội nghị").count() == 1


def test_a_leader_reads_the_dashboard_follows_a_number_and_takes_excel_and_word_files(page, tmp_path):
    import docx
    import openpyxl

    from agreements.models import Locality

    log_in(page, "leader")
    assert page.locator("svg.chart").count() == 3  # the charts are drawn
    vinh_long = Locality.objects.get(key="34-tinhvinhlong")
    page.fill("#id_year_from", "2019")
    page.fill("#id_year_to", "2020")
    page.select_option("#id_province", str(vinh_long.pk))
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r".*year_from=2019.*"))
    number = page.locator("a.key-number[href^='/conferences/']")
    assert number.locator(".fs-3").inner_text() == "1"  # the Bến Tre review of 2019, held in 2020

    number.click()
    page.wait_for_url(re.compile(r".*/conferences/\?.*province=.*"))
    assert "Hội nghị sơ kết thực hiện quy chế phối hợp năm 2019 (Bến Tre)" in page.locator("main").inner_text()

    with page.expect_download() as download:
        page.click("a[data-export][href*='.xlsx']")
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.suffix == ".xlsx"
    workbook = openpyxl.load_workbook(saved, read_only=True)
    rows = list(workbook.active.iter_rows(values_only=True))
    assert len(rows) == 2  # the header and the one conference
    assert any("(Bến Tre)" in str(cell) for cell in rows[1])

    page.goto(page.base + "/?year_from=2017&year_to=2024")
    page.click("main a[href^='/reports/summary/']")
    with page.expect_download() as download:
        page.click("main form button[type=submit]")
    assert download.value.suggested_filename.endswith(".docx")
    document = docx.Document(download.value.path())
    text = "\n".join(p.text for p in document.paragraphs)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert "BÁO CÁO" in text


REPORT = """Bến Tre: sơ kết quy chế phối hợp giữa Công an và Công đoàn năm 2020

Sáng 12-1-2021, Công an tỉnh Bến Tre và Liên đoàn Lao động tỉnh Bến Tre tổ chức Hội nghị sơ kết \
thực hiện quy chế phối hợp trong công tác bảo đảm an ninh trật tự năm 2020.

Đại tá Nguyễn Văn Hòa, Phó Giám đốc Công an tỉnh và ông Lê Minh Tâm, Chủ tịch Liên đoàn Lao động \
tỉnh đồng chủ trì hội nghị.

Trong năm 2020, các cấp công đoàn đã tổ chức 842 cuộc tuyên truyền với 61.250 lượt đoàn viên, \
người lao động tham dự.

Dịp này, 15 tập thể, cá nhân được Giám đốc Công an tỉnh tặng Giấy khen vì có thành tích xuất sắc \
trong phong trào "Toàn dân bảo vệ an ninh Tổ quốc".

Lượt xem: 315
"""


def test_staff_paste_a_report_review_the_proposal_and_save_it(page):
    log_in(page, "staff.bentre")
    page.click("nav a[href='/extract/']")
    page.fill("textarea[name='text']", REPORT)
    page.click("button[name='step'][value='extract']")
    assert page.locator("mark").count() >= 5  # the values found, highlighted in the text
    assert page.input_value("#id_held_on") in ("12/01/2021", "12-1-2021", "2021-01-12")

    page.click("button[name='action'][value='submit']")
    page.wait_for_url(re.compile(r".*/conferences/\d+/$"))
    conference = Conference.objects.get(held_on="2021-01-12")
    assert conference.kind == "interim_review"
    assert {a.person.full_name for a in conference.appearances.all()} >= {"Nguyễn Văn Hòa", "Lê Minh Tâm"}
    assert sorted(int(f.value) for f in conference.figures.all()) == [842, 61250]
    assert conference.source is not None and "61.250" in conference.source.text
    text = page.locator("main").inner_text()
    assert "Nguyễn Văn Hòa" in text and "61.250" in text
