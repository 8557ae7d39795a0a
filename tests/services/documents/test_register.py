"""The document register: originals and reprints, reasons, outputs, search, reproduction."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from djdesk.actor import Actor, Role
from djdesk.db.models.documents import DocumentOutput, DocumentRecord
from djdesk.db.session import Database
from djdesk.documents.site.site_sheet import SiteSheet
from djdesk.errors import DjdeskError, NotFoundError, PermissionDeniedError, ValidationError
from djdesk.services.documents import (
    Destination,
    OutputKind,
    PrinterUnavailableError,
    PrintJob,
    RegisterQuery,
    ReprintMark,
    ReprintReasonRequiredError,
    find_by_serial,
    from_payload,
    get_document,
    record_output,
    register_page,
    reprint,
    reprint_count,
    reprint_serial,
    reproduce,
    to_payload,
)
from djdesk.services.site.identity import SiteInfo
from djdesk.services.site.sheet import print_site_sheet
from tests.helpers.pdf_text import flat_text, page_count

ON = date(2026, 11, 23)
CLERK = Actor("wang", "王前台", Role.CLERK, user_id=7)


def sheet(db: Database, tmp_path: Path, name: str = "sheet.pdf") -> tuple[int, str, Path]:
    out = tmp_path / name
    printed = print_site_sheet(db, out, actor=CLERK, on=ON)
    return printed.document_id, printed.serial, out


def test_a_print_is_registered_with_its_output(
    db: Database, site: SiteInfo, tmp_path: Path
) -> None:
    doc_id, serial, out = sheet(db, tmp_path)
    doc = get_document(db, doc_id)
    assert (doc.kind, doc.title, doc.serial) == ("site-sheet", "站点信息表", serial)
    assert (doc.subject_table, doc.subject_label) == ("site", site.name)
    assert doc.copy_number == 0 and doc.mark == "" and doc.reprintable
    assert doc.created_by == "王前台" and doc.pages == page_count(out.read_bytes())
    assert [(o.kind, o.target, o.copies) for o in doc.outputs] == [(OutputKind.FILE, str(out), 1)]
    # the same rendering printed from the preview: one more output, no new rendering
    again = record_output(db, doc_id, Destination.to_printer("前台激光", 2), actor=CLERK)
    assert again.printed_copies == 2 and len(again.outputs) == 2
    with db.reading() as session:
        assert len(list(session.scalars(select(DocumentRecord)))) == 1


def test_reprints_need_a_reason_are_marked_and_counted(
    db: Database, site: SiteInfo, tmp_path: Path
) -> None:
    doc_id, serial, out = sheet(db, tmp_path)
    with pytest.raises(ReprintReasonRequiredError) as refused:
        reprint(db, doc_id, Destination.file(tmp_path / "r.pdf"), actor=CLERK, reason="  ")
    assert refused.value.field == "reason" and serial in refused.value.message
    assert not (tmp_path / "r.pdf").exists()
    first = reprint(
        db, doc_id, Destination.file(tmp_path / "r1.pdf"), actor=CLERK, reason="原件遗失"
    )
    second = reprint_serial(
        db,
        f" {serial} ",
        Destination.file(tmp_path / "r2.pdf"),
        actor=CLERK,
        reason="单位存档",
        mark=ReprintMark.COPY,
    )
    assert (first.document.copy_number, first.document.mark) == (1, "补打")
    assert (second.document.copy_number, second.document.mark) == (2, "副本")
    assert second.document.reason == "单位存档"
    text = flat_text((tmp_path / "r1.pdf").read_bytes())
    assert "补打" in text and "第1次补打" in text and serial in text
    assert "副本" in flat_text((tmp_path / "r2.pdf").read_bytes())
    assert "补打" not in flat_text(out.read_bytes())
    assert reprint_count(db, serial) == 2
    assert [d.copy_number for d in find_by_serial(db, serial)] == [0, 1, 2]
    assert find_by_serial(db, "没有这个编号") == []


def test_reproduce_gives_the_original_back(db: Database, site: SiteInfo, tmp_path: Path) -> None:
    doc_id, _serial, out = sheet(db, tmp_path)
    rebuilt = reproduce(db, doc_id)
    assert flat_text(rebuilt) == flat_text(out.read_bytes())
    assert reproduce(db, doc_id, invariant=True) == reproduce(db, doc_id, invariant=True)


def test_printer_refusal_registers_nothing(db: Database, site: SiteInfo) -> None:
    def offline(content: bytes, job: PrintJob) -> int:
        raise PrinterUnavailableError(f"打印机“{job.printer}”不可用。")

    with pytest.raises(PrinterUnavailableError, match="不可用"):
        print_site_sheet(db, Destination.to_printer("没有的打印机"), actor=CLERK, send=offline)
    with pytest.raises(DjdeskError, match="保存为 PDF"):
        print_site_sheet(db, Destination.to_printer("前台激光"), actor=CLERK)  # no way to print
    with db.reading() as session:
        assert list(session.scalars(select(DocumentRecord))) == []
        assert list(session.scalars(select(DocumentOutput))) == []
    # the serial was given back with the rollback
    assert print_site_sheet(
        db, Destination.to_printer("前台激光"), actor=CLERK, send=lambda c, j: 1
    ).serial.endswith("第001号")


def test_sent_to_a_printer(db: Database, site: SiteInfo) -> None:
    sent: list[tuple[int, PrintJob]] = []
    printed = print_site_sheet(
        db,
        Destination.to_printer("前台激光", copies=3),
        actor=CLERK,
        send=lambda content, job: sent.append((len(content), job)) or 1,
    )
    assert sent[0][1] == PrintJob("前台激光", 3, "站点信息表")
    doc = get_document(db, printed.document_id)
    assert doc.outputs[0].kind == OutputKind.PRINTER and doc.printed_copies == 3
    with pytest.raises(ValidationError, match="份数"):
        record_output(db, doc.id, Destination.to_printer("前台激光", 0), actor=CLERK)


def test_register_page_searches(db: Database, site: SiteInfo, tmp_path: Path) -> None:
    ids = [sheet(db, tmp_path, f"{n}.pdf")[0] for n in range(3)]
    serial = get_document(db, ids[1]).serial
    reprint(db, ids[1], Destination.file(tmp_path / "r.pdf"), actor=CLERK, reason="污损")
    page = register_page(db)
    assert page.total == 4 and page.rows[0].copy_number == 1  # newest first
    assert register_page(db, RegisterQuery(text=serial[-6:])).total == 2
    assert register_page(db, RegisterQuery(text="东风")).total == 4  # the subject's name
    assert register_page(db, RegisterQuery(reprints_only=True)).total == 1
    assert register_page(db, RegisterQuery(kind="checkin-receipt")).total == 0
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date()  # the register's day, not the host's
    assert register_page(db, RegisterQuery(since=today, until=today)).total == 4
    assert register_page(db, RegisterQuery(until=today - timedelta(days=2))).total == 0
    assert len(register_page(db, offset=1, limit=2).rows) == 2


def test_refusals(db: Database, site: SiteInfo, tmp_path: Path) -> None:
    doc_id, _serial, _out = sheet(db, tmp_path)
    with pytest.raises(NotFoundError):
        get_document(db, 999)
    with pytest.raises(NotFoundError, match="XX"):
        reprint_serial(db, "XX", Destination.file(tmp_path / "x.pdf"), actor=CLERK, reason="r")
    viewer = Actor("kan", "查看员", Role.VIEWER)
    with pytest.raises(PermissionDeniedError):
        reprint(db, doc_id, Destination.file(tmp_path / "x.pdf"), actor=viewer, reason="r")


def test_payload_round_trip() -> None:
    data = SiteSheet(
        level="社区",
        code="511502003012",
        name="东风社区",
        short_name="东风",
        serial="东风信〔2026〕第001号",
        issued_on=ON,
        record_counts=(("在职党员", 12), ("驻区单位", 3)),
    )
    text = to_payload(data)
    assert from_payload(SiteSheet, text) == data
    assert to_payload(from_payload(SiteSheet, text)) == text


def test_the_audit_log_records_the_print_without_the_document_text(
    db: Database, site: SiteInfo, tmp_path: Path
) -> None:
    from djdesk.db.models.accounts import AuditEntry

    _doc_id, serial, _out = sheet(db, tmp_path)
    with db.reading() as session:
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.table_name == "document_record")
        ).one()
    assert serial in entry.changes and "payload" not in entry.changes
    assert len(entry.changes) < 2000
