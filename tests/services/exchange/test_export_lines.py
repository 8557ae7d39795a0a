"""SQLite writes a package's record lines (``json_object``) with exactly the bytes the format's
Python encoder gives for the same rows, including text that needs escaping, timestamps stored
without a fraction and tombstones."""

from __future__ import annotations

import sqlite3

from djdesk.services.exchange.records_out import Sent, encoded_lines, json_select, table_lines
from djdesk.services.exchange.tables import travelling_tables
from tests.helpers.exchange import COMMUNITY
from tests.services.exchange.conftest import World

AWKWARD = 'a"b\\c\n\r\t\b\f\x00\x01\x1f\x7f/\u2028\u2029\ufeff😀东风</script>'


def _make_awkward(world: World) -> None:
    conn = sqlite3.connect(world.community.file)
    try:
        with conn:
            ids = [row[0] for row in conn.execute("SELECT id FROM member ORDER BY id LIMIT 3")]
            conn.execute(
                "UPDATE member SET remarks = ?, deleted_at = '2026-11-27 08:00:01' WHERE id = ?",
                (AWKWARD, ids[0]),
            )
            conn.execute(
                "UPDATE member SET remarks = '', deleted_at = '2026-11-27 08:00:01.5' WHERE id = ?",
                (ids[1],),
            )
    finally:
        conn.close()


def test_sqlite_lines_are_the_encoders_bytes(world: World) -> None:
    _make_awkward(world)
    origins = [COMMUNITY.code]
    compared = 0
    with world.community.db.reading() as session:
        for t in travelling_tables():
            assert json_select(t, origins, incremental=False) is not None, t.name
            by_sqlite, by_python = Sent(), Sent()
            lines = [
                line
                for chunk in table_lines(
                    session, t, origins, incremental=False, sent=by_sqlite, step=lambda n: None
                )
                for line in chunk
            ]
            expected = [
                line
                for chunk in encoded_lines(
                    session, t, origins, incremental=False, sent=by_python, step=lambda n: None
                )
                for line in chunk
            ]
            assert lines == expected, t.name
            assert by_sqlite.ids == by_python.ids and by_sqlite.versions == by_python.versions
            compared += len(lines)
    assert compared > 100
    with world.community.db.reading() as session:
        member = next(t for t in travelling_tables() if t.name == "member")
        chunks = table_lines(
            session, member, origins, incremental=False, sent=Sent(), step=lambda n: None
        )
        text = b"\n".join(line for chunk in chunks for line in chunk).decode("utf-8")
    assert '"deleted_at":"2026-11-27T08:00:01.000000Z"' in text
    assert '"deleted_at":"2026-11-27T08:00:01.5Z"' in text
    assert "\\u0000\\u0001\\u001f\x7f/\u2028" in text
