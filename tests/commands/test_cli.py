"""The command line: exit codes, Chinese messages, JSON output, and no Qt on this path."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from djdesk.cli import run
from djdesk.paths import AppPaths


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_info_json_on_a_new_data_dir(paths: AppPaths, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "info", "--json", "--data-dir", str(paths.data_dir))
    assert code == 0
    info = json.loads(out)
    assert info["schema_revision"] == info["schema_head"]
    assert info["data_dir"] == str(paths.data_dir)
    assert info["record_counts"]["site"] == 0
    assert info["site_code"] is None


def test_demo_is_deterministic_and_keeps_an_existing_site(
    paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "demo", "--seed", "2", "--json")
    assert code == 0
    first = json.loads(out)
    assert first["site_created"] is True
    code, out, _ = _run(capsys, "demo", "--seed", "0", "--json")
    assert code == 0 and json.loads(out) == {"skipped": True}  # the demo is not added twice
    code, out, _ = _run(capsys, "demo", "--seed", "0", "--again", "--json")
    second = json.loads(out)
    assert second["site_created"] is False and second["site"] == first["site"]
    assert second["member"] == 200


def test_site_set_and_show(paths: AppPaths, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "site", "set", "--code", "511502003012")
    assert code == 1 and "--level" in err and "--name" in err
    code, _, err = _run(
        capsys,
        "site",
        "set",
        "--level",
        "社区",
        "--code",
        "51150200301",
        "--name",
        "东风社区",
    )
    assert code == 1
    assert "--code（统计用区划代码）" in err and "12 位" in err
    code, out, _ = _run(
        capsys,
        "site",
        "set",
        "--level",
        "社区",
        "--code",
        "511502003012",
        "--name",
        "宜宾市翠屏区东城街道东风社区",
        "--short-name",
        "东风社区",
        "--street-code",
        "511502003",
        "--street",
        "东城街道",
        "--district",
        "翠屏区",
        "--address",
        "东风路88号",
        "--phone",
        "0831 8221234",
        "--party-org",
        "中共东风社区委员会",
    )
    assert code == 0, out
    code, out, _ = _run(capsys, "site", "show", "--json")
    shown = json.loads(out)
    assert shown["phone"] == "0831-8221234" and shown["district_code"] == "511502"
    code, out, _ = _run(capsys, "site", "set", "--phone", "13912345678")
    assert code == 0
    code, out, _ = _run(capsys, "site", "show")
    assert "联系电话：13912345678" in out and "全称：宜宾市翠屏区东城街道东风社区" in out


def test_site_show_without_site(paths: AppPaths, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "site", "show")
    assert code == 1 and "尚未设置" in err


def test_print_site_sheet(
    paths: AppPaths, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _run(capsys, "demo", "--seed", "0")
    out_file = tmp_path / "sheet.pdf"
    code, out, _ = _run(capsys, "print", "site-sheet", "--out", str(out_file))
    assert code == 0
    assert "信〔" in out
    text = "".join(page.extract_text() for page in PdfReader(out_file).pages)
    assert "站点信息表" in text and "511502003012" in text
    code, _, err = _run(capsys, "print", "site-sheet", "--out", str(tmp_path / "sheet.txt"))
    assert code == 1 and ".pdf" in err


def test_bad_data_dir_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = _run(capsys, "info", "--data-dir", str(blocker / "data"))
    assert code == 1 and "数据文件夹" in err


def test_usage_error_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        run(["no-such-command"])
    assert info.value.code == 2


def test_cli_never_imports_qt(paths: AppPaths) -> None:
    script = (
        "import sys; from djdesk.cli import run; "
        f"code = run(['info', '--data-dir', {str(paths.data_dir)!r}]); "
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt imported'; "
        "sys.exit(code)"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "数据结构版本" in result.stdout


def test_module_entry_point_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "djdesk", "--version"], capture_output=True, text=True
    )
    assert result.returncode == 0 and result.stdout.startswith("djdesk ")
