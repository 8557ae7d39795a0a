"""The one background-task helper: long work runs off the GUI thread, results come back on it.

A task is a plain function ``fn(progress, cancelled)``: it reports with
``progress(done, total, text)`` and polls ``cancelled()`` between steps. Services receive these two
callables and never see Qt. :class:`TaskRunner` runs the function in a ``QThreadPool``; the result
(or the exception) is delivered to ``on_done`` / ``on_error`` on the main thread through queued
signals. A progress dialog appears only if the task is still running after ``show_delay_ms``
(about half a second); its 取消 button sets the cancel flag.

:class:`SynchronousTaskRunner` has the same interface and runs the function inline, so tests and
scripts get deterministic behaviour. Windows receive their runner by injection.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from djdesk.progress import CancelledFn, ProgressFn

log = logging.getLogger(__name__)

TaskFn = Callable[[ProgressFn, CancelledFn], Any]
DoneFn = Callable[[Any], None]
ErrorFn = Callable[[BaseException], None]

#: Progress reports closer together than this are coalesced (the last one always gets through).
_PROGRESS_INTERVAL_S = 0.05


class TaskHandle(Protocol):
    """What :meth:`run_task` returns: lets the caller cancel and ask about the task."""

    def cancel(self) -> None: ...

    def is_cancelled(self) -> bool: ...

    def is_finished(self) -> bool: ...


class TaskRunnerLike(Protocol):
    """The interface shared by :class:`TaskRunner` and :class:`SynchronousTaskRunner`."""

    def run_task(
        self,
        fn: TaskFn,
        *,
        on_done: DoneFn,
        on_error: ErrorFn | None = None,
        on_cancelled: DoneFn | None = None,
        title: str = "",
        parent: QWidget | None = None,
    ) -> TaskHandle: ...


def default_on_error(parent: QWidget | None) -> ErrorFn:
    """Show a :class:`~djdesk.errors.DjdeskError` as a warning, anything else as a crash."""

    def handle(exc: BaseException) -> None:
        from djdesk.ui.common.errors import report_exception

        report_exception(exc, parent)

    return handle


@dataclass(frozen=True)
class Callbacks:
    """Where a task's outcome goes; the same wiring for the real and the synchronous runner."""

    on_done: DoneFn
    on_error: ErrorFn
    on_cancelled: DoneFn | None = None

    @classmethod
    def of(
        cls,
        on_done: DoneFn,
        on_error: ErrorFn | None,
        on_cancelled: DoneFn | None,
        parent: QWidget | None,
    ) -> Callbacks:
        """The callbacks of a ``run_task`` call, errors shown by default."""
        return cls(on_done, on_error or default_on_error(parent), on_cancelled)

    def finished(self, result: Any, *, cancelled: bool) -> None:
        """The function returned: ``on_cancelled`` when the user cancelled and it is given."""
        if cancelled and self.on_cancelled is not None:
            self.on_cancelled(result)
        else:
            self.on_done(result)

    def failed(self, exc: BaseException) -> None:
        self.on_error(exc)


class _Signals(QObject):
    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    """Runs the task function on a pool thread and emits the outcome."""

    def __init__(self, fn: TaskFn, signals: _Signals, cancel_event: threading.Event) -> None:
        super().__init__()
        self._fn = fn
        self._signals = signals
        self._cancel_event = cancel_event
        self._last_progress = 0.0
        self.setAutoDelete(True)

    def _progress(self, done: int, total: int, text: str = "") -> None:
        now = time.monotonic()
        if done < total and now - self._last_progress < _PROGRESS_INTERVAL_S:
            return
        self._last_progress = now
        self._signals.progress.emit(int(done), int(total), str(text))

    def run(self) -> None:
        try:
            result = self._fn(self._progress, self._cancel_event.is_set)
        except BaseException as exc:
            self._signals.failed.emit(exc)
        else:
            self._signals.done.emit(result)


class BackgroundTask(QObject):
    """One running task of a :class:`TaskRunner`; lives on the main thread."""

    finished = Signal()

    def __init__(
        self,
        *,
        callbacks: Callbacks,
        title: str,
        parent_widget: QWidget | None,
        show_delay_ms: int,
        owner: QObject,
    ) -> None:
        super().__init__(owner)
        self._callbacks = callbacks
        self._title = title
        self._parent_widget = parent_widget
        self._parent_gone = False
        self._cancel_event = threading.Event()
        self._finished = False
        self._last_progress: tuple[int, int, str] = (0, 0, "")
        self.dialog: QProgressDialog | None = None
        self.signals = _Signals()
        self.signals.progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self.signals.done.connect(self._on_result, Qt.ConnectionType.QueuedConnection)
        self.signals.failed.connect(self._on_failure, Qt.ConnectionType.QueuedConnection)
        if parent_widget is not None:
            parent_widget.destroyed.connect(self._forget_parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._show_dialog)
        self._timer.start(show_delay_ms)

    # -- TaskHandle -----------------------------------------------------------------------------

    def cancel(self) -> None:
        self._cancel_event.set()
        if self.dialog is not None:
            self.dialog.setLabelText("正在取消，请稍候……")
            self.dialog.setCancelButton(None)  # removes the button

    def is_cancelled(self) -> bool:
        return self._cancel_event.is_set()

    def is_finished(self) -> bool:
        return self._finished

    @property
    def cancel_event(self) -> threading.Event:
        return self._cancel_event

    # -- slots ----------------------------------------------------------------------------------

    @Slot()
    def _forget_parent(self) -> None:
        # The window that asked for the work is gone: finish quietly, touch nothing of it.
        self._parent_gone = True
        self._parent_widget = None
        self._cancel_event.set()

    @Slot()
    def _show_dialog(self) -> None:
        if self._finished or self._parent_gone:
            return
        dialog = QProgressDialog(self._parent_widget)
        dialog.setWindowTitle(self._title or "请稍候")
        dialog.setLabelText(self._last_progress[2] or f"{self._title or '正在处理'}……")
        dialog.setCancelButtonText("取消")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        dialog.setMinimumWidth(360)
        # By default 取消 hides the dialog at once; keep it up, saying "正在取消", until the
        # function has noticed the flag and returned.
        dialog.canceled.disconnect(dialog.cancel)
        dialog.canceled.connect(self.cancel)
        dialog.rejected.connect(self.cancel)  # Esc hides the dialog: treat it as 取消
        self.dialog = dialog
        self._apply_progress()
        dialog.show()

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, text: str) -> None:
        self._last_progress = (done, total, text)
        self._apply_progress()

    def _apply_progress(self) -> None:
        # A modal QProgressDialog processes events inside setValue(), so the task may finish
        # (and _finish() drop self.dialog) in the middle of this method: keep our own handle.
        dialog = self.dialog
        if dialog is None or self.is_cancelled():
            return
        done, total, text = self._last_progress
        if total > 0:
            dialog.setRange(0, total)
            dialog.setValue(min(done, total))
        else:
            dialog.setRange(0, 0)  # busy indicator
        if text and self.dialog is dialog:
            dialog.setLabelText(text)

    @Slot(object)
    def _on_result(self, result: object) -> None:
        self._finish()
        if self._parent_gone:
            return
        self._callbacks.finished(result, cancelled=self.is_cancelled())

    @Slot(object)
    def _on_failure(self, exc: BaseException) -> None:
        self._finish()
        if self._parent_gone:
            log.info("background task %r failed after its window closed: %r", self._title, exc)
            return
        self._callbacks.failed(exc)

    def _finish(self) -> None:
        self._finished = True
        self._timer.stop()
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self.cancel)
            self.dialog.rejected.disconnect(self.cancel)
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        self.finished.emit()
        self.deleteLater()


class TaskRunner(QObject):
    """Runs task functions on a thread pool of its own; see the module docstring."""

    def __init__(
        self, parent: QObject | None = None, *, show_delay_ms: int = 500, max_threads: int = 2
    ) -> None:
        super().__init__(parent)
        self.show_delay_ms = show_delay_ms
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._running: set[BackgroundTask] = set()

    def run_task(
        self,
        fn: TaskFn,
        *,
        on_done: DoneFn,
        on_error: ErrorFn | None = None,
        on_cancelled: DoneFn | None = None,
        title: str = "",
        parent: QWidget | None = None,
    ) -> BackgroundTask:
        """Start ``fn(progress, cancelled)`` in the background.

        ``on_done(result)`` runs on the main thread when ``fn`` returns; when the user cancelled
        and ``on_cancelled`` is given, it is called with the (partial) result instead.
        ``on_error(exc)`` receives any exception ``fn`` raised; by default a
        :class:`~djdesk.errors.DjdeskError` is shown as a warning and anything else as a crash.
        """
        task = BackgroundTask(
            callbacks=Callbacks.of(on_done, on_error, on_cancelled, parent),
            title=title,
            parent_widget=parent,
            show_delay_ms=self.show_delay_ms,
            owner=self,
        )
        self._running.add(task)
        task.finished.connect(lambda: self._running.discard(task))
        log.debug("starting background task %r", title)
        self._pool.start(_Job(fn, task.signals, task.cancel_event))
        return task

    def active_count(self) -> int:
        """Tasks started whose result has not been delivered yet."""
        return len(self._running)

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        """Ask every task to cancel and wait for the pool threads; ``True`` if all stopped."""
        for task in list(self._running):
            task.cancel_event.set()
        return self._pool.waitForDone(timeout_ms)


class _InlineHandle:
    def __init__(self, cancel_requested: bool) -> None:
        self._cancelled = cancel_requested
        self._finished = False

    def cancel(self) -> None:
        self._cancelled = True

    def is_cancelled(self) -> bool:
        return self._cancelled

    def is_finished(self) -> bool:
        return self._finished


class SynchronousTaskRunner:
    """Runs task functions inline on the calling thread; for tests and scripts.

    ``cancel_requested=True`` makes ``cancelled()`` answer ``True`` from the start, to exercise a
    view's cancel path. Every progress report is kept in :attr:`progress_reports`.
    """

    def __init__(self, *, cancel_requested: bool = False) -> None:
        self.cancel_requested = cancel_requested
        self.progress_reports: list[tuple[int, int, str]] = []
        self.titles: list[str] = []

    def run_task(
        self,
        fn: TaskFn,
        *,
        on_done: DoneFn,
        on_error: ErrorFn | None = None,
        on_cancelled: DoneFn | None = None,
        title: str = "",
        parent: QWidget | None = None,
    ) -> _InlineHandle:
        handle = _InlineHandle(self.cancel_requested)
        callbacks = Callbacks.of(on_done, on_error, on_cancelled, parent)
        self.titles.append(title)

        def progress(done: int, total: int, text: str = "") -> None:
            self.progress_reports.append((done, total, text))

        try:
            result = fn(progress, handle.is_cancelled)
        except Exception as exc:
            handle._finished = True
            callbacks.failed(exc)
        else:
            handle._finished = True
            callbacks.finished(result, cancelled=handle.is_cancelled())
        return handle

    def active_count(self) -> int:
        return 0

    def shutdown(self, timeout_ms: int = 10_000) -> bool:
        return True
