"""The member's card at the counter: who, where, what they claimed, the check-in history, and
the counter actions (打印回执, 调整网格/岗位, 修改信息, 迁出, 重新报到).

The card shows a :class:`~djdesk.services.checkin.members.MemberCard` (ID number and phone
masked; an
administrator may reveal the full ID number, which is audited). Every action opens its dialog
with ``open()``; when it was saved the card reloads itself and emits :attr:`changed`.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from djdesk.errors import DjdeskError
from djdesk.services.checkin.checkins import CheckInResult
from djdesk.services.checkin.members import MemberCard, get_member_card, reveal_id_number
from djdesk.services.checkin.types import CheckinStatus
from djdesk.ui.checkin.member_list_model import HistoryModel, day_text
from djdesk.ui.checkin.receipts import print_receipt_flow
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.errors import report_exception
from djdesk.ui.common.page import caption, section_title, value_label
from djdesk.ui.common.table_view import ROW_HEIGHT, record_table_view
from djdesk.ui.common.theme import badge_style, title_font
from djdesk.validation.masking import mask_phone

log = logging.getLogger(__name__)


class MemberCardView(QFrame):
    """One member's card with the counter actions."""

    #: The member's data changed through one of the card's actions (carries the member id).
    changed = Signal(int)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("memberCard")
        self.setProperty("role", "card")
        self.ctx = ctx
        self.card: MemberCard | None = None
        #: The dialog an action opened last (kept so it lives while open; used by tests).
        self.dialog: QDialog | None = None

        self.name_label = QLabel()
        self.name_label.setObjectName("cardName")
        self.name_label.setFont(title_font(self.font(), 6))
        self.status_label = QLabel()
        self.status_label.setObjectName("cardStatus")
        self.serial_label = QLabel()
        self.serial_label.setObjectName("cardSerial")
        self.serial_label.setProperty("role", "caption")
        self.serial_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.banner = QLabel()
        self.banner.setObjectName("cardBanner")
        self.banner.setWordWrap(True)
        self.banner.setProperty("role", "banner")
        self.banner.hide()
        header = QHBoxLayout()
        header.setSpacing(12)
        header.addWidget(self.name_label)
        header.addWidget(self.status_label, 0, Qt.AlignmentFlag.AlignVCenter)
        header.addStretch(1)
        header.addWidget(self.serial_label, 0, Qt.AlignmentFlag.AlignVCenter)

        self.values: dict[str, QLabel] = {}
        self.reveal_button = QPushButton("显示完整号码")
        self.reveal_button.setObjectName("revealButton")
        self.reveal_button.setToolTip("仅管理员可用；每次查看都会记入操作日志")
        self.reveal_button.clicked.connect(self.reveal_id)
        if not ctx.is_admin:  # (made visible before it has a parent, it would flash up)
            self.reveal_button.hide()
        facts = self._facts_grid()

        self.print_button = QPushButton("打印回执")
        self.print_button.setProperty("primary", True)
        self.print_button.clicked.connect(self.print_receipt)
        self.assign_button = QPushButton("调整网格/岗位")
        self.assign_button.clicked.connect(self.adjust_assignment)
        self.edit_button = QPushButton("修改信息")
        self.edit_button.clicked.connect(self.edit_member)
        self.move_out_button = QPushButton("迁出")
        self.move_out_button.clicked.connect(self.move_out)
        self.return_button = QPushButton("重新报到")
        self.return_button.setProperty("primary", True)
        self.return_button.clicked.connect(self.check_in_again)
        actions = QHBoxLayout()
        actions.setSpacing(8)
        for button in (
            self.print_button,
            self.return_button,
            self.assign_button,
            self.edit_button,
            self.move_out_button,
        ):
            actions.addWidget(button)
        actions.addStretch(1)

        self.history_model = HistoryModel()
        self.history_view = record_table_view(
            self.history_model, "historyView", status_column=HistoryModel.COL_STATUS
        )
        self.history_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.history_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.history_view.horizontalHeader().setStretchLastSection(True)
        self.history_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 18)
        layout.setSpacing(10)
        layout.addLayout(header)
        layout.addWidget(self.banner)
        layout.addLayout(facts)
        layout.addLayout(actions)
        layout.addWidget(section_title("报到记录"))
        layout.addWidget(self.history_view, 1)

    def _facts_grid(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(7)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(3, 2)
        rows: list[tuple[tuple[str, str], ...]] = [
            (("gender", "性别"), ("ethnicity", "民族")),
            (("birth_date", "出生日期"), ("political", "政治面貌")),
            (("joined", "入党时间"), ("post_title", "职务/职级")),
            (("id_number", "公民身份号码"),),
            (("mobile", "手机"), ("landline", "固定电话")),
            (("unit", "工作单位"),),
            (("branch", "所在党支部"),),
            (("address", "家庭住址"),),
            (("checkin", "报到"), ("grid", "所属网格")),
            (("posts", "认领岗位"),),
            (("specialties", "专业特长"), ("times", "可服务时间")),
        ]
        for row, pairs in enumerate(rows):
            for column, (key, title) in enumerate(pairs):
                cap = caption(title)
                cap.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
                if key == "id_number":
                    cap.setMinimumHeight(self.reveal_button.sizeHint().height())
                    cap.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                value = value_label()
                value.setObjectName(f"card_{key}")
                self.values[key] = value
                grid.addWidget(cap, row, column * 2, Qt.AlignmentFlag.AlignTop)
                if key == "id_number":
                    cell = QHBoxLayout()
                    cell.setSpacing(8)
                    cell.addWidget(value)
                    cell.addWidget(self.reveal_button)
                    cell.addStretch(1)
                    grid.addLayout(cell, row, 1, 1, 3)
                else:
                    span = 3 if len(pairs) == 1 else 1
                    grid.addWidget(value, row, column * 2 + 1, 1, span)
        return grid

    # -- showing --------------------------------------------------------------------------------

    @property
    def member_id(self) -> int | None:
        return self.card.id if self.card else None

    def show_member(self, member_id: int) -> None:
        """Load and show the member's card (errors are shown, not raised)."""
        try:
            card = get_member_card(self.ctx.db, member_id)
        except DjdeskError as exc:
            report_exception(exc, self)
            return
        if self.card is None or self.card.id != member_id:
            self.banner.hide()
        self.card = card
        self._render(card)

    def reload(self) -> None:
        if self.card is not None:
            self.show_member(self.card.id)

    def show_banner(self, text: str) -> None:
        self.banner.setText(text)
        self.banner.setVisible(bool(text))

    def _render(self, card: MemberCard) -> None:
        d = card.data
        current = card.current
        latest = card.history[0] if card.history else None
        self.name_label.setText(d.name)
        self.status_label.setText(card.status)
        self.status_label.setStyleSheet(badge_style(card.status))
        shown = current or latest
        self.serial_label.setText(f"报到编号 {shown.serial}" if shown else "")
        texts = {
            "gender": d.gender,
            "ethnicity": d.ethnicity,
            "birth_date": day_text(d.birth_date),
            "political": d.political_status,
            "id_number": card.id_masked,
            "joined": day_text(d.joined_party_on),
            "mobile": mask_phone(d.mobile) if d.mobile else "",
            "landline": d.landline,
            "unit": card.unit_name,
            "branch": d.branch,
            "post_title": d.post_title,
            "grid": current.grid_name if current else "",
            "address": card.address,
            "posts": "、".join(current.posts) if current else "",
            "specialties": "、".join(d.specialties),
            "times": "、".join(d.available_times),
            "checkin": self._checkin_text(card),
        }
        for key, text in texts.items():
            self.values[key].setText(text or "—")
        self.history_model.set_records(card.history)
        rows = max(1, len(card.history))
        header_height = self.history_view.horizontalHeader().sizeHint().height()
        self.history_view.setMinimumHeight(header_height + rows * ROW_HEIGHT + 6)
        self._update_actions(card)

    @staticmethod
    def _checkin_text(card: MemberCard) -> str:
        current = card.current
        if current is not None:
            return f"{current.checked_in_on:%Y-%m-%d}（{current.channel}）"
        if not card.history:
            return "尚未报到"
        return f"已于 {day_text(card.history[0].moved_out_on)} 迁出"

    def _update_actions(self, card: MemberCard) -> None:
        writable = self.ctx.can_write
        active = card.status == CheckinStatus.ACTIVE
        self.print_button.setVisible(active)
        self.assign_button.setVisible(active)
        self.move_out_button.setVisible(active)
        self.return_button.setVisible(not active)
        self.return_button.setText(
            "重新报到" if card.status == CheckinStatus.MOVED_OUT else "办理报到"
        )
        for button in (
            self.print_button,
            self.assign_button,
            self.edit_button,
            self.move_out_button,
            self.return_button,
        ):
            button.setEnabled(writable)
        self.reveal_button.setEnabled(True)

    # -- actions --------------------------------------------------------------------------------

    def _open(self, dialog: QDialog, *, after: str = "") -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._saved(dialog, after))
        self.dialog = dialog
        dialog.open()

    def _saved(self, dialog: QDialog, after: str) -> None:
        if self.card is None:
            return
        member_id = self.card.id
        self.reload()
        self.changed.emit(member_id)
        result = getattr(dialog, "result_info", None)
        if after == "receipt" and isinstance(result, CheckInResult):
            self.after_check_in(result)

    def after_check_in(self, result: CheckInResult) -> None:
        """Say the check-in is done, with its number, and print the receipt."""
        again = "重新报到" if result.returning else "报到"
        text = f"{again}成功！报到编号：{result.serial}。正在生成报到回执……"
        self.show_banner(text)
        print_receipt_flow(
            self.ctx,
            result.member_id,
            self,
            headline=f"{again}成功！报到编号：{result.serial}",
            shown=self._preview_shown,
        )

    def _preview_shown(self, dialog: QDialog) -> None:
        self.dialog = dialog
        if self.banner.text().endswith("……"):
            self.show_banner(self.banner.text().replace("正在生成报到回执……", "报到回执已生成。"))

    def print_receipt(self) -> None:
        if self.card is not None:
            print_receipt_flow(self.ctx, self.card.id, self, shown=self._preview_shown)

    def adjust_assignment(self) -> None:
        from djdesk.ui.checkin.checkin_fields import AssignmentDialog

        if self.card is not None and self.card.current is not None:
            self._open(
                AssignmentDialog(
                    self.ctx, self.card.id, self.card.current, name=self.card.data.name, parent=self
                )
            )

    def edit_member(self) -> None:
        from djdesk.ui.checkin.checkin_dialog import MODE_EDIT, CheckInDialog

        if self.card is not None:
            dialog = CheckInDialog(
                self.ctx,
                mode=MODE_EDIT,
                initial=self.card.data,
                member_id=self.card.id,
                parent=self,
            )
            dialog.open_member_requested.connect(self.show_member)
            self._open(dialog)

    def move_out(self) -> None:
        from djdesk.ui.checkin.move_out_dialog import MoveOutDialog

        if self.card is not None and self.card.current is not None:
            dialog = MoveOutDialog(
                self.ctx,
                self.card.id,
                name=self.card.data.name,
                checked_in_on=self.card.current.checked_in_on,
                parent=self,
            )
            self._open(dialog)

    def check_in_again(self) -> None:
        from djdesk.ui.checkin.checkin_dialog import MODE_NEW, MODE_RETURN, CheckInDialog

        if self.card is not None:
            mode = MODE_RETURN if self.card.history else MODE_NEW
            dialog = CheckInDialog(self.ctx, mode=mode, initial=self.card.data, parent=self)
            dialog.open_member_requested.connect(self.show_member)
            self._open(dialog, after="receipt")

    def reveal_id(self) -> None:
        """Show the full ID number (administrators only; the service audits the look)."""
        if self.card is None:
            return
        try:
            full = reveal_id_number(self.ctx.db, self.card.id, actor=self.ctx.actor)
        except DjdeskError as exc:
            report_exception(exc, self)
            return
        self.values["id_number"].setText(full)
        self.reveal_button.setEnabled(False)


class MemberCardDialog(QDialog):
    """The card in a window of its own (opened from the 党员名册)."""

    def __init__(self, ctx: UiContext, member_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("memberCardDialog")
        self.setWindowTitle("党员信息")
        self.card_view = MemberCardView(ctx, self)
        self.card_view.show_member(member_id)
        close = QPushButton("关闭")
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 12)
        layout.addWidget(self.card_view, 1)
        layout.addLayout(row)
        self.resize(860, 720)
