"""Printing the rooms area's documents: the booking confirmation, the day's door sheet and the
bump notice, each to a file or a printer and entered in the document register
(:mod:`djdesk.services.documents`) in the same unit of work that audits the print: a refused
printer or an unwritable file leaves neither an entry nor a file.

The confirmation's number is the booking's serial, taken from the serial allocator when the
booking was made; printing never takes a new one, so a second print of it is a 补打 (with a
reason, stamped on the page) and the register can rebuild it from its serial
(:mod:`~djdesk.services.rooms.reprints`). The door sheet and the notice carry no number.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from djdesk.actor import Actor
from djdesk.db.audit import record_event
from djdesk.db.models.rooms import Booking, BookingEvent
from djdesk.db.session import Database
from djdesk.documents.rooms.bump_notice import TITLE as BUMP_TITLE
from djdesk.documents.rooms.bump_notice import BumpNotice, build_bump_notice
from djdesk.documents.rooms.confirmation import TITLE as CONFIRMATION_TITLE
from djdesk.documents.rooms.confirmation import BookingConfirmation, build_booking_confirmation
from djdesk.documents.rooms.day_sheet import TITLE as DAY_SHEET_TITLE
from djdesk.documents.rooms.day_sheet import DaySheet, DaySheetRow, build_day_sheet
from djdesk.errors import DjdeskError
from djdesk.services.documents import (
    Destination,
    DocumentSpec,
    IssuedDocument,
    SendToPrinter,
    Subject,
    issue_document,
    marks_for,
    to_payload,
)
from djdesk.services.printing import PrintedDocument
from djdesk.services.rooms.booking_info import load_booking
from djdesk.services.rooms.calendar import format_minute
from djdesk.services.rooms.types import BookerCategory, BookingStatus
from djdesk.services.rooms.views import day_grid
from djdesk.services.site.identity import require_site
from djdesk.validation.masking import mask_phone

ALL_ROLES_NOTE = "打印场地文书"
#: Kinds of the rooms area's documents in the document register.
CONFIRMATION_KIND = "room-booking"
DAY_SHEET_KIND = "room-day-sheet"
BUMP_NOTICE_KIND = "room-bump-notice"


def _time(row: Booking) -> str:
    return f"{format_minute(row.start_minute)}–{format_minute(row.end_minute)}"


def _contact(row: Booking) -> str:
    name = (
        row.contact_name
        or row.booker.contact
        or (row.booker.name if row.booker.category == BookerCategory.RESIDENT else "")
    )
    phone = row.contact_phone or row.booker.phone
    return "　".join(p for p in (name, mask_phone(phone) if phone else "") if p)


def _handler(actor: Actor) -> str:
    return actor.display_name if actor.user_id is not None else ""


def confirmation_data(
    db: Database, booking_id: int, *, actor: Actor, on: date | None = None
) -> BookingConfirmation:
    """The confirmation of a booking that is pending, approved or used."""
    site = require_site(db)
    with db.reading() as session:
        row = load_booking(session, booking_id)
        if row.status not in (BookingStatus.PENDING, BookingStatus.APPROVED, BookingStatus.USED):
            raise DjdeskError(f"预约 {row.serial} 已{row.status}，不能打印确认单。")
        room = row.room
        return BookingConfirmation(
            community=site.name,
            serial=row.serial,
            room_name=room.name,
            room_place=" ".join(p for p in (room.floor, room.location) if p),
            day=row.day,
            time_text=_time(row),
            booker_name=row.booker.name,
            booker_category=row.booker.category,
            contact=_contact(row),
            purpose=row.purpose,
            attendees=row.attendees,
            status=row.status,
            equipment=room.equipment,
            site_phone=room.phone or site.phone,
            handled_by=_handler(actor),
            issued_on=on or date.today(),
        )


def _destination(out: Path | Destination) -> Destination:
    return out if isinstance(out, Destination) else Destination.file(out)


def _printed(destination: Destination, serial: str, issued: IssuedDocument) -> PrintedDocument:
    return PrintedDocument(destination.path or Path(), serial, document_id=issued.document.id)


def print_booking(
    db: Database,
    booking_id: int,
    out: Path | Destination,
    *,
    actor: Actor,
    on: date | None = None,
    invariant: bool = False,
    reprint_reason: str = "",
    send: SendToPrinter | None = None,
) -> PrintedDocument:
    """The 预约确认单 to a file or a printer, entered in the document register.

    Its number is the booking's serial, so a second print is a 补打 and needs
    ``reprint_reason`` (the register refuses it otherwise, naming the field).
    """
    data = confirmation_data(db, booking_id, actor=actor, on=on)
    destination = _destination(out)
    with db.unit_of_work(actor, what=ALL_ROLES_NOTE) as session:
        row = load_booking(session, booking_id)
        if row.serial != data.serial or row.status != data.status:
            raise DjdeskError(f"预约 {row.serial} 刚被修改，请重新打印。")
        label = f"{data.booker_name} {data.room_name} {data.day:%Y-%m-%d}"
        spec = DocumentSpec(
            kind=CONFIRMATION_KIND,
            title=CONFIRMATION_TITLE,
            serial=row.serial,
            subject=Subject("booking", row.uid, label),
            payload=to_payload(data),
        )
        issued = issue_document(
            session,
            spec,
            lambda copy: build_booking_confirmation(
                data, invariant=invariant, marks=marks_for(copy)
            ),
            destination,
            send=send,
            reason=reprint_reason,
        )
        record_event(
            session,
            "print",
            table="booking",
            uid=row.uid,
            summary=f"打印场地预约确认单 {row.serial}",
        )
    return _printed(destination, data.serial, issued)


def _door_name(name: str, category: str) -> str:
    """Residents appear on the door with the surname only."""
    return f"{name[:1]}*" if category == BookerCategory.RESIDENT and name else name


def day_sheet_data(db: Database, day: date) -> DaySheet:
    site = require_site(db)
    grid = day_grid(db, day)
    names = {r.id: r.name for r in grid.rooms}
    order = {r.id: i for i, r in enumerate(grid.rooms)}
    rows = tuple(
        DaySheetRow(
            names[b.room_id],
            f"{format_minute(b.start)}–{format_minute(b.end)}",
            _door_name(b.booker_name, b.booker_category),
            b.purpose,
            b.attendees,
            b.status,
        )
        for b in sorted(grid.bookings, key=lambda b: (order[b.room_id], b.start))
    )
    closed = tuple((r.name, r.schedule.closed_reason) for r in grid.rooms if not r.schedule.is_open)
    return DaySheet(
        community=site.name, day=day, rows=rows, closed_rooms=closed, holiday=grid.holiday_name
    )


def print_day_sheet(
    db: Database,
    day: date,
    out: Path | Destination,
    *,
    actor: Actor,
    invariant: bool = False,
    send: SendToPrinter | None = None,
) -> PrintedDocument:
    """The 当日场地安排表 of ``day`` to a file or a printer, entered in the register."""
    sheet = day_sheet_data(db, day)
    destination = _destination(out)
    with db.unit_of_work(actor, what=ALL_ROLES_NOTE) as session:
        spec = DocumentSpec(
            kind=DAY_SHEET_KIND,
            title=DAY_SHEET_TITLE,
            subject=Subject("room", "", f"{day:%Y-%m-%d} 场地安排"),
            payload=to_payload(sheet),
        )
        issued = issue_document(
            session,
            spec,
            lambda _copy: build_day_sheet(sheet, invariant=invariant),
            destination,
            send=send,
        )
        summary = f"打印当日场地安排表 {day:%Y-%m-%d}（{len(sheet.rows)} 场）"
        record_event(session, "print", table="booking", summary=summary)
    return _printed(destination, "", issued)


def _bump_notice(
    session: Session, booking_id: int, on: date, community: str, phone: str
) -> BumpNotice:
    row = load_booking(session, booking_id)
    if row.bumped_by_id is None:
        raise DjdeskError(f"预约 {row.serial} 没有被让出，无需打印变更通知。")
    meeting = load_booking(session, row.bumped_by_id)
    reason = next(
        (e for e in reversed(_events(session, row.id)) if e.startswith("让出给")),
        "党组织会议优先使用",
    )
    return BumpNotice(
        community=community,
        booker_name=row.booker.name,
        serial=row.serial,
        room_name=row.room.name,
        day=row.day,
        time_text=_time(row),
        meeting_org=meeting.booker.name,
        meeting_purpose=meeting.purpose,
        reason=reason.split("：", 1)[-1],
        site_phone=row.room.phone or phone,
        issued_on=on,
    )


def _events(session: Session, booking_id: int) -> list[str]:
    stmt = (
        select(BookingEvent.reason)
        .where(BookingEvent.booking_id == booking_id)
        .order_by(BookingEvent.id)
    )
    return list(session.scalars(stmt))


def bump_notice_data(db: Database, booking_id: int, *, on: date | None = None) -> BumpNotice:
    site = require_site(db)
    with db.reading() as session:
        return _bump_notice(session, booking_id, on or date.today(), site.name, site.phone)


def print_bump_notice(
    db: Database,
    booking_id: int,
    out: Path | Destination,
    *,
    actor: Actor,
    on: date | None = None,
    invariant: bool = False,
    send: SendToPrinter | None = None,
) -> PrintedDocument:
    """The 场地预约变更通知 of a displaced booking, entered in the register.

    The notice carries no number of its own (the booking's serial belongs to its
    confirmation), so printing it again is simply another notice.
    """
    notice = bump_notice_data(db, booking_id, on=on)
    destination = _destination(out)
    with db.unit_of_work(actor, what=ALL_ROLES_NOTE) as session:
        row = load_booking(session, booking_id)
        spec = DocumentSpec(
            kind=BUMP_NOTICE_KIND,
            title=BUMP_TITLE,
            subject=Subject("booking", row.uid, f"{notice.booker_name} {notice.serial}"),
            payload=to_payload(notice),
        )
        issued = issue_document(
            session,
            spec,
            lambda _copy: build_bump_notice(notice, invariant=invariant),
            destination,
            send=send,
        )
        summary = f"打印场地预约变更通知 {notice.serial}"
        record_event(session, "print", table="booking", uid=row.uid, summary=summary)
    return _printed(destination, notice.serial, issued)
