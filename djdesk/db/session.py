"""Engine factory and the unit-of-work helper services use.

SQLite connections get WAL, ``foreign_keys=ON`` (off by default in SQLite, so it is set on every
connection), ``synchronous=FULL`` and a busy timeout. Any other database URL (PostgreSQL later)
is passed to SQLAlchemy as it is; the models do not change.

A read-only handle (``Database(url, read_only=True)``, for ``djdesk info``) neither writes nor
creates anything: the file is opened with SQLite's ``mode=ro``, and ``immutable=1`` when no
``-wal`` file shows a writer at work (a read-only connection would otherwise leave ``-wal`` and
``-shm`` files behind); ``query_only`` refuses any write.

A SQLite file is checked before it is used (:func:`check_sqlite_file`). Errors SQLite reports
while the program runs are translated once, here: a damaged file becomes
:class:`~djdesk.errors.CorruptDatabaseError` (and the :class:`Database` refuses every further
session, so nothing is written into it), a full disk :class:`~djdesk.errors.DiskFullError`.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext, make_url
from sqlalchemy.orm import Session, sessionmaker

from djdesk.actor import WRITERS, Actor, Role
from djdesk.db import audit as _audit  # noqa: F401  (registers the audit hook)
from djdesk.db.base import ACTOR_KEY
from djdesk.db.damage import (
    SQLITE_HEADER,
    access_error,
    corrupt_error,
    damage_marker,
    error_kind,
    fast_check,
    mark_damaged,
    readonly_uri,
)
from djdesk.errors import CorruptDatabaseError, DatabaseError

__all__ = ["SQLITE_HEADER", "Database", "check_sqlite_file", "make_engine", "mask_url"]

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000
#: Where a value that SQLite gave back is turned into a Python value (a date column holding
#: garbage fails there): such an error inside a session is damage, not a bug of the caller.
_RESULT_PROCESSING_FILES = ("processors", "dialects/sqlite", "dialects\\sqlite")
_RESULT_PROCESSING_FUNCTIONS = ("process_result_value",)


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
    return Path(parsed.database).absolute()


def check_sqlite_file(path: Path, *, mark: bool = True) -> str | None:
    """Refuse a file that is not a usable djdesk database, without writing to it.

    A file marked damaged earlier, or failing :func:`~djdesk.db.damage.fast_check`, raises
    :class:`CorruptDatabaseError` (and is marked beside the file unless ``mark`` is false, as
    for ``djdesk info``, which writes nothing). Returns the schema revision stamped in the file
    (``None`` for a new, empty file).
    """
    if not path.exists() or path.stat().st_size == 0:
        return None
    marked = damage_marker(path)
    if marked is not None:
        raise corrupt_error(path, f"此前的检查发现：{marked}")
    problem = fast_check(path)
    if problem is not None:
        if mark:
            mark_damaged(path, problem)
        raise corrupt_error(path, problem)
    try:
        conn = sqlite3.connect(readonly_uri(path), uri=True)
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
    except (sqlite3.Error, UnicodeDecodeError) as exc:
        kind = error_kind(exc)
        if kind == "corrupt":
            mark_damaged(path, str(exc))
            raise corrupt_error(path, str(exc)) from exc
        raise access_error(path, kind or "io", exc) from exc
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
    uri = readonly_uri(file)

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


def _is_decoding_error(exc: BaseException) -> bool:
    """A value read from the database that could not be converted (raised inside SQLAlchemy's
    result processing or djdesk's column types, not by the caller's code)."""
    if not isinstance(exc, ValueError | TypeError | OverflowError):
        return False
    tb = exc.__traceback__
    if tb is None:
        return False
    while tb.tb_next is not None:
        tb = tb.tb_next
    code = tb.tb_frame.f_code
    return code.co_name in _RESULT_PROCESSING_FUNCTIONS or any(
        part in code.co_filename for part in _RESULT_PROCESSING_FILES
    )


class Database:
    """An engine plus a session factory; services open one unit of work per call.

    ``damage`` is set when the file failed a check or a read found it damaged; such a handle
    refuses every unit of work with that error, so nothing is written into the file, and only
    a restore (which replaces the file) goes on. A file that failed the check at opening is
    not read either (:attr:`readable`).
    """

    def __init__(
        self,
        url: str,
        *,
        read_only: bool = False,
        damage: CorruptDatabaseError | None = None,
        marks_damage: bool = True,
    ) -> None:
        self.url = url
        self.file = sqlite_file_of(url)
        self.read_only = read_only
        self.damage = damage
        #: A file that failed the check at opening is not read at all; one found damaged while
        #: in use stays readable (what can still be read is shown), but is never written.
        self.readable = damage is None
        #: Whether damage found while in use is remembered beside the file (not for copies).
        self.marks_damage = marks_damage
        #: Called (on whichever thread found it) when the file is found damaged while in use.
        self.damage_listeners: list[Callable[[CorruptDatabaseError], None]] = []
        self.engine = make_read_only_engine(url) if read_only else make_engine(url)
        if self.file is not None:
            event.listen(self.engine, "handle_error", self._translate_error)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def _translate_error(self, context: ExceptionContext) -> None:
        """SQLite errors that a clerk can act on become djdesk errors with the file's name."""
        assert self.file is not None
        exc = context.original_exception
        kind = error_kind(exc)
        if kind == "corrupt":
            raise self.declare_damaged(str(exc)) from exc
        if kind is not None:
            raise access_error(self.file, kind, exc) from exc

    def declare_damaged(self, detail: str) -> CorruptDatabaseError:
        """Remember (on this handle and beside the file) that the file is damaged."""
        error = corrupt_error(self.file or Path(self.display_url), detail)
        if self.damage is None and self.file is not None and self.marks_damage:
            mark_damaged(self.file, detail)
        return self.damaged_by(error)

    def damaged_by(self, error: CorruptDatabaseError) -> CorruptDatabaseError:
        """Refuse every further write with ``error`` (found by a check of the file, e.g. the
        backup's) and tell the listeners once."""
        if self.damage is None:
            self.damage = error
            for listener in list(self.damage_listeners):
                listener(error)
        return error

    def refuse_if_damaged(self) -> None:
        if self.damage is not None:
            raise CorruptDatabaseError(self.damage.message)

    @contextmanager
    def _guarded(self) -> Iterator[None]:
        try:
            yield
        except CorruptDatabaseError:
            raise
        except Exception as exc:
            if _is_decoding_error(exc):
                raise self.declare_damaged(f"数据无法读取：{exc}") from exc
            raise

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
        self.refuse_if_damaged()
        with self._guarded(), self._sessions() as session, session.begin():
            session.info[ACTOR_KEY] = actor
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for queries only; it never commits (closing it ends the transaction)."""
        if not self.readable:
            self.refuse_if_damaged()
        with self._guarded(), self._sessions() as session:
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
