"""The received-packages log, and which 下级 site is behind.

Every applied package is one ``exchange_import`` row (a refused package leaves none). A site is
behind when nothing has come from it yet, when package numbers are missing since its last full
package, or when its newest package was made more than :data:`STALE_DAYS` days ago.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from djdesk.db.models.exchange import ExchangeImport
from djdesk.db.session import Database
from djdesk.services.exchange.types import (
    PackageKind,
    PartnerInfo,
    PartnerRelation,
    ReceivedEntry,
)

#: Communities report at least monthly; older than this, the street is told.
STALE_DAYS = 31


def missing_numbers(sequences: list[tuple[int, bool]]) -> list[int]:
    """Package numbers not received since the newest full package (``(sequence, full)``)."""
    if not sequences:
        return []
    seen = {s for s, _ in sequences}
    start = max((s for s, full in sequences if full), default=1)
    return [n for n in range(start, max(seen) + 1) if n not in seen]


def behind_text(
    sequences: list[tuple[int, bool]], last_created: datetime | None, now: datetime
) -> str:
    if not sequences or last_created is None:
        return "尚未收到数据包"
    parts = []
    missing = missing_numbers(sequences)
    if missing:
        shown = "、".join(str(n) for n in missing[:5]) + ("等" if len(missing) > 5 else "")
        parts.append(f"缺少第 {shown} 号数据包")
    days = (now - last_created).days
    if days > STALE_DAYS:
        parts.append(f"最新数据包已是 {days} 天前生成")
    return "；".join(parts)


def with_status(
    session: Session, infos: list[PartnerInfo], *, now: datetime | None = None
) -> list[PartnerInfo]:
    """``infos`` with their last package and why they are behind (for 下级 and 上级)."""
    now = now or datetime.now(UTC)
    rows = session.execute(
        select(
            ExchangeImport.sender,
            ExchangeImport.kind,
            ExchangeImport.sequence,
            ExchangeImport.full,
            ExchangeImport.created_at,
            ExchangeImport.imported_at,
        )
    ).all()
    by_sender: dict[tuple[str, str], list[tuple[int, bool, datetime, datetime]]] = {}
    for sender, kind, sequence, full, created, imported in rows:
        by_sender.setdefault((sender, kind), []).append((sequence, full, created, imported))
    out = []
    for info in infos:
        if info.relation == PartnerRelation.FORWARDED:
            out.append(info)
            continue
        kind = (
            PackageKind.REFERENCE if info.relation == PartnerRelation.UPPER else PackageKind.RECORDS
        )
        got = sorted(by_sender.get((info.code, kind.value), []))
        newest = max(got, key=lambda g: g[0]) if got else None
        behind = ""
        if info.relation == PartnerRelation.LOWER:
            last_made = newest[2] if newest else None
            behind = behind_text([(s, f) for s, f, _, _ in got], last_made, now)
        out.append(
            replace(
                info,
                last_sequence=newest[0] if newest else None,
                last_created_at=newest[2] if newest else None,
                last_imported_at=max(g[3] for g in got) if got else None,
                behind=behind,
            )
        )
    return out


def received_packages(db: Database, *, sender: str | None = None) -> list[ReceivedEntry]:
    """The received-packages log, newest first."""
    with db.reading() as session:
        stmt = select(ExchangeImport).order_by(
            ExchangeImport.imported_at.desc(), ExchangeImport.id.desc()
        )
        if sender:
            stmt = stmt.where(ExchangeImport.sender == sender)
        return [
            ReceivedEntry(
                sender=r.sender,
                sender_name=r.sender_name,
                kind=PackageKind(r.kind),
                sequence=r.sequence,
                follows=r.follows,
                full=r.full,
                created_at=r.created_at,
                imported_at=r.imported_at,
                imported_by=r.imported_by,
                file_name=r.file_name,
                added=r.added,
                updated=r.updated,
                unchanged=r.unchanged,
                refused=r.refused,
                warnings=tuple(w for w in r.warnings.split("\n") if w),
            )
            for r in session.scalars(stmt)
        ]


def counts_json(counts: dict[str, list[int]]) -> str:
    return json.dumps(counts, ensure_ascii=False, sort_keys=True)
