"""The "file saved — open it?" box shown after every export and print to a file.

It does not block (the clerk may carry on and close it later) and offers 打开 (the default),
打开所在文件夹 and 关闭; the file and folder are handed to the operating system.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from djdesk.ui.common.desktop import open_file, open_folder


class FileReadyBox(QMessageBox):
    """Says where ``path`` was saved, with 打开 / 打开所在文件夹 / 关闭."""

    def __init__(self, parent: QWidget | None, title: str, text: str, path: Path) -> None:
        super().__init__(
            QMessageBox.Icon.Information,
            title,
            f"{text}\n{path}\n\n是否现在打开？",
            QMessageBox.StandardButton.NoButton,
            parent,
        )
        self.setObjectName("fileReadyBox")
        self.path = path
        self.open_button = self.addButton("打开", QMessageBox.ButtonRole.AcceptRole)
        self.folder_button = self.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
        self.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.open_button)
        self.buttonClicked.connect(self._clicked)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def _clicked(self, button: QAbstractButton) -> None:
        parent = self.parentWidget()
        if button is self.open_button:
            open_file(self.path, parent)
        elif button is self.folder_button:
            open_folder(self.path.parent, parent)


def show_file_ready(parent: QWidget | None, title: str, text: str, path: Path) -> FileReadyBox:
    """Open a :class:`FileReadyBox` without blocking; ``text`` ends with e.g. "已保存为："."""
    box = FileReadyBox(parent, title, text, path)
    box.open()
    return box
