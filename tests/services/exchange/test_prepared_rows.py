"""Rows of stored values as the worker sends them: equal repeated values shared within a batch,
every value the same as without sharing, and the same after the trip through the pipe."""

from __future__ import annotations

import json
import marshal
import uuid
from typing import Any

import pytest

from djdesk.formats.exchange.columns import SYNC_COLUMNS, ColumnSpec, TableSpec, ValueKind
from djdesk.formats.exchange.decoding import decoder
from djdesk.formats.exchange.errors import RecordProblemError
from djdesk.services.exchange.prepared import Prepared
from djdesk.services.exchange.storage import stored_row_decoder, stored_rows

COLUMNS = (
    ColumnSpec("uid", ValueKind.TEXT, max_length=36),
    ColumnSpec("origin", ValueKind.TEXT, max_length=12),
    ColumnSpec("item_name", ValueKind.TEXT, max_length=100),
    ColumnSpec("handled_on", ValueKind.DATE),
    ColumnSpec("minutes", ValueKind.INTEGER, nullable=True),
    ColumnSpec("share", ValueKind.REAL, nullable=True),
    ColumnSpec("updated_at", ValueKind.DATETIME),
    ColumnSpec("remarks", ValueKind.TEXT, nullable=True),
)
KEYS = ("uid", "origin", "member_uid")


def _record(i: int, member: str | None) -> dict[str, Any]:
    # Built from pieces, as a parser builds them: equal values are separate objects.
    return {
        "uid": str(uuid.uuid4()),
        "origin": "".join(["5115020030", "12"]),
        "member_uid": member,
        "item_name": "".join(["出具", "居住证明"]) if i % 2 else "".join(["低保", "申请"]),
        "handled_on": f"2026-11-{10 + i % 3:02d}",
        "minutes": i if i % 4 else None,
        "share": 1.5 if i % 5 else 2,
        "updated_at": f"2026-11-27T08:00:{i % 60:02d}.{i:06d}Z",
        "remarks": None if i % 3 else "".join(["同一", "备注"]),
    }


def test_sharing_changes_no_value_and_shares_what_repeats() -> None:
    member = str(uuid.uuid4())
    records = [_record(i, member if i % 2 else None) for i in range(40)]
    plain = list(map(stored_rows(KEYS, COLUMNS), records))
    shared: dict[Any, Any] = {}
    rows = list(map(stored_rows(KEYS, COLUMNS, shared), records))
    assert rows == plain
    assert [tuple(map(type, r)) for r in rows] == [tuple(map(type, r)) for r in plain]
    # text and dates that repeat are one object; uids and timestamps are left alone
    by_position = list(zip(*rows, strict=True))
    origin, item, day = by_position[1], by_position[5], by_position[6]
    assert len({id(v) for v in origin}) == 1 and by_position[4][0] is origin[0]
    assert len({id(v) for v in item}) == 2 and len({id(v) for v in day}) == 3
    assert len({id(v) for v in by_position[0]}) == len(records)  # uids
    assert len({id(v) for v in by_position[9]}) == len(records)  # timestamps, converted
    assert len({id(v) for v in by_position[10] if v is not None}) == 1


def test_a_batch_travels_whole_through_marshal() -> None:
    shared: dict[Any, Any] = {}
    row = stored_rows(KEYS, COLUMNS, shared)
    batch = Prepared(17, [row(_record(i, None)) for i in range(25)])
    first_line, rows = marshal.loads(marshal.dumps((batch.first_line, batch.rows)))
    again = Prepared(first_line, rows)
    assert again == batch
    assert list(again.lines) == list(range(17, 42))
    assert again.uids == [r[0] for r in batch.rows] and len(set(again.uids)) == 25
    assert len({id(r[5]) for r in again.rows}) == 2  # still shared after the trip


SPEC = TableSpec(
    "case", "事项", (*SYNC_COLUMNS, *(c for c in COLUMNS[2:] if c.key != "updated_at"))
)
ROW_KEYS = ("uid", "origin", "version")


def _line(i: int, **changes: Any) -> bytes:
    record = {k: v for k, v in _record(i, None).items() if k in SPEC.keys}
    record.update(version=1 + i % 3, deleted_at=None, **changes)
    return json.dumps(record, ensure_ascii=False).encode()


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"remarks": "长" * 5000},  # no limit: the fast path
        {"minutes": 2**70},  # beyond 64 bits: refused by the exact path
        {"handled_on": "2026-02-30"},
        {"item_name": "a\u0000b"},
        {"item_name": "a\\u0000b"},  # a backslash, then u0000: kept as it is
        {"updated_at": "2026-11-27T08:00:00Z"},  # no fraction: converted the slow way
        {"share": float("nan")},
    ],
)
def test_a_line_becomes_the_same_row_or_the_same_refusal(changes: dict[str, Any]) -> None:
    line = _line(7, **changes)
    by_key = decoder(SPEC)
    direct = stored_row_decoder(SPEC, ROW_KEYS, SPEC.columns, {})
    expected: object
    try:
        expected = stored_rows(ROW_KEYS, SPEC.columns)(by_key(line))
    except RecordProblemError as exc:
        expected = str(exc)
    for form in (line, line.decode()):
        try:
            got: object = direct(form)
        except RecordProblemError as exc:
            got = str(exc)
        assert got == expected
        assert type(got) is type(expected)
