"""natural keys unique per origin

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24 09:00:00.000000

A street database holds many communities' records, so every natural key is unique per
``origin`` instead of globally: member ID number, unit credit code (where given), grid name and
issued serial numbers (text, and kind + year + number). The one-在册-check-in rule stays per
member row (a member row belongs to one origin); its index and the credit-code index get their
PostgreSQL ``WHERE`` clause too (0003 wrote only SQLite's). Tables are rebuilt in batch mode
with their rows kept. Downgrading fails if two origins already share a key.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

USCC_SET = sa.text("uscc != ''")
ONE_ACTIVE = sa.text("status = '在册' AND deleted_at IS NULL")


def upgrade() -> None:
    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_constraint("uq_member_id_number", type_="unique")
        batch_op.create_index(
            "uq_member_origin_id_number", ["origin", "id_number"], unique=True
        )

    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.drop_index("uq_unit_uscc", sqlite_where=USCC_SET)
        batch_op.create_index(
            "uq_unit_origin_uscc",
            ["origin", "uscc"],
            unique=True,
            sqlite_where=USCC_SET,
            postgresql_where=USCC_SET,
        )

    with op.batch_alter_table("grid", schema=None) as batch_op:
        batch_op.drop_constraint("uq_grid_name", type_="unique")
        batch_op.create_index("uq_grid_origin_name", ["origin", "name"], unique=True)

    with op.batch_alter_table("checkin", schema=None) as batch_op:
        batch_op.drop_index("uq_checkin_one_active", sqlite_where=ONE_ACTIVE)
        batch_op.create_index(
            "uq_checkin_one_active",
            ["member_id"],
            unique=True,
            sqlite_where=ONE_ACTIVE,
            postgresql_where=ONE_ACTIVE,
        )

    with op.batch_alter_table("issued_serial", schema=None) as batch_op:
        batch_op.drop_constraint("kind_year_number", type_="unique")
        batch_op.drop_constraint("uq_issued_serial_serial", type_="unique")
        batch_op.create_index(
            "uq_issued_serial_origin_kind_year_number",
            ["origin", "kind", "year", "number"],
            unique=True,
        )
        batch_op.create_index(
            "uq_issued_serial_origin_serial", ["origin", "serial"], unique=True
        )


def downgrade() -> None:
    with op.batch_alter_table("issued_serial", schema=None) as batch_op:
        batch_op.drop_index("uq_issued_serial_origin_serial")
        batch_op.drop_index("uq_issued_serial_origin_kind_year_number")
        batch_op.create_unique_constraint("uq_issued_serial_serial", ["serial"])
        batch_op.create_unique_constraint("kind_year_number", ["kind", "year", "number"])

    with op.batch_alter_table("checkin", schema=None) as batch_op:
        batch_op.drop_index("uq_checkin_one_active", sqlite_where=ONE_ACTIVE)
        batch_op.create_index(
            "uq_checkin_one_active", ["member_id"], unique=True, sqlite_where=ONE_ACTIVE
        )

    with op.batch_alter_table("grid", schema=None) as batch_op:
        batch_op.drop_index("uq_grid_origin_name")
        batch_op.create_unique_constraint("uq_grid_name", ["name"])

    with op.batch_alter_table("unit", schema=None) as batch_op:
        batch_op.drop_index("uq_unit_origin_uscc", sqlite_where=USCC_SET)
        batch_op.create_index("uq_unit_uscc", ["uscc"], unique=True, sqlite_where=USCC_SET)

    with op.batch_alter_table("member", schema=None) as batch_op:
        batch_op.drop_index("uq_member_origin_id_number")
        batch_op.create_unique_constraint("uq_member_id_number", ["id_number"])
