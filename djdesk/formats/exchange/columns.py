"""What a record line holds: the columns of one travelling table and their JSON encoding.

The services describe each travelling table as a :class:`TableSpec` (built from the database
models); this module turns values into one JSON line and back, checking every value against its
column: kind, length, null. A reference to another travelling record is written as that record's
``uid`` under the key ``<name>_uid`` (``member_id`` → ``member_uid``), never as a row number.

Encoding (docs/sync-format.md, "Values"): integers and booleans as JSON numbers and
``true``/``false``; text as JSON strings; dates as ``"YYYY-MM-DD"``; timestamps in UTC as
``"YYYY-MM-DDTHH:MM:SS.ffffffZ"``; ``null`` only where the column allows it. Keys are sorted and
the line has no spaces, so the same record always gives the same bytes.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from djdesk.formats.exchange.errors import RecordProblemError

#: Largest magnitude an integer column holds (SQLite's 64-bit integers).
INT_LIMIT = 2**63
UID_LENGTH = 36
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z")
_UID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
#: What no database text can hold: NUL and lone surrogates (JSON's ``\ud800`` escapes).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


class ValueKind(StrEnum):
    INTEGER = "integer"
    REAL = "real"
    TEXT = "text"
    BOOLEAN = "boolean"
    DATE = "date"
    DATETIME = "datetime"


@dataclass(frozen=True)
class ColumnSpec:
    """One key of a record line.

    ``column`` is the database column behind it (``member_id`` for the key ``member_uid``);
    ``references`` names the travelling table a uid reference points into.
    """

    key: str
    kind: ValueKind
    nullable: bool = False
    max_length: int | None = None
    references: str | None = None
    column: str = ""

    @property
    def db_column(self) -> str:
        return self.column or self.key

    def describe(self) -> dict[str, Any]:
        """The column as the manifest lists it."""
        data: dict[str, Any] = {"key": self.key, "kind": self.kind.value, "null": self.nullable}
        if self.max_length is not None:
            data["max_length"] = self.max_length
        if self.references is not None:
            data["references"] = self.references
        return data


#: The sync columns every travelling record carries (db/base.py ``SyncMixin``).
SYNC_COLUMNS = (
    ColumnSpec("uid", ValueKind.TEXT, max_length=UID_LENGTH),
    ColumnSpec("origin", ValueKind.TEXT, max_length=12),
    ColumnSpec("version", ValueKind.INTEGER),
    ColumnSpec("updated_at", ValueKind.DATETIME),
    ColumnSpec("deleted_at", ValueKind.DATETIME, nullable=True),
)
SYNC_KEYS = frozenset(c.key for c in SYNC_COLUMNS)


@dataclass(frozen=True)
class TableSpec:
    """A travelling table as packages carry it: its name, Chinese label and columns."""

    name: str
    label: str
    columns: tuple[ColumnSpec, ...]

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(c.key for c in self.columns)

    @property
    def references(self) -> tuple[ColumnSpec, ...]:
        return tuple(c for c in self.columns if c.references is not None)

    @property
    def file_name(self) -> str:
        return f"tables/{self.name}.jsonl"


def format_datetime(value: datetime) -> str:
    """A timestamp as packages write it: UTC, microseconds, ``Z``."""
    if value.tzinfo is None:
        raise ValueError("naive datetime in a travelling record")
    if value.utcoffset():
        value = value.astimezone(UTC)
    return value.replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def _plain(kind: ValueKind) -> Callable[[Any], Any]:
    if kind == ValueKind.DATE:
        return lambda v: None if v is None else v.isoformat()
    if kind == ValueKind.DATETIME:
        return lambda v: None if v is None else format_datetime(v)
    if kind == ValueKind.BOOLEAN:
        return lambda v: None if v is None else bool(v)
    return lambda v: v


def encoder(spec: TableSpec) -> Callable[[Mapping[Any, Any]], str]:
    """A function turning a record (values by key, Python types) into its JSON line."""
    steps = [(c.key, _plain(c.kind)) for c in spec.columns]
    dumps = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode

    def encode(values: Mapping[Any, Any]) -> str:
        return dumps({key: plain(values[key]) for key, plain in steps})

    return encode


# -- decoding ---------------------------------------------------------------------------------


def _integer(value: Any) -> int:
    if type(value) is not int:
        raise RecordProblemError("应为整数")
    if not -INT_LIMIT <= value < INT_LIMIT:
        raise RecordProblemError("整数超出范围")
    return value


def _real(value: Any) -> float:
    if type(value) not in (int, float) or not math.isfinite(value):
        raise RecordProblemError("应为数字")
    return float(value)


def _boolean(value: Any) -> bool:
    if type(value) is not bool:
        raise RecordProblemError("应为 true 或 false")
    return value


def _text(limit: int | None) -> Callable[[Any], str]:
    def check(value: Any) -> str:
        if type(value) is not str:
            raise RecordProblemError("应为文字")
        if limit is not None and len(value) > limit:
            raise RecordProblemError(f"超过 {limit} 个字符")
        if "\x00" in value or (not value.isascii() and _UNSTORABLE.search(value)):
            raise RecordProblemError("含有无法保存的字符")
        return value

    return check


def _date(value: Any) -> date:
    if type(value) is not str or not _DATE.fullmatch(value):
        raise RecordProblemError("应为 YYYY-MM-DD 形式的日期")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise RecordProblemError(f"“{value}”不是有效日期") from None


def _datetime(value: Any) -> datetime:
    if type(value) is not str or not _DATETIME.fullmatch(value):
        raise RecordProblemError("应为 UTC 时间（YYYY-MM-DDTHH:MM:SS.ffffffZ）")
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise RecordProblemError(f"“{value}”不是有效时间") from None


def _uid(value: Any) -> str:
    if type(value) is not str or not _UID.fullmatch(value):
        raise RecordProblemError("应为记录标识（小写 UUID）")
    return value


def _checker(column: ColumnSpec) -> Callable[[Any], Any]:
    base: Callable[[Any], Any]
    if column.references is not None or column.key == "uid":
        base = _uid
    elif column.kind == ValueKind.TEXT:
        base = _text(column.max_length)
    else:
        base = {
            ValueKind.INTEGER: _integer,
            ValueKind.REAL: _real,
            ValueKind.BOOLEAN: _boolean,
            ValueKind.DATE: _date,
            ValueKind.DATETIME: _datetime,
        }[column.kind]
    if not column.nullable:
        return base
    return lambda value: None if value is None else base(value)


class FieldProblemError(RecordProblemError):
    """A problem with one named key of a record."""

    def __init__(self, key: str, problem: str) -> None:
        super().__init__(f"字段“{key}”{problem}")
        self.key = key


def decoder(spec: TableSpec) -> Callable[[str], dict[str, Any]]:
    """A function turning one JSON line into checked values by key (Python types).

    Raises :class:`RecordProblemError` naming the key and what is wrong; the caller adds the file
    and line.
    """
    steps = [(c.key, _checker(c)) for c in spec.columns]
    expected = spec.keys

    def decode(line: str) -> dict[str, Any]:
        try:
            raw = json.loads(line, parse_constant=_no_constant)
        except (ValueError, RecursionError):
            raise RecordProblemError("不是有效的 JSON") from None
        if type(raw) is not dict:
            raise RecordProblemError("应为 JSON 对象")
        if raw.keys() != expected:
            raise RecordProblemError(_key_problem(set(raw), expected))
        out: dict[str, Any] = {}
        for key, check in steps:
            try:
                out[key] = check(raw[key])
            except RecordProblemError as exc:
                raise FieldProblemError(key, str(exc)) from None
        if out["version"] < 1:
            raise FieldProblemError("version", "应为正整数")
        return out

    return decode


def _no_constant(name: str) -> Any:
    raise ValueError(name)


def _key_problem(found: set[str], expected: frozenset[str]) -> str:
    missing = sorted(expected - found)
    extra = sorted(found - expected)
    parts = []
    if missing:
        parts.append(f"缺少字段 {'、'.join(missing[:5])}")
    if extra:
        parts.append(f"有未知字段 {'、'.join(k[:30] for k in extra[:5])}")
    return "，".join(parts)
