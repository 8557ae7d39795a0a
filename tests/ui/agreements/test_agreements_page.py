"""协议管理: the list and its filter, the models, printing (numbered on the first print, 补打
after), Word copies, signing, scans, termination and renewal from the selected row."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from djdesk.services.agreements.records import get_agreement, list_agreements
from djdesk.services.agreements.types import AgreementInfo, AgreementStatus
from djdesk.services.checkin.units import UnitInfo
from djdesk.services.documents import OutputKind, find_by_serial, get_document
from djdesk.ui.agreements.agreements_model import AgreementsModel
from djdesk.ui.agreements.agreements_page import AgreementsPage
from djdesk.ui.agreements.status_dialogs import SignDialog, TerminateDialog
from djdesk.ui.common.confirm import ConfirmDialog
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.file_ready import FileReadyBox
from djdesk.ui.common.pdf_preview import PdfPreviewDialog
from tests.helpers.pdf_text import flat_text
from tests.helpers.printers import PdfPrinters
from tests.ui.agreements.conftest import expiring_signed


def select(page: AgreementsPage, agreement_id: int) -> AgreementInfo:
    assert page.select(agreement_id)
    selected = page.selected()
    assert selected is not None
    return selected


def print_draft(page: AgreementsPage, agreement_id: int) -> PdfPreviewDialog:
    """打印… on a draft: confirm the numbering, get the preview."""
    select(page, agreement_id)
    page.actions_row.print_selected()
    confirm = page.actions_row.dialog
    assert isinstance(confirm, ConfirmDialog)
    assert confirm.safe_button.isDefault() and confirm.action_button.text() == "编号并打印"
    confirm.action_button.click()
    preview = page.actions_row.dialog
    assert isinstance(preview, PdfPreviewDialog)
    return preview


def test_the_models_pass_the_model_tester(
    qtmodeltester: Any, ctx: UiContext, unit: UnitInfo, draft: AgreementInfo, page: AgreementsPage
) -> None:
    expiring_signed(ctx, unit.id)
    page.refresh()
    assert page.model.rowCount() == 2
    qtmodeltester.check(page.model)
    assert page.expiring.model.rowCount() == 1
    qtmodeltester.check(page.expiring.model)
    qtmodeltester.check(AgreementsModel())


def test_the_list_shows_state_term_and_template_version(
    ctx: UiContext, unit: UnitInfo, draft: AgreementInfo, page: AgreementsPage
) -> None:
    signed = expiring_signed(ctx, unit.id, days=10)
    page.refresh()
    model = page.model
    row = model.row_of(signed.id)
    cells = [model.index(row, c).data() for c in range(model.columnCount())]
    assert cells[0] == signed.serial and cells[4] == "已签订" and cells[5] == "还有 10 天"
    assert cells[7] == "第 1 版" and cells[8] == "—"
    draft_row = model.row_of(draft.id)
    assert model.index(draft_row, 0).data() == "（未编号）"
    assert model.index(draft_row, 7).data() == "打印时确定"
    assert page.summary_label.text() == "共 2 份（草稿 1，已签订 1）"
    assert page.tabs.tabText(1) == "即将到期（1）"
    # filters
    page.status_combo.setCurrentIndex(page.status_combo.findData(AgreementStatus.DRAFT))
    assert [a.id for a in page.model.records()] == [draft.id]
    page.status_combo.setCurrentIndex(0)
    page.search_edit.setText("人民医院")
    page.refresh()
    assert page.model.rowCount() == 2
    page.search_edit.setText("没有这个单位")
    page.refresh()
    assert page.model.rowCount() == 0


def test_the_first_print_numbers_the_agreement_and_prints_from_the_preview(
    ctx: UiContext, draft: AgreementInfo, page: AgreementsPage, pdf_printers: PdfPrinters
) -> None:
    buttons = page.actions_row.buttons
    select(page, draft.id)
    assert buttons["print"].isEnabled() and not buttons["sign"].isEnabled()
    assert buttons["open"].text() == "编辑"
    preview = print_draft(page, draft.id)
    issued = get_agreement(ctx.db, draft.id)
    assert issued.issued and issued.template_version == 1
    assert issued.serial in preview.message.text() and "文本已固定" in preview.message.text()
    assert preview.page_count() >= 3 and preview.document_id == issued.issued_document_id
    text = flat_text(preview.path.read_bytes())
    assert issued.serial in text and "宜宾市翠屏区人民医院" in text
    # print on the (PDF) printer chosen in the preview: recorded in the register
    preview.panel.copies_spin.setValue(3)
    assert preview.print_chosen()
    assert pdf_printers.outputs[0].read_bytes().startswith(b"%PDF")
    outputs = get_document(ctx.db, issued.issued_document_id or 0).outputs
    assert [(o.kind, o.copies) for o in outputs] == [(OutputKind.FILE, 1), (OutputKind.PRINTER, 3)]
    preview.close()
    # the row now shows the number; the text is frozen: 查看, sign possible
    selected = select(page, draft.id)
    assert selected.serial == issued.serial
    assert page.actions_row.buttons["open"].text() == "查看"
    assert buttons["sign"].isEnabled()


def test_printing_again_is_a_reprint_with_a_reason(
    ctx: UiContext, draft: AgreementInfo, page: AgreementsPage, monkeypatch: pytest.MonkeyPatch
) -> None:
    print_draft(page, draft.id).close()
    asked: list[int] = []

    def answer(parent: Any, refusal: Any) -> str:
        asked.append(refusal.previous)
        return "原件遗失"

    monkeypatch.setattr("djdesk.ui.common.print_flow.ask_reprint_reason", answer)
    page.actions_row.print_selected()  # numbered already: no confirmation, the reason asked
    preview = page.actions_row.dialog
    assert isinstance(preview, PdfPreviewDialog)
    assert asked == [1] and "第 1 次补打" in preview.message.text()
    serial = get_agreement(ctx.db, draft.id).serial
    reprint = [d for d in find_by_serial(ctx.db, serial) if d.copy_number == 1]
    assert reprint and reprint[0].reason == "原件遗失"
    preview.close()


def test_the_preview_of_a_draft_is_neither_numbered_nor_registered(
    ctx: UiContext, draft: AgreementInfo, page: AgreementsPage
) -> None:
    select(page, draft.id)
    page.actions_row.preview()
    preview = page.actions_row.dialog
    assert isinstance(preview, PdfPreviewDialog) and preview.document_id is None
    assert "未编号、未登记" in preview.message.text()
    assert "草稿" in flat_text(preview.path.read_bytes())
    assert not get_agreement(ctx.db, draft.id).issued
    preview.close()


def test_saving_as_word_is_registered(
    ctx: UiContext, draft: AgreementInfo, page: AgreementsPage, tmp_path: Path
) -> None:
    select(page, draft.id)
    target = tmp_path / "协议.docx"
    page.actions_row.save_word(target)
    box = page.actions_row.dialog
    assert isinstance(box, FileReadyBox) and box.path == target
    assert target.read_bytes().startswith(b"PK")
    issued = get_agreement(ctx.db, draft.id)
    assert issued.issued  # the first Word copy numbers it too
    assert [d.file_format.value for d in find_by_serial(ctx.db, issued.serial)] == ["docx"]
    box.close()


def test_signing_and_attaching_the_scan(
    ctx: UiContext,
    draft: AgreementInfo,
    page: AgreementsPage,
    tmp_path: Path,
    opened_urls: list[Path],
) -> None:
    print_draft(page, draft.id).close()
    select(page, draft.id)
    dialog = page.actions_row.sign()
    assert isinstance(dialog, SignDialog)
    dialog.date_edit.set_value(date.today() + timedelta(days=1))
    dialog.accept()
    assert dialog.isVisible() and dialog.grid.error_text("signed_on") == "不能晚于今天"
    dialog.date_edit.set_value(date.today())
    dialog.accept()
    assert not dialog.isVisible()
    signed = select(page, draft.id)
    assert signed.status == AgreementStatus.SIGNED and signed.signed_on == date.today()
    assert page.actions_row.buttons["renew"].isEnabled()

    scan = tmp_path / "签订扫描件.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
    assert page.actions_row.attach_scan(scan) is not None
    row = page.model.row_of(draft.id)
    assert page.model.index(row, 8).data() == "有"
    select(page, draft.id)
    opened = page.actions_row.open_scan()
    assert opened is not None and opened_urls == [opened]


def test_a_scan_that_is_not_an_image_is_refused(
    ctx: UiContext,
    draft: AgreementInfo,
    page: AgreementsPage,
    tmp_path: Path,
    warnings: list[str],
) -> None:
    print_draft(page, draft.id).close()
    select(page, draft.id)
    fake = tmp_path / "扫描.pdf"
    fake.write_bytes(b"not a pdf")
    assert page.actions_row.attach_scan(fake) is None
    assert warnings and "不是 PDF 文件" in warnings[0]


def test_terminating_needs_a_reason_and_defaults_to_cancel(
    ctx: UiContext, draft: AgreementInfo, page: AgreementsPage
) -> None:
    select(page, draft.id)
    dialog = page.actions_row.terminate()
    assert isinstance(dialog, TerminateDialog)
    assert dialog.safe_button.isDefault() and dialog.action_button.text() == "终止协议"
    dialog.action_button.click()
    assert dialog.isVisible() and dialog.grid.error_text("termination_reason") == "不能为空"
    assert get_agreement(ctx.db, draft.id).status == AgreementStatus.DRAFT
    dialog.reason_combo.setEditText("双方协商一致提前终止")
    dialog.action_button.click()
    assert not dialog.isVisible()
    terminated = get_agreement(ctx.db, draft.id)
    assert terminated.status == AgreementStatus.TERMINATED
    assert terminated.termination_reason == "双方协商一致提前终止"
    select(page, draft.id)
    assert not page.actions_row.buttons["terminate"].isEnabled()
    assert not page.actions_row.buttons["print"].isEnabled()


def test_renewing_makes_a_new_draft_and_selects_it(
    ctx: UiContext, unit: UnitInfo, page: AgreementsPage, warnings: list[str]
) -> None:
    signed = expiring_signed(ctx, unit.id, days=20)
    page.refresh()
    select(page, signed.id)
    draft = page.actions_row.renew()
    assert draft is not None and draft.renewed_from_id == signed.id
    assert draft.starts_on == signed.ends_on + timedelta(days=1)
    selected = page.selected()
    assert selected is not None and selected.id == draft.id and selected.status == "草稿"
    assert len(list_agreements(ctx.db)) == 2
    # a second renewal is refused with the reason
    select(page, signed.id)
    assert page.actions_row.renew() is None
    assert warnings and "不能重复续签" in warnings[0]


def test_ctrl_n_and_the_book_button_open_the_forms(page: AgreementsPage) -> None:
    assert page.create_new()
    assert page.dialog is not None and page.dialog.windowTitle() == "新建共驻共建协议书"
    page.dialog.reject()
    page.book_button.click()
    assert page.dialog.windowTitle() == "新建区域化党建目标责任书"
    page.dialog.reject()


def test_the_serial_column_fits_the_whole_number(
    ctx: UiContext, unit: UnitInfo, page: AgreementsPage
) -> None:
    signed = expiring_signed(ctx, unit.id)
    page.refresh()
    column = AgreementsModel.COL_SERIAL
    needed = page.view.fontMetrics().horizontalAdvance(signed.serial)
    assert page.view.horizontalHeader().sectionSize(column) >= needed
    index = page.model.index(page.model.row_of(signed.id), column)
    assert page.view.sizeHintForIndex(index).width() >= needed
