"""Staff accounts and the audit log (local to one installation; they never travel upward).

The audit log is append-only through the application: SQLite triggers (created by the
migration) abort any UPDATE or DELETE on it; one row is appended per write, in the same
transaction as the write.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from djdesk.db.base import Base, UTCDateTime, utc_now


class UserAccount(Base):
    """A staff member who logs in at the counter; lock-out state is persisted here."""

    __tablename__ = "user_account"
    __table_args__ = (CheckConstraint("role IN ('管理员', '前台', '查看')", name="role"),)
    __audited__ = True
    __audit_secret_fields__ = frozenset({"password_hash"})

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(4))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)


class AuditEntry(Base):
    """One write (or event such as a login or a print): who, when, what, masked diffs."""

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
