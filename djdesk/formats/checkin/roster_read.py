"""Reading a roster workbook: refuse what is not an xlsx or breaks the limits, pick the sheet,
find the header, read merged cells as Excel shows them and drop blank, 合计 and 示例 rows.

The file is checked before openpyxl parses anything (:mod:`djdesk.formats.base.zip_guard`:
encryption, compression method, zip version, names, sizes and compression ratio), and rows are
streamed as stored (:class:`~djdesk.formats.base.xlsx_read.SheetStream`): only rows holding
values are kept, row numbers past Excel's 1,048,576 and more than :data:`MAX_DATA_ROWS` rows
with values are refused, so a sheet padded with empty rows costs a parse, never the memory
of its padding. Merged ranges are read or refused by :mod:`.roster_merges`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from djdesk.errors import DjdeskError, FileRefusedError
from djdesk.formats.base.xlsx_read import (
    EXCEL_MAX_ROWS,
    NotAWorkbookError,
    SheetStream,
    open_workbook,
)
from djdesk.formats.checkin.roster_columns import (
    EXAMPLE_MARK,
    FIELD_TITLES,
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
from djdesk.formats.checkin.roster_merges import (
    Rows,
    data_under_header,
    fill_merges,
    header_bottom,
    hidden_identities,
)
from djdesk.progress import IMPORT_CANCELLED, CancelledError, CancelledFn, ProgressFn

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
PROGRESS_EVERY = 500
#: Rows with values a roster may have (a street's rosters have tens of thousands at most).
MAX_DATA_ROWS = 200_000
#: Columns read from a row (a roster has about 25; Excel allows 16,384).
MAX_COLUMNS = 256
#: Sheets whose first rows are searched for a header.
MAX_SHEETS_SCANNED = 100


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
    try:
        with open_workbook(path) as book:
            yield book
    except NotAWorkbookError as exc:
        why = exc.__cause__
        raise _file_error(
            path, f"文件已损坏或不是有效的 Excel 工作簿（{type(why).__name__}）"
        ) from exc
    except FileRefusedError as exc:
        raise _file_error(path, f"{exc.kind}（{exc.reason}）") from exc


def _scan_sheet(book: Any, sheet: Any, name: str) -> HeaderMatch | None:
    head: list[tuple[Any, ...]] = [()] * HEADER_SCAN_ROWS
    for number, values in SheetStream(book, sheet, name=name, max_col=MAX_COLUMNS).rows():
        if number > HEADER_SCAN_ROWS:
            break
        head[number - 1] = values
    return detect_header(head)


def _read_rows(
    book: Any,
    sheet: Any,
    path: Path,
    progress: ProgressFn | None,
    cancelled: CancelledFn | None,
) -> tuple[Rows, list[tuple[int, int, int, int]]]:
    """Rows holding values (by Excel row number) and the merged ranges of ``sheet``."""
    stream = SheetStream(book, sheet, name=path.name, max_col=MAX_COLUMNS)
    rows: Rows = {}
    for seen, (number, values) in enumerate(stream.rows(), start=1):
        if values and any(v is not None and text_of(v) for v in values):
            rows[number] = list(values)
            if len(rows) > MAX_DATA_ROWS:
                raise _file_error(
                    path,
                    f"文件过大（工作表“{sheet.title}”有 {MAX_DATA_ROWS:,} 行以上的数据，"
                    "请拆分成几个文件分批导入）",
                )
        if seen % PROGRESS_EVERY == 0:
            if cancelled is not None and cancelled():
                raise CancelledError(IMPORT_CANCELLED)
            if progress is not None:
                progress(0, 0, f"正在读取第 {number} 行……")
    return rows, stream.merged


def _combined_header(rows: Rows, header: HeaderMatch, bottom: int) -> HeaderMatch:
    """Sub-headers under a merged header cell (家庭住址 → 小区/楼栋/单元/室) take precedence."""
    cells = list(rows.get(header.row, ()))
    for number in range(header.row + 1, bottom + 1):
        for index, value in enumerate(rows.get(number, ())):
            if index >= len(cells):
                cells.append(None)
            if value is not None and field_for_header(value) and value != cells[index]:
                cells[index] = value
    return match_header_row(header.row, cells)


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


def _layout(
    path: Path, rows: Rows, ranges: list[Any], header: HeaderMatch
) -> tuple[HeaderMatch, int]:
    """Apply the merged ranges; the (possibly combined) header and its last row."""
    numbers = sorted(rows)
    try:
        bottom = header_bottom(header, ranges, numbers)
    except ValueError as exc:
        raise _file_error(path, str(exc)) from exc
    problem = data_under_header(rows, header, bottom) or hidden_identities(
        ranges, header, bottom, numbers
    )
    problem = problem or fill_merges(rows, ranges)
    if problem:
        raise _file_error(path, problem)
    if bottom > header.row:
        header = _combined_header(rows, header, bottom)
        if header.missing:
            names = "、".join(f"“{FIELD_TITLES[k]}”" for k in header.missing)
            raise _file_error(path, f"合并表头后找不到{names}列。{required_columns_hint()}")
    return header, bottom


def read_roster(
    path: Path | str, *, progress: ProgressFn | None = None, cancelled: CancelledFn | None = None
) -> RosterSheet:
    """The first sheet with a recognisable header, its data rows cleaned of layout noise.

    Raises :class:`RosterFileError` for a file that is not a readable xlsx, breaks a limit, has
    merged cells that hide data or has no sheet with 姓名 and 身份证 columns,
    :class:`~djdesk.progress.CancelledError` when ``cancelled()`` turns true.
    """
    path = Path(path)
    with _workbook(path) as book:
        try:
            sheets = book.worksheets[:MAX_SHEETS_SCANNED]
            chosen = next(
                ((s, h) for s in sheets if (h := _scan_sheet(book, s, path.name)) is not None),
                None,
            )
            if chosen is None:
                names = "、".join(f"“{s.title}”" for s in sheets[:10])
                raise _file_error(
                    path,
                    f"在工作表 {names} 的前 {HEADER_SCAN_ROWS} 行中都没有找到"
                    f"表头。{required_columns_hint()}",
                )
            sheet, header = chosen
            rows, ranges = _read_rows(book, sheet, path, progress, cancelled)
        except FileRefusedError as exc:
            raise _file_error(path, f"{exc.kind}（{exc.reason}）") from exc
    header, bottom = _layout(path, rows, ranges, header)
    data: list[RosterRow] = []
    skipped = 0
    for number in sorted(rows):
        if number <= bottom:
            continue
        cells = rows[number]
        if _is_skippable(cells, header):
            skipped += 1 if any(c is not None and text_of(c) for c in cells) else 0
            continue
        data.append(RosterRow(number, tuple(cells)))
    above = [rows.get(n, []) for n in range(1, header.row)]
    unit = title_unit(above)
    return RosterSheet(path, str(sheet.title), header, unit, tuple(data), skipped)


__all__ = ["EXCEL_MAX_ROWS", "RosterFileError", "RosterRow", "RosterSheet", "read_roster"]
