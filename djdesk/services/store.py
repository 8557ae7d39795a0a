"""The database handle the screens and commands hold, and the ways to open it.

Screens and commands never import ``djdesk.db`` (DESIGN.md rule 2): they receive a
:class:`Database` from here and pass it, unopened, to service functions. Only services open
sessions on it.

:func:`open_database` gives a handle even for a damaged file: its ``damage`` attribute holds
the :class:`~djdesk.errors.CorruptDatabaseError` (naming the file and how to restore), every
service refuses to read or write through it with that message, and only a restore
(``djdesk restore FILE``, 设置 → 备份与恢复) replaces the file. A file from a newer djdesk or a
foreign file is still refused at once.

:func:`open_database_read_only` creates nothing and returns ``None`` when there is none yet.
"""

from __future__ import annotations

from djdesk.db.session import Database
from djdesk.db.startup import open_database_read_only
from djdesk.db.startup import open_for_recovery as open_database

__all__ = ["Database", "open_database", "open_database_read_only"]
