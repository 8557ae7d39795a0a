"""The audit log as a clerk reads it: 变更内容 with each area's Chinese column labels, values in
words, new accounts logged under their real id, and no derived copy of an ID number."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from djdesk.actor import Actor, Role
from djdesk.services.accounts import audit
from djdesk.services.accounts.users import create_first_admin, create_user, set_active
from djdesk.services.areas import AreaSpec, area_specs
from djdesk.services.checkin.checkins import CheckInInput, check_in
from djdesk.services.checkin.member_rules import MemberInput
from djdesk.services.site.identity import save_site
from djdesk.services.store import Database
from djdesk.validation.idcard import check_char
from tests.conftest import SAMPLE_SITE
from tests.helpers.checkin_registry import employer

ADMIN = Actor("admin", "王管理", Role.ADMIN, 1)
#: An ID number whose check character is X (its reversed copy starts with X).
FIRST17 = "11010519491231002"


def rows(db: Database, actor: Actor, **filters: str) -> list[audit.AuditRow]:
    return audit.entries_page(db, actor, audit.AuditFilter(**filters))


def test_changes_read_with_chinese_labels(db: Database) -> None:
    save_site(db, SAMPLE_SITE, actor=ADMIN)
    save_site(db, replace(SAMPLE_SITE, phone="13812345678", address="新地址1号"), actor=ADMIN)
    updated, created = rows(db, ADMIN, table="site")
    assert (
        updated.changes_text()
        == "地址：宜宾市翠屏区东风路88号 → 新地址1号；联系电话：0831-***1234 → 138****5678"
    )
    assert "统计用区划代码：511502003012" in created.changes_text()  # a new record: values only
    assert "→" not in created.changes_text() and "code" not in created.changes_text()
    assert updated.table_label == "站点信息"


def test_member_and_check_in_columns_are_labelled(db: Database) -> None:
    save_site(db, SAMPLE_SITE, actor=ADMIN)
    number = FIRST17 + check_char(FIRST17)
    member = MemberInput(name="李四", id_number=number, mobile="13912345678", unit_id=employer(db))
    check_in(db, member, CheckInInput(checked_in_on=date(2024, 5, 4)), actor=ADMIN)
    (member_row,) = rows(db, ADMIN, table="member", action="create")
    text = member_row.changes_text()
    assert text.startswith("姓名：李四；性别：女；民族：汉族；出生日期：1949-12-31；")  # form order
    assert "公民身份号码：110***********002X" in text and "手机号码：139****5678" in text
    assert "姓名拼音：lisi" in text and "所属站点代码：511502003012" in text
    assert "id_number" not in text and "name" not in text
    assert member_row.table_label == "在职党员"
    (checkin_row,) = rows(db, ADMIN, table="checkin")
    # One write path creates the member already pointing at its check-in: no second entry.
    assert rows(db, ADMIN, table="member", action="update") == []
    assert "报到日期：2024-05-04" in checkin_row.changes_text()
    assert "状态：在册" in checkin_row.changes_text()


def test_the_reversed_id_number_and_mobile_are_never_logged(db: Database) -> None:
    save_site(db, SAMPLE_SITE, actor=ADMIN)
    number = FIRST17 + check_char(FIRST17)
    assert number.endswith("X")
    mobile = "13912345678"
    member = MemberInput(name="李四", id_number=number, mobile=mobile, unit_id=employer(db))
    check_in(db, member, CheckInInput(checked_in_on=date(2024, 5, 4)), actor=ADMIN)
    for entry in rows(db, ADMIN, table="member"):
        assert "id_reversed" not in entry.changes and "mobile_reversed" not in entry.changes
        text = entry.changes_text()
        assert number[::-1] not in text and number not in text
        assert mobile[::-1] not in text and mobile not in text


def test_accounts_are_logged_under_their_id_in_words(db: Database) -> None:
    admin = create_first_admin(db, "admin", "王管理", "counter2026")
    clerk = create_user(
        db, admin, username="clerk", display_name="张前台", role=Role.CLERK, password="counter2026"
    )
    set_active(db, admin, clerk.id, False)
    entries = rows(db, admin, table="user_account")
    created = next(r for r in entries if r.action == "create" and "张前台" in r.changes_text())
    assert created.record_uid == f"user_account:{clerk.id}"
    assert not any(r.record_uid.endswith(":?") for r in entries)
    assert "用户名：clerk" in created.changes_text() and "密码：***" in created.changes_text()
    disabled = next(r for r in entries if r.action == "update" and "启用" in r.changes_text())
    assert disabled.record_uid == created.record_uid
    assert "启用：是 → 否" in disabled.changes_text()


def test_a_new_areas_tables_are_labelled_from_its_spec(monkeypatch: pytest.MonkeyPatch) -> None:
    rooms = AreaSpec(
        key="rooms", title="场地预约", order=200, field_labels={"booking": {"room": "场地"}}
    )
    monkeypatch.setattr(audit, "area_specs", lambda: (*area_specs(), rooms))
    audit._field_labels.cache_clear()
    try:
        assert audit.field_label("booking", "room") == "场地"
        assert audit.field_label("booking", "deleted_at") == "删除时间"  # the shared columns
        assert audit.field_label("booking", "nothing") == "nothing"
    finally:
        audit._field_labels.cache_clear()


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "（空）"),
        ("", "（空）"),
        (True, "是"),
        (False, "否"),
        (3, "3"),
        ("2024-05-04", "2024-05-04"),
        ("2024-05-04T01:02:03+00:00", "2024-05-04 09:02"),
    ],
)
def test_values_in_words(value: object, shown: str) -> None:
    from zoneinfo import ZoneInfo

    assert audit.value_text(value, ZoneInfo("Asia/Shanghai")) == shown
