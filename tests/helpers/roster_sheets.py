"""Builders of deliberately messy roster workbooks, as units really send them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from djdesk.validation.idcard import check_char

UNIT = "宜宾市翠屏区教育和体育局"
OTHER_UNIT = "宜宾学院"


def make_id(born: date, order: int = 123, region: str = "511502") -> str:
    """A valid 18-character ID number (odd order: male, even: female)."""
    first17 = f"{region}{born:%Y%m%d}{order:03d}"
    return first17 + check_char(first17)


def bad_check(id_number: str) -> str:
    """The same number with a wrong check character."""
    last = "0" if id_number[-1] != "0" else "1"
    return id_number[:-1] + last


def write_book(
    path: Path,
    rows: Sequence[Sequence[Any]],
    *,
    merges: Sequence[str] = (),
    title: str | None = "2024年在职党员到社区报到花名册",
    unit_line: str | None = None,
    sheet_name: str = "Sheet1",
    before: Sequence[str] = (),
) -> Path:
    """A workbook whose sheet ``sheet_name`` holds ``rows`` under optional title lines.

    ``before`` names extra sheets (with junk) placed ahead of the roster sheet.
    """
    book = Workbook()
    first = book.active
    assert first is not None
    for index, name in enumerate(before):
        sheet = first if index == 0 else book.create_sheet()
        sheet.title = name
        sheet.append(["说明：本表仅供参考"])
        sheet.append(["项目", "数量"])
    roster = book.create_sheet(sheet_name) if before else first
    roster.title = sheet_name
    if title is not None:
        roster.append([title])
    if unit_line is not None:
        roster.append([unit_line])
    for row in rows:
        roster.append(list(row))
    for ref in merges:
        roster.merge_cells(ref)
    book.save(path)
    return path


def db_state(db: Any) -> dict[str, Any]:
    """Row counts of every table the import touches, the serial counters and the audit log
    (without backup entries, which a real import writes before its transaction)."""
    from sqlalchemy import func, select

    from djdesk.db.models.accounts import AuditEntry
    from djdesk.db.models.checkin import CheckIn, Member, Unit
    from djdesk.db.models.serials import IssuedSerial, SerialCounter

    with db.reading() as session:
        state: dict[str, Any] = {
            model.__tablename__: session.scalar(select(func.count()).select_from(model))
            for model in (Member, CheckIn, Unit, IssuedSerial)
        }
        state["counters"] = sorted(
            (c.kind, c.year, c.last_number) for c in session.scalars(select(SerialCounter))
        )
        state["audit"] = [
            (a.action, a.table_name, a.record_uid, a.summary)
            for a in session.scalars(select(AuditEntry).order_by(AuditEntry.id))
            if a.action != "backup"
        ]
        state["versions"] = sorted(session.execute(select(Member.id, Member.version)).all())
    return state
