"""certificate prints move into the document register

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-28 12:00:00.000000

Certificates are printed through the shared document register (``document_record``) like every
other numbered document, so the register is the one record of how often a certificate was
printed. Each ``certificate_print`` row becomes a register entry of kind ``cases-certificate``
for the certificate's serial — the first print the original (copy 0), later ones numbered
reprints (补打, or 副本 for a copy of a voided certificate) with their reason — keeping its
``uid``, origin, time and who printed it. The bytes of those prints were never kept, so the
entries cannot be rebuilt from the register (``reprintable`` false); the certificate page still
prints them again from the certificate's own record. Then ``certificate_print`` and
``certificate.print_count`` are dropped. The downgrade rebuilds both from the register.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import djdesk.db.base

revision: str = "0010"
# Follows 0009 (exchange keys and partners).
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KIND = "cases-certificate"

UPGRADE_COPY = sa.text(
    """
    INSERT INTO document_record (
        uid, origin, version, updated_at, deleted_at, kind, title, serial, subject_table,
        subject_uid, subject_label, template_version, file_format, copy_number, mark, reason,
        reprintable, payload, pages, size_bytes, sha256, created_by, created_by_name, created_at
    )
    SELECT
        p.uid, p.origin, 1, p.updated_at, p.deleted_at, :kind, c.title, c.serial, 'certificate',
        c.uid, c.subject_name, '第 ' || c.catalog_version || ' 版目录', 'pdf', p.sequence - 1,
        CASE WHEN p.sequence = 1 THEN '' WHEN p.kind = '作废件' THEN '副本' ELSE '补打' END,
        CASE
            WHEN p.sequence = 1 THEN ''
            WHEN p.reason != '' THEN p.reason
            WHEN p.kind = '作废件' THEN '作废存档'
            ELSE '（迁移前未记录原因）'
        END,
        0, '', 1, 0, '', p.printed_by, p.printed_by, p.printed_at
    FROM certificate_print AS p
    JOIN certificate AS c ON c.id = p.certificate_id
    WHERE NOT EXISTS (
        SELECT 1 FROM document_record AS d
        WHERE d.origin = c.origin AND d.serial = c.serial AND d.file_format = 'pdf'
          AND d.copy_number = p.sequence - 1
    )
    """
)

DOWNGRADE_COPY = sa.text(
    """
    INSERT INTO certificate_print (
        uid, origin, version, updated_at, deleted_at, certificate_id, sequence, kind, reason,
        printed_by, printed_at
    )
    SELECT
        d.uid, d.origin, 1, d.updated_at, d.deleted_at, c.id, d.copy_number + 1,
        CASE WHEN d.mark = '副本' THEN '作废件' WHEN d.copy_number = 0 THEN '正本' ELSE '补打' END,
        d.reason, substr(COALESCE(NULLIF(d.created_by_name, ''), d.created_by), 1, 40),
        d.created_at
    FROM document_record AS d
    JOIN certificate AS c ON c.origin = d.origin AND c.serial = d.serial
    WHERE d.kind = :kind AND d.file_format = 'pdf'
    """
)


def upgrade() -> None:
    op.get_bind().execute(UPGRADE_COPY, {"kind": KIND})
    with op.batch_alter_table("certificate_print", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_certificate_print_origin"))
        batch_op.drop_index("ix_certificate_print_certificate_id")
    op.drop_table("certificate_print")
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.drop_column("print_count")


def downgrade() -> None:
    with op.batch_alter_table("certificate", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("print_count", sa.Integer(), nullable=False, server_default="0")
        )
    op.create_table(
        "certificate_print",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("certificate_id", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=4), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("printed_by", sa.String(length=40), nullable=False),
        sa.Column("printed_at", djdesk.db.base.UTCDateTime(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("origin", sa.String(length=12), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", djdesk.db.base.UTCDateTime(), nullable=False),
        sa.Column("deleted_at", djdesk.db.base.UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["certificate_id"],
            ["certificate.id"],
            name=op.f("fk_certificate_print_certificate_id_certificate"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificate_print")),
        sa.UniqueConstraint("uid", name=op.f("uq_certificate_print_uid")),
    )
    with op.batch_alter_table("certificate_print", schema=None) as batch_op:
        batch_op.create_index(
            "ix_certificate_print_certificate_id", ["certificate_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_certificate_print_origin"), ["origin"], unique=False)
    conn = op.get_bind()
    conn.execute(DOWNGRADE_COPY, {"kind": KIND})
    conn.execute(
        sa.text(
            "UPDATE certificate SET print_count = (SELECT count(*) FROM certificate_print AS p"
            " WHERE p.certificate_id = certificate.id)"
        )
    )
    # The entries stay in the register (it existed before 0009); an upgrade skips them.
