"""docs/architecture.md's area × layer table names only paths that exist."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "architecture.md"


def _table_paths() -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## Where things are", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| ") and "`" in line]
    return [p for row in rows for p in re.findall(r"`((?:djdesk|tests)/[^`]+)`", row)]


def test_every_path_in_the_area_table_exists() -> None:
    paths = _table_paths()
    assert len(paths) > 30
    missing = [p for p in paths if not (ROOT / p).exists()]
    assert missing == []


def test_every_area_package_is_in_the_table() -> None:
    listed = set(_table_paths())
    areas = [
        d.name
        for d in (ROOT / "djdesk" / "services").iterdir()
        if d.is_dir() and (d / "__init__.py").exists()
    ]
    assert areas and all(f"djdesk/services/{a}/" in listed for a in areas)
