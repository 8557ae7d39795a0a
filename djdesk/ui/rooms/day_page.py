"""场地预约: the day view (rooms across, time down) and the week view of one room.

A bar above the grid moves through the days (前一天 / 今天 / 后一天 and a date field) and
switches between 按日 and 按周 (with the room of the week). The grid itself is driven by the
keyboard (:mod:`.time_grid`): Enter on free cells opens :class:`BookingDialog` for them, Enter
on a block opens :class:`BookingCard`. The page redraws whenever bookings, rooms, rules or
closures change (``watch_changes``), wherever the change was made.
"""

from __future__ import annotations

import logging
from datetime import date, timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QDialog, QLabel, QMessageBox, QPushButton, QWidget

from djdesk.errors import DjdeskError
from djdesk.services.rooms.calendar import centre_now
from djdesk.services.rooms.rooms import ensure_default_rooms, list_rooms
from djdesk.services.rooms.types import WEEKDAY_NAMES, BookingStatus
from djdesk.services.rooms.views import day_grid, week_grid, week_start
from djdesk.ui.common import theme
from djdesk.ui.common.context import UiContext, watch_changes
from djdesk.ui.common.date_field import DateField
from djdesk.ui.common.dialogs import show_notice
from djdesk.ui.common.editors import Chip
from djdesk.ui.common.errors import report_exception
from djdesk.ui.common.page import Page
from djdesk.ui.rooms.booking_card import BookingCard
from djdesk.ui.rooms.booking_dialog import BookingDialog
from djdesk.ui.rooms.calls_dialog import CallsDialog
from djdesk.ui.rooms.grid_model import GridData, GridSelection, from_day, from_week
from djdesk.ui.rooms.printing import print_day_sheet_flow
from djdesk.ui.rooms.time_grid import TimeGrid

log = logging.getLogger(__name__)

#: Kinds of change that alter what the views show.
WATCHED = ("booking", "room", "room_rules", "room_closure", "booker")


def legend_html() -> str:
    """Coloured swatches for the statuses, from the theme's tokens."""
    parts = []
    for status in (BookingStatus.APPROVED, BookingStatus.PENDING, BookingStatus.USED):
        tone = theme.booking_tone(status)
        border = "dashed" if tone.dashed else "solid"
        parts.append(
            f"<span style='background:{tone.fill}; color:{tone.text}; "
            f"border:1px {border} {tone.border}'>&nbsp;{status.value}&nbsp;</span>"
        )
    parts.append(f"<span style='background:{theme.ROOM_CLOSED_BG}'>&nbsp;不开放&nbsp;</span>")
    parts.append(f"<span style='color:{theme.BOOKING_OFFICIAL}'>▍</span>党组织正式会议")
    return "&nbsp;&nbsp;".join(parts)


class RoomsDayPage(Page):
    """The day and week views with their date bar."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(
            ctx, "场地预约", "方向键选场地和时段，Enter 新建预约或打开预约；T 回到今天"
        )
        self.setObjectName("roomsDayPage")
        self.day = centre_now().date()
        self.mode = "day"
        self.week_room: int | None = None
        #: The dialog opened last (kept while open; used by tests).
        self.dialog: QDialog | None = None
        self.sheet_button = self.add_action(QPushButton("打印当日安排表"))
        self.sheet_button.clicked.connect(self.print_day_sheet)
        self.add_new_action("新建预约", self.new_booking, enabled=ctx.can_write)

        self.prev_button = QPushButton("◀ 前一天")
        self.prev_button.clicked.connect(lambda: self.step(-1))
        self.date_edit = DateField()
        self.date_edit.setObjectName("dayField")
        self.date_edit.setMaximumWidth(150)
        self.date_edit.editingFinished.connect(self._date_typed)
        self.date_edit.checked.connect(lambda _r: self._date_typed())
        self.next_button = QPushButton("后一天 ▶")
        self.next_button.clicked.connect(lambda: self.step(1))
        self.today_button = QPushButton("今天")
        self.today_button.clicked.connect(self.go_today)
        self.day_chip, self.week_chip = Chip("按日"), Chip("按周")
        self.day_chip.setChecked(True)
        self.day_chip.clicked.connect(lambda: self.set_mode("day"))
        self.week_chip.clicked.connect(lambda: self.set_mode("week"))
        self.room_combo = QComboBox()
        self.room_combo.setObjectName("weekRoom")
        self.room_combo.currentIndexChanged.connect(self._week_room_chosen)
        self.legend = QLabel(legend_html())
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.add_filter_bar(
            self.prev_button,
            self.date_edit,
            self.next_button,
            self.today_button,
            self.day_chip,
            self.week_chip,
            self.room_combo,
            self.legend,
        )
        self.summary_label, self.summary_hint = self.add_summary()
        self.summary_label.setObjectName("daySummary")
        self.grid = TimeGrid()
        self.grid.booking_requested.connect(self.new_booking)
        self.grid.booking_activated.connect(self.open_booking)
        self.grid.step_requested.connect(self.step)
        self.grid.today_requested.connect(self.go_today)
        self.grid.view_requested.connect(self._view_key)
        self.status = QLabel("")
        self.status.setObjectName("gridStatus")
        self.status.setProperty("role", "hint")
        self.grid.cursor_moved.connect(self.status.setText)
        self.body_layout.addWidget(self.grid, 1)
        self.body_layout.addWidget(self.status)
        if ctx.can_write:
            try:
                ensure_default_rooms(ctx.db, actor=ctx.actor)
            except DjdeskError as exc:
                log.warning("default rooms not made: %s", exc)
        watch_changes(ctx, WATCHED, lambda _c: self.refresh(), self)
        self._fill_rooms()
        self.refresh()

    def entry_widget(self) -> QWidget | None:
        return self.grid

    # -- data -----------------------------------------------------------------------------------

    def _fill_rooms(self) -> None:
        keep = self.room_combo.currentData()
        self.room_combo.blockSignals(True)
        self.room_combo.clear()
        for room in list_rooms(self.ctx.db):
            self.room_combo.addItem(room.name, room.id)
        index = self.room_combo.findData(keep)
        self.room_combo.setCurrentIndex(max(index, 0))
        self.room_combo.blockSignals(False)
        if self.week_room is None and self.room_combo.count():
            self.week_room = self.room_combo.currentData()

    def refresh(self) -> None:
        """Load the day (or the week) from the services and redraw."""
        self.date_edit.set_value(self.day)
        week = self.mode == "week"
        self.room_combo.setVisible(week)
        self.prev_button.setText("◀ 前一周" if week else "◀ 前一天")
        self.next_button.setText("后一周 ▶" if week else "后一天 ▶")
        self.today_button.setText("本周" if week else "今天")
        if week and self.week_room is not None:
            data = from_week(week_grid(self.ctx.db, self.week_room, self.day))
            self._summarise_week(data)
        else:
            grid = day_grid(self.ctx.db, self.day, include_closed=False)
            data = from_day(grid)
            self._summarise_day(data, grid.holiday_name)
        self.grid.set_data(data)

    def _summarise_day(self, data: GridData, holiday: str) -> None:
        weekday = WEEKDAY_NAMES[self.day.weekday()]
        counts = {s: sum(1 for b in data.bookings if b.status == s) for s in BookingStatus}
        text = f"{self.day:%Y年%m月%d日} {weekday}"
        if holiday:
            text += f"（{holiday}）"
        self.summary_label.setText(f"{text} · {len(data.bookings)} 个预约")
        closed = sum(1 for c in data.columns if not c.intervals)
        self.summary_hint.setText(
            f"已批准 {counts[BookingStatus.APPROVED]} · 待审批 {counts[BookingStatus.PENDING]} · "
            f"已使用 {counts[BookingStatus.USED]}"
            + (f" · {closed} 个场地今日不开放" if closed else "")
        )

    def _summarise_week(self, data: GridData) -> None:
        monday = week_start(self.day)
        name = self.room_combo.currentText()
        self.summary_label.setText(
            f"{name} · {monday:%m月%d日}–{monday + timedelta(days=6):%m月%d日} · "
            f"{len(data.bookings)} 个预约"
        )
        self.summary_hint.setText("按 D 回到按日查看")

    # -- moving ---------------------------------------------------------------------------------

    def set_day(self, day: date) -> None:
        self.day = day
        self.refresh()

    def step(self, direction: int) -> None:
        self.set_day(self.day + timedelta(days=direction * (7 if self.mode == "week" else 1)))

    def go_today(self) -> None:
        self.set_day(centre_now().date())

    def _date_typed(self) -> None:
        value = self.date_edit.value()
        if value is not None and value != self.day:
            self.set_day(value)

    def set_mode(self, mode: str, room_id: int | None = None) -> None:
        self.mode = mode
        self.day_chip.setChecked(mode == "day")
        self.week_chip.setChecked(mode == "week")
        if room_id is not None:
            self.week_room = room_id
            self.room_combo.setCurrentIndex(max(self.room_combo.findData(room_id), 0))
        self.refresh()

    def _view_key(self, mode: str) -> None:
        key = self.grid.current_column_key()
        if key is None:
            return
        room_id, day = key
        if mode == "week" and self.mode == "day":
            self.set_mode("week", room_id)
        elif mode == "day" and self.mode == "week":
            self.day = day
            self.set_mode("day")

    def _week_room_chosen(self, _index: int) -> None:
        self.week_room = self.room_combo.currentData()
        if self.mode == "week":
            self.refresh()

    # -- actions --------------------------------------------------------------------------------

    def new_booking(self, selection: GridSelection | None = None) -> BookingDialog | None:
        if not self.ctx.can_write:
            return None
        if selection is None:
            selection = self.grid.selection()
        dialog = BookingDialog(self.ctx, selection=selection, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._saved(dialog))
        dialog.finished.connect(self._back_to_grid)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _saved(self, dialog: BookingDialog) -> None:
        saved = dialog.saved
        if saved is not None:
            b = saved.booking
            if self.mode == "day" and b.day != self.day:
                self.set_day(b.day)
            self.grid.select(GridSelection(b.room_id, b.day, b.start, b.end))
            self.status.setText(
                f"已保存预约 {b.serial}：{b.room_name} {b.time_text}（{b.status}）— Enter 打开"
            )
            if saved.displaced:
                calls = CallsDialog(
                    self.ctx, [d.id for d in saved.displaced], meeting=b.purpose, parent=self
                )
                calls.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
                self.dialog = calls
                calls.open()
        elif dialog.series_result is not None:
            result = dialog.series_result
            lines = "\n".join(e.line() for e in result.skipped[:12])
            more = "\n……" if len(result.skipped) > 12 else ""
            self.dialog = show_notice(
                self,
                QMessageBox.Icon.Information,
                "定期预约",
                f"已预约 {len(result.booked)} 次，跳过 {len(result.skipped)} 次。"
                + (f"\n\n跳过的日期：\n{lines}{more}" if result.skipped else ""),
            )

    def open_booking(self, booking_id: int) -> BookingCard | None:
        try:
            card = BookingCard(self.ctx, booking_id, parent=self)
        except DjdeskError as exc:
            report_exception(exc, self)
            return None
        card.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        card.finished.connect(self._back_to_grid)
        self.dialog = card
        card.open()
        return card

    def _back_to_grid(self, _result: int = 0) -> None:
        """The keyboard goes back to the grid once the dialog has gone (not while it is still
        the modal window: the focus would be refused)."""
        QTimer.singleShot(0, lambda: self.grid.setFocus(Qt.FocusReason.OtherFocusReason))

    def print_day_sheet(self) -> None:
        print_day_sheet_flow(self.ctx, self.day, self, shown=self._shown)

    def _shown(self, dialog: QDialog) -> None:
        self.dialog = dialog
