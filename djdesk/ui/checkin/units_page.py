"""驻区单位: the units whose Party organisations reported to the community (双报到).

Lists every unit with its category (①–⑨), Party organisation, liaison, declared and reported
members and the reporting rate; registers and edits units, revokes or restores them, and
exports the 驻区单位报到登记册.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QCheckBox, QDialog, QLineEdit, QPushButton

from djdesk.errors import DjdeskError
from djdesk.services.checkin.types import UnitStatus
from djdesk.services.checkin.units import UnitInfo, list_units, set_unit_status
from djdesk.ui.checkin.reports import export_report
from djdesk.ui.checkin.unit_dialog import UnitDialog
from djdesk.ui.checkin.units_model import OVER_FULL, UnitsModel, over_full, rate_problem
from djdesk.ui.common.confirm import confirm
from djdesk.ui.common.context import UiContext, watch_changes
from djdesk.ui.common.errors import report_exception
from djdesk.ui.common.exports import ask_save_path
from djdesk.ui.common.page import Page, debounced
from djdesk.ui.common.table_view import record_table_view

REGISTER_TITLE = "导出单位登记册"


class UnitsPage(Page):
    """Search, the unit table, and 新增 / 编辑 / 撤销·恢复 / 导出."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx, "驻区单位", "驻区单位党组织到社区报到（双报到）登记")
        self.setObjectName("unitsPage")
        writable = ctx.can_write
        self.export_button = self.add_action(QPushButton(REGISTER_TITLE))
        self.export_button.clicked.connect(lambda: self.export_register())
        self.revoke_button = self.add_action(QPushButton("撤销"))
        self.revoke_button.clicked.connect(self.toggle_revoked)
        self.edit_button = self.add_action(QPushButton("编辑"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.add_button = self.add_new_action("登记单位", self.add_unit, enabled=writable)
        #: The unit dialog opened last (kept alive while open; used by tests).
        self.dialog: QDialog | None = None

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("unitSearch")
        self.search_edit.setPlaceholderText("输入单位名称中的任意几个字")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(320)
        self._timer = debounced(self.search_edit.textChanged, 200, self.refresh, self)
        self.revoked_check = QCheckBox("显示已撤销的单位")
        self.revoked_check.toggled.connect(lambda _on: self.refresh())
        self.filter_bar = self.add_filter_bar(self.search_edit, self.revoked_check)
        self.summary_label, self.summary_hint = self.add_summary()
        self.summary_label.setObjectName("unitSummary")

        self.model = UnitsModel()
        self.view = record_table_view(
            self.model,
            "unitTable",
            stretch=(UnitsModel.COL_NAME, UnitsModel.COL_PARTY_ORG),
            status_column=UnitsModel.COL_STATUS,
        )
        self.view.verticalHeader().setDefaultSectionSize(36)
        self.view.doubleClicked.connect(self._edit_index)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.body_layout.addWidget(self.view, 1)
        # Units, and the members reporting through them (the 已报到 counts).
        watch_changes(ctx, ("unit", "member", "checkin"), lambda _c: self.refresh(), self)
        self.refresh()

    # -- data -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        keep = self.selected_unit()
        units = list_units(
            self.ctx.db,
            query=self.search_edit.text(),
            include_revoked=self.revoked_check.isChecked(),
        )
        self.model.set_records(units)
        if keep is not None:
            self.select_unit(keep.id)
        active = [u for u in units if u.status != UnitStatus.REVOKED]
        declared = sum(u.declared_members for u in active)
        reported = sum(u.reported_members for u in active)
        rate = f"，报到率 {reported / declared:.0%}" if declared else ""
        if over_full(declared, reported):
            rate += f"（⚠ {OVER_FULL}，请核对）"
        flagged = sum(1 for u in active if rate_problem(u))
        self.summary_hint.setText(
            f"{flagged} 个单位的报到率超过 100%（{OVER_FULL}），已用 ⚠ 标出 · 双击一行可编辑"
            if flagged
            else "双击一行可编辑"
        )
        self.summary_label.setText(
            f"{len(active)} 个单位 · 申报 {declared} 人 · 已报到 {reported} 人{rate}"
        )
        self._update_buttons()

    def selected_unit(self) -> UnitInfo | None:
        index = self.view.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def select_unit(self, unit_id: int) -> None:
        for row, unit in enumerate(self.model.records()):
            if unit.id == unit_id:
                self.view.setCurrentIndex(self.model.index(row, 0))
                return

    def _update_buttons(self) -> None:
        unit = self.selected_unit()
        writable = self.ctx.can_write
        self.edit_button.setEnabled(unit is not None)
        self.edit_button.setText("编辑" if writable else "查看")
        self.revoke_button.setEnabled(writable and unit is not None)
        revoked = unit is not None and unit.status == UnitStatus.REVOKED
        self.revoke_button.setText("恢复" if revoked else "撤销")

    # -- actions --------------------------------------------------------------------------------

    def _open(self, dialog: UnitDialog) -> UnitDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._saved(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _saved(self, dialog: UnitDialog) -> None:
        # The dialog's change notice has refreshed the list already.
        if dialog.saved_unit is not None:
            self.select_unit(dialog.saved_unit.id)

    def add_unit(self) -> UnitDialog:
        return self._open(UnitDialog(self.ctx, parent=self))

    def edit_selected(self) -> UnitDialog | None:
        unit = self.selected_unit()
        return self._open(UnitDialog(self.ctx, unit, parent=self)) if unit else None

    def _edit_index(self, index: QModelIndex | QPersistentModelIndex) -> None:
        self.view.setCurrentIndex(self.model.index(index.row(), 0))
        self.edit_selected()

    def toggle_revoked(self) -> None:
        """撤销 the selected unit (after a confirmation) or restore a revoked one."""
        unit = self.selected_unit()
        if unit is None:
            return
        if unit.status == UnitStatus.REVOKED:
            self._set_revoked(unit, False)
            return
        self.dialog = confirm(
            self,
            title="撤销单位",
            heading=f"撤销“{unit.name}”？",
            text="撤销后办理报到时不能再选择该单位；已报到党员的记录保留，以后可以恢复。",
            action="撤销单位",
            on_confirm=lambda: self._set_revoked(unit, True),
        )

    def _set_revoked(self, unit: UnitInfo, revoke: bool) -> None:
        try:
            set_unit_status(self.ctx.db, unit.id, revoke, actor=self.ctx.actor)
        except DjdeskError as exc:
            report_exception(exc, self)
            return
        if revoke and not self.revoked_check.isChecked():
            self.revoked_check.setChecked(True)  # keep the unit in sight, now greyed out
        self.ctx.notify("unit", unit.id)
        self.select_unit(unit.id)

    def export_register(self, path: Path | None = None) -> None:
        """The 驻区单位报到登记册 as .xlsx or .pdf, written in the background."""
        if path is None:
            suggested = self.ctx.paths.output_dir / f"驻区单位报到登记册-{date.today():%Y%m%d}.xlsx"
            path = ask_save_path(self, REGISTER_TITLE, suggested)
            if path is None:
                return
        export_report(self.ctx, self, "unit-register", path, title=REGISTER_TITLE)
