"""Free disk space: checked before a step that writes a lot, and named when a write runs out.

Backups, roster imports and restores first ask :func:`require_free_space` for what they will
write (several folders on one disk are added up). A write that fails anyway with ``ENOSPC``
(or SQLite's ``database or disk is full``) is recognised by :func:`is_disk_full` and turned
into :class:`~djdesk.errors.DiskFullError` by :func:`disk_full_error`, so a full disk is never
reported as a damaged file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import sqlite3
from collections.abc import Mapping
from pathlib import Path

from djdesk.errors import DiskFullError

#: Kept free on top of what a step says it needs (SQLite journals, logs, the sidecar files).
MARGIN = 8 * 1024 * 1024
SQLITE_FULL = 13
_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def size_text(size: int | None) -> str:
    """``512 KB``, ``12.3 MB`` or ``1.20 GB`` for a number of bytes (``未知`` for ``None``)."""
    if size is None:
        return "未知"
    if size >= 1024**3:
        return f"{size / 1024**3:.2f} GB"
    if size >= 1024**2:
        return f"{size / 1024**2:.1f} MB"
    return f"{max(size, 0) / 1024:.0f} KB"


def _existing(folder: Path) -> Path:
    """``folder`` or its nearest existing parent (a folder about to be created)."""
    folder = Path(folder).absolute()
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            return candidate
    return folder


def free_bytes(folder: Path) -> int | None:
    """Bytes free for this user on the disk holding ``folder``; ``None`` if it cannot be told."""
    try:
        return shutil.disk_usage(_existing(folder)).free
    except OSError:
        return None


def _device(folder: Path) -> object:
    try:
        return _existing(folder).stat().st_dev
    except OSError:
        return str(folder)


def require_free_space(needs: Mapping[Path, int], what: str) -> None:
    """Raise :class:`DiskFullError` unless each disk has room for what ``what`` will write.

    ``needs`` maps folders to bytes; folders on the same disk are added up, and
    :data:`MARGIN` is kept free on each disk.
    """
    by_disk: dict[object, tuple[Path, int]] = {}
    for folder, size in needs.items():
        key = _device(folder)
        first, total = by_disk.get(key, (Path(folder), 0))
        by_disk[key] = (first, total + max(size, 0))
    for folder, total in by_disk.values():
        free = free_bytes(folder)
        needed = total + MARGIN
        if free is not None and free < needed:
            raise DiskFullError(
                f"磁盘空间不足：{what}需要文件夹“{folder}”所在磁盘至少有 {size_text(needed)} "
                f"可用空间，现在只剩 {size_text(free)}。请清理该磁盘（删除不用的文件、清空回收站）"
                "后重试；数据未被改动。"
            )


def file_size(path: Path) -> int:
    """Size of ``path`` plus its SQLite ``-wal`` file, 0 for a missing file."""
    total = 0
    for candidate in (Path(path), Path(f"{path}-wal")):
        with contextlib.suppress(OSError):
            total += candidate.stat().st_size
    return total


def is_disk_full(exc: BaseException | None) -> bool:
    """Whether ``exc`` (or an exception it was raised from) says the disk is full."""
    seen = 0
    while exc is not None and seen < 10:
        if isinstance(exc, OSError) and exc.errno in _FULL_ERRNOS:
            return True
        if isinstance(exc, sqlite3.Error):
            code = getattr(exc, "sqlite_errorcode", None)
            if (code is not None and code & 0xFF == SQLITE_FULL) or "disk is full" in str(exc):
                return True
        orig = getattr(exc, "orig", None)  # SQLAlchemy's wrapper of a DB-API error
        exc = orig if isinstance(orig, BaseException) else (exc.__cause__ or exc.__context__)
        seen += 1
    return False


def disk_full_error(folder: Path, what: str = "写入数据") -> DiskFullError:
    """The message for a write that ran out of space in ``folder``."""
    return DiskFullError(
        f"磁盘空间不足：{what}时文件夹“{folder}”所在磁盘已写满（现在剩余 "
        f"{size_text(free_bytes(folder))}）。本次操作未完成，写了一半的文件已删除，数据未被改动；"
        "请清理该磁盘（删除不用的文件、清空回收站）后重试。"
    )


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (directories cannot be opened on Windows)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
