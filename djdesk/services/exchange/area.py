"""The exchange area's contribution to the shared parts: overview tiles, column labels and
the site's signing key, made as soon as the site is configured.

Its own tables are local bookkeeping (keys, partners, history), so nothing is counted; the
records it carries are counted by their own areas.
"""

from __future__ import annotations

from djdesk.actor import Actor
from djdesk.db.session import Database
from djdesk.paths import AppPaths
from djdesk.services.areas import AreaSpec, OverviewTile


def _tiles(db: Database) -> list[OverviewTile]:
    from djdesk.services.exchange.overview import exchange_tiles

    return exchange_tiles(db)


def _site_key(paths: AppPaths, db: Database, actor: Actor) -> str | None:
    """Each site makes its key pair at set-up, so its key file can go to the street at once."""
    from djdesk.services.exchange.keys import ensure_site_key

    key = ensure_site_key(paths, db, actor=actor)
    return f"已生成本机签名密钥（指纹 {key.fingerprint}）" if key.created else None


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
    site_setup=_site_key,
)
