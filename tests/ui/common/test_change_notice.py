"""The one change notice: ``ctx.notify(kind, *ids)`` emits a :class:`Change`; pages refresh
for the kinds they show and ignore the others; a subscription ends with its widget."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import shiboken6
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from djdesk.services.checkin.grids import save_grid
from djdesk.services.checkin.units import UnitInput
from djdesk.ui.checkin.checkin_page import CheckInPage
from djdesk.ui.checkin.grids_page import GridsPage
from djdesk.ui.checkin.members_page import MembersPage
from djdesk.ui.checkin.unit_dialog import UnitDialog
from djdesk.ui.checkin.units_page import UnitsPage
from djdesk.ui.common.context import Change, UiContext, watch_changes


def test_notify_emits_the_kind_and_ids(ctx: UiContext, qtbot: QtBot) -> None:
    with qtbot.waitSignal(ctx.events.changed) as signal:
        change = ctx.notify("unit", 3, 5)
    assert signal.args == [Change("unit", (3, 5))] and change == Change("unit", (3, 5))


def test_a_watcher_sees_only_its_kinds_and_ends_with_its_widget(
    ctx: UiContext, qtbot: QtBot
) -> None:
    seen: list[Change] = []
    everything: list[Change] = []
    owner = QWidget()
    watch_changes(ctx, ("member", "checkin"), seen.append, owner)
    watch_changes(ctx, None, everything.append, owner)
    ctx.notify("member", 1)
    ctx.notify("grid")
    ctx.notify("checkin", 2)
    assert seen == [Change("member", (1,)), Change("checkin", (2,))]
    assert [c.kind for c in everything] == ["member", "grid", "checkin"]
    owner.deleteLater()
    qtbot.waitUntil(lambda: _deleted(owner))
    ctx.notify("member", 3)  # nothing left to call, and no error
    assert len(seen) == 2


def _deleted(widget: QWidget) -> bool:
    return not shiboken6.isValid(widget)


def counting(monkeypatch: pytest.MonkeyPatch, target: str) -> list[int]:
    """Count the calls of a service function a page reloads with (it still runs)."""
    module_name, name = target.rsplit(".", 1)
    module = __import__(module_name, fromlist=[name])
    real: Callable[..., Any] = getattr(module, name)
    calls: list[int] = []

    def counted(*args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return calls


@pytest.mark.parametrize(
    ("factory", "service", "relevant", "unrelated"),
    [
        (UnitsPage, "djdesk.ui.checkin.units_page.list_units", "checkin", "user_account"),
        (GridsPage, "djdesk.ui.checkin.grids_page.list_posts", "service_post", "member"),
        (MembersPage, "djdesk.ui.checkin.member_list_model.count_members", "checkin", "site"),
        (CheckInPage, "djdesk.ui.checkin.checkin_page.search_members", "unit", "issued_serial"),
    ],
)
def test_pages_refresh_for_the_kinds_they_show_only(
    qtbot: QtBot,
    ctx: UiContext,
    monkeypatch: pytest.MonkeyPatch,
    factory: Callable[[UiContext], QWidget],
    service: str,
    relevant: str,
    unrelated: str,
) -> None:
    page = factory(ctx)
    qtbot.addWidget(page)
    if isinstance(page, CheckInPage):
        page.search_box.setText("张")  # the counter searches again only for a query
    calls = counting(monkeypatch, service)
    ctx.notify(unrelated)
    assert calls == []
    ctx.notify(relevant)
    assert calls == [1]


def test_saving_a_unit_notifies_its_kind_and_id(qtbot: QtBot, ctx: UiContext) -> None:
    dialog = UnitDialog(ctx, initial=UnitInput(name="宜宾市翠屏区税务局", category=4))
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(ctx.events.changed) as signal:
        dialog.accept()
    assert dialog.saved_unit is not None
    assert signal.args == [Change("unit", (dialog.saved_unit.id,))]


def test_a_change_made_elsewhere_shows_once_announced(qtbot: QtBot, ctx: UiContext) -> None:
    page = GridsPage(ctx)
    qtbot.addWidget(page)
    before = page.grids_model.rowCount()
    grid = save_grid(ctx.db, name="东风三网格", actor=ctx.actor)  # saved elsewhere
    assert page.grids_model.rowCount() == before
    ctx.notify("grid", grid.id)
    assert page.grids_model.rowCount() == before + 1
