"""Migration 0010: certificate prints move into the document register, and back on downgrade."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import text

from djdesk.db.migrate import alembic_config
from djdesk.services.cases.certificates import print_certificate
from djdesk.services.site.identity import SiteInfo
from djdesk.services.store import Database
from tests.helpers.cases_data import SYSTEM, certificate_case


def test_prints_travel_to_the_register_and_back(
    db: Database, site: SiteInfo, tmp_path: Path
) -> None:
    done = certificate_case(db)
    print_certificate(db, done.case_id, tmp_path / "a.pdf", actor=SYSTEM)
    print_certificate(db, done.case_id, tmp_path / "b.pdf", actor=SYSTEM, reason="原件遗失")
    config = alembic_config(db.engine)

    command.downgrade(config, "0009")
    with db.engine.begin() as conn:
        prints = conn.execute(
            text("SELECT sequence, kind, reason, uid FROM certificate_print ORDER BY sequence")
        ).all()
        count = conn.execute(text("SELECT print_count FROM certificate")).scalar_one()
        # A database from before 0010 knew its prints only from certificate_print.
        conn.execute(text("DELETE FROM document_output"))
        conn.execute(text("DELETE FROM document_record"))
    assert [p[:3] for p in prints] == [(1, "正本", ""), (2, "补打", "原件遗失")]
    assert count == 2

    command.upgrade(config, "0010")
    with db.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT kind, serial, copy_number, mark, reason, reprintable, subject_label, uid"
                " FROM document_record ORDER BY copy_number"
            )
        ).all()
        tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master"))}
        columns = {r[1] for r in conn.execute(text("PRAGMA table_info('certificate')"))}
    serial = done.certificate_serial
    assert [r[:7] for r in rows] == [
        ("cases-certificate", serial, 0, "", "", 0, "张三"),
        ("cases-certificate", serial, 1, "补打", "原件遗失", 0, "张三"),
    ]
    assert [r[7] for r in rows] == [p[3] for p in prints]  # the same records, by uid
    assert "certificate_print" not in tables and "print_count" not in columns
