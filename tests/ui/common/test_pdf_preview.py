"""The one preview: thumbnails, zoom, printing on a chosen printer with copies and pages, saving
a copy, and the document register — a walk-through "printing" on a PDF printer."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from djdesk.services.agreements.printing import print_agreement
from djdesk.services.agreements.records import create_agreement
from djdesk.services.checkin.units import save_unit
from djdesk.services.documents import Destination, OutputKind, get_document
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.pdf_preview import PdfPreviewDialog
from djdesk.ui.common.print_panel import NO_PRINTER
from tests.helpers.pdf_text import flat_text, metadata, page_count
from tests.helpers.printers import PdfPrinters, pdf_printers
from tests.services.agreements.conftest import FULL_UNIT, agreement_input

__all__ = ["pdf_printers"]


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: shown.append(text))
    )
    return shown


@pytest.fixture
def agreement_pdf(ctx: UiContext) -> tuple[Path, int]:
    unit = save_unit(ctx.db, FULL_UNIT, actor=ctx.actor)
    agreement = create_agreement(ctx.db, agreement_input(unit.id), actor=ctx.actor)
    out = ctx.paths.output_dir / "协议.pdf"
    printed = print_agreement(ctx.db, agreement.id, Destination.file(out), actor=ctx.actor)
    return out, printed.document_id


def open_preview(qtbot: QtBot, ctx: UiContext, path: Path, document_id: int) -> PdfPreviewDialog:
    dialog = PdfPreviewDialog(path, title="共驻共建协议书", ctx=ctx, document_id=document_id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_walk_through_prints_on_a_pdf_printer(
    qtbot: QtBot,
    ctx: UiContext,
    agreement_pdf: tuple[Path, int],
    pdf_printers: PdfPrinters,
    tmp_path: Path,
) -> None:
    path, document_id = agreement_pdf
    dialog = open_preview(qtbot, ctx, path, document_id)
    pages = dialog.page_count()
    assert pages >= 3 and dialog.thumbnails.count() == pages
    assert (
        dialog.thumbnails.item(1).text() == "第 2 页"
        and not dialog.thumbnails.item(0).icon().isNull()
    )
    # thumbnails jump the view; zoom in and out
    dialog.thumbnails.setCurrentRow(2)
    assert dialog.view.pageNavigator().currentPage() == 2
    dialog.zoom_in()
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.Custom and dialog.view.zoomFactor() > 1
    dialog.zoom_out()
    dialog.zoom_out()
    assert dialog.view.zoomFactor() < 1
    dialog.fit_page()
    assert dialog.view.zoomMode() == QPdfView.ZoomMode.FitInView
    # the print bar: the PDF printer chosen, 2 copies of pages 1-2
    panel = dialog.panel
    assert panel.printer_name() == "前台PDF打印机" and panel.print_button.isEnabled()
    panel.copies_spin.setValue(2)
    panel.range_edit.setText("1-2")
    qtbot.mouseClick(panel.print_button, Qt.MouseButton.LeftButton)
    assert len(pdf_printers.outputs) == 1
    printed = pdf_printers.outputs[0].read_bytes()
    # a PDF "printer" cannot make copies itself: both copies are painted, pages 1-2 twice
    assert page_count(printed) == 4
    assert metadata(printed)["/Title"] == "共驻共建协议书"  # the job's name; pages are images
    assert (
        pdf_printers.options[0].copies == 2 and "已送打印机“前台PDF打印机”" in dialog.status.text()
    )
    doc = get_document(ctx.db, document_id)
    assert [(o.kind, o.target, o.copies) for o in doc.outputs] == [
        (OutputKind.FILE, str(path), 1),
        (OutputKind.PRINTER, "前台PDF打印机", 2),
    ]
    # 另存为 PDF: a copy, registered as saved
    copy = tmp_path / "给单位的副本"
    assert dialog.save_copy(copy)
    saved = copy.with_suffix(".pdf")
    assert saved.read_bytes() == path.read_bytes()
    assert get_document(ctx.db, document_id).last_output == str(saved)
    dialog.close()


def test_unavailable_printer_prints_and_registers_nothing(
    qtbot: QtBot,
    ctx: UiContext,
    agreement_pdf: tuple[Path, int],
    pdf_printers: PdfPrinters,
    warnings: list[str],
) -> None:
    path, document_id = agreement_pdf
    dialog = open_preview(qtbot, ctx, path, document_id)
    pdf_printers.names.remove("前台PDF打印机")  # switched off after the list was read
    assert not dialog.print_chosen()
    assert warnings and "找不到打印机“前台PDF打印机”" in warnings[0]
    assert dialog.status.text() == "未打印。" and pdf_printers.outputs == []
    assert len(get_document(ctx.db, document_id).outputs) == 1  # just the file
    assert dialog.save_copy(path.with_name("还能保存.pdf"))  # the document can still be saved
    # a page range that does not exist is refused before anything is printed
    pdf_printers.names.append("前台PDF打印机")
    dialog.panel.range_edit.setText("7-9")
    assert not dialog.print_chosen()
    assert "超出了" in warnings[-1] and pdf_printers.outputs == []
    dialog.close()


def test_no_printer_at_all(
    qtbot: QtBot, ctx: UiContext, agreement_pdf: tuple[Path, int], pdf_printers: PdfPrinters
) -> None:
    pdf_printers.names.clear()
    path, document_id = agreement_pdf
    dialog = open_preview(qtbot, ctx, path, document_id)
    assert dialog.panel.printer_combo.currentText() == NO_PRINTER
    assert not dialog.panel.print_button.isEnabled() and dialog.panel.save_button.isEnabled()
    dialog.close()


def test_preview_without_a_register_entry_prints_unregistered(
    qtbot: QtBot, ctx: UiContext, agreement_pdf: tuple[Path, int], pdf_printers: PdfPrinters
) -> None:
    path, document_id = agreement_pdf
    dialog = PdfPreviewDialog(path, title="预览")
    qtbot.addWidget(dialog)
    assert dialog.print_chosen() and len(pdf_printers.outputs) == 1
    assert page_count(pdf_printers.outputs[0].read_bytes()) == dialog.page_count()
    assert len(get_document(ctx.db, document_id).outputs) == 1
    dialog.close()


def test_a_second_receipt_asks_why_and_is_marked(
    qtbot: QtBot, ctx: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from djdesk.services.documents import find_by_serial
    from djdesk.ui.checkin import receipts
    from tests.services.checkin.test_reports import build_small_data

    member = build_small_data(ctx.db).members["甲一"]
    previews: list[PdfPreviewDialog] = []
    asked: list[str] = []

    def reason(parent: object, refusal: object) -> str:
        asked.append(str(refusal))
        return "打印污损或卡纸" if len(asked) == 1 else ""

    monkeypatch.setattr("djdesk.ui.common.print_flow.ask_reprint_reason", reason)
    for _ in range(3):  # the original, a 补打 with a reason, a refused 补打 (no reason given)
        receipts.print_receipt_flow(ctx, member, None, shown=previews.append)
    assert len(previews) == 2 and len(asked) == 2
    for preview in previews:
        qtbot.addWidget(preview)
    serial = previews[0].windowTitle().split("（")[1].rstrip("）")
    docs = find_by_serial(ctx.db, serial)
    assert [(d.copy_number, d.reason) for d in docs] == [(0, ""), (1, "打印污损或卡纸")]
    assert "补打" in flat_text(previews[1].path.read_bytes())
    assert previews[1].document_id == docs[1].id and previews[0].path != previews[1].path
    assert "补打" not in flat_text(previews[0].path.read_bytes())
