"""The 办件登记 form: every bad input is refused at its field and nothing is saved; a 仅限公证
certificate is allowed with its limitation; the item can be changed inside the form."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from djdesk.actor import Actor
from djdesk.services.cases.case_query import CaseFilter, count_cases
from djdesk.services.cases.catalog_load import load_catalog_file
from djdesk.services.cases.types import CaseResult
from djdesk.services.documents import find_by_serial
from djdesk.ui.cases.case_dialog import CaseDialog
from djdesk.ui.cases.counter_page import CaseCounterPage
from djdesk.ui.common.pdf_preview import PdfPreviewDialog
from tests.helpers.cases_data import VALID_ID, catalog_v2, write_catalog
from tests.helpers.pdf_text import flat_text


def open_form(page: CaseCounterPage, query: str, qtbot: QtBot | None = None) -> CaseDialog:
    page.search_box.setText(query)
    page.search_box.search_now()
    page.open_current()
    dialog = page.case_dialog
    assert dialog is not None and dialog.isVisible()
    if qtbot is not None:  # keys that move the focus need the window to be active
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def nothing_saved(page: CaseCounterPage) -> bool:
    return count_cases(page.ctx.db, CaseFilter()) == 0


def fill_applicant(dialog: CaseDialog, id_number: str = VALID_ID) -> None:
    edits = dialog.form.edits
    edits["applicant_name"].setText("张三")
    edits["applicant_id_number"].setText(id_number)
    edits["applicant_address"].setText("东风小区1栋2单元301室")


def test_an_invalid_id_number_is_refused_at_its_field(
    qtbot: QtBot, counter: CaseCounterPage
) -> None:
    dialog = open_form(counter, "ZM-01", qtbot)
    edit = dialog.form.edits["applicant_id_number"]
    edit.setFocus()
    qtbot.keyClicks(edit, "340524198001010013")  # the check character should be X
    qtbot.keyClick(edit, Qt.Key.Key_Tab)  # said as soon as the field is left
    grid = dialog.form.applicant_grid
    assert "校验位不正确" in grid.error_text("applicant_id_number")
    assert edit.property("invalid") is True
    fill_applicant(dialog, "340524198001010013")
    dialog.certificate.facts.setPlainText("自2019年起在本社区居住")
    dialog.save_button.click()
    assert dialog.isVisible() and "校验位不正确" in grid.error_text("applicant_id_number")
    assert QApplication.focusWidget() is edit
    assert nothing_saved(counter)
    dialog.discard()


def test_a_retired_item_is_refused_at_the_item(
    qtbot: QtBot, counter: CaseCounterPage, tmp_path: Path
) -> None:
    load_catalog_file(counter.ctx.db, write_catalog(tmp_path, catalog_v2()), actor=Actor.system())
    counter.ctx.notify("catalog_version")
    dialog = open_form(counter, "ZZ-34")
    grid = dialog.form.item_grid
    assert "已在第 2 版目录中停用" in grid.error_text("item")  # at once, before saving
    dialog.form.edits["handler"].setText("张敏")
    dialog.save_button.click()
    assert dialog.isVisible() and "停用" in grid.error_text("item")
    assert nothing_saved(counter)
    dialog.discard()


def test_a_banned_certificate_is_refused_with_the_reason_and_document_number(
    qtbot: QtBot, counter: CaseCounterPage
) -> None:
    dialog = open_form(counter, "婚姻状况证明", qtbot)
    grid = dialog.form.item_grid
    assert "民发〔2020〕20号" in grid.error_text("item")
    fill_applicant(dialog)
    dialog.save_button.click()
    assert dialog.isVisible() and "民发〔2020〕20号" in grid.error_text("item")
    assert nothing_saved(counter)
    # another item typed into the field replaces the refusal
    edit = dialog.form.edits["item"]
    edit.setFocus()
    edit.setText("居住（租住）证明")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert dialog.match is not None and dialog.match.code == "ZM-01"
    assert grid.error_text("item") == "" and "居住（租住）证明" in grid.note_text("item")
    assert dialog.certificate.box.isVisible()
    # a blocked certificate typed by its code is refused in the same words
    edit.setFocus()
    edit.setText("FM-08")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert "婚姻状况证明" in grid.error_text("item") and "民发〔2020〕20号" in grid.error_text(
        "item"
    )
    assert not dialog.certificate.box.isVisible()
    dialog.discard()


def test_an_outside_case_needs_its_department(qtbot: QtBot, counter: CaseCounterPage) -> None:
    dialog = counter.new_case(outside=True)
    assert dialog is not None
    dialog.form.edits["item_name"].setText("协助入户核查")
    dialog.form.edits["request_reason"].setText("人口普查")
    dialog.save_button.click()
    assert dialog.form.item_grid.error_text("requesting_department") == "不能为空"
    assert nothing_saved(counter)
    dialog.form.edits["requesting_department"].setText("区统计局")
    dialog.save_button.click()
    assert not dialog.isVisible() and dialog.registered is not None
    assert dialog.registered.item_name == "协助入户核查"
    assert counter.status_label.text() == "已登记：协助入户核查（办结）"
    assert count_cases(counter.ctx.db, CaseFilter(catalog="清单外事项")) == 1


def test_a_transfer_needs_the_receiving_department(qtbot: QtBot, counter: CaseCounterPage) -> None:
    dialog = open_form(counter, "XZ-01")
    form = dialog.form
    assert not form.handling_grid.is_row_visible("transferred_to")
    form.result_combo.setCurrentText(CaseResult.TRANSFERRED)
    assert form.handling_grid.is_row_visible("transferred_to")
    assert not dialog.certificate.box.isVisible() and dialog.save_button.text() == "保存"
    dialog.save_button.click()
    assert form.handling_grid.error_text("transferred_to") == "不能为空"
    assert nothing_saved(counter)
    form.edits["transferred_to"].setText("派出所")
    dialog.save_button.click()
    assert not dialog.isVisible()


def test_a_notary_only_certificate_is_issued_with_its_limitation(
    qtbot: QtBot, counter: CaseCounterPage
) -> None:
    dialog = open_form(counter, "ZM-05")
    assert dialog.form.item_grid.error_text("item") == ""
    limitation = dialog.certificate.limitation
    assert limitation.isVisible() and "仅限公证" in limitation.text()
    fill_applicant(dialog)
    dialog.certificate.facts.setPlainText("与李四系母子关系")
    dialog.save_button.click()
    assert not dialog.isVisible()
    done = dialog.registered
    assert done is not None and done.certificate_serial
    preview = counter.dialog
    assert isinstance(preview, PdfPreviewDialog)
    assert "本证明仅限公证使用" in flat_text(preview.path.read_bytes())
    assert [d.copy_number for d in find_by_serial(counter.ctx.db, done.certificate_serial)] == [0]
    preview.close()


def test_the_certificate_fields_follow_the_result(qtbot: QtBot, counter: CaseCounterPage) -> None:
    dialog = open_form(counter, "ZM-01")
    assert dialog.certificate.box.isVisible()
    dialog.form.result_combo.setCurrentText(CaseResult.REFUSED)
    assert not dialog.certificate.box.isVisible()
    assert dialog.form.handling_grid.is_row_visible("refusal_reason")
    dialog.form.result_combo.setCurrentText(CaseResult.DONE)
    cert = dialog.certificate
    cert.other_subject.setChecked(True)
    assert cert.grid.is_row_visible("subject_name")
    fill_applicant(dialog)
    cert.edits["subject_name"].setText("张小三")
    dialog.certificate.facts.setPlainText("自2019年3月起在本社区居住")
    dialog.save_button.click()
    assert cert.grid.error_text("subject_id_number") == "不能为空"  # the ward's number
    assert nothing_saved(counter)
    dialog.discard()


def test_the_form_opens_where_the_clerk_types_next(qtbot: QtBot, counter: CaseCounterPage) -> None:
    empty = counter.new_case()
    assert empty is not None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is empty.form.edits["item"])
    empty.discard()
    dialog = open_form(counter, "zm1")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.form.edits["applicant_name"])
    assert dialog.form.date_edit.value() == date.today()
    dialog.discard()
