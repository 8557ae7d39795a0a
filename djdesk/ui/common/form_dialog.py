"""The frame of every data-entry dialog: keys that save, a body that scrolls, input that is kept.

:class:`FormDialog` gives a form (check-in, unit, site, accounts, and the later areas' forms)
the same behaviour:

* **Saving by keyboard**: Ctrl+S and Ctrl+Enter save from any field; Enter saves too, except
  in a multi-line field (a new line there) and on a focused button (which it presses). Chips
  toggle with Space and ignore Enter. ``accept()`` is where a dialog saves: it stays open, with
  the reasons under the fields, when the service refuses.
* **Nothing typed is lost silently**: Esc, 取消 and the window's close button ask first
  (:func:`~djdesk.ui.common.confirm.confirm_discard`) when the form holds input that was not
  saved. The form is compared with what it held when it was shown (:meth:`mark_clean`), so
  typing something and deleting it again is not "unsaved".
* **Never taller than the screen**: the fields sit in a scroll area; heading and buttons stay
  visible; the window is kept within the screen's available height (taskbar excluded) and
  grows, up to that height, when error lines appear.
* **Required fields** are marked by their :class:`~djdesk.ui.common.field_grid.FieldGrid`
  with a red ``*``; the button row says what the mark means.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from djdesk.ui.common.confirm import ConfirmDialog, confirm_discard
from djdesk.ui.common.dialogs import DialogButtons, dialog_heading, fit_to_screen, intro_label
from djdesk.ui.common.field_grid import REQUIRED_MARK

log = logging.getLogger(__name__)

#: The key sequences that save from anywhere in a form.
SAVE_KEYS = ("Ctrl+S", "Ctrl+Return", "Ctrl+Enter")
#: How forms are used by keyboard, for 帮助 → 快捷键.
KEY_HELP = (
    ("Tab / Shift+Tab", "到下一项 / 上一项"),
    ("Enter", "保存（多行文字框里是换行；焦点在按钮上时按下该按钮）"),
    ("Ctrl+S 或 Ctrl+Enter", "在任何一项里都可保存"),
    ("空格", "选中或取消标签（认领岗位、专业特长等）"),
    ("Esc", "关闭表单；有未保存的内容时先询问"),
)
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def input_state(root: QWidget) -> tuple[Any, ...]:
    """What every input under ``root`` holds now, in a comparable form."""
    state: list[Any] = []
    for widget in root.findChildren(QWidget):
        parent = widget.parentWidget()
        if isinstance(parent, QComboBox | QAbstractSpinBox):
            continue  # the line edit inside: the combo's or spin box's own text counts
        if isinstance(widget, QLineEdit) and not widget.isReadOnly():
            state.append((widget.objectName(), widget.text()))
        elif isinstance(widget, QComboBox):
            state.append((widget.objectName(), widget.currentText()))
        elif isinstance(widget, QPlainTextEdit | QTextEdit):
            state.append((widget.objectName(), widget.toPlainText()))
        elif isinstance(widget, QAbstractSpinBox):
            state.append((widget.objectName(), widget.text()))
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            state.append((widget.objectName(), widget.isChecked()))
    return tuple(state)


class FormDialog(QDialog):
    """Heading, explanation, a scrolling :attr:`body_layout`, and the save/cancel row."""

    def __init__(
        self,
        title: str,
        heading: str = "",
        intro: str = "",
        *,
        accept_text: str = "保存",
        accept_enabled: bool = True,
        required_note: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.heading = dialog_heading(heading or title)
        self.intro = intro_label(intro)
        self._baseline: tuple[Any, ...] | None = None
        self._discarding = False
        #: The 放弃未保存的内容？ question while it is open (for tests).
        self.discard_box: ConfirmDialog | None = None

        self.body = QWidget()
        self.body.setObjectName("pageScrollBody")
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(0, 0, 8, 0)
        self.body_layout.setSpacing(12)
        self.scroll_area = QScrollArea()
        self.scroll_area.setObjectName("formScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setWidget(self.body)

        self.buttons = DialogButtons(self, accept_text, enabled=accept_enabled)
        self.save_button = self.buttons.accept_button
        self.cancel_button = self.buttons.cancel_button
        self.save_button.setToolTip("保存（Enter、Ctrl+S 或 Ctrl+Enter）")
        self.required_note = QLabel(f"{REQUIRED_MARK.replace('&nbsp;', '')} 为必填项")
        self.required_note.setObjectName("requiredNote")
        self.required_note.setProperty("role", "hint")
        self._required_note = required_note
        row = QHBoxLayout()
        row.addWidget(self.required_note, 1)
        row.addWidget(self.buttons)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 16)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.scroll_area, 1)
        layout.addLayout(row)
        for keys in SAVE_KEYS:
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.submit)

    # -- content --------------------------------------------------------------------------------

    def add_body(self, item: QWidget | QLayout, stretch: int = 0) -> None:
        if isinstance(item, QLayout):
            self.body_layout.addLayout(item, stretch)
        else:
            self.body_layout.addWidget(item, stretch)

    def ensure_visible(self, widget: QWidget) -> None:
        """Scroll the body so that ``widget`` (a field in error) is in sight."""
        if self.body.isAncestorOf(widget):
            self.scroll_area.ensureWidgetVisible(widget, 40, 60)

    def fit_content(self, width: int) -> None:
        """Size the window for its content at ``width``, within the screen."""
        self.body.adjustSize()
        chrome = self.sizeHint().height() - self.scroll_area.sizeHint().height()
        wanted = chrome + self.body.sizeHint().height() + 8
        self.resize(width, wanted)
        fit_to_screen(self)

    # -- saving by keyboard ---------------------------------------------------------------------

    def submit(self) -> None:
        """Save (Enter, Ctrl+S, Ctrl+Enter), if saving is allowed."""
        if self.save_button.isEnabled() and self.isVisible():
            self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _ENTER and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            focus = self.focusWidget()
            if not isinstance(focus, QPlainTextEdit | QTextEdit):
                event.accept()
                self.submit()
                return
        super().keyPressEvent(event)

    # -- unsaved input --------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._discarding = False
        marked = any(REQUIRED_MARK in label.text() for label in self.body.findChildren(QLabel))
        self.required_note.setVisible(self._required_note and marked)
        if self._baseline is None:
            self.mark_clean()
        fit_to_screen(self)

    def mark_clean(self) -> None:
        """What the form holds now counts as saved (after it was filled in)."""
        self._baseline = input_state(self.body)

    def is_dirty(self) -> bool:
        """The clerk changed something since the form was shown (and has not saved it)."""
        return self._baseline is not None and input_state(self.body) != self._baseline

    def reject(self) -> None:
        """Close without saving — after asking, when typed input would be lost.

        Esc, 取消 and the window's close button all come here (QDialog's ``closeEvent`` calls
        ``reject()`` and keeps the window open while it is still visible).
        """
        if self._discarding or not self.is_dirty():
            super().reject()
            return
        if self.discard_box is not None and self.discard_box.isVisible():
            return
        self.discard_box = confirm_discard(self, self.discard)

    def discard(self) -> None:
        """Close and drop the typed input (the clerk said so)."""
        self._discarding = True
        log.info("%s: unsaved input discarded", self.windowTitle())
        super().reject()
