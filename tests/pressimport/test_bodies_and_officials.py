"""Bodies and officials as real reports write them. Every text here is written for the test."""

from pressimport.extraction import extract


def _json(text):
    return extract(text).to_json()


def _officials(text):
    return {o["name"]: o for o in _json(text)["officials"]}


# Bodies --------------------------------------------------------------------------------------


def test_districts_and_wards_numbered_rather_than_named_are_bodies():
    text = "Ngày 5/3, LĐLĐ quận 3 phối hợp với Công an phường 7 tổ chức tuyên truyền cho công nhân ở trọ."

    assert _json(text)["bodies"] == ["LĐLĐ quận 3", "Công an phường 7"]


def test_a_city_named_after_tp_is_part_of_the_body_and_not_of_the_person_after_it():
    text = "Chủ tịch Liên đoàn Lao động (LĐLĐ) TP. Bảo Lộc Trần Thị Mơ phát biểu tại buổi gặp mặt."

    data = _json(text)

    assert data["bodies"] == ["Liên đoàn Lao động (LĐLĐ) TP. Bảo Lộc"]
    assert data["officials"][0]["name"] == "Trần Thị Mơ"


def test_organisations_written_in_full_are_bodies():
    text = (
        "Hội Người khuyết tật tỉnh phối hợp với Đài Truyền hình tỉnh và Ban Quản lý các khu công nghiệp tỉnh "
        "tổ chức chương trình; dự có Thiếu tướng Võ Thanh Hải, Cục trưởng Cục Cảnh sát giao thông."
    )

    bodies = _json(text)["bodies"]

    assert "Hội Người khuyết tật tỉnh" in bodies
    assert "Đài Truyền hình tỉnh" in bodies
    assert "Ban Quản lý các khu công nghiệp tỉnh" in bodies
    assert "Cục Cảnh sát giao thông" in bodies


def test_a_police_unit_named_before_its_force_is_one_body():
    text = "Cán bộ Phòng Cảnh sát hình sự Công an tỉnh Sóc Trăng hướng dẫn cách phòng ngừa trộm cắp tài sản."

    assert _json(text)["bodies"] == ["Phòng Cảnh sát hình sự Công an tỉnh Sóc Trăng"]


def test_a_body_written_in_full_and_then_short_is_one_body_named_in_full():
    text = (
        "Sáng 2/6/2023, Công an tỉnh Hậu Giang và Hội Nông dân tỉnh Hậu Giang tổ chức hội nghị sơ kết. "
        "Đại tá Lê Văn Tám, Phó Giám đốc Công an tỉnh chủ trì."
    )

    data = _json(text)

    assert data["bodies"] == ["Công an tỉnh Hậu Giang", "Hội Nông dân tỉnh Hậu Giang"]
    assert data["officials"][0]["body"] == "Công an tỉnh Hậu Giang"


def test_sectors_and_categories_named_as_partners_are_bodies():
    text = "Hội Phụ nữ xã Tân Lập phối hợp cùng UBND và công an các xã thành lập 12 tổ phụ nữ tự quản."

    assert _json(text)["bodies"] == ["Hội Phụ nữ xã Tân Lập", "UBND", "công an các xã"]


def test_a_sector_named_as_a_partner_in_a_report_that_names_the_force_is_that_force():
    text = (
        "Công an huyện Lục Ngạn và Hội Cựu chiến binh huyện ký kết quy chế phối hợp. Năm qua, các chi hội đã "
        "phối hợp với công an tổ chức 40 buổi tuyên truyền."
    )

    assert _json(text)["bodies"] == ["Công an huyện Lục Ngạn", "Hội Cựu chiến binh huyện"]


def test_organisers_written_in_the_plural_are_bodies_but_categories_that_attend_are_not():
    text = (
        "Đoàn thanh niên Bộ Công an và Đoàn thanh niên các tỉnh Tây Nguyên tổ chức hội nghị sơ kết. Dự có lực "
        "lượng công an và các cấp công đoàn, Công an các huyện, thị xã."
    )

    assert _json(text)["bodies"] == ["Đoàn thanh niên Bộ Công an", "Đoàn thanh niên các tỉnh Tây Nguyên"]


def test_the_issuer_of_a_directive_is_not_a_party_to_the_work():
    text = (
        "Hội Cựu chiến binh tỉnh và Công an tỉnh ký kết chương trình phối hợp, thực hiện các chỉ thị, nghị quyết "
        "của Trung ương Hội CCB Việt Nam và Tỉnh ủy."
    )

    assert _json(text)["bodies"] == ["Hội Cựu chiến binh tỉnh", "Công an tỉnh"]


def test_a_party_board_is_named_whole():
    text = "Dự lễ ký kết có lãnh đạo Ban Nội chính và Dân vận Thành ủy, Ủy ban MTTQ Việt Nam thành phố."

    assert _json(text)["bodies"] == ["Ban Nội chính và Dân vận Thành ủy", "Ủy ban MTTQ Việt Nam thành phố"]


# Officials -----------------------------------------------------------------------------------


def test_positions_joined_by_dashes_are_read_whole_and_the_police_post_gives_the_body():
    text = (
        "Chủ trì hội nghị có Thiếu tướng Trần Văn Bình – Ủy viên Ban Thường vụ Tỉnh ủy – Giám đốc Công an tỉnh "
        "Sóc Trăng và chị Lâm Thị Ngọc – Chủ tịch Hội LHPN tỉnh."
    )

    officials = _officials(text)

    assert officials["Trần Văn Bình"]["position"] == "Ủy viên Ban Thường vụ Tỉnh ủy, Giám đốc Công an tỉnh Sóc Trăng"
    assert officials["Trần Văn Bình"]["body"] == "Công an tỉnh Sóc Trăng"
    assert officials["Lâm Thị Ngọc"]["body"] == "Hội LHPN tỉnh"
    assert officials["Lâm Thị Ngọc"]["honorific"] == "chị"


def test_a_position_ends_before_the_verb_of_the_sentence():
    text = "Đồng chí Huỳnh Văn Sang, Phó Chủ tịch UBND huyện Châu Thành dự và phát biểu chỉ đạo hội nghị."

    assert _officials(text)["Huỳnh Văn Sang"]["position"] == "Phó Chủ tịch UBND huyện Châu Thành"


def test_several_titles_before_a_name_are_all_read_and_the_body_is_the_one_the_report_is_about():
    text = (
        "Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh, Chủ tịch Hội Nông dân tỉnh Đinh Thị Hoa nhấn mạnh vai trò của "
        "hội viên; Hội Nông dân tỉnh sẽ cùng công an tuyên truyền."
    )

    official = _officials(text)["Đinh Thị Hoa"]

    assert official["position"] == "Phó Chủ tịch Ủy ban MTTQ Việt Nam tỉnh, Chủ tịch Hội Nông dân tỉnh"
    assert official["body"] == "Hội Nông dân tỉnh"


def test_several_names_after_one_shared_title_are_each_an_official():
    text = "Dự hội nghị có các Phó Chủ tịch UBND tỉnh Nguyễn Văn Hùng và Trần Thị Thu."

    officials = _officials(text)

    assert set(officials) == {"Nguyễn Văn Hùng", "Trần Thị Thu"}
    assert {o["position"] for o in officials.values()} == {"Phó Chủ tịch UBND tỉnh"}


def test_a_person_written_twice_with_the_rank_in_lower_case_is_one_official():
    text = (
        "Thiếu tướng Trần Văn Bình, Giám đốc Công an tỉnh Sóc Trăng chủ trì hội nghị. Phát biểu kết luận, "
        "thiếu tướng Trần Văn Bình, Giám đốc Công an tỉnh, Trưởng ban Chỉ đạo phong trào của tỉnh yêu cầu các "
        "đơn vị nhân rộng mô hình."
    )

    data = _json(text)

    assert [(o["name"], o["rank"]) for o in data["officials"]] == [("Trần Văn Bình", "Thiếu tướng")]


def test_a_party_secretary_of_a_commune_acts_for_its_party_committee():
    text = "Chứng kiến lễ ký có đồng chí Đỗ Văn Quý – Bí thư Đảng ủy xã."

    official = _officials(text)["Đỗ Văn Quý"]

    assert official["body"] == "Đảng ủy xã"
    assert "Đảng ủy xã" in _json(text)["bodies"]


def test_a_named_landlord_without_a_position_is_not_proposed_as_an_official():
    text = (
        "Tổ tự quản được thành lập tại khu trọ của gia đình ông Phạm Văn Bảy. Chị Lê Thị Hồng, Chủ tịch Công đoàn "
        "cơ sở Công ty Hòa Bình cho biết tổ có 25 thành viên."
    )

    result = extract(text)

    assert [o.name for o in result.proposed("officials")] == ["Lê Thị Hồng"]
    assert [o.name for o in result.uncertain("officials")] == ["Phạm Văn Bảy"]


def test_those_present_at_an_event_of_any_kind_are_guests():
    text = "Dự ngày hội có Đại tá Trần Văn Lực, Phó Giám đốc Công an tỉnh Trà Vinh."

    assert _officials(text)["Trần Văn Lực"]["role"] == "guest"


def test_a_position_before_a_comma_and_a_rank_belongs_to_the_person_after_it():
    text = (
        "Chủ tịch Ủy ban MTTQ Việt Nam tỉnh Nguyễn Thị Dung và Giám đốc Công an tỉnh, Đại tá Lê Văn Em đồng chủ trì; "
        "phát biểu tại buổi lễ, Chủ tịch UBND thị xã Ba Đồn Nguyễn Văn Hải đánh giá cao kết quả."
    )

    officials = _officials(text)

    assert (officials["Lê Văn Em"]["rank"], officials["Lê Văn Em"]["position"]) == ("Đại tá", "Giám đốc Công an tỉnh")
    assert officials["Nguyễn Văn Hải"]["body"] == "UBND thị xã Ba Đồn"
