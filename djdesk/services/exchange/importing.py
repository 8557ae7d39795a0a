"""Importing packages: the dry run (plan) and the real thing (apply), one transaction each.

:func:`import_package` opens and checks the package (:mod:`.inbound`), then, inside one unit of
work, applies records (:mod:`.apply_records`) or reference data (:mod:`.apply_reference`),
stores the key of a site registered by fingerprint, notes the communities a street forwards,
logs the package in the received-packages log and writes one audit entry. A dry run does
exactly the same and rolls back, so its plan is what applying would do. A refusal anywhere
rolls everything back: a refused package changes nothing. A package imported before (same
signed manifest) with nothing refused is recognised by its digest once its checksums match,
and changes nothing either.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.orm import Session

from djdesk.actor import WRITERS, Actor, Role
from djdesk.db.audit import record_event
from djdesk.db.models.exchange import ExchangeImport, ExchangePartner
from djdesk.db.session import Database
from djdesk.disk import require_free_space
from djdesk.errors import DjdeskError
from djdesk.formats.exchange.keys import encode_key
from djdesk.paths import AppPaths
from djdesk.progress import CancelledFn, ProgressFn
from djdesk.services.exchange.apply_records import RecordApplier
from djdesk.services.exchange.apply_reference import apply_reference
from djdesk.services.exchange.inbound import Inbound, open_inbound
from djdesk.services.exchange.partners import partner
from djdesk.services.exchange.transactions import begin_write, large_cache
from djdesk.services.exchange.types import (
    Conflict,
    ImportResult,
    PackageKind,
    PartnerRelation,
    TableCounts,
)

EVERYONE = tuple(Role)
#: What a record may take in the database once imported (rows, indexes, WAL), for the check.
BYTES_PER_RECORD = 1500


class _DryRun(Exception):  # noqa: N818 (control flow, not an error)
    def __init__(self, result: ImportResult) -> None:
        super().__init__("dry run")
        self.result = result


def _result(
    inbound: Inbound,
    *,
    dry_run: bool,
    tables: tuple[TableCounts, ...],
    conflicts: tuple[Conflict, ...] = (),
    already: bool = False,
) -> ImportResult:
    m = inbound.manifest
    return ImportResult(
        file=inbound.name,
        kind=inbound.kind,
        sender_code=m.sender.code,
        sender_name=m.sender.name,
        sender_level=m.sender.level,
        sequence=m.sequence,
        follows=m.follows,
        full=m.full,
        created_at=m.created_at,
        dry_run=dry_run,
        applied=not dry_run,
        tables=tables,
        conflicts=conflicts,
        warnings=tuple(inbound.warnings),
        already_imported=already,
        communities=tuple(f"{c.name}（{c.code}）" for c in m.communities),
    )


def _as_already_imported(inbound: Inbound, dry_run: bool) -> ImportResult:
    inbound.package.check_files()
    m = inbound.manifest
    if inbound.kind == PackageKind.RECORDS:
        tables = tuple(
            TableCounts(p.travelling.name, p.travelling.label, unchanged=p.entry.records)
            for p in inbound.tables
        )
    else:
        tables = tuple(TableCounts(e.kind, e.kind, unchanged=1) for e in m.reference)
    done = inbound.already_imported
    assert done is not None
    inbound.warnings.insert(
        0,
        f"此数据包已于 {done.imported_at.astimezone():%Y-%m-%d %H:%M} 导入，"
        "再次导入不会改动任何数据",
    )
    return _result(inbound, dry_run=dry_run, tables=tables, already=True)


def _log(session: Session, inbound: Inbound, result: ImportResult, actor: Actor) -> None:
    m = inbound.manifest
    counts = {t.table: [t.new, t.updated, t.unchanged, t.refused] for t in result.tables}
    row = inbound.already_imported or ExchangeImport(digest=inbound.package.digest)
    row.sender, row.sender_name, row.kind = m.sender.code, m.sender.name[:100], m.kind
    row.sequence, row.follows, row.full, row.created_at = (
        m.sequence,
        m.follows,
        m.full,
        m.created_at,
    )
    row.imported_at, row.imported_by, row.file_name = (
        datetime.now(UTC),
        actor.username,
        inbound.name,
    )
    row.added, row.updated = result.total("new"), result.total("updated")
    row.unchanged, row.refused = result.total("unchanged"), result.total("refused")
    row.counts = json.dumps(counts, ensure_ascii=False, sort_keys=True)
    row.warnings = "\n".join(result.warnings)
    session.add(row)
    sender = inbound.sender
    if not sender.public_key:
        sender.public_key = encode_key(m.sender.public_key)
    for community in m.communities:
        known = partner(session, community.code)
        if known is None:
            known = ExchangePartner(code=community.code, relation=PartnerRelation.FORWARDED)
            session.add(known)
        known.name, known.level, known.via = community.name[:100], community.level, m.sender.code
        known.registered_by = actor.username
    session.flush()
    record_event(
        session,
        "import",
        table="exchange_import",
        uid=inbound.package.digest[:16],
        summary=f"导入{m.sender.name}第 {m.sequence} 号{inbound.kind.label}包：{result.summary}",
    )


def import_package(
    paths: AppPaths,
    db: Database,
    path: Path,
    *,
    dry_run: bool = False,
    passphrase: str | None = None,
    actor: Actor,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
) -> ImportResult:
    """Plan (``dry_run``) or apply one package; raises ``PackageRefusedError`` when refused."""
    roles = EVERYONE if dry_run else WRITERS
    try:
        with db.unit_of_work(actor, roles=roles, what="导入数据包") as session:
            begin_write(session)
            with large_cache(session):
                inbound = open_inbound(paths, session, path, passphrase=passphrase)
                try:
                    done = inbound.already_imported
                    if done is not None and done.refused == 0:
                        result = _as_already_imported(inbound, dry_run)
                        raise _DryRun(result)
                    if not dry_run and db.file is not None:
                        need = inbound.manifest.record_count * BYTES_PER_RECORD
                        require_free_space({db.file.parent: need}, "导入数据包")
                    if inbound.kind == PackageKind.RECORDS:
                        applier = RecordApplier(session, inbound, progress, cancelled)
                        applier.run()
                        result = _result(
                            inbound,
                            dry_run=dry_run,
                            tables=applier.counts(),
                            conflicts=tuple(applier.conflicts),
                        )
                    else:
                        tables, conflicts, notes = apply_reference(
                            session, inbound, cancelled=cancelled
                        )
                        inbound.warnings.extend(notes)
                        result = _result(
                            inbound, dry_run=dry_run, tables=tables, conflicts=conflicts
                        )
                    if dry_run:
                        raise _DryRun(result)
                    _log(session, inbound, result, actor)
                finally:
                    inbound.close()
    except _DryRun as outcome:
        return outcome.result
    return result


def import_packages(
    paths: AppPaths,
    db: Database,
    files: Sequence[Path],
    *,
    dry_run: bool = False,
    passphrase: str | None = None,
    actor: Actor,
    progress: ProgressFn | None = None,
    cancelled: CancelledFn | None = None,
) -> list[ImportResult | DjdeskError]:
    """Each file on its own (one transaction each): its result, or the error refusing it."""
    results: list[ImportResult | DjdeskError] = []
    for path in files:
        try:
            results.append(
                import_package(
                    paths,
                    db,
                    path,
                    dry_run=dry_run,
                    passphrase=passphrase,
                    actor=actor,
                    progress=progress,
                    cancelled=cancelled,
                )
            )
        except DjdeskError as exc:
            results.append(exc)
    return results
