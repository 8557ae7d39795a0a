"""Printing agreements, responsibility books and 党群连心卡: every filled value and section read
back from the PDF, the Word copy with the same words, the register, refusals, previews."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import select

from djdesk.actor import Actor
from djdesk.db.models.documents import DocumentRecord
from djdesk.db.models.serials import IssuedSerial
from djdesk.db.session import Database
from djdesk.errors import DjdeskError
from djdesk.services.agreements.cards import print_contact_card
from djdesk.services.agreements.printing import preview_agreement, print_agreement
from djdesk.services.agreements.records import (
    create_agreement,
    get_agreement,
    terminate_agreement,
)
from djdesk.services.checkin.units import UnitInfo
from djdesk.services.documents import (
    Destination,
    DocumentFormat,
    PrinterUnavailableError,
    PrintJob,
    ReprintReasonRequiredError,
    find_by_serial,
    get_document,
)
from tests.helpers.pdf_text import flat_text, page_count
from tests.services.agreements.conftest import (
    FULL_UNIT,
    TODAY,
    agreement_input,
    responsibility_input,
)

SYSTEM = Actor.system()
SITE_ORG = "中共宜宾市翠屏区东城街道东风社区委员会"


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "".join("".join(parts).split())


def test_agreement_pdf_has_every_value_and_section(
    db: Database, unit: UnitInfo, tmp_path: Path
) -> None:
    agreement = create_agreement(db, agreement_input(unit.id), actor=SYSTEM)
    out = tmp_path / "协议.pdf"
    printed = print_agreement(db, agreement.id, Destination.file(out), actor=SYSTEM, today=TODAY)
    pdf = out.read_bytes()
    text = flat_text(pdf)
    assert printed.serial == "东风社区共建〔2026〕第001号" and page_count(pdf) >= 3
    values = (
        "共驻共建协议书",
        f"编号：{printed.serial}",
        SITE_ORG,
        "宜宾市翠屏区东城街道东风社区",
        "宜宾市翠屏区东风路88号",
        "王书记",
        "李联络",
        "0831-8221234",
        FULL_UNIT.party_org,
        FULL_UNIT.name,
        FULL_UNIT.address,
        FULL_UNIT.secretary,
        FULL_UNIT.liaison_name,
        FULL_UNIT.liaison_phone,
        "每年认领社区服务项目不少于3个",
        "每年参加社区活动不少于6次",
        "向社区开放多功能厅、停车场",
        "每季度召开一次",
        "三年，自2026年1月1日起至2028年12月31日止",
        "一式三份，甲乙双方各执一份，一份报东城街道党工委备案",
        "甲方（盖章）：",
        "乙方（盖章）：",
        "负责人（签字）：",
    )
    for value in values:
        assert value in text, value
    headings = (
        "一、共建依据与目的",
        "二、共建原则",
        "三、共建内容",
        "四、甲方的权利和义务",
        "五、乙方的权利和义务",
        "六、工作机制",
        "七、考核评价",
        "八、协议期限",
        "九、其他",
        "十、协议份数与生效",
    )
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)
    for item in ("组织共建", "阵地共用", "活动共办", "资源共享", "服务共做", "治理共商"):
        assert item in text
    assert text.count("√") >= 3
    # no 三张清单 exist yet: the annex is left out, not printed blank
    assert "三张清单" not in text and "附件" not in text


def test_responsibility_book_pdf(db: Database, unit: UnitInfo, tmp_path: Path) -> None:
    book = create_agreement(db, responsibility_input(unit.id), actor=SYSTEM)
    out = tmp_path / "责任书.pdf"
    printed = print_agreement(db, book.id, Destination.file(out), actor=SYSTEM, today=TODAY)
    text = flat_text(out.read_bytes())
    assert printed.serial == "东风社区责〔2026〕第001号"
    for value in (
        "区域化党建目标责任书",
        "2026年度共驻共建目标",
        "双方党组织之间自愿作出的相互承诺",
        "不是对社区下达的行政任务",
        "围绕组织共建和服务群众完成年度目标任务。",
        "共3项，总分100分",
        "参加社区党建联席会议",
        "全年不少于4次",
        "每季度",
        "报到率100%",
        "3月31日前",
        "认领社区微心愿",
        "合计",
        "一、责任主体",
        "四、考核办法",
        "五、结果运用",
        "2026年1月1日至2026年12月31日",
        "一式两份，甲乙双方各执一份",
    ):
        assert value in text, value


def test_word_copy_has_the_same_words(db: Database, unit: UnitInfo, tmp_path: Path) -> None:
    agreement = create_agreement(db, agreement_input(unit.id), actor=SYSTEM)
    pdf_out, docx_out = tmp_path / "a.pdf", tmp_path / "a.docx"
    first = print_agreement(
        db,
        agreement.id,
        Destination.file(docx_out),
        actor=SYSTEM,
        file_format=DocumentFormat.DOCX,
        today=TODAY,
    )
    second = print_agreement(db, agreement.id, Destination.file(pdf_out), actor=SYSTEM, today=TODAY)
    assert first.serial == second.serial and first.copy_number == second.copy_number == 0
    word = docx_text(docx_out.read_bytes())
    pdf = flat_text(pdf_out.read_bytes())
    for piece in (
        "八、协议期限",
        "1．本协议期限为三年",
        FULL_UNIT.party_org,
        first.serial,
        "五、乙方的权利和义务",
        "3．每年认领社区服务项目不少于3个",
    ):
        assert piece in word and piece in pdf, piece
    doc = Document(io.BytesIO(docx_out.read_bytes()))
    fonts = doc.styles["Normal"].element.xml
    assert 'w:eastAsia="宋体"' in fonts
    assert get_document(db, first.document_id).file_format == DocumentFormat.DOCX


def test_reprints_are_counted_and_marked(db: Database, unit: UnitInfo, tmp_path: Path) -> None:
    agreement = create_agreement(db, agreement_input(unit.id), actor=SYSTEM)
    print_agreement(db, agreement.id, Destination.file(tmp_path / "1.pdf"), actor=SYSTEM)
    with pytest.raises(ReprintReasonRequiredError):
        print_agreement(db, agreement.id, Destination.file(tmp_path / "2.pdf"), actor=SYSTEM)
    again = print_agreement(
        db, agreement.id, Destination.file(tmp_path / "2.pdf"), actor=SYSTEM, reason="盖章时污损"
    )
    assert again.copy_number == 1 and "第1次补打" in flat_text((tmp_path / "2.pdf").read_bytes())
    terminate_agreement(db, agreement.id, TODAY, "单位撤销", actor=SYSTEM)
    third = print_agreement(
        db, agreement.id, Destination.file(tmp_path / "3.pdf"), actor=SYSTEM, reason="存档"
    )
    assert third.copy_number == 2
    assert "已终止" in flat_text((tmp_path / "3.pdf").read_bytes())
    assert [d.copy_number for d in find_by_serial(db, again.serial)] == [0, 1, 2]


def test_printer_refusal_takes_no_number(db: Database, unit: UnitInfo) -> None:
    agreement = create_agreement(db, agreement_input(unit.id), actor=SYSTEM)

    def offline(content: bytes, job: PrintJob) -> int:
        raise PrinterUnavailableError(f"打印机“{job.printer}”已停用。")

    with pytest.raises(PrinterUnavailableError, match="已停用"):
        print_agreement(
            db, agreement.id, Destination.to_printer("前台", 2), actor=SYSTEM, send=offline
        )
    assert get_agreement(db, agreement.id).serial == ""
    with db.reading() as session:
        assert session.scalars(select(DocumentRecord)).first() is None
        assert session.scalars(select(IssuedSerial)).first() is None
    sent: list[PrintJob] = []
    printed = print_agreement(
        db,
        agreement.id,
        Destination.to_printer("前台", 2),
        actor=SYSTEM,
        send=lambda content, job: sent.append(job) or 4,
    )
    assert sent == [PrintJob("前台", 2, "共驻共建协议书")] and printed.path is None
    assert get_document(db, printed.document_id).printed_copies == 2
    with pytest.raises(DjdeskError, match="Word 文档不能直接送打印机"):
        print_agreement(
            db,
            agreement.id,
            Destination.to_printer("前台"),
            actor=SYSTEM,
            file_format=DocumentFormat.DOCX,
            send=offline,
        )


def test_preview_is_a_draft_and_not_registered(db: Database, unit: UnitInfo) -> None:
    agreement = create_agreement(db, agreement_input(unit.id), actor=SYSTEM)
    text = flat_text(preview_agreement(db, agreement.id))
    assert "草稿" in text and "编号：" not in text and FULL_UNIT.name in text
    with db.reading() as session:
        assert session.scalars(select(DocumentRecord)).first() is None


def test_contact_cards(db: Database, unit: UnitInfo, tmp_path: Path) -> None:
    blank = print_contact_card(db, Destination.file(tmp_path / "blank.pdf"), actor=SYSTEM)
    pdf = (tmp_path / "blank.pdf").read_bytes()
    text = flat_text(pdf)
    assert page_count(pdf) == 1 and blank.unit_name == ""
    items = ("问题调查", "工作建议", "党建资源", "服务需求", "共建项目", "志愿服务", "办理反馈")
    for item in items:
        assert text.count(item) >= 2, item  # two cards on the sheet
    assert "第一联社区留存" in text and "第二联单位留存" in text and FULL_UNIT.name not in text
    agreement = create_agreement(db, agreement_input(unit.id), actor=SYSTEM)
    filled = print_contact_card(
        db,
        Destination.file(tmp_path / "filled.pdf"),
        actor=SYSTEM,
        agreement_id=agreement.id,
        answers={"党建资源": "可开放多功能厅"},
    )
    text = flat_text((tmp_path / "filled.pdf").read_bytes())
    assert text.count(FULL_UNIT.party_org) == 2 and text.count("可开放多功能厅") == 2
    assert FULL_UNIT.liaison_phone in text and "李联络" in text
    doc = get_document(db, filled.document_id)
    assert doc.subject_label == FULL_UNIT.name and doc.serial == "" and doc.template_version == "1"
    with pytest.raises(DjdeskError, match="没有这些项"):
        print_contact_card(
            db, Destination.file(tmp_path / "x.pdf"), actor=SYSTEM, answers={"第八项": "x"}
        )


def test_card_answers_must_fit(db: Database, unit: UnitInfo, tmp_path: Path) -> None:
    with pytest.raises(DjdeskError, match="最多填 80 个字，“工作建议”超出了"):
        print_contact_card(
            db,
            Destination.file(tmp_path / "x.pdf"),
            actor=SYSTEM,
            unit_id=unit.id,
            answers={"工作建议": "多" * 81},
        )
    assert not (tmp_path / "x.pdf").exists()
