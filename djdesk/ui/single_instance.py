"""One window per data folder: a second start brings the running window to the front.

The running application holds the data folder's :class:`~djdesk.instance.InstanceLock` and
listens on a local socket named by :func:`~djdesk.instance.instance_key`. A second start that
finds the lock taken connects to that socket, sends ``raise`` and exits; the running one shows,
raises and activates its window (or the dialog in front of it, such as the login or lock
dialog).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QApplication, QWidget

from djdesk.instance import instance_key

log = logging.getLogger(__name__)

RAISE_MESSAGE = b"raise"
CONNECT_TIMEOUT_MS = 2000


class InstanceServer(QObject):
    """The running application's end: listens for ``raise`` and brings :attr:`window` up."""

    #: A second start asked for the window.
    raise_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = instance_key(data_dir)
        self.window: QWidget | None = None
        self.server = QLocalServer(self)
        # Only this operating-system user may ask (a shared PC has several Windows users).
        self.server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        self.server.newConnection.connect(self._on_new_connection)
        self._buffers: dict[QLocalSocket, bytes] = {}
        self.raise_requested.connect(self.bring_to_front)

    def listen(self) -> bool:
        """Start listening; ``False`` (logged) if the socket cannot be opened.

        A socket file left behind by a crashed run is removed first: whoever holds the data
        folder's lock is the only djdesk that may use this name.
        """
        QLocalServer.removeServer(self.name)
        if self.server.listen(self.name):
            log.info("listening for a second start on %s", self.server.fullServerName())
            return True
        log.warning("cannot listen on %s: %s", self.name, self.server.errorString())
        return False

    def close(self) -> None:
        self.server.close()

    def _on_new_connection(self) -> None:
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            if socket is None:
                break
            self._buffers[socket] = b""
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(lambda s=socket: self._forget(s))
            if socket.bytesAvailable():
                self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        data = self._buffers.get(socket, b"") + bytes(socket.readAll().data())
        if RAISE_MESSAGE in data:
            log.info("a second start asked for the window")
            self._buffers[socket] = b""
            self.raise_requested.emit()
        else:
            self._buffers[socket] = data[-64:]

    def _forget(self, socket: QLocalSocket) -> None:
        self._buffers.pop(socket, None)
        socket.deleteLater()

    def bring_to_front(self) -> None:
        """Show, un-minimise, raise and activate the window and any dialog in front of it."""
        targets = [QApplication.activeModalWidget(), self.window]
        for widget in dict.fromkeys(w for w in targets if w is not None):
            state = widget.windowState()
            if state & Qt.WindowState.WindowMinimized:
                widget.setWindowState(state & ~Qt.WindowState.WindowMinimized)
            widget.show()
            widget.raise_()
            widget.activateWindow()


def _allow_foreground() -> None:
    """Windows lets only the foreground process hand the foreground on: allow it."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        import ctypes

        asfw_any = -1
        ctypes.windll.user32.AllowSetForegroundWindow(asfw_any)


def notify_running_instance(data_dir: Path, timeout_ms: int = CONNECT_TIMEOUT_MS) -> bool:
    """Ask the djdesk running on ``data_dir`` to come to the front; ``True`` if it was told."""
    socket = QLocalSocket()
    socket.connectToServer(instance_key(data_dir))
    if not socket.waitForConnected(timeout_ms):
        log.info(
            "no running window answers on %s: %s", instance_key(data_dir), socket.errorString()
        )
        return False
    _allow_foreground()
    socket.write(RAISE_MESSAGE + b"\n")
    sent = socket.waitForBytesWritten(timeout_ms) or socket.bytesToWrite() == 0
    socket.disconnectFromServer()
    if socket.state() != QLocalSocket.LocalSocketState.UnconnectedState:
        socket.waitForDisconnected(timeout_ms)
    return sent
