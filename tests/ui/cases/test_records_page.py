"""办件记录 page: filters, the case card, voiding (a safe default and a reason), 补打 with a reason,
and the 出具证明登记簿 and statistics exported and printed for a period."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from djdesk.services.cases.case_input import CaseInput
from djdesk.services.cases.registration import register_case
from djdesk.services.documents import RegisterQuery, find_by_serial, register_page
from djdesk.ui.cases.case_list_model import CaseListModel
from djdesk.ui.cases.records_page import CaseRecordsPage, recent_months
from djdesk.ui.cases.reports_bar import period_choices
from djdesk.ui.cases.void_dialog import VoidCertificateDialog
from djdesk.ui.common.pdf_preview import PdfPreviewDialog
from tests.helpers.cases_data import SYSTEM, certificate_case
from tests.helpers.pdf_text import flat_text


@pytest.fixture
def cases(records: CaseRecordsPage) -> dict[str, int]:
    db = records.ctx.db
    today = date.today()
    first = certificate_case(db)
    work = register_case(
        db, CaseInput(item_code="XZ-09", handler="王五", minutes_spent=15), actor=SYSTEM
    )
    refused = register_case(
        db,
        CaseInput(
            outside=True,
            item_name="填报表格",
            handler="王五",
            requesting_department="区统计局",
            request_reason="临时交办",
            result="不予办理",
            refusal_reason="不属社区职责",
        ),
        actor=SYSTEM,
        today=today,
    )
    records.ctx.notify("service_case")
    return {"certificate": first.case_id, "work": work.case_id, "outside": refused.case_id}


def select(page: CaseRecordsPage, case_id: int) -> None:
    row = page.model.row_of(case_id)
    assert row >= 0
    page.view.setCurrentIndex(page.model.index(row, 0))
    assert page.detail.case_id == case_id


def test_filters_narrow_the_list(
    qtbot: QtBot, records: CaseRecordsPage, cases: dict[str, int]
) -> None:
    assert records.model.total == 3 and records.total_label.text() == "共 3 件"
    records.catalog_filter.setCurrentIndex(records.catalog_filter.findData("清单外事项"))
    assert records.model.total == 1
    records.reset_filter()
    records.handler_filter.setCurrentIndex(records.handler_filter.findData("王五"))
    assert records.model.total == 2
    records.result_filter.setCurrentIndex(records.result_filter.findData("不予办理"))
    assert records.model.total == 1
    records.reset_filter()
    records.item_filter.setCurrentIndex(records.item_filter.findData("ZM-01"))
    assert records.model.total == 1
    records.reset_filter()
    records.category_filter.setCurrentIndex(records.category_filter.findData("证明"))
    assert records.model.total == 1
    records.reset_filter()
    earlier = recent_months(date.today())[2]  # two months ago: nothing handled then
    records.month_filter.setCurrentIndex(records.month_filter.findData(f"{earlier:%Y-%m}"))
    assert records.month_filter.currentIndex() == 3
    assert records.model.total == 0 and records.detail.case_id is None
    records.month_filter.setCurrentIndex(1)  # this month
    assert records.model.total == 3
    records.reset_filter()
    records.text_filter.setText("张三")
    records.apply_filter()
    assert records.model.total == 1


def test_the_card_shows_the_case(
    qtbot: QtBot, records: CaseRecordsPage, cases: dict[str, int]
) -> None:
    select(records, cases["outside"])
    values = records.detail.values
    assert values["requesting_department"].text() == "区统计局"
    assert values["refusal_reason"].text() == "不属社区职责"
    assert not records.detail.print_button.isVisible()
    select(records, cases["certificate"])
    assert values["serial"].text().endswith("第001号")
    assert values["prints"].text() == "0 次"
    assert records.detail.print_button.text() == "打印证明"


def test_void_asks_with_a_safe_default_and_needs_a_reason(
    qtbot: QtBot, records: CaseRecordsPage, cases: dict[str, int]
) -> None:
    select(records, cases["certificate"])
    dialog = records.detail.void_certificate()
    assert isinstance(dialog, VoidCertificateDialog)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    assert dialog.safe_button.isDefault() and not dialog.action_button.isDefault()
    assert dialog.action_button.text() == "作废证明"
    assert QApplication.focusWidget() is dialog.reason_combo
    qtbot.keyClick(dialog.reason_combo, Qt.Key.Key_Return)  # Enter does nothing
    assert dialog.isVisible()
    dialog.action_button.click()
    assert dialog.isVisible() and dialog.grid.error_text("reason") == "请写明作废原因"
    assert records.detail.values["certificate"].text().endswith("（有效）")
    dialog.reason_combo.setCurrentText("打印错误")
    dialog.action_button.click()
    assert not dialog.isVisible()
    assert records.detail.values["void_reason"].text() == "打印错误"
    assert records.detail.print_button.text() == "打印作废件"
    assert not records.detail.void_button.isEnabled()


def test_print_then_reprint_with_a_reason(
    qtbot: QtBot,
    records: CaseRecordsPage,
    cases: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []

    def reason(parent: object, refusal: object) -> str:
        asked.append(str(refusal))
        return "原件遗失"

    monkeypatch.setattr("djdesk.ui.common.print_flow.ask_reprint_reason", reason)
    select(records, cases["certificate"])
    records.detail.print_button.click()
    first = records.detail.dialog
    assert isinstance(first, PdfPreviewDialog) and "补打" not in flat_text(first.path.read_bytes())
    first.close()
    assert records.detail.values["prints"].text() == "1 次"
    assert records.detail.print_button.text() == "补打证明…"
    records.detail.print_button.click()
    second = records.detail.dialog
    assert isinstance(second, PdfPreviewDialog) and second is not first
    assert len(asked) == 1 and "再次打印属于补打" in asked[0]
    assert "第1次补打" in flat_text(second.path.read_bytes())
    assert "（第 1 次补打）" in second.windowTitle()
    serial = records.detail.values["serial"].text()
    assert [(d.copy_number, d.reason) for d in find_by_serial(records.ctx.db, serial)] == [
        (0, ""),
        (1, "原件遗失"),
    ]
    assert records.detail.values["prints"].text() == "2 次"
    second.close()


def test_register_and_statistics_for_a_period(
    qtbot: QtBot,
    records: CaseRecordsPage,
    cases: dict[str, int],
    tmp_path: Path,
    warnings: list[str],
) -> None:
    bar = records.reports
    assert bar.period().code == f"{date.today():%Y-%m}"
    bar.export("certificate-register", tmp_path / "登记簿.xlsx")
    sheet = load_workbook(tmp_path / "登记簿.xlsx").active
    assert sheet["A1"].value == "出具证明登记簿"
    bar.print_report("cases")
    preview = bar.dialog
    assert isinstance(preview, PdfPreviewDialog)
    text = flat_text(preview.path.read_bytes())
    assert "服务事项办理情况统计表" in text and "区统计局" in text
    entry = register_page(records.ctx.db, RegisterQuery(kind="cases-stats")).rows[0]
    assert preview.document_id == entry.id
    preview.close()
    bar.period_combo.setEditText("2026年第4季度")
    assert bar.period().code == "2026-Q4"
    bar.period_combo.setEditText("明年")
    bar.print_report("cases")
    assert bar.dialog is preview  # nothing printed
    assert any("统计期间“明年”无法识别" in w for w in warnings)


def test_period_choices_cross_the_year() -> None:
    choices = dict(period_choices(date(2027, 1, 15)))
    assert list(choices.values()) == ["2027-01", "2026-12", "2027-Q1", "2026-Q4", "2027", "2026"]


def test_models(qtmodeltester: Any, records: CaseRecordsPage, cases: dict[str, int]) -> None:
    qtmodeltester.check(records.model)
    small = CaseListModel(records.ctx.db, page_size=2)
    assert small.rowCount() == 3 and small.pages_loaded == 0  # counted, nothing read yet
    assert small.record(2) is not None and small.pages_loaded == 1
    qtmodeltester.check(small)
