"""The database handle the screens and commands hold, and the ways to open it.

Screens and commands never import ``djdesk.db`` (DESIGN.md rule 2): they receive a
:class:`Database` from here and pass it, unopened, to service functions. Only services open
sessions on it. :func:`open_database` creates and migrates the database;
:func:`open_database_read_only` creates nothing and returns ``None`` when there is none yet.
"""

from __future__ import annotations

from djdesk.db.session import Database
from djdesk.db.startup import open_database, open_database_read_only

__all__ = ["Database", "open_database", "open_database_read_only"]
