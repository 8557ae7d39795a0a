"""Migration 0008: members stored before it are found by their phone's last digits too."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from djdesk.db.migrate import alembic_config
from djdesk.db.session import Database
from djdesk.paths import AppPaths


def test_existing_members_get_their_reversed_mobile(paths: AppPaths) -> None:
    paths.ensure()
    engine = Database(paths.database_url()).engine
    command.upgrade(alembic_config(engine), "0007")
    with engine.begin() as conn:
        for mid, mobile in ((1, "13908316987"), (2, ""), (3, "13508310154")):
            conn.execute(
                text(
                    "INSERT INTO member (id, name, name_pinyin, name_initials, gender, ethnicity,"
                    " id_number, id_reversed, political_status, mobile, landline, branch,"
                    " post_title, estate, building, entrance, room, specialties, available_times,"
                    " remarks, uid, origin, version, updated_at) VALUES (:id, '王芳', 'wangfang',"
                    " 'wf', '女', '汉族', :idn, :rev, '正式党员', :mobile, '', '', '', '', '', '',"
                    " '', '', '', '', :uid, '511502003012', 1, '2026-01-01 00:00:00')"
                ),
                {
                    "id": mid,
                    "idn": f"51150219850312{mid:03d}X",
                    "rev": f"51150219850312{mid:03d}X"[::-1],
                    "mobile": mobile,
                    "uid": f"u-{mid}",
                },
            )
    command.upgrade(alembic_config(engine), "0008")
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, mobile_reversed FROM member ORDER BY id")).all()
        indexes = {row[1] for row in conn.execute(text("PRAGMA index_list('member')"))}
    assert rows == [(1, "78961380931"), (2, ""), (3, "45101380531")]
    assert "ix_member_mobile_reversed" in indexes
    command.downgrade(alembic_config(engine), "0007")
    with engine.connect() as conn:
        columns = {row[1] for row in conn.execute(text("PRAGMA table_info('member')"))}
    assert "mobile_reversed" not in columns
    engine.dispose()
