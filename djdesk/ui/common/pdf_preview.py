"""Previewing and printing generated PDFs (receipts, certificates, agreements …).

:class:`PdfPreviewDialog` shows a PDF in a ``QPdfView`` with 打印 (through the system print
dialog), 打开文件 and 打开所在文件夹. Pages are rendered for the printer at
:data:`PRINT_DPI` and painted on white, because ``QPdfDocument.render`` leaves the background
transparent.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from djdesk.errors import DjdeskError
from djdesk.ui.common.desktop import open_file, open_folder
from djdesk.ui.common.errors import show_error

log = logging.getLogger(__name__)

PRINT_DPI = 300


def page_image(document: QPdfDocument, page: int, dpi: int = PRINT_DPI) -> QImage:
    """Page ``page`` rendered at ``dpi`` on an opaque white background."""
    points = document.pagePointSize(page)
    size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
    rendered = document.render(page, size)
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(QColor(Qt.GlobalColor.white))  # paper, not a screen colour
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
        if not message:  # (a parentless widget made visible would flash up as a window)
            self.message.hide()
        where = QLabel(f"文件：{path}")
        where.setProperty("role", "hint")
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

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
