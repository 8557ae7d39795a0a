"""``djdesk members import`` with grids the community lacks: rows are imported with warnings,
``--create-grids`` creates the grids first."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

import pytest

from djdesk.commands import checkin as members
from djdesk.commands.common import make_parents
from djdesk.paths import AppPaths
from djdesk.services.checkin.grids import list_grids
from tests.helpers.roster_sheets import UNIT, make_id, write_book


def run(paths: AppPaths, *argv: str) -> int:
    parser = argparse.ArgumentParser(prog="djdesk")
    members.register(parser.add_subparsers(dest="command"), make_parents())
    args = parser.parse_args(list(argv))
    return int(args.handler(args, paths))


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    rows = [["姓名", "身份证号", "手机", "工作单位", "所属网格"]]
    for n in (1, 2):
        rows.append([f"党员{n}", make_id(date(1980, 1, n)), f"1381234567{n}", UNIT, f"第{n}网格"])
    return write_book(tmp_path / "roster.xlsx", rows)


def test_unknown_grids_warn_and_import(
    paths: AppPaths,
    db: object,
    registry: dict[str, int],
    roster: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(paths, "members", "import", str(roster), "--dry-run", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["imported"], data["new_members"], data["unknown_grids"]) == (
        0,
        2,
        ["第1网格", "第2网格"],
    )
    assert [w["row"] for w in data["warned"]] == [3, 4]

    assert run(paths, "members", "import", str(roster)) == 0
    out = capsys.readouterr().out
    assert "警告 2 行（已导入：新增 2 名、更新 0 名）" in out
    assert "本社区没有的网格：第1网格、第2网格（加 --create-grids 可同时新建）" in out
    assert "以下各行已导入，但部分内容未采用：" in out
    assert "  第 3 行：新增；网格“第1网格”不存在，网格留空" in out
    assert [g.name for g in list_grids(db)] == ["东风一网格"]  # type: ignore[arg-type]


def test_create_grids_option(
    paths: AppPaths,
    db: object,
    registry: dict[str, int],
    roster: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(paths, "members", "import", str(roster), "--create-grids") == 0
    out = capsys.readouterr().out
    assert "导入完成：新增 2 名，更新 0 名，未变 0 名，拒绝 0 行。" in out
    assert "已新建网格：第1网格、第2网格" in out
    names = [g.name for g in list_grids(db)]  # type: ignore[arg-type]
    assert sorted(names) == ["东风一网格", "第1网格", "第2网格"]
