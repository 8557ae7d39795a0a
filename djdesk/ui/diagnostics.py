"""Where unexpected things go: Qt's own messages into Python logging, uncaught exceptions into
the log and the crash dialog."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QMessageLogContext, QThread, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from djdesk.ui import crash_dialog

qt_log = logging.getLogger("qt")
log = logging.getLogger(__name__)

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def qt_message_handler(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Log one Qt message under the ``qt`` logger (with its category when Qt gives one)."""
    category = getattr(context, "category", None) or ""
    prefix = f"[{category}] " if category and category != "default" else ""
    qt_log.log(_QT_LEVELS.get(mode, logging.WARNING), "%s%s", prefix, message)


def install_qt_message_handler() -> Any:
    """Route Qt's messages to logging; returns the previous handler."""
    return qInstallMessageHandler(qt_message_handler)


class ExceptHook:
    """``sys.excepthook`` replacement: log the exception, then show the crash dialog.

    With ``interactive=False`` (smoke tests) no dialog opens: the details go to stderr and the
    event loop ends with exit code 1. :attr:`failures` counts what was caught.
    """

    def __init__(self, log_file: Path | None, *, interactive: bool = True) -> None:
        self.log_file = log_file
        self.interactive = interactive
        self.failures = 0
        crash_dialog.set_log_file(log_file)

    def __call__(
        self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        self.failures += 1
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        log.critical("uncaught exception\n%s", details)
        app = QApplication.instance()
        if app is None or not self.interactive:
            print(details, file=sys.stderr)
            # Only end a running event loop: exit() outside one would make the next one
            # return at once.
            if app is not None and QThread.currentThread().loopLevel() > 0:
                app.exit(1)
            return
        crash_dialog.show_crash_dialog(details, QApplication.activeWindow())


def install_excepthook(log_file: Path | None, *, interactive: bool = True) -> ExceptHook:
    """Install an :class:`ExceptHook` as ``sys.excepthook`` and return it."""
    hook = ExceptHook(log_file, interactive=interactive)
    sys.excepthook = hook
    return hook
