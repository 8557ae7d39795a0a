"""党员名册: every member, filtered and sorted by the database, read a page at a time.

The filter bar builds a :class:`MemberFilter`; the table's lazy model
(:mod:`djdesk.ui.checkin.member_list_model`) counts the matches and reads only the pages shown.
Header clicks re-query in another order. 导出花名册 / 导出统计表 write the current selection
in the background; 导入花名册… opens the roster import wizard.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QDialog, QLineEdit, QMessageBox, QPushButton

from djdesk.services.checkin.grids import list_grids, list_posts
from djdesk.services.checkin.members import MemberFilter
from djdesk.services.checkin.types import MemberStatus
from djdesk.services.checkin.units import list_units
from djdesk.ui.checkin.import_wizard import ImportWizard
from djdesk.ui.checkin.member_card import MemberCardDialog
from djdesk.ui.checkin.member_list_model import MemberListModel
from djdesk.ui.checkin.reports import export_report
from djdesk.ui.common.context import Change, UiContext, watch_changes
from djdesk.ui.common.editors import searchable_combo
from djdesk.ui.common.exports import ask_save_path
from djdesk.ui.common.page import Page, debounced
from djdesk.ui.common.table_view import fit_columns, record_table_view

FIRST_YEAR = 2015
STATUSES = tuple(MemberStatus)
#: The changes the register shows: members and check-ins, and the names of units, grids, posts.
WATCHED = ("member", "checkin", "unit", "grid", "service_post")


class MembersPage(Page):
    """Filter bar, count, and the lazily loaded member table."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx, "党员名册", "在职党员报到名册：筛选、排序、导入与导出")
        self.setObjectName("membersPage")
        writable = ctx.can_write
        self.import_button = self.add_action(QPushButton("导入花名册…"))
        self.import_button.setEnabled(writable)
        self.import_button.clicked.connect(self.open_import)
        self.stats_button = self.add_action(QPushButton("导出统计表"))
        self.stats_button.clicked.connect(lambda: self.export_report("checkin-stats"))
        self.export_button = self.add_action(QPushButton("导出花名册"))
        self.export_button.clicked.connect(lambda: self.export_report("members-roster"))
        self.open_button = self.add_action(QPushButton("打开党员卡片"), primary=True)
        self.open_button.setToolTip("打开选中党员的卡片（也可双击）")
        self.open_button.clicked.connect(self.open_selected)
        #: The dialog opened last (card or import wizard); kept alive while open.
        self.dialog: QDialog | None = None

        self._build_filters()
        self.total_label, self.sort_label = self.add_summary()
        self.total_label.setObjectName("memberTotal")
        self.model = MemberListModel(ctx.db)
        self.model.total_changed.connect(self._show_total)
        # Sized to the rows on screen after each reload (never by reading every row); the
        # name stays in place while the other columns scroll sideways.
        self.view = record_table_view(
            self.model,
            "memberTable",
            widths={},
            status_column=MemberListModel.COL_STATUS,
            minimum_height=360,
            frozen=True,
        )
        self.model.total_changed.connect(lambda _total: fit_columns(self.view))
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.setSortIndicator(self.model.sort_column(), self.model.sort_order())
        header.sectionClicked.connect(self.sort_by)
        self.view.activated.connect(self._open_index)
        self.body_layout.addWidget(self.view, 1)
        self._show_total(self.model.total)
        self._fitted = False
        watch_changes(ctx, WATCHED, self._on_change, self)

    # -- filter bar -----------------------------------------------------------------------------

    def _build_filters(self) -> None:
        self.unit_filter = searchable_combo("全部单位")
        self.unit_filter.setObjectName("filter_unit")
        self.unit_filter.setMinimumWidth(200)
        self.unit_filter.setMaximumWidth(260)
        self.grid_filter = QComboBox()
        self.grid_filter.setObjectName("filter_grid")
        self.post_filter = QComboBox()
        self.post_filter.setObjectName("filter_post")
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("filter_status")
        self.status_filter.addItem("全部状态", "")
        for status in STATUSES:
            self.status_filter.addItem(status, status)
        self.year_filter = QComboBox()
        self.year_filter.setObjectName("filter_year")
        self.year_filter.addItem("全部年份", None)
        for year in range(date.today().year, FIRST_YEAR - 1, -1):
            self.year_filter.addItem(f"{year} 年", year)
        self.text_filter = QLineEdit()
        self.text_filter.setObjectName("filter_text")
        self.text_filter.setPlaceholderText("姓名 / 拼音 / 号码")
        self.text_filter.setToolTip("姓名、拼音或首字母、手机号、身份证号后 4 位以上")
        self.text_filter.setClearButtonEnabled(True)
        self.text_filter.setMinimumWidth(190)
        self._text_timer = debounced(self.text_filter.textChanged, 250, self.apply_filter, self)
        self.reset_button = QPushButton("清除筛选")
        self.reset_button.clicked.connect(self.reset_filter)
        self._load_choices()
        for combo in (self.grid_filter, self.post_filter, self.status_filter, self.year_filter):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.unit_filter.currentIndexChanged.connect(lambda _i: self.apply_filter())
        unit_line = self.unit_filter.lineEdit()
        assert unit_line is not None
        unit_line.editingFinished.connect(self.apply_filter)
        self.filter_bar = self.add_filter_bar(
            self.text_filter,
            self.unit_filter,
            self.grid_filter,
            self.post_filter,
            self.status_filter,
            self.year_filter,
            self.reset_button,
        )

    def _load_choices(self) -> None:
        """Fill the unit, grid and post choices (keeping what is selected)."""
        db = self.ctx.db
        choices: list[tuple[QComboBox, str, list[tuple[str, object]]]] = [
            (self.unit_filter, "全部单位", [(u.name, u.id) for u in list_units(db)]),
            (
                self.grid_filter,
                "全部网格",
                [(g.name, g.id) for g in list_grids(db, include_inactive=True)],
            ),
            (
                self.post_filter,
                "全部岗位",
                [(p.name, p.name) for p in list_posts(db, include_inactive=True)],
            ),
        ]
        for combo, everything, items in choices:
            keep = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem("" if combo.isEditable() else everything, None)
            for text, data in items:
                combo.addItem(text, data)
            index = combo.findData(keep) if keep is not None else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def current_filter(self) -> MemberFilter:
        text = self.text_filter.text().strip()
        if re.fullmatch(r"\d{1,3}", text):  # too short to search numbers by
            text = ""
        unit_index = self.unit_filter.findText(
            self.unit_filter.currentText().strip(), Qt.MatchFlag.MatchFixedString
        )
        unit_id = self.unit_filter.itemData(unit_index) if unit_index > 0 else None
        return MemberFilter(
            unit_id=unit_id,
            grid_id=self.grid_filter.currentData(),
            post=self.post_filter.currentData() or "",
            status=self.status_filter.currentData() or "",
            year=self.year_filter.currentData(),
            text=text,
        )

    def apply_filter(self) -> None:
        self._text_timer.stop()
        flt = self.current_filter()
        if flt != self.model.member_filter:
            self.model.set_filter(flt)

    def reset_filter(self) -> None:
        for combo in (self.grid_filter, self.post_filter, self.status_filter, self.year_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.unit_filter.blockSignals(True)
        self.unit_filter.setCurrentIndex(0)
        self.unit_filter.blockSignals(False)
        self.text_filter.blockSignals(True)
        self.text_filter.clear()
        self.text_filter.blockSignals(False)
        self.apply_filter()

    def _show_total(self, total: int) -> None:
        self.total_label.setText(f"共 {total:,} 人")
        self._show_sort()

    def _show_sort(self) -> None:
        title = self.model.headerData(self.model.sort_column(), Qt.Orientation.Horizontal)
        way = "升序" if self.model.sort_order() == Qt.SortOrder.AscendingOrder else "降序"
        pinyin = "（按拼音）" if self.model.sort_column() == MemberListModel.COL_NAME else ""
        self.sort_label.setText(f"按{title}{pinyin}{way}排列 · 点击表头可换排序 · 双击打开党员卡片")

    # -- data -----------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted:
            self._fitted = fit_columns(self.view)

    def refresh(self) -> None:
        self._load_choices()
        self.model.reload()

    def _on_change(self, change: Change) -> None:
        if change.kind in ("unit", "grid", "service_post"):
            self._load_choices()
        # Reload where the clerk was: a change made from an open card keeps the place.
        scroll = self.view.verticalScrollBar().value()
        row = self.view.currentIndex().row()
        self.model.reload()
        self.view.verticalScrollBar().setValue(scroll)
        if 0 <= row < self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(row, 0))

    def sort_by(self, column: int) -> None:
        """Header click: sort by that column (again: reverse); other columns keep the order."""
        header = self.view.horizontalHeader()
        if not self.model.is_sortable(column):
            header.setSortIndicator(self.model.sort_column(), self.model.sort_order())
            return
        order = Qt.SortOrder.AscendingOrder
        if column == self.model.sort_column():
            order = (
                Qt.SortOrder.DescendingOrder
                if self.model.sort_order() == Qt.SortOrder.AscendingOrder
                else Qt.SortOrder.AscendingOrder
            )
        self.model.sort(column, order)
        header.setSortIndicator(column, order)
        self._show_sort()

    # -- actions --------------------------------------------------------------------------------

    def selected_member_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.member_id(index.row()) if index.isValid() else None

    def _open_index(self, index: QModelIndex | QPersistentModelIndex) -> None:
        member_id = self.model.member_id(index.row())
        if member_id is not None:
            self.open_member(member_id)

    def open_selected(self) -> None:
        member_id = self.selected_member_id()
        if member_id is None:
            QMessageBox.information(self, "打开", "请先在名册中选中一名党员。")
            return
        self.open_member(member_id)

    def open_member(self, member_id: int) -> MemberCardDialog:
        dialog = MemberCardDialog(self.ctx, member_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def open_import(self) -> ImportWizard:
        """Open the roster import wizard."""
        wizard = ImportWizard(self.ctx, self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.finished.connect(lambda _r: self.refresh())
        self.dialog = wizard
        wizard.open()
        return wizard

    def export_report(self, kind: str, path: Path | None = None) -> None:
        """导出花名册 (the current filter and order) or 导出统计表 (the filter's year)."""
        flt = self.model.member_filter
        title = "导出花名册" if kind == "members-roster" else "导出统计表"
        if path is None:
            stem = "在职党员花名册" if kind == "members-roster" else "在职党员报到情况统计表"
            stamp = str(flt.year) if flt.year else f"{date.today():%Y%m%d}"
            suggested = self.ctx.paths.output_dir / f"{stem}-{stamp}.xlsx"
            chosen = ask_save_path(self, title, suggested)
            if chosen is None:
                return
            path = chosen
        # The roster follows the screen: its filter and its order.
        descending = self.model.sort_order() == Qt.SortOrder.DescendingOrder
        export_report(
            self.ctx,
            self,
            kind,
            path,
            title=title,
            year=flt.year,
            flt=flt,
            sort=self.model.sort_key(),
            descending=descending,
        )
