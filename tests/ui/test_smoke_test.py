"""``djdesk --smoke-test`` ends with one clear line: 自检通过 (exit 0) or 自检未通过 and why (1)."""

from __future__ import annotations

import sys

import pytest

from djdesk import app as app_module
from djdesk.paths import AppPaths
from djdesk.services.site.identity import SiteInfo
from djdesk.ui import diagnostics
from djdesk.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _contain_run_gui(monkeypatch: pytest.MonkeyPatch) -> None:
    """run_gui installs process-wide hooks; keep them inside each test."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(diagnostics, "install_qt_message_handler", lambda: None)


def test_a_passed_self_check_says_so(
    paths: AppPaths, site: SiteInfo, capsys: pytest.CaptureFixture[str]
) -> None:
    assert app_module.run_gui(str(paths.data_dir), smoke_test=True) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "自检通过：主窗口已在 offscreen 模式下打开并关闭。"
    assert "自检未通过" not in err


def test_a_failed_self_check_gives_the_reason_and_exit_1(
    paths: AppPaths,
    site: SiteInfo,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(self: MainWindow, *args: object) -> None:
        raise RuntimeError("页面无法创建")

    monkeypatch.setattr(MainWindow, "__init__", broken)
    assert app_module.run_gui(str(paths.data_dir), smoke_test=True) == 1
    out, err = capsys.readouterr()
    assert "自检通过" not in out
    assert "自检未通过：发生意外错误（RuntimeError：页面无法创建）" in err
    assert str(paths.log_file) in err


def test_a_refused_start_is_one_line(paths: AppPaths, capsys: pytest.CaptureFixture[str]) -> None:
    paths.ensure()
    paths.database_file.write_bytes(b"garbage" * 20)
    assert app_module.run_gui(str(paths.data_dir), smoke_test=True) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.strip().startswith("自检未通过：") and err.strip().count("\n") == 0
