"""Printing numbered documents: allocate the serial, build the PDF, write it, in one unit of work.

The serial is taken inside the same transaction that writes the file: if the PDF cannot be
built or written, the number is given back and no half-written file is left behind.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from djdesk.errors import DjdeskError


@dataclass(frozen=True)
class PrintedDocument:
    path: Path  # Path() when the document went to a printer
    serial: str
    pages_hint: str = ""
    document_id: int = 0  # its entry in the document register (services.documents)


def write_atomically(path: Path, content: bytes) -> None:
    """Write through a temporary file in the same folder, then rename over the target."""
    tmp = path.with_name(f".{path.name}.part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(content)
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise DjdeskError(
            f"无法写入文件“{path}”：{exc.strerror or exc}。请检查文件夹权限或换一个位置。"
        ) from exc
