"""The exchange area's contribution to the shared parts: overview tiles and column labels.

Its own tables are local bookkeeping (keys, partners, history), so nothing is counted; the
records it carries are counted by their own areas.
"""

from __future__ import annotations

from djdesk.db.session import Database
from djdesk.services.areas import AreaSpec, OverviewTile


def _tiles(db: Database) -> list[OverviewTile]:
    from djdesk.services.exchange.overview import exchange_tiles

    return exchange_tiles(db)


FIELD_LABELS = {
    "exchange_partner": {
        "code": "代码",
        "name": "名称",
        "level": "层级",
        "relation": "关系",
        "public_key": "公钥",
        "fingerprint": "公钥指纹",
        "via": "转报单位",
        "registered_at": "登记时间",
        "registered_by": "登记人",
    },
    "exchange_key": {"public_key": "公钥", "fingerprint": "公钥指纹", "created_at": "生成时间"},
}

AREA = AreaSpec(
    key="exchange",
    title="数据交换",
    order=800,
    tiles=_tiles,
    field_labels=FIELD_LABELS,
)
