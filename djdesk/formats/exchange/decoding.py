"""Turning a record line back into values, checking every value against its column.

docs/sync-format.md ("Values") says what each column kind accepts: integers within 64 bits (not
``true``/``false``), finite numbers, text within ``max_length`` without NUL or lone surrogates,
booleans, real dates ``YYYY-MM-DD``, UTC timestamps ``YYYY-MM-DDTHH:MM:SS[.ffffff]Z``, lowercase
UUIDs for uid references, ``null`` only where the column allows it, exactly the listed keys and
a version of at least 1. Values stay in *package form* (dates and timestamps as their text).

A package may hold millions of values, so :func:`decoder` builds two functions per table:

* the **fast path**, generated for the table as one straight expression of checks (no call per
  value): orjson parses the line's bytes (it validates UTF-8 itself and refuses ``NaN``,
  ``Infinity`` and lone surrogates, which is why text needs only the NUL and length checks
  here), and each value is tested inline;
* the **exact path**, the standard library's ``json`` and one check function per column, which
  says in words what is wrong. It runs whenever the fast path does not accept a line (orjson
  refused it, or some value failed), so a refused line gets exactly the message it always got,
  and a line orjson reads differently (an integer beyond 64 bits, which orjson turns into a
  float) is judged by the standard library as before.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import orjson

from djdesk.formats.exchange.columns import INT_LIMIT, ColumnSpec, TableSpec, ValueKind
from djdesk.formats.exchange.errors import RecordProblemError

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z")
_UID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
#: What no database text can hold: NUL and lone surrogates (JSON's ``\ud800`` escapes).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")

Decode = Callable[[bytes | str], dict[str, Any]]
# A check returns ``None`` for a good value or the problem in words.
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


def _exact(spec: TableSpec) -> Callable[[str], dict[str, Any]]:
    """The exact path: every problem of a line, in words (the first one found is raised)."""
    loads = json.JSONDecoder(parse_constant=_no_constant).decode
    expected = spec.keys
    checks = [(c.key, c.nullable, _checker(c)) for c in spec.columns]

    def decode(line: str) -> dict[str, Any]:
        try:
            raw = loads(line)
        except (ValueError, RecursionError):
            raise RecordProblemError("不是有效的 JSON") from None
        if type(raw) is not dict:
            raise RecordProblemError("应为 JSON 对象")
        if raw.keys() != expected:
            raise RecordProblemError(_key_problem(set(raw), expected))
        for key, nullable, check in checks:
            value = raw[key]
            if value is None:
                if not nullable:
                    raise FieldProblemError(key, "不能为空")
                continue
            problem = check(value)
            if problem is not None:
                raise FieldProblemError(key, problem)
        if raw["version"] < 1:
            raise FieldProblemError("version", "应为正整数")
        return raw

    return decode


def _quick(column: ColumnSpec) -> str:
    """A Python expression true when ``v`` (not ``None``, parsed by orjson) is a good value
    for ``column``; it may raise ``ValueError`` (a date that does not exist) instead."""
    if column.references is not None or column.key == "uid":
        return "type(v) is str and _UID(v) is not None"
    if column.kind == ValueKind.TEXT:
        limit = f" and len(v) <= {int(column.max_length)}" if column.max_length else ""
        return f'type(v) is str{limit} and "\\x00" not in v'
    return {
        ValueKind.INTEGER: "type(v) is int and -_LIMIT <= v < _LIMIT",
        ValueKind.REAL: "type(v) in (int, float) and _isfinite(v)",
        ValueKind.BOOLEAN: "type(v) is bool",
        ValueKind.DATE: "type(v) is str and _DATE(v) is not None and _to_date(v) is not None",
        ValueKind.DATETIME: (
            "type(v) is str and _DATETIME(v) is not None and _to_datetime(v) is not None"
        ),
    }[column.kind]


def decoder(spec: TableSpec) -> Decode:
    """A function turning one JSON line (UTF-8 bytes or text) into its checked values by key,
    in package form (dates and timestamps stay text, checked to be real ones).

    Raises :class:`RecordProblemError` naming the key and what is wrong, or
    ``UnicodeDecodeError`` for bytes that are not UTF-8; the caller adds the file and line.
    """
    exact = _exact(spec)
    conditions = ["type(raw) is dict", "raw.keys() == _expected"]
    for column in spec.columns:
        test = f"(v := raw[{column.key!r}])"
        if column.nullable:
            conditions.append(f"({test} is None or ({_quick(column)}))")
        else:
            conditions.append(f"({test} is not None and {_quick(column)})")
    conditions.append('raw["version"] >= 1')
    lines = [
        "def decode(line):",
        "    try:",
        "        raw = _loads(line)",
        "        if (",
        *(f"            {condition} and" for condition in conditions[:-1]),
        f"            {conditions[-1]}",
        "        ):",
        "            return raw",
        "    except (ValueError, TypeError):",  # orjson's JSONDecodeError, a date that is not
        "        pass",
        "    return _exact(line.decode('utf-8') if type(line) is bytes else line)",
    ]
    namespace: dict[str, Any] = {
        "_loads": orjson.loads,
        "_exact": exact,
        "_expected": spec.keys,
        "_UID": _UID.fullmatch,
        "_DATE": _DATE.fullmatch,
        "_DATETIME": _DATETIME.fullmatch,
        "_to_date": date.fromisoformat,
        "_to_datetime": datetime.fromisoformat,
        "_LIMIT": INT_LIMIT,
        "_isfinite": math.isfinite,
    }
    exec("\n".join(lines), namespace)  # the source is built above from the column list
    decode: Decode = namespace["decode"]
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
