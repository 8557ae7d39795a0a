"""共驻共建协议书 and 区域化党建目标责任书 between the community and a unit's Party organisation.

An :class:`Agreement` names the unit (乙方; 甲方 is this site's Party organisation), its term,
status and the figures its clauses fill in; a responsibility book also has its task table
(:class:`AgreementTask`). The number is taken and the text frozen when the agreement is first
printed: the register keeps what was printed (``issued_document_id``), and
``template_version`` says which :class:`AgreementTemplate` it was built from. Templates are
versioned and never changed in place, so an old agreement always prints as it was signed.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from djdesk.db.base import Base, SyncMixin, UTCDateTime, utc_now
from djdesk.db.models.checkin import Unit


class Agreement(SyncMixin, Base):
    """One agreement or responsibility book with one unit (the scanned signed copy optional)."""

    __tablename__ = "agreement"
    __audited__ = True
    __table_args__ = (
        Index(
            "uq_agreement_serial",
            "origin",
            "serial",
            unique=True,
            sqlite_where=text("serial != ''"),
        ),
        Index("ix_agreement_unit_id", "unit_id"),
        Index("ix_agreement_status_ends_on", "status", "ends_on"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # AgreementKind
    serial: Mapped[str] = mapped_column(String(80), default="")  # taken at the first print
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"))
    first_leader: Mapped[str] = mapped_column(String(40), default="")  # 甲方负责人
    first_liaison: Mapped[str] = mapped_column(String(40), default="")  # 甲方联络员
    first_phone: Mapped[str] = mapped_column(String(40), default="")
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(4), default="草稿")  # AgreementStatus (stored)
    signed_on: Mapped[date | None] = mapped_column(Date, default=None)
    terminated_on: Mapped[date | None] = mapped_column(Date, default=None)
    termination_reason: Mapped[str] = mapped_column(String(200), default="")
    content_items: Mapped[str] = mapped_column(String(200), default="")  # "、"-joined
    meeting_frequency: Mapped[str] = mapped_column(String(20), default="每季度")
    projects_per_year: Mapped[int] = mapped_column(Integer, default=2)
    activities_per_year: Mapped[int] = mapped_column(Integer, default=4)
    open_facilities: Mapped[str] = mapped_column(String(200), default="")
    copies: Mapped[int] = mapped_column(Integer, default=2)  # 一式 N 份
    goal: Mapped[str] = mapped_column(Text, default="")  # 年度目标 (responsibility book)
    template_version: Mapped[int | None] = mapped_column(Integer, default=None)
    issued_on: Mapped[date | None] = mapped_column(Date, default=None)
    issued_document_id: Mapped[int | None] = mapped_column(
        ForeignKey("document_record.id"), default=None
    )
    scan_file: Mapped[str] = mapped_column(String(300), default="")  # under the data folder
    scan_name: Mapped[str] = mapped_column(String(200), default="")  # the file's original name
    scan_sha256: Mapped[str] = mapped_column(String(64), default="")
    scan_size: Mapped[int] = mapped_column(Integer, default=0)
    renewed_from_id: Mapped[int | None] = mapped_column(ForeignKey("agreement.id"), default=None)
    remarks: Mapped[str] = mapped_column(Text, default="")

    unit: Mapped[Unit] = relationship(lazy="joined")
    tasks: Mapped[list[AgreementTask]] = relationship(
        order_by="AgreementTask.position", lazy="selectin", cascade="all, delete-orphan"
    )


class AgreementTask(SyncMixin, Base):
    """One row of a responsibility book's 目标任务表."""

    __tablename__ = "agreement_task"
    __audited__ = True
    __table_args__ = (Index("ix_agreement_task_agreement_id", "agreement_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreement.id"))
    position: Mapped[int] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(10))  # TaskCategory
    task: Mapped[str] = mapped_column(String(200))
    target: Mapped[str] = mapped_column(String(200))  # measurable target (量化指标)
    deadline: Mapped[str] = mapped_column(String(40))  # 完成时限, e.g. 每季度 / 12月31日前
    score: Mapped[int] = mapped_column(Integer)  # 分值


class AgreementTemplate(SyncMixin, Base):
    """One saved version of the clause texts of a document kind (JSON, docs/template-format.md)."""

    __tablename__ = "agreement_template"
    __audited__ = True
    __audit_omitted_fields__ = ("body",)  # versions are never changed; the body is kept here
    __table_args__ = (
        UniqueConstraint("origin", "kind", "version_number", name="origin_kind_version_number"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # TemplateKind: agreement, responsibility …
    #: 1, 2, 3 … per kind (``version`` is the sync mixin's change counter).
    version_number: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    note: Mapped[str] = mapped_column(String(200), default="")
    created_by: Mapped[str] = mapped_column(String(60))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)
