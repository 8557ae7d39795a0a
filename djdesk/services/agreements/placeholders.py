"""Placeholders in clause templates: which each kind knows, finding them, filling them in.

A placeholder is a name in braces, ``{甲方名称}``; a literal brace is written twice (``{{``,
``}}``). Each template kind has a fixed set of names (:data:`PLACEHOLDERS`) with what they
stand for; a template that uses any other name is refused when it is saved, so a misspelt
``{甲方名}`` never reaches paper.
"""

from __future__ import annotations

import re

from djdesk.services.agreements.types import TemplateKind

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")

_PARTIES = {
    "甲方名称": "甲方党组织全称（本社区党组织）",
    "甲方单位": "甲方单位全称（本社区）",
    "乙方名称": "乙方党组织全称（驻区单位党组织）",
    "乙方单位": "乙方单位全称（驻区单位）",
    "街道名称": "所属街道名称",
    "份数": "文本份数（两、三……）",
    "份数分配": "各份去向，如“甲乙双方各执一份”",
}

PLACEHOLDERS: dict[TemplateKind, dict[str, str]] = {
    TemplateKind.AGREEMENT: {
        **_PARTIES,
        "甲方地址": "甲方地址",
        "甲方负责人": "甲方负责人",
        "甲方联络员": "甲方联络员",
        "甲方电话": "甲方联系电话",
        "乙方地址": "乙方地址",
        "乙方负责人": "乙方党组织负责人（书记）",
        "乙方联络员": "乙方联络员",
        "乙方电话": "乙方联络员电话",
        "协议编号": "协议编号",
        "协议期限": "期限全文，如“三年，自2026年1月1日起至2028年12月31日止”",
        "起始日期": "期限起始日期",
        "终止日期": "期限终止日期",
        "联席会议频次": "联席会议频次，如“每季度”",
        "认领项目数": "乙方每年认领项目数",
        "活动次数": "乙方在职党员每年参加活动次数",
        "开放设施": "乙方向社区开放的设施",
    },
    TemplateKind.RESPONSIBILITY: {
        **_PARTIES,
        "责任书编号": "责任书编号",
        "年度": "责任年度，如“2026”",
        "责任期限": "期限全文，如“2026年1月1日至2026年12月31日”",
        "起始日期": "期限起始日期",
        "终止日期": "期限终止日期",
        "年度目标": "年度目标（在责任书中填写）",
        "任务数": "目标任务项数",
        "总分": "目标任务分值合计",
    },
    TemplateKind.CONTACT_CARD: {
        "社区名称": "本社区全称",
        "甲方名称": "本社区党组织全称",
        "乙方单位": "联系单位全称（空白卡留空）",
        "乙方名称": "联系单位党组织全称（空白卡留空）",
        "联系人": "单位联系人（空白卡留空）",
        "联系电话": "单位联系电话（空白卡留空）",
        "社区电话": "社区联系电话",
    },
}


def placeholders_in(text: str) -> list[str]:
    """The placeholder names in ``text`` in order (``{{`` and ``}}`` are literal braces).

    A lone brace or an empty ``{}`` is reported as the name ``""``: a broken placeholder.
    """
    names: list[str] = []
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if token in ("{{", "}}"):
            continue
        names.append((match.group(1) or "").strip())
    return names


def unknown_placeholders(text: str, kind: TemplateKind) -> list[str]:
    known = PLACEHOLDERS[kind]
    return [name for name in placeholders_in(text) if name not in known]


def fill(text: str, values: dict[str, str]) -> str:
    """``text`` with every placeholder replaced by its value (unknown names are a bug here:
    templates are checked when saved)."""

    def replace(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        name = (match.group(1) or "").strip()
        if name not in values:
            raise KeyError(f"placeholder {token!r} has no value")
        return values[name]

    return _TOKEN.sub(replace, text)
