"""Composing an agreement or responsibility book: template + record + parties → an outline.

The template's sections come in their order, numbered 一、二、…; a section with several clauses
numbers them 1．2．…; placeholders are filled from the record and both parties. Generated blocks
join where they belong: the parties' details after the opening, the 共建内容 checklist, the
目标任务表, the two-party signature, and the 三张清单 annex after it — left out altogether
while there are no 三张清单 (never printed blank). The same :class:`~djdesk.outline.Outline`
feeds the PDF and the Word copy, and the register keeps it for reprints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from djdesk import APP_NAME
from djdesk.formats.agreements.template_file import TemplateDoc, TemplateSection
from djdesk.outline import (
    Block,
    Checklist,
    ChecklistItem,
    Clause,
    Fields,
    Grid,
    Heading,
    Outline,
    PageBreak,
    Parties,
    SignatureParty,
    Signatures,
)
from djdesk.services.agreements.placeholders import fill
from djdesk.services.agreements.rules import years_later
from djdesk.services.agreements.template_rules import UNTITLED
from djdesk.services.agreements.types import AgreementInput, AgreementKind

_DIGITS = "〇一二三四五六七八九"
CHECK_COLUMNS = ("选定", "共建内容", "具体内容")
TASK_COLUMNS = ("序号", "任务类别", "具体任务", "量化指标", "完成时限", "分值")
TASK_WIDTHS = (0.7, 1.15, 2.55, 2.55, 1.5, 0.7)
ANNEX_COLUMNS = ("序号", "名称", "内容", "责任人", "时间")


def cn_number(n: int) -> str:
    """1–99 in Chinese numerals: 一, 十, 十二, 二十, 二十一."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[ones] if ones else "")


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


@dataclass(frozen=True)
class PartyInfo:
    """One party as printed: its Party organisation, unit and contacts."""

    org: str
    unit: str
    address: str
    leader: str
    liaison: str
    phone: str
    uscc: str = ""

    def fields(self, caption: str) -> Fields:
        rows = [("党组织", self.org), ("单位", self.unit)]
        if self.uscc:
            rows.append(("统一社会信用代码", self.uscc))
        rows += [
            ("地址", self.address),
            ("负责人", self.leader),
            ("联络员", self.liaison),
            ("联系电话", self.phone),
        ]
        return Fields(caption, tuple(rows))


@dataclass(frozen=True)
class AnnexList:
    """One of the 三张清单 (资源清单、需求清单、项目清单) and its rows."""

    title: str
    rows: tuple[tuple[str, str, str, str], ...]  # 名称, 内容, 责任人, 时间


def term_text(starts_on: date, ends_on: date) -> str:
    """e.g. 三年，自2026年1月1日起至2028年12月31日止 (the years only when whole)."""
    span = f"自{cn_date(starts_on)}起至{cn_date(ends_on)}止"
    for years in range(1, 6):
        if years_later(starts_on, years).toordinal() - 1 == ends_on.toordinal():
            return f"{'两' if years == 2 else cn_number(years)}年，{span}"
    return span


def copies_texts(copies: int, street: str) -> tuple[str, str]:
    """(份数, 份数分配): 三 and 甲乙双方各执一份，一份报…党工委备案."""
    each, extra = divmod(copies, 2)
    share = f"甲乙双方各执{'一' if each == 1 else '两'}份"
    if extra:
        share += f"，一份报{street}党工委备案"
    return ("两" if copies == 2 else cn_number(copies)), share


def _section_blocks(
    section: TemplateSection, number: int | None, values: dict[str, str]
) -> list[Block]:
    blocks: list[Block] = []
    if section.key not in UNTITLED:
        prefix = f"{cn_number(number)}、" if number is not None else ""
        blocks.append(Heading(f"{prefix}{fill(section.heading, values)}"))
    clauses = [fill(c, values) for c in section.clauses if c.strip()]
    numbered = len(clauses) > 1 and section.key not in UNTITLED
    blocks += [
        Clause(text, f"{i}．" if numbered else "") for i, text in enumerate(clauses, start=1)
    ]
    return blocks


def compose(
    doc: TemplateDoc,
    data: AgreementInput,
    *,
    first: PartyInfo,
    second: PartyInfo,
    values: dict[str, str],
    serial: str,
    lists: Sequence[AnnexList] = (),
) -> Outline:
    """The outline of ``data`` in the words of ``doc`` (placeholders from ``values``)."""
    blocks: list[Block] = []
    number = 0
    annex: TemplateSection | None = None
    for section in doc.sections:
        if section.key == "annex":
            annex = section
            continue
        titled = section.key not in UNTITLED
        number += 1 if titled else 0
        blocks += _section_blocks(section, number if titled else None, values)
        if section.key == "preamble":
            blocks.append(Parties(first.fields("甲方"), second.fields("乙方")))
        elif section.key == "content":
            chosen = set(data.content_items)
            blocks.append(
                Checklist(
                    CHECK_COLUMNS,
                    tuple(
                        ChecklistItem(name in chosen, name, fill(text, values))
                        for name, text in section.items
                    ),
                )
            )
        elif section.key == "tasks":
            blocks.append(_task_grid(data))
    blocks.append(Signatures(SignatureParty("甲方", first.org), SignatureParty("乙方", second.org)))
    if annex is not None and any(lst.rows for lst in lists):
        blocks += _annex(annex, lists, values)
    kind = AgreementKind(data.kind)
    return Outline(
        title=doc.title,
        issuer=first.org,
        blocks=tuple(blocks),
        serial=serial,
        subject=f"{first.org}与{second.org}{kind.value}",
        footer_note=f"由 {APP_NAME} 生成",
        keywords=(kind.value, second.unit, serial),
    )


def _task_grid(data: AgreementInput) -> Grid:
    rows = tuple(
        (str(i), t.category, t.task, t.target, t.deadline, str(t.score))
        for i, t in enumerate(data.tasks, start=1)
    )
    total = sum(t.score for t in data.tasks)
    return Grid(TASK_COLUMNS, TASK_WIDTHS, rows, total=("合计", "", "", "", "", str(total)))


def _annex(
    annex: TemplateSection, lists: Sequence[AnnexList], values: dict[str, str]
) -> list[Block]:
    blocks: list[Block] = [PageBreak(), Heading(fill(annex.heading, values), level=1)]
    blocks += [Clause(fill(c, values)) for c in annex.clauses if c.strip()]
    for lst in lists:
        if not lst.rows:
            continue  # an empty list is left out, not printed blank
        blocks.append(Heading(lst.title))
        rows = tuple((str(i), *row) for i, row in enumerate(lst.rows, start=1))
        blocks.append(Grid(ANNEX_COLUMNS, (0.55, 2.0, 3.6, 1.2, 1.3), rows))
    return blocks
