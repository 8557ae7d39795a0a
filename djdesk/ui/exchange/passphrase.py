"""The passphrase a package is sealed with: typed twice to export, once to import."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QWidget,
)

from djdesk.errors import ValidationError


class PassphraseFields(QWidget):
    """用口令加密 [口令] [再输一次]; :meth:`value` is ``None`` when not sealing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enabled = QCheckBox("用口令加密（口令请电话告知接收单位，勿与文件放在一起）")
        self.first = QLineEdit()
        self.first.setObjectName("passphrase")
        self.second = QLineEdit()
        self.second.setObjectName("passphraseAgain")
        for edit, hint in ((self.first, "口令（至少 8 个字符）"), (self.second, "再输一次")):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setPlaceholderText(hint)
            edit.setEnabled(False)
        self.enabled.toggled.connect(self.first.setEnabled)
        self.enabled.toggled.connect(self.second.setEnabled)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.enabled)
        row.addWidget(self.first, 1)
        row.addWidget(self.second, 1)

    def value(self) -> str | None:
        """The passphrase to seal with, or ``None``; refuses two different entries."""
        if not self.enabled.isChecked():
            return None
        if self.first.text() != self.second.text():
            raise ValidationError("passphrase", "两次输入的口令不一致", label="加密口令")
        return self.first.text()


def ask_passphrase(parent: QWidget, names: list[str]) -> str | None:
    """Ask the passphrase of sealed packages (``None``: the clerk cancelled)."""
    shown = "、".join(names[:3]) + ("等" if len(names) > 3 else "")
    text, ok = QInputDialog.getText(
        parent,
        "输入口令",
        f"“{shown}”已用口令加密，请输入发送单位告知的口令：",
        QLineEdit.EchoMode.Password,
    )
    return text if ok else None


def hint(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "hint")
    label.setWordWrap(True)
    return label
