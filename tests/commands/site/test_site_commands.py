"""``djdesk site show|set`` and ``djdesk print site-sheet``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from djdesk.cli import run
from djdesk.paths import AppPaths
from djdesk.services.exchange.keys import private_key_path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


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
    assert not private_key_path(paths).exists()  # nothing set up for a refused identity
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
    # Set-up makes the site's signing key pair, so its key file can go to the street at once.
    assert "已生成本机签名密钥（指纹 " in out
    key = private_key_path(paths).read_bytes()
    code, out, _ = _run(capsys, "keys", "show")
    assert code == 0 and "本机公钥指纹" in out
    assert private_key_path(paths).read_bytes() == key  # the set-up key, not a new one
    code, out, _ = _run(capsys, "site", "show", "--json")
    shown = json.loads(out)
    assert shown["phone"] == "0831-8221234" and shown["district_code"] == "511502"
    code, out, _ = _run(capsys, "site", "set", "--phone", "13912345678")
    assert code == 0 and "签名密钥" not in out  # saved again: the key stays as it is
    assert private_key_path(paths).read_bytes() == key
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
