"""When a room is open on a date: weekday hours, China's statutory holidays and 调休 working
days, the centre's and the room's closures, and special hours for single dates.

The holiday calendar comes from the maintained ``holidays`` package (China), which ships the
State Council's yearly notice in its releases; a date it lists as a holiday uses the room's
holiday hours (none by default: closed), and a weekend it lists as a working day (调休上班)
uses the room's 调休 hours, else its Monday hours. The order of precedence for one date is:
closure, then special hours (the room's before the centre's), then the kind of day.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo

from holidays import HolidayBase, country_holidays
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from djdesk.db.models.rooms import RoomClosure, RoomDayHours, RoomHours
from djdesk.services.rooms.types import (
    HOURS_ADJUSTED_WORKDAY,
    HOURS_HOLIDAY,
    WEEKDAY_NAMES,
    DayKind,
)

Interval = tuple[int, int]

#: Booking dates and times are the centre's wall time (DESIGN.md §1 rule 9).
CENTRE_TIMEZONE = "Asia/Shanghai"


def centre_now() -> datetime:
    """The centre's local wall time now, without a zone (as booking times are stored)."""
    return datetime.now(ZoneInfo(CENTRE_TIMEZONE)).replace(tzinfo=None)


@dataclass(frozen=True)
class DaySchedule:
    """A room's hours on one date; ``closed_reason`` says why there are none."""

    day: date
    kind: DayKind
    intervals: tuple[Interval, ...]
    closed_reason: str = ""
    holiday_name: str = ""
    special: bool = False  # special hours set for this date
    #: Closed by the calendar (a closure, a holiday, special hours), not by the weekly hours.
    closure: bool = False

    @property
    def is_open(self) -> bool:
        return bool(self.intervals)

    def covers(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies inside one opening interval."""
        return any(o <= start and end <= c for o, c in self.intervals)

    def open_minutes(self) -> int:
        return sum(c - o for o, c in self.intervals)


@cache
def _china(year: int) -> HolidayBase:
    return country_holidays("CN", years=year, language="zh_CN")


def day_kind(day: date, *, follow_holidays: bool = True) -> tuple[DayKind, str]:
    """The kind of ``day`` and the holiday's Chinese name (e.g. 春节) when it is one."""
    if follow_holidays:
        calendar = _china(day.year)
        name = calendar.get(day)
        if name:
            return DayKind.HOLIDAY, str(name)
        if day in calendar.weekend_workdays:
            return DayKind.ADJUSTED_WORKDAY, ""
    return (DayKind.WORKDAY if day.weekday() < 5 else DayKind.WEEKEND), ""


def merge(intervals: Iterable[Interval]) -> tuple[Interval, ...]:
    """Sorted, with overlapping or touching intervals joined."""
    out: list[list[int]] = []
    for o, c in sorted(intervals):
        if c <= o:
            continue
        if out and o <= out[-1][1]:
            out[-1][1] = max(out[-1][1], c)
        else:
            out.append([o, c])
    return tuple((o, c) for o, c in out)


@dataclass(frozen=True)
class RoomCalendar:
    """Everything needed to say when one room is open, loaded once for a range of dates."""

    hours: dict[int, tuple[Interval, ...]]
    closures: tuple[tuple[date, date, str, bool], ...]  # first, last, reason, room's own
    special: dict[date, tuple[tuple[Interval, ...], str, bool]]  # intervals, reason, room's own
    follow_holidays: bool = True

    def schedule(self, day: date) -> DaySchedule:
        kind, holiday = day_kind(day, follow_holidays=self.follow_holidays)
        for first, last, reason, _own in self.closures:
            if first <= day <= last:
                why = f"闭馆：{reason or '闭馆日'}"
                return DaySchedule(day, kind, (), why, holiday, closure=True)
        if day in self.special:
            intervals, reason, _ = self.special[day]
            why = f"特别安排：{reason}" if reason else "特别安排：当日不开放"
            closed = not intervals
            return DaySchedule(
                day, kind, intervals, why if closed else "", holiday, True, closure=closed
            )
        if kind is DayKind.HOLIDAY:
            intervals = self.hours.get(HOURS_HOLIDAY, ())
            why = "" if intervals else f"法定节假日（{holiday}）不开放"
            return DaySchedule(day, kind, intervals, why, holiday, closure=not intervals)
        if kind is DayKind.ADJUSTED_WORKDAY:
            intervals = self.hours.get(HOURS_ADJUSTED_WORKDAY) or self.hours.get(0, ())
            return DaySchedule(day, kind, intervals, "" if intervals else "调休上班日不开放")
        intervals = self.hours.get(day.weekday(), ())
        why = "" if intervals else f"{WEEKDAY_NAMES[day.weekday()]}不开放"
        return DaySchedule(day, kind, intervals, why)


def load_calendar(
    session: Session, room_id: int, first: date, last: date, *, follow_holidays: bool
) -> RoomCalendar:
    """The room's hours with the closures and special hours touching ``[first, last]``."""
    hours: dict[int, list[Interval]] = {}
    for row in session.scalars(select(RoomHours).where(RoomHours.room_id == room_id)):
        hours.setdefault(row.day_kind, []).append((row.opens, row.closes))
    closures = tuple(
        (c.first_day, c.last_day, c.reason, c.room_id is not None)
        for c in session.scalars(
            select(RoomClosure).where(
                or_(RoomClosure.room_id == room_id, RoomClosure.room_id.is_(None)),
                RoomClosure.first_day <= last,
                RoomClosure.last_day >= first,
            )
        )
    )
    rows = session.scalars(
        select(RoomDayHours).where(
            or_(RoomDayHours.room_id == room_id, RoomDayHours.room_id.is_(None)),
            RoomDayHours.day.between(first, last),
        )
    )
    by_day: dict[date, dict[bool, list[RoomDayHours]]] = {}
    for special_row in rows:
        own_row = special_row.room_id is not None
        by_day.setdefault(special_row.day, {}).setdefault(own_row, []).append(special_row)
    special: dict[date, tuple[tuple[Interval, ...], str, bool]] = {}
    for day, groups in by_day.items():
        own = True in groups
        chosen = groups[own]
        intervals = merge((r.opens, r.closes) for r in chosen)
        special[day] = (intervals, next((r.reason for r in chosen if r.reason), ""), own)
    return RoomCalendar({k: merge(v) for k, v in hours.items()}, closures, special, follow_holidays)


def format_minute(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def format_intervals(intervals: Sequence[Interval]) -> str:
    return "、".join(f"{format_minute(o)}–{format_minute(c)}" for o, c in intervals) or "不开放"


def load_calendars(
    session: Session, room_ids: Sequence[int], first: date, last: date, follow: dict[int, bool]
) -> dict[int, RoomCalendar]:
    """:func:`load_calendar` for many rooms in three queries (the day view's 30 rooms)."""
    hours: dict[int, dict[int, list[Interval]]] = {r: {} for r in room_ids}
    for row in session.scalars(select(RoomHours).where(RoomHours.room_id.in_(room_ids))):
        hours[row.room_id].setdefault(row.day_kind, []).append((row.opens, row.closes))
    closures = list(
        session.scalars(
            select(RoomClosure).where(RoomClosure.first_day <= last, RoomClosure.last_day >= first)
        )
    )
    specials = list(
        session.scalars(select(RoomDayHours).where(RoomDayHours.day.between(first, last)))
    )
    out: dict[int, RoomCalendar] = {}
    for room_id in room_ids:
        mine = tuple(
            (c.first_day, c.last_day, c.reason, c.room_id is not None)
            for c in closures
            if c.room_id in (None, room_id)
        )
        by_day: dict[date, dict[bool, list[RoomDayHours]]] = {}
        for special_row in specials:
            if special_row.room_id in (None, room_id):
                own_row = special_row.room_id is not None
                by_day.setdefault(special_row.day, {}).setdefault(own_row, []).append(special_row)
        special: dict[date, tuple[tuple[Interval, ...], str, bool]] = {}
        for day, groups in by_day.items():
            own = True in groups
            chosen = groups[own]
            reason = next((r.reason for r in chosen if r.reason), "")
            special[day] = (merge((r.opens, r.closes) for r in chosen), reason, own)
        out[room_id] = RoomCalendar(
            {k: merge(v) for k, v in hours[room_id].items()},
            mine,
            special,
            follow.get(room_id, True),
        )
    return out
