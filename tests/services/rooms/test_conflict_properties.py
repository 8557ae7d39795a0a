"""Property tests: the rule engine's conflict, closure and opening-hours verdicts agree with
brute-force oracles that work minute by minute, for every interval edge case (touching,
nested, equal, buffers reaching over midnight, closures, special hours, holidays)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from djdesk.services.rooms.booking_input import BookingInput
from djdesk.services.rooms.calendar import RoomCalendar, day_kind
from djdesk.services.rooms.checks import (
    BookerFacts,
    CheckData,
    Existing,
    RoomFacts,
    clashes,
    evaluate,
)
from djdesk.services.rooms.settings import RuleSettings
from djdesk.services.rooms.types import (
    HOLDING,
    HOURS_ADJUSTED_WORKDAY,
    HOURS_HOLIDAY,
    BookingStatus,
    DayKind,
    Outcome,
    Rule,
)

DAY = date(2026, 12, 10)
NOW = datetime(2026, 12, 1, 8, 0)
STATUSES = list(BookingStatus)
minute = st.integers(0, 48).map(lambda n: n * 30)


@st.composite
def interval(draw: st.DrawFn) -> tuple[int, int]:
    a, b = draw(minute), draw(minute)
    return (min(a, b), max(a, b) + 30) if a == b else (min(a, b), max(a, b))


@st.composite
def existing(draw: st.DrawFn, index: int) -> Existing:
    start, end = draw(interval())
    day = DAY + timedelta(days=draw(st.integers(-1, 1)))
    status = draw(st.sampled_from(STATUSES))
    return Existing(
        index, f"S{index}", day, min(start, 1410), min(max(end, start + 30), 1440), status, "甲"
    )


def _minutes(day: date, start: int, end: int) -> set[int]:
    base = day.toordinal() * 1440
    return set(range(base + start, base + end))


def _oracle_clash(cand: tuple[int, int], other: Existing, buffer: int) -> bool:
    """Two bookings clash when the candidate widened by the buffer shares a minute with the
    other (the buffer is the gap both need between them)."""
    widened = _minutes(DAY, cand[0] - buffer, cand[1] + buffer)
    return bool(widened & _minutes(other.day, other.start, other.end))


def _facts(
    bookings: list[Existing], buffer: int, calendar: RoomCalendar | None = None
) -> CheckData:
    open_all = RoomCalendar(dict.fromkeys(range(9), ((0, 1440),)), (), {}, follow_holidays=False)
    return CheckData(
        room=RoomFacts(1, "多功能厅", "开放", 500, ("居民",)),
        rules=RuleSettings(
            buffer_minutes=buffer, max_duration_minutes=1440, quota_count=0, quota_hours=0
        ),
        calendar=calendar or open_all,
        booker=BookerFacts(None, "乙", "居民"),
        bookings=bookings,
    )


@settings(max_examples=400, deadline=None)
@given(
    st.integers(0, 8).flatmap(lambda n: st.tuples(*[existing(i + 1) for i in range(n)])),
    interval(),
    st.sampled_from([0, 0, 15, 30, 60, 120]),
)
def test_conflict_matches_the_oracle(
    others: tuple[Existing, ...], cand: tuple[int, int], buffer: int
) -> None:
    data = BookingInput(
        room_id=1,
        day=DAY,
        start=cand[0],
        end=cand[1],
        purpose="x",
        attendees=1,
        public_benefit=True,
    )
    check = evaluate(data, _facts(list(others), buffer), NOW)
    expected_block = {
        o.id for o in others if o.status in HOLDING and _oracle_clash(cand, o, buffer)
    }
    expected_warn = {
        o.id for o in others if o.status == BookingStatus.PENDING and _oracle_clash(cand, o, buffer)
    }
    conflict, tentative = check.result(Rule.CONFLICT), check.result(Rule.TENTATIVE)
    assert (conflict.outcome is Outcome.BLOCK) == bool(expected_block)
    assert set(conflict.booking_ids) == expected_block
    assert (tentative.outcome is Outcome.WARN) == bool(expected_warn)
    assert set(tentative.booking_ids) == expected_warn


@given(interval(), interval(), st.integers(0, 120))
def test_clash_is_symmetric_and_back_to_back_is_allowed(
    a: tuple[int, int], b: tuple[int, int], buffer: int
) -> None:
    assert clashes(a, b, buffer) == clashes(b, a, buffer)
    assert not clashes((a[0], a[1]), (a[1], a[1] + 30), 0)
    # a gap of exactly the buffer is allowed, one minute less is not
    assert not clashes(a, (a[1] + buffer, a[1] + buffer + 30), buffer)
    if buffer:
        assert clashes(a, (a[1] + buffer - 1, a[1] + buffer + 30), buffer)


days = st.integers(-3, 40).map(lambda n: DAY + timedelta(days=n))


@st.composite
def calendars(draw: st.DrawFn) -> RoomCalendar:
    hours = {
        k: tuple(draw(st.lists(interval(), max_size=2)))
        for k in range(HOURS_ADJUSTED_WORKDAY + 1)
        if draw(st.booleans())
    }
    closures = tuple(
        (first, first + timedelta(days=draw(st.integers(0, 5))), "检修", draw(st.booleans()))
        for first in draw(st.lists(days, max_size=2))
    )
    special = {
        d: (tuple(draw(st.lists(interval(), max_size=2))), "活动", True)
        for d in draw(st.lists(days, max_size=2))
    }
    from djdesk.services.rooms.calendar import merge

    merged = {k: merge(v) for k, v in hours.items()}
    special = {d: (merge(v[0]), v[1], v[2]) for d, v in special.items()}
    return RoomCalendar(merged, closures, special, follow_holidays=draw(st.booleans()))


def _oracle_open(cal: RoomCalendar, day: date) -> tuple[set[int], bool]:
    """Open minutes of ``day`` worked out directly, and whether the calendar closes it."""
    if any(first <= day <= last for first, last, _, _ in cal.closures):
        return set(), True
    if day in cal.special:
        minutes = {m for o, c in cal.special[day][0] for m in range(o, c)}
        return minutes, not minutes
    kind, _ = day_kind(day, follow_holidays=cal.follow_holidays)
    if kind is DayKind.HOLIDAY:
        minutes = {m for o, c in cal.hours.get(HOURS_HOLIDAY, ()) for m in range(o, c)}
        return minutes, not minutes
    if kind is DayKind.ADJUSTED_WORKDAY:
        chosen = cal.hours.get(HOURS_ADJUSTED_WORKDAY) or cal.hours.get(0, ())
        return {m for o, c in chosen for m in range(o, c)}, False
    return {m for o, c in cal.hours.get(day.weekday(), ()) for m in range(o, c)}, False


@settings(max_examples=300, deadline=None)
@given(
    calendars(),
    st.sampled_from(
        [DAY, date(2027, 1, 1), date(2027, 2, 20), date(2026, 12, 12), date(2027, 2, 7)]
    ),
    interval(),
)
def test_closures_and_hours_match_the_oracle(
    cal: RoomCalendar, day: date, cand: tuple[int, int]
) -> None:
    data = BookingInput(
        room_id=1,
        day=day,
        start=cand[0],
        end=cand[1],
        purpose="x",
        attendees=1,
        public_benefit=True,
    )
    check = evaluate(data, _facts([], 0, cal), NOW, series=True)
    minutes, closed = _oracle_open(cal, day)
    assert (check.result(Rule.CLOSURE).outcome is Outcome.BLOCK) == closed
    if not closed:
        inside = set(range(cand[0], cand[1])) <= minutes
        assert (check.result(Rule.OPENING_HOURS).outcome is Outcome.BLOCK) == (not inside)
