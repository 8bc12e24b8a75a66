"""Excel import of reported figures (for a conference) and award recipients (for a decision).

Staff download a template, fill it in Excel and upload it. Bodies, indicators and kinds are
given by name, matched ignoring tone marks and case ("lien doan lao dong tinh ben tre" is
"Liên đoàn Lao động tỉnh Bến Tre"). Reading a file never writes: ``figures_preview`` and
``recipients_preview`` return every row with its parsed values and its problems, naming row
and column. Only a file without problems is saved, whole, by ``figures_import`` or
``recipients_import`` in one transaction.

The first worksheet is read; its first row names the columns, in the interface language of
the template or in the other one, in any order.
"""

import math
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO

import openpyxl
from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db.models import Q
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from agreements.models import Body, Conference, Indicator, ReportedFigure
from agreements.services import figures_add
from awards.models import AwardDecision, AwardRecipient
from awards.services import recipients_add
from common.forms import PeriodField, format_vietnamese_number, parse_vietnamese_number
from common.text import clean, fold

MAX_FILE_BYTES = 5 * 1024 * 1024
# An .xlsx is a zip archive: a small file can unpack to gigabytes. Real sheets of a few
# thousand rows unpack to a few megabytes.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ROWS = 5000
# Rows of the template that carry the drop-down lists.
TEMPLATE_ROWS = 1000

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# Columns -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """A column of an import file: its label (the header in the template) and the other
    headers it is recognised by."""

    key: str
    label: object  # a lazy translation
    required: bool = False
    aliases: tuple[str, ...] = ()
    width: int = 24
    # Cells formatted as text in the template, so that Excel keeps "1.291" and "2018-2023"
    # as typed instead of reading them as numbers in the computer's own convention.
    text: bool = False

    def __str__(self):
        return str(self.label)

    def headers(self) -> set[str]:
        """Folded headers naming this column: its label in every interface language and the aliases."""
        names = {fold(alias) for alias in self.aliases}
        # English is one of the languages: its "translation" is the msgid itself.
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                names.add(fold(str(self.label)))
        return names


def _header_key(text) -> str:
    """ "Giá trị *", "Giá trị (số)" → "gia tri"."""
    key = fold(str(text or "")).rstrip("* ").strip()
    if key.endswith(")") and " (" in key:
        key = key[: key.rindex(" (")].strip()
    return key


FIGURE_COLUMNS = (
    Column("indicator", gettext_lazy("Indicator"), required=True, aliases=("chỉ tiêu", "tên chỉ tiêu"), width=48),
    Column(
        "value", gettext_lazy("Value"), required=True, aliases=("giá trị", "số liệu", "số lượng"), width=14, text=True
    ),
    Column("unit", gettext_lazy("Unit"), aliases=("đơn vị tính", "đơn vị", "đvt"), width=12),
    Column(
        "body",
        gettext_lazy("Reported by"),
        required=True,
        aliases=("reporting body", "cơ quan báo cáo", "đơn vị báo cáo", "cơ quan, đơn vị"),
        width=40,
    ),
    Column("period", gettext_lazy("Period"), aliases=("giai đoạn", "năm", "kỳ báo cáo"), width=14, text=True),
    Column("quote", gettext_lazy("Quote"), aliases=("trích dẫn", "source quote"), width=48),
)

RECIPIENT_COLUMNS = (
    Column("kind", gettext_lazy("Kind"), required=True, aliases=("loại", "tập thể/cá nhân", "tập thể, cá nhân")),
    Column(
        "name", gettext_lazy("Name"), required=True, aliases=("tên", "họ và tên", "họ tên", "tên tập thể"), width=48
    ),
    Column("body", gettext_lazy("Body"), aliases=("cơ quan, đơn vị", "cơ quan", "đơn vị", "đơn vị công tác"), width=40),
)


# Problems and rows -------------------------------------------------------------------------


@dataclass
class Problem:
    """What is wrong with the file, a row, or one cell of a row."""

    message: str
    row: int | None = None
    column: Column | None = None

    def __str__(self):
        if self.row and self.column:
            return _("Row %(row)s, column %(column)s: %(problem)s") % {
                "row": self.row,
                "column": self.column,
                "problem": self.message,
            }
        if self.row:
            return _("Row %(row)s: %(problem)s") % {"row": self.row, "problem": self.message}
        return self.message


@dataclass
class ImportRow:
    """A row of the sheet: what it says (``cells``), what was read from it (``values``)."""

    number: int
    cells: dict
    values: dict = field(default_factory=dict)
    shown: list = field(default_factory=list)
    problems: list = field(default_factory=list)

    def problem(self, column, message):
        self.problems.append(Problem(message, row=self.number, column=column))


@dataclass
class ImportPreview:
    """Every row of a file with its problems, and the problems of the file as a whole."""

    columns: tuple
    rows: list = field(default_factory=list)
    problems: list = field(default_factory=list)

    @property
    def all_problems(self):
        return [*self.problems, *(p for row in self.rows for p in row.problems)]

    @property
    def rows_with_problems(self):
        return sum(1 for row in self.rows if row.problems)

    @property
    def ok(self) -> bool:
        return bool(self.rows) and not self.all_problems

    def cleaned_rows(self) -> list[dict]:
        return [row.values for row in self.rows]


# Reading the file --------------------------------------------------------------------------


class UnreadableFile(Exception):
    """The upload is not an Excel workbook that can be read."""


def read_sheet(file) -> tuple[list, list[tuple[int, tuple]]]:
    """(header, [(row number, cells)]) of the first worksheet; blank rows are left out.

    Raises UnreadableFile for anything that is not a readable .xlsx workbook.
    """
    file.seek(0)
    data = file.read()
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise UnreadableFile("unpacks too large")
        workbook = openpyxl.load_workbook(BytesIO(data), read_only=True, data_only=True)
    except UnreadableFile:
        raise
    except Exception as error:
        # A damaged or foreign file fails deep inside zipfile or the XML parser with any
        # of a dozen exception types; to the user they all mean "not a workbook".
        raise UnreadableFile(str(error)) from error
    try:
        if not workbook.worksheets:
            raise UnreadableFile("no worksheet")
        header, body = None, []
        for number, cells in enumerate(workbook.worksheets[0].iter_rows(values_only=True), start=1):
            if not any(_text(cell) for cell in cells):
                continue
            if header is None:
                header = list(cells)
                continue
            body.append((number, tuple(cells)))
            if len(body) > MAX_ROWS:
                break
        return header or [], body
    except UnreadableFile:
        raise
    except Exception as error:
        raise UnreadableFile(str(error)) from error
    finally:
        workbook.close()


def _text(value) -> str:
    """A cell as text: numbers as Excel shows them (2019, not 2019.0), text cleaned."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean(str(value))


def _rows(file, columns) -> ImportPreview:
    """The preview's rows with their cells keyed by column; missing columns are problems."""
    preview = ImportPreview(columns=columns)
    header, body = read_sheet(file)
    positions = {}
    keys = [_header_key(cell) for cell in header]
    for column in columns:
        names = column.headers()
        position = next((i for i, key in enumerate(keys) if key in names), None)
        if position is not None:
            positions[column.key] = position
        elif column.required:
            preview.problems.append(
                Problem(_("The first row of the sheet has no column “%(column)s”.") % {"column": column})
            )
    if len(body) > MAX_ROWS:
        preview.problems.append(
            Problem(
                _("The sheet has more than %(max)s rows: split it into several files.")
                % {"max": number_format(MAX_ROWS, force_grouping=True)}
            )
        )
        body = body[:MAX_ROWS]
    if preview.problems:
        return preview
    for number, cells in body:
        row = {key: cells[position] if position < len(cells) else None for key, position in positions.items()}
        preview.rows.append(ImportRow(number=number, cells={c.key: row.get(c.key) for c in columns}))
    if not preview.rows:
        preview.problems.append(Problem(_("The sheet has no rows to import below its first row.")))
    return preview


# Matching names ----------------------------------------------------------------------------


class BodyNames:
    """Bodies found by name or short name, ignoring tone marks and case; one query per 50 names."""

    def __init__(self, names):
        keys = sorted({fold(name) for name in names if fold(name)})
        self.matches = {key: [] for key in keys}
        for start in range(0, len(keys), 50):
            chunk = keys[start : start + 50]
            condition = Q()
            for key in chunk:
                condition |= Q(search__contains=key)
            for body in Body.objects.filter(condition).order_by("name", "pk"):
                for key in {fold(body.name), fold(body.short_name)} & set(chunk):
                    self.matches[key].append(body)

    def find(self, name) -> tuple[Body | None, str]:
        """(the body, "") or (None, what is wrong)."""
        found = self.matches.get(fold(name), [])
        if len(found) > 1:
            # The exact spelling, or the one body that still exists, settles it.
            exact = [b for b in found if clean(name) in (b.name, b.short_name)]
            current = [b for b in (exact or found) if b.valid_to is None]
            found = exact if len(exact) == 1 else current if len(current) == 1 else found
        if len(found) == 1:
            return found[0], ""
        if not found:
            return None, _("no body is called “%(name)s”") % {"name": name}
        return None, _("“%(name)s” could be any of %(bodies)s: write the full name") % {
            "name": name,
            "bodies": "; ".join(b.name for b in found[:5]),
        }


def _indicator_names():
    names = {}
    for indicator in Indicator.objects.all():
        names.setdefault(fold(indicator.name), indicator)
        names.setdefault(fold(str(indicator)), indicator)
    return names


# Cells -------------------------------------------------------------------------------------


def _number(value) -> Decimal:
    """A figure from a numeric cell or from text written the Vietnamese way ("1.291", "12,5")."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(value)
        return Decimal(repr(value))
    return parse_vietnamese_number(str(value))


def _shown_period(period):
    return str(period[0]) if period[0] == period[1] else f"{period[0]}–{period[1]}"


def _model_problems(row, instance, fields):
    """Problems ``full_clean`` finds in the row's own fields (the related rows were matched
    already; constraints are checked again when the row is saved)."""
    exclude = [f.name for f in instance._meta.fields if f.name not in fields]
    try:
        instance.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            column = fields.get(name) if name != NON_FIELD_ERRORS else None
            for message in messages:
                row.problem(column, message)


# Reported figures --------------------------------------------------------------------------


def default_period(conference: Conference) -> tuple[int, int] | None:
    """The period of a figure given without one: the period reviewed, else the year held."""
    if conference.reviewed_period_start is not None:
        return (conference.reviewed_period_start, conference.reviewed_period_end or conference.reviewed_period_start)
    if conference.held_on:
        return (conference.held_on.year, conference.held_on.year)
    return None


def figures_preview(*, conference: Conference, file) -> ImportPreview:
    """Every row of a figures file, read and matched, with its problems. Saves nothing."""
    preview = _rows(file, FIGURE_COLUMNS)
    indicators = _indicator_names()
    bodies = BodyNames(_text(row.cells["body"]) for row in preview.rows)
    fallback = default_period(conference)
    existing = set(
        ReportedFigure.objects.filter(conference=conference).values_list(
            "indicator_id", "body_id", "period_start", "period_end"
        )
    )
    seen = {}
    for row in preview.rows:
        _read_figure(row, indicators, bodies, fallback)
        if not row.problems:
            values = row.values
            key = (values["indicator"].pk, values["body"].pk, *values["period"])
            if key in existing:
                row.problem(None, _("the conference already has this figure (same indicator, body and period)"))
            elif key in seen:
                row.problem(None, _("repeats row %(row)s") % {"row": seen[key]})
            seen.setdefault(key, row.number)
    return preview


def _read_figure(row, indicators, bodies, fallback):
    """Fill in ``row.values`` (indicator, value, body, period, source_quote), ``row.shown``
    and the problems of its cells."""
    columns = {c.key: c for c in FIGURE_COLUMNS}
    name = _text(row.cells["indicator"])
    indicator = indicators.get(fold(name)) if name else None
    if not name:
        row.problem(columns["indicator"], _("empty"))
    elif indicator is None:
        row.problem(columns["indicator"], _("no indicator “%(name)s” in the catalogue") % {"name": name})

    raw = row.cells["value"]
    value = None
    if not _text(raw):
        row.problem(columns["value"], _("empty"))
    else:
        try:
            value = _number(raw)
        except ValueError:
            row.problem(columns["value"], _("not a number"))
        else:
            if value < 0:
                row.problem(columns["value"], _("cannot be negative"))
            elif value.as_tuple().exponent < -2:
                # Excel set to English reads "1.291" typed in a number cell as 1.291.
                row.problem(
                    columns["value"],
                    _("has more than two decimals: write thousands without a dot (1291), or as text (“1.291”)"),
                )

    unit = _text(row.cells["unit"])
    if unit and indicator is not None and fold(unit) != fold(indicator.unit):
        row.problem(
            columns["unit"],
            _("“%(unit)s” is not the unit of this indicator (%(expected)s)")
            % {"unit": unit, "expected": indicator.unit},
        )

    body_name = _text(row.cells["body"])
    body = None
    if not body_name:
        row.problem(columns["body"], _("empty"))
    else:
        body, problem = bodies.find(body_name)
        if problem:
            row.problem(columns["body"], problem)

    period_text = _text(row.cells["period"])
    period = None
    if period_text:
        try:
            period = PeriodField().clean(period_text)
        except ValidationError as error:
            row.problem(columns["period"], " ".join(error.messages))
    elif fallback is None:
        row.problem(columns["period"], _("empty, and the conference has neither a reviewed period nor a date"))
    else:
        period = fallback
    quote = _text(row.cells["quote"])

    if not row.problems:
        figure = ReportedFigure(value=value, period_start=period[0], period_end=period[1], source_quote=quote)
        _model_problems(
            row,
            figure,
            {
                "value": columns["value"],
                "period_start": columns["period"],
                "period_end": columns["period"],
                "source_quote": columns["quote"],
            },
        )
    row.values = {"indicator": indicator, "value": value, "body": body, "period": period, "source_quote": quote}
    row.shown = [
        indicator.name if indicator else name,
        format_vietnamese_number(value) if value is not None and value >= 0 else _text(raw),
        indicator.unit if indicator and not unit else unit,
        body.name if body else body_name,
        _shown_period(period) if period else period_text,
        quote,
    ]


def figures_import(*, conference: Conference, rows: list[dict], by) -> list[ReportedFigure]:
    """Save the figures read from a file at ``conference``, all of them or none."""
    return figures_add(conference=conference, rows=rows, by=by, reason=_("Figures imported from a spreadsheet"))


# Award recipients --------------------------------------------------------------------------


def _kind_names():
    names = {"tap the": AwardRecipient.Kind.COLLECTIVE, "ca nhan": AwardRecipient.Kind.INDIVIDUAL}
    for kind in AwardRecipient.Kind:
        names[fold(kind.value)] = kind
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                names[fold(str(kind.label))] = kind
    return names


def recipients_preview(*, decision: AwardDecision, file) -> ImportPreview:
    """Every row of a recipients file with its problems, and whether the decision's counts
    agree with the named list once the rows are added. Saves nothing."""
    preview = _rows(file, RECIPIENT_COLUMNS)
    kinds = _kind_names()
    bodies = BodyNames(_text(row.cells["body"]) for row in preview.rows)
    existing = list(decision.recipients.all())
    known = {(r.kind, fold(r.name), r.body_id) for r in existing}
    seen = {}
    for row in preview.rows:
        _read_recipient(row, kinds, bodies)
        if not row.problems:
            key = (row.values["kind"], fold(row.values["name"]), row.values["body"] and row.values["body"].pk)
            if key in known:
                row.problem(None, _("the decision already names this recipient"))
            elif key in seen:
                row.problem(None, _("repeats row %(row)s") % {"row": seen[key]})
            seen.setdefault(key, row.number)
    if preview.rows and not preview.problems:
        named = existing + [AwardRecipient(kind=row.values["kind"]) for row in preview.rows if row.values["kind"]]
        try:
            decision.check_recipients(named)
        except ValidationError as error:
            preview.problems.extend(Problem(message) for message in error.messages)
    return preview


def _read_recipient(row, kinds, bodies):
    """Fill in ``row.values`` (kind, name, body), ``row.shown`` and the problems of its cells."""
    columns = {c.key: c for c in RECIPIENT_COLUMNS}
    kind_text = _text(row.cells["kind"])
    kind = kinds.get(fold(kind_text))
    if not kind_text:
        row.problem(columns["kind"], _("empty"))
    elif kind is None:
        row.problem(
            columns["kind"],
            _("“%(value)s” is neither “%(collective)s” nor “%(individual)s”")
            % {
                "value": kind_text,
                "collective": AwardRecipient.Kind.COLLECTIVE.label,
                "individual": AwardRecipient.Kind.INDIVIDUAL.label,
            },
        )

    name = _text(row.cells["name"])
    if not name:
        row.problem(columns["name"], _("empty"))

    body_name = _text(row.cells["body"])
    body = None
    if body_name:
        body, problem = bodies.find(body_name)
        if problem:
            row.problem(columns["body"], problem)

    if not row.problems:
        _model_problems(row, AwardRecipient(kind=kind, name=name), {"kind": columns["kind"], "name": columns["name"]})
    row.values = {"kind": kind, "name": name, "body": body}
    row.shown = [kind.label if kind else kind_text, name, body.name if body else body_name]


def recipients_import(*, decision: AwardDecision, rows: list[dict], by) -> list[AwardRecipient]:
    """Add the recipients read from a file to ``decision``, all of them or none."""
    return recipients_add(decision=decision, rows=rows, by=by, reason=_("Recipients imported from a spreadsheet"))


def imported_message(count: int) -> str:
    return ngettext("%(count)s row was imported.", "%(count)s rows were imported.", count) % {
        "count": number_format(count, force_grouping=True)
    }


# The upload form ---------------------------------------------------------------------------


class ImportFileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Excel file (.xlsx)"),
        help_text=gettext_lazy("The template filled in, at most 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx," + XLSX_CONTENT_TYPE}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise ValidationError(
                _("Upload an Excel workbook (.xlsx); save other formats as .xlsx in Excel first."), code="extension"
            )
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError(
                _("The file is larger than %(size)s MB.") % {"size": MAX_FILE_BYTES // (1024 * 1024)}, code="size"
            )
        try:
            read_sheet(upload)
        except UnreadableFile:
            raise ValidationError(
                _("The file cannot be read as an Excel workbook. Save it in Excel as “Excel Workbook (*.xlsx)”."),
                code="unreadable",
            ) from None
        upload.seek(0)
        return upload


# Templates ---------------------------------------------------------------------------------

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="top")


def _data_sheet(workbook, title, columns):
    sheet = workbook.active
    sheet.title = title[:31]
    sheet.append([str(c) for c in columns])
    for index, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=index)
        cell.font, cell.fill = _HEADER_FONT, _HEADER_FILL
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = column.width
        if column.text:
            dimension.number_format = "@"
    sheet.freeze_panes = "A2"
    return sheet


class Heading(str):
    """A line of the instructions shown in bold."""


def _instructions_sheet(workbook, lines):
    """The instructions, one paragraph per row; the first line is the title."""
    sheet = workbook.create_sheet(_("Instructions")[:31])
    sheet.column_dimensions["A"].width = 110
    for number, line in enumerate(lines, start=1):
        cell = sheet.cell(row=number, column=1, value=str(line) or None)
        cell.alignment = _WRAP
        if isinstance(line, Heading):
            cell.font = _HEADER_FONT
    sheet["A1"].font = Font(bold=True, size=13)
    return sheet


def _list_sheet(workbook, lists):
    """A sheet of reference lists, one per column: {header: [values]} → {header: range}."""
    sheet = workbook.create_sheet(_("Lists")[:31])
    ranges = {}
    for index, (header, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(index)
        sheet.cell(row=1, column=index, value=str(header)).font = _HEADER_FONT
        sheet.column_dimensions[letter].width = 48
        for offset, value in enumerate(values, start=2):
            sheet.cell(row=offset, column=index, value=value)
        if values:
            title = sheet.title.replace("'", "''")
            ranges[header] = f"'{title}'!${letter}$2:${letter}${len(values) + 1}"
    return ranges


def _drop_down(sheet, columns, key, source, *, strict):
    letter = get_column_letter([c.key for c in columns].index(key) + 1)
    validation = DataValidation(type="list", formula1=source, allow_blank=True)
    validation.showErrorMessage = strict
    validation.errorTitle = _("Not in the list")
    validation.error = _("Pick a value from the list.")
    validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
    sheet.add_data_validation(validation)


def _common_lines():
    return [
        "",
        Heading(_("How to fill in this file")),
        _(
            "Fill in the first sheet, one row per line, from its second row on. Keep the first row "
            "(the column names) as it is; the other sheets are not read."
        ),
        _(
            "Bodies, indicators and kinds are written by name, as in the sheet “%(sheet)s”. "
            "Tone marks and capitals do not matter; a body may also be written by its short name."
        )
        % {"sheet": _("Lists")[:31]},
        _(
            "Upload the file on the import page. Every row is checked and shown before anything is "
            "saved; if a row has a problem, nothing is saved: correct the file and upload it again."
        ),
        _("The file must be an Excel workbook (.xlsx) of at most 5 MB."),
        "",
    ]


def figures_template(conference: Conference) -> bytes:
    """The .xlsx template for the figures of ``conference``."""
    workbook = openpyxl.Workbook()
    sheet = _data_sheet(workbook, _("Figures"), FIGURE_COLUMNS)
    period = default_period(conference)
    lines = [
        _("Reported figures for: %(conference)s") % {"conference": conference},
        *_common_lines(),
        Heading(_("Columns")),
        _("Indicator (required): the name of an indicator of the catalogue, e.g. “%(example)s”.")
        % {"example": Indicator.objects.values_list("name", flat=True).first() or "Buổi tuyên truyền"},
        _("Value (required): a number, e.g. 1.291 or 12,5 (dots group thousands, a comma marks decimals)."),
        _("Unit (optional): if given, it must be the unit of the indicator; it is only checked."),
        _("Reported by (required): the body that reported the figure, e.g. “Liên đoàn Lao động tỉnh Bến Tre”."),
        _("Period (optional): a year (2019) or a period (2018-2023). Empty: %(period)s.")
        % {
            "period": _shown_period(period)
            if period
            else _("no default, because the conference has neither a reviewed period nor a date")
        },
        _("Quote (optional): the sentence of the report the figure comes from."),
    ]
    _instructions_sheet(workbook, lines)
    indicators = list(Indicator.objects.order_by("name").values_list("name", "unit"))
    bodies = list(conference.bodies.order_by("name").values_list("name", flat=True).distinct())
    ranges = _list_sheet(
        workbook,
        {
            _("Indicators"): [name for name, _unit in indicators],
            _("Units"): [unit for _name, unit in indicators],
            _("Bodies at the conference"): bodies,
        },
    )
    if _("Indicators") in ranges:
        _drop_down(sheet, FIGURE_COLUMNS, "indicator", ranges[_("Indicators")], strict=True)
    if _("Bodies at the conference") in ranges:
        # Any body may report: the list only suggests the usual ones.
        _drop_down(sheet, FIGURE_COLUMNS, "body", ranges[_("Bodies at the conference")], strict=False)
    return _save(workbook)


def recipients_template(decision: AwardDecision) -> bytes:
    """The .xlsx template for the named recipients of ``decision``."""
    workbook = openpyxl.Workbook()
    sheet = _data_sheet(workbook, _("Recipients"), RECIPIENT_COLUMNS)
    counts = [
        (label, count)
        for label, count in (
            (_("collectives"), decision.collective_count),
            (_("individuals"), decision.individual_count),
            (_("recipients in all"), decision.total_count),
        )
        if count is not None
    ]
    collective, individual = AwardRecipient.Kind.COLLECTIVE.label, AwardRecipient.Kind.INDIVIDUAL.label
    named = decision.recipients.count()
    lines = [
        _("Recipients of: %(decision)s") % {"decision": decision},
        _("Form of commendation: %(form)s") % {"form": decision.form},
        _("The decision counts %(counts)s: the names already recorded and those of this file must add up to that.")
        % {"counts": ", ".join(f"{count} {label}" for label, count in counts)}
        if counts
        else _("The decision gives no counts."),
        ngettext(
            "%(count)s recipient is already named in the registry; add only the others.",
            "%(count)s recipients are already named in the registry; add only the others.",
            named,
        )
        % {"count": named}
        if named
        else _("No recipient is named in the registry yet."),
        *_common_lines(),
        Heading(_("Columns")),
        _("Kind (required): “%(collective)s” or “%(individual)s”.")
        % {"collective": collective, "individual": individual},
        _("Name (required): the name of the collective, or the full name of the individual."),
        _("Body (optional): the collective's body, or the individual's unit, as a body of the registry."),
    ]
    _instructions_sheet(workbook, lines)
    ranges = _list_sheet(workbook, {_("Kinds"): [str(collective), str(individual)]})
    _drop_down(sheet, RECIPIENT_COLUMNS, "kind", ranges[_("Kinds")], strict=True)
    return _save(workbook)


def _save(workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
