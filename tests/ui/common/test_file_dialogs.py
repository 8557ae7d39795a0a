"""Choosing files in Chinese: Qt's own dialog (translated by the qtbase zh_CN catalogue loaded
at start-up) everywhere but on Windows, where the system's own dialog is used."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QAbstractButton, QFileDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from djdesk.ui.common import file_dialogs


@pytest.mark.parametrize(
    "mode", [QFileDialog.FileMode.ExistingFile, QFileDialog.FileMode.Directory], ids=str
)
@pytest.mark.parametrize("accept", list(QFileDialog.AcceptMode), ids=str)
def test_qt_file_dialog_reads_chinese(
    qtbot: QtBot, tmp_path: Path, mode: QFileDialog.FileMode, accept: QFileDialog.AcceptMode
) -> None:
    dialog = QFileDialog(None, "选择花名册", str(tmp_path), "工作簿 (*.xlsx)")
    dialog.setOptions(file_dialogs.dialog_options() | QFileDialog.Option.DontUseNativeDialog)
    dialog.setFileMode(mode)
    dialog.setAcceptMode(accept)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "查找范围" in labels and "文件类型" in labels
    english: set[str] = set()
    for widget in dialog.findChildren(QWidget):
        texts = [widget.toolTip(), widget.accessibleName()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        english.update(t for t in texts if re.search("[A-Za-z]{3,}", t))
    assert english == set()
    buttons = [b.text() for b in dialog.findChildren(QAbstractButton) if b.isVisible()]
    assert "取消" in buttons and all(text.strip() for text in buttons if text != "")


def test_other_qt_strings_are_still_translated(qtbot: QtBot) -> None:
    """The gap-filling catalogue answers only for its own strings (never with blanks)."""
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("QFileDialog", "&Look in:") == "查找范围(&L)："
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert QCoreApplication.translate("djdesk", "不在任何目录中的文字") == "不在任何目录中的文字"


@pytest.mark.parametrize(("platform", "native"), [("win32", True), ("linux", False)])
def test_native_dialogs_only_on_windows(
    monkeypatch: pytest.MonkeyPatch, platform: str, native: bool
) -> None:
    monkeypatch.setattr(file_dialogs.sys, "platform", platform)
    options = file_dialogs.dialog_options()
    assert bool(options & QFileDialog.Option.DontUseNativeDialog) is not native


def test_every_helper_passes_the_options(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Any] = []

    def fake(*args: Any) -> Any:
        seen.append(args[-1])
        return ("", "")

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(fake))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a: seen.append(a[-1]) or "")
    )
    parent = QWidget()
    assert file_dialogs.open_file(parent, "打开", "", "") == ""
    assert file_dialogs.save_file(parent, "保存", "", "") == ("", "")
    assert file_dialogs.choose_folder(parent, "文件夹", "") == ""
    assert len(seen) == 3 and all(option & file_dialogs.dialog_options() for option in seen)
