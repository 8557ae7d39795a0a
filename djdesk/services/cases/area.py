"""The 服务事项 area's contribution to the shared parts: counts, demo data, overview tiles."""

from __future__ import annotations

import random

from sqlalchemy.orm import Session

from djdesk.db.models.cases import CatalogVersion, Certificate, ServiceCase
from djdesk.db.session import Database
from djdesk.services.areas import AreaSpec, CountedTable, DemoOption, DemoOptions, OverviewTile


def _demo(session: Session, options: DemoOptions, rng: random.Random) -> dict[str, int]:
    from djdesk.services.cases.demo import fill_cases_demo

    return fill_cases_demo(session, options, rng)


def _tiles(db: Database) -> list[OverviewTile]:
    from djdesk.services.cases.overview import cases_tiles

    return cases_tiles(db)


AREA = AreaSpec(
    key="cases",
    title="服务事项",
    order=300,
    counted_tables=(
        CountedTable("service_case", "办件", ServiceCase),
        CountedTable("certificate", "出具证明", Certificate),
        CountedTable("catalog_version", "目录版本", CatalogVersion),
    ),
    demo=_demo,
    demo_options=(DemoOption("cases", "演示办件数（约一年，含证明）", 300),),
    tiles=_tiles,
)
