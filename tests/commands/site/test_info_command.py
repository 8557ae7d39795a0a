"""``djdesk info`` only reads: it creates no folder, database, log or lock, and migrates nothing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from alembic import command

from djdesk.cli import run
from djdesk.db.migrate import alembic_config, head_revision
from djdesk.db.session import Database
from djdesk.paths import AppPaths
from djdesk.services.site.identity import SiteInfo


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Every file under ``folder`` with its modification time and content."""
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): (p.stat().st_mtime_ns, p.read_bytes() if p.is_file() else b"")
        for p in sorted(folder.rglob("*"))
    }


def test_info_on_a_fresh_folder_creates_nothing(
    paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "info")  # the folder comes from DJDESK_DATA_DIR
    assert code == 0, err
    assert f"数据文件夹：{paths.data_dir}（尚未创建）" in out
    assert "数据库：" in out and "（尚未创建）" in out
    assert f"程序支持 {head_revision()}" in out
    assert "在职党员：0" in out
    code, out, _ = _run(capsys, "info", "--json")
    info = json.loads(out)
    assert code == 0
    assert info["data_dir"] == str(paths.data_dir) and info["data_dir_exists"] is False
    assert info["database_state"] == "not_created"
    assert info["schema_revision"] is None and info["schema_head"] == head_revision()
    assert info["site_code"] is None
    assert info["record_counts"]["site"] == 0 and set(info["record_counts"].values()) == {0}
    assert not paths.data_dir.exists()


def test_info_in_the_default_folder_creates_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    default = tmp_path / "home" / ".local" / "share" / "djdesk"
    monkeypatch.delenv("DJDESK_DATA_DIR", raising=False)
    monkeypatch.setattr("djdesk.paths.default_data_dir", lambda: default)
    code, out, _ = _run(capsys, "info")
    assert code == 0 and str(default) in out
    assert not (tmp_path / "home").exists()


def test_info_on_an_empty_folder_leaves_it_empty(
    paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    paths.data_dir.mkdir(parents=True)
    code, out, _ = _run(capsys, "info", "--json")
    info = json.loads(out)
    assert code == 0 and info["data_dir_exists"] is True
    assert info["database_state"] == "not_created"
    assert list(paths.data_dir.iterdir()) == []


def test_info_reads_an_existing_database_without_touching_it(
    paths: AppPaths, db: Database, site: SiteInfo, capsys: pytest.CaptureFixture[str]
) -> None:
    db.dispose()  # no connection open: the WAL is checkpointed away
    before = _snapshot(paths.data_dir)
    code, out, _ = _run(capsys, "info")
    assert code == 0
    assert f"数据库：{paths.database_url()}（与程序一致）" in out
    assert f"站点：{site.name}（社区，{site.code}）" in out and "站点信息：1" in out
    code, out, _ = _run(capsys, "info", "--json")
    info = json.loads(out)
    assert info["database_state"] == "current" and info["record_counts"]["site"] == 1
    assert _snapshot(paths.data_dir) == before


def test_info_reads_a_database_another_process_has_open(
    paths: AppPaths, db: Database, site: SiteInfo, capsys: pytest.CaptureFixture[str]
) -> None:
    # The fixture's connection stays open (as the program window's would), so the WAL exists.
    assert paths.database_file.with_name("djdesk.sqlite3-wal").exists()
    code, out, _ = _run(capsys, "info", "--json")
    assert code == 0 and json.loads(out)["site_code"] == site.code


def test_info_reports_an_older_schema_and_leaves_it(
    paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    paths.data_dir.mkdir(parents=True)
    old = Database(paths.database_url())
    command.upgrade(alembic_config(old.engine), "0002")
    old.dispose()
    before = _snapshot(paths.data_dir)
    code, out, _ = _run(capsys, "info")
    assert code == 0
    assert f"数据结构版本：0002（程序支持 {head_revision()}）" in out
    assert "较旧" in out and "未统计" in out
    code, out, _ = _run(capsys, "info", "--json")
    info = json.loads(out)
    assert info["database_state"] == "older" and info["schema_revision"] == "0002"
    assert info["record_counts"] is None
    assert _snapshot(paths.data_dir) == before  # not migrated, no backup taken


def test_info_reports_a_newer_schema(
    paths: AppPaths, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    db.dispose()
    with sqlite3.connect(paths.database_file) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    code, out, _ = _run(capsys, "info")
    assert code == 0 and "数据结构版本：9999" in out and "由更新版本的 djdesk 创建" in out


def test_info_refuses_a_file_that_is_not_a_database(
    paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    paths.data_dir.mkdir(parents=True)
    paths.database_file.write_bytes(b"not a database" * 10)
    before = _snapshot(paths.data_dir)
    code, _, err = _run(capsys, "info")
    assert code == 1 and "不是 SQLite 数据库" in err
    assert _snapshot(paths.data_dir) == before
