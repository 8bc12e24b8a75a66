"""Commendations as real reports write them. Every text here is written for the test."""

from pressimport.extraction import extract


def _awards(text):
    return [
        (c["form"], c["awarded_by"], c["recipients_count"], c["collective_count"], c["individual_count"])
        for c in extract(text).to_json()["commendations"]
    ]


def test_collectives_and_individuals_in_one_line_are_split():
    text = "Dịp này, 7 tập thể, 15 cá nhân được Giám đốc Công an tỉnh tặng Giấy khen vì có thành tích xuất sắc."

    assert _awards(text) == [("Giấy khen", "Giám đốc Công an tỉnh", 22, 7, 15)]


def test_collectives_and_individuals_in_two_sentences_are_one_award_with_its_split():
    text = (
        "Tại hội nghị, UBND tỉnh tặng Bằng khen cho 4 tập thể có thành tích xuất sắc. "
        "UBND tỉnh cũng tặng Bằng khen cho 9 cá nhân tiêu biểu trong phong trào."
    )

    assert _awards(text) == [("Bằng khen", "UBND tỉnh", 13, 4, 9)]


def test_a_count_without_a_split_is_a_total_only():
    text = "Ban tổ chức đã trao thưởng cho 18 tập thể, cá nhân có thành tích trong phong trào."

    assert _awards(text) == [("other", "Ban tổ chức", 18, None, None)]


def test_a_total_then_its_split_is_read_whole():
    text = (
        "Hội Nông dân tỉnh tặng Giấy khen cho 30 tập thể, cá nhân, trong đó 12 tập thể và 18 cá nhân có thành "
        "tích tiêu biểu."
    )

    assert _awards(text) == [("Giấy khen", "Hội Nông dân tỉnh", 30, 12, 18)]


def test_people_named_by_what_they_are_are_individuals_and_no_collective():
    text = "Hội Liên hiệp Phụ nữ huyện đã tuyên dương 14 nữ tổ trưởng tổ tự quản tiêu biểu."

    assert _awards(text) == [("other", "Hội Liên hiệp Phụ nữ huyện", 14, 0, 14)]


def test_a_form_given_to_one_named_collective_counts_one_and_to_individuals_no_collective():
    text = (
        "Hội Nông dân xã Phước Hưng được nhận bằng khen của Chủ tịch UBND tỉnh cho tập thể có thành tích xuất sắc; "
        "giấy khen của Công an huyện cho cá nhân có thành tích trong công tác tuyên truyền."
    )

    assert _awards(text) == [
        ("Bằng khen", "Chủ tịch UBND tỉnh", 1, 1, 0),
        ("Giấy khen", "Công an huyện", None, 0, None),
    ]


def test_an_award_repeated_in_a_photo_caption_is_counted_once():
    text = (
        "Dịp này, Bộ Công an và UBND tỉnh tặng Bằng khen cho 11 tập thể, cá nhân.\n"
        "Đại tá Lê Văn Hòa trao Bằng khen của Bộ Công an và UBND tỉnh cho các tập thể, cá nhân. Ảnh: T.L\n"
        "Bộ Công an và UBND tỉnh tặng Bằng khen cho 11 tập thể, cá nhân."
    )

    assert _awards(text) == [("Bằng khen", "Bộ Công an và UBND tỉnh", 11, None, None)]


def test_two_authorities_giving_jointly_are_one_awarding_authority():
    text = "Có 26 tập thể, cá nhân được Công an tỉnh và Hội Cựu chiến binh tỉnh tặng Giấy khen."

    assert _awards(text) == [("Giấy khen", "Công an tỉnh và Hội Cựu chiến binh tỉnh", 26, None, None)]


def test_a_number_of_forms_is_the_number_of_recipients():
    text = "Tại hội nghị, Chủ tịch UBND tỉnh đã tặng 9 Bằng khen cho các tập thể, cá nhân."

    assert _awards(text) == [("Bằng khen", "Chủ tịch UBND tỉnh", 9, None, None)]


def test_a_meeting_called_a_commendation_without_an_award_stated_proposes_none():
    text = (
        "Chiều 3.8, Bộ Công an phối hợp Trung ương Đoàn tổ chức hội nghị biểu dương thanh niên tiêu biểu trong "
        "phong trào toàn dân bảo vệ an ninh Tổ quốc."
    )

    assert _awards(text) == []
