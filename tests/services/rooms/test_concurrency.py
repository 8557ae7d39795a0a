"""Two clerks saving the same slot at once leave exactly one booking: the room lock makes the
check and the insert one step (see djdesk/services/rooms/locking.py)."""

from __future__ import annotations

import multiprocessing
import threading
import time
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from djdesk.db.session import Database
from djdesk.errors import DjdeskError
from djdesk.services.rooms import bookings as bookings_module
from djdesk.services.rooms.bookings import create_booking
from djdesk.services.rooms.views import BookingFilter, count_bookings
from tests.helpers.rooms import CLERK, NOW, booking, room_id
from tests.helpers.rooms_worker import book_once

DAY = date(2026, 12, 3)


def _race(db: Database, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Clerk A checks and then dawdles before inserting; clerk B saves meanwhile."""
    room = room_id(db, "党群书屋")
    a_checked = threading.Event()
    real: Callable[..., Any] = bookings_module.evaluate

    def slow_evaluate(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        if threading.current_thread().name == "clerk-a":
            a_checked.set()
            time.sleep(0.8)  # B starts now; without the lock it would check and insert too
        return result

    monkeypatch.setattr(bookings_module, "evaluate", slow_evaluate)
    outcomes: dict[str, str] = {}

    def clerk(name: str, person: str) -> None:
        other = Database(db.url)
        try:
            if name == "clerk-b":
                a_checked.wait(10)
            data = booking(room, DAY, "14:00", "16:00", name=person, phone="13912345678")
            try:
                create_booking(other, data, actor=CLERK, now=NOW)
                outcomes[name] = "ok"
            except DjdeskError as exc:
                outcomes[name] = exc.message
        finally:
            other.dispose()

    threads = [
        threading.Thread(target=clerk, args=("clerk-a", "张三"), name="clerk-a"),
        threading.Thread(target=clerk, args=("clerk-b", "李四"), name="clerk-b"),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return [outcomes["clerk-a"], outcomes["clerk-b"]]


def test_interleaved_saves_leave_one_booking(
    rooms_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = _race(rooms_db, monkeypatch)
    assert first == "ok"
    assert "时间冲突" in second and "张三" in second
    assert count_bookings(rooms_db, BookingFilter()) == 1


def test_without_the_lock_the_race_would_double_book(
    rooms_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The control: the same race with the lock removed saves two bookings, so the test above
    does exercise the interleaving it guards against."""
    monkeypatch.setattr(bookings_module, "lock_room", lambda session, room_id: None)
    assert _race(rooms_db, monkeypatch) == ["ok", "ok"]
    assert count_bookings(rooms_db, BookingFilter()) == 2


@pytest.mark.slow
def test_two_processes_booking_the_same_slot(rooms_db: Database) -> None:
    room = room_id(rooms_db, "党群书屋")
    ctx = multiprocessing.get_context("spawn")
    rounds = 3
    for n in range(rounds):
        day = date(2026, 12, 3 + n)
        barrier = ctx.Barrier(2)
        out = ctx.Queue()
        procs = [
            ctx.Process(
                target=book_once, args=(rooms_db.url, room, day, name + "甲乙丙"[n], barrier, out)
            )
            for name in ("王五", "赵六")
        ]
        for p in procs:
            p.start()
        results = [out.get(timeout=60) for _ in procs]
        for p in procs:
            p.join(30)
        assert sorted(r[0] for r in results) == ["ok", "refused"], results
        refusal = next(r[1] for r in results if r[0] == "refused")
        assert "时间冲突" in refusal
    assert count_bookings(rooms_db, BookingFilter()) == rounds
