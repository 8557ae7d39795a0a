"""Excel (.xlsx) files of the printable reports (花名册、统计表、登记册), streamed row by row.

Layout of every sheet: row 1 the title (merged across the table), row 2 填报单位 and 统计日期,
then any note lines (the filter in force), then the styled header row, which is frozen and
repeated on every printed page; data rows with thin borders; an optional 合计 row and closing
lines. Printing is set to A4 landscape, fit to one page wide, with 第 &P 页 / 共 &N 页 in the
footer. openpyxl's write-only mode keeps memory flat however many rows come, so a 100,000-row
roster needs no more memory than a 100-row one. Pure: data in, bytes out.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from contextlib import suppress
from copy import copy
from dataclasses import dataclass
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

FONT_NAME = "宋体"
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_SHADE = PatternFill("solid", fgColor="E6E6E6")
_ALIGN = {"LEFT": "left", "CENTER": "center", "RIGHT": "right"}


@dataclass(frozen=True)
class SheetColumn:
    """A column: header text, width in Excel character units, alignment, number format."""

    title: str
    width: float
    align: str = "LEFT"  # LEFT, CENTER or RIGHT
    number_format: str = ""  # e.g. "yyyy-mm-dd" for dates, "0.0%" for rates


@dataclass(frozen=True)
class SheetSpec:
    """What surrounds the rows of one sheet."""

    title: str
    sheet_name: str
    columns: tuple[SheetColumn, ...]
    info_left: str = ""
    info_right: str = ""
    notes: tuple[str, ...] = ()
    total_row: tuple[Any, ...] | None = None
    closing: tuple[str, ...] = ()
    creator: str = ""


class _Styler:
    """Makes styled write-only cells fast.

    Assigning font, border and alignment to each new cell looks every style up in the
    workbook's tables again (about 60 s for 100,000 rows of 13 cells); instead one prototype
    cell per column is styled once and its style index array copied into each new cell.
    """

    def __init__(self, ws: Any, columns: Sequence[SheetColumn]) -> None:
        self.ws = ws
        self.body_font = Font(name=FONT_NAME, size=10)
        self.bold_font = Font(name=FONT_NAME, size=10, bold=True)
        self.body_protos = [self._proto(c, total=False) for c in columns]
        self.total_protos = [self._proto(c, total=True) for c in columns]

    def _proto(self, column: SheetColumn, *, total: bool) -> WriteOnlyCell:
        cell = WriteOnlyCell(self.ws)
        cell.font = self.bold_font if total else self.body_font
        cell.border = _BORDER
        cell.alignment = Alignment(
            horizontal=_ALIGN.get(column.align, "left"), vertical="center", wrap_text=True
        )
        if total:
            cell.fill = _SHADE
        if column.number_format:
            cell.number_format = column.number_format
        return cell

    def body(self, values: Sequence[Any], *, total: bool = False) -> list[WriteOnlyCell]:
        protos = self.total_protos if total else self.body_protos
        cells = []
        for proto, value in zip(protos, values, strict=True):
            cell = WriteOnlyCell(self.ws, value=_plain(value))
            cell._style = copy(proto._style)  # see the class docstring
            cells.append(cell)
        return cells

    def line(self, text: str, *, size: float = 10, bold: bool = False, align: str = "left") -> Any:
        cell = WriteOnlyCell(self.ws, value=text)
        cell.font = Font(name=FONT_NAME, size=size, bold=bold)
        cell.alignment = Alignment(horizontal=align, vertical="center")
        return cell


def _plain(value: Any) -> Any:
    """Values Excel shows as they are: text, numbers and dates; ``None`` stays empty."""
    if value is None or isinstance(value, str | int | float | date):
        return value
    return str(value)


def _setup_print(ws: Any, n_cols: int, header_row: int) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = "9"  # A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages down as needed
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top, ws.page_margins.bottom = 0.6, 0.7
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.oddFooter.center.text = "第 &P 页 / 共 &N 页"
    ws.freeze_panes = f"A{header_row + 1}"
    ws.merged_cells.add(f"A1:{get_column_letter(n_cols)}1")


def build_xlsx(spec: SheetSpec, rows: Iterable[Sequence[Any]]) -> bytes:
    """The workbook as bytes; ``rows`` may be a generator and is read once."""
    wb = Workbook(write_only=True)
    if spec.creator:
        wb.properties.creator = spec.creator
    wb.properties.title = spec.title
    ws = wb.create_sheet(spec.sheet_name[:31])
    n = len(spec.columns)
    for i, column in enumerate(spec.columns, start=1):
        ws.column_dimensions[get_column_letter(i)].width = column.width
    ws.row_dimensions[1].height = 28
    header_row = 3 + len(spec.notes)
    ws.row_dimensions[header_row].height = 22
    _setup_print(ws, n, header_row)
    styler = _Styler(ws, spec.columns)

    ws.append([styler.line(spec.title, size=16, bold=True, align="center")])
    info: list[Any] = [styler.line(spec.info_left)] + [None] * (n - 1)
    if spec.info_right:
        info[-1] = styler.line(spec.info_right, align="right")
    ws.append(info)
    for note in spec.notes:
        ws.append([styler.line(note)])
    header = []
    for column in spec.columns:
        cell = WriteOnlyCell(ws, value=column.title)
        cell.font, cell.fill, cell.border = styler.bold_font, _SHADE, _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        header.append(cell)
    ws.append(header)
    try:
        for values in rows:
            ws.append(styler.body(values))
    except BaseException:  # a cancel or a failed read: leave no temporary file behind
        _discard(ws)
        raise
    if spec.total_row is not None:
        ws.append(styler.body(spec.total_row, total=True))
    for line in spec.closing:
        ws.append([styler.line(line)])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _discard(ws: Any) -> None:
    """Close a half-written write-only sheet and delete openpyxl's temporary file for it."""
    with suppress(Exception):
        if ws._rows is not None:
            ws._rows.close()
    writer = ws._writer
    if writer is not None:
        with suppress(Exception):
            writer.close()
        with suppress(Exception):
            writer.cleanup()
