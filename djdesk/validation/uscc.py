"""统一社会信用代码 (GB 32100-2015): 18 characters from 0-9 and A–Y without I, O, S, V, Z; the
last one is a MOD 31 check character."""

from __future__ import annotations

import re
import unicodedata

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_SHAPE = re.compile(rf"[{CHARSET}]{{18}}")


class UsccError(ValueError):
    """Why a string is not a valid credit code (Chinese message)."""


def uscc_check_char(first17: str) -> str:
    total = sum(CHARSET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def parse_uscc(raw: str) -> str:
    """The normalised code; raises :class:`UsccError`."""
    value = re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw)).upper()
    if len(value) != 18:
        raise UsccError(f"应为 18 位，现为 {len(value)} 位")
    if not _SHAPE.fullmatch(value):
        bad = sorted({c for c in value if c not in CHARSET})
        raise UsccError(f"含有不允许的字符：{'、'.join(bad)}（不使用 I、O、S、V、Z）")
    if value[17] != uscc_check_char(value[:17]):
        raise UsccError("校验位不正确，请核对代码是否抄错")
    return value
