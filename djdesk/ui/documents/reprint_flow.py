"""补打 and 查阅 from the document register.

A reprint is rebuilt from the data the document was issued with, marked 补打 on its pages,
counted, and needs a reason: the clerk is asked for it (the service's refusal says how many
times the number was issued), then the reprint is written to the output folder, registered and
opened in the one preview, whose print bar sends it to a printer and records the output. A
serial typed or scanned at the counter goes through :func:`reprint_serial` (its original PDF);
a row chosen in the register through :func:`reprint` (a Word copy comes back as a .docx).

查阅 shows a registered document again without registering anything: rebuilt with a 查阅
watermark, so a page printed from it is never mistaken for an original or a counted 补打.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QWidget

from djdesk.documents.base.marks import PageMarks
from djdesk.progress import CancelledFn, ProgressFn
from djdesk.services.documents import (
    Destination,
    DocumentFormat,
    IssuedDocument,
    RegisteredDocument,
    reprint,
    reprint_serial,
    reproduce,
)
from djdesk.services.printing import write_atomically
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.file_ready import show_file_ready
from djdesk.ui.common.print_flow import open_preview, print_in_background, stamped_path

log = logging.getLogger(__name__)

#: Receives the preview or the file-ready box once it is open.
Shown = Callable[[QWidget], object]

VIEW_WATERMARK = "查阅"
_UNSAFE = re.compile(r'[\\/:*?"<>|\s〔〕]+')


def output_path(folder: Path, title: str, serial: str, what: str, suffix: str) -> Path:
    return stamped_path(folder, _UNSAFE.sub("_", f"{title}-{serial}-{what}").strip("_"), suffix)


def _suffix(doc: RegisteredDocument) -> str:
    return ".docx" if doc.file_format == DocumentFormat.DOCX else ".pdf"


def reprint_flow(
    ctx: UiContext,
    parent: QWidget,
    *,
    serial: str = "",
    document: RegisteredDocument | None = None,
    shown: Shown | None = None,
) -> None:
    """补打 ``document`` (or the original PDF numbered ``serial``), asking for the reason."""
    title = document.title if document is not None else "文书"
    number = document.serial if document is not None else serial.strip()
    suffix = _suffix(document) if document is not None else ".pdf"
    path = output_path(ctx.paths.output_dir, title, number, "补打", suffix)
    db, actor = ctx.db, ctx.actor

    def write(reason: str) -> IssuedDocument:
        destination = Destination.file(path)
        if document is not None:
            return reprint(db, document.id, destination, actor=actor, reason=reason)
        return reprint_serial(db, serial, destination, actor=actor, reason=reason)

    def done(issued: IssuedDocument) -> None:
        doc = issued.document
        log.info("reprinted %s (%s %d)", doc.serial, doc.mark, doc.copy_number)
        ctx.notify("document_record", doc.id)
        note = f"{doc.serial} 第 {doc.copy_number} 次{doc.mark}已生成，页面已标明“{doc.mark}”。"
        if doc.file_format == DocumentFormat.DOCX:
            box = show_file_ready(parent, "补打", f"{note}已保存为：", path)
            if shown is not None:
                shown(box)
            return
        open_preview(
            ctx,
            parent,
            path,
            title=f"补打 — {doc.title}（{doc.serial}）",
            message=note + "请选择打印机打印。",
            document_id=doc.id,
            shown=shown,
        )

    print_in_background(
        ctx,
        parent,
        write,
        title="补打文书",
        progress_text=f"正在补打 {number}……",
        done=done,
    )


def view_flow(
    ctx: UiContext, document: RegisteredDocument, parent: QWidget, *, shown: Shown | None = None
) -> None:
    """Show a registered PDF again, rebuilt with a 查阅 watermark (nothing registered)."""
    folder = ctx.paths.output_dir / "预览"
    path = output_path(folder, document.title, document.serial or str(document.id), "查阅", ".pdf")
    db = ctx.db

    def work(progress: ProgressFn, cancelled: CancelledFn) -> Path:
        progress(0, 0, "正在生成……")
        content = reproduce(db, document.id, marks=PageMarks(watermark=VIEW_WATERMARK))
        write_atomically(path, content)
        return path

    def done(written: Path) -> None:
        open_preview(
            ctx,
            parent,
            written,
            title=f"查阅 — {document.title}（{document.serial or '无编号'}）",
            message="仅供查阅（页面有“查阅”字样），未登记；需要正式文本请用“补打”。",
            shown=shown,
        )

    ctx.tasks.run_task(work, on_done=done, title="查阅文书", parent=parent)
