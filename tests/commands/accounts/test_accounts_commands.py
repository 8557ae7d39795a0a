"""``djdesk backup``, ``restore``, ``users`` and the single-writer lock from the command line."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from djdesk.cli import run
from djdesk.instance import InstanceLock
from djdesk.paths import AppPaths


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def demo(paths: AppPaths, capsys: pytest.CaptureFixture[str]) -> AppPaths:
    assert _run(capsys, "demo", "--seed", "0")[0] == 0
    return paths


def test_backup_list_and_restore(demo: AppPaths, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "backup", "--json")
    assert code == 0
    first = json.loads(out)
    assert Path(first["file"]).exists() and len(first["sha256"]) == 64
    _run(capsys, "site", "set", "--address", "新地址2号")
    code, out, _ = _run(capsys, "backup", "--list", "--json")
    assert [b["reason"] for b in json.loads(out)] == ["manual"]
    code, out, _ = _run(capsys, "restore", first["file"], "--yes", "--json")
    assert code == 0, out
    restored = json.loads(out)
    assert Path(restored["safety_backup"]).exists()
    code, out, _ = _run(capsys, "site", "show", "--json")
    assert json.loads(out)["address"] != "新地址2号"


def test_backup_to_file(demo: AppPaths, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "usb" / "djdesk-copy.sqlite3"
    code, _, err = _run(capsys, "backup", "--to", str(target))
    assert code == 1 and "不存在" in err
    target.parent.mkdir()
    assert _run(capsys, "backup", "--to", str(target))[0] == 0
    assert target.exists() and target.with_suffix(".json").exists()
    code, _, err = _run(capsys, "backup", "--to", str(target))
    assert code == 1 and "已存在" in err


def test_restore_refuses_garbage(
    demo: AppPaths, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"hello" * 100)
    code, _, err = _run(capsys, "restore", str(junk), "--yes")
    assert code == 1 and str(junk) in err


def test_users_add_reset_list(
    demo: AppPaths, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("counter2026\n"))
    assert (
        _run(
            capsys,
            "users",
            "add",
            "admin",
            "--name",
            "王管理",
            "--role",
            "管理员",
            "--password-stdin",
        )[0]
        == 0
    )
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    code, _, err = _run(capsys, "users", "reset-password", "admin", "--password-stdin")
    assert code == 1 and "至少 8 位" in err
    monkeypatch.setattr("sys.stdin", io.StringIO("another2026\n"))
    assert _run(capsys, "users", "reset-password", "admin", "--password-stdin")[0] == 0
    code, out, _ = _run(capsys, "users", "list", "--json")
    assert [u["username"] for u in json.loads(out)] == ["admin"]


def test_write_commands_refused_while_locked(
    demo: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    with InstanceLock(demo.data_dir):
        code, _, err = _run(capsys, "site", "set", "--phone", "13912345678")
        assert code == 1 and "正被另一个 djdesk" in err
        code, _, _ = _run(capsys, "site", "show")  # reading is fine
        assert code == 0
    assert _run(capsys, "site", "set", "--phone", "13912345678")[0] == 0
