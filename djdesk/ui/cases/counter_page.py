"""办件登记: the counter page — find the item as you type, register the case, print the certificate.

Keyboard first: the search box is where the page is entered; typing finds items by code
(``zm1``, ``ZM-01``), name or pinyin initials (``jzzm``) after a short pause, blocked
certificates marked 不予出具 and retired items 已停用 among them; ↑/↓ move through the hits and
the card at the right shows the current one; Enter opens the registration form for it (Ctrl+N
opens an empty one). A certificate's check line scanned into the box (a handheld scanner types
like a keyboard and ends with Enter) is verified instead of searched, and the card says 有效,
已作废, 不是本社区出具, 校验码不符 or 查无登记. Under them: today's cases. After a 证明 case is
saved, its certificate opens in the preview.
"""

from __future__ import annotations

import logging
from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from djdesk.errors import DjdeskError
from djdesk.services.cases.case_query import CaseFilter
from djdesk.services.cases.catalog_search import ItemMatch, find_items
from djdesk.services.cases.verify import looks_like_check_line, verify
from djdesk.ui.cases.case_detail_view import CaseDetailDialog
from djdesk.ui.cases.case_dialog import CaseDialog
from djdesk.ui.cases.case_list_model import CaseListModel
from djdesk.ui.cases.catalog_models import ItemResultsModel
from djdesk.ui.cases.certificate_print import print_certificate_flow
from djdesk.ui.cases.item_panel import ItemPanel
from djdesk.ui.cases.verify_panel import VerifyPanel
from djdesk.ui.common.context import UiContext, watch_changes
from djdesk.ui.common.page import Page, section_title
from djdesk.ui.common.search_box import SearchBox
from djdesk.ui.common.table_view import record_table_view

log = logging.getLogger(__name__)

PLACEHOLDER = "事项编号、名称或拼音首字母；或扫描证明上的验证码"
HINT = "如 zm1、ZM-01、居住、jzzm。↑↓ 选择，Enter 登记办件；扫码枪扫描证明的二维码即可核验。"
EMPTY_CARD = (
    "查找事项后，这里显示所需材料、办理时限和依据。\n扫描证明上的验证码，这里显示核验结果。"
)
#: The changes the counter shows: cases, certificates and the catalogue.
WATCHED = ("service_case", "certificate", "catalog_version")


class CaseCounterPage(Page):
    """Search box and hits at the left, the item or verification card at the right, and today's
    cases underneath."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx, "办件登记", "查找事项并登记办件；依法证明事项办结即出具编号证明")
        self.setObjectName("caseCounterPage")
        self.outside_button = self.add_action(QPushButton("登记清单外事项…"))
        self.outside_button.setObjectName("outsideButton")
        self.outside_button.setToolTip("三张清单之外、由部门交办的工作（须写明交办部门和事由）")
        self.outside_button.setEnabled(ctx.can_write)
        self.outside_button.clicked.connect(lambda: self.new_case(outside=True))
        self.add_new_action("登记办件", lambda: self.new_case(), enabled=ctx.can_write)
        #: The registration form opened last, and the certificate preview (used by tests).
        self.case_dialog: CaseDialog | None = None
        self.dialog: QDialog | None = None
        self._last_query = ""

        self.search_box = SearchBox()
        self.search_box.setPlaceholderText(PLACEHOLDER)
        self.search_box.search_requested.connect(self.run_search)
        self.search_box.activated.connect(self.open_current)
        self.hint_label = QLabel(HINT)
        self.hint_label.setObjectName("searchHint")
        self.hint_label.setProperty("role", "hint")
        self.hint_label.setWordWrap(True)
        self.results_model = ItemResultsModel()
        self.results_view = record_table_view(
            self.results_model,
            "itemResults",
            stretch=(1,),
            status_column=ItemResultsModel.COL_STATE,
            minimum_height=220,
        )
        self.results_view.activated.connect(self._open_index)
        self.results_view.doubleClicked.connect(self._open_index)
        self.results_view.selectionModel().currentRowChanged.connect(
            lambda current, _prev: self._show_row(current.row())
        )
        self.search_box.set_results_view(self.results_view)
        self.not_found = self._not_found_notice()

        left = QVBoxLayout()
        left.setSpacing(8)
        left.addWidget(self.search_box)
        left.addWidget(self.hint_label)
        left.addWidget(self.not_found)
        left.addWidget(self.results_view, 1)
        self.item_panel = ItemPanel()
        self.verify_panel = VerifyPanel()
        self.verify_panel.open_case.connect(self.open_case)
        empty = QLabel(EMPTY_CARD)
        empty.setObjectName("emptyCard")
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.setProperty("role", "placeholder")
        self.cards = QStackedWidget()
        for widget in (empty, self.item_panel, self.verify_panel):
            self.cards.addWidget(widget)
        columns = QHBoxLayout()
        columns.setSpacing(16)
        left_panel = QWidget()
        left_panel.setLayout(left)
        left.setContentsMargins(0, 0, 0, 0)
        columns.addWidget(left_panel, 11)
        columns.addWidget(self.cards, 9)
        self.body_layout.addLayout(columns, 2)
        self._build_today()
        watch_changes(ctx, WATCHED, lambda _c: self._reload(), self)

    def _not_found_notice(self) -> QFrame:
        frame = QFrame()
        frame.setObjectName("notFound")
        frame.setProperty("role", "notice")
        self.not_found_label = QLabel()
        self.not_found_label.setWordWrap(True)
        button = QPushButton("登记为清单外事项")
        button.setObjectName("outsideFromQuery")
        button.setEnabled(self.ctx.can_write)
        button.clicked.connect(lambda: self.new_case(outside=True))
        row = QHBoxLayout(frame)
        row.setContentsMargins(14, 10, 14, 10)
        row.addWidget(self.not_found_label, 1)
        row.addWidget(button)
        frame.hide()
        return frame

    def _build_today(self) -> None:
        self.today_title = section_title("今日办件")
        self.status_label = QLabel()
        self.status_label.setObjectName("counterStatus")
        self.status_label.setProperty("role", "success")
        self.status_label.setWordWrap(True)
        today = date.today()
        self.today_model = CaseListModel(self.ctx.db, CaseFilter(date_from=today, date_to=today))
        self.today_view = record_table_view(
            self.today_model,
            "todayCases",
            stretch=(1,),
            status_column=CaseListModel.COL_RESULT,
            minimum_height=160,
        )
        self.today_view.activated.connect(self._open_case_index)
        self.today_view.doubleClicked.connect(self._open_case_index)
        self.today_model.total_changed.connect(self._show_today_total)
        row = QHBoxLayout()
        row.addWidget(self.today_title)
        row.addWidget(self.status_label, 1)
        self.body_layout.addLayout(row)
        self.body_layout.addWidget(self.today_view, 1)
        self._show_today_total(self.today_model.total)

    # -- page -----------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.search_box.setFocus(Qt.FocusReason.OtherFocusReason)

    def entry_widget(self) -> QWidget:
        return self.search_box

    def refresh(self) -> None:
        self._reload()

    def _reload(self) -> None:
        today = date.today()
        self.today_model.set_filter(CaseFilter(date_from=today, date_to=today))
        if not looks_like_check_line(self.search_box.text()):
            self.run_search(self.search_box.text())

    def _show_today_total(self, total: int) -> None:
        self.today_title.setText(f"今日办件（{total} 件）")

    # -- searching and verifying ----------------------------------------------------------------

    def run_search(self, text: str) -> None:
        """Show the items matching ``text``, or verify it when it is a certificate's line."""
        query = text.strip()
        self._last_query = query
        if query and looks_like_check_line(query):
            self.results_model.set_records([])
            self.not_found.hide()
            self.verify_line(query)
            return
        hits = find_items(self.ctx.db, query) if query else []
        self.results_model.set_records(hits)
        if hits:
            self.results_view.setCurrentIndex(self.results_model.index(0, 0))
        else:
            self.cards.setCurrentIndex(0)
        if not query:
            self.hint_label.setText(HINT)
        elif hits:
            self.hint_label.setText(f"找到 {len(hits)} 项，按 ↑↓ 选择，Enter 登记办件。")
        else:
            self.hint_label.setText("")
        self.not_found_label.setText(
            f"三张清单中没有“{query}”。如是部门交办的工作，请登记为清单外事项。"
        )
        self.not_found.setVisible(bool(query) and not hits)

    def verify_line(self, text: str) -> None:
        try:
            result = verify(self.ctx.db, text)
        except DjdeskError as exc:
            self.hint_label.setText(exc.message)
            self.cards.setCurrentIndex(0)
            return
        log.info("certificate line checked: %s", result.status)
        self.verify_panel.show_result(result)
        self.cards.setCurrentWidget(self.verify_panel)
        self.hint_label.setText(f"验证码核验：{result.status}。扫描下一份即可继续核验。")
        self.search_box.selectAll()  # the next scan replaces the line

    def current_match(self) -> ItemMatch | None:
        index = self.results_view.currentIndex()
        return self.results_model.record(index.row()) if index.isValid() else None

    def _show_row(self, row: int) -> None:
        match = self.results_model.record(row)
        if match is None:
            return
        self.item_panel.show_match(match)
        self.cards.setCurrentWidget(self.item_panel)

    def open_current(self) -> None:
        """Enter in the search box: verify a scanned line, or register the current item."""
        if self.search_box.is_pending():
            self.search_box.search_now()
        if looks_like_check_line(self._last_query):
            return
        match = self.current_match()
        if match is not None:
            self.new_case(match)

    def _open_index(self, index: QModelIndex | QPersistentModelIndex) -> None:
        match = self.results_model.record(index.row())
        if match is not None:
            self.new_case(match)

    # -- registering ----------------------------------------------------------------------------

    def new_case(
        self, match: ItemMatch | None = None, *, outside: bool = False
    ) -> CaseDialog | None:
        """Open the registration form for ``match`` (or empty, or for a 清单外事项)."""
        if not self.ctx.can_write:
            return None
        dialog = CaseDialog(self.ctx, match=match, outside=outside, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._registered(dialog))
        self.case_dialog = dialog
        dialog.open()
        return dialog

    def _registered(self, dialog: CaseDialog) -> None:
        done = dialog.registered
        if done is None:
            return
        what = f"{done.item_code} {done.item_name}".strip()
        self.status_label.setText(f"已登记：{what}（{done.result}）")
        self.search_box.clear()
        self.search_box.search_now()
        self.search_box.setFocus(Qt.FocusReason.OtherFocusReason)
        if done.certificate_serial:
            self.status_label.setText(f"已登记：{what}，出具证明 {done.certificate_serial}")
            print_certificate_flow(
                self.ctx,
                done.case_id,
                self,
                headline=f"已出具证明 {done.certificate_serial}，请核对后打印、盖章。",
                shown=self._shown,
            )

    def _shown(self, dialog: QDialog) -> None:
        self.dialog = dialog

    def _open_case_index(self, index: QModelIndex | QPersistentModelIndex) -> None:
        case_id = self.today_model.case_id(index.row())
        if case_id is not None:
            self.open_case(case_id)

    def open_case(self, case_id: int) -> CaseDetailDialog:
        dialog = CaseDetailDialog(self.ctx, case_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog
