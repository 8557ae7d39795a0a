"""Issuing a document: plan the copy, build it with its marks, register it, deliver it.

:func:`issue_document` is the one call every area's printing service makes inside its unit of
work (see ``docs/architecture.md``, "Document register")::

    with db.unit_of_work(actor, what="打印…") as session:
        serial = allocate_serial(session, "room-slip", year=on.year, subject=name)
        issued = issue_document(
            session,
            DocumentSpec(kind="room-slip", title="场地使用单", serial=serial.text,
                         subject=Subject("booking", booking.uid, name), payload=to_payload(data)),
            lambda copy: build_room_slip(data, marks=marks_for(copy)),
            destination,                 # Destination.file(path) or Destination.to_printer(name)
            send=send, reason=reason,    # send: how to reach a printer; reason: for a reprint
        )

The entry is flushed before the bytes leave, so a refused printer or an unwritable file rolls
everything back — the serial, the register entry — and nothing is registered as printed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from sqlalchemy.orm import Session

from djdesk.documents.base.marks import PageMarks
from djdesk.errors import DjdeskError
from djdesk.services.documents.register import plan_copy, register_output
from djdesk.services.documents.types import (
    CopyPlan,
    Destination,
    DocumentFormat,
    DocumentSpec,
    IssuedDocument,
    PrintJob,
    ReprintMark,
    SendToPrinter,
)
from djdesk.services.printing import write_atomically

_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def pdf_page_count(content: bytes) -> int:
    """Pages of a PDF djdesk wrote (reportlab writes every page object uncompressed)."""
    return len(_PAGE.findall(content))


def marks_for(copy: CopyPlan, watermark: str = "") -> PageMarks:
    """The page marks of a rendering: the reprint stamp, and a state watermark if any."""
    return PageMarks(stamp=copy.mark, stamp_detail=copy.stamp_detail, watermark=watermark)


def deliver(
    content: bytes,
    destination: Destination,
    *,
    title: str,
    file_format: DocumentFormat = DocumentFormat.PDF,
    send: SendToPrinter | None = None,
) -> None:
    """Write the bytes to the file, or send them to the printer (PDF only)."""
    if not destination.printer:
        if destination.path is None:
            raise ValueError("a destination needs a file or a printer")
        write_atomically(destination.path, content)
        return
    if file_format != DocumentFormat.PDF:
        raise DjdeskError("Word 文档不能直接送打印机，请保存为文件，或打印 PDF。")
    if send is None:
        raise DjdeskError("这里不能直接打印，请先保存为 PDF 文件再打印。")
    job = PrintJob(
        destination.printer, destination.copies, title, page_range=destination.page_range
    )
    send(content, job)


def issue_document(
    session: Session,
    spec: DocumentSpec,
    build: Callable[[CopyPlan], bytes],
    destination: Destination,
    *,
    send: SendToPrinter | None = None,
    reason: str = "",
    mark: ReprintMark = ReprintMark.REPRINT,
) -> IssuedDocument:
    """Plan the copy, build the bytes, register them and deliver them, in ``session``'s unit.

    Raises :class:`~djdesk.services.documents.types.ReprintReasonRequiredError` for a reprint
    without ``reason`` and whatever ``send`` or the file system raises; the caller's unit of
    work then rolls back, so nothing is registered.
    """
    copy = plan_copy(session, spec.serial, spec.file_format, reason=reason, mark=mark)
    content = build(copy)
    pages = pdf_page_count(content) if spec.file_format == DocumentFormat.PDF else 0
    registered = register_output(session, spec, content, destination, copy=copy, pages=pages)
    deliver(content, destination, title=spec.title, file_format=spec.file_format, send=send)
    return IssuedDocument(registered, content, destination)
