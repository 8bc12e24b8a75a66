"""Every list downloaded as a file: the columns of each list and the .xlsx, .csv and .json writers.

An export runs the list's own selector (``agreement_list_for(user, request.GET)`` …), so the
file holds exactly the rows the list shows that user with those filters, every page of them,
in the list's sort order. Rows are read with ``iterator(chunk_size=…)`` and their related
rows (parties, hosts, authorities) prefetched once per chunk, so neither memory nor the
number of queries grows with the rows.

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
import json
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.filters import AutoFilter

from agreements.models import AgreementParty, Body, ConferenceBody
from agreements.selectors import agreement_list_for, body_list_for, conference_list_for, person_list_for
from awards.models import AwardDecision
from awards.selectors import decision_list_for

# Rows read per query; each chunk costs one query plus one per prefetch.
CHUNK_SIZE = 2000
# Rows of CSV or JSON sent together: fewer, larger writes than one per row.
ROWS_PER_WRITE = 200
# An XLSX file is built in memory up to this size, then on disk.
XLSX_IN_MEMORY = 8 * 1024 * 1024
DATE_FORMAT = "%d/%m/%Y"
XLSX_DATE_FORMAT = "DD/MM/YYYY"
LIST_SEPARATOR = "; "
# A spreadsheet program reads a CSV cell starting with one of these as a formula
# ("=HYPERLINK(…)" typed into a title): such text is written with a leading apostrophe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Stands for the id in a reversed link; no id gets this large.
LINK_PLACEHOLDER = 987654321012345
# Characters Excel does not allow in a sheet name.
SHEET_TITLE_FORBIDDEN = re.compile(r"[\\/?*\[\]:]")


@dataclass(frozen=True)
class Column:
    key: str  # the JSON key: stable, whatever the interface language
    header: str  # lazy, translated when the file is written
    value: Callable | None  # row -> str | int | date | list[str] | None
    width: int = 20  # characters, in the spreadsheet
    link: str = ""  # instead of ``value``: the URL name of the row's page, written as a full address

    def reader(self, site):
        """``value``, or for a link the row's address on ``site`` ("https://host"): the path
        is reversed once per file, not once per row."""
        if not self.link:
            return self.value
        before, after = reverse(self.link, args=[LINK_PLACEHOLDER]).split(str(LINK_PLACEHOLDER))
        prefix = site + before
        return lambda row: f"{prefix}{row.pk}{after}"


@dataclass(frozen=True)
class Export:
    kind: str
    title: str  # lazy: the sheet's name
    selector: Callable  # (user, params) -> Listing, the list page's own
    columns: tuple[Column, ...]
    # Replace the list's prefetches: the same related rows, kept in lists (``to_attr``).
    # A plain prefetch makes Django build a queryset per row and relation to hold the
    # cache, which doubled the time a file of 100,000 agreements takes.
    prefetch: tuple = ()

    def queryset(self, user, params):
        """The list's rows for ``user`` filtered and sorted by ``params`` (request.GET)."""
        queryset = self.selector(user, params).queryset
        if self.prefetch:
            queryset = queryset.prefetch_related(None).prefetch_related(*self.prefetch)
        return queryset


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


@functools.cache
def _labels(model, field, language):
    with translation.override(language):
        return {value: str(label) for value, label in model._meta.get_field(field).flatchoices}


def _choice(field):
    """The label of a choice field, like ``get_<field>_display()`` without building the
    dict of choices (and translating every label) again for each row."""

    def label(row):
        value = getattr(row, field)
        return _labels(type(row), field, translation.get_language()).get(value, value)

    return label


def _names(objects):
    return [str(obj) for obj in objects]


def _id_column():
    return Column("id", _("Record ID"), lambda row: row.pk, width=8)


def _entry_status_column():
    return Column("entry_status", _("Entry status"), _choice("entry_status"), width=16)


def _link_column(url_name):
    return Column("url", _("Link"), None, width=40, link=url_name)


_kind_label = _choice("kind")


def _conference_kinds(conference):
    extra = [_kind_label(k) for k in conference.export_extra_kinds if k.kind != conference.kind]
    return [_kind_label(conference), *extra]


def _authorities(decision):
    # As the list shows them: the bodies recorded, else the authorities as written.
    bodies = _names(decision.export_authorities)
    if bodies:
        return bodies
    return [decision.authorities_text] if decision.authorities_text else []


EXPORTS = {
    export.kind: export
    for export in (
        Export(
            "agreements",
            _("Agreements"),
            agreement_list_for,
            (
                _id_column(),
                Column("number", _("Number"), lambda a: a.number, width=22),
                Column("title", _("Title / subject"), lambda a: a.title, width=60),
                Column("also_cited_as", _("Also cited as"), lambda a: _names(a.export_aliases), width=22),
                Column("kind", _("Kind"), _choice("kind"), width=28),
                Column("parties", _("Parties"), lambda a: [str(p.body) for p in a.export_parties], width=50),
                Column("signed_on", _("Signed on"), lambda a: a.signed_on, width=12),
                Column("period", _("Period"), lambda a: _period(a.period_start, a.period_end), width=12),
                Column("status", _("Status"), _choice("status"), width=14),
                _entry_status_column(),
                _link_column("agreements:agreement-detail"),
            ),
            prefetch=(
                Prefetch("party_links", AgreementParty.objects.select_related("body"), to_attr="export_parties"),
                Prefetch("aliases", to_attr="export_aliases"),
            ),
        ),
        Export(
            "conferences",
            _("Conferences"),
            conference_list_for,
            (
                _id_column(),
                Column("held_on", _("Held on"), lambda c: c.held_on, width=12),
                Column("held_on_text", _("Date as written"), lambda c: c.held_on_text, width=16),
                Column("title", _("Conference"), str, width=60),
                Column("kinds", _("Kind"), _conference_kinds, width=28),
                Column("hosts", _("Hosts"), lambda c: [str(link.body) for link in c.host_links], width=50),
                Column("place", _("Place"), lambda c: c.place, width=30),
                Column("locality", _("Locality"), lambda c: c.locality.name if c.locality else None, width=24),
                Column(
                    "reviewed_period",
                    _("Reviewed period"),
                    lambda c: _period(c.reviewed_period_start, c.reviewed_period_end),
                    width=14,
                ),
                _entry_status_column(),
                _link_column("agreements:conference-detail"),
            ),
            prefetch=(
                Prefetch("extra_kinds", to_attr="export_extra_kinds"),
                Prefetch(
                    "body_links",
                    ConferenceBody.objects.filter(role=ConferenceBody.Role.HOST).select_related("body"),
                    to_attr="host_links",
                ),
            ),
        ),
        Export(
            "bodies",
            _("Bodies"),
            body_list_for,
            (
                _id_column(),
                Column("name", _("Name"), lambda b: b.name, width=50),
                Column("short_name", _verbose(Body, "short_name"), lambda b: b.short_name, width=16),
                Column("sector", _("Sector"), lambda b: b.sector.name, width=24),
                Column("level", _("Level"), _choice("level"), width=12),
                Column("locality", _("Locality"), lambda b: str(b.locality) if b.locality else None, width=24),
                Column("parent", _("Parent body"), lambda b: str(b.parent) if b.parent else None, width=40),
                _link_column("agreements:body-detail"),
            ),
        ),
        Export(
            "people",
            _("People"),
            person_list_for,
            (
                _id_column(),
                Column("full_name", _("Full name"), lambda p: p.full_name, width=30),
                Column("gender", _("Gender"), _choice("gender"), width=10),
                Column("appearances", _("Appearances"), lambda p: p.appearance_count, width=12),
                Column("last_seen", _("Last seen"), lambda p: p.last_seen, width=12),
                _link_column("agreements:person-detail"),
            ),
        ),
        Export(
            "decisions",
            _("Commendations"),
            decision_list_for,
            (
                _id_column(),
                Column("decided_on", _("Decided on"), lambda d: d.decided_on, width=12),
                Column("number", _("Decision number"), lambda d: d.number, width=18),
                Column("form", _("Form"), lambda d: str(d.form), width=36),
                Column("authorities", _("Awarding authorities"), _authorities, width=40),
                Column(
                    "authorities_text",
                    _verbose(AwardDecision, "authorities_text"),
                    lambda d: d.authorities_text,
                    width=36,
                ),
                Column("total_count", _("Recipients in all"), lambda d: d.total_count, width=12),
                Column("collective_count", _("Collectives"), lambda d: d.collective_count, width=12),
                Column("individual_count", _("Individuals"), lambda d: d.individual_count, width=12),
                Column("revoked_on", _("Revoked on"), lambda d: d.revoked_on, width=12),
                _entry_status_column(),
                _link_column("awards:decision-detail"),
            ),
            prefetch=(Prefetch("authorities", Body.objects.order_by("name"), to_attr="export_authorities"),),
        ),
    )
}


def rows(export: Export, queryset, site: str) -> Iterator[list]:
    """The values of each row of ``queryset``; ``site`` ("https://host") starts the links."""
    readers = [column.reader(site) for column in export.columns]
    for obj in queryset.iterator(chunk_size=CHUNK_SIZE):
        yield [read(obj) for read in readers]


def _batched(lines: Iterable[str]) -> Iterator[str]:
    batch = []
    for line in lines:
        batch.append(line)
        if len(batch) >= ROWS_PER_WRITE:
            yield "".join(batch)
            batch = []
    if batch:
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


def _xlsx_value(sheet, value):
    if value is None or isinstance(value, int):
        return value
    if isinstance(value, datetime.date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = XLSX_DATE_FORMAT
        return cell
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(value)
    # Control characters pasted from other documents are not allowed in a worksheet.
    value = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    if not value:
        return None
    if value.startswith("="):
        # openpyxl would store it as a formula; text it is.
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def sheet_title(export: Export) -> str:
    return SHEET_TITLE_FORBIDDEN.sub(" ", str(export.title))[:31]


def xlsx_file(export: Export, queryset, site: str):
    """A spooled temporary file holding the workbook, at its start.

    ``write_only`` streams the rows to a temporary file of openpyxl's own instead of
    keeping a cell object per value, so 100,000 rows take little memory.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title(export))
    for index, column in enumerate(export.columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(column.width, len(str(column.header)) + 2)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in export.columns:
        cell = WriteOnlyCell(sheet, value=str(column.header))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    count = 0
    for values in rows(export, queryset, site):
        sheet.append([_xlsx_value(sheet, value) for value in values])
        count += 1
    sheet.auto_filter = AutoFilter(ref=f"A1:{get_column_letter(len(export.columns))}{count + 1}")
    file = tempfile.SpooledTemporaryFile(max_size=XLSX_IN_MEMORY)  # noqa: SIM115 - FileResponse closes it
    workbook.save(file)
    file.seek(0)
    return file
