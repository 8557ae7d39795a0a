"""Backup copies of the SQLite database: consistent, checked, checksummed, never half-written.

A backup is written with SQLite's online backup API to ``<name>.partial`` (switched to a
rollback journal, so no ``-wal``/``-shm`` files appear beside it), checked with
``PRAGMA integrity_check`` on a read-write connection (which also verifies CHECK constraints),
synced to disk, described by a ``<name>.json`` sidecar and only then renamed to
``<name>.sqlite3``. Free space is checked first; a write that fails anyway is removed with its
side files. A copy that fails its check has its source checked too: if the live database is
damaged it is marked so (see :mod:`djdesk.db.damage`). Files on disk are
:mod:`djdesk.db.backup_files`'; roles and audit are the service's.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from djdesk import __version__
from djdesk.db.backup_files import (
    REASONS,
    SUFFIX,
    BackupInfo,
    backups_to_keep,
    clean_leftovers,
    discard,
    fsync_file,
    list_backups,
    read_sidecar,
    rotate,
    sha256_of,
    write_sidecar,
)
from djdesk.db.damage import (
    SQLITE_HEADER,
    confirm_damage,
    corrupt_error,
    error_kind,
    mark_damaged,
    readonly_uri,
)
from djdesk.disk import disk_full_error, file_size, fsync_dir, is_disk_full, require_free_space
from djdesk.errors import CorruptDatabaseError, DiskFullError, DjdeskError
from djdesk.progress import ProgressFn

__all__ = [
    "REASONS",
    "SUFFIX",
    "BackupInfo",
    "backups_to_keep",
    "clean_leftovers",
    "copy_database",
    "discard",
    "inspect_database_file",
    "list_backups",
    "read_sidecar",
    "rotate",
    "sha256_of",
    "verify_backup",
    "write_backup",
]

log = logging.getLogger(__name__)

_NOT_COUNTED = {"alembic_version", "serial_counter"}


class CopyCheckError(DjdeskError):
    """A fresh copy failed its integrity check (the source is checked next)."""


def table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows per djdesk table (the version and counter tables are not records)."""
    tables = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        t: int(conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0])
        for t in sorted(tables)
        if t not in _NOT_COUNTED
    }


def inspect_database_file(
    path: Path, *, writable: bool = False
) -> tuple[str | None, dict[str, int]]:
    """Integrity-check a djdesk database file; returns (schema revision, record counts).

    ``writable`` checks on a read-write connection (CHECK constraints are verified only
    there); use it only on a copy of one's own. Raises :class:`DjdeskError` naming the file
    when it is not a sound djdesk database.
    """
    path = Path(path).absolute()
    try:
        with path.open("rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DjdeskError(f"无法读取文件“{path}”：{exc.strerror or exc}。") from exc
    if header != SQLITE_HEADER:
        raise DjdeskError(f"文件“{path}”不是 SQLite 数据库，不能作为 djdesk 数据使用。")
    try:
        if writable:
            conn = sqlite3.connect(str(path))
        else:
            # A file without a -wal beside it is read without creating one (nor a -shm).
            immutable = not Path(f"{path}-wal").exists()
            conn = sqlite3.connect(readonly_uri(path, immutable=immutable), uri=True)
        try:
            result = conn.execute("PRAGMA integrity_check(1)").fetchone()
            if not result or result[0] != "ok":
                raise CopyCheckError(
                    f"文件“{path}”未通过完整性检查（{result[0] if result else '无结果'}）。"
                )
            tables = {
                row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            if "alembic_version" not in tables or "site" not in tables:
                raise DjdeskError(f"文件“{path}”不是 djdesk 数据库（缺少 djdesk 的数据表）。")
            versions = conn.execute("SELECT version_num FROM alembic_version").fetchall()
            if len(versions) != 1:
                raise DjdeskError(
                    f"文件“{path}”的数据结构版本记录应恰好一条，实际有 {len(versions)} 条。"
                )
            counts = table_counts(conn)
        finally:
            conn.close()
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        if is_disk_full(exc):
            raise disk_full_error(path.parent, "检查备份") from exc
        raise CopyCheckError(f"文件“{path}”已损坏，无法读取（{exc}）。") from exc
    return str(versions[0][0]), counts


def copy_database(
    source: Path,
    target: Path,
    *,
    progress: ProgressFn | None = None,
    source_is_file_copy: bool = False,
) -> None:
    """Consistent copy of a (possibly live) SQLite database with the online backup API.

    The copy uses a rollback journal, so nothing but ``target`` is left beside it.
    ``source_is_file_copy`` (a backup or another file no program has open, without a
    ``-wal`` beside it) reads it without creating SQLite's side files next to it.
    """
    immutable = source_is_file_copy and not Path(f"{source}-wal").exists()
    src = sqlite3.connect(readonly_uri(source, immutable=immutable), uri=True)
    try:
        dst = sqlite3.connect(str(Path(target).absolute()))
        try:

            def report(status: int, remaining: int, total: int) -> None:
                if progress is not None:
                    progress(total - remaining, total, "正在复制数据库")

            src.backup(dst, pages=256, progress=report)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    fsync_file(target)


def backup_name(created_at: datetime, reason: str) -> str:
    return f"djdesk-{created_at.astimezone(UTC):%Y%m%d-%H%M%S-%f}-{reason}"


def _copy_failed(db_file: Path, copy_problem: str) -> DjdeskError:
    """A copy failed its check: is the live database damaged, or only the copy?"""
    problem = confirm_damage(db_file)
    if problem is not None:
        mark_damaged(db_file, problem)
        return corrupt_error(db_file, problem)
    return DjdeskError(
        f"备份副本未通过检查（{copy_problem}），已删除；当前数据库本身检查无误，未受影响。"
        "备份文件夹所在的磁盘可能有问题，请检查后重试。"
    )


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
    db_file = Path(db_file).absolute()
    created_at = now or datetime.now(UTC)
    if target is not None:
        target = Path(target).absolute()
        backup_dir, final = target.parent, target
        partial = target.with_name(f"{target.name}.partial")
    else:
        backup_dir = Path(backup_dir).absolute()
        final = backup_dir / f"{backup_name(created_at, reason)}{SUFFIX}"
        partial = final.with_suffix(".partial")
    require_free_space({backup_dir: file_size(db_file)}, "备份数据库")
    written = (partial, final.with_suffix(".json"))
    try:
        backup_dir.mkdir(parents=True, exist_ok=True)
        copy_database(db_file, partial, progress=progress)
        try:
            revision, counts = inspect_database_file(partial, writable=True)
        except CopyCheckError as exc:
            raise _copy_failed(db_file, exc.message) from exc
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
        write_sidecar(info)
        os.replace(partial, final)
        fsync_dir(backup_dir)
    except (DiskFullError, CorruptDatabaseError):
        discard(*written)
        raise
    except (OSError, sqlite3.Error, UnicodeDecodeError) as exc:
        discard(*written)
        if is_disk_full(exc):
            raise disk_full_error(backup_dir, "备份数据库") from exc
        if error_kind(exc) == "corrupt":
            raise _copy_failed(db_file, str(exc)) from exc
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise DjdeskError(
            f"无法在文件夹“{backup_dir}”中写入备份：{detail}。"
            "请检查磁盘空间和写入权限；当前数据库未受影响。"
        ) from exc
    except BaseException:
        discard(*written)
        raise
    log.info("backup written: %s (%s, %d bytes)", final.name, reason, info.size)
    return info


def verify_backup(info: BackupInfo) -> None:
    """Checksum and integrity of a backup against its sidecar; raises when they differ."""
    try:
        digest = sha256_of(info.path)
    except OSError as exc:
        raise DjdeskError(f"无法读取备份文件“{info.path}”：{exc.strerror or exc}。") from exc
    if digest != info.sha256:
        raise DjdeskError(f"备份文件“{info.path}”的校验值与记录不符，文件可能已损坏或被改动。")
    inspect_database_file(info.path)
