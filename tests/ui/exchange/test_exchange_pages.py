"""The 数据交换 and 街道汇总 pages: export, dry run then import, keys and registration, reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from djdesk.services.exchange.export import export_records
from djdesk.services.exchange.keys import write_key_file
from djdesk.services.exchange.partners import register_from_key_file
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.tasks import SynchronousTaskRunner
from djdesk.ui.exchange.exchange_page import ExchangePage
from djdesk.ui.exchange.register_dialog import RegisterDialog
from djdesk.ui.exchange.street_page import StreetPage
from djdesk.ui.registry import default_pages
from tests.helpers.exchange import ACTOR, COMMUNITY, STREET, Site, new_site


@pytest.fixture
def community(tmp_path: Path) -> Site:
    site = new_site(tmp_path / "community", COMMUNITY, members=6, bookings=6, cases=6)
    yield site
    site.close()


@pytest.fixture
def street(tmp_path: Path, community: Site) -> Site:
    site = new_site(tmp_path / "street", STREET)
    write_key_file(community.paths, community.db, tmp_path / "c.key", actor=ACTOR)
    register_from_key_file(site.db, tmp_path / "c.key", actor=ACTOR)
    yield site
    site.close()


def _ctx(site: Site) -> UiContext:
    return UiContext(db=site.db, paths=site.paths, tasks=SynchronousTaskRunner(), actor=ACTOR)


def test_pages_are_registered() -> None:
    keys = [p.key for p in default_pages()]
    assert "exchange" in keys and "street" in keys


def test_export_writes_a_package_and_lists_it(
    qtbot: QtBot,
    community: Site,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    qtmodeltester: ModelTester,
) -> None:
    page = ExchangePage(_ctx(community))
    qtbot.addWidget(page)
    target = tmp_path / "up.zip"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(target), "")))
    page.export_panel.export_button.click()
    assert target.exists()
    assert page.export_panel.model.rowCount() == 1
    assert "第 1 号" in page.export_panel.status.text()
    qtmodeltester.check(page.export_panel.model)
    assert "指纹" in page.keys_panel.fingerprint.text()
    assert not page.keys_panel.view.isVisibleTo(page)  # a community registers no 下级


def test_dry_run_then_import(
    qtbot: QtBot, community: Site, street: Site, tmp_path: Path, qtmodeltester: ModelTester
) -> None:
    package = tmp_path / "c-1.zip"
    export_records(community.paths, community.db, package, actor=ACTOR)
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a package")
    page = ExchangePage(_ctx(street))
    qtbot.addWidget(page)
    panel = page.import_panel
    panel.plan([package, bad])
    assert panel.plan_model.rowCount() > 2
    assert "1 个文件可以导入，1 个被拒收" in panel.state.text()
    assert "文件已损坏" in panel.notes.toPlainText()
    assert panel.apply_button.isEnabled() and panel.report_button.isEnabled()
    assert panel.received_model.rowCount() == 0
    qtmodeltester.check(panel.plan_model)
    panel.apply_button.click()
    assert "已导入 1 个文件" in panel.state.text()
    assert panel.received_model.rowCount() == 1 and not panel.apply_button.isEnabled()
    qtmodeltester.check(panel.received_model)
    page.keys_panel.refresh()
    assert page.keys_panel.model.rowCount() == 1
    qtmodeltester.check(page.keys_panel.model)


def test_files_are_chosen_through_the_chinese_dialog(
    qtbot: QtBot, street: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"x")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", staticmethod(lambda *a: ([str(bad)], "")))
    page = ExchangePage(_ctx(street))
    qtbot.addWidget(page)
    page.import_panel.drop.choose_button.click()
    assert "0 个文件可以导入，1 个被拒收" in page.import_panel.state.text()


def test_sealed_package_asks_the_passphrase(
    qtbot: QtBot, community: Site, street: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "c-1.djx"
    export_records(
        community.paths, community.db, package, passphrase="东城街道二〇二六", actor=ACTOR
    )
    page = ExchangePage(_ctx(street))
    qtbot.addWidget(page)
    monkeypatch.setattr(
        QInputDialog, "getText", staticmethod(lambda *a, **k: ("东城街道二〇二六", True))
    )
    page.import_panel.plan([package])
    assert "1 个文件可以导入" in page.import_panel.state.text()


def test_register_by_fingerprint_shows_errors_under_the_fields(qtbot: QtBot, street: Site) -> None:
    dialog = RegisterDialog(_ctx(street), "社区")
    qtbot.addWidget(dialog)
    dialog.code.setText("511502003015")
    dialog.name.setText("南岸社区")
    dialog.fingerprint.setText("12 34")
    dialog.accept()
    assert dialog.registered is None
    assert "十六进制" in dialog.fields.error_text("fingerprint")
    dialog.fingerprint.setText("0123 4567 89AB CDEF 0123 4567 89AB CDEF")
    dialog.accept()
    assert dialog.registered is not None and dialog.registered.code == "511502003015"


def test_street_page_shows_reports_by_community(
    qtbot: QtBot, community: Site, street: Site, tmp_path: Path, qtmodeltester: ModelTester
) -> None:
    from djdesk.services.exchange.importing import import_package

    package = tmp_path / "c-1.zip"
    export_records(community.paths, community.db, package, actor=ACTOR)
    import_package(street.paths, street.db, package, actor=ACTOR)
    page = StreetPage(_ctx(street))
    qtbot.addWidget(page)
    assert page.model.rowCount() > 0
    assert COMMUNITY.name in page.model.index(0, 0).data()
    qtmodeltester.check(page.model)
    for i in range(page.report.count()):
        page.report.setCurrentIndex(i)
        qtmodeltester.check(page.model)
    page.community.setCurrentIndex(page.community.findData("511502003"))
    page.report.setCurrentIndex(0)
    assert page.model.rowCount() == 0


def test_street_page_at_a_community_explains_itself(qtbot: QtBot, community: Site) -> None:
    page = StreetPage(_ctx(community))
    qtbot.addWidget(page)
    assert page.figure.text() == "本机为社区" and not page.export_button.isEnabled()
    assert page.view.isEnabled()  # the keyboard can still land in the page


def test_only_streets_and_districts_see_the_street_page(
    qtbot: QtBot, community: Site, street: Site
) -> None:
    from djdesk.ui.main_window import MainWindow

    seen = {}
    for name, site in (("community", community), ("street", street)):
        window = MainWindow(_ctx(site))
        qtbot.addWidget(window)
        seen[name] = window.page_keys()
    assert "street" not in seen["community"] and "exchange" in seen["community"]
    assert "street" in seen["street"]
