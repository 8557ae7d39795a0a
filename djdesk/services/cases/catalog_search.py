"""Finding an item at the counter in a few keystrokes: by code, name or pinyin initials.

``zm5``, ``ZM-05``, ``05`` and ``居住``, ``jzzm`` (居住证明) all find 居住（租住）证明. Items of
the version in use are searched in memory (about a hundred). The certificates of the national
blocked list are found too, marked 不予出具 with the reason, so a clerk who looks for one learns
at once why it cannot be issued; retired items show as 已停用.

Item names are phrases, not personal names, so they are spelled with pypinyin's phrase reading
rather than :func:`djdesk.validation.pinyin.name_pinyin`, whose surname readings would spell
区域化 as "ou…" and 召集 as "shao…"; the two share pypinyin and the same normalisation.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from pypinyin import Style, lazy_pinyin

from djdesk.db.session import Database
from djdesk.services.cases.catalog_query import current_catalog
from djdesk.services.cases.catalog_store import CatalogItemInfo, blocked_list
from djdesk.services.cases.types import CatalogKind, ItemState

BLOCKED_PREFIX = "FM"  # codes of blocked certificates in search results: FM-01 … FM-20


@dataclass(frozen=True)
class ItemMatch:
    """One search hit: a catalogue item, or a blocked certificate (``item`` is ``None``)."""

    code: str
    name: str
    catalog: CatalogKind | None
    category: str
    state: ItemState
    reason: str = ""  # why it cannot be registered (停用 / 不予出具)
    item: CatalogItemInfo | None = None


@dataclass(frozen=True)
class _Spelling:
    full: str
    initials: str


@lru_cache(maxsize=4096)
def spelling(text: str) -> _Spelling:
    """Pinyin of an item name: full and initials, Chinese characters only, lower case."""
    clean = unicodedata.normalize("NFKC", text)
    syllables = [s.lower() for s in lazy_pinyin(clean, style=Style.NORMAL, errors="ignore") if s]
    syllables = [s for s in syllables if s.isalpha() and s.isascii()]
    return _Spelling("".join(syllables), "".join(s[0] for s in syllables))


def code_key(text: str) -> str | None:
    """``zm5`` / ``ZM-05`` / ``zm05`` → ``ZM-05``; ``None`` when the text is not code-like."""
    m = re.fullmatch(r"([A-Za-z]{2})[-\s]?(\d{1,3})", text)
    if not m:
        return None
    return f"{m.group(1).upper()}-{int(m.group(2)):02d}"


def _score(query: str, code: str, name: str) -> int | None:
    """Lower is better; ``None`` when the item does not match (``query`` is NFKC already, so
    the name is compared in the same form: 居住（租住）证明 typed or pasted finds itself)."""
    name = unicodedata.normalize("NFKC", name)
    q = query.lower()
    key = code_key(query)
    if key is not None and key == code:
        return 0
    if code.lower().startswith(q) or code.lower().replace("-", "").startswith(q):
        return 1
    if re.fullmatch(r"\d{1,3}", query) and code.endswith(f"-{int(query):02d}"):
        return 2
    if name.startswith(query):
        return 3
    if query in name:
        return 4
    if not q.isascii() or not q.isalpha():
        return None
    spelled = spelling(name)
    if spelled.initials.startswith(q):
        return 5
    if spelled.full.startswith(q):
        return 6
    if len(q) >= 2 and q in spelled.initials:
        return 7
    if len(q) >= 3 and q in spelled.full:
        return 8
    if len(q) >= 3 and _is_subsequence(q, spelled.initials):
        return 9  # jzzm: 居住（租住）证明, with the bracketed words skipped
    return None


def _is_subsequence(short: str, long: str) -> bool:
    rest = iter(long)
    return all(char in rest for char in short)


def _blocked_matches(query: str) -> list[tuple[int, ItemMatch]]:
    listed = blocked_list()
    found = []
    for entry in listed.items:
        code = f"{BLOCKED_PREFIX}-{entry.number:02d}"
        score = _score(query, code, entry.name)
        if score is not None:
            match = ItemMatch(
                code, entry.name, None, "", ItemState.BLOCKED, reason=listed.reason(entry)
            )
            found.append((score + 20, match))  # after every catalogue item
    return found


def match_of(item: CatalogItemInfo) -> ItemMatch:
    reason = f"该事项已在第 {item.version} 版目录中停用，不能再登记" if item.retired else ""
    state = ItemState.RETIRED if item.retired else ItemState.ACTIVE
    return ItemMatch(
        item.code, item.name, item.catalog, item.category, state, reason=reason, item=item
    )


def find_items(db: Database, text: str, *, limit: int = 20) -> list[ItemMatch]:
    """Items of the version in use matching ``text``, best first; blocked certificates last."""
    query = "".join(unicodedata.normalize("NFKC", text).split())
    if not query:
        return []
    scored: list[tuple[int, ItemMatch]] = []
    for item in current_catalog(db).items:
        score = _score(query, item.code, item.name)
        if score is not None:
            scored.append((score + (10 if item.retired else 0), match_of(item)))
    scored += _blocked_matches(query)
    scored.sort(key=lambda pair: (pair[0], pair[1].code))
    return [match for _, match in scored[:limit]]
