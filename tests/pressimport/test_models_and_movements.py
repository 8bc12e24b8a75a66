"""Model practices and movements as real reports write them. Every text here is written for the test."""

from pressimport.extraction import extract


def _models(text):
    return extract(text).to_json()["models"]


def test_models_in_quotes_after_mo_hinh_are_read_separated_by_commas_or_va():
    text = (
        "Hai bên nhân rộng các mô hình: “Khu dân cư an toàn”, “Dòng họ không có người vi phạm pháp luật” và "
        "“Cổng trường an ninh”; các diễn đàn “Dân hỏi, công an trả lời” vẫn duy trì."
    )

    assert _models(text) == ["Khu dân cư an toàn", "Dòng họ không có người vi phạm pháp luật", "Cổng trường an ninh"]


def test_models_without_quotes_after_one_mo_hinh_are_read_until_the_sentence_goes_on():
    text = (
        "Hội Phụ nữ xã phối hợp xây dựng mô hình Tổ phụ nữ tự quản đường làng, Camera an ninh và Ngôi nhà "
        "bình yên, góp phần giữ vững an ninh trật tự."
    )

    assert _models(text) == ["Tổ phụ nữ tự quản đường làng", "Camera an ninh", "Ngôi nhà bình yên"]


def test_a_model_in_lower_case_after_mo_hinh_is_read():
    text = "Thông qua mô hình nhóm zalo, công an xã kết nối với người dân trên địa bàn."

    assert _models(text) == ["nhóm zalo"]


def test_practices_named_in_general_are_not_models():
    text = "Hai bên chú trọng nhân rộng các mô hình tự quản về an ninh, trật tự và nhiều mô hình, điển hình tiên tiến."

    assert _models(text) == []


def test_a_self_managed_team_is_a_model_and_its_shorter_names_are_the_same_model():
    text = (
        "Tổ thanh niên tự quản khu phố Bình An được thành lập từ năm 2021. Đến nay, phường đã có 12 tổ thanh niên "
        "tự quản với 180 thành viên; Tổ thanh niên tự quản TP. Dĩ An thường xuyên tuần tra."
    )

    assert _models(text) == ["Tổ thanh niên tự quản khu phố Bình An"]


def test_a_team_leader_is_not_a_team():
    text = "Ban tổ chức biểu dương 8 tổ trưởng tổ tự quản tiêu biểu."

    assert "tổ trưởng tổ tự quản tiêu biểu" not in _models(text)


def test_a_movement_written_with_its_abbreviation_is_one_movement():
    text = (
        "Các cấp Hội đẩy mạnh phong trào Toàn dân bảo vệ ANTQ; phong trào toàn dân bảo vệ an ninh Tổ quốc được "
        "nhân dân hưởng ứng."
    )

    assert extract(text).to_json()["movements"] == ["Toàn dân bảo vệ ANTQ"]
