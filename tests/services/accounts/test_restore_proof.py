"""Restore proves the chosen file on a copy before it installs it: refusals name the reason,
leave the current database byte for byte and the folder usable with no copy behind; an older
backup is migrated and installed; relative paths work on the command line."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from djdesk import cli
from djdesk.actor import Actor
from djdesk.db import backup as files
from djdesk.db.migrate import current_revision, head_revision
from djdesk.db.session import Database
from djdesk.errors import DjdeskError
from djdesk.paths import AppPaths
from djdesk.services.accounts import backups
from djdesk.services.areas import DemoOptions
from djdesk.services.demo import fill_demo
from djdesk.services.site.identity import SiteInfo, get_site
from tests.helpers.db_damage import STRUCTURAL, structural_copy

ADMIN = Actor.system()
EDITS = dict(STRUCTURAL)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def good(paths: AppPaths, db: Database, site: SiteInfo, tmp_path: Path) -> Path:
    fill_demo(db, DemoOptions(seed=4, counts={"members": 8}), actor=ADMIN)
    return files.write_backup(paths.database_file, tmp_path / "sources", reason="manual").path


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        ("no-revision-row", "数据结构版本记录应恰好一条，实际有 0 条"),
        ("two-revision-rows", "实际有 2 条"),
        ("dropped-member", "缺少数据表 checkin；缺少数据表 member"),
        ("dropped-audit-log", "缺少数据表 audit_log"),
        ("extra-column", "数据表 member 多出列 secret"),
        ("trigger", "多出触发器 t"),
        ("checkin-without-member", "引用了不存在的记录"),
        ("site-level", "CHECK constraint failed in site"),
        ("site-code", "其中的站点信息无效"),
        ("text-in-integer", "数据表 unit 有 1 行的 category 类型不对"),
        ("garbage-date", "数据表 member 中有无法读取的值"),
        ("newer-revision", "由更新版本的 djdesk 创建"),
    ],
)
def test_refusal_names_the_reason_and_changes_nothing(
    paths: AppPaths, db: Database, good: Path, tmp_path: Path, edit: str, reason: str
) -> None:
    bad = structural_copy(good, tmp_path / f"{edit}.sqlite3", EDITS[edit])
    db.dispose()
    before = _digest(paths.database_file)
    with pytest.raises(DjdeskError) as caught:
        backups.restore(paths, db, bad, ADMIN)
    assert reason in caught.value.message
    assert "当前数据未被改动" in caught.value.message
    assert _digest(paths.database_file) == before
    assert not list(paths.data_dir.glob("*.restore-partial*"))
    assert backups.list_backups(paths) == []  # refused before the safety backup
    assert get_site(db) is not None  # still usable


def test_older_backup_is_migrated_and_installed(
    paths: AppPaths, db: Database, site: SiteInfo, tmp_path: Path
) -> None:
    from alembic import command

    from djdesk.db.migrate import alembic_config
    from tests.services.accounts.test_restore_fuzz import SITE_ROW

    older = tmp_path / "older.sqlite3"
    engine_db = Database(f"sqlite:///{older}")
    command.upgrade(alembic_config(engine_db.engine), "0001")
    with engine_db.engine.begin() as conn:
        conn.exec_driver_sql(SITE_ROW)
    engine_db.dispose()
    result = backups.restore(paths, db, older, ADMIN)
    try:
        assert current_revision(result.db.engine) == head_revision()
        restored = get_site(result.db)
        assert restored is not None and restored.name == "旧社区"
    finally:
        result.db.dispose()


def test_relative_paths_on_the_command_line(
    paths: AppPaths, db: Database, site: SiteInfo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db.dispose()
    work = tmp_path / "work"
    (work / "r").mkdir(parents=True)
    monkeypatch.chdir(work)
    where = ["--data-dir", str(paths.data_dir)]
    assert cli.run(["backup", "--to", "rel.sqlite3", *where]) == 0
    assert (work / "rel.sqlite3").exists() and not list(work.glob("*.partial*"))
    (work / "rel.sqlite3").rename(work / "r" / "b.sqlite3")
    (work / "rel.json").unlink(missing_ok=True)
    assert cli.run(["restore", "r/b.sqlite3", "--yes", *where]) == 0
    conn = sqlite3.connect(paths.database_file)
    assert conn.execute("SELECT count(*) FROM site").fetchone() == (1,)
    conn.close()


def test_cli_restore_of_a_damaged_database(
    paths: AppPaths, db: Database, good: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db.dispose()
    data = bytearray(paths.database_file.read_bytes())
    data[4096 * 2 : 4096 * 3] = b"\xff" * 4096
    paths.database_file.write_bytes(bytes(data))
    where = ["--data-dir", str(paths.data_dir)]
    assert cli.run(["info", *where]) == 1
    error = capsys.readouterr().err
    assert "已损坏" in error and "djdesk restore" in error and "Traceback" not in error
    assert cli.run(["demo", *where]) == 1
    assert cli.run(["restore", str(good), "--yes", *where]) == 0
    assert cli.run(["info", *where]) == 0
    assert list(paths.backup_dir.glob("*.damaged"))
