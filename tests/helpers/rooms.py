"""Helpers for the rooms area's tests: a site with its default rooms and booking inputs."""

from __future__ import annotations

from datetime import date, datetime

from djdesk.actor import Actor, Role
from djdesk.services.rooms.bookers import BookerInput
from djdesk.services.rooms.booking_input import BookingInput
from djdesk.services.rooms.rooms import list_rooms
from djdesk.services.store import Database

#: A Tuesday morning; bookings in the tests are made "now".
NOW = datetime(2026, 12, 1, 9, 0)
CLERK = Actor("clerk", "前台小王", Role.CLERK, user_id=2)
ADMIN = Actor("admin", "管理员老李", Role.ADMIN, user_id=1)


def room_id(db: Database, name: str) -> int:
    return next(r.id for r in list_rooms(db) if r.name == name)


def hm(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def booking(
    room: int,
    day: date,
    start: str,
    end: str,
    *,
    name: str = "张三",
    phone: str = "13800138000",
    category: str = "居民",
    booker_id: int | None = None,
    attendees: int = 10,
    **kw: object,
) -> BookingInput:
    """A booking input for a walk-in resident (or ``booker_id``), public-benefit confirmed."""
    values: dict[str, object] = {
        "room_id": room,
        "day": day,
        "start": hm(start),
        "end": hm(end),
        "booker_id": booker_id,
        "booker": None if booker_id else BookerInput(category=category, name=name, phone=phone),
        "purpose": "读书分享会",
        "attendees": attendees,
        "public_benefit": True,
    }
    values.update(kw)
    return BookingInput(**values)  # type: ignore[arg-type]
