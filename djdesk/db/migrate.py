"""Schema migrations with Alembic, run at start-up.

Before an existing SQLite database is upgraded, a checked backup is written to the backup
folder (SQLite's online backup API). A database stamped with a revision this program does not
know was made
by a newer djdesk and is refused.
"""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from djdesk import __version__
from djdesk.db.backup import write_backup
from djdesk.errors import DatabaseError, NewerSchemaError
from djdesk.resources import migrations_dir

log = logging.getLogger(__name__)


def alembic_config(engine: Engine | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(migrations_dir()))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


@cache
def _scripts() -> ScriptDirectory:
    """The program's migration scripts (read once: they do not change while it runs)."""
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = _scripts().get_current_head()
    assert head is not None, "migration chain has no head"
    return head


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def known_revisions() -> set[str]:
    return {rev.revision for rev in _scripts().walk_revisions()}


def refuse_newer(revision: str | None, where: str) -> None:
    """Raise when ``revision`` is not one this program knows (a newer djdesk wrote it)."""
    if revision is not None and revision not in known_revisions():
        raise NewerSchemaError(
            f"数据库“{where}”由更新版本的 djdesk 创建（数据结构版本 {revision}），"
            f"当前程序版本 {__version__} 无法安全打开它。请安装新版 djdesk 后再试，数据未被改动。"
        )


def upgrade_to_head(engine: Engine, *, db_file: Path | None, backup_dir: Path | None) -> bool:
    """Bring the schema to head; returns whether a migration ran."""
    where = str(db_file) if db_file else engine.url.render_as_string(hide_password=True)
    revision = current_revision(engine)
    refuse_newer(revision, where)
    head = head_revision()
    if revision == head:
        return False
    has_tables = bool(inspect(engine).get_table_names())
    if revision is None and has_tables:
        raise DatabaseError(
            f"数据库“{where}”不是 djdesk 数据库（没有数据结构版本记录），程序未对其做任何改动。"
        )
    if db_file is not None and backup_dir is not None and revision is not None:
        copy = write_backup(db_file, backup_dir, reason="before-migration")
        log.info("backed up database to %s before migrating %s -> %s", copy.path, revision, head)
    command.upgrade(alembic_config(engine), "head")
    log.info("database migrated %s -> %s", revision, head)
    return True
