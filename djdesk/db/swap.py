"""Putting a proven copy in place of the live database, and keeping a damaged one aside.

A restore first builds and proves its copy beside the database (``<db>.restore-partial``, see
:mod:`djdesk.db.proof`); :func:`install` then replaces the live file with one ``os.replace``,
so a crash at any point leaves either the old or the new database. A killed restore leaves
at most the partial copy, which :func:`remove_restore_leftover` deletes at the next start.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

from djdesk import __version__
from djdesk.db.backup import backup_name
from djdesk.db.backup_files import (
    SQLITE_SIDE_FILES,
    BackupInfo,
    discard,
    fsync_file,
    sha256_of,
)
from djdesk.disk import disk_full_error, fsync_dir, is_disk_full
from djdesk.errors import DatabaseError

log = logging.getLogger(__name__)

DAMAGED_SUFFIX = ".sqlite3.damaged"


def work_path(db_file: Path) -> Path:
    """Where a restore builds and proves its copy (beside the database: same disk)."""
    return db_file.with_name(f"{db_file.name}.restore-partial")


def remove_restore_leftover(db_file: Path) -> None:
    """A restore killed before its swap leaves a partial copy; the database itself is intact."""
    discard(work_path(db_file))


def set_aside(db_file: Path, folder: Path, now: datetime) -> BackupInfo:
    """Copy a damaged live database (and its ``-wal``) into ``folder`` before it is replaced,
    so whatever can still be saved from it is not lost. Not listed as a backup."""
    target = folder / f"{backup_name(now, 'damaged')}{DAMAGED_SUFFIX}"
    wal = Path(f"{db_file}-wal")
    pieces = [(db_file, target)]
    if wal.exists():
        pieces.append((wal, Path(f"{target}-wal")))
    written: list[Path] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for source, copy in pieces:
            partial = copy.with_name(f"{copy.name}.partial")  # a crash leaves a leftover
            written += [partial, copy]
            shutil.copyfile(source, partial)
            fsync_file(partial)
            os.replace(partial, copy)
    except OSError as exc:
        for path in written:
            path.unlink(missing_ok=True)
        if is_disk_full(exc):
            raise disk_full_error(folder, "保存已损坏的数据库副本") from exc
        raise DatabaseError(
            f"无法把已损坏的数据库复制到“{folder}”：{exc.strerror or exc}。数据未被改动。"
        ) from exc
    log.warning("damaged database %s kept as %s", db_file, target)
    return BackupInfo(
        path=target,
        created_at=now,
        reason="damaged",
        sha256=sha256_of(target),
        size=target.stat().st_size,
        schema_revision=None,
        program_version=__version__,
    )


def _checkpoint(db_file: Path) -> None:
    """Fold the live write-ahead log into the main file so it can be dropped: an old ``-wal``
    next to the new file would be replayed into it."""
    try:
        conn = sqlite3.connect(str(db_file))
        try:
            busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        finally:
            conn.close()
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        raise DatabaseError(
            f"无法整理当前数据库文件“{db_file}”（{exc}），恢复未进行，当前数据未被改动。"
        ) from exc
    if busy:
        raise DatabaseError(
            f"数据库文件“{db_file}”正被其他程序使用，恢复未进行，当前数据未被改动。"
            "请关闭其他 djdesk 窗口或命令后重试。"
        )


def install(db_file: Path, proven: Path, *, live_damaged: bool) -> None:
    """Replace ``db_file`` by the proven copy ``proven`` (same folder). All connections to
    ``db_file`` must be closed. A damaged live file is not checkpointed (it was copied aside
    with its ``-wal``)."""
    if not live_damaged and db_file.exists():
        _checkpoint(db_file)
    for suffix in SQLITE_SIDE_FILES:
        Path(f"{db_file}{suffix}").unlink(missing_ok=True)
    os.replace(proven, db_file)
    fsync_dir(db_file.parent)
