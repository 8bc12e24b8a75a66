"""Import a report: paste, check the proposal, save it through the usual entry service."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from agreements.models import (
    Agreement,
    Appearance,
    Conference,
    ConferenceAgreement,
    ReportedFigure,
    Source,
)
from awards.models import AwardDecision
from tests.makers import (
    make_agreement,
    make_agreement_alias,
    make_agreement_party,
    make_conference,
    make_conference_body,
)
from tests.pressimport.conftest import browser_post, report_text

URL = reverse("pressimport:review")
QUANG_NINH_URL = "https://baoquangninh.example.vn/so-ket-chuong-trinh-phoi-hop"


def _paste(client, text, url=""):
    return client.post(URL, {"text": text, "source_url": url, "step": "extract"})


def _saved(response):
    assert response.status_code == 302, response.context and {
        "form": response.context["form"].errors,
        **{name: fs.errors for name, fs in response.context["formsets"].items()},
    }
    return Conference.objects.get(pk=int(response.url.rstrip("/").rsplit("/", 1)[-1]))


def test_staff_paste_a_report_accept_the_proposal_and_every_fact_is_saved(quang_ninh, client):
    client.force_login(quang_ninh["staff"])
    bodies = quang_ninh["bodies"]

    review = _paste(client, report_text("quang_ninh_front.txt"))

    assert review.status_code == 200
    page = review.content.decode()
    assert '<mark class="extract-official" title="Official: Thiếu tướng, Lê Quang Đạo' in page
    assert "style=" not in page.split('id="extract-text"')[1].split("</div>")[0]
    conference = _saved(client.post(URL, browser_post(review)))

    assert conference.kind == Conference.Kind.INTERIM_REVIEW
    assert conference.held_on == datetime.date(2020, 7, 15)
    assert conference.held_on_text == "Sáng 15/7"
    assert conference.place == "Hội trường Công an tỉnh"
    assert conference.locality == quang_ninh["province"]
    assert {link.body for link in conference.body_links.filter(role="host")} == {bodies["police"], bodies["front"]}
    link = conference.agreement_links.get()
    assert link.role == ConferenceAgreement.Role.REVIEWED
    assert link.agreement.number == "05/CTPH-CAT-MTTQ"
    assert link.agreement.signed_on == datetime.date(2017, 9, 5)
    assert {p.body for p in link.agreement.party_links.all()} == {bodies["police"], bodies["front"]}
    people = {a.person.full_name: a for a in conference.appearances.select_related("person", "body")}
    assert set(people) == {"Trần Văn Khánh", "Lê Quang Đạo", "Hoàng Thị Vân"}
    assert people["Lê Quang Đạo"].rank == Appearance.Rank.THIEU_TUONG
    assert people["Lê Quang Đạo"].role == Appearance.Role.CHAIR
    assert people["Lê Quang Đạo"].body == bodies["police"]
    assert people["Hoàng Thị Vân"].honorific == Appearance.Honorific.BA
    assert people["Hoàng Thị Vân"].body == bodies["front"]
    assert people["Trần Văn Khánh"].role == Appearance.Role.GUEST
    assert people["Trần Văn Khánh"].positions == "Phó Chủ tịch UBND tỉnh"
    figures = {(f.value, f.indicator.unit) for f in ReportedFigure.objects.filter(conference=conference)}
    assert figures == {
        (Decimal(2350), "buổi"),
        (Decimal(126000), "lượt"),
        (Decimal(1042), "tin báo"),
        (Decimal(215), "mô hình"),
    }
    assert all(f.period_start == 2020 for f in conference.figures.all())
    decisions = {d.form.short_name: d for d in conference.award_decisions.select_related("form")}
    assert (decisions["Bằng khen"].total_count, decisions["Bằng khen"].collective_count) == (37, 12)
    assert decisions["Bằng khen"].individual_count == 25
    assert list(decisions["Bằng khen"].authorities.all()) == [bodies["people_committee"]]
    assert decisions["Giấy khen"].total_count == 30
    assert decisions["Giấy khen"].authorities_text == "Giám đốc Công an tỉnh"
    assert list(conference.movements.all()) == [quang_ninh["movement"]]
    assert sorted(p.name for p in conference.model_practices.all()) == ["Camera an ninh", "Khu dân cư không tội phạm"]
    source = conference.source
    assert source.url == QUANG_NINH_URL
    assert source.title == "Công an tỉnh và Ủy ban MTTQ tỉnh sơ kết 3 năm thực hiện chương trình phối hợp"
    assert source.text.startswith("Trang chủ > An ninh trật tự\nThứ Năm, 16/07/2020")
    assert source.published_on == datetime.date(2020, 7, 16)
    assert source.entered_by == quang_ninh["staff"]
    assert link.agreement.source == source
    assert all(d.source == source for d in decisions.values())
    assert conference.entry_status == "submitted"


def test_the_header_of_a_pasted_file_becomes_the_source_and_not_text(quang_ninh, client):
    client.force_login(quang_ninh["staff"])

    review = _paste(client, report_text("quang_ninh_front.txt"))

    assert review.context["form"]["source_url"].value() == QUANG_NINH_URL
    assert "SOURCE:" not in review.context["source_text"]


def test_a_report_without_an_address_keeps_its_text_as_the_source(quang_ninh, client):
    client.force_login(quang_ninh["staff"])
    text = report_text("quang_ninh_front.txt").split("\n\n", 1)[1]

    review = _paste(client, text)
    conference = _saved(client.post(URL, browser_post(review, action="draft")))

    assert conference.source.url == ""
    assert conference.source.text == text.strip("\n") or conference.source.text.strip() == text.strip()
    assert conference.source.title == "Trang chủ > An ninh trật tự"
    assert {f.source for f in conference.figures.all()} == {conference.source}
    assert conference.entry_status == "draft"


def test_an_existing_agreement_cited_by_an_alias_is_matched_not_duplicated(quang_ninh, client):
    bodies = quang_ninh["bodies"]
    existing = make_agreement(
        kind=Agreement.Kind.PROGRAMME, number="05/CTPH-CA-MT", title="Chương trình phối hợp vận động quần chúng"
    )
    make_agreement_party(agreement=existing, body=bodies["police"])
    make_agreement_party(agreement=existing, body=bodies["front"])
    make_agreement_alias(agreement=existing, number="05/CTPH-CAT-MTTQ")
    client.force_login(quang_ninh["staff"])

    review = _paste(client, report_text("quang_ninh_front.txt"))

    assert review.context["formsets"]["agreements"].forms[0]["agreement"].value() == existing.pk
    conference = _saved(client.post(URL, browser_post(review)))
    assert Agreement.objects.count() == 1
    assert conference.agreement_links.get().agreement == existing


def test_an_agreement_cited_by_the_start_of_its_number_and_without_tone_marks_is_matched(quang_ninh, client):
    existing = make_agreement(kind=Agreement.Kind.REGULATION, number="17/QCPH-CAT-ĐTN", title="Quy chế phối hợp")
    text = (
        "Sáng 3/6/2022, Công an tỉnh Quảng Ninh tổ chức hội nghị sơ kết thực hiện Quy chế số 17 "
        "giữa Công an tỉnh và Tỉnh đoàn Quảng Ninh. Đại tá Phạm Văn Long, Phó Giám đốc Công an tỉnh chủ trì."
    )
    client.force_login(quang_ninh["staff"])

    review = _paste(client, text)

    assert review.context["formsets"]["agreements"].forms[0]["agreement"].value() == existing.pk


def test_a_conference_already_recorded_on_the_same_day_by_the_same_hosts_is_flagged(quang_ninh, client):
    bodies = quang_ninh["bodies"]
    earlier = make_conference(held_on=datetime.date(2020, 7, 15), title="Sơ kết chương trình phối hợp (đã nhập)")
    make_conference_body(conference=earlier, body=bodies["police"])
    make_conference_body(conference=earlier, body=bodies["front"])
    client.force_login(quang_ninh["staff"])

    review = _paste(client, report_text("quang_ninh_front.txt"))

    assert review.context["duplicates"] == [earlier]
    assert "This conference may already be recorded" in review.content.decode()
    assert earlier.get_absolute_url() in review.content.decode()


def test_a_conference_of_another_day_is_not_flagged(quang_ninh, client):
    other = make_conference(held_on=datetime.date(2021, 7, 15))
    make_conference_body(conference=other, body=quang_ninh["bodies"]["police"])
    make_conference_body(conference=other, body=quang_ninh["bodies"]["front"])
    client.force_login(quang_ninh["staff"])

    review = _paste(client, report_text("quang_ninh_front.txt"))

    assert review.context["duplicates"] == []


def test_low_confidence_values_are_listed_for_the_user_and_not_filled_in(quang_ninh, client):
    text = (
        "Chiều 12/5/2023, Công an tỉnh Quảng Ninh và Ủy ban MTTQ tỉnh tổ chức hội nghị sơ kết chương trình "
        "phối hợp số 08/CTPH năm 2022. Năm qua, hai bên tổ chức 40 buổi tuyên truyền cho 3.500 công nhân "
        "trực thuộc LĐLĐ huyện Vân Đồn."
    )
    client.force_login(quang_ninh["staff"])

    review = _paste(client, text)

    suggestion = next(s for s in review.context["suggestions"] if s[1] == "LĐLĐ huyện Vân Đồn")
    assert suggestion[:3] == ("Body", "LĐLĐ huyện Vân Đồn", "40%")
    page = review.content.decode()
    assert f'id="{suggestion[3]}"' in page
    assert 'class="extract-body extract-uncertain"' in page


def test_an_invalid_correction_keeps_the_review_and_saves_nothing(quang_ninh, client):
    client.force_login(quang_ninh["staff"])
    review = _paste(client, report_text("quang_ninh_front.txt"))

    response = client.post(URL, browser_post(review, **{"reviewed_period": "2023-2019"}))

    assert response.status_code == 200
    assert Conference.objects.count() == 0
    assert Source.objects.count() == 0
    assert response.context["form"].errors["reviewed_period"] == ["The period cannot end before it starts."]
    assert "<mark" in response.content.decode()


def test_a_removed_row_is_not_saved(quang_ninh, client):
    client.force_login(quang_ninh["staff"])
    review = _paste(client, report_text("quang_ninh_front.txt"))

    conference = _saved(client.post(URL, browser_post(review, **{"figures-0-DELETE": "on"})))

    assert conference.figures.count() == 3
    assert not conference.figures.filter(value=2350).exists()


# Bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Paste the text of a report."),
        ("   \n\n  ", "Paste the text of a report."),
        (
            "The police of the province met the labour union on Tuesday to review their cooperation "
            "and signed a new agreement for the next five years.",
            "This text does not look like Vietnamese.",
        ),
        (
            "Dự báo thời tiết ngày mai: khu vực miền Bắc có mưa rào và dông rải rác, nhiệt độ thấp nhất "
            "từ 22 đến 24 độ. Người dân nên mang theo áo mưa khi ra đường.",
            "No agreement, conference, official, commendation or figure was found in this text.",
        ),
    ],
)
def test_unusable_text_gets_a_clear_message_and_nothing_is_saved(quang_ninh, client, text, message):
    client.force_login(quang_ninh["staff"])

    response = _paste(client, text)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Conference.objects.count() == 0
    assert Source.objects.count() == 0


def test_a_text_over_the_limit_is_refused_with_its_length(quang_ninh, client):
    client.force_login(quang_ninh["staff"])

    response = _paste(client, "Hội nghị sơ kết công tác phối hợp. " * 3000)

    assert response.status_code == 200
    assert "The text is too long: paste one report of at most 100.000 characters" in response.content.decode()
    assert "(this one has 105.000)" in response.content.decode()


def test_a_five_megabyte_paste_is_refused_without_an_error_page(quang_ninh, client):
    client.force_login(quang_ninh["staff"])

    response = _paste(client, "Công an tỉnh và Hội Nông dân tỉnh ký kết quy chế phối hợp. " * 90_000)

    assert response.status_code == 413
    assert "The text is too long" in response.content.decode()
    assert Conference.objects.count() == 0


def test_html_pasted_as_text_is_read_without_its_tags(quang_ninh, client):
    client.force_login(quang_ninh["staff"])
    page = (
        "<html><head><script>alert(1)</script><style>p{color:red}</style></head><body>"
        "<p>Sáng 15/7/2020, <b>Công an tỉnh Quảng Ninh</b> và Ủy ban MTTQ tỉnh tổ chức Hội nghị sơ kết "
        "Chương trình phối hợp số 05/CTPH-CAT-MTTQ.</p><p>Thiếu tướng Lê Quang Đạo, Giám đốc Công an tỉnh "
        "chủ trì hội nghị.</p></body></html>"
    )

    review = _paste(client, page)

    assert review.status_code == 200
    assert "<b>" not in review.context["source_text"]
    assert "alert(1)" not in review.context["source_text"]
    assert review.context["source_text"].startswith("Sáng 15/7/2020, Công an tỉnh Quảng Ninh")
    assert review.context["form"]["held_on"].value() == datetime.date(2020, 7, 15)


def test_a_forged_save_without_the_source_text_saves_nothing(quang_ninh, client):
    client.force_login(quang_ninh["staff"])
    review = _paste(client, report_text("quang_ninh_front.txt"))

    response = client.post(URL, browser_post(review, source_text=""), follow=True)

    assert "Paste the text of a report." in response.content.decode()
    assert Conference.objects.count() == 0


# Access ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("staff", 200),
        ("other_staff", 200),
        ("provincial_leader", 403),
        ("other_leader", 403),
        ("central_leader", 403),
        ("admin", 200),
    ],
)
def test_only_those_who_may_enter_open_the_import_page(world, login, persona, status):
    response = login(world.users[persona]).get(URL)

    assert response.status_code == status
    if persona == "anonymous":
        assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["anonymous", "provincial_leader", "central_leader"])
def test_those_who_may_not_enter_cannot_import_either(world, login, persona):
    response = login(world.users[persona]).post(URL, {"text": "Hội nghị sơ kết", "step": "extract"})

    assert response.status_code in (302, 403)
    assert Conference.objects.count() == 0


def test_the_navigation_offers_the_import_to_staff_only(world, login):
    staff_page = login(world.users["staff"]).get(reverse("todo")).content.decode()
    leader_page = login(world.users["central_leader"]).get(reverse("todo")).content.decode()

    assert URL in staff_page
    assert URL not in leader_page


def test_staff_save_only_a_conference_their_body_takes_part_in(world, quang_ninh, client):
    client.force_login(world.users["staff"])  # Công an tỉnh Bến Tre
    review = _paste(client, report_text("quang_ninh_front.txt"))

    response = client.post(URL, browser_post(review))

    assert response.status_code == 200
    assert "Your own body must be among the hosts or the participants." in response.content.decode()
    assert Conference.objects.count() == 0
    assert AwardDecision.objects.count() == 0


# Values one by one, and provenance ---------------------------------------------------------


def test_each_value_is_listed_with_its_confidence_and_a_link_to_where_it_was_read(quang_ninh, client):
    client.force_login(quang_ninh["staff"])

    review = _paste(client, report_text("quang_ninh_front.txt"))

    values = {v.key: v for v in review.context["values"]}
    page = review.content.decode()
    assert {"field:kind", "field:held_on", "field:place", "row:agreements:0", "row:figures:0"} <= set(values)
    held_on = values["field:held_on"]
    assert (held_on.text, held_on.percent) == ("15/07/2020", 70)
    for value in values.values():
        assert f'href="#{value.anchor}"' in page
        assert f'id="{value.anchor}"' in page.split('id="extract-text"')[1].split("</div>")[0]
        assert f'name="accept" value="{value.key}" id=' in page
    figure = values["row:figures:0"]
    assert review.context["source_text"][figure.start :].startswith("2.350 buổi")


def test_values_unticked_are_left_out_when_the_proposal_is_saved(quang_ninh, client):
    client.force_login(quang_ninh["staff"])
    review = _paste(client, report_text("quang_ninh_front.txt"))

    post = browser_post(review, reject=["row:figures:0", "field:place", "model:Camera an ninh", "row:people:0"])
    conference = _saved(client.post(URL, post))

    assert sorted(f.value for f in conference.figures.all()) == [Decimal(215), Decimal(1042), Decimal(126000)]
    assert conference.place == ""
    assert [p.name for p in conference.model_practices.all()] == ["Khu dân cư không tội phạm"]
    assert "Trần Văn Khánh" not in {a.person.full_name for a in conference.appearances.select_related("person")}


def test_an_invalid_save_keeps_the_values_unticked(quang_ninh, client):
    client.force_login(quang_ninh["staff"])
    review = _paste(client, report_text("quang_ninh_front.txt"))

    response = client.post(URL, browser_post(review, reject=["row:figures:1"], reviewed_period="2023-2019"))

    assert response.status_code == 200
    accepted = {v.key: v.accepted for v in response.context["values"]}
    assert accepted["row:figures:1"] is False
    assert accepted["row:figures:0"] is True


def test_the_saved_record_links_to_the_text_as_pasted_and_its_figures_show_their_quotes(quang_ninh, client):
    client.force_login(quang_ninh["staff"])
    review = _paste(client, report_text("quang_ninh_front.txt"))
    conference = _saved(client.post(URL, browser_post(review)))

    record = client.get(conference.get_absolute_url()).content.decode()
    source_url = reverse("pressimport:source-detail", args=[conference.source.pk])
    source_page = client.get(source_url)

    assert source_url in record
    assert "2.350 buổi tuyên truyền" in record.split('id="figures-title"')[1].split("</section>")[0]
    assert source_page.status_code == 200
    text = source_page.content.decode()
    assert QUANG_NINH_URL in text
    assert "Thiếu tướng Lê Quang Đạo, Giám đốc Công an tỉnh" in text
    assert conference.get_absolute_url() in text


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("staff", 200),
        ("other_staff", 200),
        ("provincial_leader", 200),
        ("other_leader", 404),
        ("central_leader", 200),
        ("admin", 200),
    ],
)
def test_the_text_of_a_source_is_shown_to_those_who_may_read_a_record_entered_from_it(world, login, persona, status):
    source = Source.objects.create(url="https://example.vn/bai", title="Bài báo", text="Sáng 10-1-2020, hội nghị…")
    conference = make_conference(locality=world.localities.ben_tre, source=source)
    make_conference_body(conference=conference, body=world.bodies.ben_tre_police)

    response = login(world.users[persona]).get(reverse("pressimport:source-detail", args=[source.pk]))

    assert response.status_code == status
    if status == 200:
        assert "Sáng 10-1-2020, hội nghị…" in response.content.decode()


def test_an_anonymous_visitor_is_sent_to_log_in_for_the_text_of_a_source(world, client):
    source = Source.objects.create(url="https://example.vn/bai", text="Sáng 10-1-2020, …")

    response = client.get(reverse("pressimport:source-detail", args=[source.pk]))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_review_page_speaks_vietnamese_from_the_apps_own_catalogue(quang_ninh, client, settings):
    client.force_login(quang_ninh["staff"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "vi"

    page = _paste(client, report_text("quang_ninh_front.txt")).content.decode()

    assert "Các giá trị đọc được từ bài báo" in page
    assert "Xem trong văn bản" in page
    assert "Values read from the report" not in page


def test_the_title_proposed_leaves_out_the_date_line_the_headline_is_run_into(quang_ninh, client):
    client.force_login(quang_ninh["staff"])
    text = (
        " date 2023-05 Công an tỉnh và Ủy ban MTTQ tỉnh Quảng Ninh sơ kết chương trình phối hợp\n\n"
        "Chiều 12/5, Công an tỉnh Quảng Ninh và Ủy ban MTTQ tỉnh tổ chức hội nghị sơ kết chương trình phối hợp."
    )

    review = _paste(client, text)

    assert review.context["form"]["title"].value() == (
        "Công an tỉnh và Ủy ban MTTQ tỉnh Quảng Ninh sơ kết chương trình phối hợp"
    )
    assert review.context["form"]["held_on"].value() == datetime.date(2023, 5, 12)
