"""Importing a press report in Chromium: paste, check the values read, correct at most two, save.

The report is a kind the seed reports do not have (a "ngày hội" held by the Front and the
police, dated by a ``date YYYY-MM`` line); its text is written for this test.
"""

import re

import pytest

from agreements.models import Conference
from tests.e2e.conftest import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REPORT = """ date 2024-08 Ngày hội “Toàn dân bảo vệ an ninh Tổ quốc” ở xã Phú Túc

(BĐK) - Sáng 16/8, tại Trường Tiểu học Phú Túc, Ủy ban MTTQ tỉnh Bến Tre phối hợp với Công an tỉnh Bến Tre tổ \
chức ngày hội “Toàn dân bảo vệ an ninh Tổ quốc” năm 2024 tại xã Phú Túc, huyện Châu Thành.

Dự ngày hội có Đại tá Nguyễn Văn Mười, Phó Giám đốc Công an tỉnh và bà Lê Thị Kim Hoa, Phó Chủ tịch Ủy ban MTTQ \
tỉnh Bến Tre.

Năm qua, nhân dân trong xã đã cung cấp cho công an 57 tin báo về tội phạm; lực lượng dân phòng tổ chức 124 cuộc \
tuần tra đêm. Xã duy trì mô hình Camera an ninh với 86 camera ở các tuyến đường liên ấp.

Dịp này, Giám đốc Công an tỉnh tặng Giấy khen cho 4 tập thể và 7 cá nhân có thành tích xuất sắc trong phong trào \
toàn dân bảo vệ an ninh Tổ quốc.
"""
ADDRESS = "https://baodongkhoi.example.vn/ngay-hoi-toan-dan-bao-ve-an-ninh-to-quoc-phu-tuc"


def test_staff_import_a_festival_report_accept_it_with_two_corrections_and_read_its_provenance(page):
    log_in(page, "staff.bentre")
    page.click("nav a[href='/extract/']")
    page.fill("textarea[name='text']", REPORT)
    page.fill("input[name='source_url']", ADDRESS)
    page.click("button[name='step'][value='extract']")

    # Every value read is listed with its confidence and a link to where it stands.
    values = page.locator("#extract-values tbody tr")
    assert values.count() >= 10
    assert page.locator("#extract-values").get_by_text("16/08/2024").count() == 1
    page.locator("#extract-values tr", has_text="57 tin báo").get_by_role("link").click()
    assert page.evaluate("location.hash").startswith("#at-")
    assert page.locator(":target").inner_text().startswith("57 tin báo")
    # The form is as wide as the page: its drop-downs are readable, not cut to a few letters.
    assert page.locator("#id_kind").bounding_box()["width"] > 200
    assert page.input_value("#id_kind") == "other"
    assert page.input_value("#id_held_on") in ("16/08/2024", "16-08-2024")

    # Two corrections: the camera count is not a result of the cooperation, and the title is shortened.
    page.locator("#extract-values tr", has_text="86 camera").locator("input[name='accept']").uncheck()
    page.fill("#id_title", "Ngày hội Toàn dân bảo vệ an ninh Tổ quốc xã Phú Túc năm 2024")
    page.click("button[name='action'][value='submit']")
    page.wait_for_url(re.compile(r".*/conferences/\d+/$"))

    conference = Conference.objects.get(title__contains="xã Phú Túc năm 2024")
    assert conference.kind == Conference.Kind.OTHER
    assert str(conference.held_on) == "2024-08-16"
    assert conference.place == "Trường Tiểu học Phú Túc"
    assert sorted(int(f.value) for f in conference.figures.all()) == [57, 124]
    main = page.locator("main").inner_text()
    for expected in ("Nguyễn Văn Mười", "Lê Thị Kim Hoa", "16/08/2024", "124 cuộc tuần tra đêm", "Camera an ninh"):
        assert expected in main
    assert "86 camera" not in main

    # The record keeps the text as pasted and its address.
    page.click("main a.source-text-link")
    stored = page.locator("#source-text").inner_text()
    assert stored.startswith(" date 2024-08 Ngày hội")  # as pasted, to the leading space
    assert "Sáng 16/8, tại Trường Tiểu học Phú Túc" in stored
    assert page.locator("#source-url").get_attribute("href") == ADDRESS
