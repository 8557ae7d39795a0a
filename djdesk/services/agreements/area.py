"""The agreements area's contribution to the shared parts: its tables counted, demo agreements,
the 即将到期协议 tile on the 概览 page and the Chinese labels of its columns."""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy.orm import Session

from djdesk.db.models.agreements import Agreement, AgreementTemplate
from djdesk.db.session import Database
from djdesk.services.agreements.rules import FIELD_LABELS as AGREEMENT_LABELS
from djdesk.services.areas import AreaSpec, CountedTable, DemoOptions, OverviewTile

#: The page that will list agreements (the pages come with the agreements screens).
PAGE = "agreements"


def _demo(session: Session, options: DemoOptions, rng: random.Random) -> dict[str, int]:
    from djdesk.services.agreements.demo import fill_agreements_demo

    return fill_agreements_demo(session, options, rng)


def agreement_tiles(db: Database, *, today: date | None = None) -> list[OverviewTile]:
    """即将到期协议: signed agreements ending within 30 days (highlighted when any)."""
    from djdesk.services.agreements.records import RENEWAL_WINDOW_DAYS, expiring_agreements

    expiring = expiring_agreements(db, today=today)
    if expiring:
        first = expiring[0]
        detail = f"最近：{first.unit_name}，还有 {first.days_left} 天"
    else:
        detail = f"{RENEWAL_WINDOW_DAYS} 天内没有到期的协议"
    return [OverviewTile("即将到期协议", str(len(expiring)), detail, PAGE, bool(expiring))]


def _tiles(db: Database) -> list[OverviewTile]:
    return agreement_tiles(db)


AREA = AreaSpec(
    key="agreements",
    title="共建协议",
    order=500,
    counted_tables=(
        CountedTable("agreement", "共建协议与责任书", Agreement),
        CountedTable("agreement_template", "文书模板版本", AgreementTemplate),
    ),
    demo=_demo,
    tiles=_tiles,
    field_labels={
        "agreement": {
            **AGREEMENT_LABELS,
            "serial": "编号",
            "status": "状态",
            "signed_on": "签订日期",
            "terminated_on": "终止日期",
            "termination_reason": "终止原因",
            "template_version": "模板版本",
            "issued_on": "文本打印日期",
            "issued_document_id": "文书登记",
            "scan_file": "扫描件",
            "scan_name": "扫描件文件名",
            "scan_sha256": "扫描件校验值",
            "scan_size": "扫描件大小",
            "renewed_from_id": "续签自",
        },
        "agreement_task": {
            "agreement_id": "协议",
            "position": "序号",
            "category": "任务类别",
            "task": "具体任务",
            "target": "量化指标",
            "deadline": "完成时限",
            "score": "分值",
        },
        "agreement_template": {
            "kind": "模板种类",
            "version_number": "版本",
            "body": "模板内容",
            "note": "说明",
            "created_by": "保存人",
            "created_at": "保存时间",
        },
    },
)
