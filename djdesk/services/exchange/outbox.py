"""Where written packages go: a kept copy in the data folder, then the clerk's file.

Every package is first written whole to ``exchange/sent/<kind>-<sequence>.zip`` in the data
folder (so a lost USB stick never means a lost package: it can be written again, identical and
with its signature, by number), then copied — sealed with a passphrase when one is given — to
the file the clerk chose. Both writes are atomic (:mod:`.files`).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import IO

from djdesk.errors import ValidationError
from djdesk.formats.exchange.envelope import passphrase_problem, seal
from djdesk.paths import AppPaths
from djdesk.services.exchange.files import copy_into
from djdesk.services.exchange.types import PackageKind

SENT_FOLDER = "exchange/sent"
WORK_FOLDER = "exchange/work"
#: What a record takes in a package, roughly (compressed); for the free-space check.
BYTES_PER_RECORD = 120


def stored_path(paths: AppPaths, kind: PackageKind, sequence: int) -> Path:
    return paths.data_dir / SENT_FOLDER / f"{kind.value}-{sequence:06d}.zip"


def work_dir(paths: AppPaths) -> Path:
    """Scratch space for unsealed packages being read (inside the data folder, not /tmp)."""
    return paths.data_dir / WORK_FOLDER


def check_passphrase(passphrase: str | None) -> None:
    if passphrase is not None and (problem := passphrase_problem(passphrase)) is not None:
        raise ValidationError("passphrase", problem, label="加密口令")


def file_sha256(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as fh:
        while block := fh.read(1024 * 1024):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def deliver(stored: Path, target: Path, passphrase: str | None) -> None:
    """Write the kept package to ``target``, sealed when ``passphrase`` is given."""
    if passphrase is None:
        copy_into(stored, target, "写出数据包")
        return

    def sealing(source: IO[bytes], out: IO[bytes]) -> None:
        seal(source, out, passphrase)

    copy_into(stored, target, "写出加密数据包", sealing)


def is_sealed_file(path: Path) -> bool:
    """Whether ``path`` is a package sealed with a passphrase (so the clerk is asked for it)."""
    from djdesk.formats.exchange.envelope import is_sealed

    try:
        with path.open("rb") as fh:
            return is_sealed(fh.read(16))
    except OSError:
        return False
