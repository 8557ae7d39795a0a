"""Paths precedence, settings defaults and tolerance, and masking of personal data in logs."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest

from djdesk.errors import DataDirError
from djdesk.logs import setup_logging
from djdesk.paths import AppPaths, default_data_dir
from djdesk.settings import Settings, load_settings, save_settings
from djdesk.validation.masking import mask_personal_data


def test_data_dir_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DJDESK_DATA_DIR", str(tmp_path / "from-env"))
    assert AppPaths.resolve().data_dir == tmp_path / "from-env"
    assert AppPaths.resolve(tmp_path / "from-arg").data_dir == tmp_path / "from-arg"
    monkeypatch.delenv("DJDESK_DATA_DIR")
    assert AppPaths.resolve().data_dir == default_data_dir()


def test_nothing_created_until_ensure(tmp_path: Path) -> None:
    paths = AppPaths.resolve(tmp_path / "d")
    assert not paths.data_dir.exists()
    paths.ensure()
    assert paths.backup_dir.is_dir() and paths.log_dir.is_dir()
    if os.name == "posix":
        assert paths.data_dir.stat().st_mode & 0o077 == 0


def test_unwritable_data_dir_is_reported(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(DataDirError) as info:
        AppPaths.resolve(blocker / "sub").ensure()
    assert str(blocker / "sub") in info.value.message


def test_settings_defaults_roundtrip_and_bad_values(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    assert load_settings(path) == Settings()
    save_settings(path, Settings().with_changes(idle_lock_minutes=5))
    assert load_settings(path).idle_lock_minutes == 5
    path.write_text(json.dumps({"idle_lock_minutes": "ten", "timezone": 8, "unknown": 1}))
    assert load_settings(path) == Settings()
    path.write_text("{not json")
    assert load_settings(path) == Settings()


def test_masking() -> None:
    text = "身份证 34052419800101001X 手机 13812345678 座机 0831-8221234"
    masked = mask_personal_data(text)
    assert "34052419800101001X" not in masked and "340***********001X" in masked
    assert "13812345678" not in masked and "138****5678" in masked
    assert "0831-8221234" in masked


def test_log_file_never_contains_personal_data(tmp_path: Path) -> None:
    log_file = tmp_path / "logs" / "djdesk.log"
    setup_logging(log_file, stderr=False)
    try:
        logging.getLogger("djdesk.test").warning(
            "member %s phone %s", "34052419800101001X", "13812345678"
        )
    finally:
        for handler in logging.getLogger().handlers:
            handler.flush()
    content = log_file.read_text(encoding="utf-8")
    assert "member 340***********001X phone 138****5678" in content


def test_tracebacks_in_the_log_are_masked_too(tmp_path: Path) -> None:
    log_file = tmp_path / "logs" / "djdesk.log"
    setup_logging(log_file, stderr=False)
    try:
        raise ValueError("bad id 511502198001011234")
    except ValueError:
        logging.getLogger("djdesk.test").exception("import failed")
    for handler in logging.getLogger().handlers:
        handler.flush()
    content = log_file.read_text(encoding="utf-8")
    assert "ValueError" in content and "511502198001011234" not in content
