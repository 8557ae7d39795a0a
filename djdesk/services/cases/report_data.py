"""What the 服务事项 reports hold: the period's statistics and its 出具证明登记簿 lines.

Statistics are grouped in the database (one ``GROUP BY`` per section over the period's cases,
walking the index on the handling date), so a year of 500,000 cases is summed without loading
them. The register streams its lines in number order, with how often each certificate was
printed as the document register counts it; ID numbers and phones are masked as in every
export.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from djdesk.db.models.cases import Certificate, ServiceCase
from djdesk.db.session import Database
from djdesk.services.cases.periods import Period
from djdesk.services.cases.print_counts import renderings_column, reprints_between
from djdesk.services.cases.types import CaseResult, CatalogKind, CertificateStatus
from djdesk.validation.masking import mask_id_number, mask_phone

StatsRow = tuple[str, str, int, int, int, int, int, int]
Grouped = tuple[Any, ...]  # the group's keys, then six sums


@dataclass(frozen=True)
class CaseStats:
    """The statistics of one period, as table rows (see ``STATS_COLUMNS``)."""

    period: Period
    rows: tuple[StatsRow, ...]
    total: StatsRow
    certificates: int  # issued in the period and not void
    voided: int
    reprints: int
    outside: int  # 清单外事项
    departments: int  # distinct departments that handed 清单外事项 down

    @property
    def closing(self) -> tuple[str, ...]:
        return (
            f"本期出具证明 {self.certificates} 份（另作废 {self.voided} 份），"
            f"补打 {self.reprints} 次；清单外事项 {self.outside} 件，"
            f"涉及交办部门 {self.departments} 个。",
            "填表人：" + "\xa0" * 24 + "审核人：" + "\xa0" * 24 + "（社区盖章）",
        )


def _counts(session: Session, period: Period, *keys: Any) -> list[Grouped]:
    valid_cert = case((Certificate.status == CertificateStatus.VALID.value, 1), else_=0)
    stmt = (
        select(
            *keys,
            func.count(ServiceCase.id),
            func.sum(case((ServiceCase.result == CaseResult.DONE.value, 1), else_=0)),
            func.sum(case((ServiceCase.result == CaseResult.TRANSFERRED.value, 1), else_=0)),
            func.sum(case((ServiceCase.result == CaseResult.REFUSED.value, 1), else_=0)),
            func.coalesce(func.sum(valid_cert), 0),
            func.coalesce(func.sum(ServiceCase.minutes_spent), 0),
        )
        .join(Certificate, Certificate.case_id == ServiceCase.id, isouter=True)
        .where(
            ServiceCase.handled_on >= period.start,
            ServiceCase.handled_on <= period.end,
            ServiceCase.deleted_at.is_(None),
        )
        .group_by(*keys)
        .order_by(*keys)
    )
    return [tuple(r) for r in session.execute(stmt)]


def _numbers(values: Grouped) -> tuple[int, int, int, int, int, int]:
    a, b, c, d, e, f = (int(v or 0) for v in values)
    return a, b, c, d, e, f


def _section(group: str, rows: list[tuple[str, Grouped]]) -> list[StatsRow]:
    return [(group, name, *_numbers(values)) for name, values in rows]


def case_stats(db: Database, period: Period) -> CaseStats:
    """Cases of ``period`` by catalogue, category, item, handler and month; 清单外 departments."""
    order = {kind.value: i for i, kind in enumerate(CatalogKind)}
    month = func.strftime("%Y-%m", ServiceCase.handled_on)
    with db.reading() as session:
        by_catalog = sorted(
            _counts(session, period, ServiceCase.catalog), key=lambda r: order[r[0]]
        )
        by_category = _counts(session, period, ServiceCase.catalog, ServiceCase.category)
        by_category.sort(key=lambda r: (order[r[0]], r[1]))
        by_item = _counts(
            session, period, ServiceCase.catalog, ServiceCase.item_code, ServiceCase.item_name
        )
        by_item.sort(key=lambda r: (order[r[0]], r[1] or "~", r[2]))
        by_handler = _counts(session, period, ServiceCase.handler)
        by_month = _counts(session, period, month)
        outside = [
            r
            for r in _counts(
                session, period, ServiceCase.catalog, ServiceCase.requesting_department
            )
            if r[0] == CatalogKind.OUTSIDE.value
        ]
        total = _counts(session, period)
        certs = _certificate_counts(session, period)
    rows: list[StatsRow] = []
    rows += _section("按清单", [(r[0], r[1:]) for r in by_catalog])
    rows += _section("按类别", [(f"{r[0]}·{r[1]}" if r[1] else r[0], r[2:]) for r in by_category])
    rows += _section("按事项", [(f"{r[1]} {r[2]}".strip(), r[3:]) for r in by_item])
    rows += _section("按经办人", [(r[0], r[1:]) for r in by_handler])
    rows += _section("按月份", [(str(r[0]), r[1:]) for r in by_month])
    rows += _section("清单外交办部门", [(r[1], r[2:]) for r in outside])
    outside_count = sum(int(r[2] or 0) for r in outside)
    total_row: StatsRow = ("合计", "", *_numbers(total[0] if total else (0,) * 6))
    return CaseStats(
        period=period,
        rows=tuple(rows),
        total=total_row,
        certificates=certs[0],
        voided=certs[1],
        reprints=certs[2],
        outside=outside_count,
        departments=len(outside),
    )


def _certificate_counts(session: Session, period: Period) -> tuple[int, int, int]:
    in_period = (Certificate.issued_on >= period.start, Certificate.issued_on <= period.end)
    valid = session.scalar(
        select(func.count()).where(*in_period, Certificate.status == CertificateStatus.VALID.value)
    )
    void = session.scalar(
        select(func.count()).where(*in_period, Certificate.status == CertificateStatus.VOID.value)
    )
    reprints = reprints_between(session, period.start, period.end)
    return int(valid or 0), int(void or 0), reprints


def count_register(db: Database, period: Period) -> int:
    with db.reading() as session:
        stmt = select(func.count()).where(
            Certificate.issued_on >= period.start,
            Certificate.issued_on <= period.end,
            Certificate.deleted_at.is_(None),
        )
        return int(session.scalar(stmt) or 0)


def iter_register(db: Database, period: Period) -> Iterator[tuple[object, ...]]:
    """The register lines of ``period`` in number order (see ``REGISTER_COLUMNS``)."""
    stmt = (
        select(Certificate, ServiceCase, renderings_column())
        .join(ServiceCase, ServiceCase.id == Certificate.case_id)
        .where(
            Certificate.issued_on >= period.start,
            Certificate.issued_on <= period.end,
            Certificate.deleted_at.is_(None),
        )
        .order_by(Certificate.year, Certificate.number)
        .execution_options(yield_per=2000)
    )
    with db.reading() as session:
        for index, (cert, sc, printed) in enumerate(session.execute(stmt), start=1):
            remarks = []
            if cert.status == CertificateStatus.VOID:
                remarks.append(f"作废：{cert.void_reason}")
            if printed > 1:
                remarks.append(f"打印 {printed} 次")
            if cert.limitation:
                remarks.append(cert.limitation)
            yield (
                index,
                cert.serial,
                cert.issued_on,
                f"{cert.item_code} {cert.title}",
                sc.applicant_name or cert.subject_name,
                mask_id_number(cert.subject_id_number) if cert.subject_id_number else "",
                mask_phone(sc.applicant_phone) if sc.applicant_phone else "",
                cert.purpose,
                "、".join(json.loads(sc.materials or "[]")),
                cert.verification,
                cert.handler,
                cert.reviewer,
                "是" if cert.sealed else "否",
                "；".join(remarks),
            )
