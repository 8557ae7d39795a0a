"""The placeholder palette of the template editor: every name the template kind knows.

Each entry reads ``{甲方名称}　甲方党组织全称（本社区党组织）``; Enter, a double click or the 插入
button emits :attr:`PlaceholderPalette.chosen` with the name, which the editor inserts at the
cursor of the text being edited. Typing in the filter narrows the list (名称 or 说明).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from djdesk.services.agreements.placeholders import PLACEHOLDERS
from djdesk.services.agreements.types import TemplateKind

_NAME = Qt.ItemDataRole.UserRole + 1


class PlaceholderPalette(QWidget):
    """The placeholders of one template kind, to insert into the text being edited."""

    chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("placeholderPalette")
        title = QLabel("占位符")
        title.setProperty("role", "sectionTitle")
        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("placeholderFilter")
        self.filter_edit.setPlaceholderText("筛选，如：乙方")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._filter)
        self.list = QListWidget()
        self.list.setObjectName("placeholderList")
        self.list.setAccessibleName("占位符")
        self.list.itemActivated.connect(self._activated)
        self.insert_button = QPushButton("插入")
        self.insert_button.setObjectName("insertPlaceholder")
        self.insert_button.setToolTip("把所选占位符插入正在编辑的文字（也可在列表中按 Enter）")
        self.insert_button.setAutoDefault(False)
        self.insert_button.clicked.connect(self.insert_current)
        hint = QLabel("打印时换成协议中的实际内容；模板中出现未知的占位符不能保存。")
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(title)
        row.addStretch(1)
        row.addWidget(self.insert_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(row)
        layout.addWidget(self.filter_edit)
        layout.addWidget(self.list, 1)
        layout.addWidget(hint)

    def set_kind(self, kind: TemplateKind) -> None:
        self.list.clear()
        for name, meaning in PLACEHOLDERS[kind].items():
            item = QListWidgetItem(f"{{{name}}}　{meaning}")
            item.setData(_NAME, name)
            item.setToolTip(meaning)
            self.list.addItem(item)
        self._filter(self.filter_edit.text())
        self.list.setCurrentRow(0)

    def names(self) -> list[str]:
        return [str(self.list.item(i).data(_NAME)) for i in range(self.list.count())]

    def select(self, name: str) -> bool:
        for i in range(self.list.count()):
            if self.list.item(i).data(_NAME) == name:
                self.list.setCurrentRow(i)
                return True
        return False

    def insert_current(self) -> None:
        item = self.list.currentItem()
        if item is not None and not item.isHidden():
            self.chosen.emit(str(item.data(_NAME)))

    def _activated(self, item: QListWidgetItem) -> None:
        self.chosen.emit(str(item.data(_NAME)))

    def _filter(self, text: str) -> None:
        wanted = text.strip()
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(wanted) and wanted not in item.text())
