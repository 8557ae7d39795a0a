"""Previewing, printing and saving an agreement or responsibility book as Word, from the window.

* 预览: the text as it would print, never registered — a draft shows the current template with
  a 草稿 watermark; a printed one its frozen text.
* 打印: the first print numbers the agreement and freezes its text (the clerk confirms that
  first); the PDF is written to the output folder, registered, and opened in the one preview
  (:class:`~djdesk.ui.common.pdf_preview.PdfPreviewDialog`), whose print bar sends it to a
  printer and records each output. Printing a numbered agreement again is a 补打: the clerk is
  asked for the reason first.
* 另存为 Word: the same text as a .docx (registered like a print; the first one numbers too).

Everything runs through the task runner; errors are shown, never raised.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import QWidget

from djdesk.progress import CancelledFn, ProgressFn
from djdesk.services.agreements.printing import (
    PrintedAgreement,
    preview_agreement,
    print_agreement,
)
from djdesk.services.agreements.types import AgreementInfo
from djdesk.services.documents import Destination, DocumentFormat
from djdesk.services.printing import write_atomically
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.file_dialogs import save_file
from djdesk.ui.common.file_ready import show_file_ready
from djdesk.ui.common.print_flow import open_preview, print_in_background, unique_path

log = logging.getLogger(__name__)

#: Receives the preview or the file-ready box once it is open.
Shown = Callable[[QWidget], object]

PREVIEW_FOLDER = "预览"
_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def file_stem(info: AgreementInfo, now: datetime | None = None) -> str:
    """共驻共建协议书-宜宾市翠屏区人民医院-20260304-050607 (no characters a file name refuses)."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    unit = _UNSAFE.sub("_", info.unit_name).strip("_") or str(info.id)
    return f"{info.kind.value}-{unit}-{stamp}"


def preview_flow(
    ctx: UiContext, info: AgreementInfo, parent: QWidget, *, shown: Shown | None = None
) -> None:
    """Show the text as it would print (not registered, not numbered)."""
    folder = ctx.paths.output_dir / PREVIEW_FOLDER
    path = unique_path(folder, f"预览-{file_stem(info)}", ".pdf")
    db = ctx.db

    def work(progress: ProgressFn, cancelled: CancelledFn) -> Path:
        progress(0, 0, "正在生成预览……")
        write_atomically(path, preview_agreement(db, info.id))
        return path

    def done(written: Path) -> None:
        note = (
            "这是预览，未编号、未登记；正式文本请用“打印”。"
            if not info.issued
            else f"这是 {info.serial} 的预览（与已打印的文本相同），未登记。"
        )
        open_preview(
            ctx,
            parent,
            written,
            title=f"预览 — {info.kind.value}（{info.unit_name}）",
            message=note,
            shown=shown,
        )

    ctx.tasks.run_task(work, on_done=done, title="生成预览", parent=parent)


def print_flow(
    ctx: UiContext,
    info: AgreementInfo,
    parent: QWidget,
    *,
    shown: Shown | None = None,
) -> None:
    """Issue (or reprint) the agreement as a PDF in the output folder, then preview it."""
    path = unique_path(ctx.paths.output_dir, file_stem(info), ".pdf")
    db, actor = ctx.db, ctx.actor

    def done(printed: PrintedAgreement) -> None:
        log.info("agreement %s printed as %s", printed.serial, printed.path)
        ctx.notify("agreement", info.id)
        ctx.notify("document_record", printed.document_id)
        if not info.issued:
            note = (
                f"已取得编号 {printed.serial}，文本已固定。请选择打印机打印，"
                "双方签字盖章后回来“登记签订”。"
            )
        elif printed.copy_number:
            note = f"{printed.serial} 第 {printed.copy_number} 次补打，页面已标明“补打”。"
        else:
            note = printed.serial
        open_preview(
            ctx,
            parent,
            path,
            title=f"{info.kind.value} — {info.unit_name}（{printed.serial}）",
            message=note,
            document_id=printed.document_id,
            shown=shown,
        )

    print_in_background(
        ctx,
        parent,
        lambda reason: print_agreement(
            db, info.id, Destination.file(path), actor=actor, reason=reason
        ),
        title=f"打印{info.kind.short}",
        progress_text=f"正在生成{info.kind.value}……",
        done=done,
    )


def ask_docx_path(ctx: UiContext, info: AgreementInfo, parent: QWidget) -> Path | None:
    suggested = ctx.paths.output_dir / f"{file_stem(info)}.docx"
    chosen, _filter = save_file(parent, "另存为 Word", str(suggested), "Word 文档 (*.docx)")
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".docx" else path.with_name(path.name + ".docx")


def save_docx_flow(
    ctx: UiContext,
    info: AgreementInfo,
    parent: QWidget,
    path: Path | None = None,
    *,
    shown: Shown | None = None,
) -> None:
    """The agreement as a Word document (registered; the first one numbers the agreement)."""
    target = path or ask_docx_path(ctx, info, parent)
    if target is None:
        return
    db, actor = ctx.db, ctx.actor

    def done(printed: PrintedAgreement) -> None:
        log.info("agreement %s saved as Word %s", printed.serial, target)
        ctx.notify("agreement", info.id)
        ctx.notify("document_record", printed.document_id)
        box = show_file_ready(
            parent, "已另存为 Word", f"{info.kind.value}（{printed.serial}）已保存为：", target
        )
        if shown is not None:
            shown(box)

    print_in_background(
        ctx,
        parent,
        lambda reason: print_agreement(
            db,
            info.id,
            Destination.file(target),
            actor=actor,
            file_format=DocumentFormat.DOCX,
            reason=reason,
        ),
        title="另存为 Word",
        progress_text="正在生成 Word 文档……",
        done=done,
    )
