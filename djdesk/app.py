"""Start-up of the desktop application: Qt set-up, database, first-run dialog, main window.

:func:`run_gui` is what ``djdesk`` with no sub-command calls. Failures a clerk can act on (a data
folder that cannot be written, a damaged database, one written by a newer djdesk) end in a
message box with the reason in Chinese and exit code 1; anything else is a bug and reaches the
crash dialog through ``sys.excepthook``.

``smoke_test=True`` (``djdesk --smoke-test``, used by install checks and CI without a display)
opens the main window and quits at once: no dialog may block, so messages go to stderr, the
first-run dialog is skipped, and any uncaught exception makes the exit code 1.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from djdesk import APP_NAME, APP_TITLE, __version__
from djdesk.actor import Actor
from djdesk.db.session import Database
from djdesk.db.startup import open_database
from djdesk.errors import DjdeskError
from djdesk.logs import setup_logging
from djdesk.paths import AppPaths
from djdesk.services.site import get_site
from djdesk.settings import Settings, load_settings

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_REFUSED = 1


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (an existing one is reused, e.g. under pytest-qt)."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    QCoreApplication.setApplicationName(APP_NAME)
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setApplicationDisplayName(APP_TITLE)
    QGuiApplication.setDesktopFileName(APP_NAME)
    return QApplication(argv if argv is not None else sys.argv[:1])


def prepare_application(app: QApplication, settings: Settings) -> None:
    """Chinese standard strings, the bundled font and the house style."""
    from djdesk.ui.theme import apply_style, install_font, install_translations

    install_translations(app)
    family = install_font(app, settings.ui_font_point_size)
    apply_style(app)
    log.info("UI font %s %dpt", family, settings.ui_font_point_size)


SMOKE_TEST_QUIT_AFTER_MS = 300


def _refuse(message: str, *, smoke_test: bool = False) -> int:
    log.error("start-up refused: %s", message)
    if smoke_test:
        print(f"错误：{message}", file=sys.stderr)
    else:
        QMessageBox.critical(None, f"{APP_TITLE} — 无法启动", message)
    return EXIT_REFUSED


def _end_smoke_test(app: QApplication, window: QWidget) -> None:
    # Quit explicitly; closing the last window would also post a Quit event that could
    # outlive this event loop (and end the next one at once when run_gui is called in tests).
    quit_on_close = app.quitOnLastWindowClosed()
    app.setQuitOnLastWindowClosed(False)
    window.close()
    app.setQuitOnLastWindowClosed(quit_on_close)
    app.quit()


def _first_run(db: Database, actor: Actor) -> bool:
    """Show the first-run dialog when no site is configured; ``False`` if the clerk cancelled."""
    if get_site(db) is not None:
        return True
    from djdesk.ui.dialogs.site_dialog import SiteDialog

    dialog = SiteDialog(db, actor=actor)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return True
    log.info("first-run set-up cancelled; exiting without a site")
    return False


def run_gui(data_dir: str | None, *, smoke_test: bool = False) -> int:
    """Open the application on ``data_dir`` (or the default data folder); the exit code."""
    from djdesk.ui.context import UiContext
    from djdesk.ui.diagnostics import install_excepthook, install_qt_message_handler
    from djdesk.ui.main_window import MainWindow
    from djdesk.ui.tasks import TaskRunner

    app = create_application()
    paths = AppPaths.resolve(data_dir)
    try:
        paths.ensure()
    except DjdeskError as exc:
        return _refuse(exc.message, smoke_test=smoke_test)

    setup_logging(paths.log_file)
    install_qt_message_handler()
    hook = install_excepthook(paths.log_file, interactive=not smoke_test)
    settings = load_settings(paths.settings_file)
    prepare_application(app, settings)
    log.info("djdesk %s starting, data folder %s", __version__, paths.data_dir)

    try:
        db = open_database(paths)
    except DjdeskError as exc:
        return _refuse(exc.message, smoke_test=smoke_test)

    # No login dialog yet: the operating-system user acts, as on the command line.
    actor = Actor.system()
    tasks = TaskRunner(app)
    try:
        if smoke_test:
            log.info("smoke test: the window opens and closes by itself")
        elif not _first_run(db, actor):
            return EXIT_OK
        ctx = UiContext(db=db, paths=paths, tasks=tasks, actor=actor, settings=settings)
        window = MainWindow(ctx)
        window.show()
        if smoke_test:
            QTimer.singleShot(SMOKE_TEST_QUIT_AFTER_MS, lambda: _end_smoke_test(app, window))
        code = int(app.exec())
        if hook.failures:
            code = code or EXIT_REFUSED
        log.info("djdesk closing (exit code %s)", code)
        return code
    finally:
        tasks.shutdown()
        db.dispose()
