"""Packages carry every record unchanged: community → street → district, increments,
tombstones, re-imports, re-exports, sealed packages and dry runs."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from djdesk.services.checkin.checkins import move_out
from djdesk.services.exchange import transactions
from djdesk.services.exchange.export import export_again, export_history, export_records
from djdesk.services.exchange.importing import import_package
from djdesk.services.exchange.keys import write_key_file
from djdesk.services.exchange.partners import partners, register_from_key_file
from djdesk.services.exchange.verify import verify_package
from tests.helpers.exchange import (
    ACTOR,
    COMMUNITY,
    DISTRICT,
    canonical_dump,
    new_site,
    package_records,
    state,
)
from tests.services.exchange.conftest import World

C1 = {COMMUNITY.code}


def _a_member_id(world: World) -> int:
    import sqlite3

    conn = sqlite3.connect(world.community.file)
    try:
        row = conn.execute(
            "SELECT m.id FROM member m JOIN checkin c ON c.member_id = m.id"
            " WHERE c.status = '在册' ORDER BY m.id LIMIT 1"
        ).fetchone()
        return int(row[0])
    finally:
        conn.close()


def test_package_holds_every_record_of_the_community(world: World) -> None:
    records = package_records(world.package)
    dump = canonical_dump(world.community.file)
    assert {t: set(rows) for t, rows in records.items()} == {
        t: set(rows) for t, rows in dump.items()
    }
    assert records == dump


def test_round_trip_community_street_district_keeps_every_record(world: World) -> None:
    result = import_package(world.street.paths, world.street.db, world.package, actor=ACTOR)
    assert result.applied and not result.conflicts
    assert result.total("new") == sum(len(r) for r in canonical_dump(world.community.file).values())
    district = new_site(world.root / "district", DISTRICT)
    try:
        register_from_key_file(district.db, world.street_key, actor=ACTOR)
        upward = world.root / "street-1.zip"
        sent = export_records(world.street.paths, world.street.db, upward, actor=ACTOR)
        assert sent.full and sent.records > 0
        done = import_package(district.paths, district.db, upward, actor=ACTOR)
        assert not done.conflicts and done.communities == (f"{COMMUNITY.name}（{COMMUNITY.code}）",)
        source = canonical_dump(world.community.file, C1)
        assert canonical_dump(world.street.file, C1) == source
        assert canonical_dump(district.file, C1) == source
        street_own = canonical_dump(world.street.file, {"511502003"})
        assert canonical_dump(district.file, {"511502003"}) == street_own
        forwarded = [p for p in partners(district.db) if p.code == COMMUNITY.code]
        assert forwarded and forwarded[0].via == "511502003"
    finally:
        district.close()


def _indexes(db_file: Path) -> set[tuple[str, str, str]]:
    conn = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'index'")
        return {(t, n, s or "") for t, n, s in rows}
    finally:
        conn.close()


def test_a_bulk_load_sets_plain_indexes_aside_and_builds_them_again(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(transactions, "BULK_RECORDS", 1)
    indexes, before = _indexes(world.street.file), state(world.street.file)
    dry = import_package(
        world.street.paths, world.street.db, world.package, dry_run=True, actor=ACTOR
    )
    assert dry.total("new") > 0 and state(world.street.file) == before
    done = import_package(world.street.paths, world.street.db, world.package, actor=ACTOR)
    assert done.applied and not done.conflicts
    assert _indexes(world.street.file) == indexes
    assert canonical_dump(world.street.file, C1) == canonical_dump(world.community.file, C1)


def test_increment_carries_changes_and_tombstones_only(world: World) -> None:
    import_package(world.street.paths, world.street.db, world.package, actor=ACTOR)
    member_id = _a_member_id(world)
    move_out(world.community.db, member_id, on=date.today(), reason="工作调动", actor=ACTOR)
    from djdesk.db.models.checkin import Grid

    with world.community.db.unit_of_work(ACTOR) as session:
        grid = session.query(Grid).order_by(Grid.id).first()
        assert grid is not None
        grid.mark_deleted()
    second = world.root / "community-2.zip"
    sent = export_records(world.community.paths, world.community.db, second, actor=ACTOR)
    assert not sent.full and sent.follows == 1
    assert sent.counts == {"checkin": 1, "grid": 1}
    result = import_package(world.street.paths, world.street.db, second, actor=ACTOR)
    assert {t.table: (t.new, t.updated) for t in result.tables} == {
        "grid": (0, 1),
        "checkin": (0, 1),
    }
    assert canonical_dump(world.street.file, C1) == canonical_dump(world.community.file, C1)
    grids = canonical_dump(world.street.file, C1)["grid"]
    assert sum(1 for g in grids.values() if g["deleted_at"]) == 1


def test_reimport_and_older_package_change_nothing(world: World) -> None:
    import_package(world.street.paths, world.street.db, world.package, actor=ACTOR)
    member_id = _a_member_id(world)
    move_out(world.community.db, member_id, on=date.today(), reason="工作调动", actor=ACTOR)
    second = world.root / "community-2.zip"
    export_records(world.community.paths, world.community.db, second, actor=ACTOR)
    import_package(world.street.paths, world.street.db, second, actor=ACTOR)
    before = state(world.street.file)
    again = import_package(world.street.paths, world.street.db, second, actor=ACTOR)
    assert again.already_imported and state(world.street.file) == before
    # a full package written later but imported first, then the older first package again
    full = world.root / "community-3.zip"
    export_records(world.community.paths, world.community.db, full, full=True, actor=ACTOR)
    older = import_package(world.street.paths, world.street.db, full, actor=ACTOR)
    assert older.total("new") == older.total("updated") == 0
    plan = import_package(world.street.paths, world.street.db, world.package, actor=ACTOR)
    assert plan.already_imported
    assert canonical_dump(world.street.file, C1) == canonical_dump(world.community.file, C1)


def test_out_of_order_and_gaps_warn_and_apply_by_version(world: World) -> None:
    member_id = _a_member_id(world)
    move_out(world.community.db, member_id, on=date.today(), reason="工作调动", actor=ACTOR)
    second = world.root / "community-2.zip"
    export_records(world.community.paths, world.community.db, second, actor=ACTOR)
    gap = import_package(world.street.paths, world.street.db, second, actor=ACTOR)
    assert any("缺少第 1 号" in w for w in gap.warnings)
    # the moved-out check-in names a member the street does not have yet: refused, listed
    assert gap.total("refused") == 1 and "不存在" in gap.conflicts[0].reason
    late = import_package(world.street.paths, world.street.db, world.package, actor=ACTOR)
    assert any("乱序" in w for w in late.warnings)
    again = import_package(world.street.paths, world.street.db, second, actor=ACTOR)
    assert not again.already_imported and again.total("updated") == 1
    assert canonical_dump(world.street.file, C1) == canonical_dump(world.community.file, C1)
    status = {p.code: p for p in partners(world.street.db)}[COMMUNITY.code]
    assert status.last_sequence == 2 and status.behind == ""


def test_dry_run_plans_exactly_and_writes_nothing(world: World) -> None:
    before = state(world.street.file)
    plan = import_package(
        world.street.paths, world.street.db, world.package, dry_run=True, actor=ACTOR
    )
    assert plan.dry_run and not plan.applied and state(world.street.file) == before
    done = import_package(world.street.paths, world.street.db, world.package, actor=ACTOR)
    assert [(t.table, t.new, t.updated, t.unchanged, t.refused) for t in plan.tables] == [
        (t.table, t.new, t.updated, t.unchanged, t.refused) for t in done.tables
    ]


def test_sealed_package_round_trip(world: World) -> None:
    sealed = world.root / "sealed.djx"
    export_records(
        world.community.paths,
        world.community.db,
        sealed,
        full=True,
        passphrase="东城街道2026",
        actor=ACTOR,
    )
    assert not sealed.read_bytes().startswith(b"PK")
    report = verify_package(world.street.paths, world.street.db, sealed, passphrase="东城街道2026")
    assert report.sealed and report.records > 0
    import_package(
        world.street.paths, world.street.db, sealed, passphrase="东城街道2026", actor=ACTOR
    )
    assert canonical_dump(world.street.file, C1) == canonical_dump(world.community.file, C1)
    assert not list((world.street.paths.data_dir / "exchange" / "work").glob("*"))


def test_past_package_is_written_again_byte_for_byte(world: World) -> None:
    again = world.root / "again.zip"
    result = export_again(world.community.paths, world.community.db, 1, again, actor=ACTOR)
    assert result.again and again.read_bytes() == world.package.read_bytes()
    history = export_history(world.community.paths, world.community.db)
    assert [(h.sequence, h.full, h.stored) for h in history] == [(1, True, True)]
    assert history[0].records == sum(history[0].counts.values()) > 0


def test_key_registered_by_fingerprint_is_taken_from_the_first_package(world: World) -> None:
    from djdesk.services.exchange.keys import ensure_site_key
    from djdesk.services.exchange.partners import register_partner

    district = new_site(world.root / "district", DISTRICT)
    try:
        printed = ensure_site_key(world.street.paths, world.street.db, actor=ACTOR).fingerprint
        register_partner(
            district.db,
            code="511502003",
            name="东城街道",
            fingerprint_text=printed.replace("-", " ").lower(),
            actor=ACTOR,
        )
        assert not partners(district.db)[0].has_key
        upward = world.root / "street-1.zip"
        export_records(world.street.paths, world.street.db, upward, actor=ACTOR)
        import_package(district.paths, district.db, upward, actor=ACTOR)
        assert partners(district.db)[0].has_key
    finally:
        district.close()


def test_key_file_names_the_site(world: World) -> None:
    out = world.root / "again.key"
    info = write_key_file(world.community.paths, world.community.db, out, actor=ACTOR)
    text = out.read_text(encoding="utf-8")
    assert COMMUNITY.code in text and COMMUNITY.name in text and info.fingerprint in text
    assert "PRIVATE" not in text
