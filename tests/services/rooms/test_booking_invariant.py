"""Through the real saving path: whatever sequence of bookings and approvals clerks try, no
two bookings holding a room ever come closer than its buffer, and every refusal is one the
brute-force oracle agrees with."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from djdesk.errors import ValidationErrors
from djdesk.services.rooms.bookings import create_booking
from djdesk.services.rooms.calendar import day_kind
from djdesk.services.rooms.settings import RuleOverrides, save_rules
from djdesk.services.rooms.transitions import approve_booking
from djdesk.services.rooms.types import BookingStatus, DayKind
from djdesk.services.rooms.views import BookingFilter, booking_page
from djdesk.services.store import Database
from tests.helpers.rooms import ADMIN, CLERK, NOW, booking, room_id

slot = st.integers(18, 41).map(lambda n: n * 30)  # 09:00–20:30 starts
attempt = st.tuples(slot, st.integers(1, 6), st.booleans())


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(attempt, min_size=1, max_size=8), st.sampled_from([0, 30, 60]))
def test_no_two_holding_bookings_ever_clash(
    rooms_db: Database, attempts: list[tuple[int, int, bool]], buffer: int
) -> None:
    hall = room_id(rooms_db, "多功能厅")  # 09:00–21:00 every day, needs approval
    if not getattr(rooms_db, "_invariant_ready", False):
        save_rules(
            rooms_db, RuleOverrides(max_advance_days=366, quota_count=0, quota_hours=0), actor=ADMIN
        )
        rooms_db._invariant_ready = True  # type: ignore[attr-defined]
        rooms_db._days = itertools.count(2)  # type: ignore[attr-defined]
    save_rules(rooms_db, RuleOverrides(buffer_minutes=buffer), actor=ADMIN, room_id=hall)
    day = NOW.date() + timedelta(days=next(rooms_db._days))  # type: ignore[attr-defined]
    while day_kind(day)[0] is DayKind.HOLIDAY:  # each example has a day of its own
        day = NOW.date() + timedelta(days=next(rooms_db._days))  # type: ignore[attr-defined]
    held: list[tuple[int, int]] = []
    pending: list[tuple[int, int, int]] = []
    for n, (start, slots, approve) in enumerate(attempts):
        end = min(start + slots * 30, 21 * 60)
        data = booking(
            hall, day, _clock(start), _clock(end), name=f"居民{n}", phone=f"139000000{n:02d}"
        )
        clash = any(start < e + buffer and s < end + buffer for s, e in held)
        # a pending request over another pending one is only a warning
        if clash:
            with pytest.raises(ValidationErrors, match="时间冲突"):
                create_booking(rooms_db, data, actor=CLERK, now=NOW, approve=approve)
            continue
        made = create_booking(rooms_db, data, actor=CLERK, now=NOW, approve=approve)
        if approve:
            held.append((start, end))
        else:
            pending.append((made.booking.id, start, end))
    for booking_id, start, end in pending:  # approving later: only if still clear
        if any(start < e + buffer and s < end + buffer for s, e in held):
            with pytest.raises(ValidationErrors, match="时间冲突"):
                approve_booking(rooms_db, booking_id, actor=CLERK, now=NOW)
        else:
            approve_booking(rooms_db, booking_id, actor=CLERK, now=NOW)
            held.append((start, end))
    rows = booking_page(rooms_db, BookingFilter(room_id=hall, first_day=day, last_day=day)).rows
    holding = [(b.start, b.end) for b in rows if b.status == BookingStatus.APPROVED]
    assert sorted(holding) == sorted(held)
    for (s1, e1), (s2, e2) in itertools.combinations(holding, 2):
        assert not (s1 < e2 + buffer and s2 < e1 + buffer)
    assert isinstance(day, date)
