"""What a record line holds: the columns of one travelling table and their JSON encoding.

The services describe each travelling table as a :class:`TableSpec` (built from the database
models); this module turns values into one JSON line and back, checking every value against its
column: kind, length, null. A reference to another travelling record is written as that record's
``uid`` under the key ``<name>_uid`` (``member_id`` → ``member_uid``), never as a row number.

Encoding (docs/sync-format.md, "Values"): integers and booleans as JSON numbers and
``true``/``false``; text as JSON strings; dates as ``"YYYY-MM-DD"``; timestamps in UTC as
``"YYYY-MM-DDTHH:MM:SS.ffffffZ"``; ``null`` only where the column allows it. Keys are sorted and
the line has no spaces, so the same record always gives the same bytes. Values are handled in
this *package form* on both sides (dates and timestamps as their text), so turning them into
what a database stores is one string step for the service, with no date objects in between.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Sequence
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


def ordered_keys(spec: TableSpec) -> tuple[str, ...]:
    """The keys of a record line in the order they are written (sorted)."""
    return tuple(sorted(spec.keys))


def encoder(spec: TableSpec) -> Callable[[Sequence[Any]], str]:
    """A function turning a record's values (package form, in :func:`ordered_keys` order:
    dates and timestamps already as their text) into its JSON line."""
    keys = ordered_keys(spec)
    dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode

    def encode(values: Sequence[Any]) -> str:
        return dumps(dict(zip(keys, values, strict=True)))

    return encode


# -- decoding ---------------------------------------------------------------------------------
# A check returns ``None`` for a good value or the problem in words (exceptions are costly
# when a package holds a million records and every value is checked).

Check = Callable[[Any], str | None]


def _integer(value: Any) -> str | None:
    if type(value) is not int:
        return "应为整数"
    if not -INT_LIMIT <= value < INT_LIMIT:
        return "整数超出范围"
    return None


def _real(value: Any) -> str | None:
    if type(value) not in (int, float) or not math.isfinite(value):
        return "应为数字"
    return None


def _boolean(value: Any) -> str | None:
    return None if type(value) is bool else "应为 true 或 false"


def _text(limit: int | None) -> Check:
    def check(value: Any) -> str | None:
        if type(value) is not str:
            return "应为文字"
        if limit is not None and len(value) > limit:
            return f"超过 {limit} 个字符"
        if "\x00" in value or (not value.isascii() and _UNSTORABLE.search(value)):
            return "含有无法保存的字符"
        return None

    return check


def _date(value: Any) -> str | None:
    if type(value) is not str or not _DATE.fullmatch(value):
        return "应为 YYYY-MM-DD 形式的日期"
    try:
        date.fromisoformat(value)
    except ValueError:
        return f"“{value}”不是有效日期"
    return None


def _datetime(value: Any) -> str | None:
    if type(value) is not str or not _DATETIME.fullmatch(value):
        return "应为 UTC 时间（YYYY-MM-DDTHH:MM:SS.ffffffZ）"
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return f"“{value}”不是有效时间"
    return None


def _uid(value: Any) -> str | None:
    if type(value) is not str or not _UID.fullmatch(value):
        return "应为记录标识（小写 UUID）"
    return None


def _checker(column: ColumnSpec) -> Check:
    if column.references is not None or column.key == "uid":
        return _uid
    if column.kind == ValueKind.TEXT:
        return _text(column.max_length)
    return {
        ValueKind.INTEGER: _integer,
        ValueKind.REAL: _real,
        ValueKind.BOOLEAN: _boolean,
        ValueKind.DATE: _date,
        ValueKind.DATETIME: _datetime,
    }[column.kind]


class FieldProblemError(RecordProblemError):
    """A problem with one named key of a record."""

    def __init__(self, key: str, problem: str) -> None:
        super().__init__(f"字段“{key}”{problem}")
        self.key = key


def _quick(column: ColumnSpec) -> str:
    """A Python expression true when ``v`` (not ``None``) is a good value for ``column``; the
    full check runs only when it is false, to say what is wrong."""
    if column.references is not None or column.key == "uid":
        return "type(v) is str and _UID(v) is not None"
    if column.kind == ValueKind.TEXT:
        limit = f" and len(v) <= {int(column.max_length)}" if column.max_length else ""
        return (
            f'type(v) is str{limit} and "\\x00" not in v '
            "and (v.isascii() or _UNSTORABLE.search(v) is None)"
        )
    return {
        ValueKind.INTEGER: "type(v) is int and -_LIMIT <= v < _LIMIT",
        ValueKind.REAL: "type(v) in (int, float) and _isfinite(v)",
        ValueKind.BOOLEAN: "type(v) is bool",
        ValueKind.DATE: "_date(v) is None",
        ValueKind.DATETIME: "_datetime(v) is None",
    }[column.kind]


def decoder(spec: TableSpec) -> Callable[[str], dict[str, Any]]:
    """A function turning one JSON line into its checked values by key, in package form
    (dates and timestamps stay text, checked to be real ones).

    Raises :class:`RecordProblemError` naming the key and what is wrong; the caller adds the file
    and line. The function is generated for the table (one straight line of checks, no call per
    value), since a package may hold millions of values.
    """
    lines = [
        "def decode(line):",
        "    try:",
        "        raw = _loads(line)",
        "    except (ValueError, RecursionError):",
        '        raise _Problem("不是有效的 JSON") from None',
        "    if type(raw) is not dict:",
        '        raise _Problem("应为 JSON 对象")',
        "    if raw.keys() != _expected:",
        "        raise _Problem(_key_problem(set(raw), _expected))",
    ]
    checks: dict[str, Check] = {}
    for column in spec.columns:
        key = repr(column.key)
        checks[column.key] = _checker(column)
        lines.append(f"    v = raw[{key}]")
        if column.nullable:
            lines.append(f"    if v is not None and not ({_quick(column)}):")
        else:
            lines.append(f"    if v is None or not ({_quick(column)}):")
        lines.append(f"        _fail({key}, v)")
    lines += [
        '    if raw["version"] < 1:',
        '        raise _Field("version", "应为正整数")',
        "    return raw",
    ]

    def fail(key: str, value: Any) -> None:
        problem = "不能为空" if value is None else checks[key](value) or "不符合要求"
        raise FieldProblemError(key, problem)

    namespace: dict[str, Any] = {
        "_loads": json.JSONDecoder(parse_constant=_no_constant).decode,
        "_Problem": RecordProblemError,
        "_Field": FieldProblemError,
        "_key_problem": _key_problem,
        "_expected": spec.keys,
        "_fail": fail,
        "_UID": _UID.fullmatch,
        "_UNSTORABLE": _UNSTORABLE,
        "_LIMIT": INT_LIMIT,
        "_isfinite": math.isfinite,
        "_date": _date,
        "_datetime": _datetime,
    }
    exec("\n".join(lines), namespace)  # the source is built above from the column list
    decode: Callable[[str], dict[str, Any]] = namespace["decode"]
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
