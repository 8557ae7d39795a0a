"""Engine set-up: SQLite pragmas on every connection, corrupt files refused untouched."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import text

from djdesk.actor import Actor
from djdesk.db.session import Database, mask_url
from djdesk.db.startup import open_database
from djdesk.errors import CorruptDatabaseError
from djdesk.paths import AppPaths


def test_pragmas_on_every_connection(db: Database) -> None:
    for _ in range(3):
        with db.engine.connect() as conn:
            assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
            assert conn.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
            assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000
        db.engine.dispose()


def test_unit_of_work_rolls_back_everything(db: Database, site: object) -> None:
    from djdesk.db.models.serials import IssuedSerial

    with pytest.raises(RuntimeError), db.unit_of_work(Actor.system()) as session:  # noqa: PT012
        session.add(IssuedSerial(kind="k", year=2026, number=1, serial="s1", origin="x"))
        session.flush()
        raise RuntimeError("boom")
    with db.reading() as session:
        assert session.query(IssuedSerial).count() == 0


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    "content",
    [b"this is not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 4000],
    ids=["foreign-file", "damaged-sqlite"],
)
def test_corrupt_file_is_refused_and_left_untouched(paths: AppPaths, content: bytes) -> None:
    paths.ensure()
    paths.database_file.write_bytes(content)
    before = _digest(paths.database_file)
    with pytest.raises(CorruptDatabaseError) as info:
        open_database(paths)
    assert str(paths.database_file) in info.value.message
    assert _digest(paths.database_file) == before
    assert not Path(f"{paths.database_file}-wal").exists()


def test_database_url_override_and_masking(
    paths: AppPaths, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    other = tmp_path / "elsewhere.sqlite3"
    monkeypatch.setenv("DJDESK_DATABASE_URL", f"sqlite:///{other}")
    db = open_database(paths)
    try:
        assert db.file == other
        assert other.exists()
    finally:
        db.dispose()
    assert mask_url("postgresql://clerk:s3cret@db.local/djdesk") == (
        "postgresql://clerk:***@db.local/djdesk"
    )
