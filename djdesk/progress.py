"""The one contract for long work: a progress callback, a cancellation token, a cancelled error.

Services, formats and documents that take long accept ``progress(done, total, text)`` and a
``cancelled()`` token they poll between steps; the UI's task runner supplies both, the command
line passes neither. When the token turns true the work raises :class:`CancelledError` and
leaves nothing behind (the transaction rolls back, no file is written).
"""

from __future__ import annotations

from collections.abc import Callable

from djdesk.errors import DjdeskError

#: ``progress(done, total, text)``; ``total`` 0 means "unknown".
ProgressFn = Callable[[int, int, str], None]
#: The cancellation token: true once the clerk asked to stop.
CancelledFn = Callable[[], bool]

IMPORT_CANCELLED = "已取消导入，数据库未做任何改动。"
EXPORT_CANCELLED = "已取消导出，未生成文件。"


class CancelledError(DjdeskError):
    """The clerk cancelled long work; nothing was changed or written."""

    def __init__(self, message: str = "已取消，未做任何改动。") -> None:
        super().__init__(message)


def check_cancelled(cancelled: CancelledFn | None, message: str = IMPORT_CANCELLED) -> None:
    """Raise :class:`CancelledError` with ``message`` once the token says so."""
    if cancelled is not None and cancelled():
        raise CancelledError(message)


def report(progress: ProgressFn | None, done: int, total: int, text: str) -> None:
    """Call ``progress`` when there is one."""
    if progress is not None:
        progress(done, total, text)
