"""The street's reports as .xlsx files, and the conflict report of an import.

Each street report (``djdesk report street-…``) reads its rows from :mod:`.street_data`,
optionally for one community and a period, and is written atomically and audited. The conflict
report lists every record (or reference version) an import refused and why — or, for a package
refused as a whole, that one reason — for the clerk to send back to the community.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

from djdesk.actor import Actor, Role
from djdesk.db.audit import record_event
from djdesk.db.session import Database
from djdesk.errors import DjdeskError, ValidationError
from djdesk.formats.exchange.errors import PackageRefusedError
from djdesk.formats.exchange.sheets import CONFLICTS, STREET, sheet_bytes
from djdesk.services.exchange import street_data as data
from djdesk.services.exchange.files import write_bytes
from djdesk.services.exchange.partners import partners
from djdesk.services.exchange.types import ImportResult, PartnerRelation
from djdesk.services.site.identity import require_site


class StreetReport(StrEnum):
    CHECKINS = "street-checkins"
    CASES = "street-cases"
    OUTSIDE = "street-outside"
    ROOMS = "street-rooms"
    DUPLICATES = "street-duplicates"
    RECEIVED = "street-received"

    @property
    def heading(self) -> str:
        return STREET[self.value].title

    @property
    def dated(self) -> bool:
        """Whether the report takes a period."""
        return self in (StreetReport.CASES, StreetReport.OUTSIDE, StreetReport.ROOMS)


@dataclass(frozen=True)
class ReportFilter:
    community: str | None = None
    first: date | None = None
    last: date | None = None


def _local(moment: datetime | None) -> str:
    return "" if moment is None else f"{moment.astimezone():%Y-%m-%d %H:%M}"


def report_rows(db: Database, kind: StreetReport, f: ReportFilter) -> list[tuple[Any, ...]]:
    """The report's rows as plain values (what the sheet and the street page show)."""
    period = {"first": f.first, "last": f.last}
    if kind == StreetReport.CHECKINS:
        return [
            (r.community, r.unit, r.active, r.moved_out, r.members)
            for r in data.checkins_by_unit(db, community=f.community)
        ]
    if kind == StreetReport.CASES:
        return [
            (r.community, r.catalog, r.cases, r.done, r.transferred, r.refused, r.minutes)
            for r in data.cases_by_catalog(db, community=f.community, **period)
        ]
    if kind == StreetReport.OUTSIDE:
        return [
            (
                r.community,
                r.handled_on,
                r.item_name,
                r.requesting_department,
                r.request_reason,
                r.handler,
                r.result,
            )
            for r in data.outside_cases(db, community=f.community, **period)
        ]
    if kind == StreetReport.ROOMS:
        return [
            (r.community, r.room, r.bookings, r.hours, r.attendees, r.no_shows)
            for r in data.room_use(db, community=f.community, **period)
        ]
    if kind == StreetReport.DUPLICATES:
        return [
            (
                r.id_number,
                r.name,
                "、".join(r.communities),
                "、".join(f"{d:%Y-%m-%d}" for d in r.dates),
            )
            for r in data.duplicate_checkins(db, community=f.community)
        ]
    return [
        (
            p.code,
            p.name,
            p.last_sequence or "",
            _local(p.last_created_at),
            _local(p.last_imported_at),
            p.behind or "正常",
        )
        for p in partners(db)
        if p.relation == PartnerRelation.LOWER and (not f.community or p.code == f.community)
    ]


def _notes(db: Database, f: ReportFilter) -> list[str]:
    notes = []
    if f.community:
        names = {c.code: c.name for c in data.communities(db)}
        notes.append(f"范围：{names.get(f.community, f.community)}")
    if f.first or f.last:
        first = f"{f.first:%Y-%m-%d}" if f.first else "最早"
        last = f"{f.last:%Y-%m-%d}" if f.last else "今天"
        notes.append(f"期间：{first} 至 {last}")
    return notes


def write_street_report(
    db: Database, kind: StreetReport, out: Path, f: ReportFilter, *, actor: Actor
) -> int:
    """Write the report to ``out`` (.xlsx); returns its number of rows."""
    actor.require(tuple(Role), "导出报表")
    if out.suffix.lower() != ".xlsx":
        raise ValidationError("out", "街道汇总报表只能导出为 .xlsx 文件", label="输出文件")
    if f.first and f.last and f.first > f.last:
        raise ValidationError("period", "开始日期晚于结束日期", label="统计期间")
    site = require_site(db)
    rows = report_rows(db, kind, f)
    data_bytes = sheet_bytes(
        STREET[kind.value], rows, unit=site.name, on=date.today(), notes=_notes(db, f)
    )
    write_bytes(out, data_bytes, "导出报表")
    with db.unit_of_work(actor, roles=tuple(Role), what="导出报表") as session:
        record_event(session, "report", summary=f"导出{kind.heading}（{len(rows)} 行）")
    return len(rows)


def conflict_rows(result: ImportResult | DjdeskError) -> list[tuple[Any, ...]]:
    if isinstance(result, DjdeskError):
        kind = result.refusal.value if isinstance(result, PackageRefusedError) else "拒收"
        return [(1, "整个数据包", "", "", "", f"{kind}：{result.message}")]
    return [
        (i, c.label, c.line, c.origin, c.uid, c.reason)
        for i, c in enumerate(result.conflicts, start=1)
    ]


def write_conflict_report(
    db: Database, results: Sequence[tuple[str, ImportResult | DjdeskError]], out: Path
) -> int:
    """Write the refusals of one or more imports (file name, result) to ``out``."""
    site = require_site(db)
    rows: list[tuple[Any, ...]] = []
    notes = []
    for name, result in results:
        found = conflict_rows(result)
        notes.append(f"{name}：{len(found)} 项拒收" if found else f"{name}：无拒收")
        rows.extend(found)
    for i, row in enumerate(rows, start=1):
        rows[i - 1] = (i, *row[1:])
    when = datetime.now(UTC).astimezone().date()
    write_bytes(
        out, sheet_bytes(CONFLICTS, rows, unit=site.name, on=when, notes=notes), "导出冲突清单"
    )
    return len(rows)
