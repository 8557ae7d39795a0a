"""Printing PDFs through QPrinter: the one printing path of the window, the batch printer and the
command line's print process.

A job names the printer, copies, a page range and the printer's calibration offset (mm, for
pre-printed stock). The printer is looked up first: one that is unknown or in an error state is
refused with :class:`~djdesk.services.documents.PrinterUnavailableError` — a plain message
listing the printers there are — before anything is sent, so nothing is registered as printed
and the document can still be saved as PDF. Pages are rendered with QtPdf and painted on white
(``QPdfDocument.render`` leaves the background transparent), A4, full page, shifted by the
offset. Works on any thread (QPainter may paint on a QPrinter outside the GUI thread), so the
batch printer runs it in the background.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from djdesk.errors import DjdeskError, ValidationError
from djdesk.services.documents import PrinterUnavailableError, PrintJob, SendToPrinter
from djdesk.settings import Settings

log = logging.getLogger(__name__)

PRINT_DPI = 300
_RANGE_PART = re.compile(r"^(\d+)(?:-(\d+))?$")


@dataclass(frozen=True)
class PrintOptions:
    """One print job as the window or the print process asks for it."""

    printer: str
    copies: int = 1
    page_range: str = ""  # "1-2,4"; "" = every page
    offset_mm: tuple[float, float] = (0.0, 0.0)
    title: str = "djdesk"


def available_printers() -> list[str]:
    """The names of the printers the system offers (none on a machine without any)."""
    return [info.printerName() for info in QPrinterInfo.availablePrinters()]


def default_printer() -> str:
    return QPrinterInfo.defaultPrinterName()


def check_printer(name: str) -> QPrinterInfo:
    """The printer called ``name``, or :class:`PrinterUnavailableError` saying why not.

    (Qt would quietly print on the default printer when the name is unknown.)
    """
    info = QPrinterInfo.printerInfo(name)
    if not name or info.isNull():
        known = available_printers()
        listed = f"本机可用的打印机：{'、'.join(known)}。" if known else "本机没有可用的打印机。"
        raise PrinterUnavailableError(
            f"找不到打印机“{name}”。{listed}文书未打印，也未登记为已打印，可以先另存为 PDF。"
        )
    if info.state() == QPrinter.PrinterState.Error:
        raise PrinterUnavailableError(
            f"打印机“{name}”处于错误状态（可能已停用、脱机或缺纸），文书未打印，"
            "也未登记为已打印；请检查打印机，或先另存为 PDF。"
        )
    return info


def parse_page_range(text: str, page_count: int) -> list[int]:
    """``"1-2,4"`` as 0-based page indexes; ``""`` means every page."""
    cleaned = text.replace("，", ",").replace("－", "-").replace("—", "-").replace(" ", "")
    if not cleaned:
        return list(range(page_count))
    pages: list[int] = []
    for part in cleaned.split(","):
        match = _RANGE_PART.match(part)
        if match is None:
            raise ValidationError("page_range", f"“{text}”的写法不对，应如 1-2,4", label="页码范围")
        first = int(match.group(1))
        last = int(match.group(2) or first)
        if not 1 <= first <= last <= page_count:
            raise ValidationError(
                "page_range", f"“{part}”超出了 1–{page_count} 页", label="页码范围"
            )
        pages += [p - 1 for p in range(first, last + 1) if p - 1 not in pages]
    return pages


def page_image(document: QPdfDocument, page: int, dpi: int = PRINT_DPI) -> QImage:
    """Page ``page`` rendered at ``dpi`` on an opaque white background."""
    points = document.pagePointSize(page)
    size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
    rendered = document.render(page, size)
    image = QImage(size, QImage.Format.Format_RGB32)
    image.fill(QColor(Qt.GlobalColor.white))  # paper, not a screen colour
    painter = QPainter(image)
    painter.drawImage(0, 0, rendered)
    painter.end()
    return image


def prepare_printer(printer: QPrinter, options: PrintOptions) -> None:
    """A4 portrait, full page, the copies and the job's title."""
    printer.setFullPage(True)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setDocName(options.title)
    printer.setCopyCount(options.copies)


def make_printer(options: PrintOptions) -> QPrinter:
    """A QPrinter for a named system printer (checked first)."""
    info = check_printer(options.printer)
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    prepare_printer(printer, options)
    return printer


def render_to_printer(
    document: QPdfDocument,
    printer: QPrinter,
    pages: list[int] | None = None,
    *,
    offset_mm: tuple[float, float] = (0.0, 0.0),
    copies: int = 1,
) -> int:
    """Paint ``pages`` (all by default) on ``printer``, each fitted to the paper and shifted by
    ``offset_mm``; the copies are painted here when the printer cannot make them itself.
    Returns the number of pages painted."""
    pages = list(range(document.pageCount())) if pages is None else pages
    if not pages:
        raise DjdeskError("没有可打印的页面。")
    repeat = 1 if printer.supportsMultipleCopies() else max(1, copies)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrinterUnavailableError(
            "无法开始打印：打印机不可用或拒绝了打印任务，文书未登记为已打印。"
        )
    dots_per_mm = printer.resolution() / 25.4
    painted = 0
    try:
        for _copy in range(repeat):
            for page in pages:
                if painted:
                    printer.newPage()
                image = page_image(document, page, min(PRINT_DPI, printer.resolution()))
                area = QRectF(painter.viewport())
                target = image.size().scaled(
                    area.size().toSize(), Qt.AspectRatioMode.KeepAspectRatio
                )
                origin = QPointF(offset_mm[0] * dots_per_mm, offset_mm[1] * dots_per_mm)
                painter.drawImage(QRectF(origin, target.toSizeF()), image)
                painted += 1
    finally:
        painter.end()
    return painted


def load_pdf(content: bytes) -> tuple[QPdfDocument, QBuffer]:
    """A QPdfDocument over the bytes (keep the buffer alive as long as the document)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(content))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() == 0:
        raise DjdeskError("文书内容不是可读的 PDF，无法打印。")
    return document, buffer


def print_pdf_bytes(content: bytes, options: PrintOptions) -> int:
    """Print PDF bytes on the named printer; returns the pages sent (for one copy)."""
    if not 1 <= options.copies <= 99:
        raise ValidationError("copies", "应为 1–99 份", label="份数")
    printer = make_printer(options)
    document, buffer = load_pdf(content)
    try:
        pages = parse_page_range(options.page_range, document.pageCount())
        render_to_printer(
            document, printer, pages, offset_mm=options.offset_mm, copies=options.copies
        )
        log.info("printed %d page(s) x%d on %s", len(pages), options.copies, options.printer)
        return len(pages)
    finally:
        document.close()
        buffer.close()


def qt_sender(settings: Settings) -> SendToPrinter:
    """A :data:`~djdesk.services.documents.SendToPrinter` that prints through Qt, applying each
    printer's calibration offset from ``settings``."""

    def send(content: bytes, job: PrintJob) -> int:
        options = PrintOptions(
            printer=job.printer,
            copies=job.copies,
            page_range=job.page_range,
            offset_mm=settings.printer_offset(job.printer),
            title=job.title or "djdesk",
        )
        return print_pdf_bytes(content, options)

    return send
