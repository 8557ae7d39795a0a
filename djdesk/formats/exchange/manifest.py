"""``manifest.json``: what a package is, who sent it, and the checksum of every other member.

The manifest is the only signed part of a package (``manifest.sig`` is the Ed25519 signature
of its exact bytes); every other member is bound to it by its SHA-256 and size. It is read as
hostile input before the signature is checked: size-limited, every field type-checked, unknown
fields refused. docs/sync-format.md lists the fields.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from djdesk.formats.exchange.columns import ColumnSpec, ValueKind, format_datetime
from djdesk.formats.exchange.errors import PackageRefusedError, RefusalKind
from djdesk.formats.exchange.keys import LEVELS, decode_key, encode_key, fingerprint

FORMAT = "djdesk-sync"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
MAX_MANIFEST_BYTES = 4 * 1024 * 1024
MAX_TABLES = 200
MAX_FILES = 1000
MAX_COMMUNITIES = 2000
RECORDS = "records"
REFERENCE = "reference"
_SHA256 = re.compile(r"[0-9a-f]{64}")
_MEMBER = re.compile(r"(tables|reference)/[a-z0-9_\-.]{1,80}\.(jsonl|json)")
_TABLE = re.compile(r"[a-z][a-z0-9_]{0,62}")
_CODE = re.compile(r"\d{6,12}")


@dataclass(frozen=True)
class Sender:
    level: str
    code: str
    name: str
    public_key: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)


@dataclass(frozen=True)
class Community:
    """A site whose records a street forwards (its code is an origin the package may carry)."""

    code: str
    name: str
    level: str = "社区"


@dataclass(frozen=True)
class TableEntry:
    name: str
    file: str
    records: int
    columns: tuple[ColumnSpec, ...]


@dataclass(frozen=True)
class ReferenceEntry:
    """One published version of reference data (a catalogue, later agreement templates)."""

    kind: str
    version: int
    file: str
    title: str = ""


@dataclass(frozen=True)
class FileEntry:
    name: str
    size: int
    sha256: str


@dataclass(frozen=True)
class Manifest:
    kind: str  # RECORDS (upward) or REFERENCE (downward)
    app_version: str
    schema_revision: str
    created_at: datetime
    sender: Sender
    sequence: int
    follows: int
    full: bool
    reference_versions: dict[str, int | None] = field(default_factory=dict)
    communities: tuple[Community, ...] = ()
    tables: tuple[TableEntry, ...] = ()
    reference: tuple[ReferenceEntry, ...] = ()
    files: tuple[FileEntry, ...] = ()
    format_version: int = FORMAT_VERSION

    def file(self, name: str) -> FileEntry:
        return next(f for f in self.files if f.name == name)

    @property
    def record_count(self) -> int:
        return sum(t.records for t in self.tables)


def manifest_bytes(manifest: Manifest) -> bytes:
    data = {
        "format": FORMAT,
        "format_version": manifest.format_version,
        "kind": manifest.kind,
        "app_version": manifest.app_version,
        "schema_revision": manifest.schema_revision,
        "created_at": format_datetime(manifest.created_at),
        "sender": {
            "level": manifest.sender.level,
            "code": manifest.sender.code,
            "name": manifest.sender.name,
            "public_key": encode_key(manifest.sender.public_key),
            "fingerprint": manifest.sender.fingerprint,
        },
        "sequence": manifest.sequence,
        "follows": manifest.follows,
        "full": manifest.full,
        "reference_versions": manifest.reference_versions,
        "communities": [
            {"code": c.code, "name": c.name, "level": c.level} for c in manifest.communities
        ],
        "tables": [
            {
                "name": t.name,
                "file": t.file,
                "records": t.records,
                "columns": [c.describe() for c in t.columns],
            }
            for t in manifest.tables
        ],
        "reference": [
            {"kind": r.kind, "version": r.version, "file": r.file, "title": r.title}
            for r in manifest.reference
        ],
        "files": [{"name": f.name, "size": f.size, "sha256": f.sha256} for f in manifest.files],
    }
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")


class _Reader:
    """Typed access to the manifest's JSON with one refusal type for every problem."""

    def __init__(self, name: str) -> None:
        self.name = name

    def fail(self, reason: str, kind: RefusalKind = RefusalKind.DAMAGED) -> PackageRefusedError:
        return PackageRefusedError(self.name, kind, f"清单 manifest.json {reason}")

    def obj(self, value: Any, where: str, keys: set[str]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(f"的{where}应为对象")
        if set(value) != keys:
            missing, extra = sorted(keys - set(value)), sorted(set(value) - keys)
            detail = f"缺少 {'、'.join(missing)}" if missing else f"有未知字段 {'、'.join(extra)}"
            raise self.fail(f"的{where}{detail[:200]}")
        return value

    def text(self, value: Any, where: str, limit: int = 200, pattern: Any = None) -> str:
        if not isinstance(value, str) or not 0 < len(value) <= limit:
            raise self.fail(f"的“{where}”应为不超过 {limit} 个字符的文字")
        if pattern is not None and not pattern.fullmatch(value):
            raise self.fail(f"的“{where}”格式有误：{value[:40]}")
        return value

    def optional_text(self, value: Any, where: str, limit: int = 200) -> str:
        return "" if value == "" else self.text(value, where, limit)

    def integer(self, value: Any, where: str, low: int = 0, high: int = 2**62) -> int:
        if type(value) is not int or not low <= value <= high:
            raise self.fail(f"的“{where}”应为 {low}–{high} 的整数")
        return value

    def boolean(self, value: Any, where: str) -> bool:
        if type(value) is not bool:
            raise self.fail(f"的“{where}”应为 true 或 false")
        return value

    def items(self, value: Any, where: str, limit: int) -> list[Any]:
        if not isinstance(value, list) or len(value) > limit:
            raise self.fail(f"的“{where}”应为不超过 {limit} 项的列表")
        return value


def _column(r: _Reader, raw: Any, where: str) -> ColumnSpec:
    if not isinstance(raw, dict):
        raise r.fail(f"的{where}应为对象")
    optional = {"max_length", "references"}
    r.obj({k: v for k, v in raw.items() if k not in optional}, where, {"key", "kind", "null"})
    if set(raw) - {"key", "kind", "null", *optional}:
        raise r.fail(f"的{where}有未知字段")
    kind = r.text(raw["kind"], f"{where}.kind", 20)
    if kind not in set(ValueKind):
        raise r.fail(f"的{where}类型“{kind}”未知")
    limit = raw.get("max_length")
    references = raw.get("references")
    return ColumnSpec(
        key=r.text(raw["key"], f"{where}.key", 64, _TABLE),
        kind=ValueKind(kind),
        nullable=r.boolean(raw["null"], f"{where}.null"),
        max_length=None if limit is None else r.integer(limit, f"{where}.max_length", 1),
        references=None if references is None else r.text(references, where, 63, _TABLE),
    )


def _sender(r: _Reader, raw: Any) -> Sender:
    s = r.obj(raw, "发送单位", {"level", "code", "name", "public_key", "fingerprint"})
    key = decode_key(s["public_key"])
    if key is None:
        raise r.fail("的发送单位公钥不是 32 字节 Ed25519 公钥", RefusalKind.SIGNATURE)
    if s["fingerprint"] != fingerprint(key):
        raise r.fail("的发送单位指纹与公钥不符", RefusalKind.SIGNATURE)
    level = r.text(s["level"], "sender.level", 4)
    if level not in LEVELS:
        raise r.fail(f"的发送单位层级“{level}”未知")
    code = r.text(s["code"], "sender.code", 12, _CODE)
    return Sender(level, code, r.text(s["name"], "sender.name"), key)


def _load(data: bytes, r: _Reader) -> dict[str, Any]:
    if len(data) > MAX_MANIFEST_BYTES:
        raise r.fail("过大")
    try:
        raw = json.loads(data.decode("utf-8"), parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise r.fail("不是有效的 UTF-8 JSON") from None
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise r.fail(f"不是 djdesk 数据包清单（“format”应为“{FORMAT}”）")
    version = raw.get("format_version")
    if type(version) is not int or version < 1:
        raise r.fail("的“format_version”应为正整数")
    if version > FORMAT_VERSION:
        raise r.fail(
            f"的格式版本为 {version}，由更新版本的 djdesk 生成；本程序只认识版本 "
            f"{FORMAT_VERSION}，请先升级 djdesk",
            RefusalKind.NEWER_FORMAT,
        )
    return raw


def _refuse_constant(name: str) -> Any:
    raise ValueError(name)


_TOP = {
    "format",
    "format_version",
    "kind",
    "app_version",
    "schema_revision",
    "created_at",
    "sender",
    "sequence",
    "follows",
    "full",
    "reference_versions",
    "communities",
    "tables",
    "reference",
    "files",
}


def parse_manifest(data: bytes, *, name: str) -> Manifest:
    """Check the manifest's bytes; raises :class:`PackageRefusedError` naming the problem."""
    r = _Reader(name)
    raw = r.obj(_load(data, r), "顶层", _TOP)
    kind = r.text(raw["kind"], "kind", 20)
    if kind not in (RECORDS, REFERENCE):
        raise r.fail(f"的数据包类别“{kind}”未知")
    created = r.text(raw["created_at"], "created_at", 40)
    try:
        created_at = datetime.fromisoformat(created)
    except ValueError:
        raise r.fail("的“created_at”不是有效时间") from None
    if created_at.tzinfo is None:
        raise r.fail("的“created_at”缺少时区")
    versions = raw["reference_versions"]
    if not isinstance(versions, dict) or len(versions) > 20:
        raise r.fail("的“reference_versions”应为对象")
    for key, value in versions.items():
        r.text(key, "reference_versions", 30, _TABLE)
        if value is not None:
            r.integer(value, f"reference_versions.{key}", 1, 1_000_000)
    communities = tuple(
        Community(
            code=r.text(c["code"], "communities.code", 12, _CODE),
            name=r.text(c["name"], "communities.name"),
            level=r.text(c["level"], "communities.level", 4),
        )
        for c in (
            r.obj(item, "下属单位", {"code", "name", "level"})
            for item in r.items(raw["communities"], "communities", MAX_COMMUNITIES)
        )
    )
    tables = tuple(
        TableEntry(
            name=r.text(t["name"], "tables.name", 63, _TABLE),
            file=r.text(t["file"], "tables.file", 100, _MEMBER),
            records=r.integer(t["records"], "tables.records"),
            columns=tuple(
                _column(r, c, f"表 {t['name']} 的第 {i} 列")
                for i, c in enumerate(r.items(t["columns"], "tables.columns", 300), start=1)
            ),
        )
        for t in (
            r.obj(item, "数据表", {"name", "file", "records", "columns"})
            for item in r.items(raw["tables"], "tables", MAX_TABLES)
        )
    )
    reference = tuple(
        ReferenceEntry(
            kind=r.text(e["kind"], "reference.kind", 30, _TABLE),
            version=r.integer(e["version"], "reference.version", 1, 1_000_000),
            file=r.text(e["file"], "reference.file", 100, _MEMBER),
            title=r.optional_text(e["title"], "reference.title"),
        )
        for e in (
            r.obj(item, "参考数据", {"kind", "version", "file", "title"})
            for item in r.items(raw["reference"], "reference", MAX_TABLES)
        )
    )
    files = tuple(
        FileEntry(
            name=r.text(f["name"], "files.name", 100, _MEMBER),
            size=r.integer(f["size"], "files.size"),
            sha256=r.text(f["sha256"], "files.sha256", 64, _SHA256),
        )
        for f in (
            r.obj(item, "文件", {"name", "size", "sha256"})
            for item in r.items(raw["files"], "files", MAX_FILES)
        )
    )
    manifest = Manifest(
        kind=kind,
        app_version=r.text(raw["app_version"], "app_version", 40),
        schema_revision=r.text(raw["schema_revision"], "schema_revision", 40),
        created_at=created_at,
        sender=_sender(r, raw["sender"]),
        sequence=r.integer(raw["sequence"], "sequence", 1),
        follows=r.integer(raw["follows"], "follows"),
        full=r.boolean(raw["full"], "full"),
        reference_versions=dict(versions),
        communities=communities,
        tables=tables,
        reference=reference,
        files=files,
        format_version=raw["format_version"],
    )
    _check_consistent(manifest, r)
    return manifest


def _check_consistent(m: Manifest, r: _Reader) -> None:
    names = [f.name for f in m.files]
    if len(set(names)) != len(names):
        raise r.fail("中有重复的文件条目")
    listed = {t.file for t in m.tables} | {e.file for e in m.reference}
    if listed != set(names):
        raise r.fail("的数据表、参考数据与文件列表不一致")
    if len({t.name for t in m.tables}) != len(m.tables):
        raise r.fail("中有重复的数据表")
    if m.follows >= m.sequence:
        raise r.fail(f"的前序编号 {m.follows} 应小于本包编号 {m.sequence}")
    if m.kind == REFERENCE and m.tables:
        raise r.fail("：下发参考数据的数据包不能含有记录表")
    if m.kind == RECORDS and m.reference:
        raise r.fail("：上报数据包不能含有参考数据")
    if any(c.code == m.sender.code for c in m.communities):
        raise r.fail("的下属单位中含有发送单位自己")
