"""概览 page: site card, record counts model, printing the site information sheet."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from djdesk.errors import DjdeskError
from djdesk.services.overview import RecordCount
from djdesk.services.site.identity import SiteInfo
from djdesk.ui.common.context import UiContext
from djdesk.ui.overview_page import OverviewPage, site_sheet_path
from djdesk.ui.record_counts_model import RecordCountsModel


@pytest.fixture
def page(qtbot: QtBot, ctx: UiContext) -> OverviewPage:
    widget = OverviewPage(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.fixture
def warnings_shown(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: shown.append(text))
    )
    return shown


def count_of(page: OverviewPage, key: str) -> int:
    return next(c.count for c in page.counts_model.counts() if c.key == key)


def test_site_card_and_locations(page: OverviewPage, site: SiteInfo, ctx: UiContext) -> None:
    assert page.site_name.text() == site.name
    assert page.site_values["party_org"].text() == site.party_org
    assert page.site_values["street"].text() == f"{site.street_name} {site.street_code}"
    assert page.site_values["district"].text() == f"{site.district_name} {site.district_code}"
    assert page.location_values["备份文件夹"].text() == str(ctx.paths.backup_dir)
    assert page.location_values["数据库"].text() == str(ctx.db.file)


def test_record_counts_model(qtmodeltester: Any) -> None:
    model = RecordCountsModel([RecordCount("a", "甲", 3), RecordCount("b", "乙", 12345)])
    qtmodeltester.check(model)
    assert model.index(1, model.COL_COUNT).data() == "12,345"
    assert model.index(0, 0).data(RecordCountsModel.KeyRole) == "a"
    model.set_counts([])
    qtmodeltester.check(model)


@dataclass(frozen=True)
class FakePrinted:
    path: Path
    serial: str


def test_print_offers_to_open_the_pdf(
    page: OverviewPage,
    ctx: UiContext,
    monkeypatch: pytest.MonkeyPatch,
    opened_urls: list[Path],
) -> None:
    import djdesk.services.site.sheet as printing

    calls: list[Path] = []

    def fake_print(db: Any, out_path: Path, *, actor: Any) -> FakePrinted:
        calls.append(out_path)
        out_path.write_bytes(b"%PDF-1.4 fake")
        return FakePrinted(out_path, "东风社区〔2026〕站第1号")

    monkeypatch.setattr(printing, "print_site_sheet", fake_print)
    page.print_button.click()
    assert calls
    assert calls[0].parent == ctx.paths.output_dir
    box = page.print_done_box
    assert box is not None
    assert box.isVisible()
    assert "东风社区〔2026〕站第1号" in box.text()
    page.open_pdf_button.click()
    assert opened_urls == [calls[0]]
    assert page.print_button.isEnabled()


def test_print_failure_is_shown_as_a_warning(
    page: OverviewPage, monkeypatch: pytest.MonkeyPatch, warnings_shown: list[str]
) -> None:
    import djdesk.services.site.sheet as printing

    def failing(*args: Any, **kwargs: Any) -> None:
        raise DjdeskError("无法写入文件")

    monkeypatch.setattr(printing, "print_site_sheet", failing)
    page.print_button.click()
    assert warnings_shown == ["无法写入文件"]
    assert page.print_done_box is None
    assert page.print_button.isEnabled()


def test_real_print_writes_a_pdf_and_counts_the_serial(
    page: OverviewPage, ctx: UiContext, opened_urls: list[Path]
) -> None:
    before = count_of(page, "issued_serial")
    page.print_button.click()
    assert page.last_pdf is not None
    assert page.last_pdf.read_bytes().startswith(b"%PDF")
    assert page.last_pdf.parent == ctx.paths.output_dir
    assert count_of(page, "issued_serial") == before + 1  # refreshed by data_changed
    assert page.print_done_box is not None
    page.open_folder_button.click()
    assert opened_urls == [ctx.paths.output_dir]


def test_refresh_button_reloads(page: OverviewPage, monkeypatch: pytest.MonkeyPatch) -> None:
    import djdesk.ui.overview_page as module

    monkeypatch.setattr(module, "record_counts", lambda db: [RecordCount("x", "测试", 7)])
    page.refresh_button.click()
    assert page.counts_model.counts() == [RecordCount("x", "测试", 7)]


def test_sheet_file_name() -> None:
    from datetime import datetime

    path = site_sheet_path(Path("/out"), datetime(2026, 3, 4, 5, 6, 7))
    assert path == Path("/out/站点信息表-20260304-050607.pdf")
