"""The document register (文书登记): every document djdesk printed or saved, and each output.

A :class:`DocumentRecord` is one rendering of a document — the original, or a numbered reprint
(补打/副本) — with its serial, kind, subject record, template version, who made it and when, a
hash of the bytes and the typed data it was built from (``payload``, JSON), so the register can
reproduce it later. Each :class:`DocumentOutput` says where the rendering went: a file, or a
printer and how many copies. Printing the same rendering again from the preview adds an output;
a new rendering of a numbered document that was issued before is a reprint and carries the mark.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from djdesk.db.base import Base, SyncMixin, UTCDateTime, utc_now


class DocumentRecord(SyncMixin, Base):
    """One rendering of a document: the original (``copy_number`` 0) or a reprint (1, 2 …)."""

    __tablename__ = "document_record"
    __audited__ = True
    __audit_omitted_fields__ = ("payload",)  # the whole document's data: kept here, not twice
    __table_args__ = (
        # A numbered document has one original and numbered reprints per format, per origin.
        Index(
            "uq_document_record_serial_copy",
            "origin",
            "serial",
            "file_format",
            "copy_number",
            unique=True,
            sqlite_where=text("serial != ''"),
        ),
        Index("ix_document_record_serial", "serial"),
        Index("ix_document_record_kind_created", "kind", "created_at"),
        Index("ix_document_record_subject", "subject_table", "subject_uid"),
        Index("ix_document_record_subject_label", "subject_label"),
        Index("ix_document_record_created_at", "created_at"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))  # e.g. checkin-receipt, agreement
    title: Mapped[str] = mapped_column(String(120))  # the document's Chinese title
    serial: Mapped[str] = mapped_column(String(80), default="")  # "" when not numbered
    subject_table: Mapped[str] = mapped_column(String(40), default="")
    subject_uid: Mapped[str] = mapped_column(String(36), default="")
    subject_label: Mapped[str] = mapped_column(String(120), default="")  # a person or unit
    template_version: Mapped[str] = mapped_column(String(40), default="")
    file_format: Mapped[str] = mapped_column(String(8), default="pdf")  # DocumentFormat
    copy_number: Mapped[int] = mapped_column(Integer, default=0)  # 0 original, n: n-th reprint
    mark: Mapped[str] = mapped_column(String(8), default="")  # 补打 / 副本 on the page
    reason: Mapped[str] = mapped_column(String(200), default="")  # why it was reprinted
    reprintable: Mapped[bool] = mapped_column(Boolean, default=False)
    payload: Mapped[str] = mapped_column(Text, default="")  # typed data (JSON) it was built from
    pages: Mapped[int] = mapped_column(Integer, default=0)
    size_bytes: Mapped[int] = mapped_column(Integer, default=0)
    sha256: Mapped[str] = mapped_column(String(64), default="")
    created_by: Mapped[str] = mapped_column(String(60))  # username
    created_by_name: Mapped[str] = mapped_column(String(60), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)

    outputs: Mapped[list[DocumentOutput]] = relationship(
        back_populates="document", order_by="DocumentOutput.id", lazy="selectin"
    )


class DocumentOutput(SyncMixin, Base):
    """Where a rendering went: saved to a file, or sent to a printer (with the copies)."""

    __tablename__ = "document_output"
    __audited__ = True
    __table_args__ = (Index("ix_document_output_document_id", "document_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document_record.id"))
    target_kind: Mapped[str] = mapped_column(String(8))  # OutputKind: 文件 / 打印机
    target: Mapped[str] = mapped_column(String(400))  # the file's path or the printer's name
    copies: Mapped[int] = mapped_column(Integer, default=1)
    by: Mapped[str] = mapped_column(String(60))
    by_name: Mapped[str] = mapped_column(String(60), default="")
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)

    document: Mapped[DocumentRecord] = relationship(back_populates="outputs")
