"""The clean template: its layout, and that a filled-in copy imports (example row skipped)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from djdesk.actor import Actor
from djdesk.db.models.checkin import Member
from djdesk.db.session import Database
from djdesk.errors import DjdeskError
from djdesk.formats.checkin.roster_template import (
    COLUMNS,
    EXAMPLE_ROW,
    FIRST_DATA_ROW,
    HEADER_ROW,
    write_template,
)
from djdesk.paths import AppPaths
from djdesk.services.checkin.roster_import import import_roster
from tests.helpers.checkin_registry import GRID
from tests.helpers.roster_sheets import UNIT, make_id


def test_template_layout(tmp_path: Path) -> None:
    target = write_template(tmp_path / "模板.xlsx", grids=[GRID], posts=["政策宣传"])
    book = load_workbook(target)
    assert book.sheetnames[:2] == ["花名册", "填写说明"]
    sheet = book["花名册"]
    assert sheet["A1"].value == "在职党员到社区报到花名册"
    assert str(sheet["A2"].value).startswith("填报单位：")
    headers = [sheet.cell(HEADER_ROW, c).value for c in range(1, len(COLUMNS) + 1)]
    assert headers[:3] == ["序号", "姓名", "公民身份号码"]
    assert all(sheet.cell(HEADER_ROW, c).font.bold for c in range(1, len(COLUMNS) + 1))
    id_col = headers.index("公民身份号码") + 1
    assert sheet.cell(FIRST_DATA_ROW, id_col).number_format == "@"
    assert sheet.column_dimensions["C"].width >= 20
    assert sheet.cell(EXAMPLE_ROW, 1).value == "示例"
    assert sheet.cell(EXAMPLE_ROW, 2).font.color.rgb.endswith("808080")
    validated = {str(dv.sqref).split(":")[0] for dv in sheet.data_validations.dataValidation}
    for header in ("性别", "政治面貌", "民族"):
        letter = sheet.cell(HEADER_ROW, headers.index(header) + 1).column_letter
        assert f"{letter}{EXAMPLE_ROW}" in validated
    notes = " ".join(str(c.value) for row in book["填写说明"].iter_rows() for c in row if c.value)
    assert "公民身份号码" in notes and GRID in notes and "政策宣传" in notes


def test_template_refuses_to_overwrite(tmp_path: Path) -> None:
    target = write_template(tmp_path / "模板.xlsx")
    with pytest.raises(DjdeskError, match="已存在"):
        write_template(target)
    write_template(target, overwrite=True)
    with pytest.raises(DjdeskError, match=r"\.xlsx"):
        write_template(tmp_path / "模板.xls")


def test_filled_template_round_trips(
    db: Database, paths: AppPaths, registry: dict[str, int], tmp_path: Path
) -> None:
    target = write_template(tmp_path / "模板.xlsx", unit_name=UNIT)
    book = load_workbook(target)
    sheet = book["花名册"]
    headers = [sheet.cell(HEADER_ROW, c).value for c in range(1, len(COLUMNS) + 1)]
    people = [
        {
            "序号": 1,
            "姓名": "张三",
            "公民身份号码": make_id(date(1980, 1, 1), 123),
            "民族": "汉族",
            "政治面貌": "正式党员",
            "入党时间": "2005-07-01",
            "手机号码": "13812345678",
            "小区": "东风小区",
            "楼栋": "3栋",
            "单元": "2",
            "室": "501室",
            "网格": GRID,
            "认领岗位": "政策宣传",
            "可服务时间": "周末、节假日",
        },
        {
            "序号": 2,
            "姓名": "李四",
            "公民身份号码": make_id(date(1985, 3, 4), 124),
            "手机号码": "13912345678",
            "工作单位": UNIT,
            "单位类别": "④党政机关",
        },
    ]
    for offset, person in enumerate(people):
        for key, value in person.items():
            sheet.cell(FIRST_DATA_ROW + offset, headers.index(key) + 1, value)
    book.save(target)

    report = import_roster(db, target, actor=Actor.system(), paths=paths)
    assert (report.sheet, report.header_row, report.unit_from_title) == ("花名册", HEADER_ROW, UNIT)
    assert [(r.row, r.outcome.value) for r in report.rows] == [(5, "新增"), (6, "新增")]
    assert report.skipped == 1  # the 示例 row
    with db.reading() as session:
        zhang = session.scalars(select(Member).where(Member.name == "张三")).one()
        assert (zhang.estate, zhang.building, zhang.entrance, zhang.room) == (
            "东风小区",
            "3",
            "2",
            "501",
        )
        assert zhang.unit_id == registry[UNIT]  # from the 填报单位 line
        assert zhang.available_times == "周末、节假日"
        assert session.scalar(select(func.count()).select_from(Member)) == 2
