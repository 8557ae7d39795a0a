"""The check-in area's contribution to the shared parts: counts, demo data, overview tiles."""

from __future__ import annotations

import random

from sqlalchemy.orm import Session

from djdesk.db.models import CheckIn, Grid, Member, Unit
from djdesk.db.session import Database
from djdesk.services.areas import AreaSpec, CountedTable, DemoOption, DemoOptions, OverviewTile


def _demo(session: Session, options: DemoOptions, rng: random.Random) -> dict[str, int]:
    from djdesk.services.checkin.demo import fill_checkin_demo

    return fill_checkin_demo(session, options, rng)


def _tiles(db: Database) -> list[OverviewTile]:
    from djdesk.services.checkin.overview import checkin_tiles

    return checkin_tiles(db)


AREA = AreaSpec(
    key="checkin",
    title="党员报到",
    order=100,
    counted_tables=(
        CountedTable("unit", "驻区单位", Unit),
        CountedTable("member", "在职党员", Member),
        CountedTable("checkin", "报到记录", CheckIn),
        CountedTable("grid", "网格", Grid),
    ),
    demo=_demo,
    demo_options=(DemoOption("members", "演示党员人数", 200),),
    tiles=_tiles,
)
