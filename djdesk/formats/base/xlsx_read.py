"""Reading xlsx workbooks within limits: the zip is checked first, rows are streamed.

:func:`open_workbook` refuses what :func:`~djdesk.formats.base.zip_guard.check_zip` refuses,
then opens the workbook read-only; openpyxl's own complaints about a damaged file become
:class:`~djdesk.errors.FileRefusedError` (文件已损坏) and its warnings are not printed.
:class:`SheetStream` streams one sheet's rows as they are stored, with their Excel row
numbers: openpyxl's read-only sheets pad every gap with empty rows (a single cell in row
1,000,000 costs a million of them), this does not. Row numbers beyond Excel's 1,048,576 are
refused, rows are cut at ``max_col`` columns, and merged ranges are collected on the way.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.worksheet._reader import WorkSheetParser

from djdesk.errors import DjdeskError, FileRefusedError
from djdesk.formats.base.zip_guard import DAMAGED, TOO_LARGE, ZipLimits, check_zip

log = logging.getLogger(__name__)

EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384
#: Limits of an xlsx sent by a person (a roster, a catalogue): far above real files.
XLSX_LIMITS = ZipLimits(
    max_file_size=100 * 1024 * 1024,
    max_entries=2_000,
    max_entry_size=128 * 1024 * 1024,
    max_total_size=256 * 1024 * 1024,
    max_ratio=100.0,
    ratio_floor=4 * 1024 * 1024,
)
#: Merged ranges a sheet may declare (real sheets have a handful).
MAX_MERGED_RANGES = 10_000

MergedRange = tuple[int, int, int, int]  # min_col, min_row, max_col, max_row (1-based)


class NotAWorkbookError(FileRefusedError):
    """openpyxl could not open the file as a workbook (its zip directory was in order)."""


def damaged(name: str, what: str, exc: BaseException | None = None) -> FileRefusedError:
    detail = f"（{type(exc).__name__}）" if exc is not None else ""
    return FileRefusedError(name, DAMAGED, f"{what}{detail}")


@contextmanager
def quiet_warnings() -> Iterator[None]:
    """openpyxl warns about odd content (dates out of range, unknown extensions): the file's
    problems are reported as refusals or row reasons, not as console noise."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


@contextmanager
def open_workbook(path: Path, limits: ZipLimits = XLSX_LIMITS) -> Iterator[Any]:
    """A read-only workbook of ``path`` after the zip checks; closed on leaving."""
    check_zip(path, limits)
    with quiet_warnings(), Path(path).open("rb") as fh:
        try:
            book = load_workbook(fh, read_only=True, data_only=True)
        except DjdeskError:
            raise
        except Exception as exc:
            log.info("workbook %s refused", path, exc_info=True)
            raise NotAWorkbookError(
                Path(path).name, DAMAGED, f"无法作为 Excel 工作簿打开（{type(exc).__name__}）"
            ) from exc
        try:
            yield book
        finally:
            book.close()


class SheetStream:
    """One worksheet's stored rows, streamed: ``(row number, values)`` per ``<row>`` element.

    Values are cut at ``max_col`` columns and trailing empty cells are dropped (a row with no
    value gives ``()``). After the rows are exhausted, :attr:`merged` holds the sheet's merged
    ranges. Any parse error is a :class:`FileRefusedError` naming the file and the sheet.
    """

    def __init__(self, book: Any, sheet: Any, *, name: str, max_col: int = EXCEL_MAX_COLUMNS):
        self.book = book
        self.sheet = sheet
        self.name = name
        self.max_col = max(1, min(max_col, EXCEL_MAX_COLUMNS))
        self.merged: list[MergedRange] = []

    def _where(self) -> str:
        return f"工作表“{self.sheet.title}”"

    def _values(self, cells: list[dict[str, Any]]) -> tuple[Any, ...]:
        width = 0
        for cell in cells:
            column = cell["column"]
            if cell["value"] is not None and column <= self.max_col:
                width = max(width, column)
        if not width:
            return ()
        values: list[Any] = [None] * width
        for cell in cells:
            column = cell["column"]
            if 1 <= column <= width and cell["value"] is not None:
                values[column - 1] = cell["value"]
        return tuple(values)

    def rows(self) -> Iterator[tuple[int, tuple[Any, ...]]]:
        book = self.book
        try:
            with quiet_warnings(), self.sheet._get_source() as source:
                parser = WorkSheetParser(
                    source,
                    self.sheet._shared_strings,
                    data_only=True,
                    epoch=book.epoch,
                    date_formats=book._date_formats,
                    timedelta_formats=book._timedelta_formats,
                )
                for number, cells in parser.parse():
                    if not 1 <= number <= EXCEL_MAX_ROWS:
                        raise FileRefusedError(
                            self.name,
                            DAMAGED,
                            f"{self._where()}有第 {number:,} 行，超出了 Excel 的范围"
                            f"（最多 {EXCEL_MAX_ROWS:,} 行）",
                        )
                    yield number, self._values(cells)
                self.merged = self._merged(parser)
        except DjdeskError:
            raise
        except Exception as exc:
            log.info("sheet %s of %s refused", self.sheet.title, self.name, exc_info=True)
            raise damaged(self.name, f"{self._where()}的内容无法读取", exc) from exc

    def _merged(self, parser: Any) -> list[MergedRange]:
        declared = getattr(parser.merged_cells, "mergeCell", None) or []
        if len(declared) > MAX_MERGED_RANGES:
            raise FileRefusedError(
                self.name,
                TOO_LARGE,
                f"{self._where()}有 {len(declared):,} 个合并单元格，超过上限 {MAX_MERGED_RANGES:,}",
            )
        ranges = []
        for merged in declared:
            box = (merged.min_col, merged.min_row, merged.max_col, merged.max_row)
            if not all(isinstance(v, int) and v >= 1 for v in box):
                raise damaged(self.name, f"{self._where()}的合并单元格“{merged.coord}”无效")
            if box[2] > EXCEL_MAX_COLUMNS or box[3] > EXCEL_MAX_ROWS:
                raise damaged(self.name, f"{self._where()}的合并单元格“{merged.coord}”超出表格范围")
            ranges.append(box)
        return ranges
