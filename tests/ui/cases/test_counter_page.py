"""办件登记 page: finding items as the clerk types, scanned certificate lines verified, the form
opened for the current item, a 证明 case ending in the certificate preview."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from djdesk.services.cases.case_query import CaseFilter, count_cases
from djdesk.services.cases.certificates import void_certificate
from djdesk.services.cases.types import ItemState, VerifyStatus
from djdesk.ui.cases.case_detail_view import CaseDetailDialog
from djdesk.ui.cases.catalog_models import ItemResultsModel
from djdesk.ui.cases.counter_page import CaseCounterPage
from djdesk.ui.common.pdf_preview import PdfPreviewDialog
from tests.helpers.cases_data import SYSTEM, VALID_ID, certificate_case


def search(page: CaseCounterPage, text: str) -> list[str]:
    page.search_box.setText(text)
    page.search_box.search_now()
    return [m.code for m in page.results_model.records()]


def test_items_are_found_by_code_name_and_initials(qtbot: QtBot, counter: CaseCounterPage) -> None:
    assert search(counter, "zm1")[0] == "ZM-01"
    assert search(counter, "ZM-01")[0] == "ZM-01"
    assert search(counter, "居住")[0] == "ZM-01"
    assert search(counter, "jzzm")[0] == "ZM-01"
    assert counter.item_panel.values["materials"].text().startswith("申请人居民身份证")
    assert counter.cards.currentWidget() is counter.item_panel
    # ↓ moves through the hits while the keyboard stays in the box; the card follows
    qtbot.keyClick(counter.search_box, Qt.Key.Key_Down)
    assert counter.results_view.currentIndex().row() == 1
    assert counter.item_panel.match is counter.results_model.record(1)


def test_blocked_certificates_are_found_marked_and_explained(
    qtbot: QtBot, counter: CaseCounterPage
) -> None:
    codes = search(counter, "婚姻状况")
    assert codes == ["FM-08"]
    hit = counter.results_model.record(0)
    assert hit is not None and hit.state == ItemState.BLOCKED
    assert "民发〔2020〕20号" in counter.item_panel.reason.text()
    assert counter.item_panel.state.text() == "不予出具"


def test_nothing_found_offers_an_outside_case(qtbot: QtBot, counter: CaseCounterPage) -> None:
    assert search(counter, "代收快递") == []
    assert counter.not_found.isVisible()
    counter.findChild(type(counter.outside_button), "outsideFromQuery").click()
    dialog = counter.case_dialog
    assert dialog is not None and dialog.form.is_outside()
    assert not dialog.form.item_grid.is_row_visible("item")
    assert dialog.form.item_grid.is_row_visible("requesting_department")
    dialog.discard()


def test_a_scanned_line_is_verified_not_searched(qtbot: QtBot, counter: CaseCounterPage) -> None:
    done = certificate_case(counter.ctx.db)
    qtbot.keyClicks(counter.search_box, done.check_line)  # a scanner types like a keyboard
    qtbot.keyClick(counter.search_box, Qt.Key.Key_Return)
    assert counter.cards.currentWidget() is counter.verify_panel
    assert counter.verify_panel.result is not None
    assert counter.verify_panel.result.status == VerifyStatus.VALID
    assert counter.verify_panel.status.text().strip() == "有效"
    assert counter.verify_panel.values["serial"].text() == done.certificate_serial
    assert counter.results_model.rowCount() == 0 and counter.case_dialog is None
    assert counter.search_box.selectedText() == done.check_line  # the next scan replaces it
    void_certificate(counter.ctx.db, done.case_id, "写错", actor=SYSTEM)
    qtbot.keyClicks(counter.search_box, done.check_line)
    qtbot.keyClick(counter.search_box, Qt.Key.Key_Return)
    assert counter.verify_panel.status.text().strip() == "已作废"
    assert counter.verify_panel.values["void_reason"].text() == "写错"
    counter.verify_panel.case_button.click()
    assert isinstance(counter.dialog, CaseDetailDialog)
    assert counter.dialog.view.case_id == done.case_id
    counter.dialog.close()


def test_enter_opens_the_form_for_the_item_and_a_certificate_ends_in_the_preview(
    qtbot: QtBot, counter: CaseCounterPage
) -> None:
    search(counter, "zm1")
    qtbot.keyClick(counter.search_box, Qt.Key.Key_Return)
    dialog = counter.case_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.match is not None and dialog.match.code == "ZM-01"
    assert dialog.form.edits["handler"].text() == "张敏"
    assert dialog.certificate.box.isVisible() and dialog.save_button.text() == "保存并出具证明"
    form = dialog.form
    form.edits["applicant_name"].setText("张三")
    form.edits["applicant_id_number"].setText(VALID_ID)
    form.edits["applicant_address"].setText("东风小区1栋2单元301室")
    form.materials.chips["户口簿"].setChecked(True)
    dialog.certificate.facts.setPlainText("自2019年3月起在本社区居住至今")
    preview = dialog.certificate.preview.text()
    assert "兹证明张三（男，公民身份号码：34052419800101001X）" in preview
    dialog.save_button.click()
    assert not dialog.isVisible()
    done = dialog.registered
    assert done is not None and done.certificate_serial.endswith("第001号")
    assert isinstance(counter.dialog, PdfPreviewDialog) and counter.dialog.isVisible()
    assert done.certificate_serial in counter.dialog.message.text()
    assert counter.dialog.document_id is not None
    assert counter.today_model.total == 1 and "出具证明" in counter.status_label.text()
    assert counter.search_box.text() == "" and counter.search_box.hasFocus()
    counter.dialog.close()


def test_today_cases_open_their_card(qtbot: QtBot, counter: CaseCounterPage) -> None:
    done = certificate_case(counter.ctx.db)
    counter.ctx.notify("service_case", done.case_id)
    assert counter.today_model.total == 1
    assert counter.today_title.text() == "今日办件（1 件）"
    counter.today_view.setCurrentIndex(counter.today_model.index(0, 0))
    counter._open_case_index(counter.today_view.currentIndex())
    dialog = counter.dialog
    assert isinstance(dialog, CaseDetailDialog)
    assert dialog.view.values["serial"].text() == done.certificate_serial
    dialog.close()


def test_a_viewer_cannot_register(qtbot: QtBot, counter: CaseCounterPage) -> None:
    from djdesk.actor import Actor, Role

    counter.ctx.actor = Actor("chen", "陈静", Role.VIEWER, 99)
    page = CaseCounterPage(counter.ctx)
    qtbot.addWidget(page)
    assert page.new_button is not None and not page.new_button.isEnabled()
    assert page.new_case() is None
    assert count_cases(counter.ctx.db, CaseFilter(date_from=date.today())) == 0


def test_models(qtmodeltester: Any, counter: CaseCounterPage) -> None:
    search(counter, "证明")
    assert counter.results_model.rowCount() > 5
    qtmodeltester.check(counter.results_model)
    qtmodeltester.check(ItemResultsModel())
    certificate_case(counter.ctx.db)
    counter.ctx.notify("service_case")
    qtmodeltester.check(counter.today_model)
