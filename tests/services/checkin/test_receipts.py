"""Printing the 报到回执: content from the database, the check-in's own serial, refusals, audit."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from djdesk.actor import Actor, Role
from djdesk.db.models.accounts import AuditEntry
from djdesk.db.models.checkin import CheckIn
from djdesk.db.session import Database
from djdesk.errors import DjdeskError, NotFoundError, PermissionDeniedError
from djdesk.services.checkin.receipts import find_member_id, print_receipt, receipt_data
from djdesk.services.documents import ReprintReasonRequiredError, reprint_count, reproduce
from djdesk.services.site.identity import SiteInfo
from tests.helpers.pdf_text import flat_text, page_count
from tests.services.checkin.test_reports import SmallData, build_small_data, id_number

ON = date(2026, 11, 23)


@pytest.fixture
def small(db: Database, site: SiteInfo) -> SmallData:
    return build_small_data(db)


def serial_of(db: Database, member_id: int) -> str:
    with db.reading() as session:
        stmt = select(CheckIn.serial).where(CheckIn.member_id == member_id)
        return str(session.scalar(stmt))


def test_receipt_data_from_the_database(db: Database, small: SmallData) -> None:
    data = receipt_data(db, small.members["甲一"], on=ON)
    assert data.party_org == "中共宜宾市翠屏区东城街道东风社区委员会"
    assert data.serial == serial_of(db, small.members["甲一"])
    assert (data.name, data.unit_name, data.branch) == ("甲一", "甲单位", "中共甲单位支部")
    assert data.posts == ("政策宣传", "治安巡逻")
    assert (data.grid_name, data.grid_leader, data.grid_phone) == (
        "东风一网格",
        "张网格",
        "13800001111",
    )
    assert data.id_tail == id_number(1)[-4:] and data.id_masked.startswith("511***")
    assert data.mobile_masked == "138****0001"
    assert (data.received_by, data.handled_by) == ("李接收", "")  # a CLI run signs by hand
    clerk = Actor("wang", "王前台", Role.CLERK, user_id=7)
    assert receipt_data(db, small.members["甲一"], actor=clerk).handled_by == "王前台"


def test_print_receipt_writes_pdf_and_audits(
    db: Database, small: SmallData, tmp_path: Path
) -> None:
    member = small.members["乙一"]
    with db.reading() as session:
        checkins_before = session.scalar(select(func.count()).select_from(CheckIn))
    out = tmp_path / "回执.pdf"
    printed = print_receipt(db, member, out, actor=Actor.system(), on=ON)
    assert printed.serial == serial_of(db, member) and printed.name == "乙一"
    pdf = out.read_bytes()
    text = flat_text(pdf)
    assert page_count(pdf) == 1
    for piece in (
        "中共宜宾市翠屏区东城街道东风社区委员会",
        f"编号：{printed.serial}",
        "乙一同志",
        "工作单位：乙单位",
        "认领法律服务岗位",
        "编入东风一网格（网格长张网格",
        "511***********" + id_number(5)[-4:],
        "宜宾市翠屏区东城街道东风社区",
    ):
        assert piece in text, piece
    assert id_number(5) not in text
    # printing again gives the same number (no serial is allocated at print time); it is a
    # 补打: refused without a reason, then marked on the page and counted in the register
    with pytest.raises(ReprintReasonRequiredError, match="补打原因"):
        print_receipt(db, member, tmp_path / "again.pdf", actor=Actor.system(), on=ON)
    assert not (tmp_path / "again.pdf").exists()
    again = print_receipt(
        db, member, tmp_path / "again.pdf", actor=Actor.system(), on=ON, reprint_reason="卡纸"
    )
    assert again.serial == printed.serial
    assert "补打" in flat_text((tmp_path / "again.pdf").read_bytes())
    assert "补打" not in text
    assert reprint_count(db, printed.serial) == 1
    with db.reading() as session:
        assert session.scalar(select(func.count()).select_from(CheckIn)) == checkins_before
        entries = list(session.scalars(select(AuditEntry).where(AuditEntry.action == "print")))
    assert len(entries) == 2
    assert entries[0].table_name == "checkin" and printed.serial in entries[0].summary


def test_moved_out_member_is_refused(db: Database, small: SmallData, tmp_path: Path) -> None:
    out = tmp_path / "x.pdf"
    with pytest.raises(DjdeskError, match="迁出") as caught:
        print_receipt(db, small.members["甲四"], out, actor=Actor.system())
    assert "2025-08-01" in caught.value.message
    assert not out.exists()


def test_unknown_member_and_viewer_are_refused(
    db: Database, small: SmallData, tmp_path: Path
) -> None:
    with pytest.raises(NotFoundError):
        print_receipt(db, 9999, tmp_path / "x.pdf", actor=Actor.system())
    viewer = Actor("kan", "查看员", Role.VIEWER)
    with pytest.raises(PermissionDeniedError):
        print_receipt(db, small.members["甲一"], tmp_path / "y.pdf", actor=viewer)
    assert not (tmp_path / "y.pdf").exists()


def test_invariant_print_is_byte_stable(db: Database, small: SmallData, tmp_path: Path) -> None:
    member = small.members["甲二"]
    first = print_receipt(
        db, member, tmp_path / "1.pdf", actor=Actor.system(), on=ON, invariant=True
    )
    assert first.path is not None
    # the register rebuilds the original from the data it was printed with, byte for byte
    assert reproduce(db, first.document_id, invariant=True) == first.path.read_bytes()


def test_find_member_by_id_or_id_number(db: Database, small: SmallData) -> None:
    member = small.members["甲三"]
    assert find_member_id(db, str(member)) == member
    assert find_member_id(db, id_number(3)) == member
    assert find_member_id(db, f" {id_number(3).lower()} ") == member
    with pytest.raises(NotFoundError, match="9999"):
        find_member_id(db, "9999")
    with pytest.raises(NotFoundError):
        find_member_id(db, id_number(42))
    with pytest.raises(DjdeskError, match="公民身份号码"):
        find_member_id(db, "张三")
