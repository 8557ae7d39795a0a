"""The background-task helper: results on the main thread, delayed progress dialog, cancel,
errors to on_error; and the synchronous runner with the same interface."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from djdesk.errors import DjdeskError
from djdesk.progress import CancelledFn, ProgressFn
from djdesk.ui.common.tasks import SynchronousTaskRunner, TaskRunner


@pytest.fixture
def runner(qtbot: QtBot) -> Iterator[TaskRunner]:
    task_runner = TaskRunner(show_delay_ms=50)
    yield task_runner
    task_runner.shutdown(5_000)
    qtbot.waitUntil(lambda: task_runner.active_count() == 0, timeout=5_000)


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


class Outcome:
    def __init__(self) -> None:
        self.done: list[Any] = []
        self.errors: list[BaseException] = []
        self.cancelled: list[Any] = []
        self.threads: list[threading.Thread] = []

    def on_done(self, result: Any) -> None:
        self.threads.append(threading.current_thread())
        self.done.append(result)

    def on_error(self, exc: BaseException) -> None:
        self.threads.append(threading.current_thread())
        self.errors.append(exc)

    def on_cancelled(self, result: Any) -> None:
        self.cancelled.append(result)

    def finished(self) -> bool:
        return bool(self.done or self.errors or self.cancelled)


def test_result_arrives_on_the_main_thread(qtbot: QtBot, runner: TaskRunner) -> None:
    outcome = Outcome()
    worker_threads: list[threading.Thread] = []

    def work(progress: ProgressFn, cancelled: CancelledFn) -> int:
        worker_threads.append(threading.current_thread())
        progress(1, 1, "完成")
        return 42

    task = runner.run_task(work, on_done=outcome.on_done, on_error=outcome.on_error, title="测试")
    qtbot.waitUntil(outcome.finished, timeout=5_000)
    assert outcome.done == [42]
    assert outcome.threads == [threading.main_thread()]
    assert worker_threads[0] is not threading.main_thread()
    assert task.is_finished()
    assert task.dialog is None  # quick work never shows a dialog


def test_exception_goes_to_on_error(qtbot: QtBot, runner: TaskRunner) -> None:
    outcome = Outcome()

    def work(progress: ProgressFn, cancelled: CancelledFn) -> None:
        raise ValueError("坏了")

    runner.run_task(work, on_done=outcome.on_done, on_error=outcome.on_error)
    qtbot.waitUntil(outcome.finished, timeout=5_000)
    assert outcome.done == []
    assert isinstance(outcome.errors[0], ValueError)
    assert outcome.errors[0].__traceback__ is not None
    assert outcome.threads == [threading.main_thread()]


def test_slow_task_shows_progress_and_cancel_sets_the_flag(
    qtbot: QtBot, runner: TaskRunner, parent: QWidget
) -> None:
    outcome = Outcome()
    steps: list[int] = []

    def work(progress: ProgressFn, cancelled: CancelledFn) -> str:
        for step in range(1000):
            if cancelled():
                return f"stopped at {step}"
            steps.append(step)
            progress(step, 1000, f"第 {step} 条")
            time.sleep(0.005)
        return "finished"

    task = runner.run_task(
        work,
        on_done=outcome.on_done,
        on_error=outcome.on_error,
        on_cancelled=outcome.on_cancelled,
        title="导入",
        parent=parent,
    )
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible(), timeout=5_000)
    dialog = task.dialog
    assert dialog is not None
    assert dialog.windowTitle() == "导入"
    qtbot.waitUntil(lambda: dialog.value() > 0, timeout=5_000)
    assert dialog.maximum() == 1000
    cancel = dialog.findChild(QPushButton)
    assert cancel is not None
    assert cancel.text() == "取消"
    cancel.click()
    assert task.is_cancelled()
    qtbot.waitUntil(outcome.finished, timeout=5_000)
    assert outcome.done == []
    assert outcome.cancelled[0].startswith("stopped at")
    assert len(steps) < 1000
    assert task.dialog is None


def test_cancel_without_on_cancelled_still_delivers_the_result(
    qtbot: QtBot, runner: TaskRunner
) -> None:
    outcome = Outcome()
    started = threading.Event()

    def work(progress: ProgressFn, cancelled: CancelledFn) -> str:
        started.set()
        while not cancelled():
            time.sleep(0.005)
        return "partial"

    task = runner.run_task(work, on_done=outcome.on_done, on_error=outcome.on_error)
    assert started.wait(5)
    task.cancel()
    qtbot.waitUntil(outcome.finished, timeout=5_000)
    assert outcome.done == ["partial"]


def test_closed_parent_gets_no_callback(qtbot: QtBot, runner: TaskRunner) -> None:
    outcome = Outcome()
    release = threading.Event()
    widget = QWidget()

    def work(progress: ProgressFn, cancelled: CancelledFn) -> str:
        release.wait(5)
        return "late"

    task = runner.run_task(work, on_done=outcome.on_done, on_error=outcome.on_error, parent=widget)
    widget.deleteLater()
    qtbot.waitUntil(lambda: task.is_cancelled(), timeout=5_000)
    release.set()
    qtbot.waitUntil(lambda: runner.active_count() == 0, timeout=5_000)
    assert not outcome.finished()


def test_default_on_error_shows_djdesk_errors(
    qtbot: QtBot, runner: TaskRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: shown.append(text))
    )

    def work(progress: ProgressFn, cancelled: CancelledFn) -> None:
        raise DjdeskError("备份文件夹不可写")

    runner.run_task(work, on_done=lambda result: None)
    qtbot.waitUntil(lambda: bool(shown), timeout=5_000)
    assert shown == ["备份文件夹不可写"]


def test_synchronous_runner_same_interface() -> None:
    runner = SynchronousTaskRunner()
    outcome = Outcome()

    def work(progress: ProgressFn, cancelled: CancelledFn) -> str:
        progress(1, 2, "一半")
        return "cancelled" if cancelled() else "done"

    handle = runner.run_task(work, on_done=outcome.on_done, on_error=outcome.on_error, title="同步")
    assert outcome.done == ["done"]
    assert handle.is_finished()
    assert runner.progress_reports == [(1, 2, "一半")]
    assert runner.titles == ["同步"]

    runner.cancel_requested = True
    runner.run_task(work, on_done=outcome.on_done, on_cancelled=outcome.on_cancelled)
    assert outcome.cancelled == ["cancelled"]


def test_synchronous_runner_routes_exceptions() -> None:
    outcome = Outcome()

    def work(progress: ProgressFn, cancelled: CancelledFn) -> None:
        raise RuntimeError("boom")

    SynchronousTaskRunner().run_task(work, on_done=outcome.on_done, on_error=outcome.on_error)
    assert isinstance(outcome.errors[0], RuntimeError)
    assert outcome.done == []


def test_escape_on_the_progress_dialog_cancels(
    qtbot: QtBot, runner: TaskRunner, parent: QWidget
) -> None:
    outcome = Outcome()

    def work(progress: ProgressFn, cancelled: CancelledFn) -> str:
        deadline = time.monotonic() + 5
        while not cancelled() and time.monotonic() < deadline:
            time.sleep(0.005)
        return "stopped"

    task = runner.run_task(
        work, on_done=outcome.on_done, on_cancelled=outcome.on_cancelled, parent=parent
    )
    qtbot.waitUntil(lambda: task.dialog is not None and task.dialog.isVisible(), timeout=5_000)
    assert task.dialog is not None
    task.dialog.reject()
    qtbot.waitUntil(outcome.finished, timeout=5_000)
    assert outcome.cancelled == ["stopped"]
