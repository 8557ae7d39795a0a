"""Printing the rooms area's documents: the booking confirmation, the day's door sheet and the
bump notice. Each PDF is built before the file is touched and the print is audited in the same
unit of work that writes the file. The confirmation's number is the booking's serial, taken
from the serial allocator when the booking was made; printing never takes a new one.
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
from djdesk.documents.rooms.bump_notice import BumpNotice, build_bump_notice
from djdesk.documents.rooms.confirmation import BookingConfirmation, build_booking_confirmation
from djdesk.documents.rooms.day_sheet import DaySheet, DaySheetRow, build_day_sheet
from djdesk.errors import DjdeskError
from djdesk.services.printing import PrintedDocument, write_atomically
from djdesk.services.rooms.booking_info import load_booking
from djdesk.services.rooms.calendar import format_minute
from djdesk.services.rooms.types import BookerCategory, BookingStatus
from djdesk.services.rooms.views import day_grid
from djdesk.services.site.identity import require_site
from djdesk.validation.masking import mask_phone

ALL_ROLES_NOTE = "打印场地文书"


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


def _audited_write(
    db: Database, actor: Actor, out: Path, pdf: bytes, summary: str, uid: str = ""
) -> None:
    with db.unit_of_work(actor, what=ALL_ROLES_NOTE) as session:
        write_atomically(out, pdf)
        record_event(session, "print", table="booking", uid=uid, summary=summary)


def print_booking(
    db: Database,
    booking_id: int,
    out: Path,
    *,
    actor: Actor,
    on: date | None = None,
    invariant: bool = False,
) -> PrintedDocument:
    data = confirmation_data(db, booking_id, actor=actor, on=on)
    pdf = build_booking_confirmation(data, invariant=invariant)
    uid = _uid(db, booking_id)
    _audited_write(db, actor, out, pdf, f"打印场地预约确认单 {data.serial}", uid)
    return PrintedDocument(out, data.serial)


def _uid(db: Database, booking_id: int) -> str:
    with db.reading() as session:
        return load_booking(session, booking_id).uid


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
    db: Database, day: date, out: Path, *, actor: Actor, invariant: bool = False
) -> PrintedDocument:
    sheet = day_sheet_data(db, day)
    pdf = build_day_sheet(sheet, invariant=invariant)
    _audited_write(
        db, actor, out, pdf, f"打印当日场地安排表 {day:%Y-%m-%d}（{len(sheet.rows)} 场）"
    )
    return PrintedDocument(out, "")


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
    out: Path,
    *,
    actor: Actor,
    on: date | None = None,
    invariant: bool = False,
) -> PrintedDocument:
    notice = bump_notice_data(db, booking_id, on=on)
    pdf = build_bump_notice(notice, invariant=invariant)
    _audited_write(
        db, actor, out, pdf, f"打印场地预约变更通知 {notice.serial}", _uid(db, booking_id)
    )
    return PrintedDocument(out, notice.serial)
