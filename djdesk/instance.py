"""One writer per data folder: an operating-system file lock held while djdesk writes.

The GUI holds the lock for its whole life; command-line commands that write take it for their
duration. The lock is an OS lock (``filelock``), so a process that crashes or is killed releases
it with its death and a stale lock file never blocks the next start.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from types import TracebackType

from filelock import FileLock, Timeout

from djdesk.errors import InstanceLockedError

LOCK_NAME = "djdesk.lock"


def instance_key(data_dir: Path) -> str:
    """A short name derived from the data folder (for the GUI's local socket)."""
    digest = hashlib.sha1(str(data_dir.resolve()).lower().encode("utf-8")).hexdigest()[:12]
    return f"djdesk-{digest}"


class InstanceLock:
    """Exclusive lock on a data folder; use as a context manager or acquire/release."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._lock = FileLock(str(data_dir / LOCK_NAME), timeout=0, thread_local=False)

    def acquire(self, *, for_what: str = "写入数据") -> InstanceLock:
        try:
            self._lock.acquire(timeout=0)
        except Timeout:
            raise InstanceLockedError(
                f"数据文件夹“{self.data_dir}”正被另一个 djdesk 程序窗口或命令使用，"
                f"无法{for_what}。请先关闭正在运行的 djdesk，或稍后再试。"
            ) from None
        return self

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release(force=True)

    @property
    def held(self) -> bool:
        return self._lock.is_locked

    def __enter__(self) -> InstanceLock:
        return self.acquire()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
