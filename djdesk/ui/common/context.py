"""What every window and page is given: the database handle, paths, settings, task runner, events.

Pages receive one :class:`UiContext` from the main window instead of reaching for globals, so a
test can build a window on a temporary database with a synchronous task runner.
:class:`AppEvents` is the UI-side change notice: a page that changes data emits it, and the
pages that show that data refresh, with no polling.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal

from djdesk.actor import ADMINS, WRITERS, Actor
from djdesk.errors import DjdeskError
from djdesk.paths import AppPaths
from djdesk.services.store import Database
from djdesk.settings import Settings, save_settings
from djdesk.ui.common.tasks import TaskRunnerLike

log = logging.getLogger(__name__)


class AppEvents(QObject):
    """Application-wide notices, emitted on the main thread after a service call succeeded."""

    #: The site identity was saved; carries the new
    #: :class:`~djdesk.services.site.identity.SiteInfo`.
    site_changed = Signal(object)
    #: Records of some area changed; carries the area key (e.g. ``"issued_serial"``).
    data_changed = Signal(str)
    #: ``settings.json`` was saved; carries the new :class:`~djdesk.settings.Settings`.
    settings_changed = Signal(object)
    #: A restore replaced the database; carries the new :class:`Database` (already in the
    #: context). The main window rebuilds its pages on it.
    database_replaced = Signal(object)


@dataclass
class UiContext:
    """Shared handles for one open main window."""

    db: Database
    paths: AppPaths
    tasks: TaskRunnerLike
    #: Who is logged in; every write service is called with it. The command line and the
    #: ``--smoke-test`` run act as the operating-system user (an administrator).
    actor: Actor = field(default_factory=Actor.system)
    settings: Settings = field(default_factory=Settings)
    events: AppEvents = field(default_factory=AppEvents)

    @property
    def can_write(self) -> bool:
        """The actor may do counter work (管理员, 前台); 查看 users get read-only pages."""
        return self.actor.role in WRITERS

    @property
    def is_admin(self) -> bool:
        """The actor may administer accounts, settings, restore and the audit log."""
        return self.actor.role in ADMINS

    def update_settings(self, **changes: Any) -> Settings:
        """Save changed settings to ``settings.json`` and announce them.

        Raises :class:`~djdesk.errors.DjdeskError` when the file cannot be written.
        """
        new = self.settings.with_changes(**changes)
        try:
            save_settings(self.paths.settings_file, new)
        except OSError as exc:
            raise DjdeskError(
                f"无法保存设置文件“{self.paths.settings_file}”：{exc.strerror or exc}。"
            ) from exc
        self.settings = new
        log.info("settings changed: %s", ", ".join(sorted(changes)))
        self.events.settings_changed.emit(new)
        return new

    def replace_database(self, db: Database) -> None:
        """Continue on ``db`` (after a restore) and tell every window about it."""
        self.db = db
        self.events.database_replaced.emit(db)
