"""A document's content as structured blocks: what is printed, independent of how.

An :class:`Outline` holds a title, serial, issuer and a sequence of blocks — headings, numbered
clauses, label/value tables, both parties' details, checklists, grids, two-party signature
blocks, page breaks — with
all numbering (一、 / 1.) and placeholder filling already done. Services compose an outline
once; the PDF builder (``djdesk.documents``) and the Word writer (``djdesk.formats``) both
render it, so a printed agreement and its .docx copy never differ in wording or numbering.
The register stores the outline a document was printed from, so a reprint is built from the
same blocks. A base module: plain frozen dataclasses, no imports from any layer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Heading:
    """A heading; level 1 is centred and large (an annex title), level 2 a section heading."""

    text: str
    level: int = 2


@dataclass(frozen=True)
class Clause:
    """A paragraph of body text, with its number (e.g. ``1．``) printed before it."""

    text: str
    number: str = ""


@dataclass(frozen=True)
class Fields:
    """A label/value table, e.g. one party's details; ``caption`` spans the first row."""

    caption: str
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Parties:
    """Both parties' details side by side: 甲方 left, 乙方 right."""

    first: Fields
    second: Fields


@dataclass(frozen=True)
class ChecklistItem:
    checked: bool
    name: str
    text: str


@dataclass(frozen=True)
class Checklist:
    """Items with a tick column (√ for chosen), a name and what it covers."""

    columns: tuple[str, str, str]
    items: tuple[ChecklistItem, ...]


@dataclass(frozen=True)
class Grid:
    """A ruled table: header, relative column widths, rows and an optional 合计 row."""

    columns: tuple[str, ...]
    widths: tuple[float, ...]
    rows: tuple[tuple[str, ...], ...]
    total: tuple[str, ...] = ()


@dataclass(frozen=True)
class SignatureParty:
    """One side of the signature block: 甲方 or 乙方, its organisation, who signs, the date."""

    role: str
    org: str
    signer_title: str = "负责人"
    signed_on: date | None = None


@dataclass(frozen=True)
class Signatures:
    """Side-by-side signature and seal blocks (甲方 left, 乙方 right)."""

    first: SignatureParty
    second: SignatureParty


@dataclass(frozen=True)
class PageBreak:
    """Start a new page (an annex)."""


Block = Heading | Clause | Fields | Parties | Checklist | Grid | Signatures | PageBreak


@dataclass(frozen=True)
class Outline:
    """A whole document: front matter and blocks, ready to render."""

    title: str
    issuer: str
    blocks: tuple[Block, ...]
    serial: str = ""
    subject: str = ""
    footer_note: str = ""
    keywords: tuple[str, ...] = ()

    def text(self) -> str:
        """Every word of the document in order (search, tests, the preview's summary)."""
        parts = [self.issuer, self.title, self.serial]
        for block in self.blocks:
            parts.extend(block_text(block))
        return "\n".join(p for p in parts if p)


def block_text(block: Block) -> list[str]:
    """The words of one block, in reading order."""
    match block:
        case Heading(text=text):
            return [text]
        case Clause(text=text, number=number):
            return [f"{number}{text}"]
        case Fields(caption=caption, rows=rows):
            return [caption, *(f"{label}：{value}" for label, value in rows)]
        case Parties(first=first, second=second):
            return [*block_text(first), *block_text(second)]
        case Checklist(columns=columns, items=items):
            return [" ".join(columns), *(f"{i.name} {i.text}" for i in items)]
        case Grid(columns=columns, rows=rows, total=total):
            lines = [" ".join(columns), *(" ".join(r) for r in rows)]
            return lines + ([" ".join(total)] if total else [])
        case Signatures(first=first, second=second):
            return [f"{p.role}：{p.org}" for p in (first, second)]
        case PageBreak():
            return []
    raise TypeError(f"not an outline block: {block!r}")
