"""The form frame every data-entry dialog shares: keys that save, input that is never dropped
without asking, required marks, and a window that fits a 1366×768 or 1280×720 screen."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget
from pytestqt.qtbot import QtBot

from djdesk.ui.common import dialogs
from djdesk.ui.common.confirm import ConfirmDialog
from djdesk.ui.common.editors import ChipGroup
from djdesk.ui.common.field_grid import FieldGrid
from djdesk.ui.common.form_dialog import FormDialog

#: Screens of counter PCs: the whole screen less a 40-pixel taskbar.
SCREENS = {"1366x768": QRect(0, 0, 1366, 728), "1280x720": QRect(0, 0, 1280, 680)}


class Form(FormDialog):
    """名称 (required), 备注 (several lines), chips, and ``rows`` filler fields."""

    def __init__(self, rows: int = 0) -> None:
        super().__init__("测试表单", "测试表单", "说明文字")
        self.saved = 0
        self.name = QLineEdit()
        self.name.setObjectName("field_name")
        self.notes = QPlainTextEdit()
        self.chips = ChipGroup()
        self.chips.set_options(["政策宣传", "环境整治"])
        self.grid = FieldGrid(columns=1)
        self.grid.add_row("name", "名称", self.name, required=True)
        self.grid.add_row("notes", "备注", self.notes)
        self.grid.add_row("chips", "认领岗位", self.chips)
        for row in range(rows):
            self.grid.add_row(f"extra{row}", f"第 {row} 项", QLineEdit())
        self.add_body(self.grid)
        self.fit_content(700)

    def accept(self) -> None:
        missing = self.grid.missing()
        if missing:
            self.grid.show_errors(missing, focus=True)
            return
        self.saved += 1
        super().accept()


@pytest.fixture
def form(qtbot: QtBot) -> Form:
    dialog = Form()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.name.setFocus()
    return dialog


def test_required_fields_are_marked_before_saving(form: Form) -> None:
    assert form.grid.is_required("name") and not form.grid.is_required("notes")
    assert form.required_note.isVisible() and "必填" in form.required_note.text()
    caption = form.grid.itemAtPosition(0, 0).widget()
    assert "*" in caption.text()


@pytest.mark.parametrize(
    ("key", "modifier"),
    [
        (Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Return, Qt.KeyboardModifier.NoModifier),
    ],
)
def test_keys_save_from_any_field(
    qtbot: QtBot, form: Form, key: Qt.Key, modifier: Qt.KeyboardModifier
) -> None:
    qtbot.keyClicks(form.name, "dongfeng")
    qtbot.keyClick(form.name, key, modifier)
    assert form.saved == 1 and not form.isVisible()


def test_ctrl_s_saves_from_a_multi_line_field_where_enter_is_a_new_line(
    qtbot: QtBot, form: Form
) -> None:
    form.name.setText("东风")
    form.notes.setFocus()
    qtbot.keyClicks(form.notes, "a")
    qtbot.keyClick(form.notes, Qt.Key.Key_Return)
    assert form.saved == 0 and form.notes.toPlainText() == "a\n"
    qtbot.keyClick(form.notes, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert form.saved == 1


def test_a_refusal_keeps_the_form_open_at_the_field(qtbot: QtBot, form: Form) -> None:
    qtbot.keyClick(form.name, Qt.Key.Key_Return)
    assert form.saved == 0 and form.isVisible()
    assert form.grid.error_text("name") == "不能为空"
    assert form.focusWidget() is form.name


def test_space_toggles_a_chip_and_enter_saves_instead(qtbot: QtBot, form: Form) -> None:
    form.name.setText("东风")
    chip = form.chips.chips["政策宣传"]
    chip.setFocus()
    qtbot.keyClick(chip, Qt.Key.Key_Space)
    assert chip.isChecked()
    qtbot.keyClick(chip, Qt.Key.Key_Return)
    assert chip.isChecked() and form.saved == 1


def test_escape_with_nothing_typed_just_closes(qtbot: QtBot, form: Form) -> None:
    qtbot.keyClick(form.name, Qt.Key.Key_Escape)
    assert not form.isVisible() and form.discard_box is None


def test_escape_asks_before_typed_input_is_lost(qtbot: QtBot, form: Form) -> None:
    qtbot.keyClicks(form.name, "ban")
    qtbot.keyClick(form.name, Qt.Key.Key_Escape)
    ask = form.discard_box
    assert isinstance(ask, ConfirmDialog) and ask.isVisible() and form.isVisible()
    assert ask.safe_button.text() == "继续填写" and ask.safe_button.isDefault()
    qtbot.keyClick(ask.safe_button, Qt.Key.Key_Return)  # Enter: the safe choice
    assert form.isVisible() and form.name.text() == "ban"
    form.close()  # the window's close button asks the same
    ask = form.discard_box
    assert ask is not None and ask.isVisible() and form.isVisible()
    ask.action_button.click()
    assert not form.isVisible()


def test_typing_and_deleting_again_is_not_unsaved(qtbot: QtBot, form: Form) -> None:
    qtbot.keyClicks(form.name, "x")
    qtbot.keyClick(form.name, Qt.Key.Key_Backspace)
    assert not form.is_dirty()


@pytest.mark.parametrize("screen", SCREENS, ids=list(SCREENS))
def test_never_taller_than_the_screen(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch, screen: str
) -> None:
    room = SCREENS[screen]
    monkeypatch.setattr(dialogs, "available_room", lambda _widget: room)
    tall = Form(rows=40)  # far more fields than fit
    qtbot.addWidget(tall)
    tall.show()
    qtbot.waitExposed(tall)
    assert tall.frameGeometry().height() <= room.height()
    assert tall.height() <= room.height() - dialogs.FRAME_ALLOWANCE
    scroll = tall.scroll_area
    assert scroll.verticalScrollBar().maximum() > 0  # the fields scroll inside
    for button in (tall.save_button, tall.cancel_button):  # the buttons stay in sight
        corner = button.mapTo(tall, button.rect().bottomRight())
        assert button.isVisible() and tall.rect().contains(corner)
    # Error lines under every field: the window grows, but not past the screen.
    tall.grid.show_errors([tall.grid.missing()[0], *tall.grid.date_problems()], focus=True)
    for name in tall.grid.names():
        tall.grid.show_error(name, "这一项的说明文字较长，会在字段下方占用一行或两行的高度")
    assert tall.height() <= room.height() - dialogs.FRAME_ALLOWANCE
    widest: QWidget = tall
    assert widest.width() <= room.width()
