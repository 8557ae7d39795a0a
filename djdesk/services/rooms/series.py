"""Recurring bookings: a per-date plan (free / clashes with X / closed / against a rule), then
"book the free dates, skip the rest" in one step, reporting exactly which dates were skipped
and why; later, one occurrence or the rest of the series can be cancelled, and a skipped date
can be booked into the series once it is free.

Each date is checked by the same rules as a single booking, against the room's bookings *and
the series' own earlier dates* (so a series can never clash with itself), with the series'
longer advance limit. Planning and booking load the facts for the whole span in one go; the
booking step locks the room, plans again and inserts in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from djdesk.actor import Actor
from djdesk.db.audit import record_event
from djdesk.db.models.rooms import Booking, BookingSeries
from djdesk.db.session import Database
from djdesk.errors import NotFoundError, ValidationErrors
from djdesk.services.origin import site_origin
from djdesk.services.rooms.bookers import find_or_add_booker_in
from djdesk.services.rooms.booking_info import BookingInfo, add_event, booking_info
from djdesk.services.rooms.booking_input import BookingInput, field_error, validate_booking
from djdesk.services.rooms.bookings import SERIAL_KIND, override_allowed
from djdesk.services.rooms.calendar import centre_now
from djdesk.services.rooms.check_data import load_check_data
from djdesk.services.rooms.checks import BookingCheck, CheckData, Existing, evaluate
from djdesk.services.rooms.locking import lock_room
from djdesk.services.rooms.recurrence import Occurrence, occurrences
from djdesk.services.rooms.types import BookingStatus, EventKind, Frequency, PlanOutcome, Rule
from djdesk.services.serials import allocate_serials


@dataclass(frozen=True)
class SeriesInput:
    """A recurring booking: the first occurrence (``booking.day``) and how it repeats."""

    booking: BookingInput
    frequency: Frequency = Frequency.WEEKLY
    until: date | None = None
    count: int | None = None


@dataclass(frozen=True)
class PlanEntry:
    index: int
    day: date | None
    label: str
    outcome: PlanOutcome
    reason: str = ""
    clash_ids: tuple[int, ...] = ()
    check: BookingCheck | None = None

    def line(self) -> str:
        return f"{self.label}：{self.outcome}" + (f"（{self.reason}）" if self.reason else "")


@dataclass(frozen=True)
class SeriesPlan:
    entries: tuple[PlanEntry, ...]

    @property
    def free(self) -> tuple[PlanEntry, ...]:
        return tuple(e for e in self.entries if e.outcome is PlanOutcome.FREE)

    @property
    def skipped(self) -> tuple[PlanEntry, ...]:
        return tuple(e for e in self.entries if e.outcome is not PlanOutcome.FREE)


@dataclass(frozen=True)
class SeriesResult:
    series_id: int
    booked: tuple[BookingInfo, ...]
    skipped: tuple[PlanEntry, ...]


def _entry(occ: Occurrence, check: BookingCheck) -> PlanEntry:
    blocking = check.blocking
    if not blocking:
        warn = "；".join(r.message for r in check.warnings)
        return PlanEntry(occ.index, occ.day, occ.label, PlanOutcome.FREE, warn, check=check)
    by_rule = {r.rule: r for r in blocking}
    if Rule.CLOSURE in by_rule or Rule.OPENING_HOURS in by_rule:
        hit = by_rule.get(Rule.CLOSURE) or by_rule[Rule.OPENING_HOURS]
        return PlanEntry(
            occ.index, occ.day, occ.label, PlanOutcome.CLOSED, hit.message, check=check
        )
    if Rule.CONFLICT in by_rule:
        hit = by_rule[Rule.CONFLICT]
        return PlanEntry(
            occ.index, occ.day, occ.label, PlanOutcome.CLASH, hit.message, hit.booking_ids, check
        )
    reason = "；".join(r.text() for r in blocking)
    return PlanEntry(occ.index, occ.day, occ.label, PlanOutcome.BLOCKED, reason, check=check)


def plan_dates(
    clean: BookingInput, occ: list[Occurrence], facts: CheckData, now: datetime, *, override: bool
) -> tuple[PlanEntry, ...]:
    """Judge every occurrence in order; each free one is counted before the next is judged."""
    entries = []
    for o in occ:
        if o.day is None:
            entries.append(PlanEntry(o.index, None, o.label, PlanOutcome.NO_DATE, "该月没有这一天"))
            continue
        data = replace(clean, day=o.day)
        entry = _entry(o, evaluate(data, facts, now, override=override, series=True))
        entries.append(entry)
        if entry.outcome is PlanOutcome.FREE:
            assert clean.start is not None and clean.end is not None
            mine = Existing(
                -o.index,
                "",
                o.day,
                clean.start,
                clean.end,
                BookingStatus.APPROVED,
                facts.booker.name,
            )
            facts.add(mine)
    return tuple(entries)


def _prepare(series: SeriesInput) -> tuple[BookingInput, list[Occurrence]]:
    clean = validate_booking(series.booking)
    assert clean.day is not None
    return clean, occurrences(clean.day, series.frequency, until=series.until, count=series.count)


def series_facts(
    session: Session, clean: BookingInput, occ: list[Occurrence], now: datetime
) -> CheckData:
    days = [o.day for o in occ if o.day is not None]
    assert clean.room_id is not None
    return load_check_data(
        session,
        clean.room_id,
        min(days),
        max(days),
        booker_id=clean.booker_id,
        walk_in=clean.booker,
        today=now.date(),
    )


def plan_series(
    db: Database, series: SeriesInput, *, actor: Actor | None = None, now: datetime | None = None
) -> SeriesPlan:
    """The per-date plan, without saving."""
    clean, occ = _prepare(series)
    now = now or centre_now()
    override = override_allowed(clean, actor)
    with db.reading() as session:
        facts = series_facts(session, clean, occ, now)
        return SeriesPlan(plan_dates(clean, occ, facts, now, override=override))


def book_series(
    db: Database,
    series: SeriesInput,
    *,
    actor: Actor,
    approve: bool = False,
    now: datetime | None = None,
) -> SeriesResult:
    """Book every free date and skip the rest, in one transaction under the room's lock."""
    clean, occ = _prepare(series)
    now = now or centre_now()
    override = override_allowed(clean, actor)
    assert clean.room_id is not None and clean.start is not None and clean.end is not None
    with db.unit_of_work(actor, what="定期预约场地") as session:
        lock_room(session, clean.room_id)
        facts = series_facts(session, clean, occ, now)
        plan = SeriesPlan(plan_dates(clean, occ, facts, now, override=override))
        if not plan.free:
            first = next((e.check for e in plan.entries if e.check is not None), None)
            if first is not None:
                raise first.refusal()
            raise ValidationErrors([field_error("day", "所有日期都无法预约")])
        return insert_series(
            session, clean, series, plan, facts, actor=actor, approve=approve, now=now
        )


def insert_series(
    session: Session,
    clean: BookingInput,
    series: SeriesInput,
    plan: SeriesPlan,
    facts: CheckData,
    *,
    actor: Actor,
    approve: bool,
    now: datetime,
) -> SeriesResult:
    assert clean.start is not None and clean.end is not None and clean.room_id is not None
    origin = site_origin(session)
    booker_id = facts.booker.id
    if booker_id is None:
        assert clean.booker is not None
        booker_id = find_or_add_booker_in(session, replace(clean.booker, walk_in=True)).id
    skipped = "\n".join(e.line() for e in plan.skipped)
    row = BookingSeries(
        origin=origin,
        room_id=clean.room_id,
        booker_id=booker_id,
        frequency=series.frequency,
        first_day=clean.day,
        until_day=series.until,
        count=series.count,
        start_minute=clean.start,
        end_minute=clean.end,
        purpose=clean.purpose,
        skipped=skipped,
    )
    session.add(row)
    session.flush()
    status = (
        BookingStatus.APPROVED
        if approve or not facts.room.needs_approval
        else BookingStatus.PENDING
    )
    free = plan.free
    serials = allocate_serials(
        session, SERIAL_KIND, year=now.year, subjects=[f"{facts.room.name} {e.label}" for e in free]
    )
    rows = [
        Booking(
            origin=origin,
            serial=serial.text,
            room_id=clean.room_id,
            booker_id=booker_id,
            series_id=row.id,
            day=entry.day,
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
        )
        for entry, serial in zip(free, serials, strict=True)
    ]
    session.add_all(rows)
    session.flush()
    note = f"定期预约（{series.frequency}），共 {len(plan.entries)} 次，跳过 {len(plan.skipped)} 次"
    for booking, entry in zip(rows, free, strict=True):
        add_event(
            session,
            booking,
            EventKind.CREATED,
            actor,
            reason="；".join(filter(None, [note, entry.reason])),
        )
    session.flush()
    record_event(session, "create", table="booking_series", uid=row.uid, summary=note)
    return SeriesResult(row.id, tuple(booking_info(b) for b in rows), plan.skipped)


def _load_series(session: Session, series_id: int) -> BookingSeries:
    row = session.get(BookingSeries, series_id)
    if row is None or row.deleted_at is not None:
        raise NotFoundError("找不到该定期预约。")
    return row


def series_bookings(db: Database, series_id: int) -> list[BookingInfo]:
    with db.reading() as session:
        _load_series(session, series_id)
        stmt = select(Booking).where(Booking.series_id == series_id).order_by(Booking.day)
        return [booking_info(b) for b in session.scalars(stmt)]


def cancel_series_rest(
    db: Database, series_id: int, from_day: date, *, actor: Actor, reason: str
) -> list[BookingInfo]:
    """Cancel every pending or approved occurrence on or after ``from_day``."""
    why = " ".join(reason.split())
    if not why:
        raise ValidationErrors([field_error("reason", "请填写取消理由")])
    with db.unit_of_work(actor, what="取消定期预约") as session:
        _load_series(session, series_id)
        stmt = select(Booking).where(
            Booking.series_id == series_id,
            Booking.day >= from_day,
            Booking.status.in_((BookingStatus.PENDING, BookingStatus.APPROVED)),
        )
        out = []
        for booking in session.scalars(stmt.order_by(Booking.day)):
            before = booking.status
            booking.status = BookingStatus.CANCELLED
            session.flush()
            add_event(
                session,
                booking,
                EventKind.CANCELLED,
                actor,
                before=before,
                reason=f"取消其后各次：{why}",
            )
            out.append(booking_info(booking))
        return out


def add_series_date(
    db: Database, series_id: int, day: date, *, actor: Actor, now: datetime | None = None
) -> BookingInfo:
    """Book one more date into a series (e.g. a date skipped earlier that is free again)."""
    from djdesk.services.rooms.bookings import insert_booking_in

    now = now or centre_now()
    with db.reading() as session:
        s = _load_series(session, series_id)
        data = BookingInput(
            room_id=s.room_id,
            day=day,
            start=s.start_minute,
            end=s.end_minute,
            booker_id=s.booker_id,
            purpose=s.purpose,
            public_benefit=True,
        )
        first = session.scalar(select(Booking).where(Booking.series_id == series_id).limit(1))
        if first is not None:
            data = replace(
                data,
                attendees=first.attendees,
                official=first.official,
                contact_name=first.contact_name,
                contact_phone=first.contact_phone,
            )
    clean = validate_booking(data)
    with db.unit_of_work(actor, what="定期预约场地") as session:
        lock_room(session, s.room_id)
        facts = load_check_data(
            session, s.room_id, day, day, booker_id=s.booker_id, walk_in=None, today=now.date()
        )
        check = evaluate(clean, facts, now, series=True)
        if not check.allowed:
            raise check.refusal()
        row = insert_booking_in(
            session, clean, facts, check, actor=actor, approve=False, now=now, series_id=series_id
        )
        return booking_info(row)
