"""Serial-number formats of printed documents: ``{prefix}{kind mark}〔YYYY〕第NNN号``.

Only formatting lives here (pure); allocation, which must be atomic, is in
``djdesk.services.serials``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DocumentKind:
    """A kind of numbered document: code used in the database, Chinese name, mark in the serial."""

    code: str
    title: str
    mark: str


DOCUMENT_KINDS: dict[str, DocumentKind] = {
    kind.code: kind
    for kind in (
        DocumentKind("site-sheet", "站点信息表", "信"),
        DocumentKind("checkin-receipt", "在职党员报到回执", "报"),
        DocumentKind("certificate", "证明", "证"),
        DocumentKind("agreement", "共驻共建协议书", "共"),
        DocumentKind("responsibility", "区域化党建目标责任书", "责"),
    )
}


def document_kind(code: str) -> DocumentKind:
    try:
        return DOCUMENT_KINDS[code]
    except KeyError:
        raise ValueError(f"unknown document kind {code!r}") from None


def format_serial(prefix: str, kind: DocumentKind, year: int, number: int) -> str:
    """e.g. ``东城社区报〔2026〕第007号`` (three digits at least; more when the year needs them)."""
    return f"{prefix}{kind.mark}〔{year}〕第{number:03d}号"
