"""Painting the time grid with one QPainter: hours, closed stretches, booking blocks, the
selection and the cursor, then the fixed header (room or day names) and the time gutter.

Everything is drawn in one pass over the visible columns only, so a day of 30 rooms and a few
hundred bookings paints in a few milliseconds; there is no child widget per booking. Colours
come from the theme's tokens (:data:`~djdesk.ui.common.theme.BOOKING_TONES` …).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPen

from djdesk.services.rooms.calendar import format_minute
from djdesk.ui.common import theme
from djdesk.ui.rooms.block_art import BlockArt, BlockText, Tone
from djdesk.ui.rooms.grid_model import GridData, GridSelection, Placed


@dataclass(frozen=True)
class Metrics:
    """Sizes of the grid in pixels."""

    header: int = 48
    gutter: int = 60
    row: int = 26
    min_column: int = 116


@dataclass(frozen=True)
class Geometry:
    """Where things are for the current size and scroll position."""

    metrics: Metrics
    column_width: int
    dx: int  # horizontal scroll offset
    dy: int  # vertical scroll offset

    def column_x(self, column: int) -> int:
        return self.metrics.gutter + column * self.column_width - self.dx

    def row_y(self, row: int) -> int:
        return self.metrics.header + row * self.metrics.row - self.dy

    def cell(self, column: int, row: int, rows: int = 1) -> QRect:
        return QRect(
            self.column_x(column), self.row_y(row), self.column_width, rows * self.metrics.row
        )


def _minute_y(data: GridData, geo: Geometry, minute: int) -> float:
    return geo.row_y(0) + (minute - data.first_minute) * geo.metrics.row / data.slot


def visible_columns(data: GridData, geo: Geometry, width: int) -> range:
    first = max(0, (geo.dx) // geo.column_width)
    last = min(len(data.columns), (geo.dx + width - geo.metrics.gutter) // geo.column_width + 1)
    return range(first, last)


def closed_stretches(
    intervals: tuple[tuple[int, int], ...], first: int, last: int
) -> list[tuple[int, int]]:
    """The stretches of ``[first, last)`` outside the opening intervals (drawn grey)."""
    out, at = [], first
    for o, e in sorted(intervals):
        if o > at:
            out.append((at, min(o, last)))
        at = max(at, e)
    if at < last:
        out.append((at, last))
    return [(o, e) for o, e in out if o < e]


def block_rect(data: GridData, geo: Geometry, placed: Placed) -> QRectF:
    b = placed.booking
    x = geo.column_x(placed.column) + 3
    width = (geo.column_width - 6) / placed.lanes
    top = _minute_y(data, geo, b.start) + 1
    bottom = _minute_y(data, geo, b.end) - 1
    return QRectF(x + placed.lane * width, top, width - 2, max(bottom - top, 6))


class GridPainter:
    """Paints one frame of the grid on a viewport of ``width`` × ``height``."""

    def __init__(self, painter: QPainter, data: GridData, geo: Geometry, font: QFont) -> None:
        self.p = painter
        self.data = data
        self.geo = geo
        self.font = QFont(font)
        self.small = QFont(font)
        self.small.setPointSizeF(max(font.pointSizeF() - 1.5, 7.0))
        self.bold = QFont(font)
        self.bold.setBold(True)

    # -- body -----------------------------------------------------------------------------------

    def body(self, columns: range, width: int, height: int) -> None:
        p, data, geo = self.p, self.data, self.geo
        m = geo.metrics
        p.fillRect(QRect(0, 0, width, height), QColor(theme.SURFACE))
        closed = QColor(theme.ROOM_CLOSED_BG)
        for c in columns:
            col = data.columns[c]
            x = geo.column_x(c)
            full = QRect(x, geo.row_y(0), geo.column_width, data.rows * m.row)
            for o, e in closed_stretches(col.intervals, data.first_minute, data.last_minute):
                top = round(_minute_y(data, geo, o))
                bottom = round(_minute_y(data, geo, e))
                p.fillRect(QRect(x, top, geo.column_width, bottom - top), closed)
            if not col.bookable:
                p.fillRect(
                    full, QBrush(QColor(theme.ROOM_CLOSED_HATCH), Qt.BrushStyle.BDiagPattern)
                )
        left = geo.column_x(columns.start) if columns else m.gutter
        right = geo.column_x(columns.stop) if columns else width
        for row in range(data.rows + 1):
            y = geo.row_y(row)
            if y < m.header - 1 or y > height:
                continue
            hour = data.minute_of(row) % 60 == 0
            p.setPen(QPen(QColor(theme.GRID_HOUR_LINE if hour else theme.GRIDLINE), 1))
            p.drawLine(left, y, right, y)
        p.setPen(QPen(QColor(theme.BORDER), 1))
        for c in range(columns.start, columns.stop + 1):
            x = geo.column_x(c)
            p.drawLine(x, geo.row_y(0), x, geo.row_y(data.rows))
        for c in columns:
            if not data.columns[c].intervals:
                self._closed_note(c)

    def _closed_note(self, column: int) -> None:
        col, geo = self.data.columns[column], self.geo
        rect = geo.cell(column, 0, min(self.data.rows, 4)).adjusted(6, 6, -6, 0)
        self.p.setFont(self.small)
        self.p.setPen(QColor(theme.TEXT_MUTED))
        flags = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        self.p.drawText(rect, int(flags), col.closed_reason or "不开放")

    def blocks(self, placed: list[Placed], current: int | None, art: BlockArt) -> None:
        """The blocks: shapes first, then the text, one font at a time."""
        p = self.p
        p.setBrush(Qt.BrushStyle.NoBrush)
        texts: list[tuple[QRectF, Tone, BlockText]] = []
        for item in placed:
            b = item.booking
            tone = art.tone(b.status)
            rect = block_rect(self.data, self.geo, item)
            # square corners and no antialiasing: crisp at 1:1 and several times cheaper
            p.fillRect(rect, tone.brush)
            p.setPen(tone.current_pen if b.id == current else tone.pen)
            p.drawRect(rect.adjusted(0, 0, -1, -1))
            if b.official:
                p.fillRect(QRectF(rect.left(), rect.top(), 4, rect.height()), art.official)
            inner = rect.adjusted(7 if b.official else 5, 2, -4, -2)
            texts.append((inner, tone, art.text(b, int(inner.width()))))
        p.setFont(art.bold)
        for inner, tone, text in texts:
            if inner.height() + 2 >= art.bold_height:
                p.setPen(tone.text_pen)
                p.drawStaticText(inner.topLeft(), text.title)
        p.setFont(art.small)
        for inner, tone, text in texts:
            y = inner.top() + art.bold_height
            p.setPen(tone.text_pen)
            for line in text.lines:
                if y + art.small_height > inner.bottom() + 2:
                    break
                p.drawStaticText(QPointF(inner.left(), y), line)
                y += art.small_height

    def selection(self, sel: GridSelection | None, column: int, clash: bool) -> None:
        if sel is None or column < 0:
            return
        data, geo = self.data, self.geo
        row, rows = data.row_of(sel.start), (sel.end - sel.start) // data.slot
        colour = QColor(theme.GRID_SELECTION_CLASH if clash else theme.GRID_SELECTION)
        colour.setAlpha(170)
        self.p.fillRect(geo.cell(column, row, rows).adjusted(1, 1, 0, 0), colour)

    def cursor(self, column: int, row: int, focused: bool) -> None:
        if column < 0:
            return
        pen = QPen(QColor(theme.FOCUS if focused else theme.TEXT_DISABLED), 2 if focused else 1)
        self.p.setPen(pen)
        self.p.setBrush(Qt.BrushStyle.NoBrush)
        self.p.drawRect(self.geo.cell(column, row).adjusted(1, 1, -1, -1))

    # -- fixed parts ----------------------------------------------------------------------------

    def header(self, columns: range, width: int, current: int) -> None:
        p, data, geo = self.p, self.data, self.geo
        m = geo.metrics
        p.fillRect(QRect(0, 0, width, m.header), QColor(theme.SURFACE_SUNKEN))
        fm_bold, fm_small = QFontMetrics(self.bold), QFontMetrics(self.small)
        for c in columns:
            col = data.columns[c]
            rect = QRect(geo.column_x(c), 0, geo.column_width, m.header).adjusted(6, 4, -6, -4)
            p.setPen(QColor(theme.ACCENT if c == current else theme.TEXT_HEADING))
            p.setFont(self.bold)
            title = fm_bold.elidedText(col.title, Qt.TextElideMode.ElideRight, rect.width())
            p.drawText(rect, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop), title)
            p.setPen(QColor(theme.TEXT_MUTED))
            p.setFont(self.small)
            note = fm_small.elidedText(col.subtitle, Qt.TextElideMode.ElideRight, rect.width())
            p.drawText(
                rect, int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom), note
            )
        p.setPen(QPen(QColor(theme.BORDER), 1))
        p.drawLine(0, m.header - 1, width, m.header - 1)

    def gutter(self, height: int) -> None:
        p, data, geo = self.p, self.data, self.geo
        m = geo.metrics
        p.fillRect(QRect(0, m.header, m.gutter, height - m.header), QColor(theme.SURFACE_SUNKEN))
        p.setFont(self.small)
        fm = QFontMetrics(self.small)
        for row in range(data.rows + 1):
            minute = data.minute_of(row)
            y = geo.row_y(row)
            if y < m.header - 2 or y > height:
                continue
            hour = minute % 60 == 0
            p.setPen(QColor(theme.TEXT_SECONDARY if hour else theme.TEXT_DISABLED))
            rect = QRect(0, y + 1, m.gutter - 8, fm.height())  # just below its line
            if row < data.rows:
                p.drawText(rect, int(Qt.AlignmentFlag.AlignRight), format_minute(minute))
        p.fillRect(QRect(0, 0, m.gutter, m.header), QColor(theme.SURFACE_SUNKEN))
        p.setPen(QPen(QColor(theme.BORDER), 1))
        p.drawLine(m.gutter - 1, 0, m.gutter - 1, height)
