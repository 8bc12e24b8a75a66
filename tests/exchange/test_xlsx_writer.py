"""The .xlsx writer on its own (coordination/exports.py): rows of plain values written as a
workbook that Excel and openpyxl open, sent in pieces while the rows are read."""

import datetime
import io
import struct
import zipfile

import pytest
from openpyxl import load_workbook

from exchange import exports
from exchange.exports import Column, Export

EXPORT = Export(
    "test",
    "Bob's list: 2024",
    selector=None,
    columns=(
        Column("id", "Record ID", "pk", width=8),
        Column("held_on", "Held on", "held_on", width=12),
        Column("title", "A title longer than its column", "title", width=10),
        Column("names", "Names", "names", width=30),
    ),
)


@pytest.fixture
def write(monkeypatch):
    """``write(rows)``: the pieces of the workbook of ``rows`` (lists of values), as they come."""

    def _write(rows):
        monkeypatch.setattr(exports, "rows", lambda export, queryset, site: iter(rows))
        return exports.xlsx_chunks(EXPORT, None, "https://example.org")

    return _write


def test_each_kind_of_value_gets_the_cell_it_needs(write):
    content = b"".join(
        write(
            [
                [1, datetime.date(2020, 1, 8), '=HYPERLINK("http://evil")', ["Công an tỉnh Bến Tre", "Bộ Công an"]],
                [2, None, "\x0b\x1f", []],
                [3, datetime.date(1945, 9, 2), "a\x08b <&> \"c\" 'd'", None],
            ]
        )
    )
    sheet = load_workbook(io.BytesIO(content)).active
    assert [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)] == [
        [1, datetime.datetime(2020, 1, 8), '=HYPERLINK("http://evil")', "Công an tỉnh Bến Tre; Bộ Công an"],
        [2, None, None, None],
        [3, datetime.datetime(1945, 9, 2), "ab <&> \"c\" 'd'", None],
    ]
    assert sheet["A2"].data_type == "n"
    assert sheet["B2"].number_format == "DD/MM/YYYY"
    assert sheet["C2"].data_type == "s"  # text, not a formula


def test_the_sheet_has_its_title_a_bold_frozen_header_widths_and_a_filter(write):
    sheet = load_workbook(io.BytesIO(b"".join(write([[1, None, "x", []], [2, None, "y", []]])))).active
    assert sheet.title == "Bob's list  2024"  # ":" is not allowed in a sheet's name
    assert [cell.value for cell in sheet[1]] == ["Record ID", "Held on", "A title longer than its column", "Names"]
    assert all(cell.font.b for cell in sheet[1])
    assert not sheet["A2"].font.b
    assert sheet.freeze_panes == "A2"
    assert [sheet.column_dimensions[letter].width for letter in "ABCD"] == [11, 12, 32, 30]
    assert sheet.auto_filter.ref == "A1:D3"


def test_the_zip_takes_the_form_excel_opens(write):
    """Sizes after each part (data descriptors), as a zip written to a pipe must, and no ZIP64
    record, which Excel is reported to refuse in a file this small."""
    content = b"".join(write([[1, None, "x", []]]))
    package = zipfile.ZipFile(io.BytesIO(content))
    assert package.testzip() is None
    assert package.namelist()[0] == "[Content_Types].xml"
    assert set(package.namelist()) == {
        "[Content_Types].xml",
        "_rels/.rels",
        "xl/_rels/workbook.xml.rels",
        "xl/styles.xml",
        "xl/worksheets/sheet1.xml",
        "xl/workbook.xml",
    }
    for info in package.infolist():
        signature, version, flags = struct.unpack("<IHH", content[info.header_offset : info.header_offset + 8])
        (extra_length,) = struct.unpack("<H", content[info.header_offset + 28 : info.header_offset + 30])
        assert (signature, version, extra_length) == (0x04034B50, 20, 0), info.filename
        assert flags & 0x08, info.filename  # sizes in a data descriptor
        assert info.extra == b"", info.filename
    assert b"'Bob''s list  2024'!$A$1:$D$2" in package.read("xl/workbook.xml")


def test_the_rows_leave_in_pieces_while_they_are_read(write):
    count = 20_000
    read = []

    def rows():
        for number in range(count):
            read.append(number)
            yield [number, datetime.date(2020, 1, 1) + datetime.timedelta(days=number % 900), f"Hội nghị {number}", []]

    pieces = [(len(read), piece) for piece in write(rows())]
    content = b"".join(piece for _rows_read, piece in pieces)
    assert all(piece for _rows_read, piece in pieces)
    # Most of the file is sent before the last row is read; what is left is the end of the zip.
    assert sum(len(piece) for rows_read, piece in pieces if rows_read < count) > len(content) / 2
    assert load_workbook(io.BytesIO(content)).active.max_row == count + 1
