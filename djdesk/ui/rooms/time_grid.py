"""The time grid of the room views: columns (rooms, or the days of one room) × time slots,
bookings as coloured blocks, painted by :mod:`.grid_paint` in one pass.

By keyboard: the arrows move a cell cursor, Shift+↑/↓ stretch it over several slots,
Shift+←/→ move the stretch to the next column, Enter starts a booking there (or opens the
booking under the cursor), Home/End go to the first/last slot, Esc shrinks the stretch back
to one slot; Ctrl+←/→, Alt+←/→ or PgUp/PgDn go to the previous/next day (week), T to today,
W to the week of the room under the cursor and D back to the day.
By mouse: a click on a block opens it; a click or a drag over free cells starts a booking.
The grid only emits what the clerk asked for; the page opens the dialogs.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractScrollArea, QToolTip, QWidget

from djdesk.services.rooms.calendar import format_minute
from djdesk.ui.rooms.block_art import BlockArt
from djdesk.ui.rooms.grid_model import GridData, GridSelection, Placed
from djdesk.ui.rooms.grid_paint import Geometry, GridPainter, Metrics, block_rect, visible_columns

#: How the grid is used by keyboard, for 帮助 → 快捷键 and the page's hint line.
KEY_HELP = (
    ("方向键", "移动光标（场地 × 时间）"),
    ("Shift+↑/↓", "延长或缩短所选时段"),
    ("Enter", "在所选空闲时段新建预约；光标在预约上时打开该预约"),
    ("Ctrl+←/→ 或 PgUp/PgDn", "前一天 / 后一天（周视图为前一周 / 后一周）"),
    ("T", "回到今天"),
    ("W / D", "光标所在场地的一周 / 光标所在日期的各场地"),
)
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_EMPTY = GridData((), 8 * 60, 18 * 60, 30)


class TimeGrid(QAbstractScrollArea):
    """Rooms (or days) across, time down; see the module docstring for the keys."""

    #: A stretch was chosen for a new booking (:class:`GridSelection`).
    booking_requested = Signal(object)
    #: The clerk opened a booking (its id).
    booking_activated = Signal(int)
    #: Previous (-1) or next (+1) day or week.
    step_requested = Signal(int)
    today_requested = Signal()
    #: W: this room's week; D: the day under the cursor (``"week"`` / ``"day"``).
    view_requested = Signal(str)
    #: What the cursor is on, in words (for the status line).
    cursor_moved = Signal(str)

    def __init__(self, parent: QWidget | None = None, metrics: Metrics | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeGrid")
        self.metrics = metrics or Metrics()
        self.data = _EMPTY
        self.column = 0
        self.row = 0
        self.anchor = 0
        self._by_column: dict[int, list[Placed]] = {}
        self.art = BlockArt(self.font())
        self._press: QPoint | None = None
        self._dragging = False
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setAccessibleName("场地时间表")
        self.setMinimumHeight(260)

    # -- data -----------------------------------------------------------------------------------

    def set_data(self, data: GridData, *, keep_cursor: bool = True) -> None:
        """Show ``data``; the cursor stays on the same column (room or day) when it can."""
        previous = self.current_column_key() if keep_cursor else None
        self.data = data
        self._by_column = {}
        for item in data.placed:
            self._by_column.setdefault(item.column, []).append(item)
        column = data.column_index(previous) if previous is not None else -1
        self.column = column if column >= 0 else min(self.column, max(len(data.columns) - 1, 0))
        if not keep_cursor:
            self.column = 0
        rows = data.rows
        self.row = min(self.row, rows - 1)
        self.anchor = min(self.anchor, rows - 1)
        self._update_scrollbars()
        self.viewport().update()
        self.cursor_moved.emit(self.describe())

    def current_column_key(self) -> tuple[int, date] | None:
        if 0 <= self.column < len(self.data.columns):
            return self.data.columns[self.column].key
        return None

    def selection(self) -> GridSelection | None:
        """The stretch under the cursor (anchor to cursor) in the current column."""
        if not self.data.columns:
            return None
        col = self.data.columns[self.column]
        first, last = sorted((self.anchor, self.row))
        return GridSelection(
            col.room_id, col.day, self.data.minute_of(first), self.data.minute_of(last + 1)
        )

    def block_at_cursor(self) -> Placed | None:
        if not self.data.columns:
            return None
        return self.data.at(self.column, self.data.minute_of(self.row))

    def selected_block(self) -> Placed | None:
        """The booking the whole selection lies in (Enter opens it), if any."""
        sel, block = self.selection(), self.block_at_cursor()
        if sel is None or block is None:
            return None
        inside = block.booking.start <= sel.start and sel.end <= block.booking.end
        return block if inside else None

    def set_cursor(self, column: int, row: int, *, extend: bool = False) -> None:
        if not self.data.columns:
            return
        self.column = max(0, min(column, len(self.data.columns) - 1))
        self.row = max(0, min(row, self.data.rows - 1))
        if not extend:
            self.anchor = self.row
        self._ensure_visible()
        self.viewport().update()
        self.cursor_moved.emit(self.describe())

    def go_to_minute(self, minute: int) -> None:
        self.set_cursor(self.column, self.data.row_of(minute))

    def select(self, selection: GridSelection) -> None:
        """Put the cursor over ``selection`` (a booking just made, a block to show)."""
        column = self.data.column_index((selection.room_id, selection.day))
        if column < 0:
            return
        self.set_cursor(column, self.data.row_of(selection.start))
        self.set_cursor(column, self.data.row_of(selection.end - 1), extend=True)

    def describe(self) -> str:
        """What the cursor is on, for the status line and screen readers."""
        sel = self.selection()
        if sel is None:
            return "没有可显示的场地"
        col = self.data.columns[self.column]
        where = f"{col.title} {sel.text()}"
        block = self.selected_block()
        if block is not None:
            b = block.booking
            return f"{where}：{b.booker_name}「{b.purpose}」（{b.status}）— 按 Enter 打开"
        if not col.bookable:
            return f"{where}：场地{col.subtitle}，暂停预约"
        if not col.is_open(sel.start, sel.end):
            return f"{where}：不在开放时间内（{col.closed_reason or '见开放时间'}）"
        clash = self.data.clashes(sel)
        if clash:
            return f"{where}：与 {clash[0].booker_name} 的预约冲突"
        waiting = self.data.tentative(sel)
        note = f"（与 {waiting[0].booker_name} 的待审批申请重叠）" if waiting else ""
        return f"{where}：空闲{note} — 按 Enter 预约"

    # -- geometry -------------------------------------------------------------------------------

    def geometry_now(self) -> Geometry:
        m = self.metrics
        columns = max(len(self.data.columns), 1)
        room = self.viewport().width() - m.gutter
        width = max(m.min_column, room // columns)
        return Geometry(
            m, width, self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        )

    def _update_scrollbars(self) -> None:
        geo = self.geometry_now()
        m = self.metrics
        total_w = m.gutter + geo.column_width * len(self.data.columns)
        total_h = m.header + m.row * self.data.rows + 2
        view = self.viewport().size()
        self.horizontalScrollBar().setRange(0, max(0, total_w - view.width()))
        self.horizontalScrollBar().setPageStep(view.width())
        self.horizontalScrollBar().setSingleStep(geo.column_width // 2)
        self.verticalScrollBar().setRange(0, max(0, total_h - view.height()))
        self.verticalScrollBar().setPageStep(view.height())
        self.verticalScrollBar().setSingleStep(m.row)

    def _ensure_visible(self) -> None:
        geo = self.geometry_now()
        m = self.metrics
        view = self.viewport().size()
        left = self.column * geo.column_width
        span = view.width() - m.gutter
        h = self.horizontalScrollBar()
        if left < h.value():
            h.setValue(left)
        elif left + geo.column_width > h.value() + span:
            h.setValue(left + geo.column_width - span)
        top = self.row * m.row
        height = view.height() - m.header
        v = self.verticalScrollBar()
        if top < v.value():
            v.setValue(top)
        elif top + m.row > v.value() + height:
            v.setValue(top + m.row - height)

    def hit(self, pos: QPoint) -> tuple[int, int] | None:
        """The (column, row) under a viewport position, ``None`` outside the cells."""
        geo = self.geometry_now()
        m = self.metrics
        if pos.x() < m.gutter or pos.y() < m.header:
            return None
        column = (pos.x() - m.gutter + geo.dx) // geo.column_width
        row = (pos.y() - m.header + geo.dy) // m.row
        if 0 <= column < len(self.data.columns) and 0 <= row < self.data.rows:
            return column, row
        return None

    def block_at(self, pos: QPoint) -> Placed | None:
        cell = self.hit(pos)
        if cell is None:
            return None
        geo = self.geometry_now()
        for item in self._by_column.get(cell[0], []):
            if block_rect(self.data, geo, item).contains(pos.toPointF()):
                return item
        return None

    def cell_rect(self, column: int, row: int) -> QRect:
        """Where a cell is in the viewport (for tests that click)."""
        return self.geometry_now().cell(column, row)

    # -- painting -------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self.viewport())
        try:
            self.paint(painter, self.viewport().width(), self.viewport().height())
        finally:
            painter.end()

    def paint(self, painter: QPainter, width: int, height: int) -> None:
        geo = self.geometry_now()
        columns = visible_columns(self.data, geo, width)
        gp = GridPainter(painter, self.data, geo, self.font())
        painter.setClipRect(QRect(self.metrics.gutter, self.metrics.header, width, height))
        gp.body(columns, width, height)
        current = self.selected_block()
        placed = [p for c in columns for p in self._by_column.get(c, [])]
        gp.blocks(placed, current.booking.id if current else None, self.art)
        sel = self.selection()
        if sel is not None and current is None:
            gp.selection(sel, self.column, bool(self.data.clashes(sel)))
        gp.cursor(self.column if self.data.columns else -1, self.row, self.hasFocus())
        painter.setClipping(False)
        gp.header(columns, width, self.column)
        gp.gutter(height)

    # -- events ---------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_scrollbars()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.viewport().update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.viewport().update()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        step = bool(mods & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier))
        k = Qt.Key
        if key in (k.Key_Left, k.Key_Right) and step:
            self.step_requested.emit(-1 if key == k.Key_Left else 1)
        elif key in (k.Key_PageUp, k.Key_PageDown):
            self.step_requested.emit(-1 if key == k.Key_PageUp else 1)
        elif key in (k.Key_Left, k.Key_Right):
            delta = -1 if key == k.Key_Left else 1
            keep = self.anchor - self.row
            self.set_cursor(self.column + delta, self.row)
            if shift:  # the same stretch, one column over
                self.anchor = max(0, min(self.row + keep, self.data.rows - 1))
                self.viewport().update()
                self.cursor_moved.emit(self.describe())
        elif key in (k.Key_Up, k.Key_Down):
            self.set_cursor(self.column, self.row + (-1 if key == k.Key_Up else 1), extend=shift)
        elif key in (k.Key_Home, k.Key_End):
            self.set_cursor(
                self.column, 0 if key == k.Key_Home else self.data.rows - 1, extend=shift
            )
        elif key == k.Key_Escape and self.anchor != self.row:
            self.set_cursor(self.column, self.row)
        elif key in _ENTER:
            self.activate()
        elif key == k.Key_T and not mods & ~Qt.KeyboardModifier.KeypadModifier:
            self.today_requested.emit()
        elif key in (k.Key_W, k.Key_D) and not mods & ~Qt.KeyboardModifier.KeypadModifier:
            self.view_requested.emit("week" if key == k.Key_W else "day")
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def activate(self) -> None:
        """Enter: open the booking under the cursor, or start one over the selection."""
        sel = self.selection()
        if sel is None:
            return
        block = self.selected_block()
        if block is not None:
            self.booking_activated.emit(block.booking.id)
        else:
            self.booking_requested.emit(sel)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        pos = event.position().toPoint()
        cell = self.hit(pos)
        self._press, self._dragging = pos, False
        if cell is not None:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            self.set_cursor(*cell)
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._press is None or not event.buttons() & Qt.MouseButton.LeftButton:
            return
        cell = self.hit(event.position().toPoint())
        if (cell is not None and cell[1] != self.anchor) or self._dragging:
            self._dragging = True
            if cell is not None:
                self.set_cursor(self.column, cell[1], extend=True)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._press is None or event.button() != Qt.MouseButton.LeftButton:
            return
        press, dragged = self._press, self._dragging
        self._press, self._dragging = None, False
        if self.hit(press) is None:
            return
        block = None if dragged else self.block_at(press)
        if block is not None:
            self.booking_activated.emit(block.booking.id)
        else:
            sel = self.selection()
            if sel is not None:
                self.booking_requested.emit(sel)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            block = self.block_at(event.pos())
            if block is not None:
                b = block.booking
                text = (
                    f"{b.serial}\n{b.booker_name}（{b.booker_category}）\n"
                    f"{format_minute(b.start)}–{format_minute(b.end)} {b.purpose}\n"
                    f"{b.attendees} 人 · {b.status}" + (" · 党组织正式会议" if b.official else "")
                )
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)
