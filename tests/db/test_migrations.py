"""Migrations: empty → head works, the chain is linear, and models agree with migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text

from djdesk.db.backup import list_backups
from djdesk.db.base import Base
from djdesk.db.migrate import alembic_config, current_revision, head_revision
from djdesk.db.session import Database
from djdesk.db.startup import open_database
from djdesk.errors import DatabaseError, NewerSchemaError
from djdesk.paths import AppPaths


def test_upgrade_from_empty_to_head(db: Database) -> None:
    assert current_revision(db.engine) == head_revision()
    with db.engine.connect() as conn:
        tables = {row[0] for row in conn.execute(text("SELECT name FROM sqlite_master"))}
    assert {"site", "serial_counter", "issued_serial", "alembic_version", "audit_log"} <= tables


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
    assert list_backups(paths.backup_dir) == []


def test_older_database_is_backed_up_before_migrating(paths: AppPaths) -> None:
    paths.ensure()
    engine = Database(paths.database_url()).engine
    command.upgrade(alembic_config(engine), "0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO site (id, level, code, name, short_name, street_code, street_name,"
                " district_code, district_name, address, phone, party_org, serial_prefix, uid,"
                " origin, version, updated_at) VALUES (1, '社区', '511502003012', '旧社区', '旧',"
                " '511502003', '街道', '511502', '区', '地址', '0831-8221234', '党委', '旧',"
                " 'u-1', '511502003012', 1, '2026-01-01 00:00:00')"
            )
        )
    engine.dispose()
    open_database(paths).dispose()
    backups = list_backups(paths.backup_dir)
    assert [b.reason for b in backups] == ["before-migration"]
    assert backups[0].schema_revision == "0001"
    assert backups[0].record_counts["site"] == 1
    copy = sqlite3.connect(backups[0].path)
    assert copy.execute("SELECT name FROM site").fetchone() == ("旧社区",)
    copy.close()


def test_foreign_sqlite_database_is_refused_untouched(paths: AppPaths) -> None:
    paths.ensure()
    conn = sqlite3.connect(paths.database_file)
    conn.execute("CREATE TABLE legacy_note (id INTEGER PRIMARY KEY, body TEXT)")
    conn.commit()
    conn.close()
    before = Path(paths.database_file).read_bytes()
    with pytest.raises(DatabaseError) as info:
        open_database(paths)
    assert "不是 djdesk 数据库" in info.value.message
    assert Path(paths.database_file).read_bytes() == before


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
