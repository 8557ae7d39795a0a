"""How the register rebuilds the check-in area's documents for a 补打 (see
:mod:`djdesk.services.documents.reprint`): the 报到回执 from the data it was first printed with."""

from __future__ import annotations

from djdesk.documents.base.marks import PageMarks
from djdesk.documents.checkin.receipt import CheckinReceipt, build_checkin_receipt
from djdesk.services.documents.payload import from_payload
from djdesk.services.documents.reprint import Reproducer
from djdesk.services.documents.types import DocumentFormat


def rebuild_receipt(
    payload: str, file_format: DocumentFormat, marks: PageMarks, invariant: bool
) -> bytes:
    receipt = from_payload(CheckinReceipt, payload)
    return build_checkin_receipt(receipt, invariant=invariant, marks=marks)


REPRINTS: dict[str, Reproducer] = {"checkin-receipt": rebuild_receipt}
