"""What every window and page is given: the database handle, paths, settings, task runner, events.

Pages receive one :class:`UiContext` from the main window instead of reaching for globals, so a
test can build a window on a temporary database with a synchronous task runner.

:class:`AppEvents` carries the one change notice. After a service call changed records, the
screen that called it says so with :meth:`UiContext.notify` (``ctx.notify("unit", unit.id)``):
a :class:`Change` with the kind of record — a counted table's key such as ``"member"``,
``"checkin"``, ``"unit"``, ``"grid"``, ``"service_post"``, ``"user_account"``,
``"issued_serial"`` or ``"site"`` — and the ids concerned (none: some records of that kind).
Pages subscribe with :func:`watch_changes` to the kinds they show and refresh, with no polling.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from djdesk.actor import ADMINS, WRITERS, Actor
from djdesk.errors import DjdeskError
from djdesk.paths import AppPaths
from djdesk.services.store import Database
from djdesk.settings import Settings, save_settings
from djdesk.ui.common.tasks import TaskRunnerLike

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Change:
    """Records of one kind changed: the kind (a counted table's key) and the ids, if known."""

    kind: str
    ids: tuple[int, ...] = ()


class AppEvents(QObject):
    """Application-wide notices, emitted on the main thread after a service call succeeded."""

    #: Records changed; carries a :class:`Change`. Emitted through :meth:`UiContext.notify`.
    changed = Signal(object)
    #: Someone asked to bring a page to the front (an overview tile); carries the page key.
    page_requested = Signal(str)
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

    def notify(self, kind: str, *ids: int) -> Change:
        """Tell every page that records of ``kind`` (with these ids) changed."""
        change = Change(kind, tuple(ids))
        log.debug("changed: %s %s", kind, ids or "")
        self.events.changed.emit(change)
        return change

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


class ChangeWatcher(QObject):
    """Calls ``handler(change)`` for the changes of the given kinds (every kind when ``None``).

    It lives as a child of the widget that watches, so the subscription ends with the widget.
    """

    def __init__(
        self,
        events: AppEvents,
        kinds: Iterable[str] | None,
        handler: Callable[[Change], object],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self.kinds = frozenset(kinds) if kinds is not None else None
        self._handler = handler
        events.changed.connect(self._on_changed)

    @Slot(object)
    def _on_changed(self, change: Change) -> None:
        if self.kinds is None or change.kind in self.kinds:
            self._handler(change)


def watch_changes(
    ctx: UiContext,
    kinds: Iterable[str] | None,
    handler: Callable[[Change], object],
    parent: QObject,
) -> ChangeWatcher:
    """Subscribe ``parent`` to changes of ``kinds`` (``None``: all); see :class:`ChangeWatcher`."""
    return ChangeWatcher(ctx.events, kinds, handler, parent)
