"""ID numbers (GB 11643), credit codes (GB 32100) and name pinyin with surname overrides."""

from __future__ import annotations

from datetime import date

import pytest

from djdesk.validation.idcard import IdNumberError, check_char, parse_id_number
from djdesk.validation.pinyin import name_pinyin
from djdesk.validation.uscc import UsccError, parse_uscc, uscc_check_char


def test_valid_id_number_and_derived_fields() -> None:
    parsed = parse_id_number("34052419800101001x")
    assert parsed.value == "34052419800101001X"
    assert parsed.birth_date == date(1980, 1, 1)
    assert parsed.gender == "男"
    assert parse_id_number(" ５１１５０２１９９００３０７００２３ ").gender == "女"


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ("340524198001010013", "校验位"),
        ("34052419800101001", "18 位"),
        ("511502199002300021", "不是真实的日期"),
        ("991502199003070027", "省级代码"),
        ("5115021990030700A7", "数字"),
        ("1.23E+17", "科学计数法"),
        ("511502900307002", "15 位"),
        ("511502209903070028", "2099-03-07 晚于今天"),
        ("", "不能为空"),
    ],
)
def test_invalid_id_numbers(raw: str, fragment: str) -> None:
    with pytest.raises(IdNumberError) as info:
        parse_id_number(raw, today=date(2026, 11, 23))
    assert fragment in str(info.value)


def test_check_char_table() -> None:
    assert check_char("34052419800101001") == "X"
    assert check_char("51150219900307002") == "3"


def test_uscc() -> None:
    assert parse_uscc("91350100m000100y43") == "91350100M000100Y43"
    assert uscc_check_char("91350100M000100Y4") == "3"
    with pytest.raises(UsccError, match="校验位"):
        parse_uscc("91350100M000100Y44")
    with pytest.raises(UsccError, match="不允许的字符"):
        parse_uscc("91350100M000100YO3")
    with pytest.raises(UsccError, match="18 位"):
        parse_uscc("913501")


@pytest.mark.parametrize(
    ("name", "full", "initials"),
    [
        ("曾国藩", "zengguofan", "zgf"),
        ("单雄信", "shanxiongxin", "sxx"),
        ("仇英", "qiuying", "qy"),
        ("朴树", "piaoshu", "ps"),
        ("解缙", "xiejin", "xj"),
        ("区永健", "ouyongjian", "oyj"),
        ("查良镛", "zhaliangyong", "zly"),
        ("欧阳修", "ouyangxiu", "oyx"),
        ("张 三", "zhangsan", "zs"),
        ("李娜", "lina", "ln"),
    ],
)
def test_name_pinyin_with_surname_overrides(name: str, full: str, initials: str) -> None:
    spelled = name_pinyin(name)
    assert (spelled.full, spelled.initials) == (full, initials)
