"""The QPrinter path: page ranges, unknown printers refused before anything is sent, pages on
white, the calibration offset moving what is printed, and senders for the services."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from djdesk.errors import DjdeskError, ValidationError
from djdesk.services.documents import PrinterUnavailableError, PrintJob
from djdesk.services.documents.printers import calibration_page
from djdesk.settings import Settings
from djdesk.ui.common import printing
from tests.helpers.pdf_text import page_count
from tests.helpers.printers import PdfPrinters, pdf_printers

__all__ = ["pdf_printers"]


def test_page_ranges() -> None:
    assert printing.parse_page_range("", 3) == [0, 1, 2]
    assert printing.parse_page_range(" 1-2，3 ", 4) == [0, 1, 2]
    assert printing.parse_page_range("3,1,3", 4) == [2, 0]
    for text, message in (
        ("2-1", "超出了"),
        ("0", "超出了"),
        ("5", "超出了 1–4 页"),
        ("a", "写法不对"),
    ):
        with pytest.raises(ValidationError, match=message):
            printing.parse_page_range(text, 4)


def test_unknown_printer_is_refused_by_name(qapp: object) -> None:
    with pytest.raises(PrinterUnavailableError) as caught:
        printing.check_printer("不存在的打印机-xyz")
    message = caught.value.message
    assert "找不到打印机“不存在的打印机-xyz”" in message and "另存为 PDF" in message
    with pytest.raises(PrinterUnavailableError):
        printing.print_pdf_bytes(calibration_page("x", (0, 0)), printing.PrintOptions("不存在-xyz"))


def _leftmost_ink(path: Path) -> int:
    document = QPdfDocument()
    document.load(str(path))
    image: QImage = printing.page_image(document, 0, dpi=72)
    document.close()
    for x in range(image.width()):
        for y in range(0, image.height(), 2):
            if image.pixelColor(x, y).lightness() < 128:
                return x
    raise AssertionError("blank page")


def test_offset_moves_the_print(pdf_printers: PdfPrinters) -> None:
    pdf = calibration_page("前台PDF打印机", (0, 0))
    for offset in ((0.0, 0.0), (10.0, 0.0)):
        pages = printing.print_pdf_bytes(
            pdf, printing.PrintOptions("前台PDF打印机", offset_mm=offset, title="校准")
        )
        assert pages == 1
    plain, shifted = (_leftmost_ink(p) for p in pdf_printers.outputs)
    # 10 mm at 72 dpi is 28.3 points; the ruler's first tick starts the ink
    assert 26 <= shifted - plain <= 31


def test_render_paints_copies_the_printer_cannot_make(tmp_path: Path, qapp: object) -> None:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "out.pdf"))
    document, buffer = printing.load_pdf(calibration_page("x", (0, 0)))
    assert printing.render_to_printer(document, printer, copies=3) == 3
    assert page_count((tmp_path / "out.pdf").read_bytes()) == 3
    buffer.close()
    with pytest.raises(DjdeskError, match="不是可读的 PDF"):
        printing.load_pdf(b"not a pdf")


def test_qt_sender_applies_the_printer_offset(pdf_printers: PdfPrinters) -> None:
    settings = Settings(printer_offsets_mm={"前台PDF打印机": [1.5, -2.0]})
    send = printing.qt_sender(settings)
    assert send(calibration_page("x", (0, 0)), PrintJob("前台PDF打印机", 2, "校准")) == 1
    assert pdf_printers.options[0].offset_mm == (1.5, -2.0)
    assert pdf_printers.options[0].copies == 2 and pdf_printers.options[0].title == "校准"
    with pytest.raises(ValidationError, match="份数"):
        send(calibration_page("x", (0, 0)), PrintJob("前台PDF打印机", 100))
