"""A stand-in for the system's printers in UI tests: named "printers" that write PDF files.

:class:`PdfPrinters` replaces :func:`djdesk.ui.common.printing.available_printers`,
``default_printer`` and ``make_printer``: each print makes a real QPrinter in PDF mode writing
``printed-N.pdf`` in a folder, so the whole QPrinter path (pages, copies, offset) runs and the
result can be read back. A name that is not one of the printers is refused the way a missing
system printer is.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter

from djdesk.services.documents import PrinterUnavailableError
from djdesk.ui.common import printing


class PdfPrinters:
    def __init__(self, folder: Path, names: tuple[str, ...] = ("前台PDF打印机",)) -> None:
        self.folder = folder
        self.names = list(names)
        self.outputs: list[Path] = []
        self.options: list[printing.PrintOptions] = []

    def make_printer(self, options: printing.PrintOptions) -> QPrinter:
        if options.printer not in self.names:
            raise PrinterUnavailableError(f"找不到打印机“{options.printer}”。")
        self.options.append(options)
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        out = self.folder / f"printed-{len(self.outputs) + 1}.pdf"
        printer.setOutputFileName(str(out))
        printing.prepare_printer(printer, options)
        self.outputs.append(out)
        return printer

    def install(self, monkeypatch: pytest.MonkeyPatch) -> PdfPrinters:
        monkeypatch.setattr(printing, "available_printers", lambda: list(self.names))
        monkeypatch.setattr(
            printing, "default_printer", lambda: self.names[0] if self.names else ""
        )
        monkeypatch.setattr(printing, "make_printer", self.make_printer)
        return self


@pytest.fixture
def pdf_printers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> PdfPrinters:
    folder = tmp_path / "printer-output"
    folder.mkdir()
    return PdfPrinters(folder).install(monkeypatch)
