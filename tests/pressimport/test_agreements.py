"""Agreements as real reports write them: instruments, roles, numbers. Texts written for the test."""

from pressimport.extraction import extract


def _agreements(text):
    return [
        {k: a[k] for k in ("kind", "number", "role", "signed_on", "period", "parties")}
        for a in extract(text).to_json()["agreements"]
    ]


def test_a_government_decree_reviewed_at_the_meeting_is_its_instrument():
    text = (
        "Sáng 9/11/2021, Bộ Chỉ huy Quân sự tỉnh và Công an tỉnh tổ chức hội nghị sơ kết 5 năm thực hiện "
        "Nghị định 96/2016 của Chính phủ về phối hợp giữa hai lực lượng."
    )

    assert _agreements(text) == [
        {
            "kind": "other",
            "number": "96/2016",
            "role": "reviewed",
            "signed_on": None,
            "period": None,
            "parties": ["Chính phủ"],
        }
    ]
    assert "Chính phủ" in extract(text).to_json()["bodies"]


def test_a_decree_and_a_joint_resolution_cited_as_the_basis_are_referenced_with_their_dates():
    text = (
        "Quy chế phối hợp số 21/QCPH-CA-BĐBP được xây dựng theo Nghị định số 03/2019/NĐ-CP ngày 5.9.2019 của "
        "Chính phủ; hai bên cũng thực hiện nghị quyết liên tịch số 01 giữa Bộ Công an và Trung ương Hội Nông dân "
        "Việt Nam."
    )

    agreements = {a["number"]: a for a in _agreements(text)}

    assert agreements["03/2019/NĐ-CP"]["role"] == "referenced"
    assert agreements["03/2019/NĐ-CP"]["signed_on"] == "2019-09-05"
    assert agreements["01"]["kind"] == "nghị quyết liên tịch"
    assert agreements["01"]["parties"] == ["Bộ Công an", "Trung ương Hội Nông dân Việt Nam"]


def test_a_decree_the_bodies_do_not_carry_out_together_is_not_an_agreement():
    text = "Theo Nghị định 12/2022/NĐ-CP, các doanh nghiệp đã xây dựng nội quy lao động mới."

    assert _agreements(text) == []


def test_a_number_may_hold_a_space_or_end_with_the_name_of_its_zone():
    text = (
        "Chiều 12-5, Công an huyện Cần Giuộc và Ban Quản lý Khu công nghiệp Tân Kim sơ kết Quy chế phối hợp số "
        "118/QC-CA-KCN Tân Kim năm 2022; hai bên cũng sơ kết Kế hoạch số 12 /KH-CAH-KCN ngày 3/2/2021."
    )

    assert [a["number"] for a in _agreements(text)] == ["118/QC-CA-KCN Tân Kim", "12 /KH-CAH-KCN"]


def test_a_programme_carried_out_in_a_report_of_no_review_is_referenced():
    text = (
        "Thực hiện Chương trình phối hợp số 09/CTr-BCA-HND giữa Bộ Công an và Trung ương Hội Nông dân Việt Nam, "
        "năm qua Hội Nông dân tỉnh Bạc Liêu đã tổ chức 40 buổi tuyên truyền."
    )

    assert [(a["number"], a["role"]) for a in _agreements(text)] == [("09/CTr-BCA-HND", "referenced")]


def test_one_meeting_reviews_an_agreement_and_signs_its_successor():
    text = (
        "Sáng 20/4/2024, Công an tỉnh Sơn La và Hội Cựu chiến binh tỉnh tổ chức hội nghị tổng kết Quy chế phối hợp "
        "giai đoạn 2019 - 2023 và ký kết Quy chế phối hợp giai đoạn 2024 - 2028."
    )

    assert [(a["role"], a["period"], a["signed_on"]) for a in _agreements(text)] == [
        ("reviewed", [2019, 2023], None),
        ("signed", [2024, 2028], "2024-04-20"),
    ]


def test_a_signing_written_after_the_programme_is_a_signing():
    text = (
        "Tại buổi gặp mặt, Chương trình phối hợp giai đoạn 2025 - 2030 giữa Công an huyện Mỹ Tú và Huyện đoàn "
        "Mỹ Tú đã được ký kết."
    )

    assert [(a["role"], a["parties"]) for a in _agreements(text)] == [
        ("signed", ["Công an huyện Mỹ Tú", "Huyện đoàn Mỹ Tú"])
    ]


def test_a_plan_drawn_up_by_two_bodies_is_proposed_as_referenced():
    text = (
        "Trên cơ sở đó, Công an tỉnh và Hội Liên hiệp Phụ nữ tỉnh đã xây dựng kế hoạch liên ngành, triển khai tới "
        "cơ sở."
    )

    assert [(a["kind"], a["role"]) for a in _agreements(text)] == [("kế hoạch", "referenced")]


def test_a_teams_own_rules_and_a_companys_pledge_are_not_agreements():
    text = "Tổ tự quản đã có quy chế hoạt động riêng; các doanh nghiệp ký cam kết bảo đảm an ninh trật tự."

    assert _agreements(text) == []


def test_a_headline_that_names_the_agreement_otherwise_adds_no_agreement():
    text = (
        "Công an huyện Tân Uyên và Huyện đoàn triển khai chương trình phối hợp năm 2024\n\n"
        "Sáng 2-3, Công an huyện Tân Uyên và Huyện đoàn Tân Uyên tổ chức hội nghị triển khai Kế hoạch liên tịch "
        "số 07/KHLT-CAH-HĐ về bảo đảm trật tự an toàn giao thông năm 2024."
    )

    assert [(a["kind"], a["number"]) for a in _agreements(text)] == [("kế hoạch", "07/KHLT-CAH-HĐ")]
