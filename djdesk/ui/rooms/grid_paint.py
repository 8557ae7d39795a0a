"""Painting the time grid with one QPainter: hours, closed stretches, booking blocks, the
selection and the cursor, then the fixed header (room or day names) and the time gutter.

Everything is drawn in one pass over the visible columns only, so a day of 30 rooms and a few
hundred bookings paints in a few milliseconds; there is no child widget per booking. Colours
come from the theme's tokens (:data:`~djdesk.ui.common.theme.BOOKING_TONES` …).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPen

from djdesk.services.rooms.calendar import format_minute
from djdesk.services.rooms.types import BookingStatus
from djdesk.ui.common import theme
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
        for c in columns:
            col = data.columns[c]
            x = geo.column_x(c)
            full = QRect(x, geo.row_y(0), geo.column_width, data.rows * m.row)
            p.fillRect(full, QColor(theme.ROOM_CLOSED_BG))
            for o, e in col.intervals:
                top = round(_minute_y(data, geo, max(o, data.first_minute)))
                bottom = round(_minute_y(data, geo, min(e, data.last_minute)))
                p.fillRect(QRect(x, top, geo.column_width, bottom - top), QColor(theme.SURFACE))
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

    def blocks(self, placed: list[Placed], current: int | None) -> None:
        p = self.p
        p.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        metrics_small = QFontMetrics(self.small)
        metrics_bold = QFontMetrics(self.bold)
        for item in placed:
            b = item.booking
            tone = theme.booking_tone(b.status)
            rect = block_rect(self.data, self.geo, item)
            pen = QPen(QColor(tone.border), 2 if b.id == current else 1)
            if tone.dashed:
                pen.setStyle(Qt.PenStyle.DashLine)
            p.setPen(pen)
            p.setBrush(QColor(tone.fill))
            p.drawRoundedRect(rect, 4, 4)
            if b.official:
                p.fillRect(
                    QRectF(rect.left(), rect.top(), 4, rect.height()),
                    QColor(theme.BOOKING_OFFICIAL),
                )
            inner = rect.adjusted(7 if b.official else 5, 2, -4, -2).toRect()
            p.setPen(QColor(tone.text))
            lines = [(self.bold, metrics_bold, b.booker_name)]
            lines.append(
                (self.small, metrics_small, f"{format_minute(b.start)}–{format_minute(b.end)}")
            )
            if b.status == BookingStatus.PENDING:
                lines.append((self.small, metrics_small, "待审批"))
            lines.append((self.small, metrics_small, b.purpose))
            y = inner.top()
            for font, fm, text in lines:
                if y + fm.height() > inner.bottom() + 2:
                    break
                p.setFont(font)
                shown = fm.elidedText(text, Qt.TextElideMode.ElideRight, max(inner.width(), 1))
                p.drawText(QRect(inner.left(), y, inner.width(), fm.height()), 0, shown)
                y += fm.height()
        p.setRenderHint(QPainter.RenderHint.Antialiasing, False)

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
