"""Clause templates as readable JSON files (``docs/template-format.md``) and back.

A template is a title and a list of sections, each with a key, a heading, clause texts that may
hold placeholders such as ``{甲方名称}``, and — for a checklist section — item descriptions.
:func:`parse_template` reads the file's text into a :class:`TemplateDoc` and refuses anything
malformed with a Chinese message naming the place; :func:`dump_template` writes the canonical
form (UTF-8, two-space indent, keys in a fixed order). Which keys a kind needs and which
placeholders it knows are rules, checked by the agreements service. Pure: text in, data out.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from djdesk.errors import DjdeskError

FORMAT = "djdesk-template"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 512 * 1024
MAX_SECTIONS = 40
MAX_CLAUSES = 40
MAX_TEXT = 2000
_KEY = re.compile(r"[a-z][a-z0-9_]{0,39}")


@dataclass(frozen=True)
class TemplateSection:
    """One section: ``key`` (ASCII, fixed per kind), heading, clauses, checklist items."""

    key: str
    heading: str
    clauses: tuple[str, ...] = ()
    #: (item name, description) for a checklist section such as 共建内容
    items: tuple[tuple[str, str], ...] = ()

    def is_empty(self) -> bool:
        return not any(c.strip() for c in self.clauses)


@dataclass(frozen=True)
class TemplateDoc:
    """A whole template of one kind (agreement, responsibility, contact-card)."""

    kind: str
    title: str
    sections: tuple[TemplateSection, ...]
    note: str = ""

    def section(self, key: str) -> TemplateSection | None:
        return next((s for s in self.sections if s.key == key), None)


class TemplateFileError(DjdeskError):
    """A template file that cannot be read as a template; the message says where and why."""


def _text(value: Any, where: str, *, limit: int = MAX_TEXT, blank: bool = True) -> str:
    if not isinstance(value, str):
        raise TemplateFileError(f"{where}应为文字。")
    text = value.strip()
    if not blank and not text:
        raise TemplateFileError(f"{where}不能为空。")
    if len(text) > limit:
        raise TemplateFileError(f"{where}过长（{len(text)} 字，最多 {limit} 字）。")
    return text


def _section(raw: Any, number: int) -> TemplateSection:
    where = f"第 {number} 节"
    if not isinstance(raw, dict):
        raise TemplateFileError(f"{where}应为一个对象（{{ … }}）。")
    unknown = set(raw) - {"key", "heading", "clauses", "items"}
    if unknown:
        raise TemplateFileError(f"{where}有不认识的项：{'、'.join(sorted(unknown))}。")
    key = _text(raw.get("key"), f"{where}的 key", limit=40, blank=False)
    if not _KEY.fullmatch(key):
        raise TemplateFileError(f"{where}的 key “{key}”只能由小写英文字母、数字和下划线组成。")
    where = f"第 {number} 节（{key}）"
    heading = _text(raw.get("heading", ""), f"{where}的标题", limit=60)
    clauses = raw.get("clauses", [])
    if not isinstance(clauses, list) or len(clauses) > MAX_CLAUSES:
        raise TemplateFileError(f"{where}的 clauses 应为不超过 {MAX_CLAUSES} 条文字的列表。")
    texts = tuple(_text(c, f"{where}第 {i} 条") for i, c in enumerate(clauses, start=1))
    items_raw = raw.get("items", {})
    if not isinstance(items_raw, dict):
        raise TemplateFileError(f"{where}的 items 应为“名称: 说明”的对象。")
    items = tuple(
        (_text(name, f"{where}的条目名称", limit=20, blank=False), _text(text, f"{where}“{name}”"))
        for name, text in items_raw.items()
    )
    return TemplateSection(key=key, heading=heading, clauses=texts, items=items)


def parse_template(text: str, *, source: str = "模板文件") -> TemplateDoc:
    """Read a template from JSON text; ``source`` names it in messages (e.g. the file name)."""
    if len(text.encode("utf-8")) > MAX_FILE_BYTES:
        raise TemplateFileError(f"{source}过大（超过 {MAX_FILE_BYTES // 1024} KB），不是模板文件。")
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TemplateFileError(
            f"{source}不是有效的 JSON：第 {exc.lineno} 行第 {exc.colno} 列附近有误（{exc.msg}）。"
        ) from exc
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise TemplateFileError(f'{source}不是 djdesk 文书模板（缺少 "format": "{FORMAT}"）。')
    if raw.get("format_version") != FORMAT_VERSION:
        raise TemplateFileError(
            f"{source}的格式版本为 {raw.get('format_version')!r}，"
            f"本程序只能读取版本 {FORMAT_VERSION}。"
        )
    kind = _text(raw.get("kind"), f"{source}的 kind", limit=20, blank=False)
    title = _text(raw.get("title"), f"{source}的标题（title）", limit=40, blank=False)
    sections = raw.get("sections")
    if not isinstance(sections, list) or not sections or len(sections) > MAX_SECTIONS:
        raise TemplateFileError(f"{source}的 sections 应为 1–{MAX_SECTIONS} 节的列表。")
    parsed = tuple(_section(s, i) for i, s in enumerate(sections, start=1))
    keys = [s.key for s in parsed]
    twice = sorted({k for k in keys if keys.count(k) > 1})
    if twice:
        raise TemplateFileError(f"{source}中以下 key 出现了不止一次：{'、'.join(twice)}。")
    note = _text(raw.get("note", ""), f"{source}的说明（note）", limit=200)
    return TemplateDoc(kind=kind, title=title, sections=parsed, note=note)


def template_as_dict(doc: TemplateDoc) -> dict[str, Any]:
    sections: list[dict[str, Any]] = []
    for s in doc.sections:
        entry: dict[str, Any] = {"key": s.key, "heading": s.heading, "clauses": list(s.clauses)}
        if s.items:
            entry["items"] = dict(s.items)
        sections.append(entry)
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "kind": doc.kind,
        "title": doc.title,
        "note": doc.note,
        "sections": sections,
    }


def dump_template(doc: TemplateDoc) -> str:
    """The canonical JSON text of a template (what export writes and the database stores)."""
    return json.dumps(template_as_dict(doc), ensure_ascii=False, indent=2) + "\n"
