"""The row of actions under the agreement list, for the agreement selected in it.

查看/编辑, 预览, 打印…, 另存为 Word…, 登记签订…, 上传扫描件…, 打开扫描件, 续签 and 终止…:
each button is enabled only when its action applies to the selected agreement in its state
(a draft is edited and printed, a printed draft is signed, a signed one is renewed, …), and a
查看 user sees only what reads. The first print of a draft numbers it and freezes its text,
so the clerk confirms that first.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from djdesk.errors import DjdeskError
from djdesk.services.agreements.records import renew_agreement
from djdesk.services.agreements.scans import attach_scan, scan_path
from djdesk.services.agreements.types import AgreementInfo, AgreementStatus
from djdesk.ui.agreements import print_flow
from djdesk.ui.agreements.agreement_dialog import AgreementDialog
from djdesk.ui.agreements.status_dialogs import SignDialog, TerminateDialog
from djdesk.ui.common.confirm import confirm
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.desktop import open_file
from djdesk.ui.common.errors import report_exception
from djdesk.ui.common.file_dialogs import open_file as choose_file

log = logging.getLogger(__name__)

SCAN_FILTER = "扫描件 (*.pdf *.jpg *.jpeg *.png)"


class AgreementActions(QWidget):
    """Buttons acting on ``current()``; ``on_renewed`` receives a new renewal draft."""

    def __init__(
        self,
        ctx: UiContext,
        current: Callable[[], AgreementInfo | None],
        *,
        on_renewed: Callable[[AgreementInfo], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("agreementActions")
        self.ctx = ctx
        self.current = current
        self.on_renewed = on_renewed
        #: The dialog opened last (form, confirmation, preview …), kept alive; used by tests.
        self.dialog: QWidget | None = None
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        for key, text, slot, tip in (
            ("open", "编辑", self.open_selected, "打开所选的协议（Enter 或双击）"),
            ("preview", "预览", self.preview, "看看印出来的样子（不编号、不登记）"),
            ("print", "打印…", self.print_selected, "打印正式文本：第一次打印时取得编号并固定文本"),
            ("word", "另存为 Word…", self.save_word, "保存为 .docx，便于在 WPS 或 Word 中调整"),
            ("sign", "登记签订…", self.sign, "双方签字盖章后登记签订日期"),
            ("scan", "上传扫描件…", self.attach_scan, "上传签好的协议扫描件（PDF、JPG、PNG）"),
            ("open_scan", "打开扫描件", self.open_scan, "用本机的程序打开已上传的扫描件"),
            ("renew", "续签", self.renew, "复制为下一期限的新草稿"),
            ("terminate", "终止…", self.terminate, "提前终止，须填写原因"),
        ):
            button = QPushButton(text)
            button.setObjectName(f"agreement_{key}")
            button.setToolTip(tip)
            button.clicked.connect(slot)
            row.addWidget(button)
            self.buttons[key] = button
        row.addStretch(1)
        self.update_buttons()

    def update_buttons(self) -> None:
        a = self.current()
        write = self.ctx.can_write
        status = a.status if a is not None else None
        printable = a is not None and (a.issued or status == AgreementStatus.DRAFT)
        states = {
            "open": a is not None,
            "preview": a is not None,
            "print": write and printable,
            "word": write and printable,
            "sign": write and a is not None and a.issued and status == AgreementStatus.DRAFT,
            "scan": write and a is not None and a.issued,
            "open_scan": a is not None and bool(a.scan_name),
            "renew": write and status in (AgreementStatus.SIGNED, AgreementStatus.EXPIRED),
            "terminate": write and a is not None and status != AgreementStatus.TERMINATED,
        }
        for key, enabled in states.items():
            self.buttons[key].setEnabled(enabled)
        editable = a is not None and write and a.editable
        self.buttons["open"].setText("编辑" if editable or a is None else "查看")

    def _keep(self, dialog: QWidget) -> QWidget:
        self.dialog = dialog
        return dialog

    # -- the form -------------------------------------------------------------------------------

    def open_selected(self) -> AgreementDialog | None:
        a = self.current()
        if a is None:
            return None
        dialog = AgreementDialog(self.ctx, agreement=a, parent=self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._keep(dialog)
        dialog.open()
        return dialog

    # -- printing -------------------------------------------------------------------------------

    def preview(self) -> None:
        if (a := self.current()) is not None:
            print_flow.preview_flow(self.ctx, a, self.window(), shown=self._keep)

    def print_selected(self) -> None:
        """打印: a draft is numbered first (after the clerk confirms), then previewed."""
        a = self.current()
        if a is None:
            return
        if a.issued:
            print_flow.print_flow(self.ctx, a, self.window(), shown=self._keep)
            return
        self._keep(
            confirm(
                self.window(),
                title=f"打印{a.kind.short}",
                heading="打印正式文本并编号？",
                text=(
                    f"打印后，与“{a.unit_name}”的这份{a.kind.value}将取得编号，文本按当前模板固定，"
                    "不能再修改。只想看看效果，请用“预览”。"
                ),
                action="编号并打印",
                on_confirm=lambda: print_flow.print_flow(
                    self.ctx, a, self.window(), shown=self._keep
                ),
            )
        )

    def save_word(self, path: Path | None = None) -> None:
        a = self.current()
        if a is not None:
            print_flow.save_docx_flow(self.ctx, a, self.window(), path, shown=self._keep)

    # -- status ---------------------------------------------------------------------------------

    def sign(self) -> SignDialog | None:
        a = self.current()
        if a is None:
            return None
        dialog = SignDialog(self.ctx, a, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._keep(dialog)
        dialog.open()
        return dialog

    def terminate(self) -> TerminateDialog | None:
        a = self.current()
        if a is None:
            return None
        dialog = TerminateDialog(self.ctx, a, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._keep(dialog)
        dialog.open()
        return dialog

    def renew(self) -> AgreementInfo | None:
        """A new draft for the next term, copied from the selected agreement."""
        a = self.current()
        if a is None:
            return None
        try:
            draft = renew_agreement(self.ctx.db, a.id, actor=self.ctx.actor)
        except DjdeskError as exc:
            report_exception(exc, self)
            return None
        log.info("agreement %s renewed as draft %s", a.id, draft.id)
        self.ctx.notify("agreement", a.id, draft.id)
        if self.on_renewed is not None:
            self.on_renewed(draft)
        return draft

    # -- the signed copy ------------------------------------------------------------------------

    def attach_scan(self, path: Path | None = None) -> AgreementInfo | None:
        a = self.current()
        if a is None:
            return None
        if path is None:
            chosen = choose_file(self, "上传签订扫描件", str(Path.home()), SCAN_FILTER)
            if not chosen:
                return None
            path = Path(chosen)
        try:
            info = attach_scan(self.ctx.db, a.id, path, paths=self.ctx.paths, actor=self.ctx.actor)
        except DjdeskError as exc:
            report_exception(exc, self)
            return None
        self.ctx.notify("agreement", a.id)
        return info

    def open_scan(self) -> Path | None:
        a = self.current()
        if a is None:
            return None
        try:
            path = scan_path(self.ctx.db, a.id, paths=self.ctx.paths)
        except DjdeskError as exc:
            report_exception(exc, self)
            return None
        open_file(path, self)
        return path
