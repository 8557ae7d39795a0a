"""Page thumbnails beside the PDF preview: every page small, on white, numbered; a click jumps
the preview to that page, and the current page stays selected as the clerk scrolls."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QListView, QListWidget, QListWidgetItem, QWidget

from djdesk.ui.common.printing import page_image

THUMB_WIDTH = 120
THUMB_DPI = 24  # an A4 page is about 200 × 280 pixels; scaled to the icon size


class PageThumbnails(QListWidget):
    """One icon per page of ``document``; emits :attr:`page_chosen` with a 0-based page."""

    page_chosen = Signal(int)

    def __init__(self, document: QPdfDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pageThumbnails")
        self.setAccessibleName("页面缩略图")
        self.document = document
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.TopToBottom)
        self.setWrapping(False)
        self.setMovement(QListView.Movement.Static)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setIconSize(QSize(THUMB_WIDTH, round(THUMB_WIDTH * 297 / 210)))
        self.setSpacing(6)
        self.setFixedWidth(THUMB_WIDTH + 40)
        self.currentRowChanged.connect(self._chosen)
        document.statusChanged.connect(self._status_changed)
        self.reload()

    def _status_changed(self, status: QPdfDocument.Status) -> None:
        # the status comes with the signal: while the document is being destroyed it must
        # not be asked anything
        if status == QPdfDocument.Status.Ready:
            self.reload()
        else:
            self.clear()

    def reload(self) -> None:
        """Render the thumbnails again (a new document was loaded)."""
        self.blockSignals(True)
        self.clear()
        if self.document.status() == QPdfDocument.Status.Ready:
            for page in range(self.document.pageCount()):
                image = page_image(self.document, page, THUMB_DPI)
                icon = QIcon(QPixmap.fromImage(image))
                item = QListWidgetItem(icon, f"第 {page + 1} 页")
                item.setTextAlignment(Qt.AlignmentFlag.AlignHCenter)
                item.setToolTip(f"转到第 {page + 1} 页")
                self.addItem(item)
        if self.count():
            self.setCurrentRow(0)
        self.blockSignals(False)

    def show_page(self, page: int) -> None:
        """Select ``page`` without jumping the preview (it is already there)."""
        if 0 <= page < self.count() and page != self.currentRow():
            self.blockSignals(True)
            self.setCurrentRow(page)
            self.blockSignals(False)

    def _chosen(self, row: int) -> None:
        if row >= 0:
            self.page_chosen.emit(row)
