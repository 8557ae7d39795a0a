"""报到 reports: statistics on a hand-built data set, the roster (filters, masks, streaming,
xlsx layout), the unit register, and what ``write_report`` refuses, writes and audits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from djdesk.actor import Actor, Role
from djdesk.db.models.accounts import AuditEntry
from djdesk.db.session import Database
from djdesk.errors import DjdeskError
from djdesk.progress import CancelledError
from djdesk.services.checkin.checkins import CheckInInput, check_in, move_out
from djdesk.services.checkin.grids import save_grid
from djdesk.services.checkin.member_rules import MemberInput
from djdesk.services.checkin.members import MemberFilter
from djdesk.services.checkin.report_data import (
    checkin_stats,
    describe_filter,
    iter_roster,
    roster_data,
    unit_register,
)
from djdesk.services.checkin.reports import write_report
from djdesk.services.checkin.units import UnitInput, save_unit
from djdesk.services.site.identity import SiteInfo
from djdesk.validation.idcard import check_char
from tests.helpers.pdf_text import flat_text

ON = date(2026, 11, 23)


def id_number(seq: int) -> str:
    first17 = f"51150219800101{seq:03d}"
    return first17 + check_char(first17)


@dataclass(frozen=True)
class SmallData:
    units: dict[str, int]
    members: dict[str, int]  # name -> member id
    grid_id: int


def build_small_data(db: Database) -> SmallData:
    """Three units with known declared and reported counts (see the expectations below).

    甲单位 (④, declares 4): 甲一 2024 posts 2, 甲二 2025 posts 1, 甲三 2025 no posts, 甲四 2024
    moved out in 2025. 乙单位 (①, declares 0): 乙一 2025 posts 1. 丙单位 (⑤, declares 10): none.
    """
    actor = Actor.system()
    units = {
        name: save_unit(
            db,
            UnitInput(
                name=name,
                category=category,
                party_org=f"中共{name}支部",
                declared_members=declared,
                uscc="",
                liaison_name="刘联络",
                liaison_phone="13900001111",
                reported_on=date(2024, month, 1),
            ),
            actor=actor,
        ).id
        for name, category, declared, month in (
            ("甲单位", 4, 4, 3),
            ("乙单位", 1, 0, 1),
            ("丙单位", 5, 10, 6),
        )
    }
    grid = save_grid(db, name="东风一网格", leader="张网格", phone="13800001111", actor=actor)
    plan = (
        ("甲一", "甲单位", date(2024, 5, 6), ("政策宣传", "治安巡逻")),
        ("甲二", "甲单位", date(2025, 2, 1), ("文明劝导",)),
        ("甲三", "甲单位", date(2025, 3, 1), ()),
        ("甲四", "甲单位", date(2024, 7, 1), ("政策宣传",)),
        ("乙一", "乙单位", date(2025, 4, 2), ("法律服务",)),
    )
    members = {}
    for seq, (name, unit, on, posts) in enumerate(plan, start=1):
        member = MemberInput(
            name=name,
            id_number=id_number(seq),
            mobile=f"1380000{seq:04d}",
            unit_id=units[unit],
            specialties=("法律",),
            available_times=("周末",),
        )
        done = check_in(
            db,
            member,
            CheckInInput(checked_in_on=on, grid_id=grid.id, posts=posts, received_by="李接收"),
            actor=actor,
        )
        members[name] = done.member_id
    move_out(db, members["甲四"], on=date(2025, 8, 1), reason="搬离本社区", actor=actor)
    return SmallData(units, members, grid.id)


@pytest.fixture
def small(db: Database, site: SiteInfo) -> SmallData:
    return build_small_data(db)


def audit_entries(db: Database, action: str) -> list[AuditEntry]:
    with db.reading() as session:
        return list(session.scalars(select(AuditEntry).where(AuditEntry.action == action)))


# --- statistics -------------------------------------------------------------------------


def test_stats_by_unit_and_total(db: Database, small: SmallData) -> None:
    stats = checkin_stats(db, on=ON)
    assert stats.title == "东风社区在职党员报到情况统计表"
    got = {r.unit_name: r.values()[1:] for r in stats.rows}
    assert [r.unit_name for r in stats.rows] == ["乙单位", "甲单位", "丙单位"]  # by category
    assert got["甲单位"] == ("④党政机关", "中共甲单位支部", 4, 3, 0.75, 3, 1)
    assert got["乙单位"] == ("①国有企业", "中共乙单位支部", 0, 1, "—", 1, 0)
    assert got["丙单位"] == ("⑤学校", "中共丙单位支部", 10, 0, 0.0, 0, 0)
    assert stats.total is not None
    assert stats.total.values() == ("合计", "", "", 14, 4, 4 / 14, 4, 1)


def test_stats_for_one_year(db: Database, small: SmallData) -> None:
    in_2025 = {r.unit_name: r for r in checkin_stats(db, 2025).rows}
    assert (in_2025["甲单位"].reported, in_2025["甲单位"].posts) == (2, 1)
    assert in_2025["甲单位"].moved_out == 1  # 甲四 moved out in 2025
    assert in_2025["乙单位"].reported == 1
    in_2024 = {r.unit_name: r for r in checkin_stats(db, 2024).rows}
    assert (in_2024["甲单位"].reported, in_2024["甲单位"].posts, in_2024["甲单位"].moved_out) == (
        1,
        2,
        0,
    )
    assert checkin_stats(db, 2024).title.endswith("（2024年）")


def test_stats_rate_text_in_pdf_and_xlsx(db: Database, small: SmallData, tmp_path: Path) -> None:
    pdf = write_report(db, "checkin-stats", tmp_path / "s.pdf", actor=Actor.system(), on=ON)
    text = flat_text(pdf.read_bytes())
    assert "甲单位④党政机关中共甲单位支部43" in text and "75.0%" in text
    assert "合计14428.6%41" in text and "—" in text
    xlsx = write_report(db, "checkin-stats", tmp_path / "s.xlsx", actor=Actor.system(), on=ON)
    ws = load_workbook(xlsx).active
    rows = list(ws.iter_rows(values_only=True))
    header = rows.index(
        (
            "单位名称",
            "单位类别",
            "单位党组织",
            "在职党员数",
            "已报到数",
            "报到率",
            "认领岗位数",
            "迁出数",
        )
    )
    jia = next(r for r in rows if r[0] == "甲单位")
    assert jia[3:] == (4, 3, 0.75, 3, 1)
    assert (
        ws.cell(
            row=header + 1 + [r[0] for r in rows[header:]].index("甲单位"), column=6
        ).number_format
        == "0.0%"
    )
    assert rows[header + 4][:5] == ("合计", None, None, 14, 4)


# --- roster -----------------------------------------------------------------------------


def test_roster_rows_are_masked_and_complete(db: Database, small: SmallData) -> None:
    roster = roster_data(db, on=ON)
    assert roster.title == "东风社区在职党员报到花名册"
    assert roster.count == len(roster.rows) == 5
    first = roster.rows[0]
    assert first.name == "甲一" and first.index == 1
    assert first.id_masked == "511***********" + id_number(1)[-4:]
    assert first.mobile_masked == "138****0001"
    assert (first.unit_category, first.branch, first.grid_name) == (
        "④党政机关",
        "中共甲单位支部",
        "东风一网格",
    )
    assert first.posts == "政策宣传、治安巡逻" and first.serial.startswith("东风社区报〔2024〕")
    assert {r.name: r.status for r in roster.rows}["甲四"] == "迁出"
    assert [r.index for r in roster.rows] == [1, 2, 3, 4, 5]


def test_roster_filter_and_description(db: Database, small: SmallData) -> None:
    flt = MemberFilter(unit_id=small.units["甲单位"], status="在册")
    roster = roster_data(db, flt)
    assert sorted(r.name for r in roster.rows) == ["甲一", "甲三", "甲二"]
    assert describe_filter(db, flt) == "单位：甲单位；状态：在册"
    assert describe_filter(db, MemberFilter()) == "全部党员"
    assert describe_filter(db, MemberFilter(year=2025, grid_id=small.grid_id, post="政策宣传")) == (
        "网格：东风一网格；岗位：政策宣传；报到年份：2025"
    )


def test_roster_streams_in_pages(db: Database, small: SmallData) -> None:
    seen: list[tuple[int, int]] = []
    rows = list(
        iter_roster(db, MemberFilter(), page_size=2, progress=lambda d, t, _: seen.append((d, t)))
    )
    assert [r.index for r in rows] == [1, 2, 3, 4, 5]
    assert len({r.name for r in rows}) == 5
    assert seen == [(2, 5), (4, 5), (5, 5)]
    with pytest.raises(CancelledError):
        list(iter_roster(db, MemberFilter(), cancelled=lambda: True))


def test_roster_xlsx_layout(db: Database, small: SmallData, tmp_path: Path) -> None:
    out = write_report(
        db,
        "members-roster",
        tmp_path / "花名册.xlsx",
        actor=Actor.system(),
        on=ON,
        flt=MemberFilter(status="在册"),
    )
    wb = load_workbook(out)
    ws = wb.active
    assert ws.title == "在职党员报到花名册"
    assert ws["A1"].value == "东风社区在职党员报到花名册"
    assert "A1:M1" in {str(r) for r in ws.merged_cells.ranges}
    assert ws["A2"].value == "填报单位：宜宾市翠屏区东城街道东风社区"
    assert ws["M2"].value == "统计日期：2026年11月23日"
    assert ws["A3"].value == "筛选条件：状态：在册；排列：按报到日期升序"
    header = [c.value for c in ws[4]]
    assert header == [
        "序号",
        "报到编号",
        "姓名",
        "性别",
        "身份证号",
        "手机",
        "工作单位",
        "单位类别",
        "所在党组织",
        "报到日期",
        "网格",
        "认领岗位",
        "状态",
    ]
    data = [[c.value for c in row] for row in ws.iter_rows(min_row=5, max_row=8)]
    assert [r[2] for r in data] == ["甲一", "甲二", "甲三", "乙一"]
    assert all(r[12] == "在册" for r in data)
    assert data[0][4] == "511***********" + id_number(1)[-4:] and data[0][5] == "138****0001"
    assert data[0][0] == 1 and data[0][9].date() == date(2024, 5, 6)
    assert ws["J5"].number_format == "yyyy-mm-dd" and ws["A4"].font.b
    assert ws["A9"].value == "合计：共 4 人。"
    assert ws.freeze_panes == "A5"
    assert ws.print_title_rows == "$4:$4"
    assert ws.page_setup.orientation == "landscape" and ws.page_setup.fitToWidth == 1
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.oddFooter.center.text == "第 &P 页 / 共 &N 页"
    all_text = " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert id_number(1) not in all_text


def test_roster_pdf_content(db: Database, small: SmallData, tmp_path: Path) -> None:
    out = write_report(
        db, "members-roster", tmp_path / "r.pdf", actor=Actor.system(), year=2025, on=ON
    )
    text = flat_text(out.read_bytes())
    assert "东风社区在职党员报到花名册" in text and "筛选条件：报到年份：2025" in text
    assert "甲二" in text and "乙一" in text and "甲一" not in text
    assert "合计：共3人。" in text
    assert id_number(2)[-4:] in text and id_number(2) not in text


# --- unit register ----------------------------------------------------------------------


def test_unit_register(db: Database, small: SmallData, tmp_path: Path) -> None:
    register = unit_register(db, on=ON)
    assert [r.name for r in register.rows] == ["乙单位", "甲单位", "丙单位"]  # by 报到日期
    jia = register.rows[1]
    assert jia.values() == (
        2,
        "甲单位",
        "",
        "④党政机关",
        "中共甲单位支部",
        "",
        "刘联络",
        "13900001111",
        date(2024, 3, 1),
        4,
        3,
        "在册",
    )
    out = write_report(db, "unit-register", tmp_path / "u.pdf", actor=Actor.system(), on=ON)
    text = flat_text(out.read_bytes())
    assert "东风社区驻区单位报到登记册" in text and "13900001111" in text  # work phone as is
    assert "合计：共3个单位。" in text


# --- write_report -----------------------------------------------------------------------


def test_write_report_refuses_other_suffixes(
    db: Database, small: SmallData, tmp_path: Path
) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    with pytest.raises(DjdeskError, match=r"名册\.csv"):
        write_report(db, "members-roster", tmp_path / "名册.csv", actor=Actor.system())
    with pytest.raises(DjdeskError, match="没有名为"):
        write_report(db, "nonsense", tmp_path / "x.pdf", actor=Actor.system())
    assert list(tmp_path.iterdir()) == []


def test_write_report_audits_and_allows_viewers(
    db: Database, small: SmallData, tmp_path: Path
) -> None:
    viewer = Actor("kan", "查看员", Role.VIEWER)
    write_report(db, "unit-register", tmp_path / "u.xlsx", actor=viewer)
    entries = audit_entries(db, "export")
    assert len(entries) == 1
    assert entries[0].username == "kan" and entries[0].table_name == "unit"
    assert "驻区单位报到登记册" in entries[0].summary and "u.xlsx" in entries[0].summary


def test_cancelled_export_writes_nothing(db: Database, small: SmallData, tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    for name in ("c.xlsx", "c.pdf"):
        with pytest.raises(CancelledError):
            write_report(
                db, "members-roster", tmp_path / name, actor=Actor.system(), cancelled=lambda: True
            )
    assert list(tmp_path.iterdir()) == []  # not even a .part file
    assert audit_entries(db, "export") == []


def test_demo_roster_exports(db: Database, site: SiteInfo, tmp_path: Path) -> None:
    from djdesk.services.demo import DemoOptions, fill_demo

    fill_demo(db, DemoOptions(seed=1, counts={"members": 300}), actor=Actor.system())
    out = write_report(db, "members-roster", tmp_path / "all.xlsx", actor=Actor.system())
    ws = load_workbook(out, read_only=True).active
    names = [row[2] for row in ws.iter_rows(min_row=5, values_only=True) if isinstance(row[0], int)]
    assert len(names) == 300
    stats = checkin_stats(db)
    assert stats.total is not None and stats.total.reported == sum(r.reported for r in stats.rows)


def test_a_rate_over_100_percent_is_marked_with_the_reason(
    db: Database, small: SmallData, tmp_path: Path
) -> None:
    save_unit(
        db,
        UnitInput(name="甲单位", category=4, party_org="中共甲单位支部", declared_members=2),
        actor=Actor.system(),
        unit_id=small.units["甲单位"],
    )
    stats = checkin_stats(db, on=ON)
    row = next(r for r in stats.rows if r.unit_name == "甲单位")
    assert row.impossible and row.values()[5] == "※150.0%"  # 3 reported, 2 declared
    assert any("申报人数少于实际报到人数" in note for note in stats.notes)
    fine = next(r for r in stats.rows if r.unit_name == "丙单位")
    assert not fine.impossible and fine.values()[5] == 0.0
    honest = checkin_stats(db, 2024, on=ON)  # 甲单位: 1 of 2 in 2024
    assert not any("申报人数少于" in note for note in honest.notes)
    pdf = write_report(db, "checkin-stats", tmp_path / "统计表.pdf", actor=Actor.system(), on=ON)
    text = flat_text(pdf.read_bytes())
    assert "※150.0%" in text and "申报人数少于实际报到人数" in text
    xlsx = write_report(db, "checkin-stats", tmp_path / "统计表.xlsx", actor=Actor.system(), on=ON)
    cells = [c.value for row in load_workbook(xlsx).active.iter_rows() for c in row]
    assert "※150.0%" in cells


def test_the_roster_follows_the_screens_order(db: Database, small: SmallData) -> None:
    by_name = [r.name for r in iter_roster(db, MemberFilter(status="在册"), sort="name")]
    assert by_name == ["甲二", "甲三", "甲一", "乙一"]  # jia er, jia san, jia yi, yi yi
    backwards = iter_roster(db, MemberFilter(status="在册"), sort="name", descending=True)
    assert [r.name for r in backwards] == by_name[::-1]
    roster = roster_data(db, MemberFilter(status="在册"), sort="name", descending=True, on=ON)
    assert roster.notes == ("筛选条件：状态：在册；排列：按姓名（拼音）降序",)
