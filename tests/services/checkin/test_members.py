"""Finding and listing members: as-you-type search, the member card, the paged list with its
filters and sort keys, and revealing a full ID number (administrators only, audited)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from sqlalchemy import select

from djdesk.actor import Actor, Role
from djdesk.db.models.accounts import AuditEntry
from djdesk.db.models.checkin import Member
from djdesk.db.session import Database
from djdesk.errors import NotFoundError, PermissionDeniedError
from djdesk.services.checkin import members
from djdesk.services.checkin.checkins import CheckInInput, check_in, move_out, update_member
from djdesk.services.checkin.grids import list_grids, save_grid
from djdesk.services.checkin.member_rules import MemberInput
from djdesk.services.checkin.units import UnitInput, list_units, save_unit
from djdesk.services.site.identity import SiteInfo
from tests.helpers.checkin_registry import employer
from tests.helpers.roster_sheets import make_id

ADMIN = Actor.system()
CLERK = Actor("clerk", "张前台", Role.CLERK, 2)
TODAY = date(2026, 11, 23)
MemberFilter = members.MemberFilter


def _check_in(
    db: Database,
    name: str,
    idn: str,
    mobile: str,
    *,
    on: date = TODAY,
    member: dict[str, Any] | None = None,
    **arrival: Any,
) -> int:
    details = {"unit_id": employer(db), **(member or {})}
    data = MemberInput(name=name, id_number=idn, mobile=mobile, **details)
    arrives = CheckInInput(checked_in_on=on, **arrival)
    return check_in(db, data, arrives, actor=CLERK, today=TODAY).member_id


def test_search_as_you_type(db: Database, site: SiteInfo) -> None:
    people = [
        ("曾国藩", "34052419800101001X", "13812345678"),
        ("单雄信", "110101199003070038", "13987654321"),
        ("张三丰", "511502197505050015", "15011112222"),
    ]
    for name, idn, mobile in people:
        _check_in(db, name, idn, mobile)

    def found(text: str) -> list[str]:
        return [h.name for h in members.search_members(db, text)]

    assert found("曾") == ["曾国藩"]
    assert found("zgf") == ["曾国藩"]
    assert found("ZENG") == ["曾国藩"]
    assert found("sxx") == ["单雄信"]  # 单 read as shan, not dan
    assert found("1398") == ["单雄信"]  # mobile prefix
    assert found("001x") == ["曾国藩"]  # ID suffix, lower-case x
    assert found("0015") == ["张三丰"]
    assert found("13") == []  # too short for digits
    assert found("  ") == [] and found("？") == []
    hit = members.search_members(db, "张")[0]
    assert hit.id_masked == "511***********0015" and hit.mobile_masked == "150****2222"
    assert (hit.status, hit.checked_in_on, hit.gender) == ("在册", TODAY, "男")


def test_search_orders_by_pinyin_limits_and_skips_deleted(db: Database, site: SiteInfo) -> None:
    names = ["王五", "王二", "王一", "王三"]
    idns = ["110101199001010015", "110101199001010031", "110101199001010058", "110101199001010074"]
    ids = [
        _check_in(db, name, idn, f"1380000000{n}")
        for n, (name, idn) in enumerate(zip(names, idns, strict=True))
    ]
    assert [h.name for h in members.search_members(db, "王")] == ["王二", "王三", "王五", "王一"]
    assert len(members.search_members(db, "王", limit=2)) == 2
    with db.unit_of_work(ADMIN) as session:
        row = session.get(Member, ids[0])
        assert row is not None
        row.mark_deleted()
    assert "王五" not in [h.name for h in members.search_members(db, "wang")]


def test_member_card_shows_history_newest_first(db: Database, site: SiteInfo) -> None:
    unit = save_unit(db, UnitInput(name="宜宾学院", category=5), actor=ADMIN)
    grid = save_grid(db, name="东风一网格", actor=ADMIN)
    details = {"unit_id": unit.id, "estate": "东风小区", "building": "3", "room": "501"}
    member_id = _check_in(
        db,
        "曾国藩",
        "34052419800101001X",
        "13812345678",
        on=date(2024, 5, 6),
        grid_id=grid.id,
        posts=("政策宣传",),
        member=details,
    )
    move_out(db, member_id, on=date(2025, 1, 2), reason="工作调动", actor=CLERK, today=TODAY)
    _check_in(db, "曾国藩", "34052419800101001X", "13812345678", member=details)
    card = members.get_member_card(db, member_id)
    assert (card.status, card.unit_name, card.unit_category) == ("在册", "宜宾学院", 5)
    assert [(c.status, c.checked_in_on) for c in card.history] == [
        ("在册", TODAY),
        ("迁出", date(2024, 5, 6)),
    ]
    old = card.history[1]
    assert (old.grid_name, old.posts, old.moved_out_reason) == (
        "东风一网格",
        ("政策宣传",),
        "工作调动",
    )
    assert card.current is card.history[0] and card.current.serial.startswith("东风社区报〔2026〕")
    assert card.address == "东风小区3栋501室"
    assert card.data.mobile == "13812345678"  # stored whole; views mask it
    with pytest.raises(NotFoundError):
        members.get_member_card(db, 999)


@pytest.fixture
def three(db: Database, site: SiteInfo) -> dict[str, int]:
    """王一 (no unit, 2025), 王二 (unit, 2026, 治安巡逻), 李三 (unit, 2025, grid), by name."""
    unit = save_unit(db, UnitInput(name="宜宾市翠屏区教育和体育局", category=4), actor=ADMIN)
    grid = save_grid(db, name="滨江网格", actor=ADMIN)
    ids = {"unit": unit.id, "grid": grid.id}
    people = [("王一", "110101199001010015"), ("王二", "110101199001010031")]
    people.append(("李三", "110101199001010058"))
    for n, (name, idn) in enumerate(people):
        ids[name] = _check_in(
            db,
            name,
            idn,
            f"1380000000{n}",
            on=date(2025 + n % 2, 5, 1),
            grid_id=grid.id if n == 2 else None,
            posts=("治安巡逻",) if n == 1 else (),
            member={"unit_id": unit.id},
        )
    # 王一's unit was struck off later (a correction may leave it empty; a check-in may not).
    no_unit = MemberInput(name="王一", id_number=people[0][1], mobile="13800000000")
    update_member(db, ids["王一"], no_unit, actor=CLERK)
    return ids


def test_paged_list_filters(db: Database, three: dict[str, int]) -> None:
    def count(**kwargs: object) -> int:
        return members.count_members(db, MemberFilter(**kwargs))  # type: ignore[arg-type]

    assert count() == 3
    assert count(unit_id=three["unit"]) == 2
    assert count(grid_id=three["grid"]) == 1
    assert count(post="治安巡逻") == 1
    assert count(year=2026) == 1 and count(year=2025) == 2
    assert count(text="wang") == 2 and count(text="李") == 1
    assert count(status="在册") == 3 and count(status="迁出") == 0
    assert count(status="未报到") == 0
    move_out(db, three["李三"], on=date(2025, 6, 1), reason="搬离", actor=CLERK, today=TODAY)
    assert count(status="迁出") == 1 and count(status="在册") == 2
    page = members.member_page(db, MemberFilter(status="迁出"))
    assert [(r.name, r.status, r.grid_name) for r in page] == [("李三", "迁出", "滨江网格")]


def test_paged_list_sorts_and_pages(db: Database, three: dict[str, int]) -> None:
    flt = MemberFilter()
    page = members.member_page(db, flt, sort="name", limit=2)
    assert [r.name for r in page] == ["李三", "王二"]  # pinyin order: li < wang
    assert [r.name for r in members.member_page(db, flt, offset=2)] == ["王一"]
    newest = members.member_page(db, flt, sort="checked_in_on", descending=True)
    assert newest[0].name == "王二" and newest[0].checked_in_on == date(2026, 5, 1)
    by_unit = members.member_page(db, flt, sort="unit")
    assert [r.unit_name for r in by_unit] == [  # members without a unit come last
        "宜宾市翠屏区教育和体育局",
        "宜宾市翠屏区教育和体育局",
        "",
    ]
    unknown_key = members.member_page(db, flt, sort="no-such-key")
    assert unknown_key == page + members.member_page(db, flt, offset=2)  # sorted by name
    row = page[0]
    assert row.id_masked.startswith("110***") and row.mobile_masked == "138****0002"
    assert row.serial.startswith("东风社区报〔2025〕")


def test_reveal_is_for_administrators_and_audited(db: Database, three: dict[str, int]) -> None:
    assert members.reveal_id_number(db, three["李三"], actor=ADMIN) == "110101199001010058"
    with pytest.raises(PermissionDeniedError):
        members.reveal_id_number(db, three["李三"], actor=CLERK)
    with pytest.raises(NotFoundError):
        members.reveal_id_number(db, 999, actor=ADMIN)
    with db.reading() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.action == "reveal")).one()
    assert entry.summary == "查看 李三 的完整证件号"


def test_grids_and_units_in_the_natural_order_of_their_names(db: Database, site: SiteInfo) -> None:
    names = ["东风三网格", "东风十一网格", "东风一网格", "东风二网格", "东风十网格"]
    grids = {name: save_grid(db, name=name, actor=ADMIN).id for name in names}
    expected = ["东风一网格", "东风二网格", "东风三网格", "东风十网格", "东风十一网格"]
    assert [g.name for g in list_grids(db)] == expected
    for n, name in enumerate(reversed(names)):
        _check_in(
            db, f"党员{n}", make_id(date(1980, 1, 1 + n)), f"1390000000{n}", grid_id=grids[name]
        )
    page = members.member_page(db, MemberFilter(), sort="grid")
    assert [r.grid_name for r in page] == expected
    page = members.member_page(db, MemberFilter(), sort="grid", descending=True)
    assert [r.grid_name for r in page] == expected[::-1]
    for name in ("第10党支部", "第2党支部"):
        save_unit(db, UnitInput(name=name, category=9), actor=ADMIN)
    units = [u.name for u in list_units(db) if u.name.startswith("第")]
    assert units == ["第2党支部", "第10党支部"]


def test_phone_and_id_tails_and_unit_names_are_found(db: Database, site: SiteInfo) -> None:
    unit = save_unit(db, UnitInput(name="宜宾市翠屏区税务局", category=4), actor=ADMIN).id
    wang = _check_in(
        db, "王芳", make_id(date(1985, 3, 12)), "13908316987", member={"unit_id": unit}
    )
    li = _check_in(db, "李娜", make_id(date(1979, 6, 20)), "13508310154")
    assert [h.member_id for h in members.search_members(db, "6987")] == [wang]
    assert [h.member_id for h in members.search_members(db, "0154")] == [li]
    assert [h.member_id for h in members.search_members(db, "13508310154")] == [li]
    assert [h.member_id for h in members.search_members(db, "1350")] == [li]  # the start too
    assert members.count_members(db, MemberFilter(text="税务")) == 1  # a unit's name
    assert members.count_members(db, MemberFilter(text="6987")) == 1
