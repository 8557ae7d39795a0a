"""The member, unit and site forms and the roster import refuse invisible characters, Excel
error values, over-long text and implausible dates, naming the field and the limit."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from djdesk.db.session import Database
from djdesk.errors import ValidationErrors
from djdesk.services.checkin.member_rules import (
    MemberInput,
    checkin_date_problem,
    validate_member,
)
from djdesk.services.checkin.roster_import import Outcome, analyse_roster
from djdesk.services.checkin.units import UnitInput, validate_unit
from djdesk.services.site.identity import validate_site
from tests.conftest import SAMPLE_SITE
from tests.helpers.checkin_registry import registry
from tests.helpers.roster_sheets import UNIT, make_id, write_book

__all__ = ["registry"]

TODAY = date(2026, 11, 27)
GOOD = MemberInput(name="张三", id_number=make_id(date(1980, 1, 1)), mobile="13812345678")


def _errors(data: MemberInput) -> dict[str, str]:
    with pytest.raises(ValidationErrors) as caught:
        validate_member(data, today=TODAY)
    return {e.field: e.message for e in caught.value.errors}


def test_member_text_hygiene() -> None:
    clean = validate_member(replace(GOOD, name="张\u200b三", estate="东风\ufeff小区"), today=TODAY)
    assert (clean.name, clean.estate) == ("张三", "东风小区")
    errors = _errors(
        replace(GOOD, name="#NAME?", building="楼" * 10_000, branch="\u202e支部", remarks="a\x01")
    )
    assert (
        errors["name"]
        == "姓名：是 Excel 的错误值“#NAME?”（公式出错），不是实际内容，请填写实际内容"
    )
    assert errors["building"] == "楼栋：不能超过 20 个字（现有 10000 个）"
    assert "改变文字方向" in errors["branch"] and "控制字符" in errors["remarks"]
    assert "不能超过 20 个字" in _errors(replace(GOOD, specialties=("法" * 21,)))["specialties"]


def test_member_dates() -> None:
    errors = _errors(replace(GOOD, joined_party_on=date(1900, 1, 1)))
    assert errors["joined_party_on"].startswith("入党时间：不能早于 1921-07-01")
    assert (
        "不能晚于今天"
        in _errors(replace(GOOD, joined_party_on=date(2027, 1, 1)))["joined_party_on"]
    )
    assert checkin_date_problem(date(1900, 1, 1), TODAY) is not None
    assert checkin_date_problem(date(2024, 5, 6), TODAY) is None


def test_unit_and_site_forms() -> None:
    with pytest.raises(ValidationErrors) as caught:
        validate_unit(
            UnitInput(name="#REF!", address="路" * 201, reported_on=date(1990, 1, 1)), today=TODAY
        )
    fields = {e.field for e in caught.value.errors}
    assert fields == {"name", "address", "reported_on"}
    assert validate_unit(UnitInput(name="宜宾\u200d学院"), today=TODAY).name == "宜宾学院"
    with pytest.raises(ValidationErrors) as site_errors:
        validate_site(replace(SAMPLE_SITE, address="东风路\u202e88号", street_name="街" * 101))
    assert {e.field for e in site_errors.value.errors} == {"address", "street_name"}


def test_roster_rows_with_odd_cells_are_rejected_with_reasons(
    db: Database, registry: dict[str, int], tmp_path: Path
) -> None:
    rows = [
        ["姓名", "身份证号", "手机号码", "工作单位", "楼栋", "报到日期"],
        ["#REF!", make_id(date(1980, 1, 1)), "13812345678", UNIT, "3", date(2024, 1, 1)],
        ["李四", make_id(date(1981, 1, 1)), "13812345679", UNIT, "楼" * 10_000, date(2024, 1, 1)],
        ["王五", make_id(date(1982, 1, 1)), "13812345670", UNIT, "3", date(1900, 1, 1)],
        ["赵\u200b六", make_id(date(1983, 1, 1)), "13812345671", UNIT, "3", date(2024, 1, 1)],
    ]
    report = analyse_roster(db, write_book(tmp_path / "odd.xlsx", rows), today=TODAY)
    reasons = {r.row: r.reason for r in report.rows}
    assert "Excel 的错误值“#REF!”" in reasons[3]
    assert "楼栋不能超过 20 个字" in reasons[4]
    assert "报到日期不能早于 2000-01-01" in reasons[5]
    outcomes = {r.row: r.outcome for r in report.rows}
    assert outcomes[6] is Outcome.NEW and report.rows[-1].name == "赵六"
