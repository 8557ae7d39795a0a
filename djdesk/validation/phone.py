"""Chinese phone numbers: mainland mobiles (``1[3-9]`` + 9 digits) and landlines."""

from __future__ import annotations

import re
import unicodedata

_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}(-\d{1,6})?")


def _clean(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw).strip()
    return re.sub(r"[\s()（）]", "", text)


def normalize_mobile(raw: str) -> str | None:
    """The 11-digit mobile, with +86 / 0086 / 86 prefixes accepted; ``None`` if not a mobile."""
    text = _clean(raw).replace("-", "")
    for prefix in ("+86", "0086", "86"):
        if text.startswith(prefix) and len(text) == len(prefix) + 11:
            text = text[len(prefix) :]
            break
    return text if _MOBILE.fullmatch(text) else None


def normalize_landline(raw: str) -> str | None:
    """A landline such as ``0831-1234567`` (area code 3–4 digits, optional extension)."""
    text = _clean(raw)
    if not _LANDLINE.fullmatch(text):
        return None
    if "-" not in text:
        area_len = 3 if text[:3] in {"010"} or text[1] == "2" else 4
        text = f"{text[:area_len]}-{text[area_len:]}"
    return text


def normalize_phone(raw: str) -> str | None:
    """A mobile or a landline, normalised; ``None`` when it is neither."""
    return normalize_mobile(raw) or normalize_landline(raw)


PHONE_HINT = "请填写 11 位手机号（如 13812345678）或带区号的座机（如 0831-1234567）"
