"""统计用区划代码 rules per level."""

from __future__ import annotations

import pytest

from djdesk.validation.region_code import region_code_problem


@pytest.mark.parametrize(
    ("code", "level"),
    [("511502003012", "社区"), ("511502003", "街道"), ("511502", "区"), ("110101001001", "社区")],
)
def test_valid_codes(code: str, level: str) -> None:
    assert region_code_problem(code, level) is None


@pytest.mark.parametrize(
    ("code", "level", "fragment"),
    [
        ("", "社区", "不能为空"),
        ("5115020030", "社区", "12 位"),
        ("51150200301A", "社区", "数字"),
        ("991502003012", "社区", "省级代码"),
        ("511500003012", "社区", "县级"),
        ("511502000012", "社区", "乡镇街道"),
        ("511502003000", "社区", "社区代码"),
        ("511502003012", "街道", "9 位"),
        ("511502", "乡", "层级"),
    ],
)
def test_invalid_codes_say_why(code: str, level: str, fragment: str) -> None:
    problem = region_code_problem(code, level)
    assert problem is not None
    assert fragment in problem
