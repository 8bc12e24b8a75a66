"""Reported figures and their distractors as real reports write them. Texts written for the test."""

from pressimport.extraction import extract


def _figures(text):
    return [(f["value"], f["unit"]) for f in extract(text).to_json()["figures"]]


def test_units_qualifiers_and_thousands_dots_are_read():
    text = (
        "Năm qua, hai bên phối hợp tổ chức hơn 1.240 buổi tuyên truyền cho trên 86.500 lượt người; phát gần "
        "3.000 tờ rơi và 120 sổ tay pháp luật."
    )

    assert _figures(text) == [(1240, "buổi"), (86500, "lượt"), (3000, "tờ rơi"), (120, "sổ tay")]
    assert extract(text).to_json()["figures"][0]["text"].startswith("hơn 1.240 buổi")


def test_items_handed_out_and_members_of_teams_are_figures():
    text = (
        "Tại lễ ra mắt, Công đoàn khu công nghiệp tặng 80 bộ quần áo bảo hộ và một tủ sách với 150 đầu sách; "
        "đến nay có 27 tổ CN tự quản với 640 thành viên, thu hút 410 CN tham gia."
    )

    assert _figures(text) == [(80, "bộ"), (150, "đầu sách"), (27, "tổ"), (640, "thành viên"), (410, "CN")]


def test_a_fraction_counts_its_part_and_words_give_thousands():
    text = "Duy trì 64 tủ sách pháp luật ở 41/57 xã, phường; vận động khoảng 126 ngàn lượt hội viên tham gia."

    assert _figures(text) == [(64, "tủ sách"), (41, "xã"), (126000, "lượt")]


def test_a_percentage_of_results_is_a_figure_but_a_share_of_the_economy_is_not():
    text = (
        "Có 92% số hộ ký cam kết không vi phạm pháp luật. Lực lượng lao động đóng góp 58% tổng sản phẩm và hơn "
        "60% thu ngân sách của tỉnh."
    )

    assert _figures(text) == [(92, "%")]


def test_the_size_of_a_population_stated_as_it_is_now_is_not_a_result():
    text = (
        "Hiện cả nước có khoảng 15 triệu đoàn viên công đoàn; toàn tỉnh hiện có gần 400.000 công nhân lao động. "
        "Năm 2023, các cấp công đoàn đã tuyên truyền cho 25.000 công nhân."
    )

    assert _figures(text) == [(25000, "công nhân")]


def test_numbers_of_addresses_and_places_are_not_figures():
    text = (
        "LĐLĐ quận 5 phối hợp Công đoàn phường 12 tổ chức chương trình tại hẻm 42/7 đường Trần Hưng Đạo; "
        "ra quân 15 đợt tuyên truyền."
    )

    assert _figures(text) == [(15, "đợt")]


def test_prices_and_money_per_item_are_not_figures():
    text = (
        "Dịp này, LĐLĐ huyện trao 60 phần quà (mỗi phần 500.000 đồng/phần) cho công nhân; giá điện ở khu trọ là "
        "3.500 đồng/kWh."
    )

    assert _figures(text) == [(60, "phần quà")]


def test_money_in_a_link_to_another_story_is_not_proposed():
    text = (
        "Năm qua, Hội Nông dân tỉnh đã tổ chức 35 buổi tuyên truyền cho hội viên.\n"
        "Hội Nông dân hỗ trợ 2 tỷ đồng cho hội viên khó khăn\n"
        "Công an tỉnh trao 40 suất quà cho học sinh nghèo."
    )

    result = extract(text)

    assert [(f.value, f.unit) for f in result.proposed("figures")] == [(35, "buổi"), (40, "suất quà")]


def test_durations_anniversaries_scope_counts_and_view_counts_are_not_figures():
    text = (
        "Lượt xem: 1.204\nTrong 5 năm qua, nhân kỷ niệm 78 năm Ngày truyền thống, 3 lực lượng ở 12 tỉnh đã "
        "phối hợp chặt chẽ; sơ kết năm năm thực hiện quy chế."
    )

    assert _figures(text) == []
