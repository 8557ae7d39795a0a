"""Previewing and printing generated PDFs (the 报到回执), and telling the clerk a file is ready.

:class:`PdfPreviewDialog` shows a PDF in a ``QPdfView`` with 打印 (through the system print
dialog), 打开文件 and 打开所在文件夹. Pages are rendered for the printer at
:data:`PRINT_DPI` and painted on white, because ``QPdfDocument.render`` leaves the background
transparent. :func:`print_receipt_flow` writes a member's receipt in the background and opens
the preview; :func:`show_file_ready` is the "file saved — open it?" box used after exports.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from djdesk.errors import DjdeskError
from djdesk.progress import CancelledError
from djdesk.ui.common.desktop import open_file, open_folder
from djdesk.ui.common.errors import report_exception, show_error

if TYPE_CHECKING:
    from djdesk.ui.common.context import UiContext

log = logging.getLogger(__name__)

PRINT_DPI = 300
RECEIPT_TITLE = "打印报到回执"


def page_image(document: QPdfDocument, page: int, dpi: int = PRINT_DPI) -> QImage:
    """Page ``page`` rendered at ``dpi`` on an opaque white background."""
    points = document.pagePointSize(page)
    size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
    rendered = document.render(page, size)
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.drawImage(0, 0, rendered)
    painter.end()
    return image


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Send every page to ``printer``, each scaled to fit the paper; returns the page count."""
    printer.setFullPage(True)
    painter = QPainter()
    if not painter.begin(printer):
        raise DjdeskError("无法开始打印：打印机不可用或已被取消。")
    try:
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            image = page_image(document, page)
            area = painter.viewport()
            target = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(QPoint(0, 0), target), image)
    finally:
        painter.end()
    return document.pageCount()


class PdfPreviewDialog(QDialog):
    """A PDF on screen with 打印 / 打开文件 / 打开所在文件夹 / 关闭."""

    def __init__(
        self, path: Path, *, title: str, message: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.setWindowTitle(title)
        self.path = path
        self.document = QPdfDocument(self)
        error = self.document.load(str(path))
        if error != QPdfDocument.Error.None_:
            log.warning("could not load %s for preview: %s", path, error)

        self.message = QLabel(message)
        self.message.setObjectName("previewMessage")
        self.message.setWordWrap(True)
        self.message.setProperty("role", "success")
        font = self.message.font()
        font.setPointSize(font.pointSize() + 2)
        font.setBold(True)
        self.message.setFont(font)
        self.message.setVisible(bool(message))
        where = QLabel(f"文件：{path}")
        where.setProperty("role", "hint")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setStyleSheet("QPdfView { background: #d9dce1; border: none; }")

        self.print_button = QPushButton("打印…")
        self.print_button.setProperty("primary", True)
        self.print_button.setDefault(True)
        self.print_button.clicked.connect(self.ask_print)
        self.open_button = QPushButton("打开文件")
        self.open_button.clicked.connect(lambda: open_file(self.path, self))
        self.folder_button = QPushButton("打开所在文件夹")
        self.folder_button.clicked.connect(lambda: open_folder(self.path.parent, self))
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        buttons.addWidget(self.print_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(self.message)
        layout.addWidget(where)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.resize(860, 700)
        self.print_dialog: QPrintDialog | None = None
        self._printer: QPrinter | None = None

    def page_count(self) -> int:
        return self.document.pageCount()

    def ask_print(self) -> None:
        """Open the system print dialog; printing starts when the clerk confirms it."""
        self._printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(self._printer, self)
        dialog.setWindowTitle("打印")
        dialog.accepted.connect(self._print_confirmed)
        self.print_dialog = dialog
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.show()

    def _print_confirmed(self) -> None:
        if self._printer is not None:
            self.print_to(self._printer)

    def print_to(self, printer: QPrinter) -> int:
        """Print the document on ``printer``; errors are shown, never raised."""
        try:
            return print_pdf(self.document, printer)
        except DjdeskError as exc:
            show_error(exc, self, title="打印失败")
            return 0


def receipt_path(output_dir: Path, member_id: int, now: datetime | None = None) -> Path:
    """Where a printed 报到回执 goes: the output folder, one file per print."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return output_dir / f"报到回执-{member_id}-{stamp}.pdf"


def print_receipt_flow(
    ctx: UiContext,
    member_id: int,
    parent: QWidget,
    *,
    headline: str = "",
    shown: Callable[[QDialog], None] | None = None,
) -> None:
    """Write the member's 报到回执 in the background, then preview it.

    ``headline`` is shown above the preview (e.g. the 报到编号 just given); ``shown`` receives
    the dialog that was opened (the preview, or the notice that receipts are unavailable).
    """
    try:
        from djdesk.services.checkin.receipts import print_receipt
    except ImportError as exc:  # the receipts service ships separately
        log.warning("receipts service unavailable: %s", exc)
        text = (headline + "\n\n" if headline else "") + (
            "报到回执打印功能暂不可用（回执模块未安装），请稍后在党员卡片上点“打印回执”。"
        )
        box = QMessageBox(QMessageBox.Icon.Information, RECEIPT_TITLE, text, parent=parent)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        if shown is not None:
            shown(box)
        return
    out_path = receipt_path(ctx.paths.output_dir, member_id)
    db, actor = ctx.db, ctx.actor

    def work(progress: Any, cancelled: Any) -> Any:
        progress(0, 0, "正在生成报到回执……")
        return print_receipt(db, member_id, out_path, actor=actor)

    def done(printed: Any) -> None:
        log.info("receipt %s printed to %s", printed.serial, printed.path)
        dialog = PdfPreviewDialog(
            Path(printed.path),
            title=f"报到回执 — {printed.name}（{printed.serial}）",
            message=headline,
            parent=parent,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        if shown is not None:
            shown(dialog)

    ctx.tasks.run_task(
        work,
        on_done=done,
        on_error=lambda exc: report_exception(exc, parent),
        title=RECEIPT_TITLE,
        parent=parent,
    )


def show_file_ready(parent: QWidget, title: str, text: str, path: Path) -> QMessageBox:
    """A non-blocking "saved — open it?" box with 打开 / 打开所在文件夹 / 关闭."""
    box = QMessageBox(
        QMessageBox.Icon.Information,
        title,
        f"{text}\n{path}\n\n是否现在打开？",
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    open_button = box.addButton("打开", QMessageBox.ButtonRole.AcceptRole)
    folder_button = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
    box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(open_button)

    def clicked(button: object) -> None:
        if button is open_button:
            open_file(path, parent)
        elif button is folder_button:
            open_folder(path.parent, parent)

    box.buttonClicked.connect(clicked)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


REPORT_FILTERS = "Excel 工作簿 (*.xlsx);;PDF 文件 (*.pdf)"


def ask_save_path(parent: QWidget, title: str, suggested: Path) -> Path | None:
    """Ask where to save a report (.xlsx or .pdf); ``None`` when the clerk cancels."""
    from PySide6.QtWidgets import QFileDialog

    chosen, selected = QFileDialog.getSaveFileName(parent, title, str(suggested), REPORT_FILTERS)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() not in (".xlsx", ".pdf"):
        path = path.with_suffix(".pdf" if "pdf" in selected.lower() else ".xlsx")
    return path


def run_export(
    ctx: UiContext,
    parent: QWidget,
    kind: str,
    out_path: Path,
    *,
    title: str,
    year: int | None = None,
    flt: Any = None,
    done: Callable[[Path], None] | None = None,
) -> None:
    """Write report ``kind`` (``write_report``) in the background, then offer to open it.

    ``done`` receives the path once written (after the "file ready" box was opened); a cancel
    by the clerk shows nothing, other errors are reported.
    """
    db, actor = ctx.db, ctx.actor

    def work(progress: Any, cancelled: Any) -> Path:
        from djdesk.services.checkin.reports import write_report

        progress(0, 0, f"正在{title}……")
        return Path(
            write_report(
                db,
                kind,
                out_path,
                actor=actor,
                year=year,
                flt=flt,
                progress=progress,
                cancelled=cancelled,
            )
        )

    def finished(path: Path) -> None:
        log.info("report %s written to %s", kind, path)
        show_file_ready(parent, title, "已保存为：", path)
        if done is not None:
            done(path)

    def failed(exc: BaseException) -> None:
        if isinstance(exc, CancelledError):
            log.info("export %s cancelled", kind)
            return
        if isinstance(exc, ImportError):  # the reports service ships separately
            show_error(DjdeskError("报表导出功能暂不可用（报表模块未安装）。"), parent)
            return
        report_exception(exc, parent)

    ctx.tasks.run_task(
        work,
        on_done=finished,
        on_error=failed,
        on_cancelled=lambda _r: None,
        title=title,
        parent=parent,
    )
