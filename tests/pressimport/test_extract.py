"""Reading Vietnamese reports: the messy ways real pages write dates, numbers and names."""

import time

import pytest

from pressimport.extraction import ExtractionError, extract
from tests.pressimport.conftest import report_text


def _json(text):
    return extract(text).to_json()


def _figures(text):
    return [(f["value"], f["unit"]) for f in _json(text)["figures"]]


# Dates --------------------------------------------------------------------------------------


def test_a_date_without_a_year_takes_the_year_of_the_dateline():
    text = (
        "Thứ Năm, 16/07/2020 | 09:15\n"
        "Sáng 15/7, Công an tỉnh Lạng Sơn và Hội Nông dân tỉnh tổ chức hội nghị sơ kết quy chế phối hợp."
    )

    conference = _json(text)["conference"]

    assert conference["held_on"] == "2020-07-15"
    assert conference["held_on_text"] == "Sáng 15/7"


def test_an_event_in_december_reported_in_january_is_dated_in_the_year_before():
    text = (
        "Cập nhật: 03/01/2022 08:10\n"
        "Ngày 22.12, Công an huyện Mê Linh và Huyện đoàn Mê Linh tổ chức lễ ký kết quy chế phối hợp "
        "giai đoạn 2022 - 2026."
    )

    conference = _json(text)["conference"]

    assert conference["held_on"] == "2021-12-22"
    assert conference["held_on_text"] == "Ngày 22.12"


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Chiều 10-1-2020", "2020-01-10"),
        ("Sáng 5.9.2019", "2019-09-05"),
        ("Ngày 7 tháng 9 năm 2023", "2023-09-07"),
        ("Sáng nay (2/4/2024)", "2024-04-02"),
    ],
)
def test_dates_written_with_dashes_dots_slashes_and_words_are_read(written, expected):
    text = f"{written}, Công an tỉnh Cà Mau và Hội Cựu chiến binh tỉnh tổ chức hội nghị sơ kết quy chế phối hợp."

    assert _json(text)["conference"]["held_on"] == expected


def test_without_a_dateline_a_date_without_a_year_is_kept_as_written_only():
    text = "Chiều 17-1, Công an tỉnh Yên Bái và Tỉnh đoàn Yên Bái tổ chức hội nghị ký kết quy chế phối hợp."

    conference = _json(text)["conference"]

    assert conference["held_on"] is None
    assert conference["held_on_text"] == "Chiều 17-1"


def test_the_signing_date_of_an_agreement_is_not_the_date_of_the_conference():
    text = (
        "Sáng 20/3/2023, Công an tỉnh Sóc Trăng tổ chức hội nghị tổng kết Quy chế phối hợp số 11/QC-CAT-HND "
        "ngày 5.9.2019 giữa Công an tỉnh và Hội Nông dân tỉnh Sóc Trăng."
    )

    data = _json(text)

    assert data["conference"]["held_on"] == "2023-03-20"
    assert data["agreements"][0]["signed_on"] == "2019-09-05"
    assert data["agreements"][0]["number"] == "11/QC-CAT-HND"


# Numbers ------------------------------------------------------------------------------------


def test_thousands_written_with_dots_and_in_words_are_read():
    text = (
        "Năm 2022, Hội Nông dân tỉnh Bắc Giang cùng Công an tỉnh mở 1.205 buổi tuyên truyền "
        "cho trên 90.640 lượt hội viên; vận động khoảng 126 ngàn lượt người dân tham gia tuần tra; hỗ trợ "
        "1,5 tỷ đồng xây dựng mô hình."
    )

    assert _figures(text) == [(1205, "buổi"), (90640, "lượt"), (126000, "lượt"), (1.5, "tỷ đồng")]


def test_view_counts_dates_periods_and_agreement_numbers_are_not_figures():
    text = (
        "Đăng ngày 18-01-2024 07:29, Lượt xem: 27\n"
        "Chiều 17-1, Công an tỉnh Phú Yên và Hội Cựu chiến binh tỉnh tổ chức hội nghị ký kết Quy chế phối hợp "
        "số 508 giai đoạn 2023-2028 giữa 2 đơn vị, sau 5 năm thực hiện Quyết định số 123/QĐ-UBND.\n"
        "291 lượt xem"
    )

    assert _figures(text) == []


def test_recipients_of_commendations_are_not_figures():
    text = (
        "Hội nghị sơ kết quy chế phối hợp giữa Công an tỉnh Gia Lai và Tỉnh đoàn Gia Lai. "
        "UBND tỉnh tặng Bằng khen cho 8 tập thể và 12 cá nhân; Giám đốc Công an tỉnh tặng Giấy khen cho "
        "25 tập thể, cá nhân."
    )

    data = _json(text)

    assert data["figures"] == []
    assert [
        (c["form"], c["recipients_count"], c["collective_count"], c["individual_count"]) for c in data["commendations"]
    ] == [
        ("Bằng khen", 20, 8, 12),
        ("Giấy khen", 25, None, None),
    ]
    assert data["commendations"][0]["awarded_by"] == "UBND tỉnh"


def test_a_commendation_repeated_in_a_caption_is_one_commendation():
    text = (
        "Tại hội nghị sơ kết, có 15 tập thể, cá nhân được Bộ Công an, UBND tỉnh tặng Bằng khen.\n"
        "Các tập thể, cá nhân được Bộ Công an và UBND tỉnh tặng Bằng khen.\n"
        "Tổ chức 30 buổi tuyên truyền."
    )

    commendations = _json(text)["commendations"]

    assert [(c["form"], c["recipients_count"]) for c in commendations] == [("Bằng khen", 15)]


def test_tasks_for_the_future_are_not_commendations():
    text = (
        "Theo quy chế mới, hằng năm hai bên sẽ xem xét, đề nghị biểu dương các tập thể, cá nhân tiêu biểu "
        "trong phong trào."
    )

    assert _json(text)["commendations"] == []


# Page furniture, captions, repeated leads -------------------------------------------------------


def test_a_repeated_lead_and_captions_do_not_duplicate_facts():
    lead = (
        "Sáng 9/3/2023, Công an tỉnh Hòa Bình và Hội Liên hiệp Phụ nữ tỉnh Hòa Bình tổ chức hội nghị sơ kết "
        "Chương trình phối hợp số 21/CTPH-CAT-HPN; hai bên đã tổ chức 64 buổi tuyên truyền."
    )
    text = f"HBO - {lead}\n\nQuang cảnh hội nghị.\n\nQuang cảnh hội nghị.\n\n{lead}"

    data = _json(text)

    assert len(data["agreements"]) == 1
    assert _figures(text) == [(64, "buổi")]
    assert any(reason == "repeated" for _, _, reason in extract(text).ignored)


def test_links_to_other_stories_after_the_article_are_not_read():
    text = report_text("binh_duong_union.txt")

    data = _json(text)

    assert (500, "phần quà") not in [(f["value"], f["unit"]) for f in data["figures"]]
    assert [a["number"] for a in data["agreements"]] == ["09/QC-CAT-LĐLĐ"]
    assert not any("Tỉnh đoàn" in body for body in data["bodies"])


def test_a_byline_and_photo_credits_are_not_officials():
    text = (
        "Đại tá Đinh Văn Nơi, Giám đốc Công an tỉnh Quảng Ninh và bà Lê Thị Hằng, Chủ tịch Hội LHPN tỉnh "
        "ký kết quy chế phối hợp.\nTin, ảnh: Nguyễn Thanh Tùng\nĐình Hợp"
    )

    assert [o["name"] for o in _json(text)["officials"]] == ["Đinh Văn Nơi", "Lê Thị Hằng"]


# Names --------------------------------------------------------------------------------------


def test_names_written_rank_name_position_and_position_name_are_read():
    text = (
        "Chiều 4/10/2022, Đại tá Nguyễn Văn Thành - Phó Giám đốc Công an tỉnh và Phó Chủ tịch Thường trực "
        "Hội Nông dân tỉnh Trịnh Thị Mai đồng chủ trì hội nghị sơ kết quy chế phối hợp. Dự hội nghị có "
        "Phó Giám đốc Công an tỉnh Bắc Ninh Thượng tá Lê Quốc Bảo; các đồng chí: Thiếu tướng Phạm Thế Tùng, "
        "Ủy viên Ban Thường vụ Tỉnh ủy, Giám đốc Công an tỉnh; Hà Văn Tuấn, Chủ tịch Ủy ban MTTQ tỉnh."
    )

    officials = {o["name"]: o for o in _json(text)["officials"]}

    assert set(officials) == {"Nguyễn Văn Thành", "Trịnh Thị Mai", "Lê Quốc Bảo", "Phạm Thế Tùng", "Hà Văn Tuấn"}
    # One province's police: "Công an tỉnh" is "Công an tỉnh Bắc Ninh", named in full (articles README).
    assert (officials["Nguyễn Văn Thành"]["rank"], officials["Nguyễn Văn Thành"]["body"]) == (
        "Đại tá",
        "Công an tỉnh Bắc Ninh",
    )
    assert officials["Trịnh Thị Mai"]["position"] == "Phó Chủ tịch Thường trực Hội Nông dân tỉnh"
    assert officials["Lê Quốc Bảo"]["rank"] == "Thượng tá"
    assert officials["Lê Quốc Bảo"]["body"] == "Công an tỉnh Bắc Ninh"
    assert officials["Phạm Thế Tùng"]["position"] == "Ủy viên Ban Thường vụ Tỉnh ủy, Giám đốc Công an tỉnh"
    assert officials["Phạm Thế Tùng"]["body"] == "Công an tỉnh Bắc Ninh"
    assert officials["Hà Văn Tuấn"]["body"] == "Ủy ban MTTQ tỉnh"
    assert officials["Nguyễn Văn Thành"]["role"] == "chair"


def test_a_minister_acts_for_the_ministry_and_party_organs_are_not_bodies():
    text = (
        "Tham dự có Đại tướng Lương Văn Cường, Ủy viên Bộ Chính trị, Bí thư Đảng ủy Công an Trung ương, "
        "Bộ trưởng Công an."
    )

    data = _json(text)

    assert data["officials"][0]["body"] == "Bộ Công an"
    assert data["officials"][0]["role"] == "guest"
    assert "Công an Trung ương" not in data["bodies"]


# Bodies and agreements ---------------------------------------------------------------------------


def test_categories_of_bodies_are_not_listed_as_bodies():
    text = (
        "Lực lượng công an nhân dân cùng các cấp công đoàn trong tỉnh làm việc với Công an các huyện, thành phố. "
        "Hội Nông dân tỉnh Tây Ninh tham dự. Công an xã phối hợp tuần tra."
    )

    assert _json(text)["bodies"] == ["Hội Nông dân tỉnh Tây Ninh"]


def test_a_level_written_once_belongs_to_both_bodies():
    text = "Chương trình phối hợp giữa Công an và Hội Nông dân tỉnh được ký kết tại hội nghị."

    assert _json(text)["bodies"] == ["Công an tỉnh", "Hội Nông dân tỉnh"]


def test_roles_of_agreements_reviewed_signed_and_referenced_are_told_apart():
    text = (
        "Sau 4 năm thực hiện Quy chế phối hợp số 15/QC-CAT-TĐ giữa Công an tỉnh Kon Tum và Tỉnh đoàn Kon Tum, "
        "hai bên đã ký kết Quy chế phối hợp giai đoạn 2024-2029. Tại hội nghị, Công an thành phố Kon Tum và "
        "Thành đoàn Kon Tum ký kết Kế hoạch liên ngành thực hiện Quy chế phối hợp số 15/QC-CAT-TĐ."
    )

    agreements = [(a["kind"], a["number"], a["role"], a["period"]) for a in _json(text)["agreements"]]

    assert agreements == [
        ("quy chế", "15/QC-CAT-TĐ", "reviewed", None),
        ("quy chế", None, "signed", [2024, 2029]),
        ("kế hoạch", None, "signed", None),
    ]


def test_a_plan_implementing_an_agreement_cites_it():
    text = (
        "Cuối buổi, hai đơn vị cùng ký Kế hoạch liên ngành để triển khai Quy chế phối hợp số 09 giữa Bộ Công an "
        "và Trung ương Hội Cựu chiến binh Việt Nam."
    )

    agreements = _json(text)["agreements"]

    assert [(a["kind"], a["role"]) for a in agreements] == [("kế hoạch", "signed"), ("quy chế", "referenced")]
    assert agreements[0]["implements"] == "09"
    assert agreements[1]["parties"] == ["Bộ Công an", "Trung ương Hội Cựu chiến binh Việt Nam"]


def test_every_proposed_value_carries_the_span_of_the_text_it_came_from():
    text = report_text("nghe_an_army_youth.txt")
    result = extract(text)
    data = result.to_json()

    for official in data["officials"]:
        start, end = official["span"]
        assert official["name"] in text[start:end]
    for figure in data["figures"]:
        start, end = figure["span"]
        assert text[start:end].replace(".", "").startswith(str(figure["value"])) or str(figure["value"]) in text[
            start:end
        ].replace(".", "").replace("hơn ", "")
    for body, evidence in zip(data["bodies"], data["evidence"]["bodies"], strict=True):
        assert evidence["name"] == body
        assert 0 < evidence["confidence"] <= 1
    held = data["evidence"]["conference"]["held_on"]["span"]
    assert text[held[0] : held[1]] == "Ngày 9/1/2023"


def test_the_movements_and_model_practices_are_read_from_their_quotes():
    text = (
        "Hai bên đẩy mạnh phong trào thi đua “Vì an ninh Tổ quốc”, phong trào toàn dân bảo vệ ANTQ trong "
        "CNVCLĐ; nhân rộng mô hình “Tổ công nhân tự quản”, “Camera an ninh” và tuyên truyền “Văn hóa giao thông”."
    )

    data = _json(text)

    assert data["movements"] == ["Vì an ninh Tổ quốc", "toàn dân bảo vệ ANTQ trong CNVCLĐ"]
    assert data["models"] == ["Tổ công nhân tự quản", "Camera an ninh"]


# Bad input and speed -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty"),
        ("   \n ", "empty"),
        ("The provincial police signed a cooperation agreement with the farmers' association.", "not_vietnamese"),
        ("Hội nghị sơ kết. " * 8000, "too_long"),
    ],
)
def test_unreadable_text_raises_a_clear_error(text, code):
    with pytest.raises(ExtractionError) as error:
        extract(text)

    assert error.value.code == code


def test_a_text_with_nothing_relevant_proposes_nothing():
    result = extract("Giá vàng hôm nay tăng nhẹ, người dân đổ xô đi mua vàng trong ngày vía Thần Tài.")

    assert result.is_empty


def test_reading_a_ten_thousand_character_report_takes_well_under_a_second():
    parts = [report_text(name) for name in ("quang_ninh_front.txt", "binh_duong_union.txt", "ha_tinh_women.txt")]
    text = "\n\n".join(parts * 4)[:10_000]

    started = time.perf_counter()
    extract(text)

    assert time.perf_counter() - started < 0.5


def test_the_longest_text_accepted_is_read_in_about_a_second_at_most():
    sentence = (
        "Năm {n}, Công an huyện phối hợp với Hội Nông dân tỉnh tổ chức {n} buổi tuyên truyền cho {n}.{m} lượt "
        "hội viên; Đại tá Nguyễn Văn An, Giám đốc Công an tỉnh ký Quy chế phối hợp số {n}/QC ngày 1/2/2020.\n"
    )
    text = "".join(sentence.format(n=n, m=str(n % 1000).zfill(3)) for n in range(1000, 1450))[:99_000]

    started = time.perf_counter()
    extract(text)

    assert time.perf_counter() - started < 2.0


# Cases found on reports written blind, before the rules knew them ---------------------------


def test_a_plan_of_one_body_is_left_for_the_user_not_proposed_as_an_agreement():
    text = (
        "Sáng 13/6/2023, Công an tỉnh Điện Biên và Hội Nông dân tỉnh tổ chức hội nghị sơ kết Quy chế phối hợp "
        "số 18/QCPH-CAT-HND. Thực hiện Kế hoạch số 120/KH-UBND ngày 5/5/2021 của UBND tỉnh, hai bên đã cụ thể "
        "hóa quy chế bằng các kế hoạch hằng năm."
    )

    result = extract(text)

    assert [a.number for a in result.proposed("agreements")] == ["18/QCPH-CAT-HND"]
    assert [a.number for a in result.uncertain("agreements")] == ["120/KH-UBND"]


def test_targets_for_the_year_to_come_are_not_reported_figures():
    text = (
        "Chiều 5/3/2025, Công an huyện Mai Châu và Huyện đoàn tổ chức hội nghị triển khai kế hoạch phối hợp. "
        "Năm 2024, hai đơn vị đã tổ chức 18 buổi tuyên truyền. Theo kế hoạch, năm 2025 hai đơn vị sẽ tổ chức "
        "ít nhất 20 buổi tuyên truyền."
    )

    assert _figures(text) == [(18, "buổi")]


def test_a_dateline_opening_the_lead_gives_the_year_and_is_not_read_as_the_event():
    text = (
        "Quảng Bình, ngày 18/10/2024 - Sáng 17/10, Công an tỉnh Quảng Bình và Hội Cựu chiến binh tỉnh tái ký kết "
        "Quy chế phối hợp giai đoạn 2024 - 2029."
    )

    data = _json(text)

    assert data["published_on"] == "2024-10-18"
    assert data["conference"]["held_on"] == "2024-10-17"
    assert data["agreements"][0]["role"] == "signed"
    assert data["agreements"][0]["signed_on"] == "2024-10-17"


def test_a_position_in_brackets_and_a_signing_ceremony_are_read():
    text = (
        "Chiều 26-3-2024, tại Trụ sở Công an thành phố, Công an thành phố Đà Nẵng và Thành đoàn Đà Nẵng tổ chức "
        "lễ ký kết Chương trình phối hợp số 05/CTrPH-CA-TĐ. Đến dự có đồng chí Lê Trung Chinh (Chủ tịch UBND "
        "thành phố)."
    )

    data = _json(text)

    assert [(a["number"], a["role"]) for a in data["agreements"]] == [("05/CTrPH-CA-TĐ", "signed")]
    assert data["officials"][0]["position"] == "Chủ tịch UBND thành phố"
    assert data["conference"]["place"] == "Trụ sở Công an thành phố"
    assert not any(body.lower().startswith("sở") for body in data["bodies"])


def test_recipients_named_by_what_they_are_count_as_individuals():
    text = "Dịp này, Ban Thường vụ Tỉnh đoàn đã trao tặng Bằng khen cho 6 tập thể và 11 đoàn viên thanh niên."

    data = _json(text)

    assert [(c["recipients_count"], c["collective_count"], c["individual_count"]) for c in data["commendations"]] == [
        (17, 6, 11)
    ]
    assert data["figures"] == []


def test_clubs_named_in_quotes_are_model_practices_and_their_counts_are_figures():
    text = "Toàn tỉnh có 95 mô hình “Tổ tự quản về an ninh trật tự”, 42 “Câu lạc bộ nông dân với pháp luật”."

    data = _json(text)

    assert data["models"] == ["Tổ tự quản về an ninh trật tự", "Câu lạc bộ nông dân với pháp luật"]
    assert _figures(text) == [(95, "mô hình"), (42, "câu lạc bộ")]


def test_abbreviated_city_and_ward_bodies_are_read():
    text = (
        "Ngày 19/4/2023, tại Nhà Văn hóa Lao động TP.HCM, Công an TP.HCM và LĐLĐ TP.HCM tổ chức hội nghị tổng "
        "kết. Đ/c Đại úy Phan Văn Bình, Phó Trưởng Công an phường Bến Nghé và Công an phường phối hợp tuần tra."
    )

    data = _json(text)

    # "Công an phường" after "Công an phường Bến Nghé" is that ward's police: one body.
    assert data["bodies"] == ["Công an TP.HCM", "LĐLĐ TP.HCM", "Công an phường Bến Nghé"]
    assert data["conference"]["place"] == "Nhà Văn hóa Lao động TP.HCM"
