"""The summary report: a Word document for a leaders' meeting, filled in from a template.

The layout follows Decree 30/2020/NĐ-CP on administrative documents: the issuing body and
the number on the left, the national title and motto on the right, the place and date, the
kind of document (BÁO CÁO) and its subject, the body, then the signature and recipients.
Page size, margins, fonts and styles live in ``report_templates/summary.docx``, written by
``manage.py build_report_template``; this module only adds the content, with those styles.

The numbers are the dashboard's: ``dashboard()`` and the scoped selectors are called with the
same ``Filters``, so a report and the dashboard for the same years, province and sector agree.
The document is in Vietnamese whatever the interface language: it is taken to a Vietnamese
meeting, so its strings are document content and are not translated.
"""

import datetime
import io
from dataclasses import dataclass
from pathlib import Path

from django.db.models import F, Sum
from django.utils import timezone
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from agreements.access import access_for
from agreements.dating import conference_year
from agreements.models import Body, Conference, Locality, Membership
from common.forms import format_vietnamese_number
from dashboard.selectors import DUE_HORIZON_DAYS, ENDING_SOON_DAYS, dashboard, scoped_conferences, scoped_figures

TEMPLATE_PATH = Path(__file__).resolve().parent / "report_templates" / "summary.docx"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# The administrators' reports are issued in the name of the registry itself.
REGISTRY_NAME = "Cơ sở dữ liệu công tác phối hợp"
REGISTRY_SYMBOL = "CSDLPH"
# Central bodies sit in the capital: the place in the date line when a body has no locality.
CAPITAL = "Hà Nội"

# Usable width of the page: A4 (210 mm) less the left (30 mm) and right (20 mm) margins.
PAGE_WIDTH_MM = 160
HEADER_COLUMNS_MM = (65, 95)
# At most this many year columns in the figures table; past it, only the totals.
MAX_YEAR_COLUMNS = 5


class Style:
    """Paragraph and table styles defined in the template (see build_report_template)."""

    BODY = "Normal"
    LETTERHEAD = "Letterhead"
    DOCUMENT_TYPE = "Document Type"
    SUBJECT = "Subject Line"
    HEADING_1 = "Heading 1"
    HEADING_2 = "Heading 2"
    HEADING_3 = "Heading 3"
    TABLE_CAPTION = "Table Caption"
    TABLE_TEXT = "Table Text"
    TABLE_HEADING = "Table Heading"
    SIGNATURE = "Signature Title"
    RECIPIENTS_HEADING = "Recipients Heading"
    RECIPIENTS = "Recipients"
    GRID = "Table Grid"


CONFERENCE_KINDS = {
    Conference.Kind.INTERIM_REVIEW: "Sơ kết",
    Conference.Kind.FINAL_REVIEW: "Tổng kết",
    Conference.Kind.SIGNING: "Ký kết",
    Conference.Kind.COMMENDATION: "Biểu dương",
    Conference.Kind.BRIEFING: "Giao ban",
    Conference.Kind.OTHER: "Khác",
}


@dataclass(frozen=True)
class Issuer:
    """Who the report is issued by: the names in the header, the symbol after "BC-", the place."""

    name: str
    parent: str = ""
    symbol: str = REGISTRY_SYMBOL
    place: str = CAPITAL


def _symbol(body):
    """The body's abbreviation: its short name if it is one word ("BCA"), else its initials.

    Words already written in capitals ("LĐLĐ") are kept whole.
    """
    if body.short_name and " " not in body.short_name.strip():
        return body.short_name.strip()
    return "".join(word if word.isupper() else word[0].upper() for word in body.name.split())


def issuer_for(user):
    """The body a user reports for: a leader's body first, then a staff member's; else the registry."""
    if access_for(user).is_admin:
        return Issuer(name=REGISTRY_NAME)
    memberships = list(
        Membership.objects.filter(user=user).select_related("body__parent", "body__locality").order_by("pk")
    )
    # The report goes to a leaders' meeting: a leader's body first.
    leaders = [m for m in memberships if m.role == Membership.Role.LEADER]
    if not memberships:
        return Issuer(name=REGISTRY_NAME)
    membership = (leaders or memberships)[0]
    body = membership.body
    place = CAPITAL
    if body.locality is not None and body.level != Body.Level.CENTRAL:
        place = body.locality.short_name or body.locality.name
    return Issuer(
        name=body.name,
        parent=body.parent.name if body.parent else "",
        symbol=_symbol(body),
        place=place,
    )


def period_text(filters):
    """ "giai đoạn 2020–2024", or "năm 2024" for a single year."""
    if filters.year_from == filters.year_to:
        return f"năm {filters.year_from}"
    return f"giai đoạn {filters.year_from}–{filters.year_to}"


def report_filename(filters):
    return f"bao-cao-phoi-hop-{filters.year_from}-{filters.year_to}.docx"


def date_line(place, day):
    """ "Hà Nội, ngày 05 tháng 01 năm 2026": days below 10 and months 1 and 2 take a leading zero."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def number(value):
    """A count or a figure as Vietnamese write it: 90.982, 12,5."""
    return format_vietnamese_number(value or 0)


def _lower_first(text):
    return text[:1].lower() + text[1:]


def _scope_text(user, filters):
    """Where the report looks: the province (and the old ones it absorbed), or the whole country."""
    access = access_for(user)
    if filters.province is not None:
        provinces = [filters.province]
    elif not access.reads_all:
        provinces = list(
            Locality.objects.filter(pk__in=access.locality_ids, level=Locality.Level.PROVINCE, valid_to__isnull=True)
        )
    else:
        provinces = []
    parts = []
    if provinces:
        parts.append("trên địa bàn " + ", ".join(_lower_first(province.name) for province in provinces))
        # Old records keep their old provinces; say which ones the report rolls up.
        absorbed = [
            _lower_first(old.name)
            for old in Locality.objects.filter(succession_to__successor__in=provinces).order_by("name")
            if old.name not in {province.name for province in provinces}
        ]
        if absorbed:
            parts.append(f"(gồm cả {', '.join(absorbed)} trước khi hợp nhất)")
    elif access.reads_all:
        parts.append("trên phạm vi toàn quốc")
    if filters.sector is not None:
        parts.append(f"đối với các cơ quan thuộc {filters.sector.name}")
    return " ".join(parts)


def _conference_date(conference):
    if conference.held_on:
        return conference.held_on.strftime("%d/%m/%Y")
    if conference.held_on_text:
        return conference.held_on_text
    return f"năm {conference.year}" if conference.year else ""


def _conference_name(conference):
    return conference.title or f"Hội nghị {CONFERENCE_KINDS[conference.kind].lower()}"


def _conference_kinds(conference):
    kinds = [CONFERENCE_KINDS.get(kind, kind) for kind in conference.all_kinds]
    return ", ".join([kinds[0]] + [kind.lower() for kind in kinds[1:]])


def _conference_label(conference):
    """ "Hội nghị … , ngày 10/01/2020": a conference named with its date, to attribute its texts."""
    when = _conference_date(conference)
    if conference.held_on:
        when = f"ngày {when}"
    return f"{_conference_name(conference)}, {when}" if when else _conference_name(conference)


def _lines(text):
    return [line.strip() for line in text.splitlines() if line.strip()]


# Building blocks ---------------------------------------------------------------------------


def _write(paragraph, text, *, bold=None, italic=None, underline=None, size=None, align=None):
    if text:
        run = paragraph.add_run(text)
        run.bold, run.italic, run.underline = bold, italic, underline
        if size:
            run.font.size = Pt(size)
    if align is not None:
        paragraph.alignment = align
    return paragraph


def _paragraph(container, text="", style=Style.BODY, **formatting):
    """A paragraph in ``style`` holding ``text`` with the given run formatting."""
    return _write(container.add_paragraph(style=style), text, **formatting)


def _cell_paragraph(cell, text, style=Style.TABLE_TEXT, **formatting):
    """A paragraph in a cell: its first, still blank paragraph, then new ones."""
    first = cell.paragraphs[0]
    if len(cell.paragraphs) == 1 and not first.runs and first._p.pPr is None:
        first.style = style
        return _write(first, text, **formatting)
    return _paragraph(cell, text, style, **formatting)


def _set_widths(table, widths_mm):
    """Fixed column widths (Word reads the cells', LibreOffice the grid's)."""
    table.autofit = False  # w:tblLayout type="fixed"
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)


def _keep_rows_whole(table, header_rows=1):
    """Rows never split across pages; the header row repeats on each page."""
    for index, row in enumerate(table.rows):
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))
        if index < header_rows:
            tr_pr.append(OxmlElement("w:tblHeader"))


class _Tables:
    """Numbered, bordered tables with a caption: "Bảng 1. …", "Bảng 2. …"."""

    def __init__(self, document):
        self.document = document
        self.count = 0

    def add(self, caption, header, rows, widths_mm, numeric=(), footer=None):
        """A header row, ``rows`` and an optional totals row; ``numeric`` columns align right."""
        self.count += 1
        _paragraph(self.document, f"Bảng {self.count}. {caption}", Style.TABLE_CAPTION)
        body_rows = [*rows, *([footer] if footer else [])]
        table = self.document.add_table(rows=1 + len(body_rows), cols=len(header))
        table.style = self.document.styles[Style.GRID]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            _cell_paragraph(cell, text, Style.TABLE_HEADING)
        for position, (row, values) in enumerate(zip(table.rows[1:], body_rows, strict=True)):
            bold = True if footer and position == len(body_rows) - 1 else None
            for index, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
                align = WD_ALIGN_PARAGRAPH.RIGHT if index in numeric else None
                _cell_paragraph(cell, str(value), bold=bold, align=align)
        _set_widths(table, widths_mm)
        _keep_rows_whole(table)
        return table


def _empty_body(document):
    """Drop whatever the template's body holds, keeping its section properties."""
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)


# The report --------------------------------------------------------------------------------


def _letterhead(document, issuer, day):
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    if issuer.parent:
        _cell_paragraph(left, issuer.parent.upper(), Style.LETTERHEAD)
    _cell_paragraph(left, issuer.name.upper(), Style.LETTERHEAD, bold=True)
    number_line = _cell_paragraph(left, f"Số:        /BC-{issuer.symbol}", Style.LETTERHEAD, size=13)
    number_line.paragraph_format.space_before = Pt(6)
    # The number is left blank for the clerk to write in: keep the spaces that hold its place.
    number_line.runs[0]._r.find(qn("w:t")).set(qn("xml:space"), "preserve")
    _cell_paragraph(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", Style.LETTERHEAD, bold=True)
    _cell_paragraph(right, "Độc lập - Tự do - Hạnh phúc", Style.LETTERHEAD, bold=True, underline=True, size=13)
    place = _cell_paragraph(right, date_line(issuer.place, day), Style.LETTERHEAD, italic=True, size=14)
    place.paragraph_format.space_before = Pt(6)
    _set_widths(table, HEADER_COLUMNS_MM)
    return table


def _key_numbers(data, filters):
    recipients = data["recipients"]
    lines = [
        f"- Quy chế, chương trình, kế hoạch phối hợp đang có hiệu lực: {number(data['in_force'])}; "
        f"trong đó hết thời hạn trong {ENDING_SOON_DAYS} ngày tới: {number(data['ending_soon'])}.",
        f"- Việc sơ kết, tổng kết hoặc ký kết văn bản mới cần thực hiện (đã quá hạn hoặc đến hạn trong "
        f"{DUE_HORIZON_DAYS} ngày tới): {number(data['due_count'])}; "
        f"trong đó quá hạn: {number(data['overdue_count'])}.",
        f"- Hội nghị sơ kết, tổng kết, ký kết đã tổ chức trong {period_text(filters)}: "
        f"{number(data['conference_count'])}.",
        f"- Quyết định khen thưởng: {number(data['decision_count'])}; tập thể, cá nhân được khen thưởng: "
        f"{number(recipients['total'])}.",
    ]
    if recipients["collectives"] or recipients["individuals"]:
        # Reports often give only "tập thể, cá nhân" together: the split is what was recorded.
        lines[-1] = (
            f"{lines[-1][:-1]} (trong đó ghi rõ {number(recipients['collectives'])} tập thể, "
            f"{number(recipients['individuals'])} cá nhân)."
        )
    lines += [
        f"- {row['indicator__name']}: {number(row['total'])} {row['indicator__unit']}." for row in data["main_figures"]
    ]
    return lines


def _figure_table_rows(user, filters):
    """Reported figures by indicator and year, from the dashboard's selector."""
    rows = (
        scoped_figures(user, filters)
        .values("indicator", "indicator__name", "indicator__unit", "period_end")
        .annotate(total=Sum("value"))
        .order_by("indicator__name", "indicator", "period_end")
    )
    indicators = {}
    for row in rows:
        entry = indicators.setdefault(
            row["indicator"], {"name": row["indicator__name"], "unit": row["indicator__unit"], "years": {}}
        )
        entry["years"][row["period_end"]] = row["total"]
    return list(indicators.values())


def _figures(document, tables, user, filters, data):
    indicators = _figure_table_rows(user, filters)
    if not indicators:
        _paragraph(document, f"Chưa có số liệu được báo cáo trong {period_text(filters)}.")
        return
    years = sorted({year for entry in indicators for year in entry["years"]})
    if len(years) > MAX_YEAR_COLUMNS:
        years = []  # too many to print side by side: the totals only
    header = ["STT", "Chỉ tiêu", "Đơn vị tính", *[f"Năm {year}" for year in years], "Tổng cộng"]
    widths = [10, PAGE_WIDTH_MM - (10 + 22 + 18 * len(years) + 26), 22, *[18] * len(years), 26]
    rows = [
        [
            index,
            entry["name"],
            entry["unit"],
            *[number(entry["years"][year]) if year in entry["years"] else "-" for year in years],
            number(sum(entry["years"].values())),
        ]
        for index, entry in enumerate(indicators, start=1)
    ]
    numeric = {0, *range(3, len(header))}
    tables.add(f"Số liệu báo cáo theo chỉ tiêu, {period_text(filters)}", header, rows, widths, numeric)
    if (
        access_for(user).reads_all
        and filters.province is None
        and data["indicator"] is not None
        and data["figure_rows"]
    ):
        # The dashboard's chart as a table: old provinces rolled up into the current ones.
        totals = {}
        for row in data["figure_rows"]:
            totals[row["province"]] = totals.get(row["province"], 0) + row["total"]
        names = data["province_names"]
        ordered = sorted(totals, key=lambda pk: names.get(pk) or "")
        indicator = data["indicator"]
        tables.add(
            f"{indicator.name} ({indicator.unit}) theo tỉnh, thành phố, {period_text(filters)}",
            ["STT", "Tỉnh, thành phố", "Tổng cộng"],
            [[i, names.get(pk) or "Không rõ địa phương", number(totals[pk])] for i, pk in enumerate(ordered, 1)],
            [10, PAGE_WIDTH_MM - 40, 30],
            numeric={0, 2},
            footer=["", "Tổng cộng", number(sum(totals.values()))],
        )


def _commendations(document, tables, data, filters):
    if not data["by_form"]:
        _paragraph(document, f"Chưa có quyết định khen thưởng trong {period_text(filters)}.")
        return
    tables.add(
        f"Khen thưởng theo hình thức, {period_text(filters)}",
        ["STT", "Hình thức khen thưởng", "Số quyết định", "Số tập thể, cá nhân"],
        [
            [index, row["form__name"], number(row["decisions"]), number(row["recipients"])]
            for index, row in enumerate(data["by_form"], start=1)
        ],
        [10, PAGE_WIDTH_MM - 70, 28, 32],
        numeric={0, 2, 3},
        footer=["", "Tổng cộng", number(data["decision_count"]), number(data["recipients"]["total"])],
    )


def _conferences(document, tables, conferences, filters):
    if not conferences:
        _paragraph(document, f"Chưa có hội nghị nào được tổ chức trong {period_text(filters)}.")
        return
    tables.add(
        f"Hội nghị đã tổ chức, {period_text(filters)}",
        ["STT", "Thời gian", "Hội nghị", "Hình thức"],
        [
            [index, _conference_date(conference), _conference_name(conference), _conference_kinds(conference)]
            for index, conference in enumerate(conferences, start=1)
        ],
        [10, 28, PAGE_WIDTH_MM - 73, 35],
        numeric={0},
    )


def _texts(document, conferences, parts, empty):
    """The texts of ``parts`` ((field, lead-in), …) of each conference, attributed to it."""
    written = False
    for conference in conferences:
        texts = [(lead, getattr(conference, field)) for field, lead in parts if getattr(conference, field).strip()]
        if not texts:
            continue
        written = True
        _paragraph(document, _conference_label(conference) + ":", Style.HEADING_3)
        for lead, text in texts:
            for position, line in enumerate(_lines(text)):
                paragraph = _paragraph(document)
                if lead and position == 0:
                    paragraph.add_run(lead).italic = True
                paragraph.add_run(line)
    if not written and empty:
        _paragraph(document, empty)


def _signature(document, user):
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = table.rows[0].cells
    _cell_paragraph(left, "Nơi nhận:", Style.RECIPIENTS_HEADING)
    for line in ("- Lãnh đạo đơn vị;", "- Các cơ quan phối hợp;", "- Lưu: VT."):
        _cell_paragraph(left, line, Style.RECIPIENTS)
    _cell_paragraph(right, "NGƯỜI LẬP BÁO CÁO", Style.SIGNATURE, bold=True)
    _cell_paragraph(right, "(Ký, ghi rõ họ tên)", Style.SIGNATURE, italic=True, size=13)
    for _ in range(3):
        _cell_paragraph(right, "", Style.SIGNATURE)
    _cell_paragraph(right, user.get_full_name(), Style.SIGNATURE, bold=True)
    _set_widths(table, (PAGE_WIDTH_MM / 2, PAGE_WIDTH_MM / 2))


def summary_report(user, filters, today=None):
    """The summary report of ``filters`` within ``user``'s scope, as a python-docx Document."""
    today = today or timezone.localdate()
    data = dashboard(user, filters, today)
    conferences = list(
        scoped_conferences(user, filters)
        .annotate(year=conference_year())
        .prefetch_related("extra_kinds")
        .order_by("year", F("held_on").asc(nulls_last=True), "pk")
    )
    issuer = issuer_for(user)
    period = period_text(filters)
    scope = _scope_text(user, filters)

    document = Document(str(TEMPLATE_PATH))
    _empty_body(document)
    tables = _Tables(document)
    _letterhead(document, issuer, today)
    _paragraph(document, "BÁO CÁO", Style.DOCUMENT_TYPE)
    _paragraph(document, f"Kết quả thực hiện công tác phối hợp {period}", Style.SUBJECT)
    basis = f"Căn cứ dữ liệu công tác phối hợp cập nhật đến ngày {today.strftime('%d/%m/%Y')}"
    if issuer.name == REGISTRY_NAME:
        _paragraph(document, f"{basis}, kết quả thực hiện công tác phối hợp {period} {scope} như sau:")
    else:
        _paragraph(
            document, f"{basis}, {issuer.name} báo cáo kết quả thực hiện công tác phối hợp {period} {scope} như sau:"
        )

    _paragraph(document, "I. Kết quả", Style.HEADING_1)
    _paragraph(document, "1. Tình hình chung", Style.HEADING_2)
    for line in _key_numbers(data, filters):
        _paragraph(document, line)
    _paragraph(document, "2. Số liệu báo cáo", Style.HEADING_2)
    _figures(document, tables, user, filters, data)
    _paragraph(document, "3. Công tác khen thưởng", Style.HEADING_2)
    _commendations(document, tables, data, filters)
    _paragraph(document, "4. Hội nghị sơ kết, tổng kết, ký kết", Style.HEADING_2)
    _conferences(document, tables, conferences, filters)
    if any(conference.results.strip() for conference in conferences):
        _paragraph(document, "5. Kết quả nêu tại các hội nghị", Style.HEADING_2)
        _texts(document, conferences, [("results", "")], empty="")

    _paragraph(document, "II. Hạn chế", Style.HEADING_1)
    _texts(document, conferences, [("shortcomings", "")], empty=f"Các hội nghị trong {period} chưa nêu hạn chế.")
    _paragraph(document, "III. Phương hướng", Style.HEADING_1)
    _texts(
        document,
        conferences,
        [("directions", ""), ("remedies", "Giải pháp: ")],
        empty=f"Các hội nghị trong {period} chưa đề ra phương hướng.",
    )
    _paragraph(document, f"Trên đây là báo cáo kết quả thực hiện công tác phối hợp {period}./.")
    _signature(document, user)

    properties = document.core_properties
    properties.title = f"Báo cáo kết quả thực hiện công tác phối hợp {period}"
    properties.subject = "Báo cáo công tác phối hợp"
    properties.author = properties.last_modified_by = issuer.name
    properties.language = "vi-VN"
    properties.created = properties.modified = datetime.datetime.now(tz=datetime.UTC).replace(microsecond=0)
    properties.revision = 1
    return document


def summary_report_bytes(user, filters, today=None):
    """The report as the bytes of a .docx file."""
    buffer = io.BytesIO()
    summary_report(user, filters, today).save(buffer)
    return buffer.getvalue()
