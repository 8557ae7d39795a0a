"""``djdesk agreements list``, ``djdesk template export|import`` and the print kinds
``agreement``, ``responsibility`` and ``contact-card`` (to a file, or a printer)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from djdesk.actor import Actor
from djdesk.cli import run
from djdesk.commands import printing as command_printing
from djdesk.db.session import Database
from djdesk.paths import AppPaths
from djdesk.services.agreements.records import create_agreement
from djdesk.services.checkin.units import UnitInfo, save_unit
from djdesk.services.documents import PrintJob, SendToPrinter, find_by_serial
from djdesk.services.site.identity import SiteInfo
from tests.helpers.pdf_text import flat_text, page_count
from tests.services.agreements.conftest import FULL_UNIT, agreement_input, responsibility_input


@pytest.fixture
def unit(db: Database, site: SiteInfo) -> UnitInfo:
    return save_unit(db, FULL_UNIT, actor=Actor.system())


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_print_agreement_pdf_docx_and_reprint(
    db: Database, unit: UnitInfo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    agreement = create_agreement(db, agreement_input(unit.id), actor=Actor.system())
    out = tmp_path / "协议.pdf"
    code, text, _ = _run(capsys, "print", "agreement", "--id", str(agreement.id), "--out", str(out))
    assert code == 0 and "共驻共建协议书（编号 东风社区共建〔2026〕第001号）已保存" in text
    assert "东风社区共建〔2026〕第001号" in flat_text(out.read_bytes())
    code, _, err = _run(capsys, "print", "agreement", "--id", str(agreement.id), "--out", str(out))
    assert code == 1 and "须填写补打原因" in err
    code, text, _ = _run(
        capsys,
        "print",
        "agreement",
        "--id",
        str(agreement.id),
        "--out",
        str(tmp_path / "b.pdf"),
        "--reason",
        "原件遗失",
        "--json",
    )
    assert code == 0 and json.loads(text)["copy_number"] == 1
    code, text, _ = _run(
        capsys, "print", "agreement", "--id", str(agreement.id), "--out", str(tmp_path / "c.docx")
    )
    assert code == 0 and (tmp_path / "c.docx").read_bytes()[:2] == b"PK"
    serial = "东风社区共建〔2026〕第001号"
    assert sorted((d.file_format.value, d.copy_number) for d in find_by_serial(db, serial)) == [
        ("docx", 0),
        ("pdf", 0),
        ("pdf", 1),
    ]


def test_print_refusals(
    db: Database, unit: UnitInfo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = create_agreement(db, responsibility_input(unit.id), actor=Actor.system())
    code, _, err = _run(capsys, "print", "agreement", "--id", str(book.id), "--out", "x.pdf")
    assert code == 1 and "请用 djdesk print responsibility" in err
    code, _, err = _run(capsys, "print", "responsibility", "--id", str(book.id), "--out", "x.xlsx")
    assert code == 1 and "必须以 .pdf 或 .docx 结尾" in err
    code, _, err = _run(
        capsys, "print", "responsibility", "--id", str(book.id), "--out", "x.pdf", "--copies", "2"
    )
    assert code == 1 and "--copies 只能与 --printer 一起使用" in err
    code, _, err = _run(capsys, "print", "responsibility", "--id", "999", "--out", "x.pdf")
    assert code == 1 and "找不到编号为 999 的协议记录" in err
    code, text, _ = _run(
        capsys, "print", "responsibility", "--id", str(book.id), "--out", str(tmp_path / "r.pdf")
    )
    assert code == 0 and "区域化党建目标责任书（编号 东风社区责〔2026〕第001号）" in text


def test_contact_cards(unit: UnitInfo, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blank = tmp_path / "空白.pdf"
    code, text, _ = _run(capsys, "print", "contact-card", "--blank", "--out", str(blank))
    assert code == 0 and "党群连心卡（空白）已保存" in text and page_count(blank.read_bytes()) == 1
    filled = tmp_path / "医院.pdf"
    code, text, _ = _run(
        capsys, "print", "contact-card", "--unit", "人民医院", "--out", str(filled)
    )
    assert code == 0 and FULL_UNIT.name in text
    assert FULL_UNIT.liaison_phone in flat_text(filled.read_bytes())
    code, _, err = _run(capsys, "print", "contact-card", "--out", str(filled))
    assert code == 1 and "--blank 打印空白卡" in err
    code, _, err = _run(capsys, "print", "contact-card", "--blank", "--unit", "x", "--out", "y.pdf")
    assert code == 1 and "不能同时指定" in err
    code, _, err = _run(capsys, "print", "contact-card", "--unit", "没有的单位", "--out", "y.pdf")
    assert code == 1 and "没有名称包含“没有的单位”的在册单位" in err


def test_printing_to_a_printer(
    db: Database,
    unit: UnitInfo,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    sent: list[tuple[bytes, PrintJob]] = []

    def fake(paths: AppPaths) -> SendToPrinter:
        return lambda content, job: sent.append((content, job)) or 1

    monkeypatch.setattr(command_printing, "printer_sender", fake)
    agreement = create_agreement(db, agreement_input(unit.id), actor=Actor.system())
    code, text, _ = _run(
        capsys,
        "print",
        "agreement",
        "--id",
        str(agreement.id),
        "--printer",
        "前台",
        "--copies",
        "2",
    )
    assert code == 0 and "已送打印机“前台”（2 份）" in text
    assert sent[0][1] == PrintJob("前台", 2, "共驻共建协议书") and sent[0][0][:5] == b"%PDF-"
    code, text, _ = _run(capsys, "print", "site-sheet", "--printer", "前台")
    assert code == 0 and "站点信息表（编号 东风社区信〔" in text and sent[1][1].printer == "前台"
    argv = ["print", "agreement", "--id", str(agreement.id), "--printer", "前台", "--out", "x.pdf"]
    with pytest.raises(SystemExit) as usage:
        run(argv)
    assert usage.value.code == 2
    assert "参数 --out：不能与参数 --printer 同时使用" in capsys.readouterr().err


def test_an_unavailable_printer_through_the_print_process(
    unit: UnitInfo, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "print", "contact-card", "--blank", "--printer", "不存在的打印机")
    assert code == 1 and "找不到打印机“不存在的打印机”" in err and "未登记为已打印" in err


def test_agreements_list(
    db: Database, unit: UnitInfo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, text, _ = _run(capsys, "agreements", "list", "--expiring")
    assert code == 0 and "30 天内没有到期的协议" in text
    create_agreement(db, agreement_input(unit.id), actor=Actor.system())
    code, text, _ = _run(capsys, "agreements", "list")
    assert code == 0 and "（未编号）" in text and FULL_UNIT.name in text and "共 1 份" in text
    code, text, _ = _run(capsys, "agreements", "list", "--status", "草稿", "--json")
    rows = json.loads(text)
    assert rows[0]["status"] == "草稿" and rows[0]["unit"] == FULL_UNIT.name
    code, text, _ = _run(capsys, "agreements", "list", "--status", "已签订")
    assert "没有符合条件的协议" in text


def test_template_export_and_import(
    site: SiteInfo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "协议模板.json"
    code, text, _ = _run(capsys, "template", "export", "agreement", str(path))
    assert code == 0 and "已导出共驻共建协议书模板第 1 版" in text
    raw = json.loads(path.read_text("utf-8"))
    raw["sections"][2]["clauses"][0] = "双方坚持{甲方名称}和{乙方名称}共同进步。"
    path.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    code, text, _ = _run(capsys, "template", "import", "agreement", str(path), "--note", "修订原则")
    assert code == 0 and "第 2 版" in text
    raw["sections"][2]["clauses"][0] = "双方坚持{甲方全称}。"
    raw["sections"][8]["clauses"] = []
    path.write_text(json.dumps(raw, ensure_ascii=False), "utf-8")
    code, _, err = _run(capsys, "template", "import", "agreement", str(path))
    assert code == 1 and "模板未保存" in err
    assert "未知的占位符 {甲方全称}" in err and "“协议期限”：这一节是必需的，不能为空" in err
    code, _, err = _run(capsys, "template", "import", "contact-card", str(path))
    assert code == 1 and "不是党群连心卡（contact-card）的模板" in err
    code, text, _ = _run(capsys, "template", "export", "agreement", str(path), "--version", "1")
    assert code == 0 and "第 1 版" in text
    code, _, err = _run(capsys, "template", "export", "agreement", str(path), "--version", "7")
    assert code == 1 and "没有第 7 版" in err
