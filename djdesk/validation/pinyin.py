"""Pinyin of Chinese personal names for as-you-type search (full spelling and initials).

pypinyin reads many surnames with their everyday pronunciation (曾 ceng, 单 dan, 仇 chou,
朴 pu …); names are read with a surname override map first, compound surnames included.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

#: Surnames whose reading differs from the character's common reading.
SURNAME_READINGS: dict[str, tuple[str, ...]] = {
    "曾": ("zeng",),
    "单": ("shan",),
    "仇": ("qiu",),
    "朴": ("piao",),
    "解": ("xie",),
    "区": ("ou",),
    "查": ("zha",),
    "盖": ("ge",),
    "乐": ("yue",),
    "缪": ("miao",),
    "尉": ("yu",),
    "翟": ("zhai",),
    "种": ("chong",),
    "覃": ("qin",),
    "繁": ("po",),
    "员": ("yun",),
    "召": ("shao",),
    "折": ("she",),
    "句": ("gou",),
    "秘": ("bi",),
    "宿": ("su",),
    "过": ("guo",),
    "华": ("hua",),
    "任": ("ren",),
    "纪": ("ji",),
    "燕": ("yan",),
    "牟": ("mou",),
    "郇": ("huan",),
    "眭": ("sui",),
    "冼": ("xian",),
    "黑": ("he",),
    "藏": ("zang",),
    "厍": ("she",),
    "谌": ("chen",),
    "长": ("chang",),
    "重": ("chong",),
    "沈": ("shen",),
    "薄": ("bo",),
    "柏": ("bai",),
    "卜": ("bu",),
    "那": ("na",),
    "都": ("du",),
    "阚": ("kan",),
    "莘": ("shen",),
    "隗": ("wei",),
    "欧阳": ("ou", "yang"),
    "司马": ("si", "ma"),
    "上官": ("shang", "guan"),
    "诸葛": ("zhu", "ge"),
    "东方": ("dong", "fang"),
    "皇甫": ("huang", "fu"),
    "尉迟": ("yu", "chi"),
    "公孙": ("gong", "sun"),
    "令狐": ("ling", "hu"),
    "慕容": ("mu", "rong"),
    "长孙": ("zhang", "sun"),
    "宇文": ("yu", "wen"),
    "司徒": ("si", "tu"),
    "夏侯": ("xia", "hou"),
    "单于": ("chan", "yu"),
    "万俟": ("mo", "qi"),
    "澹台": ("tan", "tai"),
    "南宫": ("nan", "gong"),
}
_COMPOUND = sorted((s for s in SURNAME_READINGS if len(s) > 1), key=len, reverse=True)


@dataclass(frozen=True)
class NamePinyin:
    full: str  # "zengguofan"
    initials: str  # "zgf"


def _syllables(text: str) -> list[str]:
    return [s.lower() for s in lazy_pinyin(text, style=Style.NORMAL, errors="ignore") if s]


@lru_cache(maxsize=65536)
def name_pinyin(name: str) -> NamePinyin:
    """Pinyin of a personal name, surname read by the override map."""
    text = "".join(unicodedata.normalize("NFKC", name).split())
    surname = next((s for s in _COMPOUND if text.startswith(s)), None)
    if surname is None and text[:1] in SURNAME_READINGS:
        surname = text[:1]
    syllables: list[str] = []
    rest = text
    if surname:
        syllables += SURNAME_READINGS[surname]
        rest = text[len(surname) :]
    syllables += _syllables(rest)
    ascii_letters = "".join(c.lower() for c in rest if c.isascii() and c.isalpha())
    if not syllables and ascii_letters:
        return NamePinyin(ascii_letters, ascii_letters[:1])
    return NamePinyin("".join(syllables), "".join(s[0] for s in syllables))
