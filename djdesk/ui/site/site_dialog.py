"""首次设置 — 本机站点信息: the first-run dialog that records this installation's identity.

A :class:`~djdesk.ui.common.form_dialog.FormDialog`: the fields scroll inside a window that
never outgrows the screen (error lines included), Enter or Ctrl+S saves, Esc asks before the
typed information is dropped. Nothing is saved until 保存站点信息 passes validation; with errors
the dialog stays open and shows them under the fields.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from djdesk import APP_TITLE
from djdesk.actor import Actor
from djdesk.errors import DjdeskError, ValidationErrors
from djdesk.paths import AppPaths
from djdesk.services.site.identity import SiteInfo, SiteInput
from djdesk.services.site.setup import set_up_site
from djdesk.services.store import Database
from djdesk.ui.common.errors import show_error
from djdesk.ui.common.form_dialog import FormDialog
from djdesk.ui.site.site_form import SiteForm

log = logging.getLogger(__name__)

INTRO = (
    f"欢迎使用{APP_TITLE}。开始工作前，请先填写本机所在站点的信息。\n"
    "这些信息会印在打印的文书上，也是向街道、区上报数据时的来源标识；"
    "以后可以在“设置”页修改。"
)


class SiteDialog(FormDialog):
    """The first-run set-up; :attr:`saved_site` holds the result after it was accepted."""

    def __init__(
        self,
        paths: AppPaths,
        db: Database,
        *,
        actor: Actor,
        initial: SiteInput | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "首次设置 — 本机站点信息",
            "本机站点信息",
            INTRO,
            accept_text="保存站点信息",
            parent=parent,
        )
        self.setObjectName("siteDialog")
        self._paths = paths
        self._db = db
        self._actor = actor
        self.saved_site: SiteInfo | None = None
        self.form = SiteForm()
        if initial is not None:
            self.form.set_value(initial)
        self.add_body(self.form)
        self.body_layout.addStretch(1)
        self.setMinimumWidth(620)
        self.fit_content(680)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # The level is usually right (社区): start where the typing starts.
        self.form.line_edits["code"].setFocus(Qt.FocusReason.OtherFocusReason)

    def accept(self) -> None:
        """Save the site; on validation errors show them and stay open."""
        try:
            self.saved_site, notes = set_up_site(
                self._paths, self._db, self.form.value(), actor=self._actor
            )
        except ValidationErrors as errors:
            self.form.show_errors(errors)
            first = self.form.grid.first_invalid()
            if first is not None:
                self.ensure_visible(first)
            return
        except DjdeskError as exc:
            show_error(exc, self)
            return
        log.info("site configured at first run: %s %s", self.saved_site.code, notes)
        super().accept()
