"""Unexpected errors: the crash dialog, the excepthook, Qt messages in the log, error routing."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMessageLogContext, QtMsgType
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from djdesk import __version__
from djdesk.errors import ValidationError, ValidationErrors
from djdesk.ui import crash_dialog, diagnostics
from djdesk.ui.common import errors
from djdesk.ui.crash_dialog import CrashDialog


def sample_traceback() -> str:
    try:
        raise KeyError("missing")
    except KeyError as exc:
        return errors.format_exception(exc)


def test_copy_puts_details_on_clipboard(qtbot: QtBot, tmp_path: Path) -> None:
    log_file = tmp_path / "logs" / "djdesk.log"
    dialog = CrashDialog(sample_traceback(), log_file=log_file)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "KeyError" in dialog.details_box.toPlainText()
    dialog.copy_button.click()
    copied = QGuiApplication.clipboard().text()
    assert "KeyError: 'missing'" in copied
    assert f"djdesk {__version__}" in copied
    assert copied == dialog.details
    assert dialog.copy_button.text() == "已复制"
    dialog.close_button.click()
    assert not dialog.isVisible()


def test_message_names_the_log_file(qtbot: QtBot, tmp_path: Path) -> None:
    from PySide6.QtWidgets import QLabel

    log_file = tmp_path / "djdesk.log"
    dialog = CrashDialog("Traceback ...", log_file=log_file)
    qtbot.addWidget(dialog)
    texts = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "程序遇到意外错误" in texts
    assert f"已记录到日志 {log_file}" in texts
    assert dialog.details_box.isReadOnly()


def test_excepthook_logs_and_shows_the_crash_dialog(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    shown: list[str] = []
    monkeypatch.setattr(
        crash_dialog, "show_crash_dialog", lambda details, parent: shown.append(details)
    )
    hook = diagnostics.install_excepthook(tmp_path / "djdesk.log")
    assert sys.excepthook is hook
    try:
        raise ZeroDivisionError("division by zero")
    except ZeroDivisionError as exc:
        with caplog.at_level(logging.CRITICAL):
            hook(type(exc), exc, exc.__traceback__)
    assert hook.failures == 1
    assert "ZeroDivisionError" in shown[0]
    assert "ZeroDivisionError" in caplog.text
    assert crash_dialog.current_log_file == tmp_path / "djdesk.log"


def test_non_interactive_hook_prints_instead(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        crash_dialog, "show_crash_dialog", lambda details, parent: shown.append(details)
    )
    hook = diagnostics.ExceptHook(None, interactive=False)
    try:
        raise RuntimeError("smoke")
    except RuntimeError as exc:
        hook(type(exc), exc, exc.__traceback__)
    assert shown == []
    assert "RuntimeError: smoke" in capsys.readouterr().err
    assert hook.failures == 1


def test_qt_messages_go_to_the_log(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.DEBUG, logger="qt"):
        diagnostics.qt_message_handler(QtMsgType.QtWarningMsg, QMessageLogContext(), "小心")
        diagnostics.qt_message_handler(QtMsgType.QtCriticalMsg, QMessageLogContext(), "严重")
    records = [(r.name, r.levelno, r.getMessage()) for r in caplog.records]
    assert ("qt", logging.WARNING, "小心") in records
    assert ("qt", logging.ERROR, "严重") in records


def test_report_exception_routes_by_kind(monkeypatch: pytest.MonkeyPatch, qtbot: QtBot) -> None:
    warnings: list[str] = []
    crashes: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: warnings.append(text))
    )
    monkeypatch.setattr(
        crash_dialog, "show_crash_dialog", lambda details, parent: crashes.append(details)
    )
    parent = QWidget()
    qtbot.addWidget(parent)
    errors.report_exception(
        ValidationErrors([ValidationError("phone", "格式不正确", label="联系电话")]), parent
    )
    assert warnings == ["请更正以下内容：\n• 联系电话：格式不正确"]
    try:
        raise LookupError("bug")
    except LookupError as exc:
        errors.report_exception(exc, parent)
    assert "LookupError: bug" in crashes[0]


def test_installed_handler_receives_qt_messages(caplog: pytest.LogCaptureFixture) -> None:
    from PySide6.QtCore import qInstallMessageHandler, qWarning

    previous = diagnostics.install_qt_message_handler()
    try:
        with caplog.at_level(logging.WARNING, logger="qt"):
            qWarning("来自 Qt 的警告")
    finally:
        qInstallMessageHandler(previous)
    assert any(r.name == "qt" and "来自 Qt 的警告" in r.getMessage() for r in caplog.records)
