"""Declarative base and the sync mixin every travelling record uses.

The mixin's columns are the whole contract with upward sync: ``uid`` (global identity),
``origin`` (code of the site that owns the record), ``version`` (bumped on every change),
``updated_at`` (UTC) and ``deleted_at`` (tombstone; nothing that travels is hard-deleted).

They are stamped in one place: :func:`new_stamps` for a record created here and
:func:`changed_stamps` for a record changed here. The ORM path applies both from a
``before_flush`` hook; bulk statements put the same values into their rows (inserts) or their
``SET`` clause (updates). Natural keys (ID number, credit code, names, serials) are unique per
``origin``, never globally.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Integer, MetaData, String, Table, bindparam, event, insert, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.types import TypeDecorator

# Stable constraint names so Alembic batch migrations on SQLite can find them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utc_now() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as UTC and gives them back aware (SQLite keeps no zone)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def new_uid() -> str:
    return str(uuid.uuid4())


def new_stamps(origin: str, *, now: datetime | None = None) -> dict[str, Any]:
    """Sync columns of a record created at ``origin``: a fresh uid, version 1, now, alive."""
    return {
        "uid": new_uid(),
        "origin": origin,
        "version": 1,
        "updated_at": now or utc_now(),
        "deleted_at": None,
    }


def changed_stamps(version: Any, *, now: datetime | None = None) -> dict[str, Any]:
    """Sync columns of a record changed here: the next version and now.

    ``version`` is the current value, or the ``version`` column itself in a bulk ``UPDATE``
    (``changed_stamps(table.c.version)`` sets ``version = version + 1``).
    """
    return {"version": version + 1, "updated_at": now or utc_now()}


class SyncMixin:
    """Columns that let a record travel upward and be merged without clashes.

    ``origin`` has no default: whoever creates a record names the site that owns it. The other
    columns are filled by :func:`new_stamps` (ORM: at flush; bulk: in the row values).
    """

    uid: Mapped[str] = mapped_column(String(36), unique=True)
    origin: Mapped[str] = mapped_column(String(12), index=True)
    version: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)

    def mark_deleted(self) -> None:
        self.deleted_at = utc_now()

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


def _table(model: type[SyncMixin]) -> Table:
    table = getattr(model, "__table__", None)
    if not isinstance(table, Table):
        raise TypeError(f"{model!r} is not a mapped table")
    return table


def insert_records(
    session: Session, model: type[SyncMixin], rows: Sequence[Mapping[str, Any]], *, origin: str
) -> list[tuple[int, str]]:
    """Bulk-insert new records created at ``origin``, stamped as the ORM stamps them.

    Returns ``(id, uid)`` of each, in the order of ``rows``; the ids come from the database: one
    ``INSERT … RETURNING id, uid`` per batch of rows (SQLite ≥ 3.35 and PostgreSQL), each id
    matched to its row through the fresh ``uid``. No id is guessed, so concurrent writers never
    collide.
    """
    if not rows:
        return []
    table = _table(model)
    now = utc_now()
    stamped = [{**row, **new_stamps(origin, now=now)} for row in rows]
    stmt = insert(table).returning(table.c.id, table.c.uid)
    ids = {uid: id_ for id_, uid in session.execute(stmt, stamped)}
    return [(ids[row["uid"]], row["uid"]) for row in stamped]


def update_records(
    session: Session, model: type[SyncMixin], rows: Sequence[Mapping[str, Any]]
) -> None:
    """Bulk-update records changed here, by ``id``; each gets ``version + 1`` and ``updated_at``.

    Every row holds its ``id`` and the same set of other columns to set.
    """
    if not rows:
        return
    table = _table(model)
    stmt = (
        update(table)
        .where(table.c.id == bindparam("record_id"))
        .values(**changed_stamps(table.c.version))
    )
    params = [
        {"record_id": row["id"], **{k: v for k, v in row.items() if k != "id"}} for row in rows
    ]
    session.execute(stmt, params)


#: Session.info key holding the :class:`djdesk.actor.Actor` of the unit of work (for the audit).
ACTOR_KEY = "djdesk.actor"

#: Session.info key that the sync importer sets to keep incoming versions as they are.
KEEP_SYNC_STAMPS = "djdesk.keep_sync_stamps"


@event.listens_for(Session, "before_flush")
def _stamp_sync_columns(session: Session, flush_context: Any, instances: Any) -> None:
    """Stamp new sync records and bump ``version`` / ``updated_at`` of every changed one.

    With :data:`KEEP_SYNC_STAMPS` set (the sync importer), stamps a record already carries are
    kept and only missing ones are filled.
    """
    keep = bool(session.info.get(KEEP_SYNC_STAMPS))
    now = utc_now()
    for obj in session.new:
        if isinstance(obj, SyncMixin):
            for key, value in new_stamps(obj.origin, now=now).items():
                if getattr(obj, key) is None:
                    setattr(obj, key, value)
    if keep:
        return
    for obj in session.dirty:
        if isinstance(obj, SyncMixin) and session.is_modified(obj, include_collections=False):
            for key, value in changed_stamps(obj.version or 0, now=now).items():
                setattr(obj, key, value)
