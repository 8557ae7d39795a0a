"""Fixtures for the agreements services: the sample site, a unit with full details, inputs."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from djdesk.actor import Actor
from djdesk.db.session import Database
from djdesk.services.agreements.types import AgreementInput, AgreementKind, TaskInput
from djdesk.services.checkin.units import UnitInfo, UnitInput, save_unit
from djdesk.services.site.identity import SiteInfo

START = date(2026, 1, 1)
END = date(2028, 12, 31)
TODAY = date(2026, 11, 27)

FULL_UNIT = UnitInput(
    name="宜宾市翠屏区人民医院",
    category=4,
    uscc="",
    address="宜宾市翠屏区健康路9号",
    party_org="中共宜宾市翠屏区人民医院委员会",
    secretary="周书记",
    liaison_name="吴联络",
    liaison_phone="13900002222",
    declared_members=30,
)

TASKS = (
    TaskInput("组织共建", "参加社区党建联席会议", "全年不少于4次", "每季度", 30),
    TaskInput("双报到", "组织在职党员到社区报到", "报到率100%", "3月31日前", 30),
    TaskInput("服务群众", "认领社区微心愿", "不少于5个", "12月31日前", 40),
)


@pytest.fixture
def unit(db: Database, site: SiteInfo) -> UnitInfo:
    return save_unit(db, FULL_UNIT, actor=Actor.system())


def agreement_input(unit_id: int, **changes: Any) -> AgreementInput:
    data = AgreementInput(
        kind=AgreementKind.AGREEMENT,
        unit_id=unit_id,
        starts_on=START,
        ends_on=END,
        first_leader="王书记",
        first_liaison="李联络",
        content_items=("组织共建", "活动共办", "服务共做"),
        meeting_frequency="每季度",
        projects_per_year=3,
        activities_per_year=6,
        open_facilities="多功能厅、停车场",
        copies=3,
    )
    return replace(data, **changes)


def responsibility_input(unit_id: int, **changes: Any) -> AgreementInput:
    data = agreement_input(
        unit_id,
        kind=AgreementKind.RESPONSIBILITY,
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 12, 31),
        goal="围绕组织共建和服务群众完成年度目标任务。",
        tasks=TASKS,
        copies=2,
    )
    return replace(data, **changes)
