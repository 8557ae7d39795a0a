"""``djdesk members import`` and ``djdesk members template`` (handlers run through a parser
built with the module's ``register`` alone, so the test does not depend on the registry)."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

import pytest

from djdesk.commands import checkin as members
from djdesk.commands.common import make_parents
from djdesk.paths import AppPaths
from djdesk.services.accounts.backups import list_backups
from tests.helpers.roster_sheets import UNIT, bad_check, db_state, make_id, write_book


def run(paths: AppPaths, *argv: str) -> int:
    parser = argparse.ArgumentParser(prog="djdesk")
    members.register(parser.add_subparsers(dest="command"), make_parents())
    args = parser.parse_args(list(argv))
    return int(args.handler(args, paths))


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    rows = [
        ["姓名", "身份证号", "手机", "工作单位"],
        ["张三", make_id(date(1980, 1, 1), 123), "13812345678", UNIT],
        ["李四", bad_check(make_id(date(1981, 1, 1), 124)), "13812345679", UNIT],
        ["王五", make_id(date(1982, 1, 1), 125), "13812345670", "新单位"],
    ]
    return write_book(tmp_path / "roster.xlsx", rows)


def test_dry_run_json(
    paths: AppPaths,
    db: object,
    registry: dict[str, int],
    roster: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = db_state(db)
    assert run(paths, "members", "import", str(roster), "--dry-run", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["sheet"], data["header_row"], data["dry_run"]) == ("Sheet1", 2, True)
    assert (data["imported"], data["updated"], data["unchanged"]) == (1, 0, 0)
    assert [r["row"] for r in data["rejected"]] == [4, 5]
    assert "校验位不正确" in data["rejected"][0]["reason"]
    assert data["unknown_units"] == ["新单位"]
    assert db_state(db) == before and list_backups(paths) == []


def test_import_with_new_units_prints_chinese_summary(
    paths: AppPaths,
    db: object,
    registry: dict[str, int],
    roster: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(paths, "members", "import", str(roster), "--create-units") == 0
    out = capsys.readouterr().out
    assert "导入完成：新增 2 名，更新 0 名，未变 0 名，拒绝 1 行。" in out
    assert "已登记新单位：新单位" in out
    assert "  第 4 行：公民身份号码校验位不正确" in out
    assert "导入前已备份数据库" in out
    assert [b.reason for b in list_backups(paths)] == ["before-import"]


def test_no_valid_rows_exits_1(
    paths: AppPaths,
    db: object,
    registry: dict[str, int],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = write_book(tmp_path / "bad.xlsx", [["姓名", "身份证号"], ["张三", "1.23E+17"]])
    assert run(paths, "members", "import", str(source), "--json") == 1
    data = json.loads(capsys.readouterr().out)
    assert "没有可导入的行" in data["error"] and data["rejected"][0]["row"] == 3


def test_refused_file_exits_1_through_the_cli(
    paths: AppPaths,
    db: object,
    site: object,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import djdesk.cli as cli

    source = tmp_path / "x.csv"
    source.write_text("a,b", encoding="utf-8")
    assert cli.run(["--data-dir", str(paths.data_dir), "members", "import", str(source)]) == 1
    assert "不是 Excel 工作簿" in capsys.readouterr().err


def test_template_command(
    paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "模板.xlsx"
    assert run(paths, "members", "template", "--out", str(target), "--unit", UNIT) == 0
    assert target.is_file() and "已生成花名册模板" in capsys.readouterr().out
