"""Text and date hygiene: what is removed, what is refused (with the limit named), and that
no input makes the checks themselves fail."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from djdesk.errors import ValidationError
from djdesk.validation.text import (
    BIDI_CONTROLS,
    EXCEL_ERRORS,
    REMOVED,
    checked_text,
    clean_text,
    date_problem,
    excel_error,
    text_problem,
)

TODAY = date(2026, 11, 27)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_clean_text_is_total_and_idempotent(value: str) -> None:
    clean = clean_text(value)
    assert clean_text(clean) == clean
    assert not any(ch in REMOVED for ch in clean)
    assert clean == clean.strip()
    problem = text_problem(clean, max_length=30)
    assert problem is None or isinstance(problem, str)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20), st.sampled_from(sorted(BIDI_CONTROLS)), st.text(max_size=20))
def test_bidi_controls_are_refused_wherever_they_are(before: str, bidi: str, after: str) -> None:
    problem = text_problem(clean_text(before + bidi + after))
    assert problem is not None


def test_zero_width_is_removed_and_controls_refused() -> None:
    assert clean_text("张\u200b三\ufeff") == "张三"
    assert clean_text("  李\u3000四  ") == "李 四"
    assert text_problem("张\x07三") == "含有不可见的控制字符（U+0007），请删除后重新填写"
    assert "改变文字方向" in (text_problem("\u202e三张") or "")


@pytest.mark.parametrize("value", sorted(EXCEL_ERRORS))
def test_excel_errors_are_not_values(value: str) -> None:
    assert excel_error(f" {value.lower()} ") == value
    assert f"Excel 的错误值“{value}”" in (text_problem(value) or "")


def test_lengths_name_the_limit() -> None:
    assert text_problem("楼" * 21, max_length=20) == "不能超过 20 个字（现有 21 个）"
    assert text_problem("a", min_length=2) == "至少要有 2 个字"
    assert text_problem("", min_length=2) is None
    with pytest.raises(ValidationError) as caught:
        checked_text("building", "楼栋", "楼" * 10_000, max_length=20)
    assert caught.value.message == "楼栋：不能超过 20 个字（现有 10000 个）"


def test_dates_have_floors_and_no_future() -> None:
    assert "1921-07-01" in (date_problem("joined_party_on", date(1921, 6, 30), today=TODAY) or "")
    assert date_problem("joined_party_on", date(1921, 7, 1), today=TODAY) is None
    assert "2000-01-01" in (date_problem("checked_in_on", date(1900, 1, 1), today=TODAY) or "")
    assert date_problem("checked_in_on", date(2026, 11, 28), today=TODAY) == "不能晚于今天"
    assert date_problem("checked_in_on", date(2027, 1, 1), today=TODAY, future=True) is None
    assert date_problem("anything", date(1899, 12, 31), today=TODAY) is not None
    assert date_problem("x", date(2010, 1, 1), today=TODAY, floor=date(2011, 1, 1)) is not None
