"""Table reports on A4 (花名册、统计表、登记册): title, info line, ruled table, page numbers.

:func:`build_table_report` lays out a :class:`TableReport` (title, issuer, columns, notes, an
optional 合计 row and closing lines) and the rows given to it, landscape or portrait, and
returns PDF bytes. Every page repeats the header row and says 第 X 页 / 共 Y 页; pages after the
first carry the title small at the top. Pure: data in, bytes out.

Big tables (a 100,000-member roster) are paginated here instead of by reportlab's splitter,
which re-measures all remaining rows at every page break (quadratic time). Cells are pre-wrapped
into lines by measured width (Chinese breaks between any two characters), so every row height
is known; rows are packed into pages and each page becomes one ``LongTable`` with explicit row
heights, which reportlab then draws without measuring anything. The 共 Y 页 is a form XObject
defined once after the last page, so finished pages need not be held in memory.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    LongTable,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from djdesk import APP_NAME
from djdesk.documents.base.fonts import HEI, SONG
from djdesk.documents.base.styles import FAINT, INK, SHADE, StrokedParagraph, make_styles, para
from djdesk.progress import EXPORT_CANCELLED, CancelledError, CancelledFn, ProgressFn

FONT_SIZE = 8.5
LEADING = 10.5
PAD_V, PAD_H = 2.5, 3.0
MAX_LINES = 6  # a longer cell is cut with …; no row may outgrow a page
_TOTAL_FORM = "djdeskPageTotal"
_CANNOT_START = "，。、；：？！）》〉」』】〕”’…·％,.;:?!)]}%"


@dataclass(frozen=True)
class Column:
    """A table column: header text, relative width, alignment (LEFT, CENTER or RIGHT) and
    number format (Excel style: ``0.0%`` prints a fraction as a percentage)."""

    title: str
    weight: float
    align: str = "LEFT"
    fmt: str = ""


@dataclass(frozen=True)
class TableReport:
    """Everything around the rows: what the report is, who issues it, how it opens and ends."""

    title: str
    issuer: str  # the site's full name: 填报单位 and the PDF author
    columns: tuple[Column, ...]
    info_left: str = ""  # e.g. 填报单位：…
    info_right: str = ""  # e.g. 统计日期：2026年11月23日
    notes: tuple[str, ...] = ()  # lines under the info line (the filter in force)
    total_row: tuple[object, ...] | None = None  # 合计, shaded, after the last row
    closing: tuple[str, ...] = ()  # lines after the table (共 N 人, 填表人 …)
    landscape: bool = True
    footer_note: str = ""
    subject: str = ""
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class PageGeometry:
    """Page size and margins of one orientation."""

    width: float
    height: float
    left: float
    right: float
    top: float
    bottom: float

    @property
    def frame_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def frame_height(self) -> float:
        return self.height - self.top - self.bottom


_A4_WIDE, _A4_TALL = landscape(A4)
LANDSCAPE = PageGeometry(_A4_WIDE, _A4_TALL, 15 * mm, 12 * mm, 14 * mm, 16 * mm)
PORTRAIT = PageGeometry(_A4_TALL, _A4_WIDE, 22 * mm, 15 * mm, 16 * mm, 18 * mm)


def geometry(report: TableReport) -> PageGeometry:
    return LANDSCAPE if report.landscape else PORTRAIT


class _Widths:
    """Glyph advance widths of the table face at the table size, cached per character."""

    def __init__(self, font: str = HEI, size: float = FONT_SIZE) -> None:
        self.font, self.size = getFont(font), size
        self.cache: dict[str, float] = {}

    def of(self, char: str) -> float:
        width = self.cache.get(char)
        if width is None:
            width = self.cache[char] = self.font.stringWidth(char, self.size)
        return width


def wrap_text(text: str, width: float, widths: _Widths, max_lines: int = MAX_LINES) -> list[str]:
    """Greedy line breaks by measured width; closing punctuation never starts a line."""
    lines: list[str] = []
    for part in text.split("\n"):
        line, used = "", 0.0
        for char in part:
            w = widths.of(char)
            if line and used + w > width and char not in _CANNOT_START:
                lines.append(line)
                line, used = "", 0.0
            line += char
            used += w
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][:-1] + "…"
    return lines


def cell_text(value: object, fmt: str = "") -> str:
    """A typed cell value as printed: dates ISO, fractions under a ``%`` format as percent."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and "%" in fmt:
        return f"{value * 100:.1f}%"
    return str(value)


class _Prepared:
    """Rows turned into wrapped cell text and row heights."""

    def __init__(self, report: TableReport, width: float) -> None:
        total = sum(c.weight for c in report.columns)
        self.col_widths = [width * c.weight / total for c in report.columns]
        self.text_widths = [w - 2 * PAD_H for w in self.col_widths]
        self.formats = [c.fmt for c in report.columns]
        self.widths = _Widths()

    def row(self, values: Sequence[object]) -> tuple[list[str], float]:
        cells: list[str] = []
        lines = 1
        for value, width, fmt in zip(values, self.text_widths, self.formats, strict=True):
            wrapped = wrap_text(cell_text(value, fmt), width, self.widths)
            lines = max(lines, len(wrapped))
            cells.append("\n".join(wrapped))
        return cells, lines * LEADING + 2 * PAD_V


def _table_style(n_rows: int, aligns: Sequence[str], *, total: bool) -> TableStyle:
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), HEI, FONT_SIZE, LEADING),
        ("GRID", (0, 0), (-1, -1), 0.5, INK),
        ("BOX", (0, 0), (-1, -1), 1.0, INK),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), PAD_V),
        ("BOTTOMPADDING", (0, 0), (-1, -1), PAD_V),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD_H),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD_H),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
    ]
    commands += [("ALIGN", (i, 1), (i, -1), a) for i, a in enumerate(aligns) if a != "LEFT"]
    if total:
        commands += [
            ("BACKGROUND", (0, n_rows - 1), (-1, n_rows - 1), SHADE),
            ("LINEABOVE", (0, n_rows - 1), (-1, n_rows - 1), 1.0, INK),
            ("ALIGN", (0, n_rows - 1), (0, n_rows - 1), "CENTER"),
        ]
    return TableStyle(commands)


def _page_tables(
    report: TableReport,
    rows: Iterable[Sequence[object]],
    prep: _Prepared,
    rooms: tuple[float, float],
    on_rows: Callable[[int], None],
) -> Iterator[Flowable]:
    """One LongTable per page (header + as many rows as fit), with page breaks between."""
    header, header_h = prep.row([c.title for c in report.columns])
    aligns = [c.align for c in report.columns]
    page_rows: list[list[str]] = []
    heights: list[float] = []
    first_room, room = rooms
    free = first_room - header_h

    def table(total: bool = False) -> Flowable:
        t = LongTable(
            [header, *page_rows],
            colWidths=prep.col_widths,
            rowHeights=[header_h, *heights],
            repeatRows=1,
            hAlign="CENTER",
        )
        t.setStyle(_table_style(len(page_rows) + 1, aligns, total=total))
        return t

    tail = [] if report.total_row is None else [report.total_row]
    count = 0
    for count, values in enumerate(itertools.chain(rows, tail), start=1):
        cells, h = prep.row(values)
        if page_rows and h > free:
            on_rows(count - 1)
            yield table()
            yield PageBreak()
            page_rows, heights, free = [], [], room - header_h
        page_rows.append(cells)
        heights.append(h)
        free -= h
    on_rows(count - len(tail))  # the 合计 row is not one of the rows
    if page_rows or not tail:
        yield table(total=bool(tail))


def _front(report: TableReport, width: float) -> list[Flowable]:
    styles = make_styles()
    title = ParagraphStyle("report-title", styles.title, fontSize=18, leading=24)
    info = ParagraphStyle("report-info", styles.cell, fontSize=9.5, leading=13)
    out: list[Flowable] = [StrokedParagraph(report.title, title, stroke=0.5), Spacer(1, 2 * mm)]
    if report.info_left or report.info_right:
        right = ParagraphStyle("report-info-right", info, alignment=TA_RIGHT)
        line = Table(
            [[para(report.info_left, info), para(report.info_right, right)]],
            colWidths=[width * 0.62, width * 0.38],
        )
        line.setStyle(
            [
                ("FONT", (0, 0), (-1, -1), HEI, info.fontSize),  # else Helvetica is set
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
            ]
        )
        out.append(line)
    out += [
        para(note, ParagraphStyle("report-note", info, alignment=TA_LEFT)) for note in report.notes
    ]
    out.append(Spacer(1, 1.5 * mm))
    return out


def _closing(report: TableReport) -> list[Flowable]:
    styles = make_styles()
    st = ParagraphStyle("report-closing", styles.cell, fontSize=9.5, leading=15)
    return [Spacer(1, 2 * mm), *(para(line, st) for line in report.closing)]


def _canvas_class(report: TableReport, page: PageGeometry) -> type[Canvas]:
    """A canvas that draws the footer as it goes and the page total once, at the end."""
    centre = page.left + page.frame_width / 2
    y = page.bottom - 9 * mm

    class ReportCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no type hints
        def showPage(self) -> None:
            number = self.getPageNumber()
            self.saveState()
            self.setFont(SONG, 9)
            self.drawRightString(centre - 3, y, f"第 {number} 页")
            self.drawCentredString(centre, y, "/")
            self.doForm(_TOTAL_FORM)
            if number > 1:
                self.setFillColor(FAINT)
                self.setFont(HEI, 7.5)
                self.drawString(page.left, page.height - page.top + 3 * mm, f"{report.title}（续）")
            if report.footer_note:
                self.setFillColor(FAINT)
                self.setFont(HEI, 7)
                self.drawRightString(page.width - page.right, y, report.footer_note)
            self.restoreState()
            super().showPage()

        def save(self) -> None:
            total = self.getPageNumber() - 1
            self.beginForm(_TOTAL_FORM)
            self.setFont(SONG, 9)
            self.drawString(centre + 3, y, f"共 {max(total, 1)} 页")
            self.endForm()
            super().save()

    return ReportCanvas


class _LazyStory(list[Flowable]):
    """A story that pulls its flowables from an iterator as reportlab consumes it.

    ``BaseDocTemplate.build`` only asks for the length, looks at and deletes the first item and
    puts split parts back in front; topping the list up on ``len`` keeps just one page of table
    in memory instead of all of them (a 100,000-row roster: about 0.3 GB less).
    """

    def __init__(self, source: Iterable[Flowable]) -> None:
        super().__init__()
        self._source = iter(source)

    def __len__(self) -> int:
        while super().__len__() < 2:
            item = next(self._source, None)
            if item is None:
                break
            self.append(item)
        return super().__len__()


def build_table_report(
    report: TableReport,
    rows: Iterable[Sequence[object]],
    *,
    invariant: bool = False,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
    row_count: int | None = None,
) -> bytes:
    """The report as PDF bytes; ``rows`` may be a generator, read once as pages are laid out.

    ``progress(done, total, text)`` counts rows laid out (``total`` is ``row_count``, 0 when
    unknown); ``cancelled()`` is asked at every page and raises
    :class:`~djdesk.progress.CancelledError`.
    """
    make_styles()  # registers the fonts
    page = geometry(report)
    width = page.frame_width
    front = _front(report, width)
    used = sum(
        f.wrap(width, page.frame_height)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in front
    )
    prep = _Prepared(report, width)

    def on_rows(done: int) -> None:
        if cancelled is not None and cancelled():
            raise CancelledError(EXPORT_CANCELLED)
        if progress is not None:
            progress(done, row_count or 0, f"正在生成 PDF：已排版 {done} 行")

    rooms = (page.frame_height - used - 1, page.frame_height - 1)
    tables = _page_tables(report, rows, prep, rooms, on_rows)
    story = _LazyStory(itertools.chain(front, tables, _closing(report)))
    buffer = io.BytesIO()
    no_padding = dict.fromkeys(("leftPadding", "rightPadding", "topPadding", "bottomPadding"), 0)
    frame = Frame(page.left, page.bottom, width, page.frame_height, id="body", **no_padding)
    doc = BaseDocTemplate(
        buffer,
        pagesize=(page.width, page.height),
        pageTemplates=[PageTemplate(id="report", frames=[frame])],
        leftMargin=page.left,
        rightMargin=page.right,
        topMargin=page.top,
        bottomMargin=page.bottom,
        title=report.title,
        author=report.issuer,
        subject=report.subject,
        creator=APP_NAME,
        keywords=list(report.keywords),
        lang="zh-CN",
        displayDocTitle=1,
        initialFontName=SONG,
        initialFontSize=10,
        invariant=1 if invariant else 0,
    )
    doc.build(story, canvasmaker=_canvas_class(report, page))
    return buffer.getvalue()
