"""Fixtures of the rooms screens' tests: the sample site with its default rooms, a clerk's and
an administrator's context, a day the rooms are open, and message boxes that never block."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtWidgets import QMessageBox

from djdesk.paths import AppPaths
from djdesk.services.rooms.calendar import centre_now, day_kind
from djdesk.services.rooms.rooms import ensure_default_rooms
from djdesk.services.rooms.types import DayKind
from djdesk.services.site.identity import SiteInfo
from djdesk.services.store import Database
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.tasks import SynchronousTaskRunner
from tests.helpers.rooms import ADMIN, CLERK


def open_day(ahead: int = 3, *, weekday: bool = True) -> date:
    """A day ``ahead`` days or more from today that is an ordinary working day (rooms open)."""
    day = centre_now().date() + timedelta(days=ahead)
    while day_kind(day)[0] is not DayKind.WORKDAY or (weekday and day.weekday() > 4):
        day += timedelta(days=1)
    return day


@pytest.fixture
def rooms_ready(db: Database, site: SiteInfo) -> Database:
    ensure_default_rooms(db, actor=ADMIN)
    return db


@pytest.fixture
def clerk_ctx(rooms_ready: Database, paths: AppPaths) -> UiContext:
    return UiContext(db=rooms_ready, paths=paths, tasks=SynchronousTaskRunner(), actor=CLERK)


@pytest.fixture
def admin_ctx(rooms_ready: Database, paths: AppPaths) -> UiContext:
    return UiContext(db=rooms_ready, paths=paths, tasks=SynchronousTaskRunner(), actor=ADMIN)


@pytest.fixture(autouse=True)
def warnings_shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Texts of the warning boxes the screens showed (none is really opened)."""
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _parent, _title, text, *a: shown.append(text))
    )
    return shown
