"""The check-in area's contribution to the shared parts: counts, demo data, overview tiles and
the Chinese labels of its tables' columns."""

from __future__ import annotations

import random

from sqlalchemy.orm import Session

from djdesk.db.models.checkin import CheckIn, Grid, Member, ServicePost, Unit
from djdesk.db.session import Database
from djdesk.services.areas import AreaSpec, CountedTable, DemoOption, DemoOptions, OverviewTile
from djdesk.services.checkin.member_rules import FIELD_LABELS as MEMBER_LABELS
from djdesk.services.checkin.units import FIELD_LABELS as UNIT_LABELS


def _demo(session: Session, options: DemoOptions, rng: random.Random) -> dict[str, int]:
    from djdesk.services.checkin.demo import fill_checkin_demo

    return fill_checkin_demo(session, options, rng)


def _tiles(db: Database) -> list[OverviewTile]:
    from djdesk.services.checkin.overview import checkin_tiles

    return checkin_tiles(db)


FIELD_LABELS = {
    "member": {
        **MEMBER_LABELS,
        "name_pinyin": "姓名拼音",
        "name_initials": "拼音首字母",
        "latest_checkin_id": "最近报到记录",
    },
    "checkin": {
        "member_id": "党员",
        "serial": "报到编号",
        "checked_in_on": MEMBER_LABELS["checked_in_on"],
        "status": "状态",
        "grid_id": MEMBER_LABELS["grid_id"],
        "posts": MEMBER_LABELS["posts"],
        "channel": MEMBER_LABELS["channel"],
        "received_by": "接收人",
        "moved_out_on": "迁出日期",
        "moved_out_reason": "迁出原因",
    },
    "unit": {**UNIT_LABELS, "status": "状态"},
    "grid": {
        "name": "网格名称",
        "area": "范围",
        "leader": "网格长",
        "phone": "电话",
        "active": "启用",
    },
    "service_post": {"name": "岗位名称", "sort_order": "顺序", "active": "启用"},
}

AREA = AreaSpec(
    key="checkin",
    title="党员报到",
    order=100,
    counted_tables=(
        CountedTable("unit", "驻区单位", Unit),
        CountedTable("member", "在职党员", Member),
        CountedTable("checkin", "报到记录", CheckIn),
        CountedTable("grid", "网格", Grid),
        CountedTable("service_post", "服务岗位", ServicePost),
    ),
    demo=_demo,
    demo_options=(DemoOption("members", "演示党员人数", 200),),
    tiles=_tiles,
    field_labels=FIELD_LABELS,
)
