"""Backup files of the SQLite database: consistent copies, checks, checksums and rotation.

A backup is written with SQLite's online backup API to ``<name>.partial``, checked with
``PRAGMA integrity_check``, synced to disk, described by a ``<name>.json`` sidecar (time,
reason, SHA-256, schema revision, record counts) and only then renamed to ``<name>.sqlite3``.
A process killed at any point leaves either no backup or a complete one; leftovers are removed
by :func:`clean_leftovers`. This module works on files only; roles and audit are the service's.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from djdesk import __version__
from djdesk.db.session import SQLITE_HEADER
from djdesk.errors import DjdeskError
from djdesk.progress import ProgressFn

log = logging.getLogger(__name__)

REASONS = {
    "daily": "每日自动",
    "manual": "手动",
    "before-migration": "升级前",
    "before-import": "导入前",
    "before-restore": "恢复前",
}
SUFFIX = ".sqlite3"
_NOT_COUNTED = {"alembic_version", "serial_counter"}


@dataclass(frozen=True)
class BackupInfo:
    """What the sidecar says about one backup file."""

    path: Path
    created_at: datetime
    reason: str
    sha256: str
    size: int
    schema_revision: str | None
    program_version: str
    record_counts: dict[str, int] = field(default_factory=dict)

    @property
    def reason_label(self) -> str:
        return REASONS.get(self.reason, self.reason)

    @property
    def sidecar(self) -> Path:
        return self.path.with_suffix(".json")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _discard(*paths: Path) -> None:
    """Remove pieces of a failed write; a folder that cannot be written is already reported."""
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":  # directories cannot be opened for fsync on Windows
        return
    _fsync(folder)


def inspect_database_file(path: Path) -> tuple[str | None, dict[str, int]]:
    """Integrity-check a djdesk database file; returns (schema revision, record counts).

    Raises :class:`DjdeskError` naming the file when it is not a sound djdesk database.
    """
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DjdeskError(f"无法读取文件“{path}”：{exc.strerror or exc}。") from exc
    if header != SQLITE_HEADER:
        raise DjdeskError(f"文件“{path}”不是 SQLite 数据库，不能作为 djdesk 数据使用。")
    try:
        conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check").fetchone()
            if not result or result[0] != "ok":
                raise DjdeskError(
                    f"文件“{path}”未通过完整性检查（{result[0] if result else '无结果'}）。"
                )
            tables = [
                row[0]
                for row in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
                )
            ]
            if "alembic_version" not in tables or "site" not in tables:
                raise DjdeskError(f"文件“{path}”不是 djdesk 数据库（缺少 djdesk 的数据表）。")
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            counts = {
                t: int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0])
                for t in sorted(tables)
                if t not in _NOT_COUNTED
            }
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise DjdeskError(f"文件“{path}”已损坏，无法读取（{exc}）。") from exc
    return (row[0] if row else None), counts


def copy_database(source: Path, target: Path, *, progress: ProgressFn | None = None) -> None:
    """Consistent copy of a (possibly live) SQLite database with the online backup API."""
    src = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(str(target))
        try:

            def report(status: int, remaining: int, total: int) -> None:
                if progress is not None:
                    progress(total - remaining, total, "正在复制数据库")

            src.backup(dst, pages=256, progress=report)
        finally:
            dst.close()
    finally:
        src.close()
    _fsync(target)


def backup_name(created_at: datetime, reason: str) -> str:
    return f"djdesk-{created_at.astimezone(UTC):%Y%m%d-%H%M%S-%f}-{reason}"


def write_backup(
    db_file: Path,
    backup_dir: Path,
    *,
    reason: str,
    now: datetime | None = None,
    progress: ProgressFn | None = None,
    target: Path | None = None,
) -> BackupInfo:
    """Make one checked backup of ``db_file`` in ``backup_dir`` (or exactly at ``target``)."""
    if reason not in REASONS:
        raise ValueError(f"unknown backup reason {reason!r}")
    created_at = now or datetime.now(UTC)
    if target is not None:
        backup_dir, final = target.parent, target
        partial = target.with_name(f"{target.name}.partial")
    else:
        final = backup_dir / f"{backup_name(created_at, reason)}{SUFFIX}"
        partial = final.with_suffix(".partial")
    try:
        backup_dir.mkdir(parents=True, exist_ok=True)
        copy_database(db_file, partial, progress=progress)
        revision, counts = inspect_database_file(partial)
        info = BackupInfo(
            path=final,
            created_at=created_at,
            reason=reason,
            sha256=sha256_of(partial),
            size=partial.stat().st_size,
            schema_revision=revision,
            program_version=__version__,
            record_counts=counts,
        )
        _write_sidecar(info)
        os.replace(partial, final)
        _fsync_dir(backup_dir)
    except OSError as exc:
        _discard(partial, final.with_suffix(".json"))
        raise DjdeskError(
            f"无法在文件夹“{backup_dir}”中写入备份：{exc.strerror or exc}。"
            "请检查磁盘空间和写入权限；当前数据库未受影响。"
        ) from exc
    except BaseException:
        _discard(partial, final.with_suffix(".json"))
        raise
    log.info("backup written: %s (%s, %d bytes)", final.name, reason, info.size)
    return info


def _write_sidecar(info: BackupInfo) -> None:
    data = asdict(info)
    data["path"] = info.path.name
    data["created_at"] = info.created_at.isoformat()
    tmp = info.sidecar.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    _fsync(tmp)
    os.replace(tmp, info.sidecar)


def read_sidecar(path: Path) -> BackupInfo | None:
    """The description of backup ``path`` (``.sqlite3``), or ``None`` if it has none."""
    try:
        data = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        return BackupInfo(
            path=path,
            created_at=datetime.fromisoformat(data["created_at"]),
            reason=str(data["reason"]),
            sha256=str(data["sha256"]),
            size=int(data["size"]),
            schema_revision=data.get("schema_revision"),
            program_version=str(data.get("program_version", "")),
            record_counts={str(k): int(v) for k, v in dict(data.get("record_counts", {})).items()},
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def list_backups(backup_dir: Path) -> list[BackupInfo]:
    """Complete backups in ``backup_dir``, newest first."""
    if not backup_dir.is_dir():
        return []
    infos = [info for p in backup_dir.glob(f"djdesk-*{SUFFIX}") if (info := read_sidecar(p))]
    return sorted(infos, key=lambda i: i.created_at, reverse=True)


def verify_backup(info: BackupInfo) -> None:
    """Checksum and integrity of a backup against its sidecar; raises when they differ."""
    if sha256_of(info.path) != info.sha256:
        raise DjdeskError(f"备份文件“{info.path}”的校验值与记录不符，文件可能已损坏或被改动。")
    inspect_database_file(info.path)


def clean_leftovers(backup_dir: Path) -> list[Path]:
    """Remove pieces of backups interrupted by a crash (``.partial``, orphan sidecars)."""
    removed: list[Path] = []
    if not backup_dir.is_dir():
        return removed
    for path in backup_dir.iterdir():
        orphan_json = path.suffix == ".json" and not path.with_suffix(SUFFIX).exists()
        if path.suffix in (".partial", ".tmp") or (orphan_json and path.name.startswith("djdesk-")):
            path.unlink(missing_ok=True)
            removed.append(path)
    return removed


def backups_to_keep(
    infos: Iterable[BackupInfo],
    now: datetime,
    *,
    daily: int = 7,
    weekly: int = 4,
    monthly: int = 12,
) -> set[Path]:
    """Grandfather-father-son by local date (``now``'s zone): every backup of the last ``daily``
    days is kept (a manual or pre-restore copy must not vanish the day it was taken), then the
    newest of each of the last ``weekly`` ISO weeks and ``monthly`` months."""
    keep: set[Path] = set()
    newest_first = sorted(infos, key=lambda i: i.created_at, reverse=True)
    today = now.date()
    day_keys = {today - timedelta(days=n) for n in range(daily)}
    week_keys = {(today - timedelta(weeks=n)).isocalendar()[:2] for n in range(weekly)}
    month_keys: set[tuple[int, int]] = set()
    y, m = today.year, today.month
    for _ in range(monthly):
        month_keys.add((y, m))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    seen_week: set[object] = set()
    seen_month: set[object] = set()
    for info in newest_first:
        local = info.created_at.astimezone(now.tzinfo).date()
        week = local.isocalendar()[:2]
        month = (local.year, local.month)
        if local in day_keys:
            keep.add(info.path)
        if week in week_keys and week not in seen_week:
            keep.add(info.path)
            seen_week.add(week)
        if month in month_keys and month not in seen_month:
            keep.add(info.path)
            seen_month.add(month)
    return keep


def rotate(backup_dir: Path, now: datetime) -> list[Path]:
    """Delete backups that the rotation rule does not keep; returns the deleted files."""
    infos = list_backups(backup_dir)
    keep = backups_to_keep(infos, now)
    removed = []
    for info in infos:
        if info.path not in keep:
            info.path.unlink(missing_ok=True)
            info.sidecar.unlink(missing_ok=True)
            removed.append(info.path)
    return removed


def swap_in(db_file: Path, source: Path) -> None:
    """Replace ``db_file`` by a copy of ``source`` so that a crash at any point leaves one of
    the two intact. All connections to ``db_file`` must be closed."""
    partial = db_file.with_name(f"{db_file.name}.restore-partial")
    try:
        copy_database(source, partial)
        inspect_database_file(partial)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    # Fold the write-ahead log into the main file so it can be dropped: an old -wal next to
    # the new file would be replayed into it.
    conn = sqlite3.connect(str(db_file))
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{db_file}{suffix}").unlink(missing_ok=True)
    os.replace(partial, db_file)
    _fsync_dir(db_file.parent)


def remove_restore_leftover(db_file: Path) -> None:
    """A restore killed before its swap leaves a partial copy; the database itself is intact."""
    db_file.with_name(f"{db_file.name}.restore-partial").unlink(missing_ok=True)
