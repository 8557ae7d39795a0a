"""The crash dialog: shown for an unexpected exception (a bug), with the details to copy."""

from __future__ import annotations

import logging
import platform
import sys
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from djdesk import __version__

log = logging.getLogger(__name__)

#: Where the log is written; set by :func:`set_log_file` at start-up and named in the dialog.
current_log_file: Path | None = None


def set_log_file(path: Path | None) -> None:
    global current_log_file
    current_log_file = path


def environment_summary() -> str:
    """Versions and platform, put at the top of the copied details."""
    return (
        f"djdesk {__version__} · Python {platform.python_version()} · "
        f"Qt {qVersion()} / PySide6 {pyside_version} · {platform.platform()}"
    )


class CrashDialog(QDialog):
    """程序遇到意外错误: an apology, where the log is, the traceback, 复制详情 and 关闭."""

    def __init__(
        self, details: str, *, log_file: Path | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle("程序错误")
        self.details = f"{environment_summary()}\n\n{details.rstrip()}\n"
        where = f"已记录到日志 {log_file}" if log_file else "已记录到日志"
        message = QLabel(
            "程序遇到意外错误，刚才的操作可能没有完成。"
            f"错误详情{where}。\n"
            "请点击“复制详情”，把内容发给技术支持人员。已保存的数据不受影响。"
        )
        message.setWordWrap(True)
        message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_box = QPlainTextEdit(self.details)
        self.details_box.setReadOnly(True)
        self.details_box.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details_box.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)

        self.copy_button = QPushButton("复制详情")
        self.copy_button.clicked.connect(self.copy_details)
        self.close_button = QPushButton("关闭")
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)

        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(self.details_box, 1)
        layout.addLayout(buttons)
        self.resize(720, 460)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details)
        self.copy_button.setText("已复制")


_showing = False


def show_crash_dialog(details: str, parent: QWidget | None = None) -> None:
    """Show the crash dialog modally; a crash inside the dialog itself only goes to the log."""
    global _showing
    if _showing:
        log.error("another unexpected error while the crash dialog was open")
        return
    _showing = True
    try:
        CrashDialog(details, log_file=current_log_file, parent=parent).exec()
    except Exception:
        log.exception("could not show the crash dialog")
        print(details, file=sys.stderr)
    finally:
        _showing = False
