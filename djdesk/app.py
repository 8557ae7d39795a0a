"""Start-up of the desktop application.

:func:`run_gui` is what ``djdesk`` with no sub-command calls. In order:

1. Qt, logging and the house style; then the data folder's lock. If another djdesk already has
   the folder open, its window is asked to come to the front (local socket, see
   :mod:`djdesk.ui.single_instance`) and this start ends with exit code 0.
2. The database (migrated, with a copy taken first). A damaged one opens the recovery
   window (:mod:`djdesk.ui.accounts.damage`) instead; start-up goes on once it is restored.
3. First run: the site dialog, then the first administrator (who is logged in by it).
4. Otherwise the login dialog; a user whose password was created or reset by an administrator
   must choose a new one before the window opens.
5. The main window; today's automatic backup runs in the background once it is shown.

Failures a clerk can act on (a data folder that cannot be written, a damaged database, one
written by a newer djdesk) end in a message box with the reason in Chinese and exit code 1;
anything else is a bug and reaches the crash dialog through ``sys.excepthook``.

``smoke_test=True`` (``djdesk --smoke-test``, used by install checks and CI without a display)
opens the main window and quits at once: no dialog may block, so messages go to stderr, the
first-run and login dialogs are skipped (the operating-system user acts, as on the command
line), and no daily backup is taken. It ends with one line: ``自检通过：…`` on stdout and exit
code 0, or ``自检未通过：<reason>`` on stderr and exit code 1 (a refused start, any uncaught
exception, a non-zero event loop).
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

from djdesk import APP_NAME, APP_TITLE, __version__
from djdesk.actor import Actor
from djdesk.errors import DjdeskError, InstanceLockedError
from djdesk.instance import InstanceLock
from djdesk.logs import setup_logging
from djdesk.paths import AppPaths
from djdesk.services.accounts.users import get_user, has_users
from djdesk.services.site.identity import get_site
from djdesk.services.store import Database, open_database
from djdesk.settings import Settings, load_settings

if TYPE_CHECKING:
    from djdesk.ui.common.context import UiContext

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_REFUSED = 1
ALREADY_RUNNING = "djdesk 已在运行，已切换到已打开的窗口。"


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


#: Set on the QApplication once translations and the style sheet are installed.
_PREPARED = "djdesk_prepared"


def prepare_application(app: QApplication, settings: Settings) -> None:
    """Chinese standard strings, the bundled font and the house style.

    A reused QApplication (tests, a second ``run_gui``) only gets the font again: installing
    the translators twice would stack them, and setting the style again re-polishes every
    widget that exists for nothing.
    """
    from djdesk.ui.common.theme import apply_style, install_font, install_translations

    first = not app.property(_PREPARED)
    if first:
        install_translations(app)
    family = install_font(app, settings.ui_font_point_size)
    if first:
        apply_style(app)
        app.setProperty(_PREPARED, True)
    log.info("UI font %s %dpt", family, settings.ui_font_point_size)


SMOKE_TEST_QUIT_AFTER_MS = 300


SMOKE_TEST_FAILED = "自检未通过："


def smoke_test_passed_line() -> str:
    """What a passed self-check prints (names the Qt platform, e.g. offscreen)."""
    return f"自检通过：主窗口已在 {QGuiApplication.platformName()} 模式下打开并关闭。"


def _refuse(message: str, *, smoke_test: bool = False) -> int:
    log.error("start-up refused: %s", message)
    if smoke_test:
        print(f"{SMOKE_TEST_FAILED}{message}", file=sys.stderr)
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


def _first_run(paths: AppPaths, db: Database, actor: Actor) -> bool:
    """Show the first-run dialog when no site is configured; ``False`` if the clerk cancelled."""
    if get_site(db) is not None:
        return True
    from djdesk.ui.site.site_dialog import SiteDialog

    dialog = SiteDialog(paths, db, actor=actor)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return True
    log.info("first-run set-up cancelled; exiting without a site")
    return False


def _already_running(paths: AppPaths, error: InstanceLockedError, *, smoke_test: bool) -> int:
    """Another djdesk holds the data folder: bring its window up, or explain and refuse."""
    from djdesk.ui.single_instance import notify_running_instance

    if notify_running_instance(paths.data_dir):
        log.info("djdesk already running on %s; its window was asked to come up", paths.data_dir)
        if smoke_test:
            print(ALREADY_RUNNING, file=sys.stderr)
        else:
            QMessageBox.information(None, APP_TITLE, ALREADY_RUNNING)
        return EXIT_OK
    # The holder is not a window (e.g. a command-line import is writing): say who and why.
    return _refuse(error.message, smoke_test=smoke_test)


def _log_in(db: Database, paths: AppPaths) -> Actor | None:
    """First administrator or login dialog, then a forced password change if one is due.

    ``None`` when the user chose 退出 anywhere on the way.
    """
    from djdesk.ui.accounts.login_dialog import LoginDialog, remember_username, remembered_username
    from djdesk.ui.accounts.password_dialogs import ChangePasswordDialog

    password = ""
    if not has_users(db):
        from djdesk.ui.accounts.first_admin_dialog import FirstAdminDialog

        first = FirstAdminDialog(db)
        if first.exec() != QDialog.DialogCode.Accepted or first.actor is None:
            log.info("first administrator not created; exiting")
            return None
        actor = first.actor
    else:
        site = get_site(db)
        dialog = LoginDialog(
            db,
            username=remembered_username(paths),
            site_name=site.short_name if site is not None else "",
        )
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.actor is None:
            log.info("login cancelled; exiting")
            return None
        actor, password = dialog.actor, dialog.typed_password()
    remember_username(paths, actor.username)
    if actor.user_id is not None and get_user(db, actor.user_id).must_change_password:
        change = ChangePasswordDialog(db, actor, forced=True, current_password=password or None)
        if change.exec() != QDialog.DialogCode.Accepted:
            log.info("required password change not made; exiting")
            return None
    return actor


def start_daily_backup(ctx: UiContext, window: QWidget, notify: Callable[[str], None]) -> bool:
    """Take today's automatic backup in the background if none exists yet; ``True`` if started.

    It is taken for the logged-in user (a 查看 user, who cannot change data, takes none).
    Success and warnings go to ``notify`` (the status bar); warnings and failures also to a
    message that does not block. A failure never stops the program.
    """
    from djdesk.services.accounts.backups import (
        BackupResult,
        backup_now,
        daily_backup_due,
        local_now,
    )
    from djdesk.ui.accounts.backup_panel import show_notice

    settings = ctx.settings
    now = local_now(settings.timezone)
    if not ctx.can_write:
        log.info("daily backup skipped: %s may not write", ctx.actor.username)
        return False
    if not daily_backup_due(ctx.paths, now):
        return False
    paths, db, actor = ctx.paths, ctx.db, ctx.actor

    def work(progress: Any, cancelled: Any) -> BackupResult:
        return backup_now(
            paths, db, actor, reason="daily", extra_dir=settings.extra_backup_dir, now=now
        )

    def done(result: BackupResult) -> None:
        log.info("daily backup %s", result.backup.path.name)
        if result.warnings:
            notify("今日自动备份已完成，但有提醒：" + " ".join(result.warnings))
            show_notice(
                window, QMessageBox.Icon.Warning, "自动备份提醒", "\n".join(result.warnings)
            )
        else:
            notify(f"今日自动备份已完成：{result.backup.path.name}")

    def failed(exc: BaseException) -> None:
        if isinstance(exc, DjdeskError):
            text = exc.message
            log.warning("daily backup failed: %s", text)
        else:
            text = f"发生意外错误（{type(exc).__name__}），详情见日志文件。"
            log.error("daily backup failed", exc_info=exc)
        notify("今日自动备份失败，请到“设置”页手动备份。")
        show_notice(window, QMessageBox.Icon.Warning, "自动备份失败", f"今日自动备份未完成：{text}")

    ctx.tasks.run_task(work, on_done=done, on_error=failed, title="每日自动备份", parent=window)
    return True


def run_gui(data_dir: str | None, *, smoke_test: bool = False) -> int:
    """Open the application on ``data_dir`` (or the default data folder); the exit code."""
    from djdesk.ui.diagnostics import install_excepthook, install_qt_message_handler

    app = create_application()
    paths = AppPaths.resolve(data_dir)
    try:
        paths.ensure()
    except DjdeskError as exc:
        return _refuse(exc.message, smoke_test=smoke_test)

    # A smoke test says its result in one line of its own; the log file has the details.
    setup_logging(paths.log_file, stderr=not smoke_test)
    install_qt_message_handler()
    hook = install_excepthook(paths.log_file, interactive=not smoke_test)
    if not smoke_test:
        from djdesk.ui.accounts.damage import show_expected_errors

        sys.excepthook = show_expected_errors(hook)
    settings = load_settings(paths.settings_file)
    prepare_application(app, settings)
    log.info("djdesk %s starting, data folder %s", __version__, paths.data_dir)

    lock = InstanceLock(paths.data_dir)
    try:
        lock.acquire(for_what="打开")
    except InstanceLockedError as exc:
        return _already_running(paths, exc, smoke_test=smoke_test)
    try:
        code = _run_locked(app, paths, settings, smoke_test=smoke_test)
    except Exception as exc:
        if not smoke_test:
            raise
        log.critical("smoke test failed", exc_info=exc)
        traceback.print_exc()
        code = _smoke_test_failed(f"发生意外错误（{type(exc).__name__}：{exc}）", paths)
    else:
        if hook.failures:
            code = code or EXIT_REFUSED
        # A refused start has printed its reason already (_refuse).
        if smoke_test and hook.failures:
            _smoke_test_failed(f"运行中发生 {hook.failures} 个意外错误（详情见上方）", paths)
        elif smoke_test and code == EXIT_OK:
            print(smoke_test_passed_line(), flush=True)
    finally:
        lock.release()
    log.info("djdesk closing (exit code %s)", code)
    return code


def _smoke_test_failed(reason: str, paths: AppPaths) -> int:
    print(f"{SMOKE_TEST_FAILED}{reason}。日志文件：{paths.log_file}", file=sys.stderr, flush=True)
    return EXIT_REFUSED


def _recover(
    paths: AppPaths, settings: Settings, db: Database, *, smoke_test: bool
) -> Database | None:
    """A damaged database: the recovery window until a backup is restored (``None``: quit)."""
    assert db.damage is not None
    log.error("start-up on a damaged database: %s", db.damage.message)
    restored: Database | None = None
    if not smoke_test:
        from djdesk.ui.accounts.damage import RecoveryDialog

        dialog = RecoveryDialog(paths, db, settings)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            restored = dialog.restored_db
    if restored is None:
        db.dispose()
        if smoke_test:
            _refuse(db.damage.message, smoke_test=True)
    return restored


def _run_locked(app: QApplication, paths: AppPaths, settings: Settings, *, smoke_test: bool) -> int:
    """Everything after the data folder's lock was taken; the exit code."""
    from djdesk.ui.common.context import UiContext
    from djdesk.ui.common.tasks import TaskRunner
    from djdesk.ui.main_window import MainWindow
    from djdesk.ui.single_instance import InstanceServer

    try:
        db = open_database(paths)
    except DjdeskError as exc:
        return _refuse(exc.message, smoke_test=smoke_test)
    if db.damage is not None:
        restored = _recover(paths, settings, db, smoke_test=smoke_test)
        if restored is None:
            return EXIT_REFUSED
        db = restored

    server = InstanceServer(paths.data_dir, app)
    server.listen()
    tasks = TaskRunner(app)
    ctx: UiContext | None = None
    backup_timer = QTimer(app)
    backup_timer.setSingleShot(True)
    try:
        if smoke_test:
            log.info("smoke test: the window opens and closes by itself")
            actor: Actor | None = Actor.system()
        else:
            actor = _log_in(db, paths) if _first_run(paths, db, Actor.system()) else None
        if actor is None:
            return EXIT_OK
        ctx = UiContext(db=db, paths=paths, tasks=tasks, actor=actor, settings=settings)
        window = MainWindow(ctx)
        server.window = window
        window.show()
        if smoke_test:
            QTimer.singleShot(SMOKE_TEST_QUIT_AFTER_MS, lambda: _end_smoke_test(app, window))
        else:
            # Once the event loop runs (the window is on screen), in the background.
            started_ctx = ctx
            backup_timer.timeout.connect(
                lambda: start_daily_backup(started_ctx, window, window.notify)
            )
            backup_timer.start(0)
        return int(app.exec())
    finally:
        backup_timer.stop()
        backup_timer.deleteLater()
        tasks.shutdown()
        server.close()
        server.deleteLater()
        # A restore replaces the database: close whichever one the window ended with.
        if ctx is not None and ctx.db is not db:
            ctx.db.dispose()
        db.dispose()
