"""The check-in rules: validation at each field, one active check-in per ID number, moving out
and back in keeps the history, search finds members as the clerk types, the list pages."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from djdesk.actor import Actor, Role
from djdesk.db.session import Database
from djdesk.errors import NotFoundError, PermissionDeniedError, ValidationErrors
from djdesk.services.checkin import checkins, members, units
from djdesk.services.checkin.grids import list_grids, list_posts, save_grid, save_post
from djdesk.services.checkin.member_rules import MemberInput, validate_member
from djdesk.services.site.identity import SiteInfo

ADMIN = Actor.system()
CLERK = Actor("clerk", "张前台", Role.CLERK, 2)
TODAY = date(2026, 11, 23)
ZENG = MemberInput(
    name="曾国藩",
    id_number="34052419800101001x",
    mobile="+86 138 1234 5678",
    estate="东风小区",
    building="3",
    entrance="2",
    room="501",
    specialties=("法律", "宣讲"),
    available_times=("周末",),
    joined_party_on=date(2005, 7, 1),
)


@pytest.fixture
def unit_id(db: Database, site: SiteInfo) -> int:
    return units.save_unit(
        db,
        units.UnitInput(
            name="宜宾市翠屏区教育和体育局",
            category=4,
            uscc="91350100M000100Y43",
            party_org="中共宜宾市翠屏区教育和体育局机关委员会",
            declared_members=10,
        ),
        actor=ADMIN,
    ).id


def _errors(data: MemberInput) -> dict[str, str]:
    with pytest.raises(ValidationErrors) as info:
        validate_member(data, today=TODAY)
    return {e.field: e.reason for e in info.value.errors}


def test_validation_names_each_field() -> None:
    clean = validate_member(ZENG, today=TODAY)
    assert clean.id_number == "34052419800101001X" and clean.gender == "男"
    assert clean.birth_date == date(1980, 1, 1) and clean.mobile == "13812345678"
    errors = _errors(
        replace(
            ZENG,
            name="",
            id_number="340524198001010013",
            mobile="12345",
            gender="女",
            political_status="群众",
        )
    )
    assert errors["name"] == "不能为空"
    assert "校验位" in errors["id_number"]
    assert "11 位手机号" in errors["mobile"]
    assert "只能是" in errors["political_status"]
    assert "与公民身份号码不符" in _errors(replace(ZENG, gender="女"))["gender"]
    assert "至少填写一项" in _errors(replace(ZENG, mobile=""))["mobile"]
    assert "18 周岁" in _errors(replace(ZENG, joined_party_on=date(1990, 1, 1)))["joined_party_on"]
    assert "不合理" in _errors(replace(ZENG, id_number="110101203001010015"))["id_number"]


def test_check_in_numbers_and_card(db: Database, unit_id: int) -> None:
    grid = save_grid(db, name="东风一网格", leader="李网格", phone="13900000000", actor=ADMIN)
    result = checkins.check_in(
        db,
        replace(ZENG, unit_id=unit_id),
        checkins.CheckInInput(checked_in_on=TODAY, grid_id=grid.id, posts=("政策宣传", "法律服务")),
        actor=CLERK,
    )
    assert result.serial == "东风社区报〔2026〕第001号" and not result.returning
    card = members.get_member_card(db, result.member_id)
    assert card.status == "在册" and card.unit_name == "宜宾市翠屏区教育和体育局"
    assert card.current is not None and card.current.grid_name == "东风一网格"
    assert card.current.posts == ("政策宣传", "法律服务")
    assert card.address == "东风小区3栋2单元501室"
    assert card.id_masked == "340***********001X"


def test_one_active_check_in_per_id_number(db: Database, unit_id: int) -> None:
    first = checkins.check_in(db, ZENG, checkins.CheckInInput(checked_in_on=TODAY), actor=CLERK)
    with pytest.raises(ValidationErrors) as info:
        checkins.check_in(
            db,
            replace(ZENG, id_number="34052419800101001X"),
            checkins.CheckInInput(checked_in_on=TODAY),
            actor=CLERK,
        )
    message = info.value.errors[0].reason
    assert "已于 2026-11-23" in message and first.serial in message


def test_move_out_and_back_keeps_history(db: Database, site: SiteInfo) -> None:
    first = checkins.check_in(
        db, ZENG, checkins.CheckInInput(checked_in_on=date(2025, 3, 1)), actor=CLERK
    )
    with pytest.raises(ValidationErrors):
        checkins.move_out(db, first.member_id, on=TODAY, reason=" ", actor=CLERK)
    checkins.move_out(db, first.member_id, on=date(2025, 9, 1), reason="搬离本社区", actor=CLERK)
    with pytest.raises(NotFoundError):
        checkins.move_out(db, first.member_id, on=TODAY, reason="再次", actor=CLERK)
    again = checkins.check_in(
        db,
        replace(ZENG, mobile="13900001111"),
        checkins.CheckInInput(checked_in_on=TODAY),
        actor=CLERK,
    )
    assert again.returning and again.member_id == first.member_id
    card = members.get_member_card(db, first.member_id)
    assert [c.status for c in card.history] == ["在册", "迁出"]
    assert card.history[1].moved_out_reason == "搬离本社区"
    assert card.data.mobile == "13900001111"


def test_unknown_references_are_refused(db: Database, unit_id: int) -> None:
    units.set_unit_status(db, unit_id, True, actor=ADMIN)
    with pytest.raises(ValidationErrors) as info:
        checkins.check_in(
            db,
            replace(ZENG, unit_id=unit_id),
            checkins.CheckInInput(checked_in_on=TODAY, posts=("不存在的岗位",)),
            actor=CLERK,
        )
    fields = {e.field: e.reason for e in info.value.errors}
    assert "已撤销" in fields["unit_id"] and "不存在的岗位" in fields["posts"]


def test_viewer_cannot_check_in(db: Database, site: SiteInfo) -> None:
    viewer = Actor("street", "街道查看", Role.VIEWER, 3)
    with pytest.raises(PermissionDeniedError):
        checkins.check_in(db, ZENG, checkins.CheckInInput(checked_in_on=TODAY), actor=viewer)


def test_search_as_you_type(db: Database, site: SiteInfo) -> None:
    people = [
        ("曾国藩", "34052419800101001X", "13812345678"),
        ("单雄信", "110101199003070038", "13987654321"),
        ("张三丰", "511502197505050015", "15011112222"),
    ]
    for name, idn, mobile in people:
        checkins.check_in(
            db,
            MemberInput(name=name, id_number=idn, mobile=mobile),
            checkins.CheckInInput(checked_in_on=TODAY),
            actor=CLERK,
        )

    def found(text: str) -> list[str]:
        return [h.name for h in members.search_members(db, text)]

    assert found("曾") == ["曾国藩"]
    assert found("zgf") == ["曾国藩"]
    assert found("zeng") == ["曾国藩"]
    assert found("sxx") == ["单雄信"]  # 单 read as shan, not dan
    assert found("1398") == ["单雄信"]  # mobile prefix
    assert found("001x") == ["曾国藩"]  # ID suffix, lower-case x
    assert found("0015") == ["张三丰"]
    assert found("13") == []  # too short for digits
    hit = members.search_members(db, "张")[0]
    assert hit.id_masked == "511***********0015" and hit.mobile_masked == "150****2222"


def test_paged_list_filters_and_reveal(db: Database, unit_id: int) -> None:
    grid = save_grid(db, name="滨江网格", actor=ADMIN)
    for n, (name, idn) in enumerate(
        [
            ("王一", "110101199001010015"),
            ("王二", "110101199001010031"),
            ("李三", "110101199001010058"),
        ]
    ):
        checkins.check_in(
            db,
            MemberInput(
                name=name, id_number=idn, mobile=f"1380000000{n}", unit_id=unit_id if n else None
            ),
            checkins.CheckInInput(
                checked_in_on=date(2025 + n % 2, 5, 1),
                grid_id=grid.id if n == 2 else None,
                posts=("治安巡逻",) if n == 1 else (),
            ),
            actor=CLERK,
        )
    flt = members.MemberFilter
    assert members.count_members(db, flt()) == 3
    assert members.count_members(db, flt(unit_id=unit_id)) == 2
    assert members.count_members(db, flt(grid_id=grid.id)) == 1
    assert members.count_members(db, flt(post="治安巡逻")) == 1
    assert members.count_members(db, flt(year=2026)) == 1
    assert members.count_members(db, flt(status="迁出")) == 0
    page = members.member_page(db, flt(), sort="name", limit=2)
    assert [r.name for r in page] == ["李三", "王二"]  # pinyin order: li < wang
    assert page[0].id_masked.startswith("110***")
    assert [r.name for r in members.member_page(db, flt(), offset=2)] == ["王一"]
    full = members.reveal_id_number(db, page[0].member_id, actor=ADMIN)
    assert full == "110101199001010058"
    with pytest.raises(PermissionDeniedError):
        members.reveal_id_number(db, page[0].member_id, actor=CLERK)


def test_grids_and_posts_admin(db: Database, site: SiteInfo) -> None:
    assert len(list_posts(db)) == 14
    post = save_post(db, name="助老服务", actor=ADMIN)
    assert list_posts(db)[-1] == post
    with pytest.raises(ValidationErrors):
        save_post(db, name="助老服务", actor=ADMIN)
    with pytest.raises(PermissionDeniedError):
        save_grid(db, name="新网格", actor=CLERK)
    save_grid(db, name="新网格", phone="0831-8221234", actor=ADMIN)
    assert [g.name for g in list_grids(db)] == ["新网格"]


def test_units_validation_and_counts(db: Database, unit_id: int) -> None:
    with pytest.raises(ValidationErrors) as info:
        units.save_unit(
            db,
            units.UnitInput(name="宜宾市翠屏区教育和体育局", uscc="91350100M000100Y44"),
            actor=ADMIN,
        )
    assert {e.field for e in info.value.errors} == {"uscc"}
    with pytest.raises(ValidationErrors) as info:
        units.save_unit(db, units.UnitInput(name="宜宾市翠屏区教育和体育局"), actor=ADMIN)
    assert "同名" in info.value.errors[0].reason
    checkins.check_in(
        db, replace(ZENG, unit_id=unit_id), checkins.CheckInInput(checked_in_on=TODAY), actor=CLERK
    )
    unit = units.list_units(db, query="教育")[0]
    assert unit.reported_members == 1 and unit.category_label == "④党政机关"
