"""The rooms area's PDFs read back: confirmation slip, door sheet, bump notice, usage table."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from djdesk.documents.base.serials import document_kinds
from djdesk.documents.rooms.bump_notice import BumpNotice, build_bump_notice
from djdesk.documents.rooms.confirmation import BookingConfirmation, build_booking_confirmation
from djdesk.documents.rooms.day_sheet import DaySheet, DaySheetRow, build_day_sheet
from djdesk.documents.rooms.usage import UsageTable, build_usage_pdf
from tests.helpers.pdf_text import flat_text, fonts, metadata, page_count

COMMUNITY = "宜宾市翠屏区东城街道东风社区"


def _confirmation(status: str = "已批准") -> BookingConfirmation:
    return BookingConfirmation(
        community=COMMUNITY,
        serial="东风社区场〔2026〕第007号",
        room_name="多功能厅",
        room_place="1楼 东侧",
        day=date(2026, 12, 3),
        time_text="14:00–16:00",
        booker_name="夕阳红合唱团",
        booker_category="居民团队",
        contact="王秀英　138****8000",
        purpose="合唱排练",
        attendees=35,
        status=status,
        equipment="投影、音响、舞台",
        site_phone="0831-8221234",
        handled_by="前台小王",
        issued_on=date(2026, 12, 1),
    )


def test_the_serial_mark_is_ours_alone() -> None:
    kind = document_kinds()["room-booking"]
    assert kind.mark == "场" and kind.title == "场地预约确认单"


def test_confirmation_reads_back(tmp_path: Path) -> None:
    pdf = build_booking_confirmation(_confirmation(), invariant=True)
    text = flat_text(pdf)
    for part in (
        "场地预约确认单",
        "东风社区场〔2026〕第007号",
        "多功能厅",
        "2026年12月3日（星期四）14:00–16:00",
        "夕阳红合唱团",
        "合唱排练",
        "35人",
        "使用须知",
        "公益性",
        "预约人（签字）",
        "场地预约存根",
    ):
        assert part in text, part
    assert page_count(pdf) == 1
    assert all(fonts(pdf).values())
    assert metadata(pdf)["/Title"] == "场地预约确认单"
    assert build_booking_confirmation(_confirmation(), invariant=True) == pdf
    pending = flat_text(build_booking_confirmation(_confirmation("待审批")))
    assert "尚待审批" in pending
    _render(pdf, tmp_path / "confirmation")


def test_day_sheet_reads_back(tmp_path: Path) -> None:
    rows = tuple(
        DaySheetRow(room, f"{h:02d}:00–{h + 1:02d}:00", who, "活动", 10, "已批准")
        for h, (room, who) in enumerate(
            [("党员活动室", "第一党支部"), ("党群书屋", "张*")], start=9
        )
    )
    sheet = DaySheet(
        community=COMMUNITY,
        day=date(2026, 10, 1),
        rows=rows,
        closed_rooms=(("调解室", "法定节假日（国庆节）不开放"),),
        holiday="国庆节",
    )
    pdf = build_day_sheet(sheet, invariant=True)
    text = flat_text(pdf)
    for part in (
        "当日场地安排表",
        "2026年10月1日星期四",
        "今日为国庆节",
        "调解室（法定节假日（国庆节）不开放）",
        "第一党支部",
        "张*",
        "共2场",
    ):
        assert part in text, part
    _render(pdf, tmp_path / "day-sheet")


def test_bump_notice_reads_back(tmp_path: Path) -> None:
    notice = BumpNotice(
        community=COMMUNITY,
        booker_name="张三",
        serial="东风社区场〔2026〕第003号",
        room_name="新时代文明实践站",
        day=date(2026, 12, 3),
        time_text="14:00–16:00",
        meeting_org="东风社区第一党支部",
        meeting_purpose="支部党员大会",
        reason="上级通知临时召开",
        site_phone="0831-8221234",
        issued_on=date(2026, 12, 1),
    )
    pdf = build_bump_notice(notice, invariant=True)
    text = flat_text(pdf)
    for part in (
        "场地预约变更通知",
        "张三：您预约的新时代文明实践站",
        "东风社区第一党支部",
        "支部党员大会",
        "上级通知临时召开",
        "0831-8221234",
        "二〇二六年十二月一日",
        "变更通知回执",
    ):
        assert part in text, part
    assert page_count(pdf) == 1
    _render(pdf, tmp_path / "bump")


def test_usage_table_reads_back() -> None:
    table = UsageTable(
        community=COMMUNITY,
        period_text="2026年12月1日至2026年12月31日",
        made_on_text="2027年1月4日",
        rows=(
            ("按场地", "多功能厅", 12, 30.0, 300, 372.0, 30 / 372, 1, 2),
            ("按对象", "居民", 3, 4.5, 20, None, None, 0, 1),
        ),
        total=("合计", "", 12, 30.0, 300, 372.0, 30 / 372, 1, 2),
    )
    text = flat_text(build_usage_pdf(table, invariant=True))
    for part in (
        "场地使用统计表",
        "多功能厅",
        "8.1%",
        "按对象",
        "合计",
        "2026年12月1日至2026年12月31日",
    ):
        assert part in text, part


def _render(pdf: bytes, stem: Path) -> None:
    """One PNG per document, rendered the way a reader shows it (looked at by hand once)."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm is not installed")
    source = stem.with_suffix(".pdf")
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-singlefile", str(source), str(stem)], check=True
    )
    png = stem.with_suffix(".png")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
