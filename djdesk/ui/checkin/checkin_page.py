"""党员报到: the counter page — find a member as you type, open the card, check in or out.

Keyboard first: the search box is where the page is entered; typing searches after a short
pause (names, initials, the tail of an ID or phone number), ↑/↓ move through the results, Enter
opens the current one (or, when nothing was found, starts a new check-in pre-filled from what
was typed), Esc clears the box, Ctrl+N starts a new check-in. After a check-in the new member is
the selected result and the open card.
"""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from djdesk.services.checkin.members import get_member_card, search_members
from djdesk.ui.checkin.checkin_dialog import MODE_NEW, CheckInDialog, prefill_from_query
from djdesk.ui.checkin.member_card import MemberCardView
from djdesk.ui.checkin.member_hit_delegate import MemberHitDelegate
from djdesk.ui.checkin.search_model import SearchResultsModel
from djdesk.ui.common.context import UiContext, watch_changes
from djdesk.ui.common.page import Page
from djdesk.ui.common.search_box import SearchBox

log = logging.getLogger(__name__)

HINT = "可输入姓名（如 张伟）、拼音首字母（如 zw），或手机号、身份证号的后 4 位以上（尾号）。"
EMPTY_CARD = "在左侧查找党员，按 Enter 或双击打开党员卡片。\n新来的党员请按 Ctrl+N 新建报到。"
#: The changes the counter shows: members, their check-ins, and unit and grid names.
WATCHED = ("member", "checkin", "unit", "grid")


class CheckInPage(Page):
    """Search box and results on the left, the member's card on the right."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx, "党员报到", "在职党员到社区报到：查找、报到、迁出、打印报到回执")
        self.setObjectName("checkinPage")
        self.new_button = self.add_new_action(
            "新建报到", lambda: self.new_check_in(), enabled=ctx.can_write
        )
        self.new_button.setToolTip("为第一次来报到的党员办理报到")
        #: The check-in dialog opened last (kept alive while open; used by tests).
        self.checkin_dialog: CheckInDialog | None = None
        self._last_query = ""

        self.search_box = SearchBox()
        self.search_box.search_requested.connect(self.run_search)
        self.search_box.activated.connect(self.open_current)
        self.hint_label = QLabel(HINT)
        self.hint_label.setObjectName("searchHint")
        self.hint_label.setProperty("role", "hint")
        self.hint_label.setWordWrap(True)

        self.results_model = SearchResultsModel()
        self.results_view = QListView()
        self.results_view.setObjectName("searchResults")
        self.results_view.setModel(self.results_model)
        self.results_view.setModelColumn(SearchResultsModel.COL_NAME)
        self.results_view.setItemDelegate(MemberHitDelegate(self.results_view))
        self.results_view.setUniformItemSizes(True)
        self.results_view.setMouseTracking(True)
        self.results_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results_view.activated.connect(self._open_index)
        self.results_view.clicked.connect(self._open_index)
        self.search_box.set_results_view(self.results_view)

        self.not_found = QFrame()
        self.not_found.setObjectName("notFound")
        self.not_found.setProperty("role", "notice")
        self.not_found_label = QLabel()
        self.not_found_label.setWordWrap(True)
        self.create_button = QPushButton("新建报到")
        self.create_button.setObjectName("createFromQuery")
        self.create_button.setProperty("primary", True)
        self.create_button.setEnabled(ctx.can_write)
        self.create_button.clicked.connect(lambda: self.new_check_in(self._last_query))
        row = QHBoxLayout(self.not_found)
        row.setContentsMargins(14, 10, 14, 10)
        row.addWidget(self.not_found_label, 1)
        row.addWidget(self.create_button)
        self.not_found.hide()

        left = QVBoxLayout()
        left.setSpacing(8)
        left.addWidget(self.search_box)
        left.addWidget(self.hint_label)
        left.addWidget(self.not_found)
        left.addWidget(self.results_view, 1)

        self.card = MemberCardView(ctx)
        self.card.changed.connect(self._card_changed)
        self.card.hide()
        self.empty_card = QLabel(EMPTY_CARD)
        self.empty_card.setObjectName("emptyCard")
        self.empty_card.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_card.setProperty("role", "placeholder")
        right = QVBoxLayout()
        right.addWidget(self.card, 1)
        right.addWidget(self.empty_card, 1)

        columns = QHBoxLayout()
        columns.setSpacing(16)
        left_panel = QWidget()
        left_panel.setLayout(left)
        left.setContentsMargins(0, 0, 0, 0)
        columns.addWidget(left_panel, 9)
        columns.addLayout(right, 11)
        self.body_layout.addLayout(columns, 1)

        watch_changes(ctx, WATCHED, lambda _c: self._reload(), self)

    # -- page -----------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.search_box.setFocus(Qt.FocusReason.OtherFocusReason)

    def entry_widget(self) -> QWidget:
        return self.search_box

    def refresh(self) -> None:
        """Search again and reload the open card (the data may have changed elsewhere)."""
        self.run_search(self.search_box.text())
        self.card.reload()

    def _reload(self) -> None:
        self.run_search(self.search_box.text())
        self.card.reload()

    def _card_changed(self, _member_id: int) -> None:
        self.run_search(self.search_box.text())

    # -- searching ------------------------------------------------------------------------------

    def run_search(self, text: str) -> None:
        """Show the members matching ``text`` (called after the typing pause)."""
        query = text.strip()
        self._last_query = query
        hits = search_members(self.ctx.db, query) if query else []
        self.results_model.set_records(hits)
        if hits:
            self.results_view.setCurrentIndex(self.results_model.index(0, 0))
        if not query:
            self.hint_label.setText(HINT)
        elif hits:
            more = "（只显示前 20 个，请多输入几个字）" if len(hits) >= 20 else ""
            self.hint_label.setText(f"找到 {len(hits)} 人{more}，按 ↑↓ 选择，Enter 打开。")
        elif re.fullmatch(r"\d{1,3}", query):
            self.hint_label.setText("号码请至少输入 4 位。")
        else:
            self.hint_label.setText("")
        show_not_found = bool(query) and not hits and not re.fullmatch(r"\d{1,3}", query)
        if show_not_found:
            self.not_found_label.setText(f"没有找到“{query}”。如是第一次来报到，请新建报到。")
        self.not_found.setVisible(show_not_found)

    def open_current(self) -> None:
        """Enter in the search box: open the current result, or start a new check-in."""
        if self.search_box.is_pending():
            self.search_box.search_now()
        index = self.results_view.currentIndex()
        if index.isValid():
            self._open_index(index)
        elif self._last_query and self.not_found.isVisible():
            self.new_check_in(self._last_query)

    def _open_index(self, index: QModelIndex | QPersistentModelIndex) -> None:
        member_id = self.results_model.member_id(index.row())
        if member_id is not None:
            self.show_member(member_id)

    def show_member(self, member_id: int) -> None:
        self.card.show_member(member_id)
        self.card.setVisible(self.card.card is not None)
        self.empty_card.setVisible(self.card.card is None)

    def select_member(self, member_id: int) -> None:
        """Make ``member_id`` the selected result and the open card.

        When the member does not match what is in the search box (a check-in started from a
        phone tail, say), the box is set to the member's name so that the list and the card
        agree.
        """
        self.run_search(self.search_box.text())
        row = self.results_model.row_of(member_id)
        if row < 0:
            name = get_member_card(self.ctx.db, member_id).data.name
            self.search_box.blockSignals(True)
            self.search_box.setText(name)
            self.search_box.blockSignals(False)
            self.run_search(name)
            row = self.results_model.row_of(member_id)
        if row >= 0:
            self.results_view.setCurrentIndex(self.results_model.index(row, 0))
        self.show_member(member_id)

    # -- new check-in ---------------------------------------------------------------------------

    def new_check_in(self, query: str | None = None) -> CheckInDialog | None:
        """Open the check-in form, pre-filled from ``query`` (a name, ID number or mobile)."""
        if not self.ctx.can_write:
            return None
        initial = prefill_from_query(query or "")
        dialog = CheckInDialog(self.ctx, mode=MODE_NEW, initial=initial, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._checked_in(dialog))
        dialog.open_member_requested.connect(self.select_member)
        self.checkin_dialog = dialog
        dialog.open()
        return dialog

    def _checked_in(self, dialog: CheckInDialog) -> None:
        result = dialog.result_info
        if result is None:
            return
        self.select_member(result.member_id)
        self.card.after_check_in(result)
