"""Version and location facts shown on the 设置 page and in 帮助 → 关于."""

from __future__ import annotations

import platform

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import qVersion

from djdesk import __version__
from djdesk.paths import AppPaths
from djdesk.services.store import Database


def version_rows(db: Database, paths: AppPaths) -> list[tuple[str, str]]:
    """(Chinese label, value) pairs: program, Qt, Python, database and log locations."""
    rows = [
        ("程序版本", f"djdesk {__version__}"),
        ("界面库", f"Qt {qVersion()} / PySide6 {pyside_version}"),
        ("Python", f"{platform.python_version()}（{platform.system()} {platform.release()}）"),
        ("数据库", db.display_url),
    ]
    if db.sqlite_version:
        rows.append(("SQLite", db.sqlite_version))
    rows.append(("日志文件", str(paths.log_file)))
    return rows
