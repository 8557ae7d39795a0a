"""Loading a newer catalogue version from a file (``djdesk catalog load FILE [--dry-run]``).

The file is checked whole first (:mod:`djdesk.formats.cases.catalog_file`), then against this
installation: its version must be newer than the one in use, and none of its 证明 items may be
a certificate of the national blocked list (民发〔2020〕20号) unless it carries that item's
exception (亲属关系证明 仅限公证). A refused file changes nothing. A dry run reports what
would change without writing. Loading is for administrators and is audited.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from djdesk.actor import ADMINS, Actor
from djdesk.db.audit import record_event
from djdesk.db.session import Database
from djdesk.formats.cases.catalog_fields import CatalogFileError
from djdesk.formats.cases.catalog_file import CatalogFile, read_catalog_file
from djdesk.services.cases.catalog_diff import DiffEntry, diff_items, diff_summary
from djdesk.services.cases.catalog_query import current_catalog
from djdesk.services.cases.catalog_store import (
    blocked_list,
    ensure_catalog,
    file_items,
    install_catalog,
)
from djdesk.services.cases.types import CatalogKind
from djdesk.services.origin import site_origin


@dataclass(frozen=True)
class LoadReport:
    """What loading a file did (or, in a dry run, would do)."""

    file: str
    version: int
    previous_version: int
    sample: bool
    counts: dict[CatalogKind, int]
    changes: tuple[DiffEntry, ...]
    dry_run: bool

    @property
    def summary(self) -> str:
        verb = "将载入" if self.dry_run else "已载入"
        counts = "、".join(f"{kind} {n} 项" for kind, n in self.counts.items())
        since = f"；与第 {self.previous_version} 版相比：{diff_summary(self.changes)}"
        return f"{verb}第 {self.version} 版目录（{counts}）{since}。"


def check_against_blocked_list(catalog: CatalogFile, source: str) -> None:
    """Refuse a file whose 证明 items include a certificate a community may not issue."""
    listed = blocked_list()
    problems = []
    for key, item in catalog.items():
        if key != "ZM" or item.certificate is None:
            continue
        limitation = item.certificate.limitation
        for name in (item.name, item.certificate.title):
            entry = listed.match(name, limitation)
            if entry is not None:
                problems.append(f"{item.code}“{item.name}”：{listed.reason(entry)}")
                break
    if problems:
        raise CatalogFileError(source, problems)


def _check_version(catalog: CatalogFile, in_use: int, source: str) -> None:
    if catalog.version <= in_use:
        word = "相同" if catalog.version == in_use else "相比更旧"
        raise CatalogFileError(
            source,
            [f"文件是第 {catalog.version} 版，与在用的第 {in_use} 版{word}，只能载入更新版本"],
        )


def load_catalog_file(
    db: Database, path: Path, *, actor: Actor, dry_run: bool = False
) -> LoadReport:
    """Check ``path`` and, unless ``dry_run``, store it as the newest catalogue version.

    The shipped sample counts as version 1 from the start, so a district's first official list
    carries version 2 or higher (docs/catalog-format.md).
    """
    catalog = read_catalog_file(path)
    source = path.name
    check_against_blocked_list(catalog, source)
    current = current_catalog(db)  # the shipped sample (version 1) until one is stored
    in_use = current.header.version
    _check_version(catalog, in_use, source)
    new_items = file_items(catalog)
    # The dropped items of the version in use stay, retired: show them as such.
    listed = {item.code for item in new_items}
    carried = tuple(replace(i, retired=True) for i in current.items if i.code not in listed)
    changes = diff_items(current.items, new_items + carried)
    counts = {CatalogKind.of_key(c.key): len(c.items) for c in catalog.catalogs}
    report = LoadReport(
        file=source,
        version=catalog.version,
        previous_version=in_use,
        sample=catalog.sample,
        counts=counts,
        changes=tuple(changes),
        dry_run=dry_run,
    )
    if dry_run:
        return report
    with db.unit_of_work(actor, roles=ADMINS, what="载入服务事项目录") as session:
        origin = site_origin(session)
        # the sample stays stored as version 1, so later diffs and old cases have their base
        in_use = ensure_catalog(session, origin).version
        _check_version(catalog, in_use, source)  # again: another window may have loaded one
        version = install_catalog(session, catalog, origin=origin, source=source)
        record_event(
            session,
            "import",
            table="catalog_version",
            uid=version.uid,
            summary=report.summary[:200],
        )
    return report
