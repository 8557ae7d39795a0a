"""Text and date hygiene for every form and import, in one place.

What a clerk types, pastes from a web page or a chat, or imports from a unit's sheet can carry
characters nobody sees. :func:`clean_text` normalises width (NFKC), removes invisible
formatting characters (zero-width spaces and joiners, the byte-order mark, soft hyphens) and
collapses whitespace. :func:`text_problem` then refuses what must not be stored: control
characters, characters that reverse the reading direction (bidi overrides, used to disguise
text), broken characters, Excel's error values (``#REF!``, ``#NAME?`` … a formula that failed,
not a value) and text longer than the field allows. :func:`date_problem` keeps dates within
what the field can mean (入党时间 not before the Party was founded, no future 报到日期).

Every message is Chinese and says the limit; the caller prefixes the field's label
(:class:`~djdesk.errors.ValidationError`).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from djdesk.errors import ValidationError

#: Invisible characters removed silently (they carry nothing a record needs).
REMOVED = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e")
#: Characters that change the direction text is displayed in (refused: they disguise text).
BIDI_CONTROLS = frozenset(
    "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
#: What Excel shows in a cell whose formula failed.
EXCEL_ERRORS = frozenset(
    {
        "#NULL!",
        "#DIV/0!",
        "#VALUE!",
        "#REF!",
        "#NAME?",
        "#NUM!",
        "#N/A",
        "#GETTING_DATA",
        "#SPILL!",
        "#CALC!",
        "#FIELD!",
        "#BLOCKED!",
        "#CONNECT!",
        "#BUSY!",
        "#UNKNOWN!",
        "#EXTERNAL!",
        "#PYTHON!",
    }
)
_REMOVE_TABLE = dict.fromkeys(map(ord, REMOVED))
#: Control characters (Unicode category Cc), bidi controls, lone surrogates and U+FFFD.
_REFUSED = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffd" + "".join(sorted(BIDI_CONTROLS)) + "]"
)

#: The earliest date each kind of date field can hold, and why.
PARTY_FOUNDED = date(1921, 7, 1)
DATE_FLOORS: dict[str, tuple[date, str]] = {
    "birth_date": (date(1900, 1, 1), ""),
    "joined_party_on": (PARTY_FOUNDED, "中国共产党成立于 1921 年 7 月 1 日"),
    "checked_in_on": (date(2000, 1, 1), "早于本程序可登记的报到"),
    "reported_on": (date(2000, 1, 1), "早于本程序可登记的单位报到"),
}


def clean_text(value: str) -> str:
    """NFKC, invisible formatting characters removed, whitespace collapsed and trimmed."""
    return " ".join(unicodedata.normalize("NFKC", value.translate(_REMOVE_TABLE)).split())


def _code(char: str) -> str:
    return f"U+{ord(char):04X}"


def excel_error(value: str) -> str | None:
    """The Excel error value ``value`` is (``#REF!`` …), or ``None``."""
    candidate = value.strip().upper()
    return candidate if candidate in EXCEL_ERRORS else None


def text_problem(value: str, *, max_length: int | None = None, min_length: int = 0) -> str | None:
    """What is wrong with a (cleaned) value, in Chinese, or ``None``.

    An empty value has no problem here: whether a field is required is the form's rule.
    """
    found = _REFUSED.search(value)
    if found is not None:
        char = found.group()
        if char in BIDI_CONTROLS:
            return f"含有改变文字方向的隐藏字符（{_code(char)}），请删除后重新填写"
        if unicodedata.category(char) == "Cc":
            return f"含有不可见的控制字符（{_code(char)}），请删除后重新填写"
        return "含有无法识别的乱码字符，请重新填写"
    if "#" in value and (error := excel_error(value)) is not None:
        return f"是 Excel 的错误值“{error}”（公式出错），不是实际内容，请填写实际内容"
    if max_length is not None and len(value) > max_length:
        return f"不能超过 {max_length} 个字（现有 {len(value)} 个）"
    if value and len(value) < min_length:
        return f"至少要有 {min_length} 个字"
    return None


def checked_text(
    field: str, label: str, value: str, *, max_length: int | None = None, min_length: int = 0
) -> str:
    """``value`` cleaned, or :class:`ValidationError` naming the field and the limit."""
    clean = clean_text(value)
    problem = text_problem(clean, max_length=max_length, min_length=min_length)
    if problem is not None:
        raise ValidationError(field, problem, label=label)
    return clean


def date_problem(
    field: str, value: date, *, today: date, future: bool = False, floor: date | None = None
) -> str | None:
    """What is wrong with a date of the kind ``field`` names (see :data:`DATE_FLOORS`), or
    ``None``. ``future`` allows dates after ``today``; ``floor`` overrides the table."""
    known = DATE_FLOORS.get(field)
    earliest, why = (floor, "") if floor is not None else (known or (date(1900, 1, 1), ""))
    if value < earliest:
        note = f"（{why}）" if why else ""
        return f"不能早于 {earliest:%Y-%m-%d}{note}，请核对"
    if not future and value > today:
        return "不能晚于今天"
    return None
