"""Every list downloaded as a file: the columns of each list and the .xlsx, .csv and .json writers.

An export runs the list's own selector (``agreement_list_for(user, request.GET)`` …), so the
file holds exactly the rows the list shows that user with those filters, every page of them,
in the list's sort order.

Rows are read as plain values, not model instances: the fields the columns need, joined
names included (``locality__name``), with ``values()``, ``CHUNK_SIZE`` rows at a time; then
for each chunk the related names (parties, hosts, authorities…) with one query per relation
(``Related``). Neither memory nor the number of queries grows with the rows. Building a model
instance for each row and each related row took most of the 15 s that reading 100,000
conferences took; as values it takes about 2 s.

A column's value is plain data: text, a whole number, a date, a list of names or None. The
writers decide how it is written:

- CSV and XLSX, for people: lists as "A; B", dates dd/mm/yyyy (real date cells in XLSX),
  headers in the interface language.
- JSON, for programs: keys that do not change with the language, lists as arrays, dates in
  ISO 8601 (2018-08-29), which every program reads without guessing the day/month order.
"""

import csv
import datetime
import functools
import itertools
import json
import operator
import re
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from django.db.models import QuerySet, TextChoices
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from agreements.models import (
    Agreement,
    AgreementAlias,
    AgreementParty,
    Body,
    Conference,
    ConferenceBody,
    ConferenceExtraKind,
    EntryStatus,
    Person,
)
from agreements.selectors import agreement_list_for, body_list_for, conference_list_for, person_list_for
from awards.models import AwardDecision
from awards.selectors import decision_list_for

# Rows fetched at a time (from one query); each chunk costs one query per relation (``Export.related``).
CHUNK_SIZE = 2000
# Rows sent together: fewer, larger writes than one per row.
ROWS_PER_WRITE = 200
DATE_FORMAT = "%d/%m/%Y"
LIST_SEPARATOR = "; "
# A spreadsheet program reads a CSV cell starting with one of these as a formula
# ("=HYPERLINK(…)" typed into a title): such text is written with a leading apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Stands for the id in a reversed link; no id gets this large.
LINK_PLACEHOLDER = 987654321012345
# Characters Excel does not allow in a sheet name.
SHEET_TITLE_FORBIDDEN = re.compile(r"[\\/?*\[\]:]")


@functools.cache
def _labels(choices: type[TextChoices], language: str) -> dict:
    with translation.override(language):
        return {value: str(label) for value, label in choices.choices}


def _label(choices: type[TextChoices], value):
    """The label of ``value`` in the interface language, like ``get_<field>_display()``."""
    return _labels(choices, translation.get_language()).get(value, value)


@dataclass(frozen=True)
class Column:
    key: str  # the JSON key: stable, whatever the interface language
    header: str  # lazy, translated when the file is written
    # A key of the row: one of its fields ("number", "locality__name"), or the key of one of the
    # export's ``related``; or a function of the row (a dict of those keys) for a value made of
    # several. The value: str | int | date | list[str] | None.
    value: str | Callable | None
    width: int = 20  # characters, in the spreadsheet
    link: str = ""  # instead of ``value``: the URL name of the row's page, written as a full address
    # The value is a code (or a list of codes) of these choices, written as its label.
    choices: type[TextChoices] | None = None

    def reader(self, site):
        """row -> the column's value. Made once per file: a link's path is reversed and the
        labels of choices translated once, not once per row. ``site`` ("https://host")
        starts the links."""
        if self.link:
            before, after = reverse(self.link, args=[LINK_PLACEHOLDER]).split(str(LINK_PLACEHOLDER))
            prefix = site + before
            return lambda row: f"{prefix}{row['pk']}{after}"
        read = operator.itemgetter(self.value) if isinstance(self.value, str) else self.value
        if self.choices is None:
            return read
        labels = _labels(self.choices, translation.get_language())

        def label(row):
            value = read(row)
            if isinstance(value, list):
                return [labels.get(code, code) for code in value]
            return labels.get(value, value)

        return label


@dataclass(frozen=True)
class Related:
    """A list of names for each row, read for a whole chunk of rows in one query: ``row[key]``
    is the ``field`` of the rows of ``queryset`` whose ``parent`` is the row, in the order of
    ``queryset``."""

    key: str
    queryset: QuerySet
    parent: str  # the field of ``queryset`` that points at the list's row
    field: str

    def read(self, ids) -> dict[int, list]:
        found = defaultdict(list)
        rows = self.queryset.filter(**{f"{self.parent}__in": ids}).values_list(self.parent, self.field)
        for parent, value in rows:
            found[parent].append(value)
        return found


@dataclass(frozen=True)
class Export:
    kind: str
    title: str  # lazy: the sheet's name
    selector: Callable  # (user, params) -> Listing, the list page's own
    columns: tuple[Column, ...]
    fields: tuple[str, ...] = ()  # the fields the columns' functions read
    related: tuple[Related, ...] = ()

    def queryset(self, user, params):
        """The list's rows for ``user`` filtered and sorted by ``params`` (request.GET)."""
        return self.selector(user, params).annotated()

    def values(self, queryset):
        """``queryset`` as dicts of the fields the columns read, "pk" first. The list's
        prefetches are dropped: the related rows are read per chunk instead."""
        related = {relation.key for relation in self.related}
        named = [column.value for column in self.columns if isinstance(column.value, str)]
        fields = dict.fromkeys(["pk", *(name for name in named if name not in related), *self.fields])
        return queryset.prefetch_related(None).values(*fields)


def _verbose(model, field):
    """The field's label ("short name" → "Short name"), translated as the models are."""
    return capfirst(model._meta.get_field(field).verbose_name)


def _period(start, end):
    """A period as _period.html shows it: "2018–2023", "2019" for one year, "2018–…" when open."""
    if start and start == end:
        return str(start)
    if start or end:
        return f"{start or '…'}–{end or '…'}"
    return None


def _id_column():
    return Column("id", _("Record ID"), "pk", width=8)


def _entry_status_column():
    return Column("entry_status", _("Entry status"), "entry_status", width=16, choices=EntryStatus)


def _link_column(url_name):
    return Column("url", _("Link"), None, width=40, link=url_name)


def _conference_title(row):
    """The conference as Conference.__str__ names it: its title, else its kind and date."""
    if row["title"]:
        return row["title"]
    when = row["held_on"].strftime(DATE_FORMAT) if row["held_on"] else row["held_on_text"]
    return " · ".join(str(part) for part in (_label(Conference.Kind, row["kind"]), when) if part)


def _conference_kinds(row):
    """The kind the conference is called first, then its further kinds."""
    return [row["kind"], *(kind for kind in row["extra_kinds"] if kind != row["kind"])]


def _locality(row):
    """The locality as Locality.__str__ names it: "Tỉnh Bến Tre (until 30/06/2025)" once merged."""
    name, valid_to = row["locality__name"], row["locality__valid_to"]
    if valid_to:
        return _("%(name)s (until %(date)s)") % {"name": name, "date": valid_to.strftime(DATE_FORMAT)}
    return name


def _authorities(row):
    # As the list shows them: the bodies recorded, else the authorities as written.
    if row["authorities"]:
        return row["authorities"]
    return [row["authorities_text"]] if row["authorities_text"] else []


EXPORTS = {
    export.kind: export
    for export in (
        Export(
            "agreements",
            _("Agreements"),
            agreement_list_for,
            (
                _id_column(),
                Column("number", _("Number"), "number", width=22),
                Column("title", _("Title / subject"), "title", width=60),
                Column("also_cited_as", _("Also cited as"), "aliases", width=22),
                Column("kind", _("Kind"), "kind", width=28, choices=Agreement.Kind),
                Column("parties", _("Parties"), "parties", width=50),
                Column("signed_on", _("Signed on"), "signed_on", width=12),
                Column("period", _("Period"), lambda a: _period(a["period_start"], a["period_end"]), width=12),
                Column(
                    "status",
                    _("Status"),
                    lambda a: Agreement.status_of(a, timezone.localdate()),
                    width=14,
                    choices=Agreement.Status,
                ),
                _entry_status_column(),
                _link_column("browse:agreement-detail"),
            ),
            fields=Agreement.STATUS_FIELDS,
            related=(
                Related("aliases", AgreementAlias.objects.order_by("pk"), "agreement", "number"),
                Related("parties", AgreementParty.objects.order_by("order", "pk"), "agreement", "body__name"),
            ),
        ),
        Export(
            "conferences",
            _("Conferences"),
            conference_list_for,
            (
                _id_column(),
                Column("held_on", _("Held on"), "held_on", width=12),
                Column("held_on_text", _("Date as written"), "held_on_text", width=16),
                Column("title", _("Conference"), _conference_title, width=60),
                Column("kinds", _("Kind"), _conference_kinds, width=28, choices=Conference.Kind),
                Column("hosts", _("Hosts"), "hosts", width=50),
                Column("place", _("Place"), "place", width=30),
                Column("locality", _("Locality"), "locality__name", width=24),
                Column(
                    "reviewed_period",
                    _("Reviewed period"),
                    lambda c: _period(c["reviewed_period_start"], c["reviewed_period_end"]),
                    width=14,
                ),
                _entry_status_column(),
                _link_column("browse:conference-detail"),
            ),
            fields=("title", "kind", "held_on", "held_on_text", "reviewed_period_start", "reviewed_period_end"),
            related=(
                Related("extra_kinds", ConferenceExtraKind.objects.order_by("pk"), "conference", "kind"),
                Related(
                    "hosts",
                    ConferenceBody.objects.filter(role=ConferenceBody.Role.HOST).order_by("pk"),
                    "conference",
                    "body__name",
                ),
            ),
        ),
        Export(
            "bodies",
            _("Bodies"),
            body_list_for,
            (
                _id_column(),
                Column("name", _("Name"), "name", width=50),
                Column("short_name", _verbose(Body, "short_name"), "short_name", width=16),
                Column("sector", _("Sector"), "sector__name", width=24),
                Column("level", _("Level"), "level", width=12, choices=Body.Level),
                Column("locality", _("Locality"), _locality, width=24),
                Column("parent", _("Parent body"), "parent__name", width=40),
                _link_column("browse:body-detail"),
            ),
            fields=("locality__name", "locality__valid_to"),
        ),
        Export(
            "people",
            _("People"),
            person_list_for,
            (
                _id_column(),
                Column("full_name", _("Full name"), "full_name", width=30),
                Column("gender", _("Gender"), "gender", width=10, choices=Person.Gender),
                Column("appearances", _("Appearances"), "appearance_count", width=12),
                Column("last_seen", _("Last seen"), "last_seen", width=12),
                _link_column("browse:person-detail"),
            ),
        ),
        Export(
            "decisions",
            _("Commendations"),
            decision_list_for,
            (
                _id_column(),
                Column("decided_on", _("Decided on"), "decided_on", width=12),
                Column("number", _("Decision number"), "number", width=18),
                Column("form", _("Form"), "form__name", width=36),
                Column("authorities", _("Awarding authorities"), _authorities, width=40),
                Column("authorities_text", _verbose(AwardDecision, "authorities_text"), "authorities_text", width=36),
                Column("total_count", _("Recipients in all"), "total_count", width=12),
                Column("collective_count", _("Collectives"), "collective_count", width=12),
                Column("individual_count", _("Individuals"), "individual_count", width=12),
                Column("revoked_on", _("Revoked on"), "revoked_on", width=12),
                _entry_status_column(),
                _link_column("browse:decision-detail"),
            ),
            fields=("authorities_text",),
            related=(
                # The rows of the many-to-many table between decisions and bodies.
                Related(
                    "authorities",
                    AwardDecision.authorities.through.objects.order_by("body__name", "body"),
                    "awarddecision",
                    "body__name",
                ),
            ),
        ),
    )
}


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    """``items`` in lists of ``size`` (the last one shorter)."""
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


def rows(export: Export, queryset, site: str) -> Iterator[list]:
    """The values of each row of ``queryset``; ``site`` ("https://host") starts the links."""
    readers = [column.reader(site) for column in export.columns]
    for chunk in _chunks(export.values(queryset).iterator(chunk_size=CHUNK_SIZE), CHUNK_SIZE):
        ids = [row["pk"] for row in chunk]
        for relation in export.related:
            found = relation.read(ids)
            for row in chunk:
                row[relation.key] = found[row["pk"]]
        for row in chunk:
            yield [read(row) for read in readers]


def _batched(lines: Iterable[str]) -> Iterator[str]:
    for batch in _chunks(lines, ROWS_PER_WRITE):
        yield "".join(batch)


# CSV


class _Echo:
    """A file that hands back what is written, so csv.writer formats one row at a time."""

    def write(self, value):
        return value


def _csv_value(value):
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime(DATE_FORMAT)
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_chunks(export: Export, queryset, site: str) -> Iterator[str]:
    """The CSV text in pieces, starting with a byte order mark: without it Excel reads
    the UTF-8 file in the computer's code page and mangles "Thái Bình"."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow([str(column.header) for column in export.columns])
    yield from _batched(writer.writerow([_csv_value(v) for v in values]) for values in rows(export, queryset, site))


# JSON


def _json_value(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def json_chunks(export: Export, queryset, site: str) -> Iterator[str]:
    """A JSON array of objects, one per row, written as the rows are read."""
    keys = [column.key for column in export.columns]

    def objects():
        separator = "\n"
        for values in rows(export, queryset, site):
            record = dict(zip(keys, (_json_value(v) for v in values), strict=True))
            yield separator + json.dumps(record, ensure_ascii=False)
            separator = ",\n"

    yield "["
    yield from _batched(objects())
    yield "\n]\n"


# XLSX
#
# The workbook is written by hand: the few parts of SpreadsheetML a list needs, zipped while
# the rows are read and sent as the zip grows. openpyxl (write_only) and XlsxWriter both took
# about 17 s for the 1.1 million cells of 100,000 conferences, making an object of each cell
# and its style, and finish the file before its first byte can be sent; written as text the
# same cells take about 1.5 s, and the download starts with the first rows. openpyxl stays for
# reading workbooks (imports, tests).
#
# The zip goes to a pipe, not a file, so each part's sizes follow it in a data descriptor.
# The sheet is opened without force_zip64: in a streamed zip, Python then writes the sizes
# as 0xFFFFFFFF with a ZIP64 extra field, the form Excel has been reported to refuse as a
# corrupt file when the part is small (minizip-ng issue 894, Apache COMPRESS-474). Without
# it a part may hold up to 2 GiB of XML: 100,000 conferences take 77 MB, and Excel's limit
# of 1,048,576 rows comes long before.

# The sheet of 100,000 conferences (77 MB of XML) compresses to 7.4 MB in 0.35 s at zlib's
# level 3; level 1 takes 0.25 s for 8.3 MB, the default (6) 0.76 s for 6.3 MB.
XLSX_COMPRESSLEVEL = 3
SHEET_PART = "xl/worksheets/sheet1.xml"
# Day 0 of Excel's serial dates: a date is a number of days in the date style.
EXCEL_EPOCH = datetime.date(1899, 12, 30).toordinal()
# The cell styles of xl/styles.xml (0 is the default).
DATE_STYLE = 1
HEADER_STYLE = 2
XLSX_DATE_FORMAT = "DD/MM/YYYY"

_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006"
_PACKAGE = "http://schemas.openxmlformats.org/package/2006"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_FONT = '<sz val="11"/><name val="Calibri"/><family val="2"/>'

# The parts that are the same in every file; xl/workbook.xml names the sheet and its filter.
XLSX_PARTS = {
    "[Content_Types].xml": (
        f'{_XML}<Types xmlns="{_PACKAGE}/content-types">'
        f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_SHEET_TYPE}.sheet.main+xml"/>'
        f'<Override PartName="/{SHEET_PART}" ContentType="{_SHEET_TYPE}.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_SHEET_TYPE}.styles+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        f'{_XML}<Relationships xmlns="{_PACKAGE}/relationships">'
        f'<Relationship Id="rId1" Type="{_OFFICE}/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/_rels/workbook.xml.rels": (
        f'{_XML}<Relationships xmlns="{_PACKAGE}/relationships">'
        f'<Relationship Id="rId1" Type="{_OFFICE}/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{_OFFICE}/relationships/styles" Target="styles.xml"/>'
        "</Relationships>"
    ),
    "xl/styles.xml": (
        f'{_XML}<styleSheet xmlns="{_MAIN}">'
        f'<numFmts count="1"><numFmt numFmtId="164" formatCode="{XLSX_DATE_FORMAT}"/></numFmts>'
        f'<fonts count="2"><font>{_FONT}</font><font><b/>{_FONT}</font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    ),
}


def sheet_title(export: Export) -> str:
    return SHEET_TITLE_FORBIDDEN.sub(" ", str(export.title))[:31]


def _text_cell(ref: str, text: str, style: str = "") -> str:
    # Control characters pasted from other documents are not allowed in a worksheet.
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    if not text:
        return ""
    # An inline string is text, never a formula, even "=HYPERLINK(…)".
    space = ' xml:space="preserve"' if text[0].isspace() or text[-1].isspace() else ""
    return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{escape(text)}</t></is></c>'


def _cell(ref: str, value) -> str:
    """A cell of the sheet, or "" (no cell: an empty one) for None and empty text."""
    if value is None:
        return ""
    if isinstance(value, int):
        return f'<c r="{ref}"><v>{value}</v></c>'
    if isinstance(value, datetime.date):
        return f'<c r="{ref}" s="{DATE_STYLE}"><v>{value.toordinal() - EXCEL_EPOCH}</v></c>'
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(value)
    return _text_cell(ref, str(value))


def _sheet_start(export: Export, letters: list[str]) -> str:
    """The sheet up to its first row of data: the header frozen, the columns' widths, the header."""
    columns = [
        f'<col min="{index}" max="{index}" width="{max(column.width, len(str(column.header)) + 2)}" customWidth="1"/>'
        for index, column in enumerate(export.columns, start=1)
    ]
    header = [
        _text_cell(f"{letter}1", str(column.header), f' s="{HEADER_STYLE}"')
        for letter, column in zip(letters, export.columns, strict=True)
    ]
    return (
        f'{_XML}<worksheet xmlns="{_MAIN}" xmlns:r="{_OFFICE}/relationships">'
        '<sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>'
        "</sheetView></sheetViews>"
        f'<cols>{"".join(columns)}</cols><sheetData><row r="1">{"".join(header)}</row>'
    )


def _sheet_row(number: int, values: list, letters: list[str]) -> str:
    cells = "".join([_cell(f"{letter}{number}", value) for letter, value in zip(letters, values, strict=True)])
    return f'<row r="{number}">{cells}</row>'


def _workbook(title: str, last_column: str, last_row: int) -> str:
    """xl/workbook.xml: the sheet, and the range of its auto-filter as Excel names it."""
    quoted = "'" + title.replace("'", "''") + "'"
    return (
        f'{_XML}<workbook xmlns="{_MAIN}" xmlns:r="{_OFFICE}/relationships">'
        '<bookViews><workbookView activeTab="0"/></bookViews>'
        f'<sheets><sheet name={quoteattr(title)} sheetId="1" r:id="rId1"/></sheets>'
        '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">'
        f"{escape(quoted)}!$A$1:${last_column}${last_row}</definedName></definedNames>"
        "</workbook>"
    )


class _Pending:
    """The file the zip is written to: it keeps the bytes until the response takes them."""

    def __init__(self):
        self.parts = []

    def write(self, data):
        self.parts.append(data)
        return len(data)

    def flush(self):
        pass

    def take(self) -> bytes:
        data = b"".join(self.parts)
        self.parts.clear()
        return data


def xlsx_chunks(export: Export, queryset, site: str) -> Iterator[bytes]:
    """The workbook in pieces, each sent as soon as the zip holds it: the first bytes leave
    with the first rows, and memory holds a batch of rows, not the file."""
    letters = [get_column_letter(index) for index in range(1, len(export.columns) + 1)]
    out = _Pending()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=XLSX_COMPRESSLEVEL) as package:
        for name, text in XLSX_PARTS.items():
            package.writestr(name, text)
        last_row = 1
        with package.open(SHEET_PART, "w") as sheet:
            sheet.write(_sheet_start(export, letters).encode())
            for batch in _chunks(enumerate(rows(export, queryset, site), start=2), ROWS_PER_WRITE):
                sheet.write("".join([_sheet_row(number, values, letters) for number, values in batch]).encode())
                last_row = batch[-1][0]
                if data := out.take():
                    yield data
            # The filter covers the header and every row, known now that they are written.
            sheet.write(f'</sheetData><autoFilter ref="A1:{letters[-1]}{last_row}"/></worksheet>'.encode())
        package.writestr("xl/workbook.xml", _workbook(sheet_title(export), letters[-1], last_row))
    yield out.take()
