"""Upward packages: every record this site owns (and, at a street, forwards) that changed.

``export_records`` writes package number N+1 of this site: incremental (records whose version
differs from the one last sent) or full (every record; always the first time). A community
carries only its own records; a street carries its own and its registered communities'
records, origins untouched, and names those communities in the manifest; a district likewise.
The package is written whole into the data folder first, then to the clerk's file (sealed when
a passphrase is given); only then are the export history and the sent versions stored, in one
transaction. A cancel or a failed write leaves no file, no history and no changed versions.
``export_again`` writes a past package again from the kept copy, byte for byte.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from djdesk import __version__
from djdesk.actor import WRITERS, Actor
from djdesk.db.audit import record_event
from djdesk.db.migrate import head_revision
from djdesk.db.models.exchange import ExchangeExport, ExchangePartner, ExchangeSent
from djdesk.db.models.site import Site
from djdesk.db.session import Database
from djdesk.disk import require_free_space
from djdesk.errors import DjdeskError, NotFoundError
from djdesk.formats.exchange.keys import public_key_of
from djdesk.formats.exchange.manifest import RECORDS, Community, Manifest, Sender, TableEntry
from djdesk.formats.exchange.writer import PackageWriter
from djdesk.paths import AppPaths
from djdesk.progress import EXPORT_CANCELLED, CancelledFn, ProgressFn, check_cancelled, report
from djdesk.services.exchange.files import atomic_file, discard_package
from djdesk.services.exchange.keys import site_private_key
from djdesk.services.exchange.outbox import (
    BYTES_PER_RECORD,
    check_passphrase,
    deliver,
    file_sha256,
    stored_path,
)
from djdesk.services.exchange.partners import this_site
from djdesk.services.exchange.records_out import Sent, count_rows, table_lines
from djdesk.services.exchange.reference_kinds import reference_kinds
from djdesk.services.exchange.storage import quote
from djdesk.services.exchange.tables import travelling_tables
from djdesk.services.exchange.transactions import begin_snapshot, large_cache
from djdesk.services.exchange.types import (
    ExportEntry,
    ExportResult,
    PackageKind,
    PartnerRelation,
)


def forwarded(session: Session) -> list[ExchangePartner]:
    """The 下级 sites (and, at a district, the communities they forward) whose records travel on."""
    relations = (PartnerRelation.LOWER, PartnerRelation.FORWARDED)
    stmt = select(ExchangePartner).where(ExchangePartner.relation.in_(relations))
    return list(session.scalars(stmt.order_by(ExchangePartner.code)))


def last_export(session: Session, kind: PackageKind) -> ExchangeExport | None:
    stmt = (
        select(ExchangeExport)
        .where(ExchangeExport.kind == kind.value)
        .order_by(ExchangeExport.sequence.desc())
        .limit(1)
    )
    return session.scalar(stmt)


def sender_of(site: Site, private_key: bytes) -> Sender:
    return Sender(site.level, site.code, site.name, public_key_of(private_key))


def _record(
    db: Database,
    actor: Actor,
    row: ExchangeExport,
    sent: dict[str, Sent],
    full: bool,
) -> None:
    """Store the history line and the versions sent, in one transaction."""
    with db.unit_of_work(actor, roles=WRITERS, what="导出数据包") as session:
        session.add(row)
        if full:
            session.execute(delete(ExchangeSent))
        connection = session.connection()
        connection.exec_driver_sql(
            "CREATE TEMP TABLE IF NOT EXISTS exchange_sent_batch "
            "(id INTEGER PRIMARY KEY, version INTEGER NOT NULL)"
        )
        with large_cache(session):
            for table, rows in sent.items():
                if not rows.ids:
                    continue
                # Through a temporary table, so the uids go into exchange_sent in order (a
                # million random-order inserts into its index would miss the cache each time).
                connection.exec_driver_sql("DELETE FROM exchange_sent_batch")
                connection.exec_driver_sql(
                    "INSERT INTO exchange_sent_batch (id, version) VALUES (?, ?)",
                    list(zip(rows.ids, rows.versions, strict=True)),
                )
                connection.exec_driver_sql(
                    f"INSERT INTO exchange_sent (uid, version) SELECT t.uid, b.version "
                    f"FROM exchange_sent_batch AS b JOIN {quote(table)} AS t ON t.id = b.id "
                    "WHERE true ORDER BY t.uid "
                    "ON CONFLICT(uid) DO UPDATE SET version = excluded.version"
                )
            connection.exec_driver_sql("DELETE FROM exchange_sent_batch")
        kind = "全量" if full else "增量"
        record_event(
            session,
            "export",
            table="exchange_export",
            uid=f"{row.kind}-{row.sequence}",
            summary=f"导出{kind}上报数据包第 {row.sequence} 号（{row.records} 条记录）",
        )


def export_records(
    paths: AppPaths,
    db: Database,
    target: Path,
    *,
    full: bool = False,
    passphrase: str | None = None,
    actor: Actor,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
) -> ExportResult:
    """Write the next upward package to ``target`` (see the module docstring)."""
    actor.require(WRITERS, "导出数据包")
    check_passphrase(passphrase)
    private = site_private_key(paths, db, actor=actor)
    now = datetime.now(UTC)
    sent: dict[str, Sent] = {}
    counts: dict[str, int] = {}
    with db.reading() as session, large_cache(session):
        begin_snapshot(session)
        site = this_site(session)
        lower = forwarded(session)
        origins = [site.code, *(p.code for p in lower)]
        previous = last_export(session, PackageKind.RECORDS)
        full = full or previous is None
        sequence = (previous.sequence if previous else 0) + 1
        tables = travelling_tables()
        sizes = {t.name: count_rows(session, t, origins) for t in tables}
        total = sum(sizes.values()) if full else 0  # an increment's size is known at the end
        stored = stored_path(paths, PackageKind.RECORDS, sequence)
        need = total * BYTES_PER_RECORD
        require_free_space({stored.parent: need, target.parent: need}, "导出数据包")
        done = 0

        def step(n: int) -> None:
            nonlocal done
            done += n
            check_cancelled(cancelled, EXPORT_CANCELLED)
            shown = f"{done:,}/{total:,}" if total else f"{done:,}"
            report(progress, done, total, f"正在导出 {shown} 条记录")

        entries = []
        with atomic_file(stored, "保存数据包") as fh:
            writer = PackageWriter(fh, created_at=now)
            for t in tables:
                if not full and not sizes[t.name]:
                    continue
                rows = sent[t.name] = Sent()
                lines = table_lines(session, t, origins, incremental=not full, sent=rows, step=step)
                count = writer.write_lines(t.spec.file_name, lines, skip_empty=not full)
                if count or full:
                    counts[t.name] = count
                    entries.append(TableEntry(t.name, t.spec.file_name, count, t.spec.columns))
            manifest = Manifest(
                kind=RECORDS,
                app_version=__version__,
                schema_revision=head_revision(),
                created_at=now,
                sender=sender_of(site, private),
                sequence=sequence,
                follows=previous.sequence if previous else 0,
                full=full,
                reference_versions={k.key: k.in_use(session, site.code) for k in reference_kinds()},
                communities=tuple(Community(p.code, p.name, p.level) for p in lower),
                tables=tuple(entries),
            )
            writer.finish(manifest, private)
    try:
        check_cancelled(cancelled, EXPORT_CANCELLED)
        report(progress, done, done, "正在写出文件")
        deliver(stored, target, passphrase)
        sha, size = file_sha256(stored)
        row = ExchangeExport(
            kind=PackageKind.RECORDS.value,
            sequence=sequence,
            follows=manifest.follows,
            full=full,
            created_at=now,
            created_by=actor.username,
            records=sum(counts.values()),
            counts=json.dumps(counts, sort_keys=True),
            file_name=target.name,
            stored_file=stored.name,
            sha256=sha,
            size=size,
        )
        _record(db, actor, row, sent, full)
    except BaseException:
        discard_package(stored, target)
        raise
    return ExportResult(
        kind=PackageKind.RECORDS,
        sequence=sequence,
        follows=manifest.follows,
        full=full,
        file=str(target),
        sealed=passphrase is not None,
        records=sum(counts.values()),
        counts=counts,
        size=size,
        sha256=sha,
    )


def export_again(
    paths: AppPaths,
    db: Database,
    sequence: int,
    target: Path,
    *,
    kind: PackageKind = PackageKind.RECORDS,
    passphrase: str | None = None,
    actor: Actor,
) -> ExportResult:
    """Write past package ``sequence`` again from the kept copy (same content, same signature)."""
    actor.require(WRITERS, "重新导出数据包")
    check_passphrase(passphrase)
    with db.reading() as session:
        stmt = select(ExchangeExport).where(
            ExchangeExport.kind == kind.value, ExchangeExport.sequence == sequence
        )
        row = session.scalar(stmt)
    if row is None:
        raise NotFoundError(f"没有第 {sequence} 号{kind.label}数据包的导出记录。")
    stored = stored_path(paths, kind, sequence)
    if not stored.exists():
        raise DjdeskError(
            f"第 {sequence} 号数据包的留存副本“{stored}”已不存在，无法原样重新导出；"
            "请改为导出一个全量数据包。"
        )
    sha, size = file_sha256(stored)
    if sha != row.sha256:
        raise DjdeskError(
            f"第 {sequence} 号数据包的留存副本与导出时的校验值不符，已损坏；请导出全量数据包。"
        )
    deliver(stored, target, passphrase)
    with db.unit_of_work(actor, roles=WRITERS, what="重新导出数据包") as session:
        record_event(
            session,
            "export",
            table="exchange_export",
            uid=f"{kind.value}-{sequence}",
            summary=f"重新导出第 {sequence} 号{kind.label}数据包",
        )
    return ExportResult(
        kind=kind,
        sequence=sequence,
        follows=row.follows,
        full=row.full,
        file=str(target),
        sealed=passphrase is not None,
        records=row.records,
        counts=json.loads(row.counts or "{}"),
        size=size,
        sha256=sha,
        again=True,
    )


def export_history(paths: AppPaths, db: Database) -> list[ExportEntry]:
    """Every package written here, newest first."""
    with db.reading() as session:
        rows = session.scalars(
            select(ExchangeExport).order_by(
                ExchangeExport.created_at.desc(), ExchangeExport.id.desc()
            )
        )
        return [
            ExportEntry(
                kind=PackageKind(r.kind),
                sequence=r.sequence,
                follows=r.follows,
                full=r.full,
                created_at=r.created_at,
                created_by=r.created_by,
                records=r.records,
                counts=json.loads(r.counts or "{}"),
                file_name=r.file_name,
                size=r.size,
                stored=stored_path(paths, PackageKind(r.kind), r.sequence).exists(),
            )
            for r in rows
        ]
