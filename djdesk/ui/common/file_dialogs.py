"""Choosing files and folders in Chinese on every system.

On Windows the system's own dialogs are used (they speak the system's language, Chinese on a
counter PC). Elsewhere a "native" dialog may be a desktop portal in the desktop's language
(English on many Linux machines) that Qt's translations never reach, so Qt's own dialog is used
there: the zh_CN catalogue loaded at start-up turns its Look in: / Files of type: into
查找范围： / 文件类型：.

Every screen asks through these functions, never through ``QFileDialog`` directly.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QFileDialog, QWidget


def dialog_options() -> QFileDialog.Option:
    """Native dialogs on Windows, Qt's own (translated) dialog elsewhere."""
    if sys.platform == "win32":
        return QFileDialog.Option(0)
    return QFileDialog.Option.DontUseNativeDialog


def open_file(parent: QWidget, title: str, folder: str, filters: str) -> str:
    """The chosen file's path, or "" when the clerk cancelled."""
    chosen, _ = QFileDialog.getOpenFileName(parent, title, folder, filters, "", dialog_options())
    return chosen


def save_file(parent: QWidget, title: str, suggested: str, filters: str) -> tuple[str, str]:
    """(path, chosen filter) to save to; ("", "") when the clerk cancelled."""
    chosen, selected = QFileDialog.getSaveFileName(
        parent, title, suggested, filters, "", dialog_options()
    )
    return chosen, selected


def choose_folder(parent: QWidget, title: str, start: str) -> str:
    """The chosen folder, or "" when the clerk cancelled."""
    options = dialog_options() | QFileDialog.Option.ShowDirsOnly
    return QFileDialog.getExistingDirectory(parent, title, start, options)


def open_files(parent: QWidget, title: str, folder: str, filters: str) -> list[str]:
    """The chosen files' paths (several may be chosen), or [] when the clerk cancelled."""
    chosen, _ = QFileDialog.getOpenFileNames(parent, title, folder, filters, "", dialog_options())
    return list(chosen)
