"""Checking and making one booking: the same rules for the form, the command line and imports.

:func:`check_booking` judges a booking without saving (the form shows every rule at its
field). :func:`create_booking` locks the room, checks again inside the same transaction and
inserts, so two clerks saving the same slot at once end with one booking and one refusal
naming the clash. A booking is 已批准 at once when the room needs no approval or the clerk
approves it on the spot; otherwise it waits as 待审批 (tentative). An administrator may set
the overridable rules aside with a reason; an official Party meeting may displace residents'
bookings with a reason (priority bump, see :mod:`~djdesk.services.rooms.bump`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy.orm import Session

from djdesk.actor import ADMINS, Actor
from djdesk.db.audit import record_event
from djdesk.db.models.rooms import Booking
from djdesk.db.session import Database
from djdesk.errors import ValidationErrors
from djdesk.services.origin import site_origin
from djdesk.services.rooms.bookers import find_or_add_booker_in
from djdesk.services.rooms.booking_info import BookingInfo, add_event, booking_info
from djdesk.services.rooms.booking_input import BookingInput, field_error, validate_booking
from djdesk.services.rooms.bump import displace_in
from djdesk.services.rooms.calendar import centre_now
from djdesk.services.rooms.check_data import conflict_probe, load_check_data
from djdesk.services.rooms.checks import BookingCheck, CheckData, RuleResult, evaluate
from djdesk.services.rooms.locking import lock_room
from djdesk.services.rooms.types import BookingStatus, EventKind
from djdesk.services.serials import allocate_serial

SERIAL_KIND = "room-booking"


@dataclass(frozen=True)
class BookingResult:
    """What was saved, with the warnings the clerk saw and the bookings it displaced."""

    booking: BookingInfo
    check: BookingCheck
    displaced: tuple[BookingInfo, ...] = ()


def override_allowed(data: BookingInput, actor: Actor | None) -> bool:
    if not data.override_reason:
        return False
    if actor is None:
        return True  # a preview: show what an override would set aside
    actor.require(ADMINS, "例外放行预约规则")
    return True


def _facts(session: Session, data: BookingInput, now: datetime, exclude: int | None) -> CheckData:
    assert data.room_id is not None and data.day is not None
    return load_check_data(
        session,
        data.room_id,
        data.day,
        data.day,
        booker_id=data.booker_id,
        walk_in=data.booker,
        today=now.date(),
        exclude_id=exclude,
    )


def check_booking(
    db: Database,
    data: BookingInput,
    *,
    actor: Actor | None = None,
    now: datetime | None = None,
    booking_id: int | None = None,
    bump: bool = False,
) -> BookingCheck:
    """Every rule's result for ``data`` without saving (``booking_id``: a booking being edited,
    left out of its own clash and quota counts). Malformed fields raise ``ValidationErrors``."""
    clean = validate_booking(data)
    now = now or centre_now()
    override = override_allowed(clean, actor)
    with db.reading() as session:
        facts = _facts(session, clean, now, booking_id)
    return evaluate(clean, facts, now, exclude_id=booking_id, may_bump=bump, override=override)


def check_conflict(
    db: Database, room_id: int, day: date, start: int, end: int, *, booking_id: int | None = None
) -> tuple[RuleResult, RuleResult]:
    """Just the clash rules (时间冲突, 待审批预约重叠) for a stretch of a room: fast enough to
    run on every mouse move over the day view."""
    with db.reading() as session:
        return conflict_probe(session, room_id, day, start, end, exclude_id=booking_id)


def create_booking(
    db: Database,
    data: BookingInput,
    *,
    actor: Actor,
    approve: bool = False,
    bump_reason: str = "",
    now: datetime | None = None,
) -> BookingResult:
    """Save one booking after checking every rule under the room's lock, or refuse it
    (:class:`~djdesk.services.rooms.checks.BookingRefusedError`, nothing saved)."""
    clean = validate_booking(data)
    now = now or centre_now()
    override = override_allowed(clean, actor)
    bump_reason = " ".join(bump_reason.split())
    if bump_reason and not clean.official:
        raise ValidationErrors([field_error("official", "只有党组织正式会议可以让其他预约让出")])
    assert clean.room_id is not None
    with db.unit_of_work(actor, what="预约场地") as session:
        lock_room(session, clean.room_id)  # first statement: see locking.py
        facts = _facts(session, clean, now, None)
        check = evaluate(clean, facts, now, may_bump=bool(bump_reason), override=override)
        if not check.allowed:
            raise check.refusal()
        row = insert_booking_in(session, clean, facts, check, actor=actor, approve=approve, now=now)
        displaced: tuple[BookingInfo, ...] = ()
        if check.displaced():
            displaced = displace_in(session, row, check.displaced(), bump_reason, actor=actor)
        elif bump_reason and not clean.official:
            raise ValidationErrors(
                [field_error("official", "只有党组织正式会议可以让其他预约让出")]
            )
        return BookingResult(booking_info(row), check, displaced)


def insert_booking_in(
    session: Session,
    clean: BookingInput,
    facts: CheckData,
    check: BookingCheck,
    *,
    actor: Actor,
    approve: bool,
    now: datetime,
    series_id: int | None = None,
) -> Booking:
    """Insert a checked booking with its serial and history inside the caller's unit of work."""
    assert clean.day is not None and clean.start is not None and clean.end is not None
    if facts.booker.id is not None:
        booker_id = facts.booker.id
    else:
        assert clean.booker is not None
        booker_id = find_or_add_booker_in(session, replace(clean.booker, walk_in=True)).id
        facts.booker = replace(facts.booker, id=booker_id)  # the next date of a series
    approved = approve or not facts.room.needs_approval
    status = BookingStatus.APPROVED if approved else BookingStatus.PENDING
    serial = allocate_serial(
        session, SERIAL_KIND, year=now.year, subject=f"{facts.room.name} {clean.day:%Y-%m-%d}"
    )
    row = Booking(
        origin=site_origin(session),
        serial=serial.text,
        room_id=clean.room_id,
        booker_id=booker_id,
        series_id=series_id,
        day=clean.day,
        start_minute=clean.start,
        end_minute=clean.end,
        purpose=clean.purpose,
        attendees=clean.attendees,
        contact_name=clean.contact_name,
        contact_phone=clean.contact_phone,
        public_benefit=clean.public_benefit,
        official=clean.official,
        status=status,
        created_by=actor.display_name,
        override_reason=clean.override_reason if check.overridden else "",
    )
    session.add(row)
    session.flush()
    warnings = "；".join(r.message for r in check.warnings)
    add_event(session, row, EventKind.CREATED, actor, reason=warnings)
    if check.overridden:
        rules = "、".join(r.rule.value for r in check.overridden)
        reason = f"例外放行（{rules}）：{clean.override_reason}"
        add_event(session, row, EventKind.OVERRIDE, actor, before=status, reason=reason)
        record_event(session, "override", table="booking", uid=row.uid, summary=reason)
    return row
