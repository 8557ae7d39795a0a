"""Opening the database at start-up: check the file, then migrate it to the current schema.

Also the read-only opening ``djdesk info`` uses, which creates and migrates nothing.
"""

from __future__ import annotations

from djdesk.db.migrate import refuse_newer, upgrade_to_head
from djdesk.db.session import Database, check_sqlite_file
from djdesk.db.swap import remove_restore_leftover
from djdesk.errors import CorruptDatabaseError
from djdesk.paths import AppPaths


def open_database(paths: AppPaths, *, migrate: bool = True) -> Database:
    """Open (creating if needed) the installation's database and bring its schema to head.

    A damaged or foreign file, or one written by a newer djdesk, is refused before anything
    is written to it (:class:`~djdesk.errors.CorruptDatabaseError` for a damaged one).
    """
    paths.ensure()
    db = Database(paths.database_url())
    try:
        if db.file is not None:
            remove_restore_leftover(db.file)
            refuse_newer(check_sqlite_file(db.file), str(db.file))
        if migrate:
            upgrade_to_head(db.engine, db_file=db.file, backup_dir=paths.backup_dir)
    except BaseException:
        db.dispose()
        raise
    return db


def open_database_read_only(paths: AppPaths) -> Database | None:
    """Open the installation's database for reading only; ``None`` when it does not exist.

    Nothing is created, migrated or written, not even the data folder. A corrupt or foreign
    SQLite file is refused; a newer schema is not (the caller reports the revision).
    """
    db = Database(paths.database_url(), read_only=True)
    if db.file is not None:
        if not db.file.is_file():
            db.dispose()
            return None
        try:
            check_sqlite_file(db.file, mark=False)
        except BaseException:
            db.dispose()
            raise
    return db


def open_for_recovery(paths: AppPaths, *, migrate: bool = True) -> Database:
    """Like :func:`open_database`, but a damaged file gives a handle instead of an error.

    The handle's ``damage`` holds the error; it refuses every session (nothing is read from or
    written into the file), and a restore can still replace the file through it.
    """
    try:
        return open_database(paths, migrate=migrate)
    except CorruptDatabaseError as exc:
        return Database(paths.database_url(), damage=exc)
