"""What ``djdesk info`` reports: versions, paths, schema revision and record counts.

Reading the report changes nothing on disk: a data folder or database that does not exist yet
is reported as such (with zero counts) and is not created; an existing database is opened
read-only and never migrated. When its schema is older than the program's, both revisions are
reported and the records are not counted (the tables may not match the program's models until
the next start migrates them); the same when a newer djdesk wrote it.
"""

from __future__ import annotations

import platform
import sys
from dataclasses import asdict, dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from djdesk import __version__
from djdesk.db.migrate import current_revision, head_revision, known_revisions
from djdesk.db.session import mask_url
from djdesk.db.startup import open_database_read_only
from djdesk.errors import DataDirError
from djdesk.paths import AppPaths
from djdesk.services.overview import RecordCount, count_labels, record_counts
from djdesk.services.site.identity import get_site


class DatabaseState(StrEnum):
    """How the installation's database stands, as ``djdesk info`` found it."""

    NOT_CREATED = "尚未创建"
    EMPTY = "尚无数据结构"
    CURRENT = "与程序一致"
    OLDER = "较旧，下次打开程序时先备份再自动升级"
    NEWER = "由更新版本的 djdesk 创建，本程序不能打开"


@dataclass(frozen=True)
class InstallationInfo:
    version: str
    python: str
    platform: str
    data_dir: str
    data_dir_exists: bool
    database_url: str
    database_state: DatabaseState
    backup_dir: str
    log_file: str
    schema_revision: str | None
    schema_head: str
    sqlite_version: str | None
    site_code: str | None
    site_name: str | None
    site_level: str | None
    #: ``None`` when the records cannot be counted (older or newer schema).
    record_counts: tuple[RecordCount, ...] | None

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["database_state"] = self.database_state.name.lower()
        data["record_counts"] = (
            None if self.record_counts is None else {c.key: c.count for c in self.record_counts}
        )
        return data


def _check_creatable(folder: Path) -> None:
    """Refuse a data folder that could never be created (a file stands in its way)."""
    for path in (folder, *folder.parents):
        if path.exists():
            if not path.is_dir():
                raise DataDirError(
                    f"无法使用数据文件夹“{folder}”：“{path}”是文件而不是文件夹。"
                    "请用 --data-dir 指定其他文件夹。"
                )
            return


def _zero_counts() -> tuple[RecordCount, ...]:
    return tuple(RecordCount(key, label, 0) for key, label in count_labels().items())


def installation_info(paths: AppPaths) -> InstallationInfo:
    """The report, read without creating, migrating or writing anything."""
    _check_creatable(paths.data_dir)
    head = head_revision()
    base: dict[str, Any] = {
        "version": __version__,
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "data_dir": str(paths.data_dir),
        "data_dir_exists": paths.data_dir.is_dir(),
        "backup_dir": str(paths.backup_dir),
        "log_file": str(paths.log_file),
        "schema_head": head,
    }
    db = open_database_read_only(paths)
    if db is None:
        return InstallationInfo(
            **base,
            database_url=mask_url(paths.database_url()),
            database_state=DatabaseState.NOT_CREATED,
            schema_revision=None,
            sqlite_version=None,
            site_code=None,
            site_name=None,
            site_level=None,
            record_counts=_zero_counts(),
        )
    try:
        revision = current_revision(db.engine)
        if revision is None:
            state = DatabaseState.EMPTY
        elif revision == head:
            state = DatabaseState.CURRENT
        elif revision in known_revisions():
            state = DatabaseState.OLDER
        else:
            state = DatabaseState.NEWER
        site = get_site(db) if state is DatabaseState.CURRENT else None
        counts: tuple[RecordCount, ...] | None = None
        if state is DatabaseState.CURRENT:
            counts = tuple(record_counts(db))
        elif state is DatabaseState.EMPTY:
            counts = _zero_counts()
        return InstallationInfo(
            **base,
            database_url=db.display_url,
            database_state=state,
            schema_revision=revision,
            sqlite_version=db.sqlite_version,
            site_code=site.code if site else None,
            site_name=site.name if site else None,
            site_level=site.level if site else None,
            record_counts=counts,
        )
    finally:
        db.dispose()
