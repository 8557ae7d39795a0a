"""Every booking rule, evaluated on facts already loaded: pure, so forms, series plans and the
property tests use the very same code as the saving path.

:func:`evaluate` returns one :class:`RuleResult` per rule in a fixed order, each with the field
it belongs to, so a form can show the blocking rule at its field before saving. Rules that
cannot be judged because an earlier one failed (no opening-hours check for an end before the
start) are reported as 未检查.

The result types live in :mod:`~djdesk.services.rooms.results`, the clash rules in
:mod:`~djdesk.services.rooms.conflicts`; both are re-exported here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from djdesk.services.rooms.booking_input import BookingInput
from djdesk.services.rooms.calendar import RoomCalendar, format_intervals, format_minute
from djdesk.services.rooms.conflicts import BUMPABLE, add_conflicts, clashes, conflict_results
from djdesk.services.rooms.results import (
    BookingCheck,
    BookingRefusedError,
    Existing,
    RuleResult,
)
from djdesk.services.rooms.settings import RuleSettings
from djdesk.services.rooms.types import OVERRIDABLE, Outcome, RoomStatus, Rule

__all__ = [
    "BUMPABLE",
    "BookerFacts",
    "BookingCheck",
    "BookingRefusedError",
    "CheckData",
    "Existing",
    "RoomFacts",
    "RuleResult",
    "clashes",
    "conflict_results",
    "evaluate",
]

_Add = Callable[..., None]


@dataclass(frozen=True)
class RoomFacts:
    id: int
    name: str
    status: str
    capacity: int
    categories: tuple[str, ...]
    needs_approval: bool = False


@dataclass(frozen=True)
class BookerFacts:
    id: int | None
    name: str
    category: str
    suspended_until: date | None = None
    suspension_reason: str = ""


@dataclass
class CheckData:
    """Facts for checking bookings of one room and booker over a range of dates."""

    room: RoomFacts
    rules: RuleSettings
    calendar: RoomCalendar
    booker: BookerFacts
    bookings: list[Existing] = field(default_factory=list)
    #: (year, month) -> [bookings, minutes] the booker already has (quota scope applied).
    usage: dict[tuple[int, int], list[int]] = field(default_factory=dict)

    def add(self, booking: Existing) -> None:
        """Count a booking accepted meanwhile (the next date of a series sees it)."""
        self.bookings.append(booking)
        used = self.usage.setdefault((booking.day.year, booking.day.month), [0, 0])
        used[0] += 1
        used[1] += booking.end - booking.start


def _hours(minutes: int) -> str:
    return f"{minutes / 60:g} 小时"


def evaluate(
    data: BookingInput,
    facts: CheckData,
    now: datetime,
    *,
    exclude_id: int | None = None,
    may_bump: bool = False,
    override: bool = False,
    series: bool = False,
) -> BookingCheck:
    """Judge a cleaned booking against every rule. ``override`` sets aside the overridable
    rules (an administrator with a reason); ``may_bump`` lets an official Party meeting
    displace residents' bookings instead of clashing with them."""
    assert data.day is not None and data.start is not None and data.end is not None
    day, start, end = data.day, data.start, data.end
    rules, room, booker = facts.rules, facts.room, facts.booker
    out: list[RuleResult] = []

    def add(
        rule: Rule, outcome: Outcome, name: str, message: str = "", ids: tuple[int, ...] = ()
    ) -> None:
        overridden = override and outcome is Outcome.BLOCK and rule in OVERRIDABLE
        out.append(RuleResult(rule, outcome, name, message, overridden, ids))

    ok, block, skip = Outcome.OK, Outcome.BLOCK, Outcome.SKIP
    times_ok = end > start
    if end < start:
        add(Rule.TIME_ORDER, block, "end", "结束时间早于开始时间")
    elif end == start:
        add(Rule.TIME_ORDER, block, "end", "开始和结束时间相同，时长为零")
    else:
        add(Rule.TIME_ORDER, ok, "end")
    slot = rules.slot_minutes
    if start % slot or end % slot:
        name = "start" if start % slot else "end"
        add(Rule.GRID, block, name, f"时间须按 {slot} 分钟取整（如 09:00、09:{slot % 60:02d}）")
    else:
        add(Rule.GRID, ok, "start")
    if room.status != RoomStatus.OPEN:
        add(Rule.ROOM_STATUS, block, "room", f"{room.name}目前{room.status}，暂停预约")
    else:
        add(Rule.ROOM_STATUS, ok, "room")
    if booker.category not in room.categories:
        allowed = "、".join(room.categories)
        add(
            Rule.CATEGORY,
            block,
            "booker",
            f"{room.name}只接受{allowed}预约，不接受{booker.category}",
        )
    else:
        add(Rule.CATEGORY, ok, "booker")
    today = now.date()
    if booker.suspended_until is not None and booker.suspended_until >= today:
        why = f"（{booker.suspension_reason}）" if booker.suspension_reason else ""
        add(
            Rule.SUSPENDED,
            block,
            "booker",
            f"{booker.name}的预约资格暂停至 {booker.suspended_until:%Y-%m-%d}{why}",
        )
    else:
        add(Rule.SUSPENDED, ok, "booker")
    starts_at = datetime.combine(day, datetime.min.time()) + timedelta(minutes=start)
    if starts_at < now:
        add(Rule.PAST, block, "day", f"{day:%Y-%m-%d} {format_minute(start)} 已经过去")
        add(Rule.NOTICE, skip, "day")
    else:
        add(Rule.PAST, ok, "day")
        ahead = (day - today).days
        if ahead < rules.min_notice_days:
            add(Rule.NOTICE, block, "day", f"须至少提前 {rules.min_notice_days} 天预约")
        else:
            add(Rule.NOTICE, ok, "day")
    limit = rules.series_advance_days if series else rules.max_advance_days
    if (day - today).days > limit:
        last = today.toordinal() + limit
        add(
            Rule.ADVANCE,
            block,
            "day",
            f"最多提前 {limit} 天预约（最晚 {date.fromordinal(last):%Y-%m-%d}）",
        )
    else:
        add(Rule.ADVANCE, ok, "day")
    schedule = facts.calendar.schedule(day)
    if schedule.closure:
        add(Rule.CLOSURE, block, "day", schedule.closed_reason)
        add(Rule.OPENING_HOURS, skip, "start")
    else:
        add(Rule.CLOSURE, ok, "day")
        if not times_ok:
            add(Rule.OPENING_HOURS, skip, "start")
        elif not schedule.covers(start, end):
            hours = format_intervals(schedule.intervals)
            what = schedule.closed_reason or f"当日开放时间为 {hours}"
            add(Rule.OPENING_HOURS, block, "start", f"{room.name}{what}")
        else:
            add(Rule.OPENING_HOURS, ok, "start")
    if times_ok and end - start > rules.max_duration_minutes:
        add(Rule.DURATION, block, "end", f"单次最长 {_hours(rules.max_duration_minutes)}")
    else:
        add(Rule.DURATION, ok if times_ok else skip, "end")
    if data.attendees < 1:
        add(Rule.CAPACITY, block, "attendees", "预计人数至少 1 人")
    elif data.attendees > room.capacity:
        add(Rule.CAPACITY, block, "attendees", f"{room.name}最多容纳 {room.capacity} 人")
    else:
        add(Rule.CAPACITY, ok, "attendees")
    if rules.public_benefit_only and not data.public_benefit:
        add(
            Rule.PUBLIC_BENEFIT,
            block,
            "public_benefit",
            "场地仅限公益用途，请确认活动不涉及营利、推销或广告",
        )
    else:
        add(Rule.PUBLIC_BENEFIT, ok, "public_benefit")
    _quotas(add, facts, day, end - start if times_ok else 0)
    if times_ok:
        bump = may_bump and data.official
        add_conflicts(add, facts.bookings, rules.buffer_minutes, day, start, end, exclude_id, bump)
    else:
        add(Rule.CONFLICT, skip, "start")
        add(Rule.TENTATIVE, skip, "start")
    return BookingCheck(tuple(out))


def _quotas(add: _Add, facts: CheckData, day: date, minutes: int) -> None:
    rules, booker = facts.rules, facts.booker
    if not rules.quota_applies(booker.category):
        add(Rule.QUOTA_COUNT, Outcome.OK, "booker")
        add(Rule.QUOTA_HOURS, Outcome.OK, "booker")
        return
    count, used = facts.usage.get((day.year, day.month), [0, 0])
    if rules.quota_count and count + 1 > rules.quota_count:
        add(
            Rule.QUOTA_COUNT,
            Outcome.BLOCK,
            "booker",
            f"{booker.name}{day.month}月已有 {count} 次预约，每月最多 {rules.quota_count} 次",
        )
    else:
        add(Rule.QUOTA_COUNT, Outcome.OK, "booker")
    if rules.quota_hours and used + minutes > rules.quota_hours * 60:
        add(
            Rule.QUOTA_HOURS,
            Outcome.BLOCK,
            "booker",
            f"{booker.name}{day.month}月已预约 {_hours(used)}，每月最多 {rules.quota_hours} 小时",
        )
    else:
        add(Rule.QUOTA_HOURS, Outcome.OK, "booker")
