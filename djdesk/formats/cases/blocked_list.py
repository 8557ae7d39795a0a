"""The national list of certificates communities may no longer issue (民发〔2020〕20号).

The list ships as ``resources/catalogs/blocked-certificates.json``; this module reads it and
decides whether a certificate name falls under it. A name is blocked when, with any bracketed
qualifier removed, it contains a listed name; an item with an exception (亲属关系证明) is
allowed only with exactly the exception's limitation (仅限公证), which is then printed on the
certificate. Pure: bytes in, typed data out.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from djdesk.errors import DjdeskError

FORMAT = "djdesk-blocked-certificates"
_BRACKETS = re.compile(r"[（(][^（）()]*[)）]")


@dataclass(frozen=True)
class BlockedCertificate:
    """One listed item: its number on the list, its name and an optional exception."""

    number: int
    name: str
    limitation: str = ""  # the limitation under which it may still be issued (仅限公证)
    condition: str = ""  # when the exception applies


@dataclass(frozen=True)
class BlockedList:
    document: str  # 民发〔2020〕20号
    title: str
    issuers: str
    items: tuple[BlockedCertificate, ...]

    def match(self, name: str, limitation: str = "") -> BlockedCertificate | None:
        """The listed item ``name`` falls under, unless ``limitation`` is its exception."""
        base = base_name(name)
        for item in self.items:
            if base_name(item.name) in base:
                if item.limitation and limitation == item.limitation:
                    return None
                return item
        return None

    def reason(self, item: BlockedCertificate) -> str:
        """Why a clerk may not issue ``item`` (Chinese, with the document number)."""
        text = (
            f"“{item.name}”列在{self.document}《{self.title}》第 {item.number} 项，"
            "社区不应出具，请告知申请人向有关部门申请或以本人承诺等方式办理"
        )
        if item.limitation:
            text += f"（例外：{item.condition}，可出具“{item.limitation}”的{item.name}）"
        return text


def base_name(name: str) -> str:
    """The name without bracketed qualifiers and spaces: 亲属关系证明（仅限公证） → 亲属关系证明."""
    return re.sub(r"\s+", "", _BRACKETS.sub("", name))


def parse_blocked_list(data: bytes) -> BlockedList:
    """Read the shipped list; a damaged file is an installation problem (Chinese message)."""
    try:
        raw = json.loads(data.decode("utf-8-sig"))
        if raw.get("format") != FORMAT:
            raise ValueError("format")
        items = tuple(
            BlockedCertificate(
                number=int(entry["number"]),
                name=str(entry["name"]),
                limitation=str(entry.get("exception", {}).get("limitation", "")),
                condition=str(entry.get("exception", {}).get("condition", "")),
            )
            for entry in raw["items"]
        )
        return BlockedList(
            document=str(raw["document"]),
            title=str(raw["title"]),
            issuers=str(raw.get("issuers", "")),
            items=items,
        )
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        raise DjdeskError(
            f"程序自带的不予出具证明清单已损坏（{exc}），安装可能不完整，请重新安装 djdesk。"
        ) from None
