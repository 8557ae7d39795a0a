"""The fields of a booking: room, date, start and end, booker, purpose, attendees, contact, the
public-benefit tick and the official-meeting flag, and for the few who need them the reason a
meeting displaces residents and an administrator's reason for setting a rule aside.

Every field has the service's name (:data:`~djdesk.services.rooms.booking_input.FIELD_LABELS`),
so a rule's refusal lands under the field it concerns. Times are typed (``0930``, ``9:30``) or
picked from the slots of the grid.
"""

from __future__ import annotations

import itertools
import re
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QSpinBox, QVBoxLayout, QWidget

from djdesk.errors import ValidationError, ValidationErrors
from djdesk.services.rooms.booking_input import FIELD_LABELS, BookingInput, parse_clock
from djdesk.services.rooms.calendar import format_minute
from djdesk.services.rooms.rooms import RoomInfo
from djdesk.services.store import Database
from djdesk.ui.common.date_field import DateField
from djdesk.ui.common.field_grid import FieldGrid
from djdesk.ui.rooms.booker_picker import BookerPicker

#: The slots offered in the time lists (typing any time on the grid works too).
FIRST_SLOT, LAST_SLOT = 6 * 60, 23 * 60


def clock_text(text: str) -> str:
    """``0930`` → ``09:30`` (the clerk types four digits without the colon)."""
    compact = text.strip()
    if re.fullmatch(r"\d{3,4}", compact):
        compact = f"{compact[:-2]}:{compact[-2:]}"
    return compact


def time_combo(name: str, slot: int) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(f"field_{name}")
    combo.setEditable(True)
    combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
    combo.setMaxVisibleItems(12)
    for minute in range(FIRST_SLOT, LAST_SLOT + 1, slot):
        combo.addItem(format_minute(minute), minute)
    combo.setCurrentIndex(-1)
    line = combo.lineEdit()
    if line is not None:
        line.setPlaceholderText("如 0930")
    return combo


class BookingForm(QWidget):
    """Every field of :class:`BookingInput`; :meth:`value` reads them as typed."""

    edited = Signal(str)

    def __init__(
        self, db: Database, *, slot: int = 30, admin: bool = False, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("bookingForm")
        self.db = db
        self.rooms: dict[int, RoomInfo] = {}
        self.room_combo = QComboBox()
        self.room_combo.setObjectName("field_room")
        self.day_edit = DateField()
        self.day_edit.setObjectName("field_day")
        self.start_combo = time_combo("start", slot)
        self.end_combo = time_combo("end", slot)
        self.picker = BookerPicker(db)
        self.purpose_edit = QLineEdit()
        self.purpose_edit.setObjectName("field_purpose")
        self.purpose_edit.setPlaceholderText("如：合唱排练、支部委员会、读书分享会")
        self.purpose_edit.setMaxLength(200)
        self.attendees_spin = QSpinBox()
        self.attendees_spin.setObjectName("field_attendees")
        self.attendees_spin.setRange(0, 5000)
        self.attendees_spin.setValue(10)
        self.attendees_spin.setSuffix(" 人")
        self.contact_name_edit = QLineEdit()
        self.contact_name_edit.setObjectName("field_contact_name")
        self.contact_name_edit.setPlaceholderText("现场负责人（可留空）")
        self.contact_phone_edit = QLineEdit()
        self.contact_phone_edit.setObjectName("field_contact_phone")
        self.contact_phone_edit.setPlaceholderText("现场负责人电话（可留空）")
        self.public_check = QCheckBox("已确认为公益用途（不涉及营利、推销、广告）")
        self.public_check.setObjectName("field_public_benefit")
        self.official_check = QCheckBox("党组织正式会议（党员大会、支委会、党小组会、党课）")
        self.official_check.setObjectName("field_official")
        self.approve_check = QCheckBox("当场批准（该场地需要审批）")
        self.approve_check.setObjectName("field_approve")
        self.bump_edit = QLineEdit()
        self.bump_edit.setObjectName("field_reason")
        self.bump_edit.setPlaceholderText("如：街道党工委临时通知召开支部委员会")
        self.override_edit = QLineEdit()
        self.override_edit.setObjectName("field_override_reason")
        self.override_edit.setPlaceholderText("管理员填写：为何例外放行（记入日志）")

        grid = self.grid = FieldGrid(columns=2)
        grid.add("room", "场地", self.room_combo, 0, 0, required=True)
        grid.add("day", "日期", self.day_edit, 0, 1, required=True)
        grid.add("start", "开始时间", self.start_combo, 1, 0, required=True)
        grid.add("end", "结束时间", self.end_combo, 1, 1, required=True)
        grid.add(
            "booker", "预约对象", self.picker, 2, 0, 2, editor=self.picker.name_edit, required=True
        )
        grid.add("purpose", "活动内容", self.purpose_edit, 3, 0, 2, required=True)
        grid.add("attendees", "预计人数", self.attendees_spin, 4, 0)
        grid.add("contact_name", "联系人", self.contact_name_edit, 4, 1)
        grid.add("contact_phone", "联系电话", self.contact_phone_edit, 5, 0)
        grid.add("approve", "", self.approve_check, 5, 1)
        grid.add("public_benefit", "公益用途", self.public_check, 6, 0, 2)
        grid.add("official", "会议性质", self.official_check, 7, 0, 2)
        grid.add("reason", "让出理由", self.bump_edit, 8, 0, 2)
        grid.add("override_reason", "例外理由", self.override_edit, 9, 0, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        # (only once the fields have their parent: a parentless widget made visible would
        # flash up as a window of its own)
        grid.set_row_visible("reason", False)
        grid.set_row_visible("override_reason", admin)
        grid.set_row_visible("approve", False)

        self.room_combo.currentIndexChanged.connect(lambda _i: self._changed("room"))
        self.day_edit.textChanged.connect(lambda _t: self._changed("day"))
        for name, combo in (("start", self.start_combo), ("end", self.end_combo)):
            combo.currentTextChanged.connect(lambda _t, n=name: self._changed(n))
        self.picker.edited.connect(lambda: self._changed("booker"))
        edits = (
            ("purpose", self.purpose_edit),
            ("contact_name", self.contact_name_edit),
            ("contact_phone", self.contact_phone_edit),
            ("reason", self.bump_edit),
            ("override_reason", self.override_edit),
        )
        for name, edit in edits:
            edit.textChanged.connect(lambda _t, n=name: self._changed(n))
        self.attendees_spin.valueChanged.connect(lambda _v: self._changed("attendees"))
        self.public_check.toggled.connect(lambda _on: self._changed("public_benefit"))
        self.official_check.toggled.connect(lambda _on: self._changed("official"))
        chain = [
            self.room_combo,
            self.day_edit,
            self.start_combo,
            self.end_combo,
            self.picker.category_combo,
            self.picker.name_edit,
            self.picker.phone_edit,
            self.purpose_edit,
            self.attendees_spin,
            self.contact_name_edit,
            self.contact_phone_edit,
            self.approve_check,
            self.public_check,
            self.official_check,
            self.bump_edit,
            self.override_edit,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- filling in -----------------------------------------------------------------------------

    def set_rooms(self, rooms: list[RoomInfo]) -> None:
        self.rooms = {r.id: r for r in rooms}
        self.room_combo.blockSignals(True)
        self.room_combo.clear()
        for room in rooms:
            note = "" if room.status == "开放" else f"（{room.status}）"
            self.room_combo.addItem(f"{room.name}　{room.capacity} 人{note}", room.id)
        self.room_combo.setCurrentIndex(-1)
        self.room_combo.blockSignals(False)

    def set_room(self, room_id: int | None) -> None:
        self.room_combo.setCurrentIndex(self.room_combo.findData(room_id) if room_id else -1)
        self._room_changed()

    def set_times(self, start: int, end: int) -> None:
        self.start_combo.setEditText(format_minute(start))
        self.end_combo.setEditText(format_minute(end))

    def room(self) -> RoomInfo | None:
        room_id = self.room_combo.currentData()
        return self.rooms.get(room_id) if room_id is not None else None

    def _room_changed(self) -> None:
        room = self.room()
        self.grid.set_row_visible("approve", bool(room and room.needs_approval))
        if room is not None:
            equipment = "、".join(room.equipment) or "无"
            self.grid.set_note(
                "room", f"{room.floor} · 容纳 {room.capacity} 人 · 设备：{equipment}"
            )
        else:
            self.grid.set_note("room", "")

    def _changed(self, name: str) -> None:
        self.grid.clear_error(name)
        if name == "room":
            self._room_changed()
        self.edited.emit(name)

    # -- reading --------------------------------------------------------------------------------

    def _minute(self, combo: QComboBox, name: str) -> tuple[int | None, ValidationError | None]:
        text = clock_text(combo.currentText())
        if not text:
            return None, None
        try:
            return parse_clock(text, name), None
        except ValidationErrors as exc:
            return None, exc.errors[0]

    def value(self) -> BookingInput:
        """What was entered; unreadable times are ``None`` (see :meth:`local_errors`)."""
        booker_id, walk_in = self.picker.value()
        room_id = self.room_combo.currentData()
        return BookingInput(
            room_id=int(room_id) if room_id is not None else None,
            day=self.day_edit.value(),
            start=self._minute(self.start_combo, "start")[0],
            end=self._minute(self.end_combo, "end")[0],
            booker_id=booker_id,
            booker=walk_in,
            purpose=self.purpose_edit.text(),
            attendees=self.attendees_spin.value(),
            contact_name=self.contact_name_edit.text(),
            contact_phone=self.contact_phone_edit.text(),
            public_benefit=self.public_check.isChecked(),
            official=self.official_check.isChecked(),
            override_reason=self.override_edit.text()
            if self.grid.is_row_visible("override_reason")
            else "",
        )

    def bump_reason(self) -> str:
        return self.bump_edit.text() if self.grid.is_row_visible("reason") else ""

    def approve(self) -> bool:
        return self.grid.is_row_visible("approve") and self.approve_check.isChecked()

    def local_errors(self) -> list[ValidationError]:
        """Empty required fields, an unreadable date or time: found before asking the service."""
        errors = self.grid.missing(FIELD_LABELS)
        if self.picker.is_blank() and not any(e.field == "booker" for e in errors):
            errors.append(ValidationError("booker", "不能为空", label=FIELD_LABELS["booker"]))
        errors += self.grid.date_problems(FIELD_LABELS)
        for name, combo in (("start", self.start_combo), ("end", self.end_combo)):
            problem = self._minute(combo, name)[1]
            if problem is not None:
                errors.append(problem)
        return errors

    def blank(self, name: str) -> bool:
        """Whether field ``name`` is still empty (its 必须填写 waits for the save)."""
        if name == "booker":
            return self.picker.is_blank()
        if name in ("start", "end"):
            combo = self.start_combo if name == "start" else self.end_combo
            return not combo.currentText().strip()
        if name == "day":
            return self.day_edit.is_empty()
        if name == "room":
            return self.room_combo.currentIndex() < 0
        if name == "purpose":
            return not self.purpose_edit.text().strip()
        return False

    def first_day(self) -> date | None:
        return self.day_edit.value()
