"""member mobile reversed, for searches by the last digits (尾号)

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-27 12:00:00.000000

Residents give their phone by its last four digits. The ID number is already searchable that
way through ``id_reversed``; this adds ``mobile_reversed`` (indexed) and fills it for the
members already stored, so a tail is an indexed prefix range like any other search.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
# Planned as 0007 on top of 0003 while 0004–0007 were being added by other areas; those have
# landed on main since (re-chained by the lead), so this follows them as 0008. The lead may
# re-chain it again if another migration lands first.
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 1000


def upgrade() -> None:
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("mobile_reversed", sa.String(length=20), nullable=False, server_default="")
        )
        batch_op.create_index("ix_member_mobile_reversed", ["mobile_reversed"], unique=False)

    member = sa.table(
        "member",
        sa.column("id", sa.Integer),
        sa.column("mobile", sa.String),
        sa.column("mobile_reversed", sa.String),
    )
    conn = op.get_bind()
    # Read first, then write: the updates never run under an open cursor on the same table.
    rows = conn.execute(sa.select(member.c.id, member.c.mobile).where(member.c.mobile != "")).all()
    stmt = (
        member.update()
        .where(member.c.id == sa.bindparam("member_id"))
        .values(mobile_reversed=sa.bindparam("reversed_mobile"))
    )
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        conn.execute(
            stmt, [{"member_id": mid, "reversed_mobile": mobile[::-1]} for mid, mobile in batch]
        )


def downgrade() -> None:
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_index("ix_member_mobile_reversed")
        batch_op.drop_column("mobile_reversed")
