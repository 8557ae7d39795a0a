"""Natural keys are unique per origin: two sites may share a key, one site may not.

Covers the schema (every natural-key index, written through the ORM) and migration 0004, which
must bring a database holding 0003 data to head with every row kept, and back down.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from alembic import command
from sqlalchemy import Engine, delete, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from djdesk.actor import Actor
from djdesk.db.migrate import alembic_config, current_revision, head_revision
from djdesk.db.models.checkin import CheckIn, Grid, Member, Unit
from djdesk.db.models.serials import IssuedSerial
from djdesk.db.session import Database
from djdesk.paths import AppPaths

HERE, THERE = "511502003012", "511502003013"
ID_NUMBER = "34052419800101001X"
USCC = "91350100M000100Y43"


def _member(origin: str, id_number: str = ID_NUMBER) -> Member:
    return Member(origin=origin, name="曾国藩", id_number=id_number, id_reversed=id_number[::-1])


def _unit(origin: str, uscc: str = USCC) -> Unit:
    return Unit(origin=origin, name="教体局", category=4, uscc=uscc)


def _grid(origin: str) -> Grid:
    return Grid(origin=origin, name="第1网格")


def _serial(origin: str, number: int = 1) -> IssuedSerial:
    text_ = f"东风社区报〔2026〕第{number:03d}号"
    return IssuedSerial(
        origin=origin, kind="checkin-receipt", year=2026, number=number, serial=text_
    )


def _write(db: Database, *rows: object) -> None:
    with db.unit_of_work(Actor.system()) as session:
        session.add_all(rows)


Factory = Callable[[str], object]
KEYS: dict[str, Factory] = {
    "member ID number": _member,
    "unit credit code": _unit,
    "grid name": _grid,
    "issued serial": _serial,
}


@pytest.mark.parametrize("make", KEYS.values(), ids=KEYS.keys())
def test_two_origins_may_share_a_natural_key(db: Database, make: Factory) -> None:
    _write(db, make(HERE), make(THERE))
    model = type(make(HERE))
    with db.reading() as session:
        origins = session.scalars(select(model.origin))  # type: ignore[attr-defined]
        assert sorted(origins) == [HERE, THERE]


@pytest.mark.parametrize("make", KEYS.values(), ids=KEYS.keys())
def test_one_origin_may_not(db: Database, make: Factory) -> None:
    _write(db, make(HERE))
    with pytest.raises(IntegrityError):
        _write(db, make(HERE))


def test_serial_text_and_number_are_each_unique_per_origin(db: Database) -> None:
    _write(db, _serial(HERE, 1))
    same_number = _serial(HERE, 1)
    same_number.serial = "另一个编号"
    with pytest.raises(IntegrityError):
        _write(db, same_number)
    same_text = _serial(HERE, 2)
    same_text.serial = _serial(HERE, 1).serial
    with pytest.raises(IntegrityError):
        _write(db, same_text)


def test_units_without_credit_code_do_not_clash(db: Database) -> None:
    _write(db, _unit(HERE, ""), _unit(HERE, ""))


def test_one_active_check_in_per_member_row(db: Database) -> None:
    here, there = _member(HERE), _member(THERE)
    _write(db, here, there)

    def arrival(member: Member, status: str = "在册") -> CheckIn:
        return CheckIn(
            origin=member.origin, member_id=member.id, checked_in_on=date(2026, 1, 5), status=status
        )

    # The same person is 在册 at two communities: two member rows, one active check-in each.
    _write(db, arrival(here), arrival(there), arrival(here, "迁出"))
    with pytest.raises(IntegrityError):
        _write(db, arrival(here))


# --- migration 0004 on a database holding 0003 data ------------------------------------------

ROWS_0003 = (
    "INSERT INTO site (id, level, code, name, short_name, street_code, street_name,"
    " district_code, district_name, address, phone, party_org, serial_prefix, uid, origin,"
    " version, updated_at) VALUES (1, '社区', '511502003012', '东风社区', '东风', '511502003',"
    " '东城街道', '511502', '翠屏区', '地址', '0831-8221234', '党委', '东风社区', 's-1',"
    " '511502003012', 1, '2026-01-01 00:00:00')",
    "INSERT INTO unit (id, name, category, uscc, address, party_org, secretary, liaison_name,"
    " liaison_phone, declared_members, status, remarks, uid, origin, version, updated_at)"
    f" VALUES (7, '教体局', 4, '{USCC}', '', '', '', '', '', 3, '在册', '', 'u-7',"
    " '511502003012', 2, '2026-01-01 00:00:00')",
    "INSERT INTO grid (id, name, area, leader, phone, active, uid, origin, version, updated_at)"
    " VALUES (3, '第1网格', '', '', '', 1, 'g-3', '511502003012', 1, '2026-01-01 00:00:00')",
    "INSERT INTO member (id, name, name_pinyin, name_initials, gender, ethnicity, id_number,"
    " id_reversed, political_status, mobile, landline, unit_id, branch, post_title, estate,"
    " building, entrance, room, specialties, available_times, remarks, latest_checkin_id, uid,"
    " origin, version, updated_at) VALUES (11, '曾国藩', 'zengguofan', 'zgf', '男', '汉族',"
    f" '{ID_NUMBER}', '{ID_NUMBER[::-1]}', '正式党员', '13812345678', '', 7, '', '', '', '', '',"
    " '', '', '', '', 21, 'm-11', '511502003012', 3, '2026-01-01 00:00:00')",
    "INSERT INTO checkin (id, member_id, serial, checked_in_on, status, grid_id, posts, channel,"
    " received_by, moved_out_reason, uid, origin, version, updated_at) VALUES (21, 11,"
    " '东风社区报〔2026〕第001号', '2026-01-05', '在册', 3, '政策宣传', '线下', '', '', 'c-21',"
    " '511502003012', 1, '2026-01-01 00:00:00')",
    "INSERT INTO issued_serial (id, kind, year, number, serial, subject, issued_at, uid, origin,"
    " version, updated_at) VALUES (5, 'checkin-receipt', 2026, 1, '东风社区报〔2026〕第001号',"
    " '曾国藩', '2026-01-05 01:00:00', 'i-5', '511502003012', 1, '2026-01-01 00:00:00')",
    "INSERT INTO serial_counter (kind, year, last_number) VALUES ('checkin-receipt', 2026, 1)",
)
SNAPSHOT = {
    "unit": "SELECT id, name, uscc, uid, origin, version FROM unit",
    "grid": "SELECT id, name, uid, origin FROM grid",
    "member": "SELECT id, id_number, unit_id, latest_checkin_id, uid, origin, version FROM member",
    "checkin": "SELECT id, member_id, serial, status, grid_id, posts, uid FROM checkin",
    "issued_serial": "SELECT id, kind, year, number, serial, uid, origin FROM issued_serial",
    "serial_counter": "SELECT kind, year, last_number FROM serial_counter",
}


def _snapshot(engine: Engine) -> dict[str, list[tuple[object, ...]]]:
    with engine.connect() as conn:
        return {name: [tuple(r) for r in conn.execute(text(sql))] for name, sql in SNAPSHOT.items()}


def _index_sql(engine: Engine, name: str) -> str:
    with engine.connect() as conn:
        found = conn.execute(text("SELECT sql FROM sqlite_master WHERE name = :n"), {"n": name})
        return str(found.scalar_one())


def test_migration_0004_keeps_data_and_makes_keys_per_origin(paths: AppPaths) -> None:
    paths.ensure()
    db = Database(paths.database_url())
    engine = db.engine
    command.upgrade(alembic_config(engine), "0003")
    with engine.begin() as conn:
        for sql in ROWS_0003:
            conn.execute(text(sql))
    before = _snapshot(engine)

    command.upgrade(alembic_config(engine), "head")
    assert current_revision(engine) == head_revision()
    assert _snapshot(engine) == before
    assert "WHERE uscc != ''" in _index_sql(engine, "uq_unit_origin_uscc")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
    # Another community's copy of the same person and unit now fits beside the local one.
    _write(db, _member(THERE), _unit(THERE), _grid(THERE), _serial(THERE))
    with pytest.raises(IntegrityError):
        _write(db, _member(HERE))

    with db.unit_of_work(Actor.system()) as session:
        _delete_origin(session, THERE)
    command.downgrade(alembic_config(engine), "0003")
    assert current_revision(engine) == "0003"
    assert _snapshot(engine) == before
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
    db.dispose()


def _delete_origin(session: Session, origin: str) -> None:
    for model in (IssuedSerial, Grid, Member, Unit):
        session.execute(delete(model).where(model.origin == origin))
