"""``djdesk demo``: deterministic, sized by the areas' options, never added twice by accident."""

from __future__ import annotations

import json

import pytest

from djdesk.cli import run
from djdesk.commands.demo import ALREADY_THERE
from djdesk.paths import AppPaths
from djdesk.services.exchange.keys import private_key_path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_demo_is_deterministic_and_keeps_an_existing_site(
    paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "demo", "--seed", "2", "--json")
    assert code == 0
    first = json.loads(out)
    assert first["site_created"] is True
    assert private_key_path(paths).is_file()  # the demo site is set up like any other
    code, out, _ = _run(capsys, "demo", "--seed", "0", "--json")
    assert code == 0 and json.loads(out) == {"skipped": True}  # the demo is not added twice
    code, out, _ = _run(capsys, "demo", "--seed", "0", "--again", "--json")
    second = json.loads(out)
    assert second["site_created"] is False and second["site"] == first["site"]
    assert second["member"] == 200


def test_a_second_demo_is_skipped_with_a_chinese_message(
    paths: AppPaths, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "demo", "--members", "3")
    assert code == 0 and "已创建演示站点" in out and "在职党员：3" in out
    code, out, _ = _run(capsys, "demo", "--members", "3")
    assert code == 0 and out.strip() == ALREADY_THERE
    code, out, _ = _run(capsys, "info", "--json")
    assert json.loads(out)["record_counts"]["member"] == 3


def test_negative_size_is_refused(paths: AppPaths, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "demo", "--members", "-1")
    assert code == 1 and "--members 不能为负数" in err
    assert not paths.database_file.exists()
