"""A process that books one slot when the barrier opens (the rooms concurrency test)."""

from __future__ import annotations

from datetime import date
from multiprocessing.synchronize import Barrier
from typing import Any

from djdesk.db.session import Database
from djdesk.errors import DjdeskError
from djdesk.services.rooms.bookings import create_booking
from tests.helpers.rooms import CLERK, NOW, booking


def book_once(url: str, room: int, day: date, name: str, barrier: Barrier, out: Any) -> None:
    db = Database(url)
    try:
        data = booking(room, day, "14:00", "16:00", name=name, phone="13912345678")
        barrier.wait(timeout=30)
        try:
            result = create_booking(db, data, actor=CLERK, now=NOW)
            out.put(("ok", result.booking.serial))
        except DjdeskError as exc:
            out.put(("refused", exc.message))
    finally:
        db.dispose()
