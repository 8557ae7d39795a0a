"""预约查询: every booking in a paged, searchable list, and what is waiting to be done.

Filters: free text (预约对象, 电话开头, 编号, 活动内容), status, room, a date range and, from a
selected row, one booker (只看此预约对象). A notice line above the list says how many
displaced bookers are still to be phoned and how many keys are out, each with its list. Enter
or a double click opens a booking (:class:`BookingCard`): approve, reject, cancel, keys, print.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTableView,
    QWidget,
)

from djdesk.errors import DjdeskError
from djdesk.services.rooms.bump import calls_to_make
from djdesk.services.rooms.keys import keys_out
from djdesk.services.rooms.rooms import list_rooms
from djdesk.services.rooms.types import BookingStatus
from djdesk.services.rooms.views import BookingFilter
from djdesk.ui.common.context import UiContext, watch_changes
from djdesk.ui.common.date_field import DateField
from djdesk.ui.common.errors import report_exception
from djdesk.ui.common.field_grid import link_button
from djdesk.ui.common.page import Page, debounced
from djdesk.ui.common.table_view import fit_columns, record_table_view
from djdesk.ui.rooms.booking_card import BookingCard
from djdesk.ui.rooms.booking_dialog import BookingDialog
from djdesk.ui.rooms.bookings_model import BookingsModel
from djdesk.ui.rooms.calls_dialog import CallsDialog, KeysDialog
from djdesk.ui.rooms.day_page import WATCHED
from djdesk.ui.rooms.usage_dialog import UsageDialog


class BookingsPage(Page):
    """Filters, the follow-ups, the paged list, and 打开 / 新建 / 使用统计."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx, "预约查询", "查找、审批和办理场地预约；Enter 打开选中的预约")
        self.setObjectName("bookingsPage")
        #: The dialog opened last (kept while open; used by tests).
        self.dialog: QDialog | None = None
        self.booker_id: int | None = None
        self.usage_button = self.add_action(QPushButton("场地使用统计…"))
        self.usage_button.clicked.connect(self.open_usage)
        self.open_button = self.add_action(QPushButton("打开"))
        self.open_button.clicked.connect(self.open_selected)
        self.add_new_action("新建预约", self.new_booking, enabled=ctx.can_write)

        self.text_filter = QLineEdit()
        self.text_filter.setObjectName("filter_text")
        self.text_filter.setPlaceholderText("预约对象、电话开头、编号或活动内容")
        self.text_filter.setClearButtonEnabled(True)
        self.text_filter.setMinimumWidth(220)
        self._timer = debounced(self.text_filter.textChanged, 250, self.apply_filter, self)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("filter_status")
        self.status_filter.addItem("全部状态", "")
        for status in BookingStatus:
            self.status_filter.addItem(status.value, status.value)
        self.room_filter = QComboBox()
        self.room_filter.setObjectName("filter_room")
        self.from_edit = DateField()
        self.from_edit.setObjectName("filter_from")
        self.from_edit.setPlaceholderText("起始日期")
        self.from_edit.setMaximumWidth(140)
        self.to_edit = DateField()
        self.to_edit.setObjectName("filter_to")
        self.to_edit.setPlaceholderText("截止日期")
        self.to_edit.setMaximumWidth(140)
        self.booker_button = QPushButton()
        self.booker_button.setObjectName("bookerFilter")
        self.booker_button.setProperty("chip", True)
        self.booker_button.setToolTip("只看此预约对象；点击取消")
        self.booker_button.clicked.connect(lambda: self.filter_booker(None))
        self.booker_button.hide()
        self.only_button = QPushButton("只看此预约对象")
        self.only_button.clicked.connect(self._only_selected_booker)
        reset = QPushButton("清除筛选")
        reset.clicked.connect(self.reset_filter)
        for combo in (self.status_filter, self.room_filter):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        for edit in (self.from_edit, self.to_edit):
            edit.editingFinished.connect(self.apply_filter)
        self.add_filter_bar(
            self.text_filter,
            self.status_filter,
            self.room_filter,
            self.from_edit,
            self.to_edit,
            self.booker_button,
            self.only_button,
            reset,
        )
        self.calls_link = link_button("")
        self.calls_link.setObjectName("callsLink")
        self.calls_link.clicked.connect(self.open_calls)
        self.keys_link = link_button("")
        self.keys_link.setObjectName("keysLink")
        self.keys_link.clicked.connect(self.open_keys)
        follow = QHBoxLayout()
        follow.addWidget(self.calls_link)
        follow.addWidget(self.keys_link)
        follow.addStretch(1)
        self.body_layout.addLayout(follow)
        self.total_label, self.total_hint = self.add_summary()
        self.total_label.setObjectName("bookingTotal")
        self._fill_rooms()
        self.model = BookingsModel(ctx.db, self._room_names)
        self.model.total_changed.connect(self._show_total)
        self.view: QTableView = record_table_view(
            self.model,
            "bookingTable",
            widths={},
            status_column=BookingsModel.COL_STATUS,
            minimum_height=320,
        )
        self.view.activated.connect(self._open_index)
        self.model.total_changed.connect(lambda _t: fit_columns(self.view))
        self.body_layout.addWidget(self.view, 1)
        self._show_total(self.model.total)
        watch_changes(ctx, WATCHED, lambda _c: self.refresh(), self)
        self._follow_ups()

    def entry_widget(self) -> QWidget | None:
        return self.text_filter

    # -- filters --------------------------------------------------------------------------------

    def _fill_rooms(self) -> None:
        rooms = list_rooms(self.ctx.db)
        self._room_names = {r.id: r.name for r in rooms}
        keep = self.room_filter.currentData()
        self.room_filter.blockSignals(True)
        self.room_filter.clear()
        self.room_filter.addItem("全部场地", None)
        for room in rooms:
            self.room_filter.addItem(room.name, room.id)
        self.room_filter.setCurrentIndex(max(self.room_filter.findData(keep), 0))
        self.room_filter.blockSignals(False)

    def current_filter(self) -> BookingFilter:
        return BookingFilter(
            text=self.text_filter.text(),
            room_id=self.room_filter.currentData(),
            status=self.status_filter.currentData() or "",
            booker_id=self.booker_id,
            first_day=self.from_edit.value(),
            last_day=self.to_edit.value(),
        )

    def apply_filter(self) -> None:
        self._timer.stop()
        self.model.set_filter(self.current_filter())

    def reset_filter(self) -> None:
        for widget in (self.status_filter, self.room_filter):
            widget.blockSignals(True)
            widget.setCurrentIndex(0)
            widget.blockSignals(False)
        self.text_filter.blockSignals(True)
        self.text_filter.clear()
        self.text_filter.blockSignals(False)
        self.from_edit.clear()
        self.to_edit.clear()
        self.filter_booker(None)

    def filter_booker(self, booker: tuple[int, str] | None) -> None:
        self.booker_id = booker[0] if booker else None
        self.booker_button.setText(f"预约对象：{booker[1]} ✕" if booker else "")
        self.booker_button.setVisible(booker is not None)
        self.apply_filter()

    def _only_selected_booker(self) -> None:
        row = self.selected_row()
        if row is not None:
            from djdesk.services.rooms.booking_info import get_booking

            info = get_booking(self.ctx.db, row)
            self.filter_booker((info.booker_id, info.booker_name))

    def filter_status(self, status: str) -> None:
        """Show one status (the 待审批 tile of the overview)."""
        self.status_filter.setCurrentIndex(max(self.status_filter.findData(status), 0))

    # -- data -----------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_columns(self.view)  # measured from the rows on screen, once they are

    def refresh(self) -> None:
        self._fill_rooms()
        self.model.room_names.update(self._room_names)
        keep = self.selected_row()
        self.model.reload()
        if keep is not None:
            self.select_booking(keep)
        self._follow_ups()

    def _follow_ups(self) -> None:
        calls, keys = len(calls_to_make(self.ctx.db)), len(keys_out(self.ctx.db))
        self.calls_link.setText(f"待电话通知 {calls} 个（因党组织会议让出）…")
        self.calls_link.setVisible(bool(calls))
        self.keys_link.setText(f"钥匙未还 {keys} 把…")
        self.keys_link.setVisible(bool(keys))

    def _show_total(self, total: int) -> None:
        self.total_label.setText(f"共 {total:,} 个预约")
        self.total_hint.setText("日期新的在前 · Enter 或双击打开")

    def selected_row(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.booking_id(index.row()) if index.isValid() else None

    def select_booking(self, booking_id: int) -> None:
        for row in range(min(self.model.rowCount(), 200)):
            if self.model.booking_id(row) == booking_id:
                self.view.setCurrentIndex(self.model.index(row, 0))
                return

    # -- actions --------------------------------------------------------------------------------

    def _show(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _open_index(self, index: QModelIndex | QPersistentModelIndex) -> None:
        self.view.setCurrentIndex(self.model.index(index.row(), 0))
        self.open_selected()

    def open_selected(self) -> QDialog | None:
        booking_id = self.selected_row()
        if booking_id is None:
            return None
        try:
            return self._show(BookingCard(self.ctx, booking_id, parent=self))
        except DjdeskError as exc:
            report_exception(exc, self)
            return None

    def new_booking(self) -> QDialog | None:
        return self._show(BookingDialog(self.ctx, parent=self)) if self.ctx.can_write else None

    def open_calls(self) -> QDialog:
        return self._show(CallsDialog(self.ctx, parent=self))

    def open_keys(self) -> QDialog:
        return self._show(KeysDialog(self.ctx, parent=self))

    def open_usage(self) -> QDialog:
        return self._show(UsageDialog(self.ctx, parent=self))
