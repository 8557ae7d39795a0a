"""预约详情: one booking with its history, and what can be done with it now.

The buttons follow the status: a request 待审批 can be 批准 (checked again under the room's
lock), 驳回 or 取消; an approved booking can be 取消, its key handed over and returned, and once
it has started 登记已使用 or 爽约. A booking of a series can cancel the rest of the series; a
displaced booking shows its booker's phone for the call, records it, and prints the notice slip.
Destructive steps ask through the house confirmation with their reason; every change is
announced (``booking``) so the views redraw.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from djdesk.errors import DjdeskError
from djdesk.services.rooms import bump, keys, series, transitions
from djdesk.services.rooms.booking_info import (
    BookingInfo,
    EventInfo,
    booking_history,
    get_booking,
)
from djdesk.services.rooms.types import BookingStatus, EventKind
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.dialogs import dialog_heading, show_notice
from djdesk.ui.common.errors import report_exception
from djdesk.ui.common.page import add_fact, section_title, value_label
from djdesk.ui.common.table_view import record_table_view
from djdesk.ui.common.theme import badge_style
from djdesk.ui.rooms.action_dialogs import (
    KeyInDialog,
    KeyOutDialog,
    NotifiedDialog,
    ReasonConfirmDialog,
    UsedDialog,
)
from djdesk.ui.rooms.printing import print_booking_flow, print_bump_notice_flow
from djdesk.ui.rooms.record_models import HistoryModel, local_text

log = logging.getLogger(__name__)

ACTIONS = (
    ("approve", "批准"),
    ("reject_request", "驳回"),
    ("used", "登记已使用"),
    ("key_out", "领取钥匙"),
    ("key_in", "归还钥匙"),
    ("no_show", "爽约"),
    ("cancel", "取消预约"),
    ("cancel_rest", "取消其后各次"),
    ("notified", "已电话通知"),
    ("notice", "打印变更通知"),
    ("print", "打印确认单"),
)
DESTRUCTIVE = ("reject_request", "cancel", "no_show", "cancel_rest")
FACTS = (
    ("room", "场地"),
    ("when", "时间"),
    ("booker", "预约对象"),
    ("phone", "电话"),
    ("purpose", "活动内容"),
    ("attendees", "人数"),
    ("contact", "联系人"),
    ("kind", "性质"),
    ("made_by", "登记人"),
    ("note", "备注"),
)


class BookingCard(QDialog):
    """The booking ``booking_id``: facts, history and the actions its status allows."""

    def __init__(self, ctx: UiContext, booking_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bookingCard")
        self.setWindowTitle("预约详情")
        self.ctx = ctx
        self.booking_id = booking_id
        self.info: BookingInfo = get_booking(ctx.db, booking_id)
        #: The dialog opened last from the card (for tests), and the preview.
        self.child: QDialog | None = None
        self.heading = dialog_heading("")
        self.badge = QLabel()
        self.badge.setObjectName("bookingStatus")
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addWidget(self.badge)
        top.addStretch(1)
        self.facts = QGridLayout()
        self.facts.setHorizontalSpacing(12)
        self.facts.setVerticalSpacing(6)
        self.values: dict[str, QLabel] = {}
        for i, (name, title) in enumerate(FACTS):
            self.values[name] = value_label()
            add_fact(self.facts, i // 2, i % 2, title, self.values[name])
        self.history = HistoryModel()
        self.history_view = record_table_view(
            self.history, "bookingHistory", stretch=(HistoryModel.COL_REASON,), minimum_height=150
        )
        self.buttons: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        actions.setSpacing(6)
        for name, text in ACTIONS:
            button = QPushButton(text)
            button.setObjectName(f"action_{name}")
            # Enter presses the focused button, never a destructive one (those need Space
            # or a click and then ask again).
            button.setAutoDefault(name not in DESTRUCTIVE)
            button.clicked.connect(getattr(self, name))
            self.buttons[name] = button
            actions.addWidget(button)
        actions.addStretch(1)
        close = QPushButton("关闭")
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        actions.addWidget(close)
        for name in DESTRUCTIVE:
            self.buttons[name].setProperty("danger", True)
        self.buttons["approve"].setProperty("primary", True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 16)
        layout.setSpacing(10)
        layout.addLayout(top)
        layout.addLayout(self.facts)
        layout.addWidget(section_title("办理记录"))
        layout.addWidget(self.history_view, 1)
        layout.addLayout(actions)
        self.resize(1000, 600)
        self.reload()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.focus_first_action()

    def focus_first_action(self) -> None:
        """The keyboard lands on the first thing to do (批准 for a request)."""
        for name, _text in ACTIONS:
            button = self.buttons[name]
            if button.isVisible() and button.isEnabled():
                button.setFocus(Qt.FocusReason.OtherFocusReason)
                return

    # -- showing --------------------------------------------------------------------------------

    def reload(self) -> None:
        info = self.info = get_booking(self.ctx.db, self.booking_id)
        events = booking_history(self.ctx.db, self.booking_id)
        self.heading.setText(f"{info.room_name} · {info.booker_name}")
        self.badge.setText(info.status)
        self.badge.setStyleSheet(badge_style(info.status))
        v = self.values
        v["room"].setText(info.room_name)
        weekday = "一二三四五六日"[info.day.weekday()]
        v["when"].setText(f"{info.day:%Y-%m-%d}（周{weekday}）{info.time_text}")
        v["booker"].setText(f"{info.booker_name}（{info.booker_category}）")
        v["phone"].setText(info.contact_phone or info.booker_phone or "—")
        v["purpose"].setText(info.purpose)
        came = f"，实到 {info.actual_attendees} 人" if info.actual_attendees is not None else ""
        v["attendees"].setText(f"预计 {info.attendees} 人{came}")
        v["contact"].setText(info.contact_name or "—")
        kind = ["党组织正式会议"] if info.official else []
        kind += ["公益用途已确认"] if info.public_benefit else []
        kind += ["定期预约"] if info.series_id else []
        v["kind"].setText("、".join(kind) or "—")
        v["made_by"].setText(f"{info.created_by or '—'}　编号 {info.serial}")
        notes = [f"例外放行：{info.override_reason}"] if info.override_reason else []
        if info.bumped_by_id is not None:
            called = local_text(info.notified_at) if info.notified_at else "尚未电话通知"
            notes.append(f"因党组织会议让出（{called}）")
        v["note"].setText("；".join(notes) or "—")
        self.history.set_records(events)
        self._key_out = self._key_state(events)
        self._update_buttons()

    @staticmethod
    def _key_state(events: list[EventInfo]) -> bool:
        state = False
        for e in events:
            if e.kind == EventKind.KEY_OUT:
                state = True
            elif e.kind == EventKind.KEY_IN:
                state = False
        return state

    def _update_buttons(self) -> None:
        info, write = self.info, self.ctx.can_write
        status = BookingStatus(info.status)
        pending, approved = status is BookingStatus.PENDING, status is BookingStatus.APPROVED
        live = status in (BookingStatus.PENDING, BookingStatus.APPROVED, BookingStatus.USED)
        shown = {
            "approve": pending,
            "reject_request": pending,
            "cancel": pending or approved,
            "used": approved and not self._key_out,
            "no_show": approved and not self._key_out,
            "key_out": approved and not self._key_out,
            "key_in": self._key_out,
            "cancel_rest": info.series_id is not None and (pending or approved),
            "notified": info.bumped_by_id is not None and info.notified_at is None,
            "notice": info.bumped_by_id is not None,
            "print": live,
        }
        for name, button in self.buttons.items():
            button.setVisible(shown[name])
            button.setEnabled(write)

    # -- actions --------------------------------------------------------------------------------

    def _changed(self, *ids: int) -> None:
        self.ctx.notify("booking", self.booking_id, *ids)
        self.reload()
        self.focus_first_action()

    def _open(self, dialog: QDialog) -> QDialog:
        self.child = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._after(dialog))
        dialog.open()
        return dialog

    def _after(self, dialog: QDialog) -> None:
        done = getattr(dialog, "outcome", None)
        self._changed()
        if isinstance(done, transitions.NoShowResult) and done.suspended_until is not None:
            text = (
                f"{self.info.booker_name}近期已爽约 {done.no_shows} 次，预约资格暂停至 "
                f"{done.suspended_until:%Y-%m-%d}。"
            )
            # once the dialog asking for the reason has gone (a box opened from its own
            # accepted signal would be torn down with it)
            QTimer.singleShot(0, lambda: self._notice("暂停预约资格", text))

    def _notice(self, title: str, text: str) -> None:
        self.child = show_notice(self, QMessageBox.Icon.Information, title, text)

    def approve(self) -> None:
        try:
            result = transitions.approve_booking(self.ctx.db, self.booking_id, actor=self.ctx.actor)
        except DjdeskError as exc:
            report_exception(exc, self)
            return
        self._changed()
        if result.overlapping_pending:
            self.child = show_notice(
                self,
                QMessageBox.Icon.Information,
                "已批准",
                f"已批准。另有 {len(result.overlapping_pending)} 个待审批申请与该时段重叠，"
                "已不能批准，请告知申请人改约或驳回。",
            )

    def _reason(self, title: str, text: str, action_text: str, action, **kw) -> QDialog:  # type: ignore[no-untyped-def]
        dialog = ReasonConfirmDialog(title, text, action_text, action, parent=self, **kw)
        return self._open(dialog)

    def reject_request(self) -> QDialog:
        b = self.info
        return self._reason(
            "驳回预约",
            f"驳回 {b.booker_name} 对 {b.room_name} {b.day:%m-%d} {b.time_text} 的预约申请？",
            "驳回预约",
            lambda why: transitions.reject_booking(
                self.ctx.db, b.id, actor=self.ctx.actor, reason=why
            ),
            reasons=("该时段另有安排", "不符合公益用途", "场地不适合该活动"),
        )

    def cancel(self) -> QDialog:
        b = self.info
        return self._reason(
            "取消预约",
            f"取消 {b.booker_name} 在 {b.room_name} {b.day:%m-%d} {b.time_text} 的预约？"
            "取消后不能恢复。",
            "取消预约",
            lambda why: transitions.cancel_booking(
                self.ctx.db, b.id, actor=self.ctx.actor, reason=why
            ),
            reasons=("预约人申请取消", "活动改期", "场地临时维修"),
        )

    def no_show(self) -> QDialog:
        b = self.info
        return self._reason(
            "登记爽约",
            f"{b.booker_name} 未按预约使用 {b.room_name}（{b.day:%m-%d} {b.time_text}）？"
            "爽约累计达到规定次数将暂停其预约资格。",
            "登记爽约",
            lambda why: transitions.mark_no_show(
                self.ctx.db, b.id, actor=self.ctx.actor, reason=why
            ),
            required=False,
            reasons=("未到场，未提前告知",),
        )

    def cancel_rest(self) -> QDialog:
        b = self.info
        assert b.series_id is not None
        return self._reason(
            "取消其后各次",
            f"取消这一定期预约从 {b.day:%Y-%m-%d} 起尚未使用的各次？已使用的不受影响。",
            "取消其后各次",
            lambda why: series.cancel_series_rest(
                self.ctx.db, b.series_id, b.day, actor=self.ctx.actor, reason=why
            ),
            reasons=("团队活动结束", "团队改到其他时间"),
        )

    def used(self) -> QDialog:
        b = self.info
        return self._open(
            UsedDialog(
                b,
                lambda n, note: transitions.mark_used(
                    self.ctx.db, b.id, actor=self.ctx.actor, attendees=n, reason=note
                ),
                self,
            )
        )

    def key_out(self) -> QDialog:
        b = self.info
        return self._open(
            KeyOutDialog(
                b,
                lambda who: keys.hand_over_key(
                    self.ctx.db, b.id, handed_to=who, actor=self.ctx.actor
                ),
                self,
            )
        )

    def key_in(self) -> QDialog:
        b = self.info
        return self._open(
            KeyInDialog(
                b,
                lambda condition, note: keys.return_key(
                    self.ctx.db, b.id, condition=condition, actor=self.ctx.actor, remarks=note
                ),
                self,
            )
        )

    def notified(self) -> QDialog:
        b = self.info
        return self._open(
            NotifiedDialog(
                b,
                lambda note: bump.mark_notified(self.ctx.db, b.id, actor=self.ctx.actor, note=note),
                self,
            )
        )

    def notice(self) -> None:
        print_bump_notice_flow(self.ctx, self.booking_id, self, shown=self._shown)

    def print(self) -> None:
        print_booking_flow(self.ctx, self.booking_id, self, shown=self._shown)

    def _shown(self, dialog: QDialog) -> None:
        self.child = dialog
