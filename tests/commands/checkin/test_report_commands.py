"""``djdesk report …`` and ``djdesk print receipt``: files written, exit codes, refusals."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from djdesk import cli
from djdesk.cli import build_parser
from djdesk.commands import checkin
from djdesk.paths import AppPaths
from djdesk.services.site.identity import SiteInfo
from djdesk.services.store import Database
from tests.helpers.pdf_text import flat_text
from tests.services.checkin.test_reports import SmallData, build_small_data, id_number


@pytest.fixture
def small(paths: AppPaths, db: Database, site: SiteInfo) -> SmallData:
    data = build_small_data(db)
    db.dispose()  # the command opens the database itself
    return data


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_reports_in_both_formats(
    small: SmallData, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for kind in ("members-roster", "checkin-stats", "unit-register"):
        for suffix in (".xlsx", ".pdf"):
            out = tmp_path / f"{kind}{suffix}"
            code, stdout, err = run(capsys, "report", kind, "--out", str(out))
            assert code == 0, err
            assert out.exists() and str(out) in stdout


def test_roster_filters_from_the_command_line(
    small: SmallData, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "r.xlsx"
    argv = ("report", "members-roster", "--out", str(out), "--unit", "甲", "--status", "在册")
    code, stdout, _ = run(capsys, *argv, "--json")
    assert code == 0
    assert json.loads(stdout) == {"kind": "members-roster", "path": str(out)}
    ws = load_workbook(out).active
    assert ws["A3"].value == "筛选条件：单位：甲单位；状态：在册；排列：按报到日期升序"
    names = [r[2] for r in ws.iter_rows(min_row=5, values_only=True) if isinstance(r[0], int)]
    assert sorted(names) == ["甲一", "甲三", "甲二"]
    code, _, _ = run(
        capsys, "report", "checkin-stats", "--out", str(tmp_path / "s.pdf"), "--year", "2025"
    )
    assert code == 0
    assert "（2025年）" in flat_text((tmp_path / "s.pdf").read_bytes())


def test_report_refusals_exit_1(
    small: SmallData, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "report", "members-roster", "--out", str(tmp_path / "r.csv"))
    assert code == 1 and "r.csv" in err and ".xlsx" in err
    code, _, err = run(
        capsys, "report", "members-roster", "--out", str(tmp_path / "r.pdf"), "--unit", "单位"
    )
    assert code == 1 and "请写全称" in err
    code, _, err = run(
        capsys, "report", "members-roster", "--out", str(tmp_path / "r.pdf"), "--unit", "无此"
    )
    assert code == 1 and "没有名称包含" in err
    code, _, err = run(
        capsys, "report", "checkin-stats", "--out", str(tmp_path / "s.pdf"), "--year", "1800"
    )
    assert code == 1 and "1800" in err
    assert not list(tmp_path.glob("r.*")) and not (tmp_path / "s.pdf").exists()


def test_usage_errors_exit_2(small: SmallData, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        cli.run(["report", "members-roster", "--out", "x.pdf", "--status", "离开"])
    assert caught.value.code == 2
    with pytest.raises(SystemExit):
        cli.run(["report", "unit-register", "--out", "x.pdf", "--year", "2025"])
    err = capsys.readouterr().err
    assert "无效的取值 '离开'（可选：'在册', '迁出', '未报到'）" in err
    assert "无法识别的参数：--year 2025" in err


def test_print_receipt_by_id_and_id_number(
    small: SmallData, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "回执.pdf"
    code, stdout, err = run(
        capsys, "print", "receipt", "--member", str(small.members["甲一"]), "--out", str(out)
    )
    assert code == 0, err
    assert "甲一" in stdout and "东风社区报〔2024〕" in stdout
    assert "甲一同志" in flat_text(out.read_bytes())
    out2 = tmp_path / "by-id.pdf"
    code, stdout, _ = run(
        capsys, "print", "receipt", "--member", id_number(5), "--out", str(out2), "--json"
    )
    assert code == 0
    data = json.loads(stdout)
    assert data["member_id"] == small.members["乙一"] and data["name"] == "乙一"


def test_print_receipt_refusals_exit_1(
    small: SmallData, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.pdf"
    code, _, err = run(capsys, "print", "receipt", "--member", "9999", "--out", str(out))
    assert code == 1 and "找不到党员" in err
    code, _, err = run(
        capsys, "print", "receipt", "--member", str(small.members["甲四"]), "--out", str(out)
    )
    assert code == 1 and "迁出" in err
    code, _, err = run(
        capsys, "print", "receipt", "--member", "1", "--out", str(tmp_path / "x.docx")
    )
    assert code == 1 and ".pdf" in err
    assert not out.exists()


def test_handlers_can_be_called_directly(
    small: SmallData, paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = argparse.Namespace(member=id_number(2), out=str(tmp_path / "d.pdf"), json=False)
    assert checkin.cmd_print_receipt(args, paths) == 0
    assert (tmp_path / "d.pdf").exists()
    capsys.readouterr()


def test_receipt_joins_the_print_command() -> None:
    parser = build_parser()
    args = parser.parse_args(["print", "receipt", "--member", "3", "--out", "x.pdf"])
    assert args.handler is checkin.cmd_print_receipt
    assert parser.parse_args(["print", "site-sheet", "--out", "x.pdf"]).kind == "site-sheet"
