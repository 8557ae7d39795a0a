"""What a clause template of each kind must hold, and the check every saved template passes.

Each kind has fixed sections (:data:`SCHEMA`): some required (a 协议期限 or 考核办法 can never
be dropped or left empty), some optional; agreements and responsibility books may add sections
of their own, the 党群连心卡 has exactly its seven items. :func:`check_template` refuses a
template with an unknown placeholder, a broken brace, a missing or empty required section or a
wrong checklist, naming the section and clause and saying what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass

from djdesk.errors import ValidationError, ValidationErrors
from djdesk.formats.agreements.template_file import (
    TemplateDoc,
    TemplateSection,
    dump_template,
    parse_template,
)
from djdesk.services.agreements.placeholders import PLACEHOLDERS, placeholders_in
from djdesk.services.agreements.types import ContentItem, TemplateKind


@dataclass(frozen=True)
class SectionRule:
    key: str
    label: str
    required: bool = True
    #: the item names a checklist section must describe, each exactly once
    checklist: tuple[str, ...] = ()


CARD_ITEMS = ("survey", "advice", "resources", "needs", "projects", "volunteers", "feedback")

SCHEMA: dict[TemplateKind, tuple[SectionRule, ...]] = {
    TemplateKind.AGREEMENT: (
        SectionRule("preamble", "开头语"),
        SectionRule("basis", "共建依据与目的"),
        SectionRule("principles", "共建原则"),
        SectionRule("content", "共建内容", checklist=tuple(ContentItem)),
        SectionRule("first_duties", "甲方的权利和义务"),
        SectionRule("second_duties", "乙方的权利和义务"),
        SectionRule("mechanism", "工作机制"),
        SectionRule("evaluation", "考核评价"),
        SectionRule("term", "协议期限"),
        SectionRule("other", "其他", required=False),
        SectionRule("copies", "协议份数与生效"),
        SectionRule("annex", "附件：三张清单", required=False),
    ),
    TemplateKind.RESPONSIBILITY: (
        SectionRule("preamble", "开头语"),
        SectionRule("subjects", "责任主体"),
        SectionRule("goal", "年度目标"),
        SectionRule("tasks", "目标任务"),
        SectionRule("scoring", "考核办法"),
        SectionRule("results", "结果运用"),
        SectionRule("term", "责任期限"),
        SectionRule("other", "其他", required=False),
        SectionRule("copies", "份数与生效"),
    ),
    TemplateKind.CONTACT_CARD: (
        SectionRule("intro", "卡片说明", required=False),
        *(SectionRule(key, f"第 {i} 项") for i, key in enumerate(CARD_ITEMS, start=1)),
    ),
}

#: Sections printed without a heading of their own (the opening paragraph).
UNTITLED = frozenset({"preamble", "intro"})


def rule_for(kind: TemplateKind, key: str) -> SectionRule | None:
    return next((r for r in SCHEMA[kind] if r.key == key), None)


def _where(number: int, section: TemplateSection, kind: TemplateKind) -> str:
    rule = rule_for(kind, section.key)
    name = section.heading or (rule.label if rule else section.key)
    return f"第 {number} 节“{name}”"


def _placeholder_errors(kind: TemplateKind, where: str, text: str) -> list[str]:
    known = PLACEHOLDERS[kind]
    problems: list[str] = []
    for name in placeholders_in(text):
        if not name:
            problems.append(f"{where}：大括号不成对或为空（要写文字的大括号请写成 {{{{ 或 }}}}）")
        elif name not in known:
            problems.append(f"{where}：未知的占位符 {{{name}}}（可用：{'、'.join(known)}）")
    return problems


def _checklist_errors(rule: SectionRule, where: str, section: TemplateSection) -> list[str]:
    names = [name for name, _text in section.items]
    problems = [f"{where}：缺少条目“{n}”的说明" for n in rule.checklist if n not in names]
    problems += [f"{where}：不认识的条目“{n}”" for n in names if n not in rule.checklist]
    problems += [f"{where}：条目“{n}”的说明不能为空" for n, text in section.items if not text]
    return problems


def check_template(doc: TemplateDoc, kind: TemplateKind) -> TemplateDoc:
    """``doc`` if it is a valid template of ``kind``; otherwise :class:`ValidationErrors`.

    A document built in memory (the template editor) goes through the file format first, so
    that its limits (text lengths, keys, counts) hold for what is saved: a stored version must
    always read back (:class:`~djdesk.formats.agreements.template_file.TemplateFileError`).
    """
    doc = parse_template(dump_template(doc), source="模板")
    problems: list[str] = []
    if doc.kind != kind.value:
        problems.append(f"这是“{doc.kind}”的模板，不是{kind.label}（{kind.value}）的模板")
    schema = SCHEMA[kind]
    keys = [s.key for s in doc.sections]
    problems += [
        f"缺少必需的一节“{rule.label}”（key：{rule.key}）"
        for rule in schema
        if rule.required and rule.key not in keys
    ]
    for number, section in enumerate(doc.sections, start=1):
        where = _where(number, section, kind)
        rule = rule_for(kind, section.key)
        if rule is None and kind == TemplateKind.CONTACT_CARD:
            problems.append(f"{where}：党群连心卡只有固定的七项，不能增加“{section.key}”")
            continue
        if rule is not None and rule.required and section.is_empty():
            problems.append(f"{where}：这一节是必需的，不能为空")
        if section.key not in UNTITLED and not section.heading:
            problems.append(f"{where}：标题不能为空")
        for i, clause in enumerate(section.clauses, start=1):
            problems += _placeholder_errors(kind, f"{where}第 {i} 条", clause)
        if rule is not None and rule.checklist:
            problems += _checklist_errors(rule, where, section)
        elif section.items:
            problems.append(f"{where}：这一节不是清单，不能有条目（items）")
        for name, text in section.items:
            problems += _placeholder_errors(kind, f"{where}“{name}”", text)
    if problems:
        raise ValidationErrors([ValidationError("template", p, label="模板") for p in problems])
    return doc
