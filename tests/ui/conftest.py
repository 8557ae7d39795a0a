"""Fixtures for the Qt tests: the house look applied once, a UI context over the test database,
a main window, and guards so no test opens a real file manager or PDF viewer."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from djdesk.actor import Actor, Role
from djdesk.paths import AppPaths
from djdesk.services.site.identity import SiteInfo
from djdesk.services.store import Database
from djdesk.settings import Settings
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.tasks import SynchronousTaskRunner
from djdesk.ui.main_window import MainWindow


@pytest.fixture(scope="session", autouse=True)
def house_style(qapp: QApplication) -> None:
    """Font, translations and style sheet, as the application sets them up."""
    from djdesk.app import prepare_application

    prepare_application(qapp, Settings())


@pytest.fixture(autouse=True)
def opened_urls(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Files and folders the UI asked the desktop to open (nothing is really opened)."""
    opened: list[Path] = []

    def fake_open(url: QUrl) -> bool:
        opened.append(Path(url.toLocalFile()))
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(fake_open))
    return opened


@pytest.fixture(autouse=True)
def _drop_djdesk_log_handlers() -> Iterator[None]:
    """``run_gui`` configures logging; take its handlers away again after each test."""
    yield
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_djdesk", False):
            root.removeHandler(handler)
            handler.close()


@pytest.fixture
def tasks() -> SynchronousTaskRunner:
    return SynchronousTaskRunner()


@pytest.fixture
def ctx(db: Database, paths: AppPaths, site: SiteInfo, tasks: SynchronousTaskRunner) -> UiContext:
    """A UI context over the test database with the sample site and an inline task runner."""
    return UiContext(db=db, paths=paths, tasks=tasks, actor=Actor.system())


@pytest.fixture
def main_window(qtbot: QtBot, ctx: UiContext) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


# -- staff accounts (login, roles, idle lock, account pages) -----------------------------------

ADMIN_PASSWORD = "Dongfeng2024"
STAFF_PASSWORD = "Qianta1357"


@pytest.fixture
def admin(db: Database) -> Actor:
    """The first administrator, ``admin`` / :data:`ADMIN_PASSWORD` (王管理)."""
    from djdesk.services.accounts.users import create_first_admin

    return create_first_admin(db, "admin", "王管理", ADMIN_PASSWORD)


@pytest.fixture
def make_user(db: Database, admin: Actor) -> Callable[..., Actor]:
    """Create an account (by ``admin``) and return it as an :class:`Actor`.

    New accounts must change their password at first login; pass ``settled=True`` to have
    that done already (the password stays :data:`STAFF_PASSWORD`).
    """
    from djdesk.services.accounts.users import create_user
    from djdesk.services.accounts.users import login as login_user

    def make(username: str, display_name: str, role: Role, *, settled: bool = True) -> Actor:
        info = create_user(
            db,
            admin,
            username=username,
            display_name=display_name,
            role=role,
            password="Temp0rary9" if settled else STAFF_PASSWORD,
        )
        if settled:
            from djdesk.services.accounts.users import change_own_password

            actor = Actor(info.username, info.display_name, info.role, info.id)
            change_own_password(db, actor, "Temp0rary9", STAFF_PASSWORD)
        return login_user(db, username, STAFF_PASSWORD)

    return make
