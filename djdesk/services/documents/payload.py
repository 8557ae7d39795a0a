"""The typed data a document was built from, as JSON kept in the register.

A document builder takes a frozen dataclass (``CheckinReceipt``, ``SiteSheet``, an
:class:`~djdesk.outline.Outline` …). :func:`to_payload` turns such a value into JSON and
:func:`from_payload` builds it back, guided by the dataclass's type hints, so the register can
rebuild the document exactly as it was issued, whatever has changed in the records since.
Handled: ``str``, ``int``, ``float``, ``bool``, ``date``, ``datetime``, ``None``, tuples (of one
type, or fixed), nested dataclasses and unions of dataclasses (tagged with ``"~type"``).
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import date, datetime
from functools import cache
from typing import Any, TypeVar, cast

T = TypeVar("T")
TAG = "~type"


def _encode(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out: dict[str, Any] = {TAG: type(value).__name__}
        for f in dataclasses.fields(value):
            out[f.name] = _encode(getattr(value, f.name))
        return out
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_encode(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"cannot store {type(value).__name__} in a document payload")


def to_payload(value: object) -> str:
    """The dataclass ``value`` as compact, key-sorted JSON (equal values give equal text)."""
    if not dataclasses.is_dataclass(value) or isinstance(value, type):
        raise TypeError("a document payload is a dataclass instance")
    return json.dumps(_encode(value), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _decode(hint: Any, raw: Any) -> Any:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if raw is None and type(None) in args:
            return None
        options = [a for a in args if a is not type(None)]
        if isinstance(raw, dict) and TAG in raw:
            for option in options:
                if isinstance(option, type) and option.__name__ == raw[TAG]:
                    return _decode(option, raw)
            raise ValueError(f"unknown payload type {raw[TAG]!r}")
        return _decode(options[0], raw)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(args[0], item) for item in raw)
        return tuple(_decode(a, item) for a, item in zip(args, raw, strict=True))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        hints = _hints(hint)
        values = {
            f.name: _decode(hints[f.name], raw[f.name])
            for f in dataclasses.fields(hint)
            if f.name in raw
        }
        return hint(**values)
    if hint is datetime:
        return datetime.fromisoformat(raw)
    if hint is date:
        return date.fromisoformat(raw)
    if hint is float:
        return float(raw)
    if hint in (str, int, bool) or hint is Any:
        return raw
    raise TypeError(f"cannot read {hint!r} from a document payload")


def from_payload(cls: type[T], text: str) -> T:
    """Rebuild a ``cls`` value from :func:`to_payload`'s JSON."""
    return cast(T, _decode(cls, json.loads(text)))
