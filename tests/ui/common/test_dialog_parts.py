"""Shared dialog parts: the button row, the file-ready box, and exporting to a chosen file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog, QMessageBox, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from djdesk.errors import DjdeskError
from djdesk.progress import CancelledError, CancelledFn, ProgressFn
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.dialogs import DialogButtons
from djdesk.ui.common.exports import run_export
from djdesk.ui.common.file_ready import FileReadyBox, show_file_ready
from djdesk.ui.common.theme import ACCENT


def test_buttons_are_named_by_their_action_and_wired(qtbot: QtBot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    buttons = DialogButtons(dialog, "确认迁出", enabled=False)
    assert buttons.accept_button.text() == "确认迁出"
    assert buttons.accept_button.property("primary") is True
    assert not buttons.accept_button.isEnabled()
    assert buttons.cancel_button.text() == "取消"
    with qtbot.waitSignal(dialog.rejected):
        buttons.cancel_button.click()


def test_the_accept_button_is_drawn_as_the_primary_one(qtbot: QtBot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    buttons = DialogButtons(dialog, "保存")
    QVBoxLayout(dialog).addWidget(buttons)
    dialog.show()
    qtbot.waitExposed(dialog)
    image = buttons.accept_button.grab().toImage()
    assert image.pixelColor(4, image.height() // 2) == QColor(ACCENT)


def test_a_destructive_action_defaults_to_the_safe_choice(qtbot: QtBot) -> None:
    dialog = QDialog()
    qtbot.addWidget(dialog)
    buttons = DialogButtons(dialog, "恢复", safe_default=True)
    assert buttons.cancel_button.isDefault() and not buttons.accept_button.isDefault()
    with qtbot.waitSignal(dialog.accepted):
        buttons.accept_button.click()


@pytest.fixture
def parent(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def open_boxes(parent: QWidget) -> list[FileReadyBox]:
    return [b for b in parent.findChildren(FileReadyBox) if b.isVisible()]


def test_file_ready_box_opens_the_file_or_its_folder(
    parent: QWidget, tmp_path: Path, opened_urls: list[Path]
) -> None:
    out = tmp_path / "花名册.xlsx"
    out.write_bytes(b"x")
    box = show_file_ready(parent, "导出花名册", "已保存为：", out)
    assert box.isVisible() and str(out) in box.text() and box.defaultButton() is box.open_button
    box.open_button.click()
    assert opened_urls == [out]
    again = show_file_ready(parent, "导出花名册", "已保存为：", out)
    again.folder_button.click()
    assert opened_urls == [out, tmp_path]


def test_export_offers_the_written_file(ctx: UiContext, parent: QWidget, tmp_path: Path) -> None:
    out = tmp_path / "统计表.pdf"
    written: list[Path] = []

    def write(progress: ProgressFn, cancelled: CancelledFn) -> Path:
        out.write_bytes(b"%PDF")
        return out

    run_export(ctx, parent, write, title="导出统计表", done=written.append)
    assert written == [out]
    (box,) = open_boxes(parent)
    assert box.path == out and box.windowTitle() == "导出统计表"


def test_a_cancelled_export_says_nothing_and_a_failed_one_says_why(
    ctx: UiContext, parent: QWidget, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda parent, title, text, *a: shown.append(text))
    )

    def cancelled(progress: ProgressFn, cancelled: CancelledFn) -> Path:
        raise CancelledError("导出已取消，未生成文件。")

    def failing(progress: ProgressFn, cancelled: CancelledFn) -> Path:
        raise DjdeskError("无法写入文件“统计表.pdf”：磁盘已满。")

    run_export(ctx, parent, cancelled, title="导出统计表")
    assert shown == [] and open_boxes(parent) == []
    run_export(ctx, parent, failing, title="导出统计表")
    assert shown == ["无法写入文件“统计表.pdf”：磁盘已满。"] and open_boxes(parent) == []
