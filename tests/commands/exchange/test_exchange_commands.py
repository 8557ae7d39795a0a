"""``djdesk export / verify / import / keys / communities / report street-…`` end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from djdesk.cli import run
from tests.helpers.exchange import COMMUNITY, STREET, new_site


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    community = new_site(tmp_path / "community", COMMUNITY, members=5, bookings=5, cases=5)
    street = new_site(tmp_path / "street", STREET)
    community.close()
    street.close()
    return tmp_path / "community", tmp_path / "street"


def test_community_to_street_on_the_command_line(
    folders: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    community, street = (f"--data-dir={f}" for f in folders)
    key, package = tmp_path / "c.key", tmp_path / "c-1.zip"
    code, out, _ = _cli(capsys, "keys", "export", "--out", str(key), community)
    assert code == 0 and "指纹" in out
    code, out, _ = _cli(capsys, "export", "--to", str(package), community)
    assert code == 0 and "第 1 号" in out and "全量" in out
    code, out, _ = _cli(capsys, "export", "--list", "--json", community)
    assert code == 0 and json.loads(out)[0]["sequence"] == 1
    code, out, err = _cli(capsys, "verify", str(package), street)
    assert code == 1 and "未在本机登记" in err
    code, out, _ = _cli(capsys, "communities", "add", "--key", str(key), street)
    assert code == 0 and COMMUNITY.code in out
    code, out, _ = _cli(capsys, "verify", str(package), street)
    assert code == 0 and "核验通过" in out
    code, out, _ = _cli(capsys, "import", str(package), "--dry-run", "--json", street)
    plan = json.loads(out)
    assert code == 0 and plan[0]["dry_run"] and not plan[0]["refused"]
    assert sum(t["new"] for t in plan[0]["tables"]) > 0
    code, out, _ = _cli(capsys, "import", str(package), street)
    assert code == 0 and "已新增" in out
    code, out, _ = _cli(capsys, "communities", "list", "--json", street)
    listed = json.loads(out)
    assert listed[0]["code"] == COMMUNITY.code and listed[0]["last_sequence"] == 1
    report = tmp_path / "报到.xlsx"
    code, out, _ = _cli(capsys, "report", "street-checkins", "--out", str(report), street)
    assert code == 0 and report.exists()


def test_import_reports_refusals_with_exit_1(
    folders: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    street = f"--data-dir={folders[1]}"
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"not a package")
    conflicts = tmp_path / "冲突.xlsx"
    code, out, _ = _cli(capsys, "import", str(bad), "--conflicts", str(conflicts), street)
    assert code == 1 and "未导入" in out and "文件已损坏" in out and conflicts.exists()
    code, out, _ = _cli(capsys, "import", str(bad), "--json", street)
    assert code == 1 and json.loads(out)[0]["kind"] == "文件已损坏"


def test_sealed_export_reads_the_passphrase_from_a_file(
    folders: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    community = f"--data-dir={folders[0]}"
    phrase = tmp_path / "口令.txt"
    phrase.write_text("东城街道二〇二六\n", encoding="utf-8")
    package = tmp_path / "c.djx"
    code, out, _ = _cli(
        capsys, "export", "--to", str(package), "--passphrase-file", str(phrase), community
    )
    assert code == 0 and "已加密" in out
    short = tmp_path / "short.txt"
    short.write_text("123\n", encoding="utf-8")
    code, _, err = _cli(
        capsys,
        "export",
        "--to",
        str(tmp_path / "x.djx"),
        "--full",
        "--passphrase-file",
        str(short),
        community,
    )
    assert code == 1 and "口令至少" in err


def test_registering_by_fingerprint_needs_all_three(
    folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    street = f"--data-dir={folders[1]}"
    code, _, err = _cli(capsys, "communities", "add", "--code", COMMUNITY.code, street)
    assert code == 1 and "--fingerprint" in err
    code, out, _ = _cli(
        capsys,
        "communities",
        "add",
        "--code",
        COMMUNITY.code,
        "--name",
        "东风社区",
        "--fingerprint",
        "0123 4567 89ab cdef 0123 4567 89ab cdef",
        street,
    )
    assert code == 0 and "0123-4567-89AB-CDEF" in out
