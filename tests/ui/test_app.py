"""Start-up: refusals end in a message box and exit code 1, the first-run dialogs (site, then
first administrator) come first, the smoke test opens and closes the window by itself.

Login, forced password change and the single-instance hand-over are in ``test_login.py`` and
``test_single_instance.py``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from djdesk import app as app_module
from djdesk.actor import Role
from djdesk.paths import AppPaths
from djdesk.services.accounts.users import has_users
from djdesk.services.site.identity import SiteInfo, get_site
from djdesk.services.store import Database
from djdesk.ui import diagnostics
from djdesk.ui.accounts.first_admin_dialog import FirstAdminDialog
from djdesk.ui.main_window import MainWindow
from djdesk.ui.site.site_dialog import SiteDialog
from tests.conftest import SAMPLE_SITE


@pytest.fixture(autouse=True)
def _contain_run_gui(monkeypatch: pytest.MonkeyPatch) -> None:
    """run_gui installs process-wide hooks; keep them inside each test."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    # Keep pytest-qt's own Qt message capture in place (it fails tests on Qt warnings).
    monkeypatch.setattr(diagnostics, "install_qt_message_handler", lambda: None)


@pytest.fixture
def criticals(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda parent, title, text, *a: shown.append(text))
    )
    return shown


def test_corrupt_database_opens_the_recovery_window(
    paths: AppPaths, criticals: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from djdesk.ui.accounts.damage import RecoveryDialog

    shown: list[str] = []

    def leave(dialog: RecoveryDialog) -> QDialog.DialogCode:
        shown.append(dialog.banner.detail.text())
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(RecoveryDialog, "exec", leave)
    paths.ensure()
    paths.database_file.write_bytes(b"this is not a database" * 10)
    assert app_module.run_gui(str(paths.data_dir)) == 1
    assert criticals == []
    assert len(shown) == 1 and "已损坏" in shown[0] and str(paths.database_file) in shown[0]
    assert paths.database_file.read_bytes().startswith(b"this is not")


def test_unusable_data_folder_is_refused(tmp_path: Path, criticals: list[str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    assert app_module.run_gui(str(blocker / "data")) == 1
    assert "无法创建数据文件夹" in criticals[0]


def test_smoke_test_prints_instead_of_a_box(
    paths: AppPaths, criticals: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    paths.ensure()
    paths.database_file.write_bytes(b"garbage" * 20)
    assert app_module.run_gui(str(paths.data_dir), smoke_test=True) == 1
    assert criticals == []
    assert "自检未通过：" in capsys.readouterr().err


def test_cancelled_first_run_exits_without_a_site(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[MainWindow] = []
    monkeypatch.setattr(SiteDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    monkeypatch.setattr(MainWindow, "show", lambda self: built.append(self))
    assert app_module.run_gui(str(paths.data_dir)) == 0
    assert built == []
    database = Database(paths.database_url())
    try:
        assert get_site(database) is None
    finally:
        database.dispose()


def test_first_run_then_main_window(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    order: list[str] = []

    def fill_and_accept(dialog: SiteDialog) -> int:
        order.append("first-run")
        dialog.form.set_value(SAMPLE_SITE)
        dialog.accept()
        return dialog.result()

    shown: list[MainWindow] = []

    def record_show(window: MainWindow) -> None:
        order.append("main-window")
        qtbot.addWidget(window)
        shown.append(window)

    def create_admin(dialog: FirstAdminDialog) -> int:
        order.append("first-admin")
        dialog.line_edits["username"].setText("admin")
        dialog.line_edits["display_name"].setText("王管理")
        dialog.line_edits["password"].setText("Dongfeng2024")
        dialog.line_edits["confirm"].setText("Dongfeng2024")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(SiteDialog, "exec", fill_and_accept)
    monkeypatch.setattr(FirstAdminDialog, "exec", create_admin)
    monkeypatch.setattr(MainWindow, "show", record_show)
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    assert app_module.run_gui(str(paths.data_dir)) == 0
    assert order == ["first-run", "first-admin", "main-window"]
    window = shown[0]
    assert window.windowTitle().endswith(SAMPLE_SITE.short_name)
    assert window.ctx.actor.username == "admin"
    assert window.ctx.actor.role is Role.ADMIN
    assert "王管理" in window.status_user.text()
    assert paths.log_file.exists()


def test_cancelled_first_admin_exits(
    paths: AppPaths, site: SiteInfo, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(FirstAdminDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    monkeypatch.setattr(MainWindow, "show", lambda self: pytest.fail("window shown"))
    assert app_module.run_gui(str(paths.data_dir)) == 0
    assert not has_users(db)


def test_smoke_test_opens_and_closes_the_window(paths: AppPaths, site: SiteInfo) -> None:
    # No account exists and no dialog may block: the operating-system user acts.
    assert app_module.run_gui(str(paths.data_dir), smoke_test=True) == 0
    log_text = paths.log_file.read_text(encoding="utf-8")
    assert "starting" in log_text
    assert "exit code 0" in log_text
    assert not list(paths.backup_dir.glob("*-daily.sqlite3"))  # no daily backup in a smoke test


def test_application_is_set_up_in_chinese(qapp: QApplication) -> None:
    app_module.prepare_application(qapp, app_module.Settings(ui_font_point_size=12))
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    font = QGuiApplication.font()
    assert font.family() == "WenQuanYi Micro Hei"
    assert font.pointSize() == 12
    app_module.prepare_application(qapp, app_module.Settings())


def test_configured_site_skips_first_run(
    paths: AppPaths, site: SiteInfo, monkeypatch: pytest.MonkeyPatch, qtbot: QtBot
) -> None:
    monkeypatch.setattr(SiteDialog, "exec", lambda self: pytest.fail("first-run dialog shown"))
    monkeypatch.setattr(FirstAdminDialog, "exec", lambda self: QDialog.DialogCode.Rejected)
    monkeypatch.setattr(MainWindow, "show", lambda self: qtbot.addWidget(self))
    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    assert app_module.run_gui(str(paths.data_dir)) == 0
