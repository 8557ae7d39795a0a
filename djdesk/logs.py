"""Logging set-up: a rotating log file in the data folder plus stderr for warnings.

Personal data must never reach the log: the formatter masks anything shaped like a Chinese ID number
or a mobile phone number before a record is written.
"""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

from djdesk.validation.masking import mask_personal_data


class MaskingFormatter(logging.Formatter):
    """Formats a record, traceback included, then masks personal data in the whole text."""

    def format(self, record: logging.LogRecord) -> str:
        return mask_personal_data(super().format(record))


_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


def setup_logging(log_file: Path, *, level: int = logging.INFO, stderr: bool = True) -> None:
    """Send djdesk's log to a rotating file (5 x 2 MB); call once per process."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_djdesk", False):
            root.removeHandler(handler)
            handler.close()
    log_file.parent.mkdir(parents=True, exist_ok=True)
    file_handler = RotatingFileHandler(
        log_file, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
    )
    file_handler.setFormatter(MaskingFormatter(_FORMAT))
    file_handler._djdesk = True  # type: ignore[attr-defined]
    root.addHandler(file_handler)
    if stderr:
        console = logging.StreamHandler()
        console.setLevel(logging.WARNING)
        console.setFormatter(MaskingFormatter("%(levelname)s %(name)s: %(message)s"))
        console._djdesk = True  # type: ignore[attr-defined]
        root.addHandler(console)
    root.setLevel(level)
