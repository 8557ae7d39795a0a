"""The one way to ask before something that cannot simply be taken back.

Restoring a backup, moving a member out, disabling an account, revoking a unit, throwing away
typed input (later: cancelling a booking, voiding a certificate) all ask through
:class:`ConfirmDialog`: a heading, what will happen in plain words, optionally more content
(the backup's record counts, the move-out date and reason), and two buttons. The safe choice
(取消, 继续填写 …) is the default button and has the focus, so Enter or Esc never does the
damage; the other button is named by what it does (恢复数据, 确认迁出, 停用账户, 放弃填写) and
drawn as a warning, and only a deliberate click, or Tab then Space, runs it. Enter in a field
of the dialog (the move-out reason) does nothing: neither the damage nor losing what was typed.

Dialogs open with ``open()`` (never a blocking ``exec()``): :func:`confirm` calls
``on_confirm`` once the clerk chose the action.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QHBoxLayout,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from djdesk.ui.common.dialogs import dialog_heading, fit_to_screen, intro_label


def polish(button: QPushButton) -> None:
    button.style().unpolish(button)
    button.style().polish(button)


class ConfirmDialog(QDialog):
    """Heading, explanation, optional body, then [action] [safe choice (default)]."""

    def __init__(
        self,
        title: str,
        text: str,
        action: str,
        *,
        heading: str = "",
        safe: str = "取消",
        body: QWidget | QLayout | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("confirmDialog")
        self.setWindowTitle(title)
        self.heading = dialog_heading(heading or title, delta=2)
        self.text_label = intro_label(text)
        self.text_label.setObjectName("confirmText")
        self.text_label.setProperty("role", "value")

        self.action_button = QPushButton(action)
        self.action_button.setObjectName("confirmAction")
        self.action_button.setProperty("danger", True)
        self.action_button.setAutoDefault(False)
        polish(self.action_button)
        self.safe_button = QPushButton(safe)
        self.safe_button.setObjectName("confirmSafe")
        self.safe_button.setDefault(True)
        self.action_button.clicked.connect(self.accept)
        self.safe_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        buttons.addStretch(1)
        buttons.addWidget(self.action_button)
        buttons.addWidget(self.safe_button)

        layout = self.main_layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 18)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addWidget(self.text_label)
        if isinstance(body, QLayout):
            layout.addLayout(body)
        elif body is not None:
            layout.addWidget(body)
        layout.addStretch(1)
        layout.addLayout(buttons)
        self.setMinimumWidth(460)
        QWidget.setTabOrder(self.action_button, self.safe_button)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        fit_to_screen(self)
        self.focus_safe_choice()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not isinstance(
            self.focusWidget(), QAbstractButton
        ):
            event.accept()  # Enter in a field: no action, nothing lost
            return
        super().keyPressEvent(event)

    def focus_safe_choice(self) -> None:
        self.safe_button.setFocus(Qt.FocusReason.OtherFocusReason)


def confirm(
    parent: QWidget,
    *,
    title: str,
    text: str,
    action: str,
    on_confirm: Callable[[], object],
    heading: str = "",
    safe: str = "取消",
    on_cancel: Callable[[], object] | None = None,
) -> ConfirmDialog:
    """Ask before a destructive action; ``on_confirm`` runs only if the clerk chose it."""
    dialog = ConfirmDialog(title, text, action, heading=heading, safe=safe, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.accepted.connect(on_confirm)
    if on_cancel is not None:
        dialog.rejected.connect(on_cancel)
    dialog.open()
    return dialog


def confirm_discard(
    parent: QWidget, on_discard: Callable[[], object], *, what: str = "填写的内容"
) -> ConfirmDialog:
    """放弃未保存的输入？ — 继续填写 (default) or 放弃填写."""
    return confirm(
        parent,
        title="放弃未保存的内容",
        heading="还没有保存",
        text=f"{what}还没有保存，关闭后将丢失。要放弃吗？",
        action="放弃并关闭",
        safe="继续填写",
        on_confirm=on_discard,
    )
