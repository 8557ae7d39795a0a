"""Engine factory and the unit-of-work helper services use.

SQLite connections get WAL, ``foreign_keys=ON`` (off by default in SQLite, so it is set on every
connection), ``synchronous=FULL`` and a busy timeout. Any other database URL (PostgreSQL later)
is passed to SQLAlchemy as it is; the models do not change.

A read-only handle (``Database(url, read_only=True)``, for ``djdesk info``) neither writes nor
creates anything: the file is opened with SQLite's ``mode=ro``, and ``immutable=1`` when no
``-wal`` file shows a writer at work (a read-only connection would otherwise leave ``-wal`` and
``-shm`` files behind); ``query_only`` refuses any write.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from djdesk.actor import WRITERS, Actor, Role
from djdesk.db import audit as _audit  # noqa: F401  (registers the audit hook)
from djdesk.db.base import ACTOR_KEY
from djdesk.errors import CorruptDatabaseError, DatabaseError

BUSY_TIMEOUT_MS = 10_000
SQLITE_HEADER = b"SQLite format 3\x00"


def _set_sqlite_pragmas(dbapi_connection: Any, connection_record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
    finally:
        cursor.close()


def sqlite_file_of(url: str) -> Path | None:
    """The file behind a SQLite URL, or ``None`` for other databases and in-memory SQLite."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:" or parsed.database.startswith("file::memory:"):
        return None
    return Path(parsed.database)


def read_only_uri(path: Path) -> str:
    """The SQLite URI that opens ``path`` for reading without creating ``-wal``/``-shm`` files.

    ``immutable=1`` (no locking, no shared memory) only when no ``-wal`` file exists, i.e. no
    connection has the database open; otherwise a plain ``mode=ro`` that reads the live WAL.
    """
    wal = path.with_name(path.name + "-wal")
    return f"{path.absolute().as_uri()}?mode=ro" + ("" if wal.exists() else "&immutable=1")


def check_sqlite_file(path: Path) -> str | None:
    """Refuse a file that is not a usable djdesk database, without writing to it.

    Returns the schema revision stamped in the file (``None`` for a new, empty file).
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise CorruptDatabaseError(
            f"数据库文件“{path}”不是有效的 djdesk 数据库（文件头不符），程序未对其做任何改动。"
            "请从备份恢复，或用 --data-dir 指定其他数据文件夹。"
        )
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            conn.execute("PRAGMA schema_version").fetchone()
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
            if tables and "alembic_version" not in tables:
                raise DatabaseError(
                    f"数据库文件“{path}”不是 djdesk 数据库（没有数据结构版本记录），"
                    "程序未对其做任何改动。请用 --data-dir 指定其他数据文件夹。"
                )
            row = (
                conn.execute("SELECT version_num FROM alembic_version").fetchone()
                if tables
                else None
            )
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabaseError(
            f"数据库文件“{path}”已损坏，无法读取（{exc}），程序未对其做任何改动。请从备份恢复。"
        ) from exc
    return str(row[0]) if row else None


def _set_read_only_pragmas(dbapi_connection: Any, connection_record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA query_only = ON")
    finally:
        cursor.close()


def make_read_only_engine(url: str) -> Engine:
    """An engine that only reads: SQLite files are opened read-only (see the module docstring)."""
    file = sqlite_file_of(url)
    if file is None:
        return create_engine(url, pool_pre_ping=True)
    uri = read_only_uri(file)

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)

    engine = create_engine("sqlite://", creator=connect)
    event.listen(engine, "connect", _set_read_only_pragmas)
    return engine


def make_engine(url: str) -> Engine:
    """Create an engine; SQLite gets the house pragmas on every new connection."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(url, pool_pre_ping=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


def mask_url(url: str) -> str:
    """The URL with any password hidden, for display and logs."""
    return make_url(url).render_as_string(hide_password=True)


class Database:
    """An engine plus a session factory; services open one unit of work per call."""

    def __init__(self, url: str, *, read_only: bool = False) -> None:
        self.url = url
        self.file = sqlite_file_of(url)
        self.read_only = read_only
        self.engine = make_read_only_engine(url) if read_only else make_engine(url)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def unit_of_work(
        self,
        actor: Actor,
        *,
        roles: tuple[Role, ...] = WRITERS,
        what: str = "修改数据",
    ) -> Iterator[Session]:
        """A session whose writes and their audit entries commit together, or roll back.

        The actor's role is checked first (``roles``); the audit hook records the actor.
        """
        actor.require(roles, what)
        with self._sessions() as session, session.begin():
            session.info[ACTOR_KEY] = actor
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for queries only; it never commits (closing it ends the transaction)."""
        with self._sessions() as session:
            yield session

    @property
    def display_url(self) -> str:
        return mask_url(self.url)

    @property
    def sqlite_version(self) -> str | None:
        if self.engine.dialect.name != "sqlite":
            return None
        return sqlite3.sqlite_version

    def dispose(self) -> None:
        self.engine.dispose()
