"""The audit log: one row per write, appended in the same transaction as the write.

The table is append-only through the application: SQLite triggers (created by the migration)
abort any UPDATE or DELETE on it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from djdesk.db.base import Base, UTCDateTime, utc_now


class AuditEntry(Base):
    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_at", "at"),
        Index("ix_audit_log_username_at", "username", "at"),
        Index("ix_audit_log_table_name_at", "table_name", "at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    username: Mapped[str] = mapped_column(String(60))
    action: Mapped[str] = mapped_column(String(30))
    table_name: Mapped[str] = mapped_column(String(60), default="")
    record_uid: Mapped[str] = mapped_column(String(60), default="")
    #: JSON ``{"field": [before, after], ...}`` with ID numbers and phones masked.
    changes: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[str] = mapped_column(String(200), default="")
