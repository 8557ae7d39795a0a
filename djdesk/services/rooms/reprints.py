"""How the register rebuilds the rooms area's documents (see
:mod:`djdesk.services.documents.reprint`): the 预约确认单 for a 补打 from its serial, and the
door sheet and the bump notice for a look at what was printed, each from the data it was first
printed with, through the same builder."""

from __future__ import annotations

from djdesk.documents.base.marks import PageMarks
from djdesk.documents.rooms.bump_notice import BumpNotice, build_bump_notice
from djdesk.documents.rooms.confirmation import BookingConfirmation, build_booking_confirmation
from djdesk.documents.rooms.day_sheet import DaySheet, build_day_sheet
from djdesk.services.documents.payload import from_payload
from djdesk.services.documents.reprint import Reproducer
from djdesk.services.documents.types import DocumentFormat
from djdesk.services.rooms.printing import BUMP_NOTICE_KIND, CONFIRMATION_KIND, DAY_SHEET_KIND


def rebuild_confirmation(
    payload: str, file_format: DocumentFormat, marks: PageMarks, invariant: bool
) -> bytes:
    data = from_payload(BookingConfirmation, payload)
    return build_booking_confirmation(data, invariant=invariant, marks=marks)


def rebuild_day_sheet(
    payload: str, file_format: DocumentFormat, marks: PageMarks, invariant: bool
) -> bytes:
    return build_day_sheet(from_payload(DaySheet, payload), invariant=invariant)


def rebuild_bump_notice(
    payload: str, file_format: DocumentFormat, marks: PageMarks, invariant: bool
) -> bytes:
    return build_bump_notice(from_payload(BumpNotice, payload), invariant=invariant)


REPRINTS: dict[str, Reproducer] = {
    CONFIRMATION_KIND: rebuild_confirmation,
    DAY_SHEET_KIND: rebuild_day_sheet,
    BUMP_NOTICE_KIND: rebuild_bump_notice,
}
