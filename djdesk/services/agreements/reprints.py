"""How the register rebuilds the agreements area's documents for a 补打 (see
:mod:`djdesk.services.documents.reprint`): agreements and responsibility books from the frozen
outline they were first printed from, as PDF or Word; the 党群连心卡 as it was printed."""

from __future__ import annotations

from djdesk.documents.agreements.contact_card import ContactCard, build_contact_card
from djdesk.documents.base.marks import PageMarks
from djdesk.outline import Outline
from djdesk.services.agreements.printing import render_outline
from djdesk.services.documents.payload import from_payload
from djdesk.services.documents.reprint import Reproducer
from djdesk.services.documents.types import DocumentFormat


def rebuild_outline(
    payload: str, file_format: DocumentFormat, marks: PageMarks, invariant: bool
) -> bytes:
    return render_outline(from_payload(Outline, payload), file_format, marks, invariant)


def rebuild_card(
    payload: str, file_format: DocumentFormat, marks: PageMarks, invariant: bool
) -> bytes:
    return build_contact_card(from_payload(ContactCard, payload), invariant=invariant, marks=marks)


REPRINTS: dict[str, Reproducer] = {
    "agreement": rebuild_outline,
    "responsibility-book": rebuild_outline,
    "contact-card": rebuild_card,
}
