"""Files the exchange writes: packages, key files, reports — whole or not at all.

Everything is written to ``<name>.partial`` beside the target, flushed to disk and renamed into
place, so a full USB stick, a pulled-out stick or a cancel leaves no half file under the real
name. Errors become Chinese messages naming the file (a full disk as such).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from djdesk.disk import disk_full_error, fsync_dir, is_disk_full
from djdesk.errors import DjdeskError

PARTIAL = ".partial"


def partial_of(target: Path) -> Path:
    return target.with_name(target.name + PARTIAL)


def write_error(target: Path, exc: OSError, what: str) -> DjdeskError:
    if is_disk_full(exc):
        return disk_full_error(target.parent, what)
    return DjdeskError(
        f"无法写入文件“{target}”：{exc.strerror or exc}。请检查文件夹是否存在、可写。"
    )


@contextmanager
def atomic_file(target: Path, what: str, *, private: bool = False) -> Iterator[IO[bytes]]:
    """A binary file that appears at ``target`` only when the block finishes without error."""
    partial = partial_of(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
        fd = os.open(partial, flags, 0o600 if private else 0o666)
        fh = os.fdopen(fd, "wb")
    except OSError as exc:
        raise write_error(target, exc, what) from exc
    try:
        with fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(partial, target)
        fsync_dir(target.parent)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise write_error(target, exc, what) from exc
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def write_bytes(target: Path, data: bytes, what: str, *, private: bool = False) -> None:
    with atomic_file(target, what, private=private) as fh:
        fh.write(data)


def copy_into(
    source: Path, target: Path, what: str, transform: Callable[..., None] | None = None
) -> None:
    """Copy ``source`` to ``target`` atomically; ``transform(src, dst)`` may rewrite on the way."""
    with atomic_file(target, what) as out, source.open("rb") as src:
        if transform is None:
            while block := src.read(1024 * 1024):
                out.write(block)
        else:
            transform(src, out)


def remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def discard_package(stored: Path, target: Path) -> None:
    """A package that failed half-way: remove its stored copy and the delivered file (unless
    the delivered file is the stored copy itself)."""
    remove_quietly(stored)
    if target.exists() and target.resolve() != stored.resolve():
        remove_quietly(target)
