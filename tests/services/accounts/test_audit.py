"""Audit log: every write leaves an entry in the same transaction, personal data masked,
append-only, filterable and exportable."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from djdesk.actor import Actor, Role
from djdesk.db.models.accounts import AuditEntry
from djdesk.db.session import Database
from djdesk.errors import PermissionDeniedError
from djdesk.services.accounts import audit
from djdesk.services.accounts.users import create_first_admin, create_user, login
from djdesk.services.site.identity import save_site
from tests.conftest import SAMPLE_SITE

ADMIN = Actor("admin", "王管理", Role.ADMIN, 1)


def _entries(db: Database) -> list[AuditEntry]:
    with db.reading() as session:
        return list(session.scalars(select(AuditEntry).order_by(AuditEntry.id)))


def test_write_leaves_masked_entry(db: Database) -> None:
    save_site(db, SAMPLE_SITE, actor=ADMIN)
    save_site(db, replace(SAMPLE_SITE, phone="13812345678"), actor=ADMIN)
    created, updated = _entries(db)
    assert (created.action, created.table_name, created.username) == ("create", "site", "admin")
    assert updated.action == "update" and updated.record_uid == created.record_uid
    changes = json.loads(updated.changes)
    assert changes == {"phone": ["0831-***1234", "138****5678"]}
    assert "13812345678" not in updated.changes


def test_failed_write_leaves_no_entry(db: Database) -> None:
    with pytest.raises(RuntimeError), db.unit_of_work(ADMIN) as session:  # noqa: PT012
        from djdesk.db.models.site import Site

        session.add(
            Site(
                id=1,
                origin="x",
                **{f: getattr(SAMPLE_SITE, f) for f in ("level", "code", "name", "short_name")},
            )
        )
        session.flush()
        raise RuntimeError("abort")
    assert _entries(db) == []


def test_password_hash_never_in_audit(db: Database) -> None:
    admin = create_first_admin(db, "admin", "王管理", "counter2026")
    create_user(
        db, admin, username="clerk", display_name="张前台", role=Role.CLERK, password="counter2026"
    )
    for entry in _entries(db):
        assert "scrypt$" not in entry.changes


def test_append_only(db: Database) -> None:
    save_site(db, SAMPLE_SITE, actor=ADMIN)
    with db.engine.begin() as conn, pytest.raises(IntegrityError):
        conn.execute(text("UPDATE audit_log SET username = 'mallory'"))
    with db.engine.begin() as conn, pytest.raises(IntegrityError):
        conn.execute(text("DELETE FROM audit_log"))
    assert _entries(db)[0].username == "admin"


def test_filters_paging_and_roles(db: Database) -> None:
    admin = create_first_admin(db, "admin", "王管理", "counter2026")
    save_site(db, SAMPLE_SITE, actor=admin)
    login(db, "admin", "counter2026")
    flt = audit.AuditFilter(action="login")
    rows = audit.entries_page(db, admin, flt)
    assert [r.action_label for r in rows] == ["登录"]
    assert audit.count_entries(db, admin, audit.AuditFilter(table="site")) == 1
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date()  # the site's day, not the host's
    assert audit.count_entries(db, admin, audit.AuditFilter(start=today, end=today)) >= 3
    assert audit.count_entries(db, admin, audit.AuditFilter(end=today - timedelta(days=2))) == 0
    choices = audit.filter_choices(db, admin)
    assert "site" in choices.tables and "admin" in choices.usernames
    with pytest.raises(PermissionDeniedError):
        audit.entries_page(db, Actor("clerk", "张前台", Role.CLERK, 2), flt)


def test_export_xlsx(db: Database, tmp_path: Path) -> None:
    save_site(db, SAMPLE_SITE, actor=ADMIN)
    save_site(db, replace(SAMPLE_SITE, address="新地址1号"), actor=ADMIN)
    out = tmp_path / "audit.xlsx"
    assert audit.export_xlsx(db, ADMIN, audit.AuditFilter(table="site"), out) == 2
    sheet = load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == audit.HEADERS
    assert rows[1][2] == "修改" and "新地址1号" in rows[1][5]
    assert _entries(db)[-1].action == "export"
