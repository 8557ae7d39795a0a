"""Migrations: empty → head works, the chain is linear, and models agree with migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from djdesk.db.base import Base
from djdesk.db.migrate import alembic_config, current_revision, head_revision
from djdesk.db.session import Database
from djdesk.db.startup import open_database
from djdesk.errors import NewerSchemaError
from djdesk.paths import AppPaths


def test_upgrade_from_empty_to_head(db: Database) -> None:
    assert current_revision(db.engine) == head_revision()
    with db.engine.connect() as conn:
        tables = {row[0] for row in conn.execute(text("SELECT name FROM sqlite_master"))}
    assert {"site", "serial_counter", "issued_serial", "alembic_version"} <= tables


def test_revision_chain_is_linear() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert len(script.get_heads()) == 1
    assert len(script.get_bases()) == 1
    for revision in script.walk_revisions():
        down = revision.down_revision
        assert down is None or isinstance(down, str), f"{revision.revision} is a merge point"


def test_models_and_migrations_agree(db: Database) -> None:
    with db.engine.connect() as conn:
        diff = compare_metadata(
            MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
        )
    assert diff == []


def test_reopening_at_head_takes_no_copy(paths: AppPaths) -> None:
    open_database(paths).dispose()
    open_database(paths).dispose()
    assert list(paths.backup_dir.glob("before-migration-*")) == []


def test_existing_database_is_copied_before_migrating(paths: AppPaths) -> None:
    paths.ensure()
    conn = sqlite3.connect(paths.database_file)
    conn.execute("CREATE TABLE legacy_note (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO legacy_note (body) VALUES ('保留')")
    conn.commit()
    conn.close()
    open_database(paths).dispose()
    copies = list(paths.backup_dir.glob("before-migration-none-*.sqlite3"))
    assert len(copies) == 1
    copy = sqlite3.connect(copies[0])
    assert copy.execute("SELECT body FROM legacy_note").fetchone() == ("保留",)
    assert copy.execute("SELECT name FROM sqlite_master WHERE name='site'").fetchone() is None
    copy.close()


def test_newer_schema_is_refused_and_untouched(paths: AppPaths) -> None:
    open_database(paths).dispose()
    conn = sqlite3.connect(paths.database_file)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.close()
    before = Path(paths.database_file).read_bytes()
    with pytest.raises(NewerSchemaError) as info:
        open_database(paths)
    assert "更新版本" in info.value.message
    assert str(paths.database_file) in info.value.message
    assert Path(paths.database_file).read_bytes() == before
