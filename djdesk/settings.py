"""Typed application settings with defaults, kept as JSON in the data folder.

Settings are per installation (not per database record) and never travel upward. Unknown keys
in the file are ignored and malformed values fall back to the default, so an edited or older
file never stops the program from starting.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Settings:
    """What a clerk or administrator can tune; every field has a sensible default."""

    timezone: str = "Asia/Shanghai"
    ui_font_point_size: int = 11
    idle_lock_minutes: int = 10
    extra_backup_dir: str = ""
    open_pdf_after_print: bool = True
    #: Print offset per printer name, in mm ``[x to the right, y down]``, for pre-printed stock.
    printer_offsets_mm: dict[str, list[float]] = field(default_factory=dict)

    def with_changes(self, **changes: Any) -> Settings:
        return replace(self, **changes)

    def printer_offset(self, printer: str) -> tuple[float, float]:
        """The calibration offset of ``printer`` in mm (0, 0 when none is set)."""
        x, y = self.printer_offsets_mm.get(printer, (0.0, 0.0))
        return float(x), float(y)


MAX_PRINTER_OFFSET_MM = 30.0


def _offsets(value: dict[str, Any]) -> dict[str, list[float]]:
    """Well-formed offsets only: two numbers within ±30 mm under a non-empty printer name."""
    clean: dict[str, list[float]] = {}
    for name, pair in value.items():
        if (
            isinstance(name, str)
            and name
            and isinstance(pair, list)
            and len(pair) == 2
            and all(isinstance(v, int | float) and not isinstance(v, bool) for v in pair)
            and all(abs(v) <= MAX_PRINTER_OFFSET_MM for v in pair)
        ):
            clean[name] = [float(pair[0]), float(pair[1])]
        else:
            log.warning("printer offset %r: %r ignored", name, pair)
    return clean


def load_settings(path: Path) -> Settings:
    """Read settings from ``path``; a missing or unreadable file gives the defaults."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError) as exc:
        log.warning("settings file %s unreadable (%s); using defaults", path, exc)
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    defaults = Settings()
    values: dict[str, Any] = {}
    for f in fields(Settings):
        if f.name in raw:
            default = getattr(defaults, f.name)
            value = raw[f.name]
            if isinstance(value, type(default)) and not (
                isinstance(default, int) and isinstance(value, bool) != isinstance(default, bool)
            ):
                values[f.name] = _offsets(value) if f.name == "printer_offsets_mm" else value
            else:
                log.warning("setting %s has a bad value %r; using default", f.name, value)
    return replace(defaults, **values)


def save_settings(path: Path, settings: Settings) -> None:
    """Write settings atomically (temporary file, then rename)."""
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(asdict(settings), ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)
