"""Every booking rule, evaluated on facts already loaded: pure, so forms, series plans and the
property tests use the very same code as the saving path.

:func:`evaluate` returns one :class:`RuleResult` per rule in a fixed order, each with the field
it belongs to, so a form can show the blocking rule at its field before saving. Rules that
cannot be judged because an earlier one failed (no opening-hours check for an end before the
start) are reported as 未检查.

Conflicts: two bookings of a room clash when one starts before the other ends plus the room's
set-up/clean-up buffer, on an absolute minute axis (so a buffer reaches over midnight).
Back-to-back bookings (one ends when the other starts) are allowed when the buffer is zero.
Only 已批准/已使用 bookings hold the room; a 待审批 one overlapping is a warning.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from djdesk.errors import ValidationError, ValidationErrors
from djdesk.services.rooms.booking_input import FIELD_LABELS, BookingInput
from djdesk.services.rooms.calendar import RoomCalendar, format_intervals, format_minute
from djdesk.services.rooms.settings import RuleSettings
from djdesk.services.rooms.types import (
    HOLDING,
    OVERRIDABLE,
    BookerCategory,
    BookingStatus,
    Outcome,
    RoomStatus,
    Rule,
)

_Add = Callable[..., None]

#: Booker categories whose bookings an official Party meeting may displace.
BUMPABLE = frozenset({BookerCategory.RESIDENT, BookerCategory.TEAM})


@dataclass(frozen=True)
class RuleResult:
    """One rule's verdict on one booking."""

    rule: Rule
    outcome: Outcome
    field: str
    message: str = ""
    overridden: bool = False
    #: Bookings this result is about (the clashing, tentative or displaced ones).
    booking_ids: tuple[int, ...] = ()

    @property
    def blocks(self) -> bool:
        return self.outcome is Outcome.BLOCK and not self.overridden

    def text(self) -> str:
        return f"不符合“{self.rule.value}”规则：{self.message}"


class BookingRefusedError(ValidationErrors):
    """A booking a rule forbids; each error names its field and the rule with its reason."""

    def __init__(self, results: Sequence[RuleResult]) -> None:
        self.results = tuple(results)
        super().__init__(
            [ValidationError(r.field, r.text(), label=FIELD_LABELS[r.field]) for r in results]
        )


@dataclass(frozen=True)
class BookingCheck:
    """Every rule's result for one booking (or one date of a series)."""

    results: tuple[RuleResult, ...]

    @property
    def blocking(self) -> tuple[RuleResult, ...]:
        return tuple(r for r in self.results if r.blocks)

    @property
    def warnings(self) -> tuple[RuleResult, ...]:
        return tuple(r for r in self.results if r.outcome is Outcome.WARN)

    @property
    def overridden(self) -> tuple[RuleResult, ...]:
        return tuple(r for r in self.results if r.overridden)

    @property
    def allowed(self) -> bool:
        return not self.blocking

    def at(self, field_name: str) -> tuple[RuleResult, ...]:
        """The results shown at one field of the form."""
        return tuple(r for r in self.results if r.field == field_name)

    def result(self, rule: Rule) -> RuleResult:
        return next(r for r in self.results if r.rule is rule)

    def displaced(self) -> tuple[int, ...]:
        """Bookings an official meeting would displace (priority bump)."""
        conflict = self.result(Rule.CONFLICT)
        return conflict.booking_ids if conflict.outcome is Outcome.WARN else ()

    def refusal(self) -> BookingRefusedError:
        return BookingRefusedError(self.blocking)


@dataclass(frozen=True)
class Existing:
    """A booking already in the room (or accepted earlier in the same series)."""

    id: int
    serial: str
    day: date
    start: int
    end: int
    status: str
    booker_name: str
    booker_category: str = ""
    official: bool = False

    def describe(self) -> str:
        span = f"{self.day:%m-%d} {format_minute(self.start)}–{format_minute(self.end)}"
        return f"{self.serial or '本次定期预约'}（{self.booker_name}，{span}，{self.status}）"


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


def _absolute(day: date, minute: int) -> int:
    return day.toordinal() * 1440 + minute


def clashes(a: tuple[int, int], b: tuple[int, int], buffer: int) -> bool:
    """Whether two absolute-minute intervals are closer than ``buffer`` (or overlap)."""
    return a[0] < b[1] + buffer and b[0] < a[1] + buffer


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
        _conflicts(add, facts.bookings, rules.buffer_minutes, day, start, end, exclude_id, bump)
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


def conflict_results(
    bookings: list[Existing],
    buffer: int,
    day: date,
    start: int,
    end: int,
    *,
    exclude: int | None = None,
    bump: bool = False,
) -> tuple[RuleResult, RuleResult]:
    """The 时间冲突 and 待审批预约重叠 results alone (the day view's quick probe)."""
    out: list[RuleResult] = []

    def add(
        rule: Rule, outcome: Outcome, name: str, message: str = "", ids: tuple[int, ...] = ()
    ) -> None:
        out.append(RuleResult(rule, outcome, name, message, False, ids))

    _conflicts(add, bookings, buffer, day, start, end, exclude, bump)
    return out[0], out[1]


def _conflicts(
    add: _Add,
    bookings: list[Existing],
    buffer: int,
    day: date,
    start: int,
    end: int,
    exclude: int | None,
    bump: bool,
) -> None:
    mine = (_absolute(day, start), _absolute(day, end))
    holding: list[Existing] = []
    pending: list[Existing] = []
    for other in bookings:
        if other.id == exclude and exclude is not None:
            continue
        theirs = (_absolute(other.day, other.start), _absolute(other.day, other.end))
        if other.status in HOLDING and clashes(mine, theirs, buffer):
            holding.append(other)
        elif other.status == BookingStatus.PENDING and clashes(mine, theirs, buffer):
            pending.append(other)
    if holding:
        ids = tuple(o.id for o in holding)
        if bump and all(o.booker_category in BUMPABLE and not o.official for o in holding):
            names = "；".join(o.describe() for o in holding)
            add(Rule.CONFLICT, Outcome.WARN, "start", f"党组织正式会议优先，将让出：{names}", ids)
        else:
            overlap = any(
                clashes(mine, (_absolute(o.day, o.start), _absolute(o.day, o.end)), 0)
                for o in holding
            )
            names = "；".join(o.describe() for o in holding)
            if overlap or not buffer:
                add(Rule.CONFLICT, Outcome.BLOCK, "start", f"与已批准的预约重叠：{names}", ids)
            else:
                add(
                    Rule.CONFLICT,
                    Outcome.BLOCK,
                    "start",
                    f"与 {names} 之间须留出 {buffer} 分钟布置和整理时间",
                    ids,
                )
    else:
        add(Rule.CONFLICT, Outcome.OK, "start")
    if pending:
        names = "；".join(o.describe() for o in pending)
        ids = tuple(o.id for o in pending)
        add(
            Rule.TENTATIVE, Outcome.WARN, "start", f"与待审批的预约重叠（先批准者得）：{names}", ids
        )
    else:
        add(Rule.TENTATIVE, Outcome.OK, "start")
