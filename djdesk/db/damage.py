"""Telling a damaged database file from a full disk or a busy file, and remembering the damage.

Three places find damage: the check when a database is opened (:func:`fast_check`: the header,
then ``PRAGMA integrity_check``, or ``quick_check`` on very large files), the daily backup's
full check of its copy (confirmed on the live file itself), and any read that SQLite answers
with ``database disk image is malformed``. Each writes a marker file next to the database
(:func:`mark_damaged`), so every later start opens it for restoring only, until a restore
replaces it. The messages name the file and say how to restore.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from djdesk.disk import MARGIN, disk_full_error, free_bytes
from djdesk.errors import CorruptDatabaseError, DatabaseError, DjdeskError

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
#: Files up to this size get the full ``integrity_check`` when opened (about 0.1 s per 10 MB);
#: larger ones the structural ``quick_check`` (about four times faster). The daily backup
#: checks every copy in full either way.
FULL_CHECK_LIMIT = 256 * 1024 * 1024
MARKER_SUFFIX = ".damaged"

# SQLite primary result codes (the low byte of an extended code).
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26
_DAMAGE_TEXTS = ("malformed", "not a database", "could not decode", "encrypted")


def readonly_uri(path: Path, *, immutable: bool | None = None) -> str:
    """A ``mode=ro`` URI for ``path``; relative paths are taken from the current folder.

    ``immutable`` is for files no one writes (backups): SQLite then takes no locks and creates
    no ``-wal``/``-shm`` files beside them. ``None`` decides by the file: immutable when no
    ``-wal`` file shows that a connection has the database open (so a read leaves nothing
    behind), a plain ``mode=ro`` that reads the live WAL otherwise.
    """
    path = Path(path)
    if immutable is None:
        immutable = not path.with_name(path.name + "-wal").exists()
    uri = f"{path.absolute().as_uri()}?mode=ro"
    return f"{uri}&immutable=1" if immutable else uri


def error_kind(exc: BaseException) -> str | None:
    """``"corrupt"``, ``"full"``, ``"io"``, ``"cantopen"``, ``"readonly"`` or ``None`` for a
    DB-API error (SQLAlchemy's wrapper is looked through). A ``UnicodeDecodeError`` is the
    sqlite3 module failing to decode text from a damaged file."""
    orig = getattr(exc, "orig", None)
    if isinstance(orig, BaseException):
        exc = orig
    if isinstance(exc, UnicodeDecodeError):  # SQLite's text (or its error message) is garbage
        return "corrupt"
    if not isinstance(exc, sqlite3.Error):
        return None
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    text = str(exc).lower()
    if primary == SQLITE_FULL or "disk is full" in text:
        return "full"
    if primary in (SQLITE_CORRUPT, SQLITE_NOTADB) or any(t in text for t in _DAMAGE_TEXTS):
        return "corrupt"
    if primary == SQLITE_IOERR or "disk i/o error" in text:
        return "io"
    if primary == SQLITE_CANTOPEN or "unable to open" in text:
        return "cantopen"
    if primary == SQLITE_READONLY or "readonly database" in text:
        return "readonly"
    return None


def restore_advice(db_file: Path) -> str:
    backups = Path(db_file).absolute().parent / "backups"
    return (
        "请从备份恢复：在程序的“设置 → 备份与恢复”中选择一份备份，或在命令行运行 "
        f"djdesk restore 备份文件（自动备份在“{backups}”中）。"
    )


def corrupt_error(db_file: Path, detail: str) -> CorruptDatabaseError:
    """The one message for a damaged database: which file, what was found, how to restore."""
    return CorruptDatabaseError(
        f"数据库文件“{db_file}”已损坏（{detail}），程序不会再向其中写入任何数据。"
        + restore_advice(db_file)
    )


def access_error(db_file: Path, kind: str, exc: BaseException) -> DjdeskError:
    """A file that cannot be read or written for a reason other than damage; a disk error on
    a disk with (almost) no free space is the full disk."""
    free = free_bytes(Path(db_file).parent)
    if kind == "full" or (kind in ("io", "cantopen") and free is not None and free < MARGIN):
        return disk_full_error(Path(db_file).parent, "读写数据库")
    if kind == "readonly":
        what = "文件或文件夹是只读的，请检查权限"
    elif kind == "cantopen":
        what = "文件无法打开，请检查文件夹是否存在、是否有权限"
    else:
        what = "磁盘读写出错，请检查磁盘或 U 盘是否连接正常"
    return DatabaseError(f"无法使用数据库文件“{db_file}”：{what}（{exc}）。数据未被改动。")


def marker_path(db_file: Path) -> Path:
    return Path(db_file).with_name(Path(db_file).name + MARKER_SUFFIX)


def damage_marker(db_file: Path) -> str | None:
    """What was found when the file was marked damaged, or ``None`` if it is not marked."""
    marker = marker_path(db_file)
    if not marker.exists():
        return None
    try:
        data = json.loads(marker.read_text(encoding="utf-8"))
        return str(data.get("reason") or "此前的检查发现了损坏")
    except (OSError, ValueError, AttributeError):
        return "此前的检查发现了损坏"


def mark_damaged(db_file: Path, reason: str) -> None:
    """Remember that ``db_file`` failed a check (a small file beside it; the database itself
    is never written). A folder that cannot be written is already reported elsewhere."""
    marker = marker_path(db_file)
    data = {"reason": reason, "found_at": datetime.now(UTC).isoformat()}
    try:
        tmp = marker.with_name(marker.name + ".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, marker)
    except OSError as exc:
        log.warning("could not write the damage marker %s: %s", marker, exc)
    log.error("database %s marked damaged: %s", db_file, reason)


def clear_damage_marker(db_file: Path) -> None:
    for path in (marker_path(db_file), marker_path(db_file).with_suffix(".damaged.tmp")):
        path.unlink(missing_ok=True)


def check_result(conn: sqlite3.Connection, pragma: str) -> str | None:
    """Run ``PRAGMA integrity_check(1)`` / ``quick_check(1)``: ``None`` when ``ok``."""
    row = conn.execute(f"PRAGMA {pragma}(1)").fetchone()
    if row is None:
        return "检查没有结果"
    return None if row[0] == "ok" else str(row[0])


def fast_check(path: Path) -> str | None:
    """Check a database file without writing to it; ``None`` when sound, else what is wrong.

    Raises :class:`DatabaseError` when the file cannot be read for another reason (a full
    disk, no permission, a disk error): those are not damage.
    """
    try:
        with Path(path).open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise DatabaseError(f"无法读取数据库文件“{path}”：{exc.strerror or exc}。") from exc
    if not header.startswith(SQLITE_HEADER):
        return "文件头不是 SQLite 数据库"
    if len(header) < 100:
        return "文件不完整"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return "文件头中的页大小无效"
    pragma = "integrity_check" if os.path.getsize(path) <= FULL_CHECK_LIMIT else "quick_check"
    try:
        conn = sqlite3.connect(readonly_uri(path), uri=True)
        try:
            return check_result(conn, pragma)
        finally:
            conn.close()
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        kind = error_kind(exc)
        if kind == "corrupt":
            return str(exc)
        raise access_error(Path(path), kind or "io", exc) from exc


def confirm_damage(path: Path) -> str | None:
    """The full ``integrity_check`` of ``path`` itself (read-only); ``None`` when sound."""
    try:
        conn = sqlite3.connect(readonly_uri(path), uri=True)
        try:
            return check_result(conn, "integrity_check")
        finally:
            conn.close()
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        return str(exc) if error_kind(exc) == "corrupt" else None
