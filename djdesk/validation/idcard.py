"""公民身份号码 (GB 11643-1999): 18 characters, ISO 7064 MOD 11-2 check character.

Accepts lower-case ``x`` (normalised to ``X``), full-width digits and stray spaces; checks the
province code, a real birth date not in the future, and the check character; gives gender and
birth date for pre-filling forms.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
PROVINCES = frozenset(
    [
        11,
        12,
        13,
        14,
        15,
        21,
        22,
        23,
        31,
        32,
        33,
        34,
        35,
        36,
        37,
        41,
        42,
        43,
        44,
        45,
        46,
        50,
        51,
        52,
        53,
        54,
        61,
        62,
        63,
        64,
        65,
        71,
        81,
        82,
        83,
    ]
)
_SHAPE = re.compile(r"\d{17}[\dX]")


@dataclass(frozen=True)
class IdNumber:
    value: str
    birth_date: date
    gender: str  # 男 / 女

    @property
    def last4(self) -> str:
        return self.value[-4:]


class IdNumberError(ValueError):
    """Why a string is not a valid ID number (Chinese message)."""


def check_char(first17: str) -> str:
    total = sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True))
    return CHECK_CHARS[total % 11]


def clean_id_number(raw: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw)).upper()


def parse_id_number(raw: str, *, today: date | None = None) -> IdNumber:
    """The normalised number with birth date and gender; raises :class:`IdNumberError`."""
    value = clean_id_number(raw)
    if not value:
        raise IdNumberError("不能为空")
    if re.fullmatch(r"\d(\.\d+)?E\+\d+", value):
        raise IdNumberError(
            "已被 Excel 转成科学计数法（如 1.23E+17），后几位已丢失，请把该列设为文本后重新录入"
        )
    if len(value) == 15 and value.isdigit():
        raise IdNumberError("是旧的 15 位号码，请填写 18 位公民身份号码")
    if len(value) != 18:
        raise IdNumberError(f"应为 18 位，现为 {len(value)} 位")
    if not _SHAPE.fullmatch(value):
        raise IdNumberError("前 17 位只能是数字，最后一位是数字或 X")
    if int(value[:2]) not in PROVINCES:
        raise IdNumberError(f"前两位“{value[:2]}”不是有效的省级代码")
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        raise IdNumberError(f"出生日期“{value[6:14]}”不是真实的日期") from None
    today = today or date.today()
    if born > today:
        raise IdNumberError(f"号码中的出生日期 {born:%Y-%m-%d} 晚于今天，请核对号码")
    if born.year < 1900:
        raise IdNumberError(f"号码中的出生日期 {born:%Y-%m-%d} 早于 1900 年，请核对号码")
    expected = check_char(value[:17])
    if value[17] != expected:
        raise IdNumberError("校验位不正确，请核对号码是否抄错")
    gender = "男" if int(value[16]) % 2 == 1 else "女"
    return IdNumber(value=value, birth_date=born, gender=gender)


def is_valid_id_number(raw: str) -> bool:
    try:
        parse_id_number(raw)
    except IdNumberError:
        return False
    return True
