"""事项清单 page: the three lists with item details, the versions, a diff between two, and loading
a newer version after a dry-run preview (administrators only)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from djdesk.actor import Actor, Role
from djdesk.services.cases.catalog_load import load_catalog_file
from djdesk.services.cases.catalog_query import current_catalog, list_versions
from djdesk.services.cases.types import CatalogKind
from djdesk.ui.cases import catalog_load
from djdesk.ui.cases.catalog_load import LoadPreviewDialog
from djdesk.ui.cases.catalog_models import CatalogItemsModel, DiffModel, VersionsModel
from djdesk.ui.cases.catalog_page import CatalogPage
from djdesk.ui.common.context import UiContext
from tests.helpers.cases_data import catalog_v2, write_catalog


@pytest.fixture
def page(qtbot: QtBot, ctx: UiContext, warnings: list[str]) -> CatalogPage:
    widget = CatalogPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_the_three_lists_and_an_item(qtbot: QtBot, page: CatalogPage) -> None:
    counts = [page.item_models[kind].rowCount() for kind in page.item_models]
    assert counts == [34, 37, 22]
    assert page.tabs.tabText(2) == "依法证明事项（22）"
    assert "第 1 版（示例目录" in page.header_label.text()
    page.tabs.setCurrentIndex(2)
    view = page.item_views[CatalogKind.CERTIFICATE]
    view.setCurrentIndex(page.item_models[CatalogKind.CERTIFICATE].index(4, 0))
    values = page.item_panel.values
    assert page.item_panel.title.text() == "ZM-05　亲属关系证明（仅限公证）"
    assert "民发〔2020〕20号" in values["legal_basis"].text()
    assert "公证机构出具的需社区协助核实的函" in values["materials"].text()
    assert values["time_limit"].text() == "5个工作日"
    assert "仅限公证" in values["certificate"].text()
    assert values["body"].text().startswith("兹证明［姓名］（［性别］")
    page.tabs.setCurrentIndex(3)
    assert not page.item_panel.isVisible()
    assert page.versions_model.rowCount() == 1 and not page.compare_button.isEnabled()


def test_loading_a_newer_version_previews_first_then_shows_the_difference(
    qtbot: QtBot, page: CatalogPage, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    file = write_catalog(tmp_path, catalog_v2())
    monkeypatch.setattr(catalog_load, "open_file", lambda *args: str(file))
    page.load_button.click()
    dialog = page.dialog
    assert isinstance(dialog, LoadPreviewDialog) and dialog.isVisible()
    assert dialog.safe_button.isDefault() and dialog.action_button.text() == "载入第 2 版"
    changes = [(e.change.value, e.code) for e in dialog.diff_model.records()]
    assert ("停用", "ZZ-34") in changes and ("新增", "ZZ-35") in changes
    assert current_catalog(page.ctx.db).header.version == 1  # the dry run wrote nothing
    dialog.action_button.click()
    assert not dialog.isVisible()
    assert [h.version for h in list_versions(page.ctx.db)] == [2, 1]
    assert "第 2 版" in page.header_label.text()
    assert page.tabs.currentIndex() == 3 and page.versions_model.rowCount() == 2
    assert page.diff_summary.text().startswith("第 1 版 → 第 2 版：新增 1 项、停用 1 项")
    assert page.item_models[CatalogKind.WORK].rowCount() == 34  # 35 listed, ZZ-34 retired
    page.retired_check.setChecked(True)
    assert page.item_models[CatalogKind.WORK].rowCount() == 35


def test_a_refused_file_says_why_and_changes_nothing(
    qtbot: QtBot,
    page: CatalogPage,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    warnings: list[str],
) -> None:
    data = catalog_v2()
    data["catalogs"][0]["items"].append(dict(data["catalogs"][0]["items"][0]))  # ZZ-01 twice
    file = tmp_path / "bad.json"
    file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(catalog_load, "open_file", lambda *args: str(file))
    page.load_new_version()
    assert page.dialog is None
    assert warnings and "未载入，数据未改动" in warnings[0] and "ZZ-01" in warnings[0]
    assert list_versions(page.ctx.db) == []


def test_only_an_administrator_loads(qtbot: QtBot, ctx: UiContext, warnings: list[str]) -> None:
    ctx.actor = Actor("zhangmin", "张敏", Role.CLERK, 7)
    clerk_page = CatalogPage(ctx)
    qtbot.addWidget(clerk_page)
    assert not clerk_page.load_button.isEnabled()
    clerk_page.load_new_version()
    assert clerk_page.dialog is None


def test_models(qtmodeltester: Any, page: CatalogPage, tmp_path: Path) -> None:
    load_catalog_file(page.ctx.db, write_catalog(tmp_path, catalog_v2()), actor=Actor.system())
    page.ctx.notify("catalog_version")
    assert page.diff_model.rowCount() == 3 and page.versions_model.rowCount() == 2
    for model in page.item_models.values():
        qtmodeltester.check(model)
    qtmodeltester.check(page.versions_model)
    qtmodeltester.check(page.diff_model)
    for empty in (CatalogItemsModel(), VersionsModel(), DiffModel()):
        qtmodeltester.check(empty)
