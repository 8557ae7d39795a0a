"""The document register (文书登记), shared by every area: what was printed or saved, by whom,
when, where to; reprints marked 补打/副本, counted and explained.

Areas issue documents with :func:`issue_document` inside their unit of work (see
:mod:`.issue`); screens and commands look documents up (:func:`find_by_serial`,
:func:`register_page`), add outputs of a rendering (:func:`record_output`) and reprint
(:func:`reprint`, :func:`reprint_serial`).
"""

from __future__ import annotations

from djdesk.services.documents.issue import deliver, issue_document, marks_for, pdf_page_count
from djdesk.services.documents.payload import from_payload, to_payload
from djdesk.services.documents.register import (
    find_by_serial,
    get_document,
    plan_copy,
    record_output,
    register_kinds,
    register_output,
    register_page,
    reprint_count,
)
from djdesk.services.documents.reprint import reprint, reprint_serial, reproduce
from djdesk.services.documents.types import (
    CopyPlan,
    Destination,
    DocumentFormat,
    DocumentSpec,
    IssuedDocument,
    OutputKind,
    PrinterUnavailableError,
    PrintJob,
    RegisteredDocument,
    RegisterPage,
    RegisterQuery,
    ReprintMark,
    ReprintReasonRequiredError,
    SendToPrinter,
    Subject,
)

__all__ = [
    "CopyPlan",
    "Destination",
    "DocumentFormat",
    "DocumentSpec",
    "IssuedDocument",
    "OutputKind",
    "PrintJob",
    "PrinterUnavailableError",
    "RegisterPage",
    "RegisterQuery",
    "RegisteredDocument",
    "ReprintMark",
    "ReprintReasonRequiredError",
    "SendToPrinter",
    "Subject",
    "deliver",
    "find_by_serial",
    "from_payload",
    "get_document",
    "issue_document",
    "marks_for",
    "pdf_page_count",
    "plan_copy",
    "record_output",
    "register_kinds",
    "register_output",
    "register_page",
    "reprint",
    "reprint_count",
    "reprint_serial",
    "reproduce",
    "to_payload",
]
