"""Backups and restore, with roles, audit and the optional second folder.

Automatic backups run once a day at start-up; others are taken before every migration, import
and restore, and on demand. Each is integrity-checked and checksummed (see ``djdesk.db.backup``).
A second folder (a USB disk, a network share) receives a copy when it is set; when it is
missing the clerk is told, and the main backup still counts.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from djdesk.actor import ADMINS, WRITERS, Actor
from djdesk.db import backup as files
from djdesk.db.audit import record_event
from djdesk.db.backup import BackupInfo
from djdesk.db.migrate import refuse_newer
from djdesk.db.session import Database
from djdesk.db.startup import open_database
from djdesk.errors import DatabaseError, DjdeskError
from djdesk.paths import AppPaths
from djdesk.progress import ProgressFn

__all__ = ["BackupInfo", "BackupResult", "RestoreResult"]


@dataclass(frozen=True)
class BackupResult:
    backup: BackupInfo
    extra_copy: Path | None
    warnings: tuple[str, ...]
    removed: tuple[Path, ...]


@dataclass(frozen=True)
class RestoreResult:
    db: Database
    restored_from: Path
    safety_backup: BackupInfo
    record_counts: dict[str, int]


def local_now(timezone: str) -> datetime:
    return datetime.now(ZoneInfo(timezone))


def _require_file(db: Database) -> Path:
    if db.file is None:
        raise DatabaseError("当前数据库不是本地 SQLite 文件，请用数据库服务器自带的备份工具。")
    return db.file


def _copy_to_extra(info: BackupInfo, extra_dir: Path) -> Path:
    target = extra_dir / info.path.name
    tmp = extra_dir / f"{info.path.stem}.partial"
    shutil.copyfile(info.path, tmp)
    shutil.copyfile(info.sidecar, target.with_suffix(".json"))
    os.replace(tmp, target)
    return target


def backup_now(
    paths: AppPaths,
    db: Database,
    actor: Actor,
    *,
    reason: str = "manual",
    extra_dir: str = "",
    now: datetime | None = None,
    progress: ProgressFn | None = None,
) -> BackupResult:
    """Write a checked backup, copy it to the second folder if set, rotate, and audit it."""
    actor.require(WRITERS, "备份数据")
    now = now or local_now("Asia/Shanghai")
    files.clean_leftovers(paths.backup_dir)
    info = files.write_backup(
        _require_file(db), paths.backup_dir, reason=reason, now=now, progress=progress
    )
    warnings: list[str] = []
    extra_copy: Path | None = None
    removed = files.rotate(paths.backup_dir, now)
    if extra_dir:
        folder = Path(extra_dir)
        if not folder.is_dir():
            warnings.append(
                f"第二备份文件夹“{folder}”不存在或未连接（如 U 盘未插入），"
                "本次备份只保存在主备份文件夹中。"
            )
        else:
            try:
                extra_copy = _copy_to_extra(info, folder)
                files.clean_leftovers(folder)
                removed += files.rotate(folder, now)
            except OSError as exc:
                warnings.append(
                    f"无法复制到第二备份文件夹“{folder}”：{exc.strerror or exc}。"
                    "本次备份只保存在主备份文件夹中。"
                )
    with db.unit_of_work(actor, roles=WRITERS, what="备份数据") as session:
        record_event(
            session,
            "backup",
            table="database",
            uid=info.path.name,
            summary=f"{info.reason_label}备份 {info.path.name}",
            details={"sha256": info.sha256, "size": info.size, "extra_copy": str(extra_copy or "")},
        )
    return BackupResult(info, extra_copy, tuple(warnings), tuple(removed))


def backup_to_file(db: Database, actor: Actor, target: Path) -> BackupInfo:
    """A checked backup written exactly at ``target`` (outside the rotation), e.g. to a USB disk."""
    actor.require(WRITERS, "备份数据")
    if target.exists():
        raise DjdeskError(f"文件“{target}”已存在，请换一个文件名，以免覆盖已有数据。")
    if not target.parent.is_dir():
        raise DjdeskError(f"文件夹“{target.parent}”不存在，请先插入 U 盘或创建该文件夹。")
    info = files.write_backup(_require_file(db), target.parent, reason="manual", target=target)
    with db.unit_of_work(actor, roles=WRITERS, what="备份数据") as session:
        record_event(
            session,
            "backup",
            table="database",
            uid=target.name,
            summary=f"手动备份到 {target}",
            details={"sha256": info.sha256, "size": info.size},
        )
    return info


def daily_backup_due(paths: AppPaths, now: datetime) -> bool:
    """No backup of any kind yet for today's (local) date."""
    today = now.date()
    return not any(
        b.created_at.astimezone(now.tzinfo).date() == today
        for b in files.list_backups(paths.backup_dir)
    )


def list_backups(paths: AppPaths) -> list[BackupInfo]:
    return files.list_backups(paths.backup_dir)


def check_restore_source(source: Path) -> tuple[str | None, dict[str, int]]:
    """Validate a file chosen for restore: sound, a djdesk database, not from a newer djdesk,
    and matching its recorded checksum when it has a sidecar."""
    if not source.is_file():
        raise DjdeskError(f"找不到要恢复的文件“{source}”。")
    sidecar = files.read_sidecar(source)
    if sidecar is not None:
        files.verify_backup(sidecar)
    revision, counts = files.inspect_database_file(source)
    refuse_newer(revision, str(source))
    return revision, counts


def restore(
    paths: AppPaths,
    db: Database,
    source: Path,
    actor: Actor,
    *,
    now: datetime | None = None,
) -> RestoreResult:
    """Replace the database with ``source``: back up the current one first, then swap it in.

    ``db`` is disposed; the caller continues with :attr:`RestoreResult.db`. If anything fails
    before the swap, the current database is untouched and still usable.
    """
    actor.require(ADMINS, "恢复数据")
    db_file = _require_file(db)
    check_restore_source(source)
    if source.resolve() == db_file.resolve():
        raise DjdeskError("不能用当前数据库文件恢复它自己，请选择一个备份文件。")
    now = now or local_now("Asia/Shanghai")
    safety = backup_now(paths, db, actor, reason="before-restore", now=now).backup
    db.dispose()
    try:
        files.swap_in(db_file, source)
    except OSError as exc:
        raise DjdeskError(
            f"无法替换数据库文件“{db_file}”：{exc.strerror or exc}。当前数据未被改动；"
            "请关闭可能占用该文件的其他程序（如杀毒软件、备份软件）后重试。"
        ) from exc
    new_db = open_database(paths)
    _, counts = files.inspect_database_file(db_file)
    with new_db.unit_of_work(actor, roles=ADMINS, what="恢复数据") as session:
        record_event(
            session,
            "restore",
            table="database",
            uid=source.name,
            summary=f"从 {source.name} 恢复，恢复前备份 {safety.path.name}",
        )
    return RestoreResult(new_db, source, safety, counts)
