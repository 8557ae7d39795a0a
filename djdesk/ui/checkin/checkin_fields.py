"""The 报到 section of the check-in form, and the 调整网格/岗位 dialog built from the same parts.

报到日期 (typed; today by default, never later), 网格 (from the grid registry, or none yet),
认领岗位 (checkable chips from the service-post list), 报到方式 and 接收人 (the clerk on duty).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QGroupBox, QLineEdit, QVBoxLayout, QWidget

from djdesk.errors import DjdeskError, ValidationError, ValidationErrors
from djdesk.services.checkin.checkins import CheckInInput, update_assignment
from djdesk.services.checkin.grids import GridInfo, list_grids, list_posts
from djdesk.services.checkin.member_rules import CHANNELS, FIELD_LABELS
from djdesk.services.checkin.members import CheckInRecord
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.date_field import DateField, plausible
from djdesk.ui.common.editors import ChipGroup
from djdesk.ui.common.errors import show_error
from djdesk.ui.common.field_grid import FieldGrid
from djdesk.ui.common.form_dialog import FormDialog

NO_GRID = "暂不编入"


def grid_combo(grids: Sequence[GridInfo], current: int | None = None) -> QComboBox:
    """网格 choices (their leaders as tooltips), the first meaning "none yet"."""
    combo = QComboBox()
    combo.setObjectName("field_grid_id")
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(8)
    combo.addItem(NO_GRID, None)
    for grid in grids:
        combo.addItem(grid.name, grid.id)
        if grid.leader:
            tip = f"网格长 {grid.leader} {grid.phone}".strip()
            combo.setItemData(combo.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
    if current is not None and (index := combo.findData(current)) > 0:
        combo.setCurrentIndex(index)
    return combo


def combo_id(combo: QComboBox) -> int | None:
    data = combo.currentData()
    return int(data) if data is not None else None


class CheckInFields(QWidget):
    """The 报到 group box (:attr:`box`); :meth:`value` gives a :class:`CheckInInput`."""

    def __init__(
        self, grids: Sequence[GridInfo], posts: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.date_edit = DateField(checks=[plausible("checked_in_on")])
        self.date_edit.setObjectName("field_checked_in_on")
        self.date_edit.set_value(date.today())
        self.channel_combo = QComboBox()
        self.channel_combo.setObjectName("field_channel")
        self.channel_combo.addItems(list(CHANNELS))
        self.grid_combo = grid_combo(grids)
        self.received_edit = QLineEdit()
        self.received_edit.setObjectName("field_received_by")
        self.received_edit.setPlaceholderText("社区接收人")
        self.post_chips = ChipGroup(columns=4)
        self.post_chips.setObjectName("field_posts")
        self.post_chips.set_options(posts)
        self.post_chips.setToolTip("可多选；岗位清单由管理员在“网格与岗位”页维护")

        grid = self.grid = FieldGrid(columns=2)
        grid.add("checked_in_on", "报到日期", self.date_edit, 0, 0, required=True)
        grid.add("channel", "报到方式", self.channel_combo, 0, 1)
        grid.add("grid_id", "编入网格", self.grid_combo, 1, 0)
        grid.add("received_by", "接收人", self.received_edit, 1, 1)
        grid.add("posts", "认领岗位", self.post_chips, 2, 0, span=2)
        self.grid_combo.currentIndexChanged.connect(lambda _i: grid.clear_error("grid_id"))
        self.channel_combo.currentIndexChanged.connect(lambda _i: grid.clear_error("channel"))
        self.post_chips.changed.connect(lambda: grid.clear_error("posts"))

        self.box = QGroupBox("报到")
        self.box.setObjectName("checkinSection")
        layout = QVBoxLayout(self.box)
        layout.setSpacing(6)
        layout.addLayout(grid)

    def tab_chain(self) -> list[QWidget]:
        return [
            self.date_edit,
            self.channel_combo,
            self.grid_combo,
            self.received_edit,
            *self.post_chips.chips.values(),
        ]

    def set_received_by(self, name: str) -> None:
        self.received_edit.setText(name)

    def local_errors(self) -> list[ValidationError]:
        """Required fields left empty and dates that cannot be read or be true."""
        return self.grid.missing(FIELD_LABELS) + self.grid.date_problems(FIELD_LABELS)

    def value(self) -> CheckInInput:
        checked_in_on = self.date_edit.value()
        assert checked_in_on is not None, "local_errors() is checked first"
        return CheckInInput(
            checked_in_on=checked_in_on,
            grid_id=combo_id(self.grid_combo),
            posts=self.post_chips.selected(),
            channel=self.channel_combo.currentText(),
            received_by=self.received_edit.text(),
        )


class AssignmentDialog(FormDialog):
    """调整网格/岗位 of the member's current check-in (``update_assignment``)."""

    def __init__(
        self,
        ctx: UiContext,
        member_id: int,
        current: CheckInRecord,
        *,
        name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "调整网格和岗位",
            f"{name}：调整网格和认领岗位" if name else "调整网格和认领岗位",
            accept_enabled=ctx.can_write,
            required_note=False,
            parent=parent,
        )
        self.setObjectName("assignmentDialog")
        self.ctx = ctx
        self.member_id = member_id
        self.grid_combo = grid_combo(list_grids(ctx.db), current.grid_id)
        self.post_chips = ChipGroup(columns=4)
        self.post_chips.setObjectName("field_posts")
        self.post_chips.set_options([p.name for p in list_posts(ctx.db)])
        self.post_chips.set_selected(current.posts)
        grid = self.grid = FieldGrid(columns=1)
        grid.add("grid_id", "编入网格", self.grid_combo, 0)
        grid.add("posts", "认领岗位", self.post_chips, 1)
        self.add_body(grid)
        self.body_layout.addStretch(1)
        self.fit_content(620)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.grid_combo.setFocus(Qt.FocusReason.OtherFocusReason)

    def accept(self) -> None:
        self.grid.clear_errors()
        try:
            update_assignment(
                self.ctx.db,
                self.member_id,
                grid_id=combo_id(self.grid_combo),
                posts=self.post_chips.selected(),
                actor=self.ctx.actor,
            )
        except ValidationErrors as errors:
            rest = self.grid.show_errors(errors, focus=True)
            if rest:
                show_error(ValidationErrors(rest), self)
            return
        except DjdeskError as exc:
            show_error(exc, self)
            return
        self.ctx.notify("checkin")
        self.mark_clean()
        super().accept()
