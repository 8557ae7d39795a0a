"""The rooms area's documents in the document register: the confirmation is numbered by its
booking (a second print is a 补打 with a reason, rebuilt from the register by its serial), the
door sheet, the bump notice and the usage statistics are registered unnumbered."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from djdesk.services.documents import (
    Destination,
    ReprintReasonRequiredError,
    find_by_serial,
    get_document,
    reprint_serial,
    reproduce,
)
from djdesk.services.rooms.bookings import create_booking
from djdesk.services.rooms.printing import print_booking, print_bump_notice, print_day_sheet
from djdesk.services.rooms.usage import print_usage_report
from djdesk.services.store import Database
from tests.helpers.pdf_text import flat_text
from tests.helpers.rooms import ADMIN, CLERK, NOW, booking, room_id


@pytest.fixture
def made(rooms_db: Database) -> int:
    data = booking(room_id(rooms_db, "党群书屋"), NOW.date() + timedelta(days=2), "09:00", "10:00")
    return create_booking(rooms_db, data, actor=CLERK, now=NOW).booking.id


def test_the_confirmation_once_then_a_reprint_by_its_serial(
    rooms_db: Database, made: int, tmp_path: Path
) -> None:
    first = print_booking(rooms_db, made, tmp_path / "a.pdf", actor=CLERK, invariant=True)
    assert first.document_id and "补打" not in flat_text((tmp_path / "a.pdf").read_bytes())
    with pytest.raises(ReprintReasonRequiredError) as refused:
        print_booking(rooms_db, made, tmp_path / "b.pdf", actor=CLERK)
    assert refused.value.field == "reason" and not (tmp_path / "b.pdf").exists()
    again = reprint_serial(
        rooms_db,
        first.serial,
        Destination.file(tmp_path / "c.pdf"),
        actor=CLERK,
        reason="原件遗失",
    )
    assert again.document.copy_number == 1 and again.document.reason == "原件遗失"
    text = flat_text((tmp_path / "c.pdf").read_bytes())
    assert first.serial in text and "补打" in text
    assert [d.copy_number for d in find_by_serial(rooms_db, first.serial)] == [0, 1]
    original = get_document(rooms_db, first.document_id)
    assert original.kind == "room-booking" and original.subject_table == "booking"
    assert (
        reproduce(rooms_db, first.document_id, invariant=True) == (tmp_path / "a.pdf").read_bytes()
    )


def test_the_door_sheet_the_notice_and_the_statistics_are_registered(
    rooms_db: Database, made: int, tmp_path: Path
) -> None:
    day = NOW.date() + timedelta(days=2)
    sheet = print_day_sheet(rooms_db, day, tmp_path / "d.pdf", actor=CLERK)
    again = print_day_sheet(rooms_db, day, tmp_path / "e.pdf", actor=CLERK)  # no number: no 补打
    assert get_document(rooms_db, sheet.document_id).kind == "room-day-sheet"
    assert get_document(rooms_db, again.document_id).copy_number == 0
    assert "张*" in flat_text(reproduce(rooms_db, sheet.document_id))

    meeting = booking(
        room_id(rooms_db, "党群书屋"),
        day,
        "09:00",
        "10:00",
        name="东风社区第一党支部",
        category="党组织",
        official=True,
        purpose="支部委员会",
    )
    bumped = create_booking(rooms_db, meeting, actor=ADMIN, bump_reason="上级临时通知", now=NOW)
    assert [d.id for d in bumped.displaced] == [made]
    notice = print_bump_notice(rooms_db, made, tmp_path / "n.pdf", actor=CLERK)
    entry = get_document(rooms_db, notice.document_id)
    assert entry.kind == "room-bump-notice" and entry.serial == ""
    assert "上级临时通知" in flat_text((tmp_path / "n.pdf").read_bytes())

    usage = print_usage_report(rooms_db, day.replace(day=1), day, tmp_path / "u.pdf", actor=CLERK)
    assert get_document(rooms_db, usage.document_id).kind == "room-usage"
    assert "场地使用统计表" in flat_text((tmp_path / "u.pdf").read_bytes())


def test_a_refused_printer_registers_nothing(rooms_db: Database, made: int, tmp_path: Path) -> None:
    from djdesk.services.documents import PrinterUnavailableError, PrintJob

    def refuse(_content: bytes, job: PrintJob) -> int:
        raise PrinterUnavailableError(f"找不到打印机“{job.printer}”。")

    with pytest.raises(PrinterUnavailableError):
        print_booking(rooms_db, made, Destination.to_printer("没有"), actor=CLERK, send=refuse)
    printed = print_booking(rooms_db, made, tmp_path / "a.pdf", actor=CLERK)
    assert get_document(rooms_db, printed.document_id).copy_number == 0  # still the original
