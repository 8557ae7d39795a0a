"""Fixtures of the 服务事项 screen tests: a clerk at the counter, warnings collected, pages."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from djdesk.actor import Actor, Role
from djdesk.ui.cases.counter_page import CaseCounterPage
from djdesk.ui.cases.records_page import CaseRecordsPage
from djdesk.ui.common.context import UiContext


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts of warning boxes (none really opens)."""
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: shown.append(text))
    )
    return shown


@pytest.fixture
def clerk(ctx: UiContext, make_user: Callable[..., Actor]) -> UiContext:
    """The context with 张敏 (前台) logged in: she handles the cases she registers."""
    ctx.actor = make_user("zhangmin", "张敏", Role.CLERK)
    return ctx


@pytest.fixture
def counter(qtbot: QtBot, clerk: UiContext, warnings: list[str]) -> CaseCounterPage:
    page = CaseCounterPage(clerk)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()  # dialogs opened from it take the keyboard, as at the counter
    qtbot.waitActive(page)
    return page


@pytest.fixture
def records(qtbot: QtBot, clerk: UiContext, warnings: list[str]) -> CaseRecordsPage:
    page = CaseRecordsPage(clerk)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    qtbot.waitExposed(page)
    return page
