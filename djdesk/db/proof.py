"""Proving a database file before a restore installs it.

:func:`prove_copy` copies the chosen file beside the live database and, on that copy, checks
in this order, refusing at the first failure with the reason in Chinese:

1. it is a SQLite file and ``PRAGMA integrity_check`` passes on a read-write connection;
2. exactly one schema revision is stamped, one this program knows (not from a newer djdesk);
3. the schema is exactly what that revision defines (:mod:`djdesk.db.schema_check`);
4. ``PRAGMA foreign_key_check`` finds nothing, and every CHECK / NOT NULL rule and column kind
   holds row by row;
5. every row reads as text/numbers, and the site row is valid (the caller's ``site_check``);
6. migrated to the current schema, it opens as the program opens a database and every row
   of every table reads through the models.

The live database is never touched here; on failure the copy is deleted.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select

from djdesk.db.backup import copy_database, table_counts
from djdesk.db.backup_files import discard
from djdesk.db.base import Base
from djdesk.db.damage import SQLITE_HEADER, error_kind, fast_check
from djdesk.db.migrate import current_revision, head_revision, known_revisions, upgrade_to_head
from djdesk.db.schema_check import (
    constraint_violations,
    describe_schema,
    reference_schema,
    schema_differences,
)
from djdesk.db.session import Database
from djdesk.disk import disk_full_error, is_disk_full
from djdesk.errors import CorruptDatabaseError, DatabaseError, DjdeskError, NewerSchemaError
from djdesk.progress import ProgressFn

#: Checks the site row (column → value); returns what is wrong in Chinese, or ``None``.
SiteCheck = Callable[[Mapping[str, Any]], str | None]


class RestoreRefusedError(DatabaseError):
    """The chosen file is not a database this program can install; nothing was changed."""


@dataclass(frozen=True)
class ProvenCopy:
    path: Path
    revision: str  # the revision the chosen file had (the copy is now at head)
    record_counts: dict[str, int]


def _refused(source: Path, reason: str) -> RestoreRefusedError:
    return RestoreRefusedError(f"不能用“{source}”恢复：{reason}。当前数据未被改动。")


def _listed(problems: list[str], limit: int = 3) -> str:
    shown = "；".join(problems[:limit])
    return shown + (f"；等共 {len(problems)} 处" if len(problems) > limit else "")


def _revision(conn: sqlite3.Connection, source: Path) -> str:
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if "alembic_version" not in tables:
        raise _refused(source, "这不是 djdesk 数据库（没有数据结构版本记录）")
    rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    if len(rows) != 1:
        raise _refused(source, f"数据结构版本记录应恰好一条，实际有 {len(rows)} 条")
    revision = rows[0][0]
    if not isinstance(revision, str) or revision not in known_revisions():
        raise NewerSchemaError(
            f"不能用“{source}”恢复：它由更新版本的 djdesk 创建（数据结构版本 {revision}），"
            "当前程序无法使用。请先安装新版 djdesk。当前数据未被改动。"
        )
    return revision


def _check_file(conn: sqlite3.Connection, source: Path, site_check: SiteCheck) -> str:
    """Steps 1–5 on a read-write connection to the copy; returns the revision."""
    for pragma in ("cell_size_check = ON", "trusted_schema = OFF", "foreign_keys = OFF"):
        conn.execute(f"PRAGMA {pragma}")
    result = conn.execute("PRAGMA integrity_check(3)").fetchall()
    if [r[0] for r in result] != ["ok"]:
        raise _refused(source, f"文件已损坏，未通过完整性检查（{_listed([r[0] for r in result])}）")
    revision = _revision(conn, source)
    want = reference_schema(revision)
    differences = schema_differences(describe_schema(conn), want)
    if differences:
        raise _refused(source, f"数据结构与版本 {revision} 的定义不符（{_listed(differences)}）")
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        tables = sorted({str(r[0]) for r in broken})
        raise _refused(
            source,
            f"有 {len(broken)} 行引用了不存在的记录（数据表 {'、'.join(tables)}）",
        )
    violations = constraint_violations(conn, want)
    if violations:
        raise _refused(source, f"数据不符合约束（{_listed(violations)}）")
    for table in sorted(want.tables):
        try:
            for _ in conn.execute(f'SELECT * FROM "{table}"'):
                pass
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            raise _refused(source, f"数据表 {table} 中有无法读取的数据（{exc}）") from exc
    conn.row_factory = sqlite3.Row
    sites = conn.execute("SELECT * FROM site").fetchall()
    if len(sites) != 1:
        raise _refused(source, f"站点信息应恰好一条，实际有 {len(sites)} 条")
    problem = site_check(dict(sites[0]))
    if problem:
        raise _refused(source, f"其中的站点信息无效（{problem}）")
    return revision


def _open_as_program(copy: Path, source: Path) -> dict[str, int]:
    """Step 6: migrate the copy to head, then open and read it as the program would."""
    db = Database(f"sqlite:///{copy.as_posix()}", marks_damage=False)
    try:
        try:
            upgrade_to_head(db.engine, db_file=None, backup_dir=None)
        except DjdeskError:
            raise
        except Exception as exc:
            raise _refused(source, f"无法升级到当前程序的数据结构（{exc}）") from exc
        problem = fast_check(copy)
        if problem is not None:
            raise _refused(source, f"升级后的副本未通过检查（{problem}）")
        if current_revision(db.engine) != head_revision():
            raise _refused(source, "升级后的数据结构版本不对")
        with db.engine.connect() as conn:
            for table in Base.metadata.sorted_tables:
                try:
                    for _ in conn.execute(select(table)).yield_per(1000):
                        pass
                except (ValueError, TypeError, OverflowError, CorruptDatabaseError) as exc:
                    detail = exc.__cause__ if isinstance(exc, CorruptDatabaseError) else exc
                    raise _refused(
                        source, f"数据表 {table.name} 中有无法读取的值（{detail}）"
                    ) from exc
        with db.engine.connect() as conn:
            raw = conn.connection.driver_connection
            assert isinstance(raw, sqlite3.Connection)
            if raw.execute("PRAGMA foreign_key_check").fetchone() is not None:
                raise _refused(source, "升级后有记录引用了不存在的记录")
            counts = table_counts(raw)
            raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except CorruptDatabaseError as exc:
        raise _refused(source, f"有无法读取的数据（{exc.__cause__ or exc.message}）") from exc
    finally:
        db.dispose()
    return counts


def prove_copy(
    source: Path,
    copy: Path,
    *,
    site_check: SiteCheck,
    progress: ProgressFn | None = None,
) -> ProvenCopy:
    """Copy ``source`` to ``copy`` and prove it (see the module docstring).

    Raises :class:`RestoreRefusedError` (or :class:`NewerSchemaError`) with the reason,
    :class:`~djdesk.errors.DiskFullError` when the copy does not fit; the copy is removed.
    """
    discard(copy)
    try:
        with source.open("rb") as fh:
            if fh.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                raise _refused(source, "这不是 SQLite 数据库文件")
        copy_database(source, copy, progress=progress, source_is_file_copy=True)
        conn = sqlite3.connect(str(copy))
        try:
            revision = _check_file(conn, source, site_check)
        finally:
            conn.close()
        counts = _open_as_program(copy, source)
        discard(Path(f"{copy}-wal"), Path(f"{copy}-shm"))
        return ProvenCopy(copy, revision, counts)
    except BaseException as exc:
        discard(copy)
        if isinstance(exc, DjdeskError):
            raise
        if isinstance(exc, OSError | sqlite3.Error) and is_disk_full(exc):
            raise disk_full_error(copy.parent, "准备恢复") from exc
        if isinstance(exc, sqlite3.Error | UnicodeDecodeError):
            kind = error_kind(exc)
            what = "文件已损坏" if kind == "corrupt" else "无法读取"
            raise _refused(source, f"{what}（{exc}）") from exc
        if isinstance(exc, OSError):
            raise _refused(source, f"无法读取文件（{exc.strerror or exc}）") from exc
        raise
