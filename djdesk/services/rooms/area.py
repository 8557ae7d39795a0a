"""The rooms area's contribution to the shared parts: counts, demo data, overview tiles."""

from __future__ import annotations

import random

from sqlalchemy.orm import Session

from djdesk.db.models.rooms import Booker, Booking, Room
from djdesk.db.session import Database
from djdesk.services.areas import AreaSpec, CountedTable, DemoOption, DemoOptions, OverviewTile


def _demo(session: Session, options: DemoOptions, rng: random.Random) -> dict[str, int]:
    from djdesk.services.rooms.demo import fill_rooms_demo

    return fill_rooms_demo(session, options, rng)


def _tiles(db: Database) -> list[OverviewTile]:
    from djdesk.services.rooms.overview import rooms_tiles

    return rooms_tiles(db)


AREA = AreaSpec(
    key="rooms",
    title="场地预约",
    order=200,
    counted_tables=(
        CountedTable("room", "场地", Room),
        CountedTable("booker", "预约对象", Booker),
        CountedTable("booking", "场地预约", Booking),
    ),
    demo=_demo,
    demo_options=(
        DemoOption("rooms", "演示场地个数（含 12 个默认场地）", 12),
        DemoOption("bookings", "演示场地预约条数（约一年）", 300),
    ),
    tiles=_tiles,
)
