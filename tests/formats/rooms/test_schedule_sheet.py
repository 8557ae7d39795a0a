"""Reading a season schedule: typed rows, and every bad cell named by row and column."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from djdesk.formats.rooms.schedule_sheet import ScheduleFileError, read_schedule
from djdesk.formats.rooms.usage_xlsx import build_usage_xlsx
from tests.helpers.schedule_sheets import GOOD_ROWS, schedule_workbook


def test_good_rows_become_typed_rows(tmp_path: Path) -> None:
    sheet = read_schedule(schedule_workbook(tmp_path / "s.xlsx", GOOD_ROWS))
    assert sheet.header_row == 2 and sheet.problems == []
    first, second = sheet.rows
    assert (first.number, first.team, first.weekday, first.start, first.end) == (
        3,
        "夕阳红合唱团",
        2,
        840,
        960,
    )
    assert first.first_day == date(2026, 12, 1) and first.attendees == 30
    assert (second.weekday, second.start, second.end, second.frequency) == (4, 1140, 1230, "每两周")


def test_bad_cells_are_named_by_row_and_column(tmp_path: Path) -> None:
    rows = [
        [
            "合唱团",
            "",
            "13800138000",
            "多功能厅",
            "周八",
            "25:00",
            "16:00",
            "2026-02-30",
            "2026-12-31",
            "每天",
            "排练",
            "三十",
        ],
        ["", "", "", "", "", "", "", "", "", "", "", ""],
        [
            "舞蹈队",
            "",
            "",
            "舞蹈排练室",
            "周五",
            "19:00",
            "20:00",
            "2026-12-31",
            "2026-12-01",
            "",
            "排练",
            10,
        ],
    ]
    sheet = read_schedule(schedule_workbook(tmp_path / "s.xlsx", rows))
    texts = [p.text() for p in sheet.problems]
    assert sheet.rows == []
    assert "第 3 行“星期”列：“周八”不是星期几，请写 周一 … 周日" in texts
    assert any(t.startswith("第 3 行“开始时间”列：“25:00”") for t in texts)
    assert any(t.startswith("第 3 行“开始日期”列：“2026-02-30”不是有效的日期") for t in texts)
    assert "第 3 行“频率”列：应为 每周、每两周" in texts
    assert "第 3 行“人数”列：“三十”不是整数" in texts
    assert "第 5 行“联系电话”列：不能为空" in texts
    assert "第 5 行“结束日期”列：不能早于开始日期" in texts
    assert not any(t.startswith("第 4 行") for t in texts)  # blank rows are skipped


def test_files_that_are_not_schedules_are_refused(tmp_path: Path) -> None:
    fake = tmp_path / "a.xlsx"
    fake.write_bytes(b"not a zip")
    with pytest.raises(ScheduleFileError, match=r"不是 \.xlsx 工作簿"):
        read_schedule(fake)
    other = schedule_workbook(tmp_path / "b.xlsx", [], title=None)
    from openpyxl import load_workbook

    wb = load_workbook(other)
    wb.active.delete_rows(1)
    wb.active.append(["姓名", "电话"])
    wb.save(other)
    with pytest.raises(ScheduleFileError, match="没有找到活动安排表的表头"):
        read_schedule(other)
    with pytest.raises(ScheduleFileError, match="无法读取"):
        read_schedule(tmp_path / "missing.xlsx")


def test_too_many_rows_are_refused(tmp_path: Path) -> None:
    rows = [GOOD_ROWS[0]] * 501
    with pytest.raises(ScheduleFileError, match="超过 500 行"):
        read_schedule(schedule_workbook(tmp_path / "big.xlsx", rows))


def test_usage_workbook(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    content = build_usage_xlsx(
        community="东风社区",
        period_text="2026年12月",
        made_on_text="2027年1月4日",
        rows=[("按场地", "多功能厅", 2, 3.0, 40, 300.0, 0.01, 0, 1)],
        total=("合计", "", 2, 3.0, 40, 300.0, 0.01, 0, 1),
    )
    path = tmp_path / "u.xlsx"
    path.write_bytes(content)
    ws = load_workbook(path).active
    values = [list(row) for row in ws.iter_rows(values_only=True)]
    assert values[0][0] == "场地使用统计表"
    assert ["按场地", "多功能厅", 2, 3, 40, 300, 0.01, 0, 1] in [list(v) for v in values]
    assert ws.cell(row=4, column=7).number_format == "0.0%"
