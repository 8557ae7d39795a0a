"""Backups and restore, with roles, audit and the optional second folder.

Automatic backups run once a day at start-up; others are taken before every migration, import
and restore, and on demand. Each is integrity-checked and checksummed (see ``djdesk.db.backup``);
free space is checked first. A second folder (a USB disk, a network share) receives a copy when
it is set; when it is missing the clerk is told, and the main backup still counts.

A restore proves the chosen file on a copy beside the database before anything else
(:mod:`djdesk.db.proof`), then backs up the current data (or, when that is damaged, keeps a copy
of it aside) and swaps the proven copy in. Paths may be relative to the current folder.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from djdesk.actor import ADMINS, WRITERS, Actor
from djdesk.db import backup as files
from djdesk.db import swap
from djdesk.db.audit import record_event
from djdesk.db.backup import BackupInfo
from djdesk.db.damage import clear_damage_marker
from djdesk.db.migrate import refuse_newer
from djdesk.db.proof import prove_copy
from djdesk.db.session import Database
from djdesk.db.startup import open_database
from djdesk.disk import disk_full_error, file_size, is_disk_full, require_free_space
from djdesk.errors import CorruptDatabaseError, DatabaseError, DjdeskError, ValidationErrors
from djdesk.paths import AppPaths
from djdesk.progress import ProgressFn
from djdesk.services.site.identity import SiteInput, validate_site

__all__ = ["BackupInfo", "BackupResult", "RestoreResult"]

log = logging.getLogger(__name__)
#: Rows a roster import may add, in bytes each with indexes and the write-ahead log (generous).
IMPORT_BYTES_PER_ROW = 16 * 1024


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


def absolute(path: Path | str) -> Path:
    """A path typed on the command line or chosen in a dialog, from the current folder."""
    return Path(path).expanduser().absolute()


def _copy_to_extra(info: BackupInfo, extra_dir: Path) -> Path:
    target = extra_dir / info.path.name
    tmp = extra_dir / f"{info.path.stem}.partial"
    try:
        require_free_space({extra_dir: info.size}, "复制到第二备份文件夹")
        shutil.copyfile(info.path, tmp)
        shutil.copyfile(info.sidecar, target.with_suffix(".json"))
        os.replace(tmp, target)
    except BaseException:
        files.discard(tmp, target.with_suffix(".json"))
        raise
    return target


def require_space_for_import(paths: AppPaths, db: Database, rows: int) -> None:
    """Room for the ``before-import`` backup and for ``rows`` new rows (checked before an
    import writes anything)."""
    if db.file is None:
        return
    current = file_size(db.file)
    require_free_space(
        {paths.backup_dir: current, db.file.parent: rows * IMPORT_BYTES_PER_ROW},
        f"导入 {rows} 行数据（含导入前备份）",
    )


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
    db.refuse_if_damaged()
    now = now or local_now("Asia/Shanghai")
    files.clean_leftovers(paths.backup_dir)
    try:
        info = files.write_backup(
            _require_file(db), paths.backup_dir, reason=reason, now=now, progress=progress
        )
    except CorruptDatabaseError as exc:  # the copy's check found the live file damaged
        raise db.damaged_by(exc) from exc
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
            except DjdeskError as exc:
                warnings.append(f"{exc.message}本次备份只保存在主备份文件夹中。")
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
    db.refuse_if_damaged()
    target = absolute(target)
    if target.exists():
        raise DjdeskError(f"文件“{target}”已存在，请换一个文件名，以免覆盖已有数据。")
    if not target.parent.is_dir():
        raise DjdeskError(f"文件夹“{target.parent}”不存在，请先插入 U 盘或创建该文件夹。")
    try:
        info = files.write_backup(_require_file(db), target.parent, reason="manual", target=target)
    except CorruptDatabaseError as exc:
        raise db.damaged_by(exc) from exc
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


def check_restore_source(source: Path | str) -> tuple[str | None, dict[str, int]]:
    """A quick look at a file chosen for restore (before the clerk confirms): sound, a djdesk
    database, not from a newer djdesk, and matching its recorded checksum when it has a
    sidecar. :func:`restore` proves it in full on a copy before installing it."""
    source = absolute(source)
    if not source.is_file():
        raise DjdeskError(f"找不到要恢复的文件“{source}”。")
    sidecar = files.read_sidecar(source)
    if sidecar is not None:
        files.verify_backup(sidecar)
    revision, counts = files.inspect_database_file(source)
    refuse_newer(revision, str(source))
    return revision, counts


def site_row_problem(row: Mapping[str, Any]) -> str | None:
    """What is wrong with a site row read from a file being restored (``None`` if valid)."""
    values = {f.name: row.get(f.name, "") for f in fields(SiteInput)}
    values = {k: "" if v is None else v for k, v in values.items()}
    texts = {k: v for k, v in values.items() if isinstance(v, str)}
    if len(texts) != len(values):
        return "有字段不是文本"
    try:
        validate_site(SiteInput(**texts))
    except ValidationErrors as exc:
        return "；".join(e.message for e in exc.errors[:3])
    return None


def _restore_space(paths: AppPaths, db_file: Path, source: Path) -> None:
    """The proven copy (and its growth while migrating), plus a copy of the current data."""
    source_size = file_size(source)
    require_free_space(
        {db_file.parent: 2 * source_size, paths.backup_dir: file_size(db_file)}, "恢复数据"
    )


def _keep_current(
    paths: AppPaths, db: Database, actor: Actor, db_file: Path, now: datetime
) -> tuple[BackupInfo, bool]:
    """Back up the current data; a damaged file is copied aside instead. (info, damaged)"""
    if db.damage is None:
        try:
            return backup_now(paths, db, actor, reason="before-restore", now=now).backup, False
        except CorruptDatabaseError:
            log.warning("current database found damaged by its pre-restore backup")
    db.dispose()
    return swap.set_aside(db_file, paths.backup_dir, now), True


def restore(
    paths: AppPaths,
    db: Database,
    source: Path | str,
    actor: Actor,
    *,
    now: datetime | None = None,
    progress: ProgressFn | None = None,
) -> RestoreResult:
    """Replace the database with ``source`` once it is proven on a copy; the current data is
    backed up first (or, when damaged, copied aside).

    ``db`` is disposed; the caller continues with :attr:`RestoreResult.db`. Any refusal or
    failure before the swap leaves the current database byte for byte as it was, and the data
    folder usable, with no copy left behind.
    """
    actor.require(ADMINS, "恢复数据")
    db_file = _require_file(db)
    source = absolute(source)
    if not source.is_file():
        raise DjdeskError(f"找不到要恢复的文件“{source}”。")
    if source.resolve() == db_file.resolve():
        raise DjdeskError("不能用当前数据库文件恢复它自己，请选择一个备份文件。")
    sidecar = files.read_sidecar(source)
    if sidecar is not None:
        files.verify_backup(sidecar)
    _restore_space(paths, db_file, source)
    now = now or local_now("Asia/Shanghai")
    work = swap.work_path(db_file)
    proven = prove_copy(source, work, site_check=site_row_problem, progress=progress)
    try:
        safety, damaged = _keep_current(paths, db, actor, db_file, now)
        db.dispose()
        swap.install(db_file, proven.path, live_damaged=damaged)
    except OSError as exc:
        files.discard(work)
        if is_disk_full(exc):
            raise disk_full_error(db_file.parent, "恢复数据") from exc
        raise DjdeskError(
            f"无法替换数据库文件“{db_file}”：{exc.strerror or exc}。当前数据未被改动；"
            "请关闭可能占用该文件的其他程序（如杀毒软件、备份软件）后重试。"
        ) from exc
    except BaseException:
        files.discard(work)
        raise
    clear_damage_marker(db_file)
    new_db = open_database(paths)
    try:
        with new_db.unit_of_work(actor, roles=ADMINS, what="恢复数据") as session:
            record_event(
                session,
                "restore",
                table="database",
                uid=source.name,
                summary=f"从 {source.name} 恢复，恢复前数据保存为 {safety.path.name}",
            )
    except DjdeskError as exc:  # the data is restored; only its audit line is missing
        log.error("restore from %s done, but not audited: %s", source, exc)
    counts = dict(proven.record_counts)
    return RestoreResult(new_db, source, safety, counts)
