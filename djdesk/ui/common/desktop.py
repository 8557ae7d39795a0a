"""Handing files and folders to the operating system (file manager, PDF viewer)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)


def _open(path: Path, parent: QWidget | None) -> bool:
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    log.warning("the desktop could not open %s", path)
    QMessageBox.warning(
        parent, "无法打开", f"系统没能打开“{path}”。\n请在文件管理器中手动打开这个位置。"
    )
    return False


def open_folder(path: Path, parent: QWidget | None = None) -> bool:
    """Show a folder in the file manager, creating it first if it is missing."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        QMessageBox.warning(parent, "无法打开", f"无法创建文件夹“{path}”：{exc.strerror or exc}")
        return False
    return _open(path, parent)


def open_file(path: Path, parent: QWidget | None = None) -> bool:
    """Open a file (e.g. a printed PDF) in its default program."""
    if not path.is_file():
        QMessageBox.warning(parent, "无法打开", f"找不到文件“{path}”，它可能已被移动或删除。")
        return False
    return _open(path, parent)
