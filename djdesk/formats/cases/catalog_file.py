"""Catalogue files (``djdesk-catalog`` JSON, docs/catalog-format.md): read and check, pure.

A catalogue file comes from outside (a district office, a USB stick) and is treated as hostile:
its size is checked before it is read, JSON objects may not repeat a key, every field is
checked for its type and length, unknown fields are refused, codes must be unique and match
their catalogue, each catalogue's ``count`` must equal the items in force, and every
certificate template may only use the known placeholders. Every problem found is reported in
Chinese (up to :data:`MAX_PROBLEMS`); nothing is returned unless the whole file is good.
Comparing with the version in use is the service's job.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from djdesk.errors import DjdeskError
from djdesk.formats.cases.catalog_fields import (
    CatalogFileError,
    Problems,
    check_keys,
    read_date,
    read_int,
    read_text,
)

FORMAT = "djdesk-catalog"
FORMAT_VERSION = 1
MAX_BYTES = 2 * 1024 * 1024
MAX_ITEMS = 300  # per catalogue

#: Catalogue keys in file order, with their standard titles.
CATALOG_TITLES = {"ZZ": "保留社区工作事项", "XZ": "协助政府工作事项", "ZM": "依法证明事项"}
#: Placeholders a certificate body may use (filled from the case when it is issued).
PLACEHOLDERS = ("姓名", "性别", "身份证号", "住址", "事实", "用途")

_TOP_KEYS = {
    "format": True,
    "format_version": True,
    "version": True,
    "effective_date": True,
    "issuer": True,
    "document": False,
    "sample": False,
    "note": False,
    "catalogs": True,
}
_CATALOG_KEYS = {"key": True, "title": True, "count": True, "items": True}
_ITEM_KEYS = {
    "code": True,
    "name": True,
    "category": False,
    "legal_basis": False,
    "lead_department": False,
    "materials": False,
    "time_limit": False,
    "certificate": False,
}
_CERT_KEYS = {
    "title": True,
    "body": True,
    "purpose_hint": False,
    "validity_months": False,
    "limitation": False,
}
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True)
class CertificateTemplate:
    """How a 证明 item's certificate reads: title, body with placeholders, 用途 hint, validity."""

    title: str
    body: str
    purpose_hint: str = ""
    validity_months: int | None = None
    limitation: str = ""  # e.g. 仅限公证: printed on the certificate


@dataclass(frozen=True)
class CatalogItemData:
    code: str
    name: str
    category: str = ""
    legal_basis: str = ""
    lead_department: str = ""
    materials: tuple[str, ...] = ()
    time_limit: str = ""
    certificate: CertificateTemplate | None = None


@dataclass(frozen=True)
class CatalogData:
    key: str  # ZZ / XZ / ZM
    title: str
    count: int
    items: tuple[CatalogItemData, ...]


@dataclass(frozen=True)
class CatalogFile:
    """A checked catalogue file: one version of all three catalogues."""

    version: int
    effective_date: date
    issuer: str
    catalogs: tuple[CatalogData, ...]
    document: str = ""
    sample: bool = False
    note: str = ""

    def items(self) -> Iterator[tuple[str, CatalogItemData]]:
        """(catalogue key, item) for every item, in file order."""
        for catalog in self.catalogs:
            for item in catalog.items:
                yield catalog.key, item


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise ValueError(f"字段“{key}”在同一处出现了两次")
        seen[key] = value
    return seen


def _load_json(data: bytes, source: str) -> Any:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CatalogFileError(source, ["不是 UTF-8 编码的文本文件"]) from None
    try:
        return json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as exc:
        raise CatalogFileError(
            source, [f"不是有效的 JSON（第 {exc.lineno} 行第 {exc.colno} 列附近）"]
        ) from None
    except ValueError as exc:  # a repeated key, from the hook
        raise CatalogFileError(source, [str(exc)]) from None
    except RecursionError:
        raise CatalogFileError(source, ["嵌套层数过多，不是目录文件"]) from None


def _template(raw: Any, where: str, p: Problems) -> CertificateTemplate | None:
    if not isinstance(raw, dict):
        p.add(f"{where}的“certificate”应为对象")
        return None
    check_keys(raw, _CERT_KEYS, f"{where}的证明模板", p)
    title = read_text(raw, "title", f"{where}的证明标题", p, limit=60, required=True)
    body = read_text(raw, "body", f"{where}的证明正文", p, limit=1000, required=True, lines=True)
    for name in _PLACEHOLDER.findall(body):
        if name not in PLACEHOLDERS:
            p.add(
                f"{where}的证明正文用了未知的占位符“{{{name}}}”（可用：{'、'.join(PLACEHOLDERS)}）"
            )
    if body.count("{") != body.count("}"):
        p.add(f"{where}的证明正文花括号不成对")
    months = read_int(raw, "validity_months", f"{where}的有效期（月）", p, low=1, high=60)
    return CertificateTemplate(
        title=title,
        body=body,
        purpose_hint=read_text(raw, "purpose_hint", f"{where}的用途提示", p, limit=100),
        validity_months=months,
        limitation=read_text(raw, "limitation", f"{where}的限定用途", p, limit=20),
    )


def _item(raw: Any, key: str, where: str, p: Problems) -> CatalogItemData | None:
    if not isinstance(raw, dict):
        p.add(f"{where}应为对象")
        return None
    check_keys(raw, _ITEM_KEYS, where, p)
    code = read_text(raw, "code", f"{where}的编号", p, limit=12, required=True)
    if code:
        where = f"{where}（{code}）"
        if not re.fullmatch(rf"{key}-\d{{2,3}}", code):
            p.add(f"{where}的编号应为“{key}-”加两到三位数字，如 {key}-01")
    name = read_text(raw, "name", f"{where}的名称", p, limit=100, required=True)
    materials: list[str] = []
    raw_materials = raw.get("materials", [])
    if not isinstance(raw_materials, list) or len(raw_materials) > 20:
        p.add(f"{where}的“materials”应为不超过 20 项的列表")
    else:
        for i, value in enumerate(raw_materials, start=1):
            text = read_text({"m": value}, "m", f"{where}的第 {i} 项材料", p, 60, required=True)
            if text in materials:
                p.add(f"{where}的材料“{text}”重复")
            elif text:
                materials.append(text)
    template = None
    if "certificate" in raw:
        if key != "ZM":
            p.add(f"{where}不是依法证明事项，不能带证明模板")
        else:
            template = _template(raw["certificate"], where, p)
    elif key == "ZM":
        p.add(f"{where}是依法证明事项，缺少证明模板“certificate”")
    return CatalogItemData(
        code=code,
        name=name,
        category=read_text(raw, "category", f"{where}的类别", p, limit=40),
        legal_basis=read_text(raw, "legal_basis", f"{where}的依据", p, limit=300),
        lead_department=read_text(raw, "lead_department", f"{where}的牵头部门", p, limit=100),
        materials=tuple(materials),
        time_limit=read_text(raw, "time_limit", f"{where}的办理时限", p, limit=40),
        certificate=template,
    )


def _catalog(raw: Any, index: int, p: Problems) -> CatalogData | None:
    where = f"第 {index} 个目录"
    if not isinstance(raw, dict):
        p.add(f"{where}应为对象")
        return None
    check_keys(raw, _CATALOG_KEYS, where, p)
    key = read_text(raw, "key", f"{where}的代号", p, limit=4, required=True)
    if key not in CATALOG_TITLES:
        if key:
            p.add(f"{where}的代号“{key}”未知（应为 {'、'.join(CATALOG_TITLES)}）")
        return None
    where = f"目录“{CATALOG_TITLES[key]}”"
    title = read_text(raw, "title", f"{where}的标题", p, limit=40, required=True)
    count = read_int(raw, "count", f"{where}的事项数", p, low=0, high=MAX_ITEMS, required=True)
    raw_items = raw.get("items")
    if not isinstance(raw_items, list):
        p.add(f"{where}的“items”应为列表")
        return None
    if len(raw_items) > MAX_ITEMS:
        p.add(f"{where}的事项超过 {MAX_ITEMS} 项")
        return None
    items = [_item(it, key, f"{where}第 {i} 项", p) for i, it in enumerate(raw_items, start=1)]
    good = tuple(it for it in items if it is not None)
    if count is not None and count != len(raw_items):
        p.add(f"{where}表头写明 {count} 项，实际列出 {len(raw_items)} 项，两者不符")
    return CatalogData(key=key, title=title, count=count or 0, items=good)


def parse_catalog(data: bytes, *, source: str = "目录文件") -> CatalogFile:
    """Check ``data`` as a catalogue file; raises :class:`CatalogFileError` with every problem."""
    if len(data) > MAX_BYTES:
        raise CatalogFileError(source, [f"文件过大（超过 {MAX_BYTES // 1024 // 1024} MB）"])
    raw = _load_json(data, source)
    if not isinstance(raw, dict):
        raise CatalogFileError(source, ["最外层应为 JSON 对象"])
    if raw.get("format") != FORMAT:
        raise CatalogFileError(source, [f"不是 djdesk 目录文件（“format”应为“{FORMAT}”）"])
    p = Problems()
    check_keys(raw, _TOP_KEYS, "文件头", p)
    fmt = raw.get("format_version")
    if fmt != FORMAT_VERSION:
        if isinstance(fmt, int) and not isinstance(fmt, bool) and fmt > FORMAT_VERSION:
            p.add(f"文件格式版本 {fmt} 由更新版本的程序生成，本程序只认识版本 {FORMAT_VERSION}")
        else:
            p.add(f"“format_version”应为 {FORMAT_VERSION}")
    version = read_int(raw, "version", "目录版本号", p, low=1, high=9999, required=True)
    effective = read_date(raw, "effective_date", "生效日期", p)
    issuer = read_text(raw, "issuer", "发布机关", p, limit=100, required=True)
    sample = raw.get("sample", False)
    if not isinstance(sample, bool):
        p.add("“sample”应为 true 或 false")
    catalogs: list[CatalogData] = []
    raw_catalogs = raw.get("catalogs")
    if not isinstance(raw_catalogs, list):
        p.add("“catalogs”应为列表")
    else:
        for i, c in enumerate(raw_catalogs, start=1):
            if (catalog := _catalog(c, i, p)) is not None:
                catalogs.append(catalog)
        keys = [c.key for c in catalogs]
        for key, title in CATALOG_TITLES.items():
            if keys.count(key) == 0:
                p.add(f"缺少目录“{title}”（{key}）")
            elif keys.count(key) > 1:
                p.add(f"目录“{title}”（{key}）出现了 {keys.count(key)} 次")
    codes: dict[str, str] = {}
    for catalog in catalogs:
        for item in catalog.items:
            if item.code in codes:
                p.add(f"事项编号“{item.code}”重复（{codes[item.code]}、{item.name}）")
            elif item.code:
                codes[item.code] = item.name
    document = read_text(raw, "document", "文号", p, limit=100)
    note = read_text(raw, "note", "说明", p, limit=1000, lines=True)
    p.raise_if_any(source)
    assert version is not None and effective is not None
    order = list(CATALOG_TITLES)
    return CatalogFile(
        version=version,
        effective_date=effective,
        issuer=issuer,
        catalogs=tuple(sorted(catalogs, key=lambda c: order.index(c.key))),
        document=document,
        sample=bool(sample),
        note=note,
    )


def read_catalog_file(path: Path) -> CatalogFile:
    """Read and check a catalogue file; the size is checked before anything is read."""
    source = path.name
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise CatalogFileError(source, [f"文件过大（{size:,} 字节，上限 {MAX_BYTES:,} 字节）"])
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise DjdeskError(f"找不到目录文件“{path}”。") from None
    except IsADirectoryError:
        raise DjdeskError(f"“{path}”是文件夹，不是目录文件。") from None
    except OSError as exc:
        raise DjdeskError(f"无法读取目录文件“{path}”：{exc.strerror or exc}。") from None
    return parse_catalog(data, source=source)
