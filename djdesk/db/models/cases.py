"""服务事项: catalogue versions and their items, handled cases and the certificates they issued.

A :class:`CatalogVersion` holds one complete set of the three catalogues (保留社区工作事项,
协助政府工作事项, 依法证明事项) as loaded from a catalogue file; its :class:`CatalogItem` rows
are copies, so a case keeps pointing at the wording it was handled under however often the
catalogue changes. An item a newer version no longer lists is copied as ``retired``: nothing is
hard-deleted. A :class:`ServiceCase` is one handled matter (办件); a 依法证明事项 handled to the
end issues one :class:`Certificate` (the 出具证明登记簿 entry); every print of it is an entry of
the shared document register (:mod:`djdesk.db.models.documents`, kind ``cases-certificate``,
by its serial), which alone counts prints and reprints. :class:`CaseSecret` is the site's
local key for the certificates' check codes: it has no sync columns and must never leave this
database.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from djdesk.db.base import Base, SyncMixin, UTCDateTime, utc_now


class CatalogVersion(SyncMixin, Base):
    """One loaded version of the three catalogues (numbered by the issuing body)."""

    __tablename__ = "catalog_version"
    __audited__ = True
    __table_args__ = (
        UniqueConstraint("origin", "version", name="uq_catalog_version_origin_version"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    effective_date: Mapped[date] = mapped_column(Date)
    issuer: Mapped[str] = mapped_column(String(100))
    document: Mapped[str] = mapped_column(String(100), default="")
    sample: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(200), default="")  # file name, or 内置示例
    loaded_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)


class CatalogItem(SyncMixin, Base):
    """One item of one catalogue version; a copy per version, retired rather than dropped."""

    __tablename__ = "catalog_item"
    __audited__ = True
    __table_args__ = (
        UniqueConstraint("version_id", "code", name="uq_catalog_item_version_code"),
        Index("ix_catalog_item_code", "code"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("catalog_version.id"))
    catalog: Mapped[str] = mapped_column(String(12))  # CatalogKind
    code: Mapped[str] = mapped_column(String(12))
    name: Mapped[str] = mapped_column(String(100))
    category: Mapped[str] = mapped_column(String(40), default="")
    legal_basis: Mapped[str] = mapped_column(String(300), default="")
    lead_department: Mapped[str] = mapped_column(String(100), default="")
    materials: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of names
    time_limit: Mapped[str] = mapped_column(String(40), default="")
    certificate: Mapped[str] = mapped_column(Text, default="")  # JSON template, 证明 items only
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class ServiceCase(SyncMixin, Base):
    """One handled matter (办件) at the counter, against a catalogue item or 清单外."""

    __tablename__ = "service_case"
    __audited__ = True
    __table_args__ = (
        Index("ix_service_case_handled_on", "handled_on"),
        Index("ix_service_case_item_code", "item_code"),
        Index("ix_service_case_applicant_name", "applicant_name"),
        Index("ix_service_case_applicant_id_number", "applicant_id_number"),
        Index("ix_service_case_handler", "handler"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    handled_on: Mapped[date] = mapped_column(Date)
    catalog: Mapped[str] = mapped_column(String(12))  # CatalogKind, 清单外事项 included
    #: The catalogue version and item it was handled under (none for 清单外事项).
    version_id: Mapped[int | None] = mapped_column(ForeignKey("catalog_version.id"), default=None)
    item_id: Mapped[int | None] = mapped_column(ForeignKey("catalog_item.id"), default=None)
    catalog_version: Mapped[int | None] = mapped_column(Integer, default=None)
    item_code: Mapped[str] = mapped_column(String(12), default="")
    item_name: Mapped[str] = mapped_column(String(100))
    category: Mapped[str] = mapped_column(String(40), default="")
    applicant_name: Mapped[str] = mapped_column(String(40), default="")
    applicant_id_number: Mapped[str] = mapped_column(String(18), default="")
    applicant_phone: Mapped[str] = mapped_column(String(20), default="")
    applicant_address: Mapped[str] = mapped_column(String(200), default="")
    materials: Mapped[str] = mapped_column(Text, default="[]")  # JSON list, checked at the counter
    handler: Mapped[str] = mapped_column(String(40))
    result: Mapped[str] = mapped_column(String(6))  # CaseResult
    transferred_to: Mapped[str] = mapped_column(String(100), default="")
    refusal_reason: Mapped[str] = mapped_column(String(300), default="")
    minutes_spent: Mapped[int] = mapped_column(Integer, default=0)
    remarks: Mapped[str] = mapped_column(Text, default="")
    #: 清单外事项: who asked the community to do it, and why.
    requesting_department: Mapped[str] = mapped_column(String(100), default="")
    request_reason: Mapped[str] = mapped_column(String(300), default="")


class Certificate(SyncMixin, Base):
    """An issued certificate: one line of the 出具证明登记簿, frozen at issue."""

    __tablename__ = "certificate"
    __audited__ = True
    __table_args__ = (
        UniqueConstraint("origin", "serial", name="uq_certificate_origin_serial"),
        UniqueConstraint("origin", "year", "number", name="uq_certificate_origin_year_number"),
        Index("ix_certificate_issued_on", "issued_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("service_case.id"), unique=True)
    serial: Mapped[str] = mapped_column(String(80))
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    check_code: Mapped[str] = mapped_column(String(16))
    issued_on: Mapped[date] = mapped_column(Date)
    catalog_version: Mapped[int] = mapped_column(Integer)
    item_code: Mapped[str] = mapped_column(String(12))
    item_name: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(100))
    body: Mapped[str] = mapped_column(Text)  # the certified facts as printed
    purpose: Mapped[str] = mapped_column(String(200), default="")
    legal_basis: Mapped[str] = mapped_column(String(300), default="")
    limitation: Mapped[str] = mapped_column(String(40), default="")  # e.g. 仅限公证
    validity_months: Mapped[int | None] = mapped_column(Integer, default=None)
    subject_name: Mapped[str] = mapped_column(String(40))
    subject_gender: Mapped[str] = mapped_column(String(2), default="")
    subject_id_number: Mapped[str] = mapped_column(String(18), default="")
    subject_address: Mapped[str] = mapped_column(String(200), default="")
    handler: Mapped[str] = mapped_column(String(40))
    reviewer: Mapped[str] = mapped_column(String(40), default="")
    contact_phone: Mapped[str] = mapped_column(String(40), default="")
    community: Mapped[str] = mapped_column(String(100))
    verification: Mapped[str] = mapped_column(String(100), default="")  # 核实方式
    sealed: Mapped[bool] = mapped_column(Boolean, default=True)
    status: Mapped[str] = mapped_column(String(4), default="有效")  # CertificateStatus
    void_reason: Mapped[str] = mapped_column(String(200), default="")
    voided_by: Mapped[str] = mapped_column(String(40), default="")
    voided_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), default=None)

    case: Mapped[ServiceCase] = relationship(lazy="joined")


class CaseSecret(Base):
    """The site's key for certificate check codes. Local only: no sync columns, never exported."""

    __tablename__ = "case_secret"
    __audited__ = True
    __audit_secret_fields__ = ("secret",)

    origin: Mapped[str] = mapped_column(String(12), primary_key=True)
    secret: Mapped[str] = mapped_column(String(64))  # hex of 32 random bytes
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
