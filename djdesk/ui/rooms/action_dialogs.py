"""The small dialogs of a booking's status changes, each with its reason at its field.

* :class:`ReasonConfirmDialog` — 驳回, 取消, 爽约, 取消其后各次, 恢复预约资格: things that cannot
  simply be taken back ask through the house confirmation (:mod:`~djdesk.ui.common.confirm`):
  the safe choice is the default, the action button is named by what it does, and the reason
  the service requires is typed in the dialog; a refusal stays under the reason field.
* :class:`UsedDialog` — 登记已使用, with the number who came.
* :class:`KeyOutDialog` / :class:`KeyInDialog` — 领取钥匙 (who took it) and 归还钥匙 (the room's
  condition, with a note when it was left untidy or damaged).
* :class:`NotifiedDialog` — the displaced booker was phoned.

Each calls its service in ``accept()``; on success it closes and :attr:`outcome` holds the result.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox, QWidget

from djdesk.errors import DjdeskError, ValidationErrors
from djdesk.services.rooms.booking_info import BookingInfo
from djdesk.services.rooms.types import KeyCondition
from djdesk.ui.common.confirm import ConfirmDialog
from djdesk.ui.common.errors import show_error
from djdesk.ui.common.field_grid import FieldGrid
from djdesk.ui.common.form_dialog import FormDialog

Action = Callable[[str], Any]


def _when(booking: BookingInfo) -> str:
    return f"{booking.room_name} {booking.day:%Y-%m-%d} {booking.time_text}"


def _reason_edit(reasons: Sequence[str], placeholder: str) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName("field_reason")
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.addItems(list(reasons))
    combo.setCurrentIndex(-1)
    line = combo.lineEdit()
    if line is not None:
        line.setPlaceholderText(placeholder)
    return combo


class ReasonConfirmDialog(ConfirmDialog):
    """A destructive step with its reason: [action] [safe choice (default)]."""

    def __init__(
        self,
        title: str,
        text: str,
        action_text: str,
        action: Action,
        *,
        reasons: Sequence[str] = (),
        required: bool = True,
        heading: str = "",
        safe: str = "返回",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, text, action_text, heading=heading, safe=safe, parent=parent)
        self.reason_edit = _reason_edit(reasons, "选择或填写理由")
        self.grid = FieldGrid(columns=1)
        self.grid.add_row("reason", "理由", self.reason_edit, required=required)
        self.main_layout.insertLayout(2, self.grid)  # under the explanation
        QWidget.setTabOrder(self.reason_edit, self.action_button)
        self.setObjectName("reasonDialog")
        self.action = action
        self.outcome: Any = None
        self.reason_edit.currentTextChanged.connect(lambda _t: self.grid.clear_error("reason"))

    def reason(self) -> str:
        return self.reason_edit.currentText()

    def accept(self) -> None:
        """Run the action; a refusal is shown under the reason and the dialog stays open."""
        try:
            self.outcome = self.action(self.reason())
        except ValidationErrors as errors:
            rest = self.grid.show_errors(errors, focus=True)
            if rest:
                show_error(ValidationErrors(rest), self)
            return
        except DjdeskError as exc:
            show_error(exc, self)
            return
        super().accept()


class _ActionForm(FormDialog):
    """A small form whose ``accept()`` runs a service call and shows refusals at the fields."""

    def __init__(self, title: str, intro: str, accept_text: str, parent: QWidget | None) -> None:
        super().__init__(
            title, title, intro, accept_text=accept_text, required_note=False, parent=parent
        )
        self.grid = FieldGrid(columns=1)
        self.add_body(self.grid)
        self.body_layout.addStretch(1)
        self.outcome: Any = None
        self.first: QWidget | None = None

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.first is not None:
            self.first.setFocus(Qt.FocusReason.OtherFocusReason)

    def run(self) -> Any:
        raise NotImplementedError

    def accept(self) -> None:
        self.grid.clear_errors()
        try:
            self.outcome = self.run()
        except ValidationErrors as errors:
            rest = self.grid.show_errors(errors, focus=True)
            if rest:
                show_error(ValidationErrors(rest), self)
            return
        except DjdeskError as exc:
            show_error(exc, self)
            return
        self.mark_clean()
        super().accept()


class UsedDialog(_ActionForm):
    """登记已使用: the room was used; how many came."""

    def __init__(
        self, booking: BookingInfo, action: Callable[[int, str], Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(
            "登记已使用",
            f"{_when(booking)}，{booking.booker_name}。",
            "登记已使用",
            parent,
        )
        self.setObjectName("usedDialog")
        self._action = action
        self.when = QLineEdit(f"{booking.day:%Y-%m-%d} {booking.time_text}")
        self.when.setReadOnly(True)
        self.attendees_spin = QSpinBox()
        self.attendees_spin.setObjectName("field_attendees")
        self.attendees_spin.setRange(0, 100000)
        self.attendees_spin.setValue(booking.attendees)
        self.attendees_spin.setSuffix(" 人")
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("field_reason")
        self.grid.add_row("start", "使用时间", self.when)
        self.grid.add_row("attendees", "实到人数", self.attendees_spin)
        self.grid.add_row("reason", "备注", self.note_edit)
        self.first = self.attendees_spin
        self.fit_content(520)

    def run(self) -> Any:
        return self._action(self.attendees_spin.value(), self.note_edit.text())


class KeyOutDialog(_ActionForm):
    """领取钥匙: who took the key (the time is recorded)."""

    def __init__(
        self, booking: BookingInfo, action: Callable[[str], Any], parent: QWidget | None = None
    ) -> None:
        super().__init__(
            "领取钥匙",
            f"{_when(booking)}，{booking.booker_name}。",
            "登记领取",
            parent,
        )
        self.setObjectName("keyOutDialog")
        self._action = action
        self.person_edit = QLineEdit(booking.contact_name or booking.booker_name[:40])
        self.person_edit.setObjectName("field_contact_name")
        self.grid.add_row("contact_name", "领取人", self.person_edit, required=True)
        self.first = self.person_edit
        self.fit_content(480)

    def run(self) -> Any:
        return self._action(self.person_edit.text())


class KeyInDialog(_ActionForm):
    """归还钥匙: the room's condition after use (a note when it is not 完好)."""

    def __init__(
        self,
        booking: BookingInfo,
        action: Callable[[KeyCondition, str], Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "归还钥匙",
            f"{_when(booking)}，{booking.booker_name}。归还后，已批准的预约登记为已使用。",
            "登记归还",
            parent,
        )
        self.setObjectName("keyInDialog")
        self._action = action
        self.condition_combo = QComboBox()
        self.condition_combo.setObjectName("field_condition")
        for condition in KeyCondition:
            self.condition_combo.addItem(condition.value, condition.value)
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("field_reason")
        self.note_edit.setPlaceholderText("未整理或有损坏时写明情况")
        self.grid.add_row("condition", "使用后状况", self.condition_combo)
        self.grid.add_row("reason", "情况说明", self.note_edit)
        self.first = self.condition_combo
        self.fit_content(480)

    def run(self) -> Any:
        return self._action(KeyCondition(self.condition_combo.currentData()), self.note_edit.text())


class NotifiedDialog(_ActionForm):
    """已电话通知: the displaced booker was told."""

    def __init__(
        self, booking: BookingInfo, action: Callable[[str], Any], parent: QWidget | None = None
    ) -> None:
        phone = booking.contact_phone or booking.booker_phone
        super().__init__(
            "记录电话通知",
            f"{booking.booker_name}　{phone}：告知其预约 {booking.serial}（{_when(booking)}）"
            "已让出。",
            "已通知",
            parent,
        )
        self.setObjectName("notifiedDialog")
        self._action = action
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("field_reason")
        self.note_edit.setPlaceholderText("如：已改约到周五下午")
        self.grid.add_row("reason", "通话备注", self.note_edit)
        self.first = self.note_edit
        self.fit_content(520)

    def run(self) -> Any:
        return self._action(self.note_edit.text())
