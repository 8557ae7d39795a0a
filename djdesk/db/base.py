"""Declarative base and the sync mixin every travelling record uses.

The mixin's columns are the whole contract with ``sync/``: ``uid`` (global identity), ``origin``
(code of the site that owns the record), ``version`` (bumped on every change), ``updated_at``
(UTC) and ``deleted_at`` (tombstone; nothing that travels is hard-deleted).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import DateTime, Integer, MetaData, String, event
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


class SyncMixin:
    """Columns that let a record travel upward and be merged without clashes."""

    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    origin: Mapped[str] = mapped_column(String(12), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)

    def mark_deleted(self) -> None:
        self.deleted_at = utc_now()

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


#: Session.info key holding the :class:`djdesk.actor.Actor` of the unit of work (for the audit).
ACTOR_KEY = "djdesk.actor"

#: Session.info key that the sync importer sets to keep incoming versions as they are.
KEEP_SYNC_STAMPS = "djdesk.keep_sync_stamps"


@event.listens_for(Session, "before_flush")
def _stamp_sync_columns(session: Session, flush_context: Any, instances: Any) -> None:
    """Bump ``version`` and ``updated_at`` of every changed sync record in the flush."""
    if session.info.get(KEEP_SYNC_STAMPS):
        return
    now = utc_now()
    for obj in session.dirty:
        if isinstance(obj, SyncMixin) and session.is_modified(obj, include_collections=False):
            obj.version = (obj.version or 0) + 1
            obj.updated_at = now
