"""Roster references the community does not have are warnings, not refusals: unknown grids and
posts are left out (警告) and the row is imported; ``create_grids`` creates the missing grids
first. Rows are matched against this site's records only."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from sqlalchemy import select

from djdesk.actor import Actor
from djdesk.db.models.accounts import AuditEntry
from djdesk.db.models.checkin import CheckIn, Grid, Member
from djdesk.db.session import Database
from djdesk.paths import AppPaths
from djdesk.services.checkin.grids import save_grid
from djdesk.services.checkin.roster_import import Outcome, analyse_roster, import_roster
from tests.helpers.checkin_registry import GRID
from tests.helpers.roster_sheets import UNIT, db_state, make_id, write_book
from tests.services.checkin.foreign import OTHER, add_foreign_grid, add_foreign_member

HEADER = ["序号", "姓名", "公民身份号码", "联系电话", "工作单位", "所属网格", "服务岗位"]
SYSTEM = Actor.system()


def real_roster(path: Path, count: int = 8) -> Path:
    """A unit's roster whose 所属网格 are 第1网格 … 第8网格 (not grids of this community)."""
    rows: list[list[object]] = [HEADER]
    for n in range(1, count + 1):
        idn = make_id(date(1980, 1, n), 123)
        rows.append([n, f"党员{n}", idn, f"1381234{n:04d}", UNIT, f"第{n}网格", "政策宣传"])
    return write_book(path, rows)


def _checkin_grids(db: Database) -> dict[str, str | None]:
    with db.reading() as session:
        stmt = (
            select(Member.name, Grid.name)
            .select_from(CheckIn)
            .join(CheckIn.member)
            .outerjoin(CheckIn.grid)
        )
        return dict(session.execute(stmt).all())


def test_unknown_grids_are_warnings_and_every_row_imports(
    db: Database, paths: AppPaths, registry: dict[str, int], tmp_path: Path
) -> None:
    book = real_roster(tmp_path / "花名册.xlsx")
    dry = analyse_roster(db, book)
    assert [r.outcome for r in dry.rows] == [Outcome.WARNED] * 8
    assert sum(dry.count(o) for o in Outcome) == len(dry.rows)
    assert dry.valid == 8 and dry.imported == 0 and dry.written(Outcome.NEW) == 8
    assert dry.unknown_grids == tuple(f"第{n}网格" for n in range(1, 9))
    assert dry.rows[1].message == (
        "第 4 行：新增；网格“第2网格”不存在，网格留空（可选择同时新建缺少的网格）"
    )
    assert dry.rows[1].warnings == ("网格“第2网格”不存在，网格留空（可选择同时新建缺少的网格）",)

    report = import_roster(db, book, actor=SYSTEM, paths=paths)
    assert report.summary() == (
        "导入完成：新增 0 名，更新 0 名，未变 0 名，警告 8 行（已导入：新增 8 名、更新 0 名），"
        "拒绝 0 行。"
    )
    assert report.as_json()["new_members"] == 8
    assert report.as_json()["warned"][0] == {
        "row": 3,
        "action": "新增",
        "reason": "新增；网格“第1网格”不存在，网格留空（可选择同时新建缺少的网格）",
    }
    assert _checkin_grids(db) == {f"党员{n}": None for n in range(1, 9)}
    with db.reading() as session:
        summary = session.scalars(select(AuditEntry).where(AuditEntry.action == "import")).one()
        assert "警告 8" in summary.summary and "拒绝 0" in summary.summary


def test_create_grids_creates_them_first(
    db: Database, paths: AppPaths, registry: dict[str, int], tmp_path: Path
) -> None:
    book = real_roster(tmp_path / "花名册.xlsx", count=3)
    before = db_state(db)
    dry = analyse_roster(db, book, create_grids=True)
    assert [r.outcome for r in dry.rows] == [Outcome.NEW] * 3
    assert (dry.new_grids, dry.unknown_grids) == (("第1网格", "第2网格", "第3网格"), ())
    assert dry.rows[0].reason == "网格“第1网格”随导入新建"
    assert db_state(db) == before

    report = import_roster(db, book, actor=SYSTEM, paths=paths, create_grids=True)
    assert report.imported == 3 and report.new_grids == ("第1网格", "第2网格", "第3网格")
    assert _checkin_grids(db) == {"党员1": "第1网格", "党员2": "第2网格", "党员3": "第3网格"}
    with db.reading() as session:
        grids = {g.name: g for g in session.scalars(select(Grid))}
        created = session.scalars(
            select(AuditEntry.record_uid).where(
                AuditEntry.action == "create", AuditEntry.table_name == "grid"
            )
        ).all()
        summary = session.scalars(select(AuditEntry).where(AuditEntry.action == "import")).one()
    assert all(g.active and g.origin == "511502003012" for g in grids.values())
    assert {grids[f"第{n}网格"].uid for n in range(1, 4)} <= set(created)
    assert "第1网格" in summary.changes  # grids_created in the summary's details


def test_inactive_grid_is_a_warning_even_with_create_grids(
    db: Database, paths: AppPaths, registry: dict[str, int], tmp_path: Path
) -> None:
    save_grid(db, name="第1网格", active=False, actor=SYSTEM)
    report = analyse_roster(db, real_roster(tmp_path / "a.xlsx", count=1), create_grids=True)
    (row,) = report.rows
    assert (row.outcome, row.action) == (Outcome.WARNED, Outcome.NEW)
    assert row.warnings == ("网格“第1网格”已停用，网格留空",)
    assert report.new_grids == ()


def test_registered_member_keeps_grid_and_posts_named_wrongly(
    db: Database, paths: AppPaths, registry: dict[str, int], tmp_path: Path
) -> None:
    idn = make_id(date(1980, 1, 1), 123)
    first = write_book(
        tmp_path / "a.xlsx", [HEADER, [1, "党员1", idn, "13812340001", UNIT, GRID, "政策宣传"]]
    )
    import_roster(db, first, actor=SYSTEM, paths=paths)
    later = write_book(
        tmp_path / "b.xlsx",
        [HEADER, [1, "党员1", idn, "13812340001", UNIT, "第9网格", "跳广场舞、环境整治"]],
    )
    report = import_roster(db, later, actor=SYSTEM, paths=paths)
    (row,) = report.rows
    assert (row.outcome, row.action) == (Outcome.WARNED, Outcome.UPDATED)
    assert row.reason == (
        "修改：认领岗位；网格“第9网格”不存在，网格留空（可选择同时新建缺少的网格）；"
        "认领岗位“跳广场舞”不在服务岗位清单中，未登记"
    )
    with db.reading() as session:
        checkin = session.scalars(select(CheckIn)).one()
    assert (checkin.grid_id, checkin.posts) == (registry[GRID], "环境整治")

    again = import_roster(db, later, actor=SYSTEM, paths=paths)  # nothing left to change
    assert (again.rows[0].outcome, again.rows[0].action) == (Outcome.WARNED, Outcome.UNCHANGED)
    assert again.rows[0].reason.startswith("未变；网格“第9网格”不存在")


def test_rows_match_this_sites_records_only(
    db: Database, paths: AppPaths, registry: dict[str, int], tmp_path: Path
) -> None:
    theirs = add_foreign_member(db, make_id(date(1980, 1, 1), 123), name="党员1")
    add_foreign_grid(db, "第1网格")
    report = import_roster(db, real_roster(tmp_path / "a.xlsx", count=1), actor=SYSTEM, paths=paths)
    (row,) = report.rows
    assert (row.action, row.returning) == (Outcome.NEW, False)  # not the other site's member
    assert row.warnings[0].startswith("网格“第1网格”不存在")  # nor the other site's grid
    with db.reading() as session:
        origins = dict(session.execute(select(Member.id, Member.origin)).all())
    assert origins[theirs] == OTHER and sorted(origins.values()) == ["511502003012", OTHER]


def test_a_row_without_a_work_unit_is_a_warning(
    db: Database, paths: AppPaths, registry: dict[str, int], tmp_path: Path
) -> None:
    rows: list[list[object]] = [HEADER]
    rows.append([1, "党员甲", make_id(date(1980, 1, 1), 123), "13812340001", UNIT, GRID, ""])
    rows.append([2, "党员乙", make_id(date(1980, 1, 2), 123), "13812340002", "", GRID, ""])
    book = write_book(tmp_path / "花名册.xlsx", rows)
    dry = analyse_roster(db, book)
    assert [r.outcome for r in dry.rows] == [Outcome.NEW, Outcome.WARNED]
    assert dry.rows[1].warnings == ("未填工作单位（在职党员报到须有工作单位，请在名册中补填）",)
    report = import_roster(db, book, actor=SYSTEM, paths=paths)
    assert report.as_json()["new_members"] == 2
