"""Phone normalisation: mobiles with prefixes, landlines with area codes."""

from __future__ import annotations

import pytest

from djdesk.validation.phone import normalize_landline, normalize_mobile, normalize_phone


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("13812345678", "13812345678"),
        ("+86 138 1234 5678", "13812345678"),
        ("0086-13812345678", "13812345678"),
        ("8613812345678", "13812345678"),
        ("１３８１２３４５６７８", "13812345678"),  # full-width digits typed with a Chinese IME
        ("19912345678", "19912345678"),
    ],
)
def test_valid_mobiles(raw: str, expected: str) -> None:
    assert normalize_mobile(raw) == expected


@pytest.mark.parametrize("raw", ["12812345678", "1381234567", "138123456789", "abc", ""])
def test_invalid_mobiles(raw: str) -> None:
    assert normalize_mobile(raw) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0831-8221234", "0831-8221234"),
        ("08318221234", "0831-8221234"),
        ("010-12345678", "010-12345678"),
        ("02812345678", "028-12345678"),
        ("（0831）8221234", "0831-8221234"),
    ],
)
def test_landlines(raw: str, expected: str) -> None:
    assert normalize_landline(raw) == expected


def test_phone_accepts_either_and_rejects_garbage() -> None:
    assert normalize_phone("13812345678") == "13812345678"
    assert normalize_phone("0831-8221234") == "0831-8221234"
    assert normalize_phone("8221234") is None
