"""The follow-up lists of the booking screens.

* :class:`CallsDialog` — 待电话通知: residents whose bookings gave way to an official Party
  meeting, with their phone numbers, so the clerk calls each one, records the call and prints
  the notice slip. Opened right after a meeting displaced bookings (those bookings only), and
  from the booking list for every call still to make
  (:func:`~djdesk.services.rooms.bump.calls_to_make`).
* :class:`KeysDialog` — 钥匙未还: keys handed over and not yet returned.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from djdesk.services.rooms.booking_info import BookingInfo, get_booking
from djdesk.services.rooms.bump import calls_to_make, mark_notified
from djdesk.services.rooms.keys import keys_out
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.dialogs import dialog_heading, intro_label
from djdesk.ui.common.table_view import record_table_view
from djdesk.ui.rooms.action_dialogs import NotifiedDialog
from djdesk.ui.rooms.printing import print_bump_notice_flow
from djdesk.ui.rooms.record_models import CallsModel, KeysModel


class CallsDialog(QDialog):
    """The displaced bookings still to phone (``ids``: these only; ``None``: all of them)."""

    def __init__(
        self,
        ctx: UiContext,
        ids: Sequence[int] | None = None,
        *,
        meeting: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("callsDialog")
        self.setWindowTitle("待电话通知")
        self.ctx = ctx
        self.ids = list(ids) if ids is not None else None
        self.child: QDialog | None = None
        intro = "以下预约因党组织正式会议让出，请逐一电话告知预约人，并打印变更通知。"
        if meeting:
            intro = f"{meeting}已保存。{intro}"
        self.model = CallsModel()
        self.view = record_table_view(self.model, "callsTable", stretch=(CallsModel.COL_WHO,))
        self.view.doubleClicked.connect(lambda _i: self.record_call())
        self.empty = QLabel("没有待电话通知的预约。")
        self.empty.setProperty("role", "hint")
        self.call_button = QPushButton("已电话通知…")
        self.call_button.setObjectName("recordCall")
        self.call_button.clicked.connect(self.record_call)
        self.notice_button = QPushButton("打印变更通知")
        self.notice_button.setObjectName("printNotice")
        self.notice_button.clicked.connect(self.print_notice)
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        for button in (self.call_button, self.notice_button, close):
            button.setAutoDefault(False)
        row = QHBoxLayout()
        row.addWidget(self.call_button)
        row.addWidget(self.notice_button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 16)
        layout.addWidget(dialog_heading("待电话通知"))
        layout.addWidget(intro_label(intro))
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        layout.addLayout(row)
        self.resize(860, 420)
        self.reload()

    def reload(self) -> None:
        if self.ids is None:
            rows = calls_to_make(self.ctx.db)
        else:
            rows = [get_booking(self.ctx.db, i) for i in self.ids]
        self.model.set_records(rows)
        self.empty.setVisible(not rows)
        if rows and not self.view.currentIndex().isValid():
            self.view.selectRow(0)
        writable = self.ctx.can_write and bool(rows)
        self.call_button.setEnabled(writable)
        self.notice_button.setEnabled(writable)
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def selected(self) -> BookingInfo | None:
        index = self.view.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def record_call(self) -> QDialog | None:
        booking = self.selected()
        if booking is None or booking.notified_at is not None:
            return None
        db, actor = self.ctx.db, self.ctx.actor
        dialog = NotifiedDialog(
            booking, lambda note: mark_notified(db, booking.id, actor=actor, note=note), self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._called(booking.id))
        self.child = dialog
        dialog.open()
        return dialog

    def _called(self, booking_id: int) -> None:
        self.ctx.notify("booking", booking_id)
        self.reload()

    def print_notice(self) -> None:
        booking = self.selected()
        if booking is not None:
            print_bump_notice_flow(self.ctx, booking.id, self, shown=self._shown)

    def _shown(self, dialog: QDialog) -> None:
        self.child = dialog


class KeysDialog(QDialog):
    """钥匙未还: keys handed over and not yet back; Enter opens the booking to take one back."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("keysDialog")
        self.setWindowTitle("钥匙未还")
        self.ctx = ctx
        self.child: QDialog | None = None
        self.model = KeysModel()
        self.view = record_table_view(self.model, "keysTable", stretch=(KeysModel.COL_ROOM,))
        self.view.activated.connect(lambda _i: self.open_booking())
        self.open_button = QPushButton("打开预约（归还钥匙）")
        self.open_button.setObjectName("openKeyBooking")
        self.open_button.clicked.connect(self.open_booking)
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.open_button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 16)
        layout.addWidget(dialog_heading("钥匙未还"))
        layout.addWidget(intro_label("已领取、尚未归还的场地钥匙，最早领取的在前。"))
        layout.addWidget(self.view, 1)
        layout.addLayout(row)
        self.resize(760, 380)
        self.reload()

    def reload(self) -> None:
        self.model.set_records(keys_out(self.ctx.db))
        if self.model.record_count():
            self.view.selectRow(0)
        self.open_button.setEnabled(bool(self.model.record_count()))
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_booking(self) -> QDialog | None:
        from djdesk.ui.rooms.booking_card import BookingCard

        index = self.view.currentIndex()
        key = self.model.record(index.row()) if index.isValid() else None
        if key is None:
            return None
        card = BookingCard(self.ctx, key.booking_id, parent=self)
        card.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        card.finished.connect(lambda _r: self.reload())
        self.child = card
        card.open()
        return card
