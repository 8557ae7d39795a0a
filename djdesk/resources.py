"""Finds the files shipped in ``resources/``.

Works from a source checkout (``<repo>/resources``), an installed wheel (``djdesk/_resources``,
copied there at build time) and a PyInstaller build (``<bundle>/resources``).
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from djdesk.errors import DjdeskError


@cache
def resources_root() -> Path:
    package_dir = Path(__file__).resolve().parent
    candidates = []
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "resources")
    candidates += [package_dir / "_resources", package_dir.parent / "resources"]
    for candidate in candidates:
        if (candidate / "fonts").is_dir():
            return candidate
    raise DjdeskError("找不到程序资源文件夹（resources），安装可能不完整，请重新安装 djdesk。")


def resource_path(*parts: str) -> Path:
    """Path of a shipped resource file; raises a clear error when it is missing."""
    path = resources_root().joinpath(*parts)
    if not path.exists():
        raise DjdeskError(f"缺少程序资源文件：{'/'.join(parts)}，安装可能不完整。")
    return path


def migrations_dir() -> Path:
    """Alembic's script folder, which lives inside the package."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle and (Path(bundle) / "djdesk" / "db" / "migrations").is_dir():
        return Path(bundle) / "djdesk" / "db" / "migrations"
    return Path(__file__).resolve().parent / "db" / "migrations"
