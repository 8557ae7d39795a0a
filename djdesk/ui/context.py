"""What every window and page is given: the database handle, paths, settings, task runner, events.

Pages receive one :class:`UiContext` from the main window instead of reaching for globals, so a
test can build a window on a temporary database with a synchronous task runner.
:class:`AppEvents` is the UI-side change notice: a page that changes data emits it, and the
pages that show that data refresh, with no polling.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from djdesk.actor import Actor
from djdesk.db.session import Database
from djdesk.paths import AppPaths
from djdesk.settings import Settings
from djdesk.ui.tasks import TaskRunnerLike


class AppEvents(QObject):
    """Application-wide notices, emitted on the main thread after a service call succeeded."""

    #: The site identity was saved; carries the new :class:`~djdesk.services.site.SiteInfo`.
    site_changed = Signal(object)
    #: Records of some area changed; carries the area key (e.g. ``"issued_serial"``).
    data_changed = Signal(str)


@dataclass
class UiContext:
    """Shared handles for one open main window."""

    db: Database
    paths: AppPaths
    tasks: TaskRunnerLike
    #: Who is working; every write service is called with it. Until the login dialog exists
    #: this is the operating-system user (an administrator), as for the command line.
    actor: Actor = field(default_factory=Actor.system)
    settings: Settings = field(default_factory=Settings)
    events: AppEvents = field(default_factory=AppEvents)
