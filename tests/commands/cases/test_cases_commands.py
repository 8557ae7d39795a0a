"""``djdesk catalog …``, ``cases …``, ``print certificate`` and ``report cases``: exit codes,
output and files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from djdesk import cli
from djdesk.commands import printing as command_printing
from djdesk.paths import AppPaths
from djdesk.services.documents import PrintJob, SendToPrinter
from djdesk.services.site.identity import SiteInfo
from djdesk.services.store import Database
from tests.helpers.cases_data import VALID_ID, catalog_v2, write_catalog
from tests.helpers.pdf_text import flat_text


@pytest.fixture
def ready(paths: AppPaths, db: Database, site: SiteInfo) -> AppPaths:
    db.dispose()  # the commands open the database themselves
    return paths


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_catalog_show_and_load(
    ready: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "catalog", "show", "--json")
    data = json.loads(out)
    assert code == 0 and data["counts"] == {
        "保留社区工作事项": 34,
        "协助政府工作事项": 37,
        "依法证明事项": 22,
    }
    assert data["header"]["sample"] is True and len(data["items"]) == 93
    file = write_catalog(tmp_path, catalog_v2())
    code, out, _ = run(capsys, "catalog", "load", str(file), "--dry-run")
    assert code == 0 and out.startswith("将载入第 2 版目录") and "停用 ZZ-34" in out
    code, out, _ = run(capsys, "catalog", "load", str(file))
    assert code == 0 and out.startswith("已载入第 2 版目录")
    code, _, err = run(capsys, "catalog", "load", str(file))
    assert code == 1 and "与在用的第 2 版相同" in err
    code, out, _ = run(capsys, "catalog", "diff", "1", "2")
    assert code == 0 and "新增 ZZ-35 社区微更新议事" in out
    code, out, _ = run(capsys, "catalog", "show")
    assert "ZZ-34" in out and "［已停用］" in out


def test_register_print_verify_void(
    ready: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["cases", "add", "--item", "zm1", "--applicant", "张三", "--id-number", VALID_ID]
    argv += ["--handler", "李四", "--facts", "自2019年3月起在本社区居住", "--json"]
    code, out, err = run(capsys, *argv)
    assert code == 0, err
    done = json.loads(out)
    assert done["certificate_serial"].endswith("居证〔" + done["check_line"][18:22] + "〕第001号")
    pdf = tmp_path / "c.pdf"
    code, out, _ = run(
        capsys, "print", "certificate", "--case", str(done["case_id"]), "--out", str(pdf)
    )
    assert code == 0 and "（正本）" in out and "居住证明" in flat_text(pdf.read_bytes())
    code, _, err = run(
        capsys, "print", "certificate", "--case", str(done["case_id"]), "--out", str(pdf)
    )
    assert code == 1 and "再次打印属于补打，须填写补打原因" in err
    again = ["print", "certificate", "--case", str(done["case_id"]), "--out", str(pdf)]
    code, out, _ = run(capsys, *again, "--reason", "原件遗失")
    assert code == 0 and "（第 1 次补打）" in out and "第1次补打" in flat_text(pdf.read_bytes())
    code, out, _ = run(capsys, "cases", "verify", done["check_line"])
    assert code == 0 and out.startswith("有效：")
    tampered = done["check_line"][:-1] + ("A" if done["check_line"][-1] != "A" else "B")
    code, out, _ = run(capsys, "cases", "verify", tampered)
    assert code == 1 and out.startswith("校验码不符：")
    code, out, _ = run(
        capsys, "cases", "void", "--case", done["certificate_serial"], "--reason", "写错"
    )
    assert code == 0 and "已作废" in out
    code, out, _ = run(capsys, "cases", "verify", done["check_line"], "--json")
    assert code == 1 and json.loads(out)["status"] == "已作废"
    code, out, _ = run(
        capsys, "print", "certificate", "--case", str(done["case_id"]), "--out", str(pdf)
    )
    assert code == 0 and "（第 2 次副本）" in out and "已作废：写错" in flat_text(pdf.read_bytes())


def test_print_certificate_on_a_printer(
    ready: AppPaths, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    sent: list[tuple[bytes, PrintJob]] = []

    def fake(paths: AppPaths) -> SendToPrinter:
        return lambda content, job: sent.append((content, job)) or 1

    monkeypatch.setattr(command_printing, "printer_sender", fake)
    argv = ["cases", "add", "--item", "ZM-01", "--applicant", "张三", "--id-number", VALID_ID]
    argv += ["--handler", "李四", "--facts", "自2019年3月起在本社区居住", "--json"]
    done = json.loads(run(capsys, *argv)[1])
    case = str(done["case_id"])
    code, out, _ = run(capsys, "print", "certificate", "--case", case, "--printer", "前台")
    assert code == 0 and "（正本）已送打印机“前台”（1 份）" in out
    assert sent[0][1] == PrintJob("前台", 1, "居住证明") and sent[0][0][:5] == b"%PDF-"
    argv = ["print", "certificate", "--case", case, "--printer", "前台", "--copies", "2"]
    code, out, _ = run(capsys, *argv, "--reason", "卡纸")
    assert code == 0 and "第 1 次补打" in out and sent[1][1].copies == 2
    code, _, err = run(
        capsys, "print", "certificate", "--case", case, "--copies", "2", "--out", "x.pdf"
    )
    assert code == 1 and "--copies 只能与 --printer 一起使用" in err


def test_refusals_name_the_field(ready: AppPaths, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "cases", "add", "--item", "FM-05", "--handler", "李四")
    assert code == 1 and "民发〔2020〕20号" in err
    code, _, err = run(
        capsys,
        "cases",
        "add",
        "--item",
        "ZM-01",
        "--handler",
        "李四",
        "--applicant",
        "张三",
        "--id-number",
        "340524198001010013",
    )
    assert code == 1 and "公民身份号码：校验位不正确" in err
    code, _, err = run(capsys, "cases", "add", "--handler", "李四")
    assert code == 1 and "--outside" in err
    code, _, err = run(capsys, "cases", "verify", "hello")
    assert code == 1 and "不是证明上的验证码" in err


def test_reports(ready: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for kind in ("cases", "certificate-register"):
        out_file = tmp_path / f"{kind}.pdf"
        code, out, _ = run(capsys, "report", kind, "--period", "2026-Q4", "--out", str(out_file))
        assert code == 0 and "2026年第四季度" in out and out_file.exists()
    code, _, err = run(
        capsys, "report", "cases", "--period", "2026-13", "--out", str(tmp_path / "x.xlsx")
    )
    assert code == 1 and "无法识别" in err
