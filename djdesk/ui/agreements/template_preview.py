"""The template editor's live preview: sample pages of the template as it is being edited.

:class:`LivePreview` waits until the administrator pauses (:data:`DEBOUNCE_MS`), then asks the
service for :func:`~djdesk.services.agreements.previews.template_preview` — the same checks as
saving, rendered on sample data with a 样张 watermark — and shows the PDF in a ``QPdfView``.
When the template is refused (an unknown placeholder, an empty required section …) the reasons
are listed under the pages, each naming the section and clause, and the last good pages stay.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QTimer
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QLabel, QListWidget, QVBoxLayout, QWidget

from djdesk.errors import DjdeskError, ValidationErrors
from djdesk.formats.agreements.template_file import TemplateDoc
from djdesk.services.agreements.previews import template_preview
from djdesk.services.agreements.types import TemplateKind
from djdesk.services.store import Database
from djdesk.ui.common.field_grid import set_role

log = logging.getLogger(__name__)

DEBOUNCE_MS = 500


def problems_of(error: DjdeskError) -> list[str]:
    """The reasons of a refusal, one line each (a template check names section and clause)."""
    if isinstance(error, ValidationErrors) and error.errors:
        return [e.reason for e in error.errors]
    return [error.message]


class LivePreview(QWidget):
    """Sample pages of the template in the editor, refreshed as it is edited."""

    def __init__(
        self,
        db: Database,
        source: Callable[[], tuple[TemplateKind, TemplateDoc]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("templatePreview")
        self.db = db
        self.source = source
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.view = QPdfView(self)
        self.view.setObjectName("templatePreviewView")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.status = QLabel("")
        self.status.setObjectName("templatePreviewStatus")
        self.status.setWordWrap(True)
        self.status.setProperty("role", "hint")
        self.problems = QListWidget()
        self.problems.setObjectName("templateProblems")
        self.problems.setAccessibleName("模板中的问题")
        self.problems.setMaximumHeight(120)
        self.problems.hide()
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        self.timer.timeout.connect(self.render_now)
        #: How many times the pages were rendered (the debounce is tested by it).
        self.renders = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.problems)

    def schedule(self) -> None:
        """Render once the editing pauses."""
        self.timer.start()

    def is_pending(self) -> bool:
        return self.timer.isActive()

    def problem_texts(self) -> list[str]:
        return [self.problems.item(i).text() for i in range(self.problems.count())]

    def page_count(self) -> int:
        return self.document.pageCount()

    def render_now(self) -> bool:
        """Check and render the template now; ``False`` (and the reasons listed) when refused."""
        self.timer.stop()
        kind, doc = self.source()
        try:
            pdf = template_preview(self.db, kind, doc)
        except DjdeskError as exc:
            self.show_problems(problems_of(exc))
            return False
        self._load(pdf)
        self.renders += 1
        self.problems.clear()
        self.problems.hide()
        self.status.setText(f"样张（示例单位，共 {self.page_count()} 页），随编辑自动更新。")
        set_role(self.status, "hint")
        return True

    def show_problems(self, problems: list[str]) -> None:
        self.problems.clear()
        self.problems.addItems(problems)
        self.problems.show()
        self.status.setText(f"模板有 {len(problems)} 处问题，预览未更新，也不能保存：")
        set_role(self.status, "fieldError")

    def _load(self, pdf: bytes) -> None:
        buffer = QBuffer()
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        old, self._buffer = self._buffer, buffer  # the document reads from the buffer
        if old is not None:
            old.close()
