"""审计日志: lazy paging, filters, and the Excel export."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QFileDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from djdesk.actor import Actor, Role
from djdesk.db.audit import record_event
from djdesk.errors import AuthenticationError
from djdesk.services.accounts.audit import HEADERS, AuditFilter, count_entries
from djdesk.services.accounts.users import login
from djdesk.services.site.identity import SiteInfo
from djdesk.services.store import Database
from djdesk.ui.accounts.audit_model import AuditModel
from djdesk.ui.accounts.audit_page import AuditPage
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.tasks import SynchronousTaskRunner
from tests.ui.conftest import ADMIN_PASSWORD


def add_print_entries(db: Database, actor: Actor, n: int) -> None:
    with db.unit_of_work(actor) as session:
        for i in range(n):
            record_event(
                session, "print", table="issued_serial", uid=f"S{i:04d}", summary=f"第{i}份"
            )


@pytest.fixture
def page(qtbot: QtBot, ctx: UiContext, site: SiteInfo, admin: Actor) -> AuditPage:
    login(ctx.db, "admin", ADMIN_PASSWORD)
    with pytest.raises(AuthenticationError):
        login(ctx.db, "admin", "Wrong12345")
    ctx.actor = admin
    widget = AuditPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def column(page: AuditPage, col: int) -> list[str]:
    model = page.model
    return [model.index(r, col).data() for r in range(model.rowCount())]


def test_entries_are_listed_newest_first(page: AuditPage, qtmodeltester: ModelTester) -> None:
    qtmodeltester.check(page.model)
    headers = [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(7)]
    assert headers == ["时间", "用户", "操作", "数据表", "记录", "变更内容", "说明"]
    actions = column(page, AuditModel.COL_ACTION)
    # The failed login (with its counter update) comes before the successful one.
    assert actions.index("登录失败") < actions.index("登录")
    assert "新增" in actions  # the site and the account
    times = column(page, AuditModel.COL_AT)
    assert times == sorted(times, reverse=True)
    assert page.count_label.text() == f"共 {page.model.total()} 条"
    tables = column(page, AuditModel.COL_TABLE)
    assert "站点信息" in tables
    assert "用户账户" in tables


def test_long_logs_are_fetched_in_pages(
    page: AuditPage, ctx: UiContext, admin: Actor, qtmodeltester: ModelTester
) -> None:
    add_print_entries(ctx.db, admin, 450)
    page.refresh()
    model = page.model
    total = model.total()
    assert total > 450
    assert model.rowCount() == AuditModel.PAGE_SIZE
    assert model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2 * AuditModel.PAGE_SIZE
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert model.rowCount() == total
    ids = [model.row_at(r).id for r in range(model.rowCount())]  # type: ignore[union-attr]
    assert len(set(ids)) == total
    qtmodeltester.check(model)


def test_new_entries_while_scrolling_are_not_shown_twice(
    page: AuditPage, ctx: UiContext, admin: Actor
) -> None:
    add_print_entries(ctx.db, admin, 250)
    page.refresh()
    add_print_entries(ctx.db, admin, 5)  # written after the first page was read
    page.model.fetchMore(QModelIndex())
    ids = [page.model.row_at(r).id for r in range(page.model.rowCount())]  # type: ignore[union-attr]
    assert len(ids) == len(set(ids))


def test_filters(page: AuditPage, ctx: UiContext, admin: Actor) -> None:
    add_print_entries(ctx.db, admin, 3)
    page.refresh()
    labels = [page.action_combo.itemText(i) for i in range(page.action_combo.count())]
    assert labels[0] == "全部"
    assert {"登录", "登录失败", "打印", "新增"} <= set(labels)
    table_labels = [page.table_combo.itemText(i) for i in range(page.table_combo.count())]
    assert {"站点信息", "用户账户", "文书编号"} <= set(table_labels)

    page.set_filter_value(page.action_combo, "login_failed")
    assert column(page, AuditModel.COL_ACTION) == ["登录失败"]
    assert page.count_label.text() == "共 1 条"

    page.set_filter_value(page.action_combo, "")
    page.set_filter_value(page.table_combo, "issued_serial")
    assert column(page, AuditModel.COL_ACTION) == ["打印"] * 3
    assert column(page, AuditModel.COL_RECORD) == ["S0002", "S0001", "S0000"]

    page.set_filter_value(page.user_combo, "admin")
    assert page.model.rowCount() == 3
    system = Actor.system().username
    page.set_filter_value(page.user_combo, system)
    assert page.model.rowCount() == 0
    assert not page.export_button.isEnabled()

    page.clear_filter()
    everything = page.model.total()
    assert everything == count_entries(ctx.db, admin, AuditFilter())
    today = datetime.now(ZoneInfo(ctx.settings.timezone)).date()  # the site's day, not the host's
    tomorrow, yesterday = today + timedelta(days=1), today - timedelta(days=1)
    page.start_edit.setText(f"{tomorrow:%Y%m%d}")  # typed: the list follows on leaving
    page.start_edit.editingFinished.emit()
    assert page.model.rowCount() == 0
    page.start_edit.setText("2024-02-30")
    page.start_edit.editingFinished.emit()
    assert "没有 30 日" in page.date_problem.text() and page.model.rowCount() == 0
    page.start_edit.set_value(yesterday)
    page.start_edit.editingFinished.emit()
    page.end_edit.set_value(tomorrow)
    page.end_edit.editingFinished.emit()
    assert page.date_problem.text() == "" and page.model.total() == everything
    flt = page.current_filter()
    assert flt.start == yesterday
    assert flt.end == tomorrow


def test_export_writes_the_filtered_entries(
    page: AuditPage, ctx: UiContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[str] = []

    def choose(parent: object, title: str, suggested: str, *rest: object) -> tuple[str, str]:
        asked.append(suggested)
        return str(tmp_path / "审计导出"), str(rest[0])

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(choose))
    page.set_filter_value(page.table_combo, "user_account")
    expected = page.model.total()
    page.export_button.click()

    assert asked[0].endswith(".xlsx")
    out = tmp_path / "审计导出.xlsx"
    assert page.last_export == out
    assert isinstance(ctx.tasks, SynchronousTaskRunner)
    assert ctx.tasks.titles == ["导出审计日志"]
    sheet = load_workbook(out, read_only=True).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == HEADERS
    assert len(rows) == expected + 1
    assert {r[3] for r in rows[1:]} == {"用户账户"}
    assert page.export_box is not None
    assert "已导出" in page.export_box.text()
    # The export is itself recorded, and the page shows it.
    page.set_filter_value(page.table_combo, "audit_log")
    assert column(page, AuditModel.COL_ACTION) == ["导出"]


def test_cancelled_save_dialog_exports_nothing(
    page: AuditPage, ctx: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: ("", "")))
    page.export()
    assert page.last_export is None
    assert isinstance(ctx.tasks, SynchronousTaskRunner)
    assert ctx.tasks.titles == []


def test_only_administrators_may_open_it(
    qtbot: QtBot, ctx: UiContext, make_user: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        "djdesk.ui.accounts.audit_page.show_error",
        lambda exc, parent=None: shown.append(exc.message),
    )
    ctx.actor = Actor("viewer", "查看小李", Role.VIEWER, 99)
    widget = AuditPage(ctx)
    qtbot.addWidget(widget)
    assert widget.model.rowCount() == 0
    assert "无权查看审计日志" in shown[0]
