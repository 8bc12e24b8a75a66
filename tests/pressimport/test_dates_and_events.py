"""Dates and events as real pages write them: date lines, datelines, day-month forms, and
meetings that are neither reviews nor signings. Every text here is written for the test."""

import pytest

from pressimport.extraction import extract


def _conference(text):
    return extract(text).to_json()["conference"]


def test_a_date_line_with_the_month_gives_the_year_of_a_day_and_month_in_the_body():
    text = (
        " date 2023-11 Sáng 14/11, Hội Cựu chiến binh tỉnh Ninh Thuận phối hợp với Công an tỉnh tổ chức hội nghị "
        "sơ kết chương trình phối hợp."
    )

    conference = _conference(text)

    assert conference["held_on"] == "2023-11-14"
    assert conference["held_on_text"] == "Sáng 14/11"


def test_a_full_date_line_run_into_the_lead_is_not_read_as_text():
    text = (
        " date 2022-05-09 (Báo Tây Ninh) - Chiều 8.5, tại TP Tây Ninh, Hội Nông dân tỉnh và Công an tỉnh tổ chức "
        "tọa đàm về phòng, chống tội phạm ở nông thôn."
    )

    result = extract(text)

    assert result.to_json()["conference"]["held_on"] == "2022-05-08"
    assert any(reason == "date line" for _, _, reason in result.ignored)


def test_a_date_line_later_than_the_event_by_months_does_not_date_it():
    text = (
        " date 2019-06 Ngày 12-2, Bộ Công an và Trung ương Hội Nông dân Việt Nam tổ chức hội nghị sơ kết "
        "chương trình phối hợp."
    )

    conference = _conference(text)

    assert conference["held_on"] is None
    assert conference["held_on_text"] == "Ngày 12-2"


def test_an_event_late_in_the_month_before_the_date_line_takes_its_year():
    text = " date 2021-01 Chiều 29-12, Công an huyện Bảo Lâm và Huyện đoàn tổ chức hội nghị tổng kết năm 2020."

    assert _conference(text)["held_on"] == "2020-12-29"


def test_a_dateline_with_a_time_gives_the_year():
    text = "11/09/2023 - 07:15\n\nTối 10-9, Công an phường Tân An và Hội Phụ nữ phường tổ chức ngày hội an ninh."

    assert _conference(text)["held_on"] == "2023-09-10"


@pytest.mark.parametrize(
    ("event", "kind"),
    [
        ("tổ chức tọa đàm về phòng, chống tín dụng đen", "tọa đàm"),
        ("tổ chức ngày hội “Toàn dân bảo vệ an ninh Tổ quốc” năm 2024", "ngày hội"),
        ("tổ chức hội nghị biểu dương các điển hình tiên tiến", "biểu dương"),
        ("tổ chức hội nghị giao ban công tác phối hợp quý III", "giao ban"),
        ("tổ chức lễ ra mắt mô hình “Camera an ninh”", "ra mắt"),
    ],
)
def test_meetings_that_are_neither_reviews_nor_signings_are_named_by_their_own_kind(event, kind):
    text = f"Sáng 6/4/2024, Công an xã Tân Hòa và Hội Phụ nữ xã {event}."

    assert _conference(text)["kind"] == kind


def test_a_feature_with_no_event_proposes_no_kind_of_meeting():
    text = (
        "Những năm qua, Hội Nông dân huyện Đơn Dương luôn phối hợp chặt chẽ với Công an huyện trong tuyên truyền "
        "pháp luật cho hội viên; nhiều chi hội đã tổ chức tập huấn phòng, chống ma túy."
    )

    conference = _conference(text)

    assert conference["kind"] is None
    assert conference["held_on"] is None


def test_an_anniversary_day_is_not_the_kind_of_the_meeting():
    text = (
        "Sáng 2/8/2024, Tổng Liên đoàn Lao động Việt Nam tổ chức tọa đàm nhân kỷ niệm 19 năm Ngày hội Toàn dân "
        "bảo vệ an ninh Tổ quốc."
    )

    assert _conference(text)["kind"] == "tọa đàm"


def test_a_commendation_meeting_reviews_the_years_it_honours_and_is_placed_in_its_province():
    text = (
        "Chiều 21.9, tại tỉnh Kon Tum, Bộ Công an phối hợp Trung ương Hội Cựu chiến binh Việt Nam tổ chức hội nghị "
        "biểu dương cựu chiến binh tiêu biểu trong phong trào toàn dân bảo vệ an ninh Tổ quốc, giai đoạn 2018 - 2023."
    )

    conference = _conference(text)

    assert conference["kind"] == "biểu dương"
    assert conference["reviewed_period"] == [2018, 2023]
    assert conference["place"] == "tỉnh Kon Tum"


def test_a_place_ends_before_the_occasion_of_the_meeting():
    text = (
        "Tối 18-10, tại Nhà Văn hóa Thanh niên Đà Lạt nhân dịp kỷ niệm ngày thành lập Hội, Thành đoàn Đà Lạt "
        "tổ chức chương trình giao lưu."
    )

    assert _conference(text)["place"] == "Nhà Văn hóa Thanh niên Đà Lạt"
