"""Alembic environment: runs on the engine djdesk hands over (no alembic.ini needed).

On SQLite, batch migrations rebuild tables (copy, drop, rename). Dropping a table that others
reference fails while ``foreign_keys`` is on, so it is switched off around the migration (it
cannot change inside a transaction) and ``PRAGMA foreign_key_check`` must come back empty
before the migration commits.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, Engine, create_engine

import djdesk.db.models  # noqa: F401  (registers every table)
from djdesk.db.base import Base

config = context.config
target_metadata = Base.metadata


def _migrate(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine: Engine | None = config.attributes.get("engine")
    if engine is None:
        engine = create_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    with engine.connect() as connection:
        if connection.dialect.name != "sqlite":
            with connection.begin():
                _migrate(connection)
            return
        connection.exec_driver_sql("PRAGMA foreign_keys = OFF")
        connection.commit()
        try:
            with connection.begin():
                _migrate(connection)
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise RuntimeError(f"migration left dangling references: {broken[:5]}")
        finally:
            connection.exec_driver_sql("PRAGMA foreign_keys = ON")
            connection.commit()


if context.is_offline_mode():
    raise RuntimeError("djdesk migrations run online only")
run_migrations_online()
