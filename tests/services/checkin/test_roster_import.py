"""Importing messy rosters: per-row outcomes and reasons, what is written, and what is not."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from djdesk.actor import Actor
from djdesk.db.models.accounts import AuditEntry
from djdesk.db.models.checkin import CheckIn, Member, Unit
from djdesk.db.session import Database
from djdesk.paths import AppPaths
from djdesk.progress import CancelledError
from djdesk.services.accounts.backups import list_backups
from djdesk.services.checkin.checkins import move_out
from djdesk.services.checkin.roster_import import (
    Outcome,
    analyse_roster,
    import_roster,
)
from tests.helpers.checkin_registry import GRID
from tests.helpers.roster_sheets import OTHER_UNIT, UNIT, bad_check, db_state, make_id, write_book

ID1 = make_id(date(1980, 1, 1), 123)
ID2 = make_id(date(1985, 3, 4), 124)
ID3 = make_id(date(1979, 12, 31), 125)
ID4 = make_id(date(1990, 6, 15), 127)
ID5 = make_id(date(1975, 5, 5), 135)
ID6 = make_id(date(1970, 2, 3), 133)
HEADER = [
    "序号",
    "姓 名",
    "性别",
    "公民身份号码",
    "出生年月",
    "联系电话",
    "工作单位",
    "入党时间",
    "现住址",
    "网格",
    "服务岗位",
    "特长",
    "报到日期",
    "备注",
]


def _row(n: int, name: str, id_number: object, **extra: object) -> list[object]:
    values: dict[str, object] = {
        "序号": n,
        "姓 名": name,
        "公民身份号码": id_number,
        "联系电话": "13812345678",
        "工作单位": UNIT,
    }
    values.update({k.replace("_", " "): v for k, v in extra.items()})
    return [values.get(h) for h in HEADER]


def messy_rows() -> list[list[object]]:
    """Sheet rows 3 (header) to 14 (合计); rows 1–2 are the title and the 填报单位 line."""
    full_width_id = ID2.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    return [
        HEADER,
        _row(
            1,
            "张三",
            ID1,
            性别="男",
            出生年月="1980.01",
            入党时间=38899,  # serial: 2006-07-01
            现住址="东风小区3栋2单元501",
            网格=GRID,
            服务岗位="政策宣传、环境整治",
            特长="法律",
            报到日期="2024.3.5",
        ),
        _row(
            2,
            "李\u3000四",
            full_width_id,
            性别="女",
            出生年月=198503,
            联系电话="１３９１２３４５６７８",
            工作单位=f" {OTHER_UNIT} ",
            入党时间="2005年7月1日",
            现住址="滨江花园",
        ),
        _row(3, "王五", float(ID3)),
        _row(4, "赵六", "1.23E+17"),
        _row(5, "孙七", bad_check(ID4)),
        [None] * len(HEADER),
        _row(6, "周八", ID1),
        _row(7, "吴九", make_id(date(1970, 2, 2), 131), 工作单位="宜宾市某某公司"),
        _row(
            8,
            "郑十",
            ID6,
            网格="西山网格",
            服务岗位="环境整治、跳广场舞",
        ),
        _row(
            9,
            "钱十一",
            f" {ID5[:6]} {ID5[6:14]} {ID5[14:]}",
            入党时间=datetime(2001, 7, 1),
            报到日期=date(2024, 1, 8),
        ),
        ["合计", "9人"],
    ]


@pytest.fixture
def messy(tmp_path: Path) -> Path:
    return write_book(
        tmp_path / "教体局花名册.xlsx",
        messy_rows(),
        merges=["A1:N1", "A2:N2"],
        unit_line=f"填报单位：{UNIT}        填报日期：2024年5月6日",
    )


def test_messy_sheet_outcomes_and_reasons(
    db: Database, registry: dict[str, int], messy: Path
) -> None:
    report = analyse_roster(db, messy)
    assert (report.sheet, report.header_row, report.unit_from_title) == ("Sheet1", 3, UNIT)
    assert report.dry_run
    outcomes = {r.row: r.outcome for r in report.rows}
    assert outcomes == {
        4: Outcome.NEW,
        5: Outcome.NEW,
        6: Outcome.REJECTED,
        7: Outcome.REJECTED,
        8: Outcome.REJECTED,
        10: Outcome.REJECTED,
        11: Outcome.REJECTED,
        12: Outcome.WARNED,
        13: Outcome.NEW,
    }
    assert sum(report.count(o) for o in Outcome) == len(report.rows) == 9
    messages = {r.row: r.message for r in report.rejected}
    assert messages[6].startswith("第 6 行：公民身份号码已被 Excel 存成数字")
    assert "科学计数法" in messages[7]
    assert messages[8] == "第 8 行：公民身份号码校验位不正确，请核对号码是否抄错"
    assert messages[10] == "第 10 行：公民身份号码与第 4 行重复（同一人在表中只能出现一次）"
    assert "工作单位“宜宾市某某公司”尚未登记" in messages[11]
    (warned,) = report.warned
    assert (warned.row, warned.action) == (12, Outcome.NEW)
    assert warned.message == (
        "第 12 行：新增；网格“西山网格”不存在，网格留空（可选择同时新建缺少的网格）；"
        "认领岗位“跳广场舞”不在服务岗位清单中，未登记"
    )
    assert report.unknown_grids == ("西山网格",) and report.new_grids == ()
    assert report.unknown_units == ("宜宾市某某公司",)
    assert report.skipped == 1  # the 合计 row
    assert [c.field for c in report.columns][:3] == ["姓名", "性别", "公民身份号码"]
    assert report.rows[0].id_masked == f"511***********{ID1[-4:]}"


def test_import_writes_members_and_checkins(
    db: Database, paths: AppPaths, registry: dict[str, int], messy: Path
) -> None:
    report = import_roster(db, messy, actor=Actor.system(), paths=paths)
    assert (report.imported, report.updated, report.unchanged, len(report.rejected)) == (3, 0, 0, 5)
    assert len(report.warned) == 1 and report.written(Outcome.NEW) == 4
    assert not report.dry_run
    with db.reading() as session:
        members = {m.id_number: m for m in session.scalars(select(Member))}
        zheng = members.pop(ID6)
        warned = session.get(CheckIn, zheng.latest_checkin_id)
        assert warned is not None and (warned.grid_id, warned.posts) == (None, "环境整治")
        assert set(members) == {ID1, ID2, ID5}
        zhang, li = members[ID1], members[ID2]
        assert (zhang.name, zhang.gender, zhang.birth_date) == ("张三", "男", date(1980, 1, 1))
        assert (zhang.estate, zhang.building, zhang.entrance, zhang.room) == (
            "东风小区",
            "3",
            "2",
            "501",
        )
        assert zhang.joined_party_on == date(2006, 7, 1)
        assert (zhang.specialties, zhang.unit_id) == ("法律", registry[UNIT])
        assert (li.name, li.mobile, li.unit_id, li.estate) == (
            "李四",
            "13912345678",
            registry[OTHER_UNIT],
            "滨江花园",
        )
        assert li.birth_date == date(1985, 3, 4)
        assert members[ID5].joined_party_on == date(2001, 7, 1)
        for m in members.values():
            assert (m.name_pinyin, m.name_initials) != ("", "")
            assert m.id_reversed == m.id_number[::-1]
            assert m.uid and m.origin == "511502003012" and m.version == 1 and m.updated_at
            checkin = session.get(CheckIn, m.latest_checkin_id)
            assert checkin is not None and checkin.member_id == m.id
            assert (checkin.status, checkin.channel) == ("在册", "随单位集中")
            assert checkin.serial and checkin.uid and checkin.origin
        assert zhang.name_pinyin == "zhangsan"
        first = session.get(CheckIn, zhang.latest_checkin_id)
        assert first is not None
        assert (first.checked_in_on, first.grid_id, first.posts) == (
            date(2024, 3, 5),
            registry[GRID],
            "政策宣传、环境整治",
        )
        second = session.get(CheckIn, li.latest_checkin_id)
        assert second is not None and second.checked_in_on == date.today()
        summary = session.scalars(select(AuditEntry).where(AuditEntry.action == "import")).one()
        assert summary.table_name == "member" and "教体局花名册.xlsx" in summary.summary
        assert "新增 3" in summary.summary and "警告 1" in summary.summary
        assert "拒绝 5" in summary.summary


def test_backup_before_real_import_only(
    db: Database, paths: AppPaths, registry: dict[str, int], messy: Path
) -> None:
    dry = import_roster(db, messy, actor=Actor.system(), paths=paths, dry_run=True)
    assert dry.dry_run and dry.imported == 3 and not dry.backup_file
    assert list_backups(paths) == []
    report = import_roster(db, messy, actor=Actor.system(), paths=paths)
    backups = list_backups(paths)
    assert [b.reason for b in backups] == ["before-import"]
    assert report.backup_file == str(backups[0].path)


def test_dry_run_writes_nothing(
    db: Database, paths: AppPaths, registry: dict[str, int], messy: Path
) -> None:
    before = db_state(db)
    report = import_roster(
        db, messy, actor=Actor.system(), paths=paths, dry_run=True, create_units=True
    )
    assert report.imported == 4 and report.new_units == ("宜宾市某某公司",)
    assert db_state(db) == before


def test_second_import_unchanged_then_phone_change_updates(
    db: Database, paths: AppPaths, registry: dict[str, int], tmp_path: Path
) -> None:
    rows = [HEADER, _row(1, "张三", ID1), _row(2, "李四", ID2)]
    first = write_book(tmp_path / "a.xlsx", rows)
    assert import_roster(db, first, actor=Actor.system(), paths=paths).imported == 2
    again = import_roster(db, first, actor=Actor.system(), paths=paths)
    assert [r.outcome for r in again.rows] == [Outcome.UNCHANGED, Outcome.UNCHANGED]
    assert again.checkins == 0

    rows[2] = _row(2, "李四", ID2, 联系电话="13900001111", 网格=GRID)
    changed = write_book(tmp_path / "b.xlsx", rows)
    report = import_roster(db, changed, actor=Actor.system(), paths=paths)
    assert [r.outcome for r in report.rows] == [Outcome.UNCHANGED, Outcome.UPDATED]
    assert report.rows[1].reason == "修改：手机号码、网格"
    with db.reading() as session:
        li = session.scalars(select(Member).where(Member.id_number == ID2)).one()
        assert (li.mobile, li.version) == ("13900001111", 2)
        assert (
            session.scalar(select(CheckIn.grid_id).where(CheckIn.member_id == li.id))
            == registry[GRID]
        )
        assert session.query(CheckIn).count() == 2  # not checked in again
        entry = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "update", AuditEntry.record_uid == li.uid)
        ).one()
        assert "139****1111" in entry.changes and "13900001111" not in entry.changes


def test_empty_cells_keep_registered_data(
    db: Database, paths: AppPaths, registry: dict[str, int], tmp_path: Path
) -> None:
    full = write_book(
        tmp_path / "a.xlsx", [HEADER, _row(1, "张三", ID1, 特长="法律", 现住址="东风小区")]
    )
    import_roster(db, full, actor=Actor.system(), paths=paths)
    sparse = write_book(tmp_path / "b.xlsx", [["姓名", "身份证号"], ["张三", ID1]])
    report = import_roster(db, sparse, actor=Actor.system(), paths=paths)
    assert report.rows[0].outcome is Outcome.UNCHANGED


def test_moved_out_member_checks_in_again(
    db: Database, paths: AppPaths, registry: dict[str, int], tmp_path: Path
) -> None:
    book = write_book(tmp_path / "a.xlsx", [HEADER, _row(1, "张三", ID1, 报到日期="2023-01-02")])
    import_roster(db, book, actor=Actor.system(), paths=paths)
    with db.reading() as session:
        member = session.scalars(select(Member)).one()
        old_checkin = member.latest_checkin_id
    move_out(db, member.id, on=date(2023, 6, 1), reason="调离", actor=Actor.system())
    again = write_book(tmp_path / "b.xlsx", [HEADER, _row(1, "张三", ID1, 报到日期="2024-02-03")])
    report = import_roster(db, again, actor=Actor.system(), paths=paths)
    row = report.rows[0]
    assert (row.outcome, row.returning, row.reason) == (Outcome.NEW, True, "曾迁出，重新报到")
    with db.reading() as session:
        member = session.scalars(select(Member)).one()
        checkins = list(session.scalars(select(CheckIn).order_by(CheckIn.id)))
        assert [c.status for c in checkins] == ["迁出", "在册"]
        assert member.latest_checkin_id == checkins[1].id != old_checkin
        assert checkins[1].checked_in_on == date(2024, 2, 3)
        assert checkins[0].serial != checkins[1].serial


def test_create_units_registers_them(
    db: Database, paths: AppPaths, registry: dict[str, int], tmp_path: Path
) -> None:
    rows = [
        ["姓名", "身份证", "手机", "单位名称", "单位类别"],
        ["张三", ID1, "13812345678", "宜宾市某某科技有限公司", "②非公有制企业"],
        ["李四", ID2, "13812345679", "宜宾市某某科技有限公司", ""],
        ["王五", ID3, "13812345670", "某某协会", None],
    ]
    book = write_book(tmp_path / "a.xlsx", rows)
    refused = analyse_roster(db, book)
    assert refused.valid == 0 and refused.unknown_units == ("宜宾市某某科技有限公司", "某某协会")
    report = import_roster(db, book, actor=Actor.system(), paths=paths, create_units=True)
    assert report.imported == 3 and report.new_units == ("宜宾市某某科技有限公司", "某某协会")
    with db.reading() as session:
        units = {u.name: u for u in session.scalars(select(Unit))}
        assert units["宜宾市某某科技有限公司"].category == 2
        assert units["某某协会"].category == 9
        ids = {m.name: m.unit_id for m in session.scalars(select(Member))}
        assert ids == {
            "张三": units["宜宾市某某科技有限公司"].id,
            "李四": units["宜宾市某某科技有限公司"].id,
            "王五": units["某某协会"].id,
        }
        created = session.query(AuditEntry).filter_by(action="create", table_name="unit").count()
        assert created == 2 + 2  # the two of the registry fixture, the two of the import


def test_unit_from_the_title_line(
    db: Database, paths: AppPaths, registry: dict[str, int], tmp_path: Path
) -> None:
    book = write_book(
        tmp_path / "a.xlsx",
        [["姓名", "身份证号码", "手机号码"], ["张三", ID1, "13812345678"]],
        unit_line=f"填报单位（盖章）：中共{OTHER_UNIT}委员会    填报日期：2024.5.6",
    )
    report = import_roster(db, book, actor=Actor.system(), paths=paths)
    assert report.unit_from_title == f"中共{OTHER_UNIT}委员会"
    with db.reading() as session:
        assert session.scalars(select(Member.unit_id)).one() == registry[OTHER_UNIT]


def test_merged_unit_cells_and_later_sheet(
    db: Database, paths: AppPaths, registry: dict[str, int], tmp_path: Path
) -> None:
    rows = [
        ["序号", "工作单位", "姓名", "身份证号", "手机号码"],
        [1, UNIT, "张三", ID1, "13812345678"],
        [2, None, "李四", ID2, "13812345679"],
        [3, None, "王五", ID3, "13812345670"],
    ]
    book = write_book(
        tmp_path / "a.xlsx", rows, merges=["B3:B5"], sheet_name="党员名单", before=["封面"]
    )
    report = import_roster(db, book, actor=Actor.system(), paths=paths)
    assert (report.sheet, report.header_row, report.imported) == ("党员名单", 2, 3)
    with db.reading() as session:
        assert set(session.scalars(select(Member.unit_id))) == {registry[UNIT]}


def test_cancel_during_the_write_leaves_the_database_as_it_was(
    db: Database, paths: AppPaths, registry: dict[str, int], messy: Path
) -> None:
    before = db_state(db)
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) >= 3  # past the pre-backup check, inside the write

    with pytest.raises(CancelledError, match="已取消导入"):
        import_roster(db, messy, actor=Actor.system(), paths=paths, cancelled=cancelled)
    assert len(list_backups(paths)) == 1  # the write phase had started
    assert db_state(db) == before


def test_unexpected_error_mid_way_leaves_the_database_as_it_was(
    db: Database,
    paths: AppPaths,
    registry: dict[str, int],
    messy: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import djdesk.services.checkin.writes as writes_module

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    before = db_state(db)
    monkeypatch.setattr(writes_module, "allocate_serials", broken)
    with pytest.raises(RuntimeError, match="disk on fire"):
        import_roster(db, messy, actor=Actor.system(), paths=paths)
    assert db_state(db) == before


def test_viewer_may_check_but_not_import(
    db: Database, paths: AppPaths, registry: dict[str, int], messy: Path
) -> None:
    from djdesk.actor import Role
    from djdesk.errors import PermissionDeniedError

    viewer = Actor("v", "查看员", Role.VIEWER)
    assert import_roster(db, messy, actor=viewer, paths=paths, dry_run=True).imported == 3
    with pytest.raises(PermissionDeniedError):
        import_roster(db, messy, actor=viewer, paths=paths)


def test_deleted_member_with_active_checkin_is_restored_not_checked_in_twice(
    db: Database, paths: AppPaths, registry: dict[str, int], tmp_path: Path
) -> None:
    book = write_book(tmp_path / "a.xlsx", [HEADER, _row(1, "张三", ID1)])
    import_roster(db, book, actor=Actor.system(), paths=paths)
    with db.unit_of_work(Actor.system()) as session:
        session.scalars(select(Member)).one().mark_deleted()
    report = import_roster(db, book, actor=Actor.system(), paths=paths)
    assert (report.rows[0].outcome, report.rows[0].reason) == (
        Outcome.UPDATED,
        "修改：恢复已删除的记录",
    )
    with db.reading() as session:
        assert session.scalars(select(Member)).one().deleted_at is None
        assert session.query(CheckIn).count() == 1
