"""The command line as a whole: exit codes, refused data folders, no Qt on this path."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from djdesk.cli import run
from djdesk.paths import AppPaths


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_bad_data_dir_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    for command in (["info"], ["site", "show"], ["demo"]):
        code, _, err = _run(capsys, *command, "--data-dir", str(blocker / "data"))
        assert code == 1 and "数据文件夹" in err and "Traceback" not in err


def test_usage_error_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        run(["no-such-command"])
    assert info.value.code == 2


def test_cli_never_imports_qt(paths: AppPaths) -> None:
    script = (
        "import sys; from djdesk.cli import run; "
        f"code = run(['demo', '--members', '3', '--data-dir', {str(paths.data_dir)!r}]); "
        f"code = code or run(['info', '--data-dir', {str(paths.data_dir)!r}]); "
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
