"""``djdesk verify``: every check an import makes on the file, and nothing written.

The package is opened and checked as for an import (:mod:`.inbound`: envelope, zip limits,
manifest, sender, key, signature, schema, origins allowed), then every table file is read to
the end: each line decoded against its columns, origins checked, uids unique, count, size and
SHA-256 compared; reference entries are checked by their kind. What cannot be known without
writing — which records are new here, conflicts with this database's own rows — is the dry
run's job (``djdesk import --dry-run``).
"""

from __future__ import annotations

from pathlib import Path

from djdesk.db.session import Database
from djdesk.formats.exchange.errors import RefusalKind
from djdesk.paths import AppPaths
from djdesk.progress import CancelledFn, ProgressFn, check_cancelled, report
from djdesk.services.exchange.inbound import Inbound, open_inbound
from djdesk.services.exchange.reference_kinds import kind_named
from djdesk.services.exchange.types import PackageKind, VerifiedTable, VerifyReport


def _read_records(
    inbound: Inbound, progress: ProgressFn | None, cancelled: CancelledFn | None
) -> None:
    total, done = inbound.manifest.record_count, 0
    for plan in inbound.tables:
        for batch in inbound.package.batches(plan.entry, plan.decode):
            check_cancelled(cancelled, "已取消核验。")
            for line, record in zip(batch.lines, batch.records, strict=True):
                if record["origin"] not in inbound.allowed_origins:
                    raise inbound.refuse(
                        RefusalKind.FOREIGN_ORIGIN,
                        f"“{plan.entry.file}”第 {line} 行的记录属于 {record['origin']}，"
                        "不是发送单位或其转报的下级单位的记录",
                    )
            done += len(batch.records)
            report(progress, done, total, f"正在核验{plan.travelling.label}")


def _reference_problems(inbound: Inbound) -> tuple[str, ...]:
    problems = []
    for entry in inbound.manifest.reference:
        data = inbound.package.read_member(entry.file)
        kind = kind_named(entry.kind)
        if kind is None:
            problems.append(f"参考数据类别“{entry.kind}”本程序不认识")
        elif (problem := kind.check(data, entry.version)) is not None:
            problems.append(f"{kind.label}第 {entry.version} 版：{problem}")
    return tuple(problems)


def verify_package(
    paths: AppPaths,
    db: Database,
    path: Path,
    *,
    passphrase: str | None = None,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
) -> VerifyReport:
    """Check ``path`` completely; raises ``PackageRefusedError`` naming the first problem."""
    with db.reading() as session:
        inbound = open_inbound(paths, session, path, passphrase=passphrase)
        try:
            problems: tuple[str, ...] = ()
            if inbound.kind == PackageKind.RECORDS:
                _read_records(inbound, progress, cancelled)
            else:
                problems = _reference_problems(inbound)
            m = inbound.manifest
            return VerifyReport(
                file=inbound.name,
                kind=inbound.kind,
                sender_code=m.sender.code,
                sender_name=m.sender.name,
                sender_level=m.sender.level,
                fingerprint=m.sender.fingerprint,
                sequence=m.sequence,
                follows=m.follows,
                full=m.full,
                created_at=m.created_at,
                schema_revision=m.schema_revision,
                sealed=inbound.package.sealed,
                tables=tuple(
                    VerifiedTable(p.travelling.name, p.travelling.label, p.entry.records)
                    for p in inbound.tables
                ),
                communities=tuple(f"{c.name}（{c.code}）" for c in m.communities),
                reference_versions=dict(m.reference_versions),
                warnings=tuple(inbound.warnings),
                problems=problems,
                already_imported=inbound.already_imported is not None,
            )
        finally:
            inbound.close()
