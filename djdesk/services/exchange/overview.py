"""The exchange's tiles on the 概览 page: the last upward package, and at a street (or
district) how many registered 下级 sites are behind."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from djdesk.db.models.exchange import ExchangeExport
from djdesk.db.session import Database
from djdesk.services.areas import OverviewTile
from djdesk.services.exchange.partners import LOWER_LEVEL, partners
from djdesk.services.exchange.types import PackageKind, PartnerRelation
from djdesk.services.origin import load_site

#: A community is reminded to send a package after this many days.
REMIND_DAYS = 31


def exchange_tiles(db: Database, *, now: datetime | None = None) -> list[OverviewTile]:
    now = now or datetime.now(UTC)
    with db.reading() as session:
        site = load_site(session)
        if site is None:
            return []
        last = session.scalar(
            select(ExchangeExport)
            .where(ExchangeExport.kind == PackageKind.RECORDS.value)
            .order_by(ExchangeExport.sequence.desc())
            .limit(1)
        )
    tiles = []
    if site.level != "区":
        if last is None:
            tiles.append(
                OverviewTile("数据上报", "未上报", "尚未导出过上报数据包", "exchange", True)
            )
        else:
            days = (now - last.created_at).days
            detail = f"第 {last.sequence} 号，{days} 天前（{last.records} 条记录）"
            tiles.append(
                OverviewTile(
                    "数据上报", f"第 {last.sequence} 号", detail, "exchange", days > REMIND_DAYS
                )
            )
    if site.level in LOWER_LEVEL:
        lower = [p for p in partners(db) if p.relation == PartnerRelation.LOWER]
        behind = [p for p in lower if p.behind]
        detail = "、".join(p.name for p in behind[:3]) + ("等" if len(behind) > 3 else "")
        tiles.append(
            OverviewTile(
                f"下级{LOWER_LEVEL[site.level]}",
                f"{len(lower)} 个",
                f"{len(behind)} 个滞后：{detail}" if behind else "均已按时报送",
                "exchange",
                bool(behind),
            )
        )
    return tiles
