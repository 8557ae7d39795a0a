"""Demo agreements: a few of the demo units with agreements in every state, one ending soon.

Dates are relative to today, so the 概览 always shows an agreement to renew. Signed demo
agreements are numbered and carry their template version but were never printed here: their
first print composes the text from that version and freezes it (see :mod:`.printing`).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from djdesk.db.models.agreements import Agreement, AgreementTask
from djdesk.db.models.checkin import Unit
from djdesk.services.agreements.records import renewal_term
from djdesk.services.agreements.rules import unit_problem, years_later
from djdesk.services.agreements.templates import ensure_template
from djdesk.services.agreements.types import (
    AgreementKind,
    AgreementStatus,
    ContentItem,
    TaskCategory,
)
from djdesk.services.areas import DemoOptions
from djdesk.services.origin import site_origin
from djdesk.services.serials import allocate_serial

DEMO_TASKS = (
    (TaskCategory.ORGANISATION, "参加社区党建联席会议", "全年参加不少于4次", "每季度", 20),
    (TaskCategory.CHECKIN, "组织在职党员到社区报到", "在职党员报到率100%", "3月31日前", 20),
    (
        TaskCategory.SERVICES,
        "认领社区服务项目和微心愿",
        "认领项目不少于2个、微心愿不少于5个",
        "12月31日前",
        25,
    ),
    (
        TaskCategory.ACTIVITIES,
        "联合开展志愿服务和主题党日",
        "每季度不少于2次共建活动",
        "每季度",
        25,
    ),
    (TaskCategory.VENUES, "向社区开放会议室", "全年开放不少于6次", "12月31日前", 10),
)
DEMO_FACILITIES = ("会议室、职工活动室", "篮球场、多功能厅", "培训教室", "图书室、停车场")


@dataclass(frozen=True)
class _Plan:
    kind: AgreementKind
    status: AgreementStatus
    starts_on: date
    ends_on: date


def _plans(today: date) -> list[_Plan]:
    soon_end = today + timedelta(days=12)
    soon_start = years_later(soon_end, -3) + timedelta(days=1)
    year_start = date(today.year, 1, 1)
    later_start = today - timedelta(days=60)
    return [
        _Plan(AgreementKind.AGREEMENT, AgreementStatus.SIGNED, soon_start, soon_end),
        _Plan(
            AgreementKind.AGREEMENT,
            AgreementStatus.SIGNED,
            *renewal_term(years_later(later_start, -3), later_start - timedelta(days=1)),
        ),
        _Plan(
            AgreementKind.RESPONSIBILITY,
            AgreementStatus.SIGNED,
            year_start,
            date(today.year, 12, 31),
        ),
        _Plan(
            AgreementKind.AGREEMENT,
            AgreementStatus.DRAFT,
            today,
            years_later(today, 3) - timedelta(days=1),
        ),
    ]


def fill_agreements_demo(
    session: Session, options: DemoOptions, rng: random.Random, *, today: date | None = None
) -> dict[str, int]:
    """Agreements for the first demo units with complete data (none when some exist already)."""
    if session.scalar(select(func.count()).select_from(Agreement)):
        return {}
    today = today or date.today()
    origin = site_origin(session)
    units = [u for u in session.scalars(select(Unit).order_by(Unit.id)) if not unit_problem(u)]
    created = 0
    for plan, unit in zip(_plans(today), units, strict=False):
        row = Agreement(
            kind=plan.kind.value,
            unit_id=unit.id,
            origin=origin,
            first_leader="王书记",
            first_liaison="李联络",
            starts_on=plan.starts_on,
            ends_on=plan.ends_on,
            status=plan.status.value,
            content_items="、".join(rng.sample(list(ContentItem), 4)),
            meeting_frequency="每季度",
            projects_per_year=rng.choice((2, 3)),
            activities_per_year=rng.choice((4, 6)),
            open_facilities=rng.choice(DEMO_FACILITIES),
            copies=2 if plan.kind is AgreementKind.AGREEMENT else 3,
            goal="围绕组织共建、服务群众和在职党员双报到，全年共同完成以下目标任务。"
            if plan.kind is AgreementKind.RESPONSIBILITY
            else "",
        )
        if plan.kind is AgreementKind.RESPONSIBILITY:
            row.tasks = [
                AgreementTask(
                    position=i,
                    category=c.value,
                    task=t,
                    target=g,
                    deadline=d,
                    score=s,
                    origin=origin,
                )
                for i, (c, t, g, d, s) in enumerate(DEMO_TASKS, start=1)
            ]
        if plan.status is AgreementStatus.SIGNED:
            version = ensure_template(session, plan.kind.template_kind)[0]
            serial = allocate_serial(
                session, plan.kind.document_kind, year=plan.starts_on.year, subject=unit.name
            )
            row.serial, row.template_version = serial.text, version
            row.issued_on = row.signed_on = plan.starts_on
        session.add(row)
        created += 1
    session.flush()
    return {"agreement": created}
