"""办件记录: every case, filtered and read a page at a time, with the open case's card.

The filter bar narrows by text (an applicant's name, a full ID number or phone, an item code,
a certificate number), 清单, 类别, 事项, 经办人, month and 办理结果; the list is the paged case
model (newest first, header clicks re-order through the service). The card at the right is the
current case (:class:`~djdesk.ui.cases.case_detail_view.CaseDetailView`): print or reprint its
certificate, or void it. Under the list, the 出具证明登记簿 and the statistics for a period are
exported or printed (:class:`~djdesk.ui.cases.reports_bar.ReportsBar`).
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QPushButton

from djdesk.services.cases.case_query import CaseFilter, case_handlers
from djdesk.services.cases.catalog_query import current_catalog
from djdesk.services.cases.types import CaseResult, CatalogKind
from djdesk.ui.cases.case_detail_view import CaseDetailView
from djdesk.ui.cases.case_list_model import CaseListModel
from djdesk.ui.cases.reports_bar import ReportsBar
from djdesk.ui.common.context import Change, UiContext, watch_changes
from djdesk.ui.common.editors import searchable_combo
from djdesk.ui.common.page import Page, debounced
from djdesk.ui.common.table_view import fit_columns, record_table_view

#: The changes the list shows: cases, certificates (printed, voided) and the catalogue.
WATCHED = ("service_case", "certificate", "catalog_version", "document_record")
MONTHS_BACK = 24
#: The widest a column gets (the item's name; longer ones are cut, with a tooltip).
ITEM_WIDTH = 230


def month_range(month: str) -> tuple[date, date]:
    """The first and last day of ``2026-11``."""
    year, number = (int(part) for part in month.split("-"))
    following = date(year + (number == 12), number % 12 + 1, 1)
    return date(year, number, 1), following - timedelta(days=1)


def recent_months(today: date, count: int = MONTHS_BACK) -> list[date]:
    """The first days of this month and the ``count - 1`` before it, newest first."""
    months, year, month = [], today.year, today.month
    for _ in range(count):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months


class CaseRecordsPage(Page):
    """Filter bar, count, the case list with the open case's card, and the period reports."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx, "办件记录", "办件、出具的证明（补打、作废）、登记簿与统计报表")
        self.setObjectName("caseRecordsPage")
        self._build_filters()
        self.total_label, self.sort_label = self.add_summary()
        self.total_label.setObjectName("caseTotal")
        self.model = CaseListModel(ctx.db)
        self.model.total_changed.connect(self._show_total)
        self.view = record_table_view(
            self.model,
            "caseTable",
            widths={},
            status_column=CaseListModel.COL_RESULT,
            minimum_height=380,
        )
        self.model.total_changed.connect(lambda _t: fit_columns(self.view, ITEM_WIDTH))
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(True)  # the certificate number keeps its year in sight
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.setSortIndicator(self.model.sort_column(), self.model.sort_order())
        header.sectionClicked.connect(self.sort_by)
        self.view.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_current(current)
        )
        self.detail = CaseDetailView(ctx)
        self.detail.setMinimumWidth(340)
        self.detail.setMaximumWidth(380)
        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addWidget(self.view, 1)
        columns.addWidget(self.detail)
        self.body_layout.addLayout(columns, 1)
        self.reports = ReportsBar(ctx)
        self.body_layout.addWidget(self.reports)
        self._show_total(self.model.total)
        self._fitted = False
        watch_changes(ctx, WATCHED, self._on_change, self)

    # -- filters --------------------------------------------------------------------------------

    def _build_filters(self) -> None:
        self.text_filter = QLineEdit()
        self.text_filter.setObjectName("filter_text")
        self.text_filter.setPlaceholderText("姓名 / 号码 / 编号")
        self.text_filter.setToolTip(
            "申请人姓名（开头几个字）、完整的身份证号或电话、事项编号、证明编号"
        )
        self.text_filter.setClearButtonEnabled(True)
        self.text_filter.setMinimumWidth(110)
        self.text_filter.setMaximumWidth(150)
        self._text_timer = debounced(self.text_filter.textChanged, 250, self.apply_filter, self)
        self.catalog_filter = QComboBox()
        self.catalog_filter.setObjectName("filter_catalog")
        self.catalog_filter.addItem("全部清单", "")
        for kind in CatalogKind:
            self.catalog_filter.addItem(kind.value, kind.value)
        self.category_filter = QComboBox()
        self.category_filter.setObjectName("filter_category")
        self.item_filter = searchable_combo("全部事项")
        self.item_filter.setObjectName("filter_item")
        self.item_filter.setMinimumWidth(150)
        self.item_filter.setMaximumWidth(190)
        self.handler_filter = QComboBox()
        self.handler_filter.setObjectName("filter_handler")
        self.month_filter = QComboBox()
        self.month_filter.setObjectName("filter_month")
        self.month_filter.addItem("全部月份", None)
        for first in recent_months(date.today()):
            self.month_filter.addItem(f"{first:%Y-%m}", f"{first:%Y-%m}")
        self.result_filter = QComboBox()
        self.result_filter.setObjectName("filter_result")
        self.result_filter.addItem("全部结果", "")
        for result in CaseResult:
            self.result_filter.addItem(result.value, result.value)
        self.reset_button = QPushButton("清除筛选")
        self.reset_button.clicked.connect(self.reset_filter)
        for combo, length in (
            (self.catalog_filter, 6),
            (self.category_filter, 5),
            (self.handler_filter, 6),
            (self.month_filter, 5),
            (self.result_filter, 5),
        ):  # long entries must not widen the bar past the page
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(length)
        self._load_choices()
        self.catalog_filter.currentIndexChanged.connect(lambda _i: self._catalog_changed())
        for combo in (
            self.category_filter,
            self.item_filter,
            self.handler_filter,
            self.month_filter,
            self.result_filter,
        ):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filter())
        self.filter_bar = self.add_filter_bar(
            self.text_filter,
            self.catalog_filter,
            self.category_filter,
            self.item_filter,
            self.handler_filter,
            self.month_filter,
            self.result_filter,
            self.reset_button,
        )

    def _catalog_changed(self) -> None:
        self._load_choices()
        self.apply_filter()

    def _load_choices(self) -> None:
        """Categories and items of the chosen catalogue, and the handlers (keeping choices)."""
        view = current_catalog(self.ctx.db)
        kind = self.catalog_filter.currentData() or ""
        items = [i for i in view.items if not kind or i.catalog == kind]
        categories = sorted({i.category for i in items if i.category})
        choices: list[tuple[QComboBox, str, list[tuple[str, str]]]] = [
            (self.category_filter, "全部类别", [(c, c) for c in categories]),
            (self.item_filter, "", [(f"{i.code} {i.name}", i.code) for i in items]),
            (self.handler_filter, "全部经办人", [(h, h) for h in case_handlers(self.ctx.db)]),
        ]
        for combo, everything, entries in choices:
            keep = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, "")
            for text, data in entries:
                combo.addItem(text, data)
            index = combo.findData(keep) if keep else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def current_filter(self) -> CaseFilter:
        month = self.month_filter.currentData()
        start, end = month_range(month) if month else (None, None)
        return CaseFilter(
            text=self.text_filter.text().strip(),
            catalog=self.catalog_filter.currentData() or "",
            category=self.category_filter.currentData() or "",
            item_code=self.item_filter.currentData() or "",
            handler=self.handler_filter.currentData() or "",
            result=self.result_filter.currentData() or "",
            date_from=start,
            date_to=end,
        )

    def apply_filter(self) -> None:
        self._text_timer.stop()
        flt = self.current_filter()
        if flt != self.model.case_filter:
            self.model.set_filter(flt)
            self._select_first()

    def reset_filter(self) -> None:
        combos = (
            self.catalog_filter,
            self.category_filter,
            self.item_filter,
            self.handler_filter,
            self.month_filter,
            self.result_filter,
        )
        for combo in combos:
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.text_filter.blockSignals(True)
        self.text_filter.clear()
        self.text_filter.blockSignals(False)
        self._load_choices()
        self.apply_filter()

    def _show_total(self, total: int) -> None:
        self.total_label.setText(f"共 {total:,} 件")
        title = self.model.headerData(self.model.sort_column(), Qt.Orientation.Horizontal)
        way = "升序" if self.model.sort_order() == Qt.SortOrder.AscendingOrder else "降序"
        self.sort_label.setText(f"按{title}{way}排列 · 点击表头可换排序 · 右侧为所选办件")

    # -- data -----------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._fitted:
            self._fitted = fit_columns(self.view, ITEM_WIDTH)
        if not self.view.currentIndex().isValid():
            self._select_first()

    def entry_widget(self) -> QLineEdit:
        return self.text_filter

    def refresh(self) -> None:
        self._load_choices()
        self._reload_keeping_place()

    def _on_change(self, change: Change) -> None:
        if change.kind in ("catalog_version", "service_case"):
            self._load_choices()
        self._reload_keeping_place()

    def _reload_keeping_place(self) -> None:
        case_id = self.detail.case_id
        row = self.view.currentIndex().row()
        self.model.reload()
        if 0 <= row < self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(row, 0))
        self.detail.show_case(case_id if case_id is not None else self._current_case_id())

    def _select_first(self) -> None:
        if self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, 0))
        else:
            self.detail.show_case(None)

    def _current_case_id(self) -> int | None:
        index = self.view.currentIndex()
        return self.model.case_id(index.row()) if index.isValid() else None

    def _show_current(self, index: QModelIndex) -> None:
        self.detail.show_case(self.model.case_id(index.row()) if index.isValid() else None)

    def select_case(self, case_id: int) -> None:
        """Show ``case_id`` in the card and select its row when it is near the top."""
        row = self.model.row_of(case_id)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
        self.detail.show_case(case_id)

    def sort_by(self, column: int) -> None:
        """Header click: order by that column (again: reverse)."""
        header = self.view.horizontalHeader()
        if not self.model.is_sortable(column):
            header.setSortIndicator(self.model.sort_column(), self.model.sort_order())
            return
        order = Qt.SortOrder.DescendingOrder
        if column == self.model.sort_column() and self.model.sort_order() == order:
            order = Qt.SortOrder.AscendingOrder
        self.model.sort(column, order)
        header.setSortIndicator(column, order)
        self._show_total(self.model.total)
        self._select_first()
