"""批量打印续签稿: choose the printer, then print every renewal draft in the background.

Each draft is printed exactly as a single print would be — numbered, its text frozen,
registered — through :mod:`djdesk.ui.common.batch_print` (progress, 取消 between documents; an
unavailable printer stops the batch, nothing more is registered). Each agreement is printed as
many times as it has copies (一式三份 prints three) unless the clerk asks for one of each.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QCheckBox, QComboBox, QWidget

from djdesk.errors import ValidationError
from djdesk.services.agreements.printing import print_agreement
from djdesk.services.agreements.types import AgreementInfo
from djdesk.services.documents import Destination, SendToPrinter
from djdesk.ui.common import printing
from djdesk.ui.common.batch_print import BatchItem, BatchResult, run_batch_print
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.field_grid import FieldGrid
from djdesk.ui.common.form_dialog import FormDialog
from djdesk.ui.common.print_panel import NO_PRINTER

log = logging.getLogger(__name__)

TITLE = "批量打印续签稿"


def batch_items(
    ctx: UiContext, drafts: Sequence[AgreementInfo], printer: str, *, per_copies: bool = True
) -> list[BatchItem]:
    """One item per draft, printing it on ``printer`` (its copies, or one)."""
    db, actor = ctx.db, ctx.actor

    def issue(draft: AgreementInfo) -> Callable[[SendToPrinter], object]:
        copies = draft.copies if per_copies else 1
        destination = Destination.to_printer(printer, copies)
        return lambda send: print_agreement(db, draft.id, destination, actor=actor, send=send)

    return [BatchItem(f"{d.unit_name}（{d.kind.short}）", issue(d)) for d in drafts]


class BatchPrintDialog(FormDialog):
    """The printer for the batch; 开始打印 starts it and ``on_done`` gets the result."""

    def __init__(
        self,
        ctx: UiContext,
        drafts: Sequence[AgreementInfo],
        *,
        on_done: Callable[[BatchResult], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        names = "、".join(d.unit_name for d in drafts[:5]) + ("等" if len(drafts) > 5 else "")
        super().__init__(
            TITLE,
            f"打印 {len(drafts)} 份续签稿",
            f"{names}。打印时逐份取得编号并固定文本，登记在文书登记中；可以随时取消，"
            "已打印的不受影响。",
            accept_text="开始打印",
            required_note=False,
            parent=parent,
        )
        self.setObjectName("batchPrintDialog")
        self.ctx = ctx
        self.drafts = list(drafts)
        self.on_done = on_done
        self.printer_combo = QComboBox()
        self.printer_combo.setObjectName("batchPrinter")
        names_available = printing.available_printers()
        for name in names_available:
            self.printer_combo.addItem(name, name)
        if not names_available:
            self.printer_combo.addItem(NO_PRINTER, "")
        default = self.printer_combo.findData(printing.default_printer())
        self.printer_combo.setCurrentIndex(max(0, default))
        self.copies_check = QCheckBox("每份按协议约定的份数打印（一式几份就打印几份）")
        self.copies_check.setObjectName("batchPerCopies")
        self.copies_check.setChecked(True)
        self.grid = FieldGrid(columns=1)
        self.grid.add_row("printer", "打印机", self.printer_combo)
        self.grid.add_row("copies", "份数", self.copies_check)
        self.add_body(self.grid)
        self.save_button.setEnabled(bool(names_available) and bool(self.drafts))
        self.fit_content(560)

    def printer(self) -> str:
        return str(self.printer_combo.currentData() or "")

    def accept(self) -> None:
        printer = self.printer()
        if not printer:
            self.grid.show_errors(
                [ValidationError("printer", "本机没有可用的打印机", label="打印机")]
            )
            return
        items = batch_items(
            self.ctx, self.drafts, printer, per_copies=self.copies_check.isChecked()
        )
        log.info("batch printing %d renewal drafts on %s", len(items), printer)
        ctx, on_done, parent = self.ctx, self.on_done, self.parentWidget()

        def done(result: BatchResult) -> None:
            # (the dialog may be gone by now: only what was captured is used)
            ctx.notify("agreement")
            ctx.notify("document_record")
            if on_done is not None:
                on_done(result)

        self.mark_clean()
        super().accept()
        run_batch_print(ctx, items, on_done=done, title=TITLE, parent=parent)
