"""数据交换: this site's signing key, the sites it exchanges packages with, and the history.

All of it is local to one installation and never travels: the public half of this site's
Ed25519 key (the private half is a file in the data folder), the partner sites (下级 communities
or streets registered with their public keys, the 上级 whose downward packages are trusted, and
at a district the communities a street forwards), every package written (numbered per kind) and
every package imported, and the version of each record last sent upward, which makes the next
export incremental without relying on clocks.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from djdesk.db.base import Base, UTCDateTime, utc_now


class ExchangeKey(Base):
    """The public half of this site's signing key (one row; the private key is a file)."""

    __tablename__ = "exchange_key"
    __audited__ = True
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=1)
    public_key: Mapped[str] = mapped_column(String(64))  # base64 of the raw 32 bytes
    fingerprint: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)


class ExchangePartner(Base):
    """A site packages come from or go to: a 下级 site, the 上级, or a forwarded community."""

    __tablename__ = "exchange_partner"
    __audited__ = True
    __table_args__ = (
        CheckConstraint("relation IN ('下级', '上级', '转报')", name="relation"),
        Index("ix_exchange_partner_via", "via"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(12), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    level: Mapped[str] = mapped_column(String(4))
    relation: Mapped[str] = mapped_column(String(4))  # PartnerRelation
    #: base64 of the raw Ed25519 key; empty while only the fingerprint is known.
    public_key: Mapped[str] = mapped_column(String(64), default="")
    fingerprint: Mapped[str] = mapped_column(String(40), default="")
    #: For a forwarded community: the code of the registered street that forwards it.
    via: Mapped[str] = mapped_column(String(12), default="")
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    registered_by: Mapped[str] = mapped_column(String(60), default="")


class ExchangeExport(Base):
    """A package this site wrote (numbered per kind; re-exported from the stored copy)."""

    __tablename__ = "exchange_export"
    __table_args__ = (
        UniqueConstraint("kind", "sequence", name="uq_exchange_export_kind_sequence"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # records / reference
    sequence: Mapped[int] = mapped_column(Integer)
    follows: Mapped[int] = mapped_column(Integer, default=0)
    full: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    created_by: Mapped[str] = mapped_column(String(60), default="")
    records: Mapped[int] = mapped_column(Integer, default=0)
    counts: Mapped[str] = mapped_column(Text, default="{}")  # JSON: table → records
    file_name: Mapped[str] = mapped_column(String(260), default="")
    stored_file: Mapped[str] = mapped_column(String(260), default="")
    sha256: Mapped[str] = mapped_column(String(64), default="")
    size: Mapped[int] = mapped_column(Integer, default=0)


class ExchangeImport(Base):
    """A package imported here (the received-packages log); a refused one is not recorded."""

    __tablename__ = "exchange_import"
    __table_args__ = (
        UniqueConstraint("digest", name="uq_exchange_import_digest"),
        Index("ix_exchange_import_sender_sequence", "sender", "kind", "sequence"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sender: Mapped[str] = mapped_column(String(12))
    sender_name: Mapped[str] = mapped_column(String(100), default="")
    kind: Mapped[str] = mapped_column(String(10))
    sequence: Mapped[int] = mapped_column(Integer)
    follows: Mapped[int] = mapped_column(Integer, default=0)
    full: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
    imported_by: Mapped[str] = mapped_column(String(60), default="")
    file_name: Mapped[str] = mapped_column(String(260), default="")
    #: SHA-256 of the signed manifest: the package's identity.
    digest: Mapped[str] = mapped_column(String(64))
    added: Mapped[int] = mapped_column(Integer, default=0)
    updated: Mapped[int] = mapped_column(Integer, default=0)
    unchanged: Mapped[int] = mapped_column(Integer, default=0)
    refused: Mapped[int] = mapped_column(Integer, default=0)
    counts: Mapped[str] = mapped_column(Text, default="{}")  # JSON: table → [new, upd, same, ref]
    warnings: Mapped[str] = mapped_column(Text, default="")


class ExchangeSent(Base):
    """The version of each record last written into an upward package."""

    __tablename__ = "exchange_sent"
    __table_args__ = ({"sqlite_with_rowid": False},)

    uid: Mapped[str] = mapped_column(String(36), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
