"""One window per data folder: the lock, the local socket, and a second start handing over."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from djdesk import app as app_module
from djdesk.errors import InstanceLockedError
from djdesk.instance import InstanceLock
from djdesk.paths import AppPaths
from djdesk.ui import diagnostics
from djdesk.ui.single_instance import InstanceServer, notify_running_instance


@pytest.fixture
def lock(paths: AppPaths) -> Iterator[InstanceLock]:
    """The data folder held as by a running djdesk."""
    paths.ensure()
    held = InstanceLock(paths.data_dir).acquire()
    yield held
    held.release()


@pytest.fixture
def server(paths: AppPaths) -> Iterator[InstanceServer]:
    paths.ensure()
    running = InstanceServer(paths.data_dir)
    assert running.listen()
    yield running
    running.close()


@pytest.fixture
def contained(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """run_gui's process-wide hooks kept inside the test; information boxes collected."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(diagnostics, "install_qt_message_handler", lambda: None)
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda parent, title, text, *a: shown.append(text))
    )
    monkeypatch.setattr(
        QMessageBox, "critical", staticmethod(lambda parent, title, text, *a: shown.append(text))
    )
    return shown


def test_second_lock_on_the_same_folder_fails(lock: InstanceLock, paths: AppPaths) -> None:
    with pytest.raises(InstanceLockedError, match="正被另一个 djdesk"):
        InstanceLock(paths.data_dir).acquire()
    lock.release()
    InstanceLock(paths.data_dir).acquire().release()  # free again once released


def test_server_receives_raise(qtbot: QtBot, server: InstanceServer, paths: AppPaths) -> None:
    with qtbot.waitSignal(server.raise_requested, timeout=3000):
        assert notify_running_instance(paths.data_dir)


def test_raise_brings_a_minimised_window_back(
    qtbot: QtBot, server: InstanceServer, paths: AppPaths
) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    window.setWindowState(Qt.WindowState.WindowMinimized)
    server.window = window
    with qtbot.waitSignal(server.raise_requested, timeout=3000):
        notify_running_instance(paths.data_dir)
    assert not window.windowState() & Qt.WindowState.WindowMinimized
    assert window.isVisible()


def test_nobody_listening(paths: AppPaths) -> None:
    paths.ensure()
    assert not notify_running_instance(paths.data_dir, timeout_ms=500)


def test_stale_socket_name_is_taken_over(paths: AppPaths) -> None:
    paths.ensure()
    first = InstanceServer(paths.data_dir)
    assert first.listen()
    # A crashed run may leave its socket behind; whoever holds the lock takes the name over.
    second = InstanceServer(paths.data_dir)
    assert second.listen()
    second.close()
    first.close()


def test_second_start_raises_the_running_window_and_exits(
    qtbot: QtBot,
    lock: InstanceLock,
    server: InstanceServer,
    paths: AppPaths,
    contained: list[str],
) -> None:
    raised: list[bool] = []
    server.raise_requested.connect(lambda: raised.append(True))
    assert app_module.run_gui(str(paths.data_dir)) == 0
    assert contained == [app_module.ALREADY_RUNNING]
    qtbot.waitUntil(lambda: raised == [True], timeout=3000)


def test_folder_held_by_a_command_is_refused(
    lock: InstanceLock, paths: AppPaths, contained: list[str]
) -> None:
    # Locked, but no window listens (e.g. ``djdesk import`` is writing): say why, exit 1.
    assert app_module.run_gui(str(paths.data_dir)) == 1
    assert "正被另一个 djdesk" in contained[0]
