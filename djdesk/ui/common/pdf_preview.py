"""The one preview for every document djdesk prints: receipts, certificates, agreements, letters.

:class:`PdfPreviewDialog` shows a PDF in a ``QPdfView`` with page thumbnails
(:mod:`.preview_thumbnails`), zoom (缩小, 放大, 适合宽度, 整页) and a print bar
(:mod:`.print_panel`): printer, copies and page range, then 打印 through QPrinter
(:mod:`.printing`, A4, the printer's calibration offset), 另存为 PDF…, 校准…, 打开文件 and
打开所在文件夹. When the dialog knows the document's entry in the document register
(``ctx`` and ``document_id``), every print and every saved copy is recorded there; a printer
that is unavailable is said plainly and nothing is recorded — the document can still be saved.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from djdesk.errors import DjdeskError
from djdesk.services.documents import Destination, record_output
from djdesk.services.printing import write_atomically
from djdesk.settings import Settings
from djdesk.ui.common import printing
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.desktop import open_file, open_folder
from djdesk.ui.common.errors import show_error
from djdesk.ui.common.preview_thumbnails import PageThumbnails
from djdesk.ui.common.print_panel import PrintPanel
from djdesk.ui.common.printing import PRINT_DPI, page_image

__all__ = ["PRINT_DPI", "PdfPreviewDialog", "page_image", "print_pdf"]

log = logging.getLogger(__name__)

ZOOM_STEP = 1.25
ZOOM_RANGE = (0.25, 4.0)


def print_pdf(document: QPdfDocument, printer: QPrinter) -> int:
    """Send every page to ``printer``, each scaled to fit the paper; returns the page count."""
    printer.setFullPage(True)
    return printing.render_to_printer(document, printer)


class PdfPreviewDialog(QDialog):
    """A PDF on screen with thumbnails, zoom, printing, saving and the register."""

    def __init__(
        self,
        path: Path,
        *,
        title: str,
        message: str = "",
        parent: QWidget | None = None,
        ctx: UiContext | None = None,
        document_id: int | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pdfPreview")
        self.setWindowTitle(title)
        self.title = title
        self.path = path
        self.ctx = ctx
        self.document_id = document_id
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
        self.status = QLabel("")
        self.status.setObjectName("printStatus")
        self.status.setProperty("role", "hint")

        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.thumbnails = PageThumbnails(self.document, self)
        self.thumbnails.page_chosen.connect(self.go_to_page)
        self.view.pageNavigator().currentPageChanged.connect(self.thumbnails.show_page)

        self.panel = PrintPanel(self)
        self.print_button = self.panel.print_button
        self.print_button.setDefault(True)
        self.panel.print_requested.connect(self.print_chosen)
        self.panel.save_requested.connect(self.ask_save)
        self.panel.calibrate_requested.connect(self.calibrate)
        self.open_button = QPushButton("打开文件")
        self.open_button.clicked.connect(lambda: open_file(self.path, self))
        self.folder_button = QPushButton("打开所在文件夹")
        self.folder_button.clicked.connect(lambda: open_folder(self.path.parent, self))
        close = QPushButton("关闭")
        close.clicked.connect(self.reject)

        zoom_row = QHBoxLayout()
        for text, slot in (
            ("缩小", self.zoom_out),
            ("放大", self.zoom_in),
            ("适合宽度", self.fit_width),
            ("整页", self.fit_page),
        ):
            button = QPushButton(text)
            button.clicked.connect(slot)
            zoom_row.addWidget(button)
        self.pages_label = QLabel(f"共 {self.page_count()} 页")
        zoom_row.addWidget(self.pages_label)
        zoom_row.addStretch(1)
        zoom_row.addWidget(self.open_button)
        zoom_row.addWidget(self.folder_button)
        body = QHBoxLayout()
        body.addWidget(self.thumbnails)
        body.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(close)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(self.message)
        layout.addWidget(where)
        layout.addLayout(zoom_row)
        layout.addLayout(body, 1)
        layout.addWidget(self.panel)
        layout.addLayout(bottom)
        self.resize(1000, 760)

    # -- viewing --------------------------------------------------------------------------------

    def page_count(self) -> int:
        return self.document.pageCount()

    def go_to_page(self, page: int) -> None:
        self.view.pageNavigator().jump(page, QPointF(), self.view.zoomFactor())

    def _zoom(self, factor: float) -> None:
        low, high = ZOOM_RANGE
        self.view.setZoomMode(QPdfView.ZoomMode.Custom)
        self.view.setZoomFactor(min(high, max(low, factor)))

    def zoom_in(self) -> None:
        self._zoom(self.view.zoomFactor() * ZOOM_STEP)

    def zoom_out(self) -> None:
        self._zoom(self.view.zoomFactor() / ZOOM_STEP)

    def fit_width(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def fit_page(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)

    # -- printing and saving --------------------------------------------------------------------

    @property
    def settings(self) -> Settings:
        return self.ctx.settings if self.ctx is not None else Settings()

    def print_to(self, printer: QPrinter) -> int:
        """Print the document on ``printer`` as it is set up; errors are shown, never raised."""
        try:
            return print_pdf(self.document, printer)
        except DjdeskError as exc:
            show_error(exc, self, title="打印失败")
            return 0

    def print_chosen(self) -> bool:
        """Print on the printer, copies and pages chosen in the print bar, then register it.

        An unavailable printer is reported and nothing is registered (the file stays, and
        另存为 PDF… still works).
        """
        options = self.panel.options(self.settings, self.title)
        try:
            pages = printing.parse_page_range(options.page_range, self.page_count())
            printer = printing.make_printer(options)
            printing.render_to_printer(
                self.document, printer, pages, offset_mm=options.offset_mm, copies=options.copies
            )
        except DjdeskError as exc:
            self.status.setText("未打印。")
            show_error(exc, self, title="打印失败")
            return False
        destination = Destination.to_printer(options.printer, options.copies, options.page_range)
        self._register(destination)
        self.status.setText(
            f"已送打印机“{options.printer}”：{len(pages)} 页 × {options.copies} 份。"
        )
        return True

    def ask_save(self) -> None:
        start = str(self.path.parent / self.path.name)
        target, _filter = QFileDialog.getSaveFileName(self, "另存为 PDF", start, "PDF 文件 (*.pdf)")
        if target:
            self.save_copy(Path(target))

    def save_copy(self, target: Path) -> bool:
        """Save the document as ``target`` (a .pdf) and register that copy."""
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        try:
            if target.resolve() != self.path.resolve():
                write_atomically(target, self.path.read_bytes())
        except (DjdeskError, OSError) as exc:
            message = exc if isinstance(exc, DjdeskError) else DjdeskError(f"无法保存：{exc}")
            show_error(message, self, title="保存失败")
            return False
        self._register(Destination.file(target))
        self.status.setText(f"已另存为：{target}")
        return True

    def calibrate(self) -> None:
        from djdesk.ui.common.calibration import CalibrationDialog

        if self.ctx is None:
            return
        dialog = CalibrationDialog(self.ctx, self.panel.printer_name(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _register(self, destination: Destination) -> None:
        if self.ctx is None or self.document_id is None:
            return
        try:
            record_output(self.ctx.db, self.document_id, destination, actor=self.ctx.actor)
        except DjdeskError as exc:
            show_error(exc, self, title="未能登记")
            return
        self.ctx.notify("document_record", self.document_id)
