"""设置 → 打印机: the printers, each one's offset, and calibration reached from 设置 and from the
print preview's 校准…."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from djdesk.services.documents import Destination
from djdesk.services.site.sheet import print_site_sheet
from djdesk.ui.common import printing
from djdesk.ui.common.calibration import CalibrationDialog
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.pdf_preview import PdfPreviewDialog
from djdesk.ui.site.printers_group import PrintersGroup
from djdesk.ui.site.settings_page import SettingsPage
from tests.helpers.printers import PdfPrinters

NAMES = ("前台PDF打印机", "套打针式打印机")


@pytest.fixture
def printers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PdfPrinters:
    folder = tmp_path / "printer-output"
    folder.mkdir()
    return PdfPrinters(folder, NAMES).install(monkeypatch)


def test_settings_lists_the_printers_and_calibrates_the_chosen_one(
    qtbot: QtBot, ctx: UiContext, printers: PdfPrinters
) -> None:
    page = SettingsPage(ctx)
    qtbot.addWidget(page)
    group = page.printers_group
    combo = group.printer_combo
    assert [combo.itemText(i) for i in range(combo.count())] == list(NAMES)
    assert group.printer() == NAMES[0]
    assert group.offset_label.text() == "未校准（按原位置打印）"
    combo.setCurrentIndex(1)
    group.calibrate_button.click()
    dialog = group.dialog
    assert isinstance(dialog, CalibrationDialog) and dialog.printer == NAMES[1]
    assert dialog.isVisible()
    dialog.x_spin.setValue(1.5)
    dialog.y_spin.setValue(-2)
    dialog.save()
    # stored for that printer only, and shown at once
    assert ctx.settings.printer_offset(NAMES[1]) == (1.5, -2.0)
    assert ctx.settings.printer_offset(NAMES[0]) == (0.0, 0.0)
    assert group.offset_label.text() == "已校准：向右 1.5 mm，向下 -2 mm"
    combo.setCurrentIndex(0)
    assert group.offset_label.text() == "未校准（按原位置打印）"


def test_without_printers_calibration_is_off(
    qtbot: QtBot, ctx: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(printing, "available_printers", lambda: [])
    monkeypatch.setattr(printing, "default_printer", lambda: "")
    group = PrintersGroup(ctx)
    qtbot.addWidget(group)
    assert group.printer() == "" and not group.calibrate_button.isEnabled()
    assert group.calibrate() is None
    assert "另存为 PDF" in group.offset_label.text()


def test_the_preview_opens_the_calibration_of_its_printer(
    qtbot: QtBot, ctx: UiContext, printers: PdfPrinters
) -> None:
    out = ctx.paths.output_dir / "sheet.pdf"
    printed = print_site_sheet(ctx.db, Destination.file(out), actor=ctx.actor)
    preview = PdfPreviewDialog(out, title="站点信息表", ctx=ctx, document_id=printed.document_id)
    qtbot.addWidget(preview)
    preview.show()
    assert preview.panel.calibrate_button.isEnabled()
    preview.panel.calibrate_button.click()
    dialog = preview.findChild(CalibrationDialog)
    assert dialog is not None and dialog.isVisible() and dialog.printer == NAMES[0]
    dialog.reject()
