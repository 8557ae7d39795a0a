"""Backup files on disk: their sidecar descriptions, listing, rotation and leftovers.

Every backup ``djdesk-<time>-<reason>.sqlite3`` has a ``.json`` sidecar (time, reason,
SHA-256, schema revision, record counts); a file without one is not listed. Pieces of writes
that were interrupted (``.partial`` copies with their ``-wal``/``-shm``/``-journal`` files,
``.tmp`` sidecars, orphan sidecars) are removed by :func:`clean_leftovers` and by every failed
write itself (:func:`discard`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

REASONS = {
    "daily": "每日自动",
    "manual": "手动",
    "before-migration": "升级前",
    "before-import": "导入前",
    "before-restore": "恢复前",
    "damaged": "已损坏的原数据",
}
SUFFIX = ".sqlite3"
#: What SQLite may create beside a database file while it is open.
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")
_LEFTOVER_MARKS = (".partial", ".tmp")


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


def with_side_files(path: Path) -> tuple[Path, ...]:
    """``path`` and the journal files SQLite may have left beside it."""
    return (path, *(Path(f"{path}{suffix}") for suffix in SQLITE_SIDE_FILES))


def discard(*paths: Path) -> None:
    """Remove pieces of a failed write (with their SQLite side files); a folder that cannot
    be written is already reported by the caller."""
    for path in paths:
        for piece in with_side_files(path):
            with contextlib.suppress(OSError):
                piece.unlink(missing_ok=True)


def fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_sidecar(info: BackupInfo) -> None:
    data = asdict(info)
    data["path"] = info.path.name
    data["created_at"] = info.created_at.isoformat()
    tmp = info.sidecar.with_suffix(".json.tmp")
    try:
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        fsync_file(tmp)
        os.replace(tmp, info.sidecar)
    except BaseException:
        discard(tmp)
        raise


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
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def list_backups(backup_dir: Path) -> list[BackupInfo]:
    """Complete backups in ``backup_dir``, newest first."""
    if not backup_dir.is_dir():
        return []
    infos = [info for p in backup_dir.glob(f"djdesk-*{SUFFIX}") if (info := read_sidecar(p))]
    return sorted(infos, key=lambda i: i.created_at, reverse=True)


def is_leftover(path: Path) -> bool:
    """A piece of an interrupted write: ``x.partial``, ``x.partial-wal``, ``x.json.tmp`` …"""
    name = path.name
    for mark in _LEFTOVER_MARKS:
        if name.endswith(mark) or any(name.endswith(mark + s) for s in SQLITE_SIDE_FILES):
            return True
    return False


def clean_leftovers(backup_dir: Path) -> list[Path]:
    """Remove pieces of backups interrupted by a crash (``.partial*``, ``.tmp``, orphan
    sidecars)."""
    removed: list[Path] = []
    if not backup_dir.is_dir():
        return removed
    for path in backup_dir.iterdir():
        orphan_json = path.suffix == ".json" and not path.with_suffix(SUFFIX).exists()
        if is_leftover(path) or (orphan_json and path.name.startswith("djdesk-")):
            with contextlib.suppress(OSError):
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
