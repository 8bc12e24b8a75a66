"""Write the Word template of the summary report (coordination/report_templates/summary.docx).

The template holds what Decree 30/2020/NĐ-CP fixes for administrative documents: A4 paper,
margins (top and bottom 20 mm, left 30 mm, right 20 mm), Times New Roman, body text 14 pt
justified with a first-line indent, page numbers centred at the top from the second page,
and the styles reports.summary fills in. Its body is empty.

The output is reproducible: the same python-docx gives the same parts, and the zip entries
carry a fixed date, so rebuilding it changes nothing unless this file changed.
"""

import datetime
import io
import zipfile
from pathlib import Path

from django.core.management.base import BaseCommand
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from reports.summary import TEMPLATE_PATH, Style

FONT = "Times New Roman"
LANGUAGE = "vi-VN"
FIXED_DATE = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)
INDENT = Cm(1.27)


def _fonts(r_pr):
    """Times New Roman for every script, replacing the theme fonts (which would win)."""
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attribute}"), None)
    for attribute in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attribute}"), FONT)


def _defaults(document):
    """Document defaults: Times New Roman 14 pt, Vietnamese for spelling and hyphenation."""
    r_pr = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _fonts(r_pr)
    r_pr.find(qn("w:sz")).set(qn("w:val"), "28")
    r_pr.find(qn("w:szCs")).set(qn("w:val"), "28")
    r_pr.find(qn("w:lang")).set(qn("w:val"), LANGUAGE)


def _paragraph_style(document, name, *, base=Style.BODY, size=14, bold=None, italic=None, caps=None, **layout):
    styles = document.styles
    style = styles[name] if name in styles else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if name != Style.BODY:
        style.base_style = styles[base]
    style.quick_style = True
    _fonts(style.element.get_or_add_rPr())
    font = style.font
    font.size = Pt(size)
    font.bold, font.italic, font.all_caps = bold, italic, caps
    font.color.rgb = RGBColor(0, 0, 0)
    # The built-in headings carry a theme colour that overrides the plain one.
    color = style.element.rPr.find(qn("w:color"))
    for attribute in ("themeColor", "themeShade", "themeTint"):
        color.attrib.pop(qn(f"w:{attribute}"), None)
    paragraph = style.paragraph_format
    paragraph.alignment = layout.get("align", WD_ALIGN_PARAGRAPH.JUSTIFY)
    paragraph.first_line_indent = layout.get("indent", INDENT)
    paragraph.left_indent = Pt(0)
    paragraph.space_before = Pt(layout.get("before", 0))
    paragraph.space_after = Pt(layout.get("after", 6))
    paragraph.line_spacing = layout.get("line", 1.15)
    paragraph.keep_with_next = layout.get("keep_with_next", False)
    paragraph.widow_control = True
    return style


def _styles(document):
    centred = {"align": WD_ALIGN_PARAGRAPH.CENTER, "indent": Pt(0), "after": 0, "line": 1.0}
    left = {"align": WD_ALIGN_PARAGRAPH.LEFT, "indent": Pt(0), "after": 0, "line": 1.0}
    heading = {"keep_with_next": True, "before": 6}
    # Body text: 14 pt, justified, first line indented 1.27 cm, 6 pt between paragraphs and
    # 1.15 lines within them (the decree allows single to 1.5 lines).
    _paragraph_style(document, Style.BODY)
    # The two header columns: body names and national title 12 pt bold, set per run.
    _paragraph_style(document, Style.LETTERHEAD, size=12, **centred)
    _paragraph_style(document, Style.DOCUMENT_TYPE, bold=True, **{**centred, "before": 18, "keep_with_next": True})
    _paragraph_style(document, Style.SUBJECT, bold=True, **{**centred, "after": 18, "keep_with_next": True})
    _paragraph_style(document, Style.HEADING_1, bold=True, caps=True, **heading)
    _paragraph_style(document, Style.HEADING_2, bold=True, **heading)
    _paragraph_style(document, Style.HEADING_3, bold=True, italic=True, **heading)
    _paragraph_style(document, Style.TABLE_CAPTION, italic=True, **{**centred, "before": 6, "after": 3})
    document.styles[Style.TABLE_CAPTION].paragraph_format.keep_with_next = True
    _paragraph_style(document, Style.TABLE_TEXT, size=13, **{**left, "before": 2, "after": 2})
    _paragraph_style(document, Style.TABLE_HEADING, size=13, bold=True, **{**centred, "before": 2, "after": 2})
    _paragraph_style(document, Style.SIGNATURE, **centred)
    _paragraph_style(document, Style.RECIPIENTS_HEADING, size=12, bold=True, italic=True, **left)
    _paragraph_style(document, Style.RECIPIENTS, size=11, **left)
    _paragraph_style(document, "Header", size=13, **centred)
    # Tables: cell text in Times New Roman too (table styles hold their own run properties).
    for name in (Style.GRID, "Normal Table"):
        _fonts(document.styles[name].element.get_or_add_rPr())


def _page(document):
    """A4 portrait with the decree's margins; page numbers from the second page on."""
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(20)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    paragraph = section.header.paragraphs[0]
    paragraph.style = document.styles["Header"]
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _properties(document):
    properties = document.core_properties
    properties.title = "Báo cáo kết quả thực hiện công tác phối hợp"
    properties.subject = "Mẫu báo cáo (Nghị định 30/2020/NĐ-CP)"
    properties.author = properties.last_modified_by = "build_report_template"
    properties.language = LANGUAGE
    properties.created = properties.modified = FIXED_DATE
    properties.revision = 1
    properties.comments = "Generated by manage.py build_report_template; do not edit by hand."


def _fixed_dates(data):
    """The same zip with every entry dated ZIP_DATE (python-docx stamps the current time)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return output.getvalue()


def build_template():
    """The template's bytes."""
    document = Document()
    _defaults(document)
    _styles(document)
    _page(document)
    _properties(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_dates(buffer.getvalue())


class Command(BaseCommand):
    help = "Write the Word template of the summary report (page setup, fonts and styles)."

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=TEMPLATE_PATH, help="Where to write it.")

    def handle(self, *args, **options):
        output = options["output"]
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(build_template())
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}"))
