"""Natural order of names with numbers: Chinese numerals and digits sort by their value."""

from __future__ import annotations

import random

from hypothesis import given
from hypothesis import strategies as st

from djdesk.natural_order import chinese_number, natural_key

_DIGITS = "零一二三四五六七八九"


def chinese(n: int) -> str:
    """``n`` (0–9999) in Chinese numerals as people write it (十一, 二十, 一百零五)."""
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    out = ""
    zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // unit % 10
        if digit:
            out += ("零" if zero and out else "") + _DIGITS[digit] + name
            zero = False
        elif out:
            zero = True
    return out


#: Text without digits or numerals, so a number added after it is the only number.
prefixes = st.text(
    alphabet=st.sampled_from("东风红旗新村社区网格楼栋号abcXYZ-（）"), min_size=0, max_size=6
)
numbers = st.integers(min_value=0, max_value=9999)


def test_grids_in_the_order_of_their_numbers() -> None:
    names = ["东风三", "东风一", "东风十一", "东风二", "东风十", "东风", "东风二十", "东风九"]
    assert sorted(names, key=natural_key) == [
        "东风",
        "东风一",
        "东风二",
        "东风三",
        "东风九",
        "东风十",
        "东风十一",
        "东风二十",
    ]
    assert sorted(["10号楼", "2号楼", "1号楼"], key=natural_key) == ["1号楼", "2号楼", "10号楼"]
    assert sorted(["第１２网格", "第3网格"], key=natural_key) == ["第3网格", "第１２网格"]


def test_chinese_numerals_read_as_numbers() -> None:
    cases = {"十": 10, "十一": 11, "二十": 20, "一百零五": 105, "两千": 2000, "二〇二四": 2024}
    assert {text: chinese_number(text) for text in cases} == cases


@given(numbers)
def test_the_helper_spells_numbers_the_way_they_are_read(n: int) -> None:
    assert chinese_number(chinese(n)) == n


@given(prefixes, numbers, numbers, prefixes)
def test_digits_order_by_value(prefix: str, a: int, b: int, suffix: str) -> None:
    low, high = sorted((a, b))
    first, second = natural_key(f"{prefix}{low}{suffix}"), natural_key(f"{prefix}{high}{suffix}")
    assert (first < second) if low < high else first == second


@given(prefixes, numbers, numbers, prefixes)
def test_chinese_numerals_order_by_value(prefix: str, a: int, b: int, suffix: str) -> None:
    low, high = sorted((a, b))
    first = natural_key(f"{prefix}{chinese(low)}{suffix}")
    second = natural_key(f"{prefix}{chinese(high)}{suffix}")
    assert (first < second) if low < high else first == second


@given(prefixes, numbers)
def test_a_number_counts_the_same_in_digits_and_numerals(prefix: str, n: int) -> None:
    assert natural_key(f"{prefix}{n}")[0] == natural_key(f"{prefix}{chinese(n)}")[0]


@given(st.lists(st.text(max_size=8), max_size=12), st.randoms())
def test_the_order_is_total_and_independent_of_the_input_order(
    names: list[str], rnd: random.Random
) -> None:
    once = sorted(names, key=natural_key)
    shuffled = list(names)
    rnd.shuffle(shuffled)
    assert sorted(shuffled, key=natural_key) == once
    keys = [natural_key(n) for n in once]
    assert keys == sorted(keys)
