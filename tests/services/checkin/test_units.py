"""驻区单位: validation of each field, uniqueness among this site's units (name among 在册 ones,
credit code among all), revoking and restoring, listing with reported-member counts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from djdesk.actor import Actor, Role
from djdesk.db.session import Database
from djdesk.errors import NotFoundError, ValidationErrors
from djdesk.services.checkin import units
from djdesk.services.checkin.checkins import CheckInInput, check_in
from djdesk.services.checkin.member_rules import MemberInput
from djdesk.services.site.identity import SiteInfo
from tests.services.checkin.foreign import add_foreign_unit

ADMIN = Actor.system()
CLERK = Actor("clerk", "张前台", Role.CLERK, 2)
TODAY = date(2026, 11, 23)
NAME = "宜宾市翠屏区教育和体育局"
USCC = "91350100M000100Y43"
UnitInput = units.UnitInput


def _errors(data: UnitInput, **kwargs: object) -> dict[str, str]:
    with pytest.raises(ValidationErrors) as info:
        units.validate_unit(data, **kwargs)  # type: ignore[arg-type]
    return {e.field: e.reason for e in info.value.errors}


def test_validation_names_each_field() -> None:
    clean = units.validate_unit(
        UnitInput(
            name=" 宜宾学院　",
            category=5,
            uscc="91350100m000100y43",
            liaison_phone="0831 8221234",
            reported_on=TODAY,
        ),
        today=TODAY,
    )
    assert (clean.name, clean.uscc, clean.liaison_phone) == ("宜宾学院", USCC, "0831-8221234")
    errors = _errors(
        UnitInput(
            name="",
            category=10,
            uscc="91350100M000100Y44",
            liaison_phone="12",
            declared_members=-1,
            reported_on=date(2026, 11, 24),
        ),
        today=TODAY,
    )
    assert set(errors) == {
        "name",
        "category",
        "uscc",
        "liaison_phone",
        "declared_members",
        "reported_on",
    }
    assert errors["name"] == "不能为空" and errors["reported_on"] == "不能晚于今天"
    assert "①–⑨" in errors["category"]
    assert _errors(UnitInput(name="单" * 121))["name"].startswith("不能超过 120 个字")


def test_name_and_credit_code_are_unique_among_this_sites_units(
    db: Database, site: SiteInfo
) -> None:
    first = units.save_unit(db, UnitInput(name=NAME, uscc=USCC), actor=ADMIN)
    with pytest.raises(ValidationErrors) as info:
        units.save_unit(db, UnitInput(name=NAME), actor=ADMIN)
    assert info.value.errors[0].reason == "已有同名的在册单位"
    with pytest.raises(ValidationErrors) as info:
        units.save_unit(db, UnitInput(name="另一个单位", uscc=USCC), actor=ADMIN)
    assert info.value.errors[0].field == "uscc"
    # Saving a unit under its own name and code is no clash; nor are units without a code.
    units.save_unit(
        db, UnitInput(name=NAME, uscc=USCC, remarks="改"), actor=ADMIN, unit_id=first.id
    )
    units.save_unit(db, UnitInput(name="甲"), actor=ADMIN)
    units.save_unit(db, UnitInput(name="乙"), actor=ADMIN)


def test_another_communitys_unit_does_not_clash(db: Database, site: SiteInfo) -> None:
    theirs = add_foreign_unit(db, NAME, USCC)
    ours = units.save_unit(db, UnitInput(name=NAME, uscc=USCC), actor=ADMIN)
    assert ours.id != theirs
    with db.reading() as session:
        assert units.find_unit_id(session, f" {NAME} ") == ours.id
    assert {u.id for u in units.list_units(db)} == {ours.id, theirs}  # a list shows every row


def test_revoke_and_restore(db: Database, site: SiteInfo) -> None:
    unit = units.save_unit(db, UnitInput(name=NAME), actor=ADMIN)
    member = MemberInput(name="曾国藩", id_number="34052419800101001X", mobile="13812345678")
    arrival = CheckInInput(checked_in_on=TODAY)
    check_in(db, replace(member, unit_id=unit.id), arrival, actor=CLERK)
    assert units.list_units(db, query="教育")[0].reported_members == 1

    units.set_unit_status(db, unit.id, True, actor=ADMIN)
    assert units.list_units(db) == []
    revoked = units.list_units(db, include_revoked=True)[0]
    assert (revoked.status, revoked.reported_members) == ("撤销", 1)  # members keep their unit
    with pytest.raises(ValidationErrors, match="已撤销"):
        check_in(
            db,
            replace(member, id_number="110101199001010015", unit_id=unit.id),
            arrival,
            actor=CLERK,
        )
    # Its name is free again; once taken, the old unit cannot come back under it.
    other = units.save_unit(db, UnitInput(name=NAME), actor=ADMIN)
    with pytest.raises(ValidationErrors, match="同名"):
        units.set_unit_status(db, unit.id, False, actor=ADMIN)
    units.set_unit_status(db, other.id, True, actor=ADMIN)
    units.set_unit_status(db, unit.id, False, actor=ADMIN)
    assert units.get_unit(db, unit.id).status == "在册"
    with pytest.raises(NotFoundError):
        units.set_unit_status(db, 999, True, actor=ADMIN)
    with pytest.raises(NotFoundError):
        units.get_unit(db, 999)


def test_list_search_and_labels(db: Database, site: SiteInfo) -> None:
    units.save_unit(db, UnitInput(name=NAME, category=4), actor=ADMIN)
    units.save_unit(db, UnitInput(name="宜宾学院", category=5), actor=ADMIN)
    assert [u.name for u in units.list_units(db)] == ["宜宾学院", NAME]  # by name
    found = units.list_units(db, query="教育和")
    assert [u.category_label for u in found] == ["④党政机关"]
    assert units.list_units(db, query="不存在") == []
