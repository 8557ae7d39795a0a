"""What ``djdesk info`` reports: versions, paths, schema revision and record counts."""

from __future__ import annotations

import platform
import sys
from dataclasses import asdict, dataclass
from typing import Any

from djdesk import __version__
from djdesk.db.migrate import current_revision, head_revision
from djdesk.db.session import Database
from djdesk.paths import AppPaths
from djdesk.services.overview import RecordCount, record_counts
from djdesk.services.site.identity import get_site


@dataclass(frozen=True)
class InstallationInfo:
    version: str
    python: str
    platform: str
    data_dir: str
    database_url: str
    backup_dir: str
    log_file: str
    schema_revision: str | None
    schema_head: str
    sqlite_version: str | None
    site_code: str | None
    site_name: str | None
    site_level: str | None
    record_counts: tuple[RecordCount, ...]

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["record_counts"] = {c.key: c.count for c in self.record_counts}
        return data


def installation_info(paths: AppPaths, db: Database) -> InstallationInfo:
    site = get_site(db)
    return InstallationInfo(
        version=__version__,
        python=sys.version.split()[0],
        platform=platform.platform(),
        data_dir=str(paths.data_dir),
        database_url=db.display_url,
        backup_dir=str(paths.backup_dir),
        log_file=str(paths.log_file),
        schema_revision=current_revision(db.engine),
        schema_head=head_revision(),
        sqlite_version=db.sqlite_version,
        site_code=site.code if site else None,
        site_name=site.name if site else None,
        site_level=site.level if site else None,
        record_counts=tuple(record_counts(db)),
    )
