"""协议管理: the agreements and responsibility books with units' Party organisations.

Two tabs: 全部协议 (search by unit or number, filter by kind and status — 草稿 / 已签订 /
已到期 / 已终止 — and act on the selected one through :mod:`.agreement_actions`) and 即将到期
(:mod:`.expiring_panel`: renewals and their batch printing). The title row creates agreements
(Ctrl+N), responsibility books and 党群连心卡.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from djdesk.services.agreements.records import list_agreements
from djdesk.services.agreements.types import (
    AgreementFilter,
    AgreementInfo,
    AgreementKind,
    AgreementStatus,
)
from djdesk.ui.agreements.agreement_actions import AgreementActions
from djdesk.ui.agreements.agreement_dialog import AgreementDialog
from djdesk.ui.agreements.agreements_model import AgreementsModel
from djdesk.ui.agreements.contact_card_dialog import ContactCardDialog
from djdesk.ui.agreements.expiring_panel import ExpiringPanel
from djdesk.ui.common.context import UiContext, watch_changes
from djdesk.ui.common.page import FilterBar, Page, debounced, summary_label
from djdesk.ui.common.table_view import record_table_view

PRINT_KEYS = "Ctrl+P"
#: The record kinds whose changes this page shows.
WATCHED = ("agreement", "unit", "agreement_template", "document_record", "site")


class AgreementsPage(Page):
    """The agreement list, the 即将到期 list, and creating agreements, books and cards."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx, "协议管理", "共驻共建协议书、区域化党建目标责任书与党群连心卡")
        self.setObjectName("agreementsPage")
        write = ctx.can_write
        self.card_button = self.add_action(QPushButton("党群连心卡…"))
        self.card_button.setObjectName("contactCardButton")
        self.card_button.clicked.connect(lambda: self.print_card())
        self.book_button = self.add_action(QPushButton("新建责任书"))
        self.book_button.setObjectName("newResponsibilityButton")
        self.book_button.setEnabled(write)
        self.book_button.clicked.connect(lambda: self.new_agreement(AgreementKind.RESPONSIBILITY))
        self.add_new_action("新建协议", self.new_agreement, enabled=write)
        #: The dialog opened last from the title row (kept alive while open; used by tests).
        self.dialog: QDialog | None = None

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("agreementSearch")
        self.search_edit.setPlaceholderText("单位名称或编号中的任意几个字")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(280)
        self._timer = debounced(self.search_edit.textChanged, 200, self.refresh, self)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("agreementKind")
        self.kind_combo.setAccessibleName("文书类型")
        self.kind_combo.addItem("全部文书", None)
        for kind in AgreementKind:
            self.kind_combo.addItem(kind.value, kind)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("agreementStatus")
        self.status_combo.setAccessibleName("状态")
        self.status_combo.addItem("全部状态", None)
        for status in AgreementStatus:
            self.status_combo.addItem(status.value, status)
        for combo in (self.kind_combo, self.status_combo):
            combo.currentIndexChanged.connect(lambda _i: self.refresh())

        self.model = AgreementsModel()
        self.view = record_table_view(
            self.model,
            "agreementTable",
            stretch=(AgreementsModel.COL_UNIT,),
            status_column=AgreementsModel.COL_STATUS,
            minimum_height=260,
        )
        self.view.activated.connect(self._open_index)
        self.actions_row = AgreementActions(
            ctx, self.selected, on_renewed=self._renewed, parent=self
        )
        self.view.selectionModel().currentRowChanged.connect(
            lambda *_: self.actions_row.update_buttons()
        )
        print_keys = QShortcut(QKeySequence(PRINT_KEYS), self)
        print_keys.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        print_keys.activated.connect(self._print_key)
        print_button = self.actions_row.buttons["print"]
        print_button.setToolTip(f"{print_button.toolTip()}（{PRINT_KEYS}）")

        self.tabs = QTabWidget()
        self.tabs.setObjectName("agreementTabs")
        list_tab = QWidget()
        self._build_list_tab(list_tab)
        self.tabs.addTab(list_tab, "全部协议")
        self.expiring = ExpiringPanel(ctx)
        self.tabs.addTab(self.expiring, "即将到期")
        self.expiring.count_changed.connect(self._expiring_count)
        self.body_layout.addWidget(self.tabs, 1)
        watch_changes(ctx, WATCHED, lambda _c: self.refresh(), self)
        self.refresh()

    def _build_list_tab(self, tab: QWidget) -> None:
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(FilterBar(self.search_edit, self.kind_combo, self.status_combo))
        self.summary_label = summary_label()
        self.summary_label.setObjectName("agreementSummary")
        layout.addWidget(self.summary_label)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.actions_row)

    def entry_widget(self) -> QWidget | None:
        return self.search_edit

    # -- data -----------------------------------------------------------------------------------

    def current_filter(self) -> AgreementFilter:
        kind, status = self.kind_combo.currentData(), self.status_combo.currentData()
        return AgreementFilter(  # (Qt hands the enums back as their text)
            kind=AgreementKind(kind) if kind else None,
            status=AgreementStatus(status) if status else None,
            text=self.search_edit.text(),
        )

    def refresh(self) -> None:
        keep = self.selected()
        agreements = list_agreements(self.ctx.db, self.current_filter())
        self.model.set_records(agreements)
        if keep is not None:
            self.select(keep.id)
        counts = {s: sum(1 for a in agreements if a.status == s) for s in AgreementStatus}
        detail = "，".join(f"{s.value} {n}" for s, n in counts.items() if n)
        self.summary_label.setText(f"共 {len(agreements)} 份" + (f"（{detail}）" if detail else ""))
        self.expiring.refresh()
        self.actions_row.update_buttons()

    def _expiring_count(self, count: int) -> None:
        self.tabs.setTabText(1, f"即将到期（{count}）" if count else "即将到期")

    def selected(self) -> AgreementInfo | None:
        index = self.view.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def select(self, agreement_id: int) -> bool:
        row = self.model.row_of(agreement_id)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
        return row >= 0

    # -- actions --------------------------------------------------------------------------------

    def new_agreement(self, kind: AgreementKind = AgreementKind.AGREEMENT) -> AgreementDialog:
        dialog = AgreementDialog(self.ctx, kind, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._saved(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _saved(self, dialog: AgreementDialog) -> None:
        if dialog.saved is not None:
            self.tabs.setCurrentIndex(0)
            self.select(dialog.saved.id)
            self.view.setFocus(Qt.FocusReason.OtherFocusReason)  # Ctrl+P prints it

    def _renewed(self, draft: AgreementInfo) -> None:
        if not self.select(draft.id):  # hidden by the filter: show everything
            self.search_edit.clear()
            self.kind_combo.setCurrentIndex(0)
            self.status_combo.setCurrentIndex(0)
            self.refresh()
            self.select(draft.id)

    def _print_key(self) -> None:
        if self.actions_row.buttons["print"].isEnabled():
            self.actions_row.print_selected()

    def _open_index(self, index: QModelIndex | QPersistentModelIndex) -> None:
        self.view.setCurrentIndex(self.model.index(index.row(), 0))
        self.actions_row.open_selected()

    def print_card(self) -> ContactCardDialog:
        a = self.selected()
        dialog = ContactCardDialog(self.ctx, unit_id=a.unit_id if a else None, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog
