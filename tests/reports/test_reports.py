import datetime
import io
import re
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from docx import Document
from docx.shared import Pt

from agreements.models import Locality, Sector
from dashboard.selectors import Filters, dashboard
from reports.summary import CONTENT_TYPE, TEMPLATE_PATH, summary_report
from tests.makers import (
    add_authorities,
    make_agreement,
    make_agreement_party,
    make_award_decision,
    make_conference,
    make_conference_agreement,
    make_conference_body,
    make_indicator,
    make_reported_figure,
    make_user,
)

SUMMARY = reverse("reports:summary")
DOCX = reverse("reports:summary-docx")
BEN_TRE_SHORTCOMINGS = "Một số doanh nghiệp chưa tập trung tuyên truyền, giáo dục pháp luật"
BEN_TRE_CONFERENCE = "Hội nghị sơ kết thực hiện quy chế phối hợp năm 2019 (Bến Tre)"


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _user(name):
    return get_user_model().objects.get(username=name)


def _current(short_name):
    return Locality.objects.get(short_name=short_name, valid_to__isnull=True, level=Locality.Level.PROVINCE)


def _download(client, user, **params):
    client.force_login(user)
    response = client.get(DOCX, params)
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPE
    return response, Document(io.BytesIO(response.content))


def _rows(table):
    return [[cell.text for cell in row.cells] for row in table.rows]


def _table(document, caption_start):
    """The table that follows the caption paragraph starting with ``caption_start`` (without "Bảng n.")."""
    body = list(document.element.body.iterchildren())
    for index, element in enumerate(body):
        text = "".join(element.itertext())
        if element.tag.endswith("}p") and re.sub(r"^Bảng \d+\. ", "", text).startswith(caption_start):
            following = body[index + 1]
            return next(t for t in document.tables if t._tbl is following)
    return None


def _section(document, start, end):
    """The text of the paragraphs between the headings ``start`` and ``end``."""
    texts = [p.text for p in document.paragraphs]
    return texts[texts.index(start) + 1 : texts.index(end)]


def _runs(paragraph):
    return [run for run in paragraph.runs if run.text]


# The document -------------------------------------------------------------------------------


def test_the_report_is_a_docx_attachment_named_after_its_years(demo, client):
    response, _ = _download(client, _user("leader"), year_from=2020, year_to=2024)
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-phoi-hop-2020-2024.docx"'


def test_the_report_has_the_header_of_a_vietnamese_administrative_document(demo, client):
    _, document = _download(client, _user("leader"), year_from=2017, year_to=2024)
    left, right = document.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs] == ["BỘ CÔNG AN", "Số:        /BC-BCA"]
    assert _runs(left.paragraphs[0])[0].bold
    national, motto, place = right.paragraphs
    assert national.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and _runs(national)[0].bold
    assert motto.text == "Độc lập - Tự do - Hạnh phúc"
    assert _runs(motto)[0].bold and _runs(motto)[0].underline
    today = timezone.localdate()
    month = f"{today.month:02d}" if today.month < 3 else str(today.month)
    assert place.text == f"Hà Nội, ngày {today.day:02d} tháng {month} năm {today.year}"
    assert _runs(place)[0].italic
    texts = [p.text for p in document.paragraphs]
    assert texts[:2] == ["BÁO CÁO", "Kết quả thực hiện công tác phối hợp giai đoạn 2017–2024"]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["I. Kết quả", "II. Hạn chế", "III. Phương hướng"]
    signature = document.tables[-1].rows[0].cells[1]
    assert signature.paragraphs[0].text == "NGƯỜI LẬP BÁO CÁO"


def test_a_provincial_body_and_its_parent_head_the_report_with_its_place(demo, client):
    _, document = _download(client, _user("leader.bentre"), year_from=2017, year_to=2024)
    left, right = document.tables[0].rows[0].cells
    assert [p.text for p in left.paragraphs] == ["BỘ CÔNG AN", "CÔNG AN TỈNH BẾN TRE", "Số:        /BC-CATBT"]
    assert right.paragraphs[2].text.startswith("Bến Tre, ngày ")


def test_an_administrator_reports_in_the_name_of_the_registry(demo, client):
    _, document = _download(client, _user("admin"), year_from=2017, year_to=2024)
    left = document.tables[0].rows[0].cells[0]
    assert left.paragraphs[0].text == "CƠ SỞ DỮ LIỆU CÔNG TÁC PHỐI HỢP"
    assert document.tables[0].rows[0].cells[1].paragraphs[2].text.startswith("Hà Nội, ngày ")


def test_the_figures_table_holds_the_demo_figures_with_dots_and_totals(demo, client):
    _, document = _download(client, _user("leader"), year_from=2017, year_to=2024)
    rows = _rows(_table(document, "Số liệu báo cáo theo chỉ tiêu"))
    assert rows[0] == ["STT", "Chỉ tiêu", "Đơn vị tính", "Năm 2019", "Tổng cộng"]
    by_name = {row[1]: row for row in rows[1:]}
    assert by_name["Lượt đoàn viên, người lao động dự tuyên truyền"][2:] == ["lượt", "90.982", "90.982"]
    assert by_name["Buổi tuyên truyền do công đoàn tổ chức"][-1] == "1.291"


def test_the_commendations_table_holds_the_demo_forms_with_decisions_recipients_and_totals(demo, client):
    _, document = _download(client, _user("leader"), year_from=2017, year_to=2024)
    rows = _rows(_table(document, "Khen thưởng theo hình thức"))
    assert rows[0] == ["STT", "Hình thức khen thưởng", "Số quyết định", "Số tập thể, cá nhân"]
    assert rows[1][1].startswith("Bằng khen") and rows[1][2:] == ["1", "24"]
    assert rows[2][1] == "Giấy khen" and rows[2][2:] == ["1", "60"]
    assert rows[-1] == ["", "Tổng cộng", "2", "84"]


def test_the_conferences_of_the_period_are_listed_with_their_dates_and_kinds(demo, client):
    _, document = _download(client, _user("leader"), year_from=2017, year_to=2024)
    rows = _rows(_table(document, "Hội nghị đã tổ chức"))
    assert rows[0] == ["STT", "Thời gian", "Hội nghị", "Hình thức"]
    assert ["2", "10/01/2020", BEN_TRE_CONFERENCE, "Sơ kết"] in rows
    # Undated: the year of the period it reviewed; a final review that was also a signing.
    assert rows[1][1] == "năm 2018" and rows[1][3] == "Tổng kết, ký kết"
    assert len(rows) == 1 + 3


def test_section_two_holds_the_ben_tre_shortcomings_attributed_to_its_conference(demo, client):
    _, document = _download(client, _user("leader"), year_from=2017, year_to=2024)
    shortcomings = _section(document, "II. Hạn chế", "III. Phương hướng")
    position = shortcomings.index(f"{BEN_TRE_CONFERENCE}, ngày 10/01/2020:")
    assert shortcomings[position + 1].startswith(BEN_TRE_SHORTCOMINGS)
    directions = _section(
        document, "III. Phương hướng", "Trên đây là báo cáo kết quả thực hiện công tác phối hợp giai đoạn 2017–2024./."
    )
    assert any(text.startswith("Năm 2020 tiếp tục thực hiện quy chế") for text in directions)
    assert "Giải pháp: Cùng công đoàn cơ sở theo dõi sát tâm tư người lao động." in directions


def test_the_document_is_set_in_times_new_roman_on_a4_with_the_decree_margins(demo, client):
    _, document = _download(client, _user("leader"), year_from=2017, year_to=2024)
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [
        round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    ] == [20, 20, 30, 20]
    normal = document.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(14)
    assert document.core_properties.language == "vi-VN"


def test_the_report_is_in_vietnamese_whatever_the_interface_language(demo):
    leader, filters, today = _user("leader"), Filters(year_from=2017, year_to=2024), datetime.date(2026, 11, 21)

    def text(language):
        with translation.override(language):
            document = summary_report(leader, filters, today)
        cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        return [p.text for p in document.paragraphs] + cells

    assert text("en") == text("vi")


def test_the_report_of_a_period_without_records_says_so(world, client):
    _, document = _download(client, world.users["central_leader"], year_from=2020, year_to=2024)
    texts = [p.text for p in document.paragraphs]
    assert "Chưa có số liệu được báo cáo trong giai đoạn 2020–2024." in texts
    assert "Chưa có quyết định khen thưởng trong giai đoạn 2020–2024." in texts
    assert "Chưa có hội nghị nào được tổ chức trong giai đoạn 2020–2024." in texts
    assert "Các hội nghị trong giai đoạn 2020–2024 chưa nêu hạn chế." in texts


# The same numbers as the dashboard ----------------------------------------------------------


def _numbers_in(document):
    """The key numbers, the commendations by form and the main figures' totals, as read in the document."""
    texts = [p.text for p in document.paragraphs]

    def after(prefix):
        line = next(text for text in texts if text.startswith(prefix))
        return int(re.search(r": ([\d.]+)", line).group(1).replace(".", ""))

    numbers = {
        "in_force": after("- Quy chế, chương trình, kế hoạch phối hợp đang có hiệu lực"),
        "conference_count": after("- Hội nghị sơ kết, tổng kết, ký kết đã tổ chức"),
        "decision_count": after("- Quyết định khen thưởng"),
    }
    line = next(text for text in texts if text.startswith("- Việc sơ kết"))
    numbers["due"], numbers["overdue_count"] = (int(n) for n in re.findall(r": (\d+)", line))
    table = _table(document, "Khen thưởng theo hình thức")
    numbers["by_form"] = {row[1]: (int(row[2]), int(row[3])) for row in _rows(table)[1:-1]} if table else {}
    table = _table(document, "Số liệu báo cáo theo chỉ tiêu")
    numbers["figures"] = {row[1]: int(row[-1].replace(".", "")) for row in _rows(table)[1:]} if table else {}
    numbers["conference_rows"] = (
        len(_rows(_table(document, "Hội nghị đã tổ chức"))) - 1 if numbers["conference_count"] else 0
    )
    return numbers


@pytest.mark.parametrize(
    ("username", "params"),
    [
        ("leader", {"year_from": 2017, "year_to": 2024}),
        ("leader", {"year_from": 2019, "year_to": 2019}),
        ("leader", {"year_from": 2017, "year_to": 2024, "province": "Vĩnh Long"}),
        ("leader", {"year_from": 2017, "year_to": 2024, "sector": "police"}),
        ("leader.bentre", {"year_from": 2017, "year_to": 2024}),
        ("admin", {"year_from": 2015, "year_to": 2025}),
    ],
)
def test_the_numbers_in_the_report_equal_those_of_the_dashboard_for_the_same_filters(demo, client, username, params):
    user = _user(username)
    province = _current(params["province"]) if "province" in params else None
    sector = Sector.objects.get(code=params["sector"]) if "sector" in params else None
    query = {**params, "province": province.pk if province else "", "sector": sector.pk if sector else ""}
    _, document = _download(client, user, **query)
    if username == "leader.bentre":
        province = _current("Vĩnh Long")  # fixed to the leader's own province
    filters = Filters(year_from=params["year_from"], year_to=params["year_to"], province=province, sector=sector)
    data = dashboard(user, filters, timezone.localdate())

    numbers = _numbers_in(document)
    assert numbers["in_force"] == data["in_force"]
    assert numbers["conference_count"] == data["conference_count"] == numbers["conference_rows"]
    assert numbers["decision_count"] == data["decision_count"]
    assert (numbers["due"], numbers["overdue_count"]) == (data["due_count"], data["overdue_count"])
    assert numbers["by_form"] == {row["form__name"]: (row["decisions"], row["recipients"]) for row in data["by_form"]}
    main = {row["indicator__name"]: int(row["total"]) for row in data["main_figures"]}
    assert {name: total for name, total in numbers["figures"].items() if name in main} == main


# Scope --------------------------------------------------------------------------------------


def test_a_provincial_leader_report_holds_only_their_province_conferences(demo, client):
    _, document = _download(client, _user("leader.bentre"), year_from=2017, year_to=2024)
    rows = _rows(_table(document, "Hội nghị đã tổ chức"))
    assert [row[2] for row in rows[1:]] == [BEN_TRE_CONFERENCE]
    everything = "\n".join(p.text for p in document.paragraphs)
    assert "Hải Phòng" not in everything and "Trao đổi thông tin và triển khai" not in everything
    assert "trên địa bàn tỉnh Vĩnh Long (gồm cả tỉnh Bến Tre" in everything


def test_a_provincial_leader_asking_for_another_province_gets_their_own(demo, client):
    hai_phong = _current("Hải Phòng")
    _, document = _download(client, _user("leader.bentre"), year_from=2017, year_to=2024, province=hai_phong.pk)
    rows = _rows(_table(document, "Hội nghị đã tổ chức"))
    assert [row[2] for row in rows[1:]] == [BEN_TRE_CONFERENCE]
    assert "Hải Phòng" not in "\n".join(p.text for p in document.paragraphs)


def test_a_central_leader_can_narrow_the_report_to_one_current_province(demo, client):
    _, document = _download(client, _user("leader"), year_from=2017, year_to=2024, province=_current("Hải Phòng").pk)
    rows = _rows(_table(document, "Hội nghị đã tổ chức"))
    assert [row[2] for row in rows[1:]] == ["Hội nghị ký kết Quy chế phối hợp giai đoạn 2023-2028 (Hải Phòng)"]


def test_the_province_field_offers_only_current_provinces_in_the_users_scope(world, login):
    central = login(world.users["central_leader"]).get(SUMMARY).context["form"].fields["province"]
    assert set(central.queryset) == {world.localities.vinh_long, world.localities.hai_phong}
    assert not central.required and not central.disabled
    provincial = login(world.users["provincial_leader"]).get(SUMMARY).context["form"].fields["province"]
    assert list(provincial.queryset) == [world.localities.vinh_long]
    assert provincial.disabled and provincial.initial == world.localities.vinh_long.pk


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("anonymous", 302),
        ("staff", 200),
        ("other_staff", 200),
        ("provincial_leader", 200),
        ("other_leader", 200),
        ("central_leader", 200),
        ("admin", 200),
    ],
)
def test_every_persona_but_the_anonymous_visitor_gets_the_report_page_and_the_file(world, login, persona, status):
    client = login(world.users[persona])
    page = client.get(SUMMARY)
    download = client.get(DOCX, {"year_from": 2020, "year_to": 2024})
    assert (page.status_code, download.status_code) == (status, status)
    if status == 302:
        assert page.url.startswith(reverse("login")) and download.url.startswith(reverse("login"))
    else:
        assert "Download the report (.docx)" in page.content.decode()
        assert download["Content-Type"] == CONTENT_TYPE


def test_a_user_who_reads_nothing_is_refused(world, login):
    client = login(make_user())
    assert client.get(SUMMARY).status_code == 403
    assert client.get(DOCX).status_code == 403


# Nonsense -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        {"year_from": "abc"},
        {"province": "999999"},
        {"province": "not-an-id"},
        {"year_to": "99999"},
        {"year_from": "1200", "year_to": "2024"},
        {"sector": "-1"},
        {"year_from": "\x00"},
    ],
)
def test_nonsense_parameters_give_the_form_back_with_messages_never_a_500(demo, client, query):
    client.force_login(_user("leader"))
    for url in (SUMMARY, DOCX):
        response = client.get(url, query)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")
        assert list(response.context["messages"])
        assert response.context["form"].errors


def test_reversed_years_are_swapped_in_the_file_name(demo, client):
    response, _ = _download(client, _user("leader"), year_from=2024, year_to=2017)
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-phoi-hop-2017-2024.docx"'


def test_the_dashboard_links_to_the_report_page_with_its_filters(demo, client):
    client.force_login(_user("leader"))
    page = client.get(reverse("home"), {"year_from": 2018, "year_to": 2022}).content.decode()
    assert f'href="{SUMMARY}?year_from=2018&amp;year_to=2022"' in page


def _grow(bodies, size):
    indicator = make_indicator(is_main=True)
    for index in range(size):
        agreement = make_agreement(period_start=2018, period_end=2023 + index % 3)
        make_agreement_party(agreement=agreement, body=bodies.ben_tre_police)
        conference = make_conference(held_on=datetime.date(2019 + index % 4, 3, 1), shortcomings=f"Hạn chế {index}")
        make_conference_body(conference=conference, body=bodies.ben_tre_police)
        make_conference_agreement(conference=conference, agreement=agreement)
        decision = make_award_decision(conference=conference, total_count=index + 1)
        add_authorities(decision, bodies.ben_tre_police)
        make_reported_figure(indicator=indicator, body=bodies.ben_tre_union, conference=conference)


@pytest.mark.parametrize("persona", ["central_leader", "provincial_leader"])
def test_the_report_issues_the_same_number_of_queries_whatever_the_data_size(world, login, persona):
    client = login(world.users[persona])
    params = {"year_from": 2018, "year_to": 2024}
    _grow(world.bodies, 2)
    client.get(DOCX, params)
    with CaptureQueriesContext(connection) as small:
        assert client.get(DOCX, params).status_code == 200
    _grow(world.bodies, 30)
    with CaptureQueriesContext(connection) as large:
        response = client.get(DOCX, params)
    assert response.status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
    rows = _rows(_table(Document(io.BytesIO(response.content)), "Hội nghị đã tổ chức"))
    assert len(rows) == 1 + 32


# Printing -----------------------------------------------------------------------------------


def _detail_urls():
    from agreements.models import Agreement, Body, Conference, Person
    from awards.models import AwardDecision

    return [
        reverse("home"),
        Agreement.objects.first().get_absolute_url(),
        Conference.objects.first().get_absolute_url(),
        Body.objects.first().get_absolute_url(),
        Person.objects.first().get_absolute_url(),
        AwardDecision.objects.first().get_absolute_url(),
    ]


def test_every_detail_page_and_the_dashboard_print_with_the_print_stylesheet_and_a_print_button(demo, client):
    client.force_login(_user("leader"))
    for url in _detail_urls():
        page = client.get(url).content.decode()
        assert 'href="/static/css/print.css" media="print"' in page, url
        assert page.count('<script src="/static/js/print.js" defer></script>') == 1, url
        assert page.count('<button type="button" class="btn btn-outline-secondary d-print-none" data-print>') == 1, url


def test_the_print_stylesheet_hides_the_screen_furniture_and_keeps_rows_and_charts_whole():
    from django.contrib.staticfiles import finders

    css = open(finders.find("css/print.css"), encoding="utf-8").read()  # noqa: SIM115
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    rules = re.findall(r"([^{}]+)\{([^}]*)\}", css)
    hidden = {s.strip() for selectors, body in rules if "display: none" in body for s in selectors.split(",")}
    assert {
        "nav",
        ".d-print-none",
        ".btn",
        "[data-print]",
        ".pagination",
        ".breadcrumb",
        'form[method="get"]',
    } <= hidden
    whole = {s.strip() for selectors, body in rules if "break-inside: avoid" in body for s in selectors.split(",")}
    assert {"tr", ".card", ".list-group-item", ".chart"} <= whole
    assert any(selectors.strip().startswith("a,") and "text-decoration: none" in body for selectors, body in rules)


def test_the_print_script_prints_on_a_click_of_a_print_button():
    from django.contrib.staticfiles import finders

    script = open(finders.find("js/print.js"), encoding="utf-8").read()  # noqa: SIM115
    assert '"[data-print]"' in script and "window.print()" in script


# The template -------------------------------------------------------------------------------


def _parts(data):
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {name: archive.read(name) for name in archive.namelist()}


def test_the_template_builder_reproduces_the_committed_template(tmp_path):
    output = tmp_path / "summary.docx"
    call_command("build_report_template", output=output, stdout=io.StringIO())
    document = Document(str(output))
    assert document.paragraphs == [] and document.tables == []
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert section.different_first_page_header_footer
    assert document.styles["Letterhead"].font.name == "Times New Roman"
    assert _parts(output.read_bytes()) == _parts(TEMPLATE_PATH.read_bytes())
    again = tmp_path / "again.docx"
    call_command("build_report_template", output=again, stdout=io.StringIO())
    assert again.read_bytes() == output.read_bytes()
