"""Turning a record line back into values, checking every value against its column.

docs/sync-format.md ("Values") says what each column kind accepts: integers within 64 bits (not
``true``/``false``), finite numbers, text within ``max_length`` without NUL or lone surrogates,
booleans, real dates ``YYYY-MM-DD``, UTC timestamps ``YYYY-MM-DDTHH:MM:SS[.ffffff]Z``, lowercase
UUIDs for uid references, ``null`` only where the column allows it, exactly the listed keys and
a version of at least 1. Values stay in *package form* (dates and timestamps as their text).

A package may hold millions of values, so :func:`decoder` builds two functions per table:

* the **fast path**, generated for the table as one straight expression of checks (no call per
  value): orjson parses the line's bytes (it validates UTF-8 itself and refuses ``NaN``,
  ``Infinity`` and lone surrogates, and raw control characters in strings, so the only way a
  line can carry a NUL is the escape ``\\u0000``: one search of the line replaces a NUL check
  per text value, and text needs only its type and length checked), and each value is tested
  inline;
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
from collections.abc import Callable, Mapping, Sequence
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


def _quick(column: ColumnSpec, v: str) -> str:
    """A Python expression true when the name ``v`` (not ``None``, parsed by orjson) holds a
    good value for ``column``; it may raise ``ValueError`` (a date that does not exist)."""
    if column.references is not None or column.key == "uid":
        return f"type({v}) is str and _UID({v}) is not None"
    if column.kind == ValueKind.TEXT:
        limit = f" and len({v}) <= {int(column.max_length)}" if column.max_length else ""
        return f"type({v}) is str{limit}"  # NUL: the line was searched (see the docstring)
    return {
        ValueKind.INTEGER: f"type({v}) is int and -_LIMIT <= {v} < _LIMIT",
        ValueKind.REAL: f"type({v}) in (int, float) and _isfinite({v})",
        ValueKind.BOOLEAN: f"type({v}) is bool",
        ValueKind.DATE: (
            f"type({v}) is str and _DATE({v}) is not None and _to_date({v}) is not None"
        ),
        ValueKind.DATETIME: (
            f"type({v}) is str and _DATETIME({v}) is not None and _to_datetime({v}) is not None"
        ),
    }[column.kind]


def value_names(spec: TableSpec) -> dict[str, str]:
    """The Python name each key's checked value has in the generated fast path."""
    return {column.key: f"_v{i}" for i, column in enumerate(spec.columns)}


def _generate(
    spec: TableSpec, result: str, slow: Callable[[str], Any], extra: dict[str, Any]
) -> Callable[[bytes | str], Any]:
    """The fast path (see the module docstring): the line parsed and every value checked
    inline, bound to its name from :func:`value_names`, then ``result`` (an expression over
    ``raw`` and those names) returned; any other line goes to ``slow`` as text."""
    names = value_names(spec)
    conditions = [
        '(b"\\\\u0000" not in line if type(line) is bytes else "\\\\u0000" not in line)',
        "type(raw) is dict",
        "raw.keys() == _expected",
    ]
    for column in spec.columns:
        v = names[column.key]
        test = f"({v} := raw[{column.key!r}])"
        if column.nullable:
            conditions.append(f"({test} is None or ({_quick(column, v)}))")
        else:
            conditions.append(f"({test} is not None and {_quick(column, v)})")
    conditions.append('raw["version"] >= 1')
    lines = [
        "def decode(line):",
        "    try:",
        "        raw = _loads(line)",
        "        if (",
        *(f"            {condition} and" for condition in conditions[:-1]),
        f"            {conditions[-1]}",
        "        ):",
        f"            return {result}",
        "    except (ValueError, TypeError):",  # orjson's JSONDecodeError, a date that is not
        "        pass",
        "    return _slow(line.decode('utf-8') if type(line) is bytes else line)",
    ]
    namespace: dict[str, Any] = {
        "_loads": orjson.loads,
        "_slow": slow,
        "_expected": spec.keys,
        "_UID": _UID.fullmatch,
        "_DATE": _DATE.fullmatch,
        "_DATETIME": _DATETIME.fullmatch,
        "_to_date": date.fromisoformat,
        "_to_datetime": datetime.fromisoformat,
        "_LIMIT": INT_LIMIT,
        "_isfinite": math.isfinite,
    }
    clash = namespace.keys() & extra.keys()
    if clash:
        raise ValueError(f"names used by the decoder: {sorted(clash)}")
    namespace.update(extra)
    exec("\n".join(lines), namespace)  # the source is built above from the column list
    decode: Callable[[bytes | str], Any] = namespace["decode"]
    return decode


def decoder(spec: TableSpec) -> Decode:
    """A function turning one JSON line (UTF-8 bytes or text) into its checked values by key,
    in package form (dates and timestamps stay text, checked to be real ones).

    Raises :class:`RecordProblemError` naming the key and what is wrong, or
    ``UnicodeDecodeError`` for bytes that are not UTF-8; the caller adds the file and line.
    """
    decode: Decode = _generate(spec, "raw", _exact(spec), {})
    return decode


def row_decoder(
    spec: TableSpec,
    items: Callable[[Mapping[str, str]], Sequence[str]],
    namespace: dict[str, Any],
    row: Callable[[dict[str, Any]], tuple[Any, ...]],
) -> Callable[[bytes | str], tuple[Any, ...]]:
    """Like :func:`decoder`, but the line becomes a tuple at once: ``items`` gets the name of
    each key's checked value (:func:`value_names`) and gives the tuple's expressions (which
    may use what ``namespace`` holds); a line the fast path does not accept is checked
    exactly and given to ``row``, which must build the same tuple from the values by key.
    Saves building the record's values a second time when a million lines become rows.
    """
    exact = _exact(spec)
    expressions = items(value_names(spec))
    result = "(" + ", ".join(expressions) + ",)"

    def slow(line: str) -> tuple[Any, ...]:
        return row(exact(line))

    decode: Callable[[bytes | str], tuple[Any, ...]] = _generate(spec, result, slow, namespace)
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
