"""即将到期: signed agreements ending within 30 days, their renewal, and printing the renewals.

全部续签 makes a renewal draft for every listed agreement that has none (a unit whose registry
entry lacks data is skipped and named); 批量打印续签稿… prints every renewal draft not printed
yet, in the background with progress and 取消 (:mod:`.batch_dialog`), so the clerk can take the
stack to the units for signing. 打开续签稿 opens the selected row's draft in the form.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from djdesk.errors import DjdeskError
from djdesk.services.agreements.records import (
    RENEWAL_WINDOW_DAYS,
    expiring_agreements,
    list_agreements,
    renew_agreement,
    renew_expiring,
)
from djdesk.services.agreements.types import AgreementInfo, AgreementStatus
from djdesk.ui.agreements.agreement_dialog import AgreementDialog
from djdesk.ui.agreements.agreements_model import ExpiringModel, ExpiringRow
from djdesk.ui.agreements.batch_dialog import BatchPrintDialog
from djdesk.ui.common.batch_print import BatchResult
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.errors import report_exception
from djdesk.ui.common.field_grid import set_role
from djdesk.ui.common.table_view import record_table_view

log = logging.getLogger(__name__)


def expiring_rows(ctx: UiContext) -> list[ExpiringRow]:
    """The agreements ending within 30 days, each with the draft or agreement renewing it."""
    renewals: dict[int, AgreementInfo] = {}
    for a in list_agreements(ctx.db):
        if a.renewed_from_id is not None and a.status != AgreementStatus.TERMINATED:
            renewals[a.renewed_from_id] = a
    return [ExpiringRow(a, renewals.get(a.id)) for a in expiring_agreements(ctx.db)]


class ExpiringPanel(QWidget):
    """The 即将到期 tab of 协议管理."""

    #: How many agreements are listed (the tab's title shows it).
    count_changed = Signal(int)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("expiringPanel")
        self.ctx = ctx
        #: The dialog opened last (kept alive while open; used by tests).
        self.dialog: QWidget | None = None
        self.last_batch: BatchResult | None = None
        intro = QLabel(
            f"已签订、{RENEWAL_WINDOW_DAYS} 天内到期的协议和责任书。续签会复制为下一期限的草稿"
            "（按当前模板），打印后请单位签字盖章，再到“全部协议”中登记签订。"
        )
        intro.setWordWrap(True)
        intro.setProperty("role", "hint")
        self.model = ExpiringModel()
        self.view = record_table_view(
            self.model, "expiringTable", stretch=(ExpiringModel.COL_UNIT,), minimum_height=220
        )
        self.view.activated.connect(lambda _index: self.open_renewal())
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.renew_all_button = QPushButton("全部续签")
        self.renew_all_button.setObjectName("renewAll")
        self.renew_all_button.setToolTip("为列表中每一份还没有续签的协议生成续签草稿")
        self.renew_all_button.clicked.connect(self.renew_all)
        self.renew_button = QPushButton("续签所选")
        self.renew_button.clicked.connect(self.renew_selected)
        self.open_button = QPushButton("打开续签稿")
        self.open_button.clicked.connect(self.open_renewal)
        self.batch_button = QPushButton("批量打印续签稿…")
        self.batch_button.setObjectName("batchPrintRenewals")
        self.batch_button.setProperty("primary", True)
        self.batch_button.clicked.connect(self.batch_print)
        self.status = QLabel()
        self.status.setObjectName("expiringStatus")
        self.status.setWordWrap(True)
        self.status.setProperty("role", "hint")
        buttons = QHBoxLayout()
        for button in (self.renew_all_button, self.renew_button, self.open_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.batch_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.refresh()

    def refresh(self) -> None:
        keep = self.selected()
        rows = expiring_rows(self.ctx)
        self.model.set_records(rows)
        if keep is not None and (row := self.model.row_of(keep.id)) >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
        self.count_changed.emit(len(rows))
        self._update_buttons()

    def selected(self) -> ExpiringRow | None:
        index = self.view.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def printable_drafts(self) -> list[AgreementInfo]:
        return [d for r in self.model.records() if (d := r.printable_renewal) is not None]

    def _update_buttons(self) -> None:
        write = self.ctx.can_write
        rows = self.model.records()
        row = self.selected()
        self.renew_all_button.setEnabled(write and any(r.renewal is None for r in rows))
        self.renew_button.setEnabled(write and row is not None and row.renewal is None)
        self.open_button.setEnabled(row is not None and row.renewal is not None)
        drafts = self.printable_drafts()
        self.batch_button.setEnabled(write and bool(drafts))
        self.batch_button.setText(
            f"批量打印续签稿（{len(drafts)} 份）…" if drafts else "批量打印续签稿…"
        )

    def _say(self, text: str, role: str = "hint") -> None:
        self.status.setText(text)
        set_role(self.status, role)

    # -- actions --------------------------------------------------------------------------------

    def renew_all(self) -> None:
        try:
            batch = renew_expiring(self.ctx.db, actor=self.ctx.actor)
        except DjdeskError as exc:
            report_exception(exc, self)
            return
        text = f"已生成 {len(batch.drafts)} 份续签草稿。"
        if batch.skipped:
            text += "未续签：" + "；".join(f"{unit}（{why}）" for unit, why in batch.skipped)
        self._say(text, "fieldError" if batch.skipped else "success")
        self.ctx.notify("agreement", *(d.id for d in batch.drafts))

    def renew_selected(self) -> AgreementInfo | None:
        row = self.selected()
        if row is None:
            return None
        try:
            draft = renew_agreement(self.ctx.db, row.id, actor=self.ctx.actor)
        except DjdeskError as exc:
            report_exception(exc, self)
            return None
        self._say(f"已为“{row.agreement.unit_name}”生成续签草稿。", "success")
        self.ctx.notify("agreement", row.id, draft.id)
        return draft

    def open_renewal(self) -> AgreementDialog | None:
        row = self.selected()
        if row is None or row.renewal is None:
            return None
        dialog = AgreementDialog(self.ctx, agreement=row.renewal, parent=self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def batch_print(self) -> BatchPrintDialog | None:
        drafts = self.printable_drafts()
        if not drafts:
            return None
        dialog = BatchPrintDialog(self.ctx, drafts, on_done=self._batch_done, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _batch_done(self, result: BatchResult) -> None:
        self.last_batch = result
        log.info("renewal batch: %s", result.summary())
        failed = bool(result.failed or result.stopped)
        self._say(result.summary(), "fieldError" if failed else "success")
