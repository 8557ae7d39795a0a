"""The check-in rules: validation at each field, one active check-in per ID number, moving out
and back in keeps the history, dates judged on the caller's day, one write path (stamps and
audit), and another community's records neither found nor clashing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import event, select

from djdesk.actor import Actor, Role
from djdesk.db.models.accounts import AuditEntry
from djdesk.db.models.checkin import CheckIn, Member
from djdesk.db.session import Database
from djdesk.errors import NotFoundError, PermissionDeniedError, ValidationErrors
from djdesk.services.checkin import checkins, members, units
from djdesk.services.checkin.grids import save_grid
from djdesk.services.checkin.member_rules import (
    MemberInput,
    joined_party_problem,
    validate_member,
)
from djdesk.services.checkin.receipts import find_member_id
from djdesk.services.site.identity import SiteInfo
from tests.helpers.roster_sheets import make_id
from tests.services.checkin.foreign import add_foreign_member

ADMIN = Actor.system()
CLERK = Actor("clerk", "张前台", Role.CLERK, 2)
TODAY = date(2026, 11, 23)
#: The unit every test registers first (a check-in needs one): the first row, id 1.
UNIT_ID = 1
ZENG = MemberInput(
    unit_id=UNIT_ID,
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


@pytest.fixture(autouse=True)
def unit_id(db: Database, site: SiteInfo) -> int:
    """The employer unit of the members here (在职党员报到 needs one)."""
    unit = units.save_unit(
        db,
        units.UnitInput(
            name="宜宾市翠屏区教育和体育局",
            category=4,
            uscc="91350100M000100Y43",
            party_org="中共宜宾市翠屏区教育和体育局机关委员会",
            declared_members=10,
        ),
        actor=ADMIN,
    )
    assert unit.id == UNIT_ID
    return unit.id


def checkins_rules_problem(joined: date, born: date) -> str | None:
    return joined_party_problem(joined, born, today=TODAY)


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
    assert "晚于今天" in _errors(replace(ZENG, id_number="110101203001010015"))["id_number"]


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


def test_a_check_in_needs_the_employer_unit(db: Database) -> None:
    with pytest.raises(ValidationErrors) as info:
        checkins.check_in(
            db, replace(ZENG, unit_id=None), checkins.CheckInInput(checked_in_on=TODAY), actor=CLERK
        )
    assert [e.field for e in info.value.errors] == ["unit_id"]
    assert "在职党员报到须填写工作单位" in info.value.errors[0].reason


def test_joined_party_lies_between_the_18th_birthday_and_today() -> None:
    born = date(1980, 1, 1)  # ZENG's ID number
    cases = {
        date(1979, 12, 31): "早于出生日期（1980-01-01）",
        date(1997, 12, 31): "入党时未满 18 周岁（出生日期 1980-01-01）",
        date(2026, 11, 24): "不能晚于今天",
    }
    for joined, reason in cases.items():
        assert reason in _errors(replace(ZENG, joined_party_on=joined))["joined_party_on"]
        problem = checkins_rules_problem(joined, born)
        assert problem is not None and reason in problem
    assert checkins_rules_problem(date(1998, 1, 1), born) is None


def test_viewer_cannot_check_in(db: Database, site: SiteInfo) -> None:
    viewer = Actor("street", "街道查看", Role.VIEWER, 3)
    with pytest.raises(PermissionDeniedError):
        checkins.check_in(db, ZENG, checkins.CheckInInput(checked_in_on=TODAY), actor=viewer)


def test_dates_are_checked_against_the_callers_today(db: Database, site: SiteInfo) -> None:
    early = date(2026, 3, 1)
    with pytest.raises(ValidationErrors) as info:
        checkins.check_in(
            db,
            ZENG,
            checkins.CheckInInput(checked_in_on=date(2026, 3, 2)),
            actor=CLERK,
            today=early,
        )
    assert {e.field: e.reason for e in info.value.errors} == {"checked_in_on": "不能晚于今天"}
    # Turning 18 is judged on the caller's day too.
    minor = MemberInput(
        name="李小", id_number=make_id(date(2008, 3, 2)), mobile="13800000001", unit_id=UNIT_ID
    )
    arrival = checkins.CheckInInput(checked_in_on=date(2026, 3, 1))
    with pytest.raises(ValidationErrors, match="未满 18 周岁"):
        checkins.check_in(db, minor, arrival, actor=CLERK, today=early)
    assert checkins.check_in(db, minor, arrival, actor=CLERK, today=TODAY).serial


def test_posts_are_looked_up_once(db: Database, site: SiteInfo) -> None:
    statements: list[str] = []

    def seen(conn: object, cursor: object, statement: str, *args: object) -> None:
        if "FROM service_post" in statement:
            statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", seen)
    try:
        checkins.check_in(
            db,
            ZENG,
            checkins.CheckInInput(checked_in_on=TODAY, posts=("政策宣传", "环境整治", "法律服务")),
            actor=CLERK,
            today=TODAY,
        )
    finally:
        event.remove(db.engine, "before_cursor_execute", seen)
    assert len(statements) == 1


def test_move_out_reason_and_date_errors_name_their_fields(db: Database, site: SiteInfo) -> None:
    first = checkins.check_in(
        db, ZENG, checkins.CheckInInput(checked_in_on=date(2025, 3, 1)), actor=CLERK, today=TODAY
    )

    def refused(**kwargs: object) -> dict[str, str]:
        values: dict[str, object] = {"on": date(2025, 9, 1), "reason": "搬离本社区", **kwargs}
        with pytest.raises(ValidationErrors) as info:
            checkins.move_out(db, first.member_id, actor=CLERK, today=TODAY, **values)  # type: ignore[arg-type]
        return {e.field: f"{e.label}{e.reason}" for e in info.value.errors}

    assert refused(reason=" ") == {"reason": "迁出原因请填写迁出原因"}
    too_long = refused(reason="因" * 201)
    assert too_long == {"reason": "迁出原因不能超过 200 个字（现有 201 个字）"}
    assert refused(on=date(2025, 2, 28)) == {
        "moved_out_on": "迁出日期不能早于报到日期（2025-03-01）"
    }
    assert refused(on=date(2026, 11, 24)) == {"moved_out_on": "迁出日期不能晚于今天"}
    checkins.move_out(
        db, first.member_id, on=date(2025, 9, 1), reason="因" * 200, actor=CLERK, today=TODAY
    )
    card = members.get_member_card(db, first.member_id)
    assert card.history[0].moved_out_reason == "因" * 200  # kept whole, not cut


def test_counter_check_in_is_written_and_audited_like_one_record(
    db: Database, site: SiteInfo
) -> None:
    result = checkins.check_in(
        db, ZENG, checkins.CheckInInput(checked_in_on=TODAY, posts=("政策宣传",)), actor=CLERK
    )
    with db.reading() as session:
        member = session.get(Member, result.member_id)
        checkin = session.get(CheckIn, result.checkin_id)
        assert member is not None and checkin is not None
        assert member.latest_checkin_id == checkin.id and member.version == 1
        assert (member.origin, checkin.origin) == (site.code, site.code)
        assert checkin.uid and checkin.version == 1 and checkin.serial == result.serial
        entries = {
            (a.action, a.table_name): a
            for a in session.scalars(select(AuditEntry).where(AuditEntry.username == "clerk"))
        }
    assert set(entries) == {("create", "member"), ("create", "checkin")}
    created = entries[("create", "checkin")]
    assert created.record_uid == checkin.uid
    assert result.serial in created.changes and "政策宣传" in created.changes
    assert "340***********001X" in entries[("create", "member")].changes


def test_another_communitys_member_is_not_ours(db: Database, site: SiteInfo) -> None:
    theirs = add_foreign_member(db, "34052419800101001X")
    ours = checkins.check_in(db, ZENG, checkins.CheckInInput(checked_in_on=TODAY), actor=CLERK)
    assert ours.member_id != theirs and not ours.returning
    assert find_member_id(db, "34052419800101001X") == ours.member_id
    checkins.update_member(db, ours.member_id, replace(ZENG, mobile="13900001111"), actor=CLERK)
    with db.reading() as session:
        assert session.get(Member, theirs).mobile == "13800000000"  # type: ignore[union-attr]
