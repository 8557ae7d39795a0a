"""文书登记: the models, searching by text, kind and dates (a wrong range refused under the bar),
the counter's serial box, 补打 with a reason through the preview, and 查阅 unregistered."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from pytestqt.qtbot import QtBot

from djdesk.actor import Role
from djdesk.services.agreements.printing import print_agreement
from djdesk.services.agreements.records import create_agreement, get_agreement
from djdesk.services.checkin.units import save_unit
from djdesk.services.documents import Destination, find_by_serial, register_page
from djdesk.services.site.sheet import print_site_sheet
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.pdf_preview import PdfPreviewDialog
from djdesk.ui.documents.register_model import OutputsModel, RegisterModel
from djdesk.ui.documents.register_page import RegisterPage
from djdesk.ui.registry import default_pages
from tests.helpers.pdf_text import flat_text
from tests.services.agreements.conftest import FULL_UNIT, agreement_input


@pytest.fixture
def issued(ctx: UiContext) -> dict[str, str]:
    """Two site sheets and one agreement in the register: their serials by name."""
    out = ctx.paths.output_dir
    sheets = [
        print_site_sheet(ctx.db, Destination.file(out / f"sheet-{n}.pdf"), actor=ctx.actor)
        for n in range(2)
    ]
    unit = save_unit(ctx.db, FULL_UNIT, actor=ctx.actor)
    draft = create_agreement(ctx.db, agreement_input(unit.id), actor=ctx.actor)
    print_agreement(ctx.db, draft.id, Destination.file(out / "agreement.pdf"), actor=ctx.actor)
    return {
        "sheet": sheets[0].serial,
        "sheet2": sheets[1].serial,
        "agreement": get_agreement(ctx.db, draft.id).serial,
    }


@pytest.fixture
def page(qtbot: QtBot, ctx: UiContext, issued: dict[str, str]) -> RegisterPage:
    widget = RegisterPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def reasons(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Answer the reprint question with "原件遗失"; the previous issue counts asked about."""
    asked: list[int] = []

    def answer(parent: Any, refusal: Any) -> str:
        asked.append(refusal.previous)
        return "原件遗失"

    monkeypatch.setattr("djdesk.ui.common.print_flow.ask_reprint_reason", answer)
    return asked


def titles(page: RegisterPage) -> list[str]:
    return [page.model.index(r, 1).data() for r in range(page.model.rowCount())]


def test_the_page_is_registered_after_the_areas() -> None:
    spec = next(p for p in default_pages() if p.key == "documents")
    assert spec.title == "文书登记" and spec.order == 850


def test_the_models_pass_the_model_tester(
    qtmodeltester: Any, ctx: UiContext, page: RegisterPage
) -> None:
    assert page.model.rowCount() == 3
    qtmodeltester.check(page.model)
    page.view.setCurrentIndex(page.model.index(0, 0))
    assert page.outputs_model.rowCount() == 1
    qtmodeltester.check(page.outputs_model)
    qtmodeltester.check(RegisterModel(ctx.db))
    qtmodeltester.check(OutputsModel())


def test_searching_by_text_kind_and_dates(
    ctx: UiContext, page: RegisterPage, issued: dict[str, str]
) -> None:
    assert page.summary_label.text() == "共 3 份"
    page.text_edit.setText(issued["agreement"])
    page.search()
    assert page.model.rowCount() == 1 and page.model.record(0).serial == issued["agreement"]
    page.text_edit.setText("人民医院")  # the unit the agreement is with
    page.search()
    assert page.model.rowCount() == 1
    page.text_edit.clear()
    sheet_kind = page.kind_combo.findData("site-sheet")
    assert sheet_kind > 0 and page.kind_combo.itemText(0) == "全部文书"
    page.kind_combo.setCurrentIndex(sheet_kind)
    assert set(titles(page)) == {"站点信息表"} and page.model.rowCount() == 2
    page.kind_combo.setCurrentIndex(0)
    today = datetime.now(ZoneInfo(ctx.settings.timezone)).date()
    page.since_edit.set_value(today)
    page.until_edit.set_value(today)
    page.search()
    assert page.model.rowCount() == 3
    page.until_edit.set_value(today - timedelta(days=1))
    page.search()
    # a range ending before it starts is refused under the bar; the list is left as it was
    assert page.date_error.isVisible()
    assert "截止日期不能早于起始日期" in page.date_error.text()
    assert page.model.rowCount() == 3
    page.since_edit.set_value(date(2020, 1, 1))
    page.search()
    assert not page.date_error.isVisible() and page.model.rowCount() == 0


def test_an_unknown_serial_is_named(page: RegisterPage) -> None:
    page.serial_edit.setText("东风社区〔1999〕第9号")
    page.find_serial()
    assert "没有编号为“东风社区〔1999〕第9号”的文书" in page.serial_status.text()
    assert page.dialog is None


def test_a_serial_at_the_counter_is_reprinted_with_a_reason(
    ctx: UiContext, page: RegisterPage, issued: dict[str, str], reasons: list[int]
) -> None:
    serial = issued["agreement"]
    page.serial_edit.setText(serial)
    page.serial_edit.returnPressed.emit()
    found = page.selected()
    assert found is not None and found.serial == serial and found.copy_number == 0
    assert "已补打 0 次" in page.serial_status.text()
    assert page.reprint_button.isEnabled()
    page.reprint_button.click()
    preview = page.dialog
    assert isinstance(preview, PdfPreviewDialog)
    assert reasons == [1] and "第 1 次补打" in preview.message.text()
    assert "补打" in flat_text(preview.path.read_bytes())
    copies = [d for d in find_by_serial(ctx.db, serial) if d.copy_number == 1]
    assert copies and copies[0].reason == "原件遗失" and preview.document_id == copies[0].id
    preview.close()
    # the list (searched for the serial) now holds the reprint; the original shows the count
    assert page.summary_label.text() == "共 2 份"
    assert register_page(ctx.db).total == 4
    page.select(found.id)
    assert "该编号已补打 1 次" in page.outputs_title.text()


def test_a_cancelled_reason_reprints_nothing(
    ctx: UiContext, page: RegisterPage, issued: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(
        "djdesk.ui.common.print_flow.ask_reprint_reason", lambda parent, refusal: ""
    )
    page.text_edit.setText(issued["sheet"])
    page.search()
    page.view.setCurrentIndex(page.model.index(0, 0))
    page.reprint_selected()
    assert page.dialog is None
    assert register_page(ctx.db).total == 3


def test_viewing_registers_nothing(
    ctx: UiContext, page: RegisterPage, issued: dict[str, str]
) -> None:
    page.text_edit.setText(issued["sheet2"])
    page.search()
    page.view.setCurrentIndex(page.model.index(0, 0))
    assert page.view_button.isEnabled()
    page.view_selected()
    preview = page.dialog
    assert isinstance(preview, PdfPreviewDialog) and preview.document_id is None
    assert "未登记" in preview.message.text()
    assert "查阅" in flat_text(preview.path.read_bytes())
    preview.close()
    assert register_page(ctx.db).total == 3


def test_a_viewer_may_search_but_not_reprint(
    ctx: UiContext, issued: dict[str, str], qtbot: QtBot, make_user: Any
) -> None:
    viewer = make_user("chakan", "查看员", Role.VIEWER)
    widget = RegisterPage(replace(ctx, actor=viewer))
    qtbot.addWidget(widget)
    widget.view.setCurrentIndex(widget.model.index(0, 0))
    assert widget.model.rowCount() == 3
    assert not widget.reprint_button.isEnabled() and widget.view_button.isEnabled()
