"""Downward packages: the reference data a street (or district) publishes to its 下级.

A publishing site writes every version of every reference kind it has (:mod:`.reference_kinds`:
the service catalogue now, agreement templates later) into a ``reference`` package, numbered
in its own sequence. The 下级 site imports it with its 上级's key trusted and installs each
version newer than its own. Packages are kept and written like upward ones (:mod:`.outbox`).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from djdesk import __version__
from djdesk.actor import WRITERS, Actor
from djdesk.db.audit import record_event
from djdesk.db.migrate import head_revision
from djdesk.db.models.exchange import ExchangeExport
from djdesk.db.session import Database
from djdesk.errors import DjdeskError
from djdesk.formats.exchange.manifest import REFERENCE, Manifest, ReferenceEntry
from djdesk.formats.exchange.writer import PackageWriter
from djdesk.paths import AppPaths
from djdesk.services.exchange.export import last_export, sender_of
from djdesk.services.exchange.files import atomic_file, discard_package
from djdesk.services.exchange.keys import site_private_key
from djdesk.services.exchange.outbox import check_passphrase, deliver, file_sha256, stored_path
from djdesk.services.exchange.partners import LOWER_LEVEL, this_site
from djdesk.services.exchange.reference_kinds import reference_kinds
from djdesk.services.exchange.types import ExportResult, PackageKind


def publish_reference(
    paths: AppPaths,
    db: Database,
    target: Path,
    *,
    passphrase: str | None = None,
    actor: Actor,
) -> ExportResult:
    """Write the next downward package (every published version of every kind) to ``target``."""
    actor.require(WRITERS, "下发参考数据")
    check_passphrase(passphrase)
    private = site_private_key(paths, db, actor=actor)
    now = datetime.now(UTC)
    counts: dict[str, int] = {}
    with db.reading() as session:
        site = this_site(session)
        if site.level not in LOWER_LEVEL:
            raise DjdeskError("本机为社区，没有下级单位，不能下发参考数据。")
        previous = last_export(session, PackageKind.REFERENCE)
        sequence = (previous.sequence if previous else 0) + 1
        stored = stored_path(paths, PackageKind.REFERENCE, sequence)
        entries: list[ReferenceEntry] = []
        with atomic_file(stored, "保存数据包") as fh:
            writer = PackageWriter(fh, created_at=now)
            for kind in reference_kinds():
                for item in kind.published(session, site.code):
                    name = f"reference/{kind.key}-{item.version}.json"
                    writer.write_bytes(name, item.data)
                    entries.append(ReferenceEntry(kind.key, item.version, name, item.title))
                    counts[kind.key] = counts.get(kind.key, 0) + 1
            if not entries:
                writer.abandon()
                raise DjdeskError("本机没有可下发的参考数据（尚未载入服务事项目录）。")
            manifest = Manifest(
                kind=REFERENCE,
                app_version=__version__,
                schema_revision=head_revision(),
                created_at=now,
                sender=sender_of(site, private),
                sequence=sequence,
                follows=previous.sequence if previous else 0,
                full=True,
                reference_versions={k.key: k.in_use(session, site.code) for k in reference_kinds()},
                reference=tuple(entries),
            )
            writer.finish(manifest, private)
    try:
        deliver(stored, target, passphrase)
        sha, size = file_sha256(stored)
        with db.unit_of_work(actor, roles=WRITERS, what="下发参考数据") as session:
            session.add(
                ExchangeExport(
                    kind=PackageKind.REFERENCE.value,
                    sequence=sequence,
                    follows=manifest.follows,
                    full=True,
                    created_at=now,
                    created_by=actor.username,
                    records=len(entries),
                    counts=json.dumps(counts, sort_keys=True),
                    file_name=target.name,
                    stored_file=stored.name,
                    sha256=sha,
                    size=size,
                )
            )
            record_event(
                session,
                "export",
                table="exchange_export",
                uid=f"{REFERENCE}-{sequence}",
                summary=f"下发参考数据包第 {sequence} 号（{len(entries)} 个版本）",
            )
    except BaseException:
        discard_package(stored, target)
        raise
    return ExportResult(
        kind=PackageKind.REFERENCE,
        sequence=sequence,
        follows=manifest.follows,
        full=True,
        file=str(target),
        sealed=passphrase is not None,
        records=len(entries),
        counts=counts,
        size=size,
        sha256=sha,
    )
