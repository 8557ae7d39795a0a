"""Pieces every dialog shares: the heading and explanation, the button row, growing to fit, and
the non-blocking notice box.

:class:`DialogButtons` is the 确定/取消 row with Chinese labels: the accepting button is named
by its action (保存, 确认迁出, 恢复 …) and drawn as the primary one, and it is wired to the
dialog's ``accept`` / ``reject``, so a dialog's ``accept()`` is where its work happens. For a
destructive action the safe choice (取消) is the default button.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QMessageBox, QPushButton, QWidget

from djdesk.ui.common.theme import title_font


class DialogButtons(QDialogButtonBox):
    """An accept button named by its action (primary) and a cancel button, wired to ``dialog``."""

    def __init__(
        self,
        dialog: QDialog,
        accept_text: str = "确定",
        *,
        cancel_text: str = "取消",
        enabled: bool = True,
        safe_default: bool = False,
    ) -> None:
        super().__init__(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
        )
        self.accept_button: QPushButton = self.button(QDialogButtonBox.StandardButton.Ok)
        self.accept_button.setText(accept_text)
        self.accept_button.setProperty("primary", True)
        # The box has polished its buttons already: polish again for the primary look.
        self.accept_button.style().unpolish(self.accept_button)
        self.accept_button.style().polish(self.accept_button)
        self.accept_button.setEnabled(enabled)
        self.cancel_button: QPushButton = self.button(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setText(cancel_text)
        if safe_default:  # a destructive action needs a deliberate click
            self.cancel_button.setDefault(True)
        self.accepted.connect(dialog.accept)
        self.rejected.connect(dialog.reject)


def dialog_heading(text: str, *, delta: int = 4, parent: QWidget | None = None) -> QLabel:
    """The bold heading at the top of a dialog."""
    heading = QLabel(text, parent)
    heading.setObjectName("pageTitle")
    heading.setFont(title_font(heading.font(), delta))
    return heading


def intro_label(text: str = "") -> QLabel:
    """The grey, word-wrapped explanation under a dialog's heading (hidden when empty)."""
    intro = QLabel(text)
    intro.setProperty("role", "hint")
    intro.setWordWrap(True)
    if not text:  # (a parentless widget made visible would flash up as a window)
        intro.hide()
    return intro


#: Room a window frame (title bar, borders) takes beyond a window's own height, until the
#: window was shown once and the frame can be measured.
FRAME_ALLOWANCE = 40


def available_room(widget: QWidget) -> QRect:
    """The part of the widget's screen that windows may use (without the taskbar)."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


def height_limit(window: QWidget) -> int:
    """The tallest a window may be so that it fits its screen, title bar included."""
    frame = window.frameGeometry().height() - window.geometry().height()
    if not window.isVisible() or frame <= 0:
        frame = FRAME_ALLOWANCE
    return available_room(window).height() - frame


def fit_to_screen(window: QWidget) -> None:
    """Keep a window within the screen's available height and width (it scrolls inside)."""
    room = available_room(window)
    limit = height_limit(window)
    window.setMaximumHeight(limit)
    width = min(window.width(), room.width() - 16)
    if window.height() > limit or window.width() > width:
        window.resize(width, min(window.height(), limit))


def grow_to_fit(widget: QWidget) -> None:
    """Make ``widget``'s window tall enough for what it shows now (an error line appeared).

    A shown top-level window does not grow by itself for word-wrapped labels (their height
    depends on the width), so the rows would be squeezed over each other. It never grows past
    the screen's available height.
    """
    window = widget.window()
    layout = window.layout()
    if layout is None:
        return
    layout.activate()
    need = layout.totalHeightForWidth(window.width()) if layout.hasHeightForWidth() else -1
    need = max(need, layout.totalMinimumSize().height())
    need = min(need, height_limit(window))
    if need > window.height():
        window.resize(window.width(), need)


def show_notice(parent: QWidget, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
    """A message box that does not block (the work goes on underneath); closes itself away."""
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.button(QMessageBox.StandardButton.Ok).setText("确定")
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box
