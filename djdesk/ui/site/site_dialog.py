"""首次设置 — 本机站点信息: the first-run dialog that records this installation's identity.

Nothing is saved until 确定 passes validation; with errors the dialog stays open and shows them
under the fields.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget

from djdesk import APP_TITLE
from djdesk.actor import Actor
from djdesk.errors import DjdeskError, ValidationErrors
from djdesk.services.site.identity import SiteInfo, SiteInput, save_site
from djdesk.services.store import Database
from djdesk.ui.common.dialogs import DialogButtons, dialog_heading, intro_label
from djdesk.ui.common.errors import show_error
from djdesk.ui.site.site_form import SiteForm

log = logging.getLogger(__name__)

INTRO = (
    f"欢迎使用{APP_TITLE}。开始工作前，请先填写本机所在站点的信息。\n"
    "这些信息会印在打印的文书上，也是向街道、区上报数据时的来源标识；"
    "以后可以在“设置”页修改。"
)


class SiteDialog(QDialog):
    """The first-run set-up; :attr:`saved_site` holds the result after it was accepted."""

    def __init__(
        self,
        db: Database,
        *,
        actor: Actor,
        initial: SiteInput | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("siteDialog")
        self.setWindowTitle("首次设置 — 本机站点信息")
        self._db = db
        self._actor = actor
        self.saved_site: SiteInfo | None = None

        heading = dialog_heading("本机站点信息")
        intro = intro_label(INTRO)

        self.form = SiteForm()
        if initial is not None:
            self.form.set_value(initial)

        self.buttons = DialogButtons(self, "确定")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(12)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addSpacing(6)
        layout.addWidget(self.form)
        layout.addStretch(1)
        layout.addSpacing(6)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(620)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The level is usually right (社区): start where the typing starts.
        self.form.line_edits["code"].setFocus(Qt.FocusReason.OtherFocusReason)

    def accept(self) -> None:
        """Save the site; on validation errors show them and stay open."""
        try:
            self.saved_site = save_site(self._db, self.form.value(), actor=self._actor)
        except ValidationErrors as errors:
            self.form.show_errors(errors)
            return
        except DjdeskError as exc:
            show_error(exc, self)
            return
        log.info("site configured at first run: %s", self.saved_site.code)
        super().accept()
