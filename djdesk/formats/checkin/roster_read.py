"""Reading a roster workbook: refuse what is not an xlsx, pick the sheet, find the header,
undo merged cells and drop blank, 合计 and 示例 rows.

openpyxl's read-only mode streams the rows (10k-row sheets read in a second or two) but does
not report merged ranges, so those are read from the sheet's XML part directly.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.exceptions import InvalidFileException

from djdesk.errors import DjdeskError
from djdesk.formats.checkin.roster_columns import (
    EXAMPLE_MARK,
    HEADER_SCAN_ROWS,
    SYNONYMS,
    HeaderMatch,
    detect_header,
    field_for_header,
    is_total_row,
    match_header_row,
    required_columns_hint,
    text_of,
    title_unit,
)
from djdesk.progress import IMPORT_CANCELLED, CancelledError, CancelledFn, ProgressFn

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
_READ_ERRORS = (
    zipfile.BadZipFile,
    InvalidFileException,
    KeyError,
    OSError,
    ValueError,
    TypeError,
    EOFError,
    ParseError,
    zlib.error,
)
_MERGE_REF = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+:[A-Z]+[0-9]+)"')
PROGRESS_EVERY = 500


class RosterFileError(DjdeskError):
    """The file cannot be imported as a roster; nothing was written."""


@dataclass(frozen=True)
class RosterRow:
    number: int  # the row number Excel shows
    cells: tuple[Any, ...]

    def get(self, column: int | None) -> Any:
        if column is None or column >= len(self.cells):
            return None
        return self.cells[column]


@dataclass(frozen=True)
class RosterSheet:
    """The data rows of the chosen sheet with what was learnt about its layout."""

    file: Path
    sheet: str
    header: HeaderMatch
    unit_from_title: str
    rows: tuple[RosterRow, ...]
    skipped: int  # blank, 合计, 示例 and repeated-header rows


def _file_error(path: Path, what: str) -> RosterFileError:
    return RosterFileError(f"无法导入“{path.name}”：{what}。未做任何改动。")


def check_file_kind(path: Path) -> None:
    """Refuse files that are not xlsx by their first bytes (extensions lie)."""
    if not path.is_file():
        raise RosterFileError(f"找不到文件“{path}”。")
    with path.open("rb") as fh:
        head = fh.read(8)
    if head == OLE2_MAGIC:
        raise _file_error(
            path,
            "这是设有打开密码（加密）的 Excel 文件，或旧版 .xls 文件。请在 Excel 中取消"
            "密码，或“另存为”Excel 工作簿（*.xlsx）后再导入",
        )
    if not head.startswith(ZIP_MAGIC):
        raise _file_error(
            path,
            "不是 Excel 工作簿（.xlsx）文件。CSV、WPS 等格式请先在表格软件中"
            "“另存为”Excel 工作簿（*.xlsx）",
        )


@contextmanager
def _workbook(path: Path) -> Iterator[Any]:
    check_file_kind(path)
    with path.open("rb") as fh:
        try:
            book = load_workbook(fh, read_only=True, data_only=True)
        except _READ_ERRORS as exc:
            raise _file_error(
                path, f"文件已损坏或不是有效的 Excel 工作簿（{type(exc).__name__}）"
            ) from exc
        try:
            yield book
        finally:
            book.close()


def _merged_ranges(book: Any, sheet: Any) -> list[tuple[int, int, int, int]]:
    """(min_col, min_row, max_col, max_row) of every merged range, 1-based."""
    archive: zipfile.ZipFile | None = getattr(book, "_archive", None)
    part: str | None = getattr(sheet, "_worksheet_path", None)
    if archive is None or part is None:
        return []
    data = archive.read(part)
    start = data.rfind(b"<mergeCells")
    if start < 0:
        start = data.rfind(b":mergeCells")
    if start < 0:
        return []
    ranges = []
    for ref in _MERGE_REF.findall(data, start):
        min_col, min_row, max_col, max_row = range_boundaries(ref.decode("ascii"))
        ranges.append((min_col, min_row, max_col, max_row))
    return ranges


def _fill_merges(rows: list[list[Any]], ranges: list[tuple[int, int, int, int]]) -> None:
    """Give every cell of a merged range the value of its top-left cell (Excel shows it so)."""
    for min_col, min_row, max_col, max_row in ranges:
        if min_row > len(rows):
            continue
        top = rows[min_row - 1]
        value = top[min_col - 1] if min_col - 1 < len(top) else None
        for r in range(min_row, min(max_row, len(rows)) + 1):
            row = rows[r - 1]
            if len(row) < max_col:
                row.extend([None] * (max_col - len(row)))
            for c in range(min_col, max_col + 1):
                if (r, c) != (min_row, min_col):
                    row[c - 1] = value


def _header_bottom(header: HeaderMatch, ranges: list[tuple[int, int, int, int]]) -> int:
    """The last row of a header whose cells are merged downwards (two-row headers)."""
    bottom = header.row
    for _min_col, min_row, _max_col, max_row in ranges:
        if min_row <= header.row < max_row:
            bottom = max(bottom, max_row)
    return bottom


def _combined_header(rows: list[list[Any]], header: HeaderMatch, bottom: int) -> HeaderMatch:
    """Sub-headers under a merged header cell (家庭住址 → 小区/楼栋/单元/室) take precedence."""
    cells = list(rows[header.row - 1])
    for number in range(header.row + 1, bottom + 1):
        for index, value in enumerate(rows[number - 1]):
            if index >= len(cells):
                cells.append(None)
            if value is not None and field_for_header(value) and value != cells[index]:
                cells[index] = value
    return match_header_row(header.row, cells)


def _scan_sheet(sheet: Any) -> HeaderMatch | None:
    sheet.reset_dimensions()  # some writers store a wrong used range (A1:A1)
    head = list(islice(sheet.iter_rows(values_only=True), HEADER_SCAN_ROWS))
    return detect_header(head)


def _is_skippable(cells: list[Any], header: HeaderMatch) -> bool:
    """Blank rows, 合计 rows, the template's 示例 row, repeated headers and notes under the
    table (rows with neither a name nor an ID number)."""
    filled = [c for c in cells if c is not None and (not isinstance(c, str) or c.strip())]
    if not filled:
        return True
    first = [text_of(c) for c in filled[:3]]
    if is_total_row(first) or EXAMPLE_MARK in first[:2]:
        return True
    seq = header.columns.get("seq")
    if seq is not None and seq < len(cells) and text_of(cells[seq]).startswith(EXAMPLE_MARK):
        return True

    def at(key: str) -> str:
        index = header.columns[key]
        return text_of(cells[index]) if index < len(cells) else ""

    name, id_number = at("name"), at("id_number")
    if name.replace(" ", "") in SYNONYMS["name"]:  # the header repeated (printed sheets)
        return True
    return not name and not id_number


def read_roster(
    path: Path | str, *, progress: ProgressFn | None = None, cancelled: CancelledFn | None = None
) -> RosterSheet:
    """The first sheet with a recognisable header, its data rows cleaned of layout noise.

    Raises :class:`RosterFileError` for a file that is not a readable xlsx or has no sheet with
    姓名 and 身份证 columns,
    :class:`~djdesk.progress.CancelledError` when ``cancelled()`` turns true.
    """
    path = Path(path)
    with _workbook(path) as book:
        try:
            chosen = next(
                ((s, h) for s in book.worksheets if (h := _scan_sheet(s)) is not None), None
            )
            if chosen is None:
                names = "、".join(f"“{s.title}”" for s in book.worksheets)
                raise _file_error(
                    path,
                    f"在工作表 {names} 的前 {HEADER_SCAN_ROWS} 行中都没有找到"
                    f"表头。{required_columns_hint()}",
                )
            sheet, header = chosen
            rows: list[list[Any]] = []
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                rows.append(list(values))
                if number % PROGRESS_EVERY == 0:
                    if cancelled is not None and cancelled():
                        raise CancelledError(IMPORT_CANCELLED)
                    if progress is not None:
                        progress(0, 0, f"正在读取第 {number} 行……")
            ranges = _merged_ranges(book, sheet)
        except _READ_ERRORS as exc:
            raise _file_error(path, f"读取时出错，文件可能已损坏（{type(exc).__name__}）") from exc
    _fill_merges(rows, ranges)
    bottom = _header_bottom(header, ranges)
    if bottom > header.row:
        header = _combined_header(rows, header, bottom)
    data: list[RosterRow] = []
    skipped = 0
    for number in range(bottom + 1, len(rows) + 1):
        cells = rows[number - 1]
        if _is_skippable(cells, header):
            skipped += 1 if any(c is not None and text_of(c) for c in cells) else 0
            continue
        data.append(RosterRow(number, tuple(cells)))
    unit = title_unit(rows[: header.row - 1])
    return RosterSheet(path, str(sheet.title), header, unit, tuple(data), skipped)
