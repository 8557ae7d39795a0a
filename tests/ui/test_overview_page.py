"""概览 page: the areas' tiles (opening their pages), site card, record counts model,
printing the site information sheet, and a layout that fits 1366×768."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QScrollArea
from pytestqt.qtbot import QtBot

from djdesk.errors import DjdeskError
from djdesk.services.areas import OverviewTile
from djdesk.services.overview import RecordCount, overview_tiles
from djdesk.services.site.identity import SiteInfo
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.tile import Tile
from djdesk.ui.main_window import MainWindow
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
    document_id: int = 0


def test_print_opens_the_preview(
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
    preview = page.print_preview
    assert preview is not None
    assert preview.isVisible()
    assert "东风社区〔2026〕站第1号" in preview.message.text()
    assert preview.document_id is None  # nothing registered: printing records nothing
    preview.open_button.click()
    assert opened_urls == [calls[0]]
    assert page.print_button.isEnabled()
    preview.close()


def test_print_failure_is_shown_as_a_warning(
    page: OverviewPage, monkeypatch: pytest.MonkeyPatch, warnings_shown: list[str]
) -> None:
    import djdesk.services.site.sheet as printing

    def failing(*args: Any, **kwargs: Any) -> None:
        raise DjdeskError("无法写入文件")

    monkeypatch.setattr(printing, "print_site_sheet", failing)
    page.print_button.click()
    assert warnings_shown == ["无法写入文件"]
    assert page.print_preview is None
    assert page.print_button.isEnabled()


def test_real_print_is_registered_and_previewed(
    page: OverviewPage, ctx: UiContext, opened_urls: list[Path]
) -> None:
    from djdesk.services.documents import get_document

    before = count_of(page, "issued_serial")
    page.print_button.click()
    assert page.last_pdf is not None
    assert page.last_pdf.read_bytes().startswith(b"%PDF")
    assert page.last_pdf.parent == ctx.paths.output_dir
    assert count_of(page, "issued_serial") == before + 1  # refreshed by the change notice
    preview = page.print_preview
    assert preview is not None and preview.page_count() >= 1
    assert preview.document_id is not None
    assert get_document(ctx.db, preview.document_id).kind == "site-sheet"
    preview.folder_button.click()
    assert opened_urls == [ctx.paths.output_dir]
    preview.close()


def test_refresh_button_reloads(page: OverviewPage, monkeypatch: pytest.MonkeyPatch) -> None:
    import djdesk.ui.overview_page as module

    monkeypatch.setattr(module, "record_counts", lambda db: [RecordCount("x", "测试", 7)])
    page.refresh_button.click()
    assert page.counts_model.counts() == [RecordCount("x", "测试", 7)]


def test_sheet_file_name() -> None:
    from datetime import datetime

    path = site_sheet_path(Path("/out"), datetime(2026, 3, 4, 5, 6, 7))
    assert path == Path("/out/站点信息表-20260304-050607.pdf")


# -- tiles -------------------------------------------------------------------------------------


def check_in_one(ctx: UiContext) -> None:
    from djdesk.services.checkin.checkins import CheckInInput, check_in
    from djdesk.services.checkin.member_rules import MemberInput
    from djdesk.services.checkin.units import UnitInput, save_unit
    from djdesk.validation.idcard import check_char

    unit = save_unit(ctx.db, UnitInput(name="宜宾学院", category=5), actor=ctx.actor)
    first17 = "51150219850312003"
    number = first17 + check_char(first17)
    member = MemberInput(name="张三丰", id_number=number, mobile="13912345678", unit_id=unit.id)
    result = check_in(ctx.db, member, CheckInInput(checked_in_on=date.today()), actor=ctx.actor)
    ctx.notify("checkin", result.checkin_id)


def tile(page: OverviewPage, title: str) -> Tile:
    return next(t for t in page.tiles if t.title_label.text() == title)


def test_tiles_show_the_areas_figures(page: OverviewPage, ctx: UiContext) -> None:
    expected = overview_tiles(ctx.db)
    assert [(t.title_label.text(), t.value_label.text(), t.page) for t in page.tiles] == [
        (spec.title, spec.value, spec.page) for spec in expected
    ]
    members = tile(page, "在册党员")
    assert members.value_label.text() == "0"
    assert members.focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_tiles_follow_changes(page: OverviewPage, ctx: UiContext) -> None:
    check_in_one(ctx)
    assert tile(page, "在册党员").value_label.text() == "1"
    assert tile(page, "驻区单位").value_label.text() == "1"


def test_a_tile_opens_its_page_by_click_or_keyboard(qtbot: QtBot, main_window: MainWindow) -> None:
    overview = main_window.page("overview")
    assert isinstance(overview, OverviewPage)
    qtbot.mouseClick(tile(overview, "在册党员"), Qt.MouseButton.LeftButton)
    assert main_window.current_page_key() == "members"
    main_window.show_page("overview")
    units = tile(overview, "驻区单位")
    units.setFocus()
    qtbot.keyClick(units, Qt.Key.Key_Return)
    assert main_window.current_page_key() == "units"
    main_window.show_page("overview")
    qtbot.keyClick(units, Qt.Key.Key_Space)
    assert main_window.current_page_key() == "units"


def test_a_page_the_user_may_not_see_is_not_opened(main_window: MainWindow) -> None:
    main_window.show_page("overview")
    assert not main_window.open_page("no-such-page")
    assert main_window.current_page_key() == "overview"


def test_attention_tiles_are_marked(
    page: OverviewPage, monkeypatch: pytest.MonkeyPatch, ctx: UiContext
) -> None:
    import djdesk.ui.overview_page as module

    tiles = [OverviewTile("待办", "3", "需要处理", attention=True)]
    monkeypatch.setattr(module, "overview_tiles", lambda db: tiles)
    ctx.notify("member")
    (only,) = page.tiles
    assert only.property("attention") is True
    assert only.focusPolicy() == Qt.FocusPolicy.NoFocus  # no page: not a keyboard stop
    assert only.detail_label.text() == "需要处理"


def test_nothing_clips_at_1366_by_768(qtbot: QtBot, ctx: UiContext) -> None:
    check_in_one(ctx)
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.show_page("overview")
    page = window.page("overview")
    assert isinstance(page, OverviewPage)
    scroll = page.findChild(QScrollArea, "pageScroll")
    # Every area adds tiles, so the page may scroll down (数据位置 sits lowest), but never
    # sideways, and the tiles — what a clerk looks at — are all in view without scrolling.
    assert scroll is not None and scroll.horizontalScrollBar().maximum() == 0
    viewport = scroll.viewport()
    for tile in page.tiles:
        top_left = tile.mapTo(viewport, tile.rect().topLeft())
        bottom_right = tile.mapTo(viewport, tile.rect().bottomRight())
        assert viewport.rect().contains(top_left) and viewport.rect().contains(bottom_right)
    labels = [label for t in page.tiles for label in t.findChildren(QLabel)]
    labels += [page.site_name, *page.site_values.values(), *page.location_values.values()]
    for label in labels:
        if label.isVisible() and not label.wordWrap():
            needed = label.fontMetrics().horizontalAdvance(label.text())
            assert label.contentsRect().width() >= needed, label.text()
    assert not page.grab().isNull()
