"""Numbered document kinds and the serial format ``{prefix}{kind mark}〔YYYY〕第NNN号``.

Each area lists its numbered documents in ``djdesk/documents/<area>/kinds.py`` as ``KINDS``
(code used in the database, Chinese title, the mark in the serial); :func:`document_kinds`
finds them by scanning the package, so a new area touches no shared file. Only formatting
lives here (pure); allocation, which must be atomic, is in ``djdesk.services.serials``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from djdesk.discovery import area_modules


@dataclass(frozen=True)
class DocumentKind:
    """A kind of numbered document: code used in the database, Chinese name, mark in the serial."""

    code: str
    title: str
    mark: str


@cache
def document_kinds() -> dict[str, DocumentKind]:
    """Every area's numbered document kinds, by code (a code or mark used twice is a bug)."""
    kinds: dict[str, DocumentKind] = {}
    for module in area_modules("djdesk.documents", "kinds"):
        for kind in module.KINDS:
            if kind.code in kinds:
                raise RuntimeError(f"document kind {kind.code!r} is declared twice")
            kinds[kind.code] = kind
    marks = [k.mark for k in kinds.values()]
    if len(set(marks)) != len(marks):
        raise RuntimeError(f"two document kinds share a serial mark: {sorted(marks)}")
    return kinds


def document_kind(code: str) -> DocumentKind:
    try:
        return document_kinds()[code]
    except KeyError:
        raise ValueError(f"unknown document kind {code!r}") from None


def format_serial(prefix: str, kind: DocumentKind, year: int, number: int) -> str:
    """e.g. ``东城社区报〔2026〕第007号`` (three digits at least; more when the year needs them)."""
    return f"{prefix}{kind.mark}〔{year}〕第{number:03d}号"
