"""帮助 → 快捷键: every key a clerk can use, listed from where the keys are defined.

The page keys (Ctrl+1 … Ctrl+9) follow the navigation of this window, the menu keys come from
the window's actions, and the keys of forms, date fields and the counter's search come from the
modules that implement them, so the list cannot drift from what the keys do.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from djdesk.ui.common.date_field import KEY_HELP as DATE_KEYS
from djdesk.ui.common.dialogs import dialog_heading, fit_to_screen
from djdesk.ui.common.form_dialog import KEY_HELP as FORM_KEYS
from djdesk.ui.common.search_box import KEY_HELP as SEARCH_KEYS
from djdesk.ui.common.theme import TEXT_MUTED

KeyRows = Sequence[tuple[str, str]]


def key_table(title: str, rows: KeyRows) -> str:
    cells = "".join(
        f"<tr><td style='padding:3px 18px 3px 0; white-space:nowrap'><b>{keys}</b></td>"
        f"<td style='padding:3px 0'>{what}</td></tr>"
        for keys, what in rows
    )
    return f"<h4 style='margin:12px 0 4px 0; color:{TEXT_MUTED}'>{title}</h4><table>{cells}</table>"


class ShortcutsDialog(QDialog):
    """The keys, grouped: 切换页面, 菜单与窗口, 表单, 日期, 党员报到的查找."""

    def __init__(self, pages: KeyRows, window_keys: KeyRows, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutsDialog")
        self.setWindowTitle("快捷键")
        sections = [
            ("切换页面（左侧导航中：↑↓ 选择，Enter 或 Tab 进入页面）", pages),
            ("菜单与窗口", window_keys),
            ("表单", FORM_KEYS),
            ("日期", DATE_KEYS),
            ("党员报到的查找框", SEARCH_KEYS),
        ]
        self.text = QLabel("".join(key_table(title, rows) for title, rows in sections if rows))
        self.text.setObjectName("shortcutList")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setWordWrap(True)
        body = QWidget()
        body.setObjectName("pageScrollBody")
        column = QVBoxLayout(body)
        column.addWidget(self.text)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("pageScroll")
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        close = QPushButton("关闭")
        close.setDefault(True)
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 16)
        layout.addWidget(dialog_heading("快捷键"))
        layout.addWidget(scroll, 1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self.resize(640, 680)
        fit_to_screen(self)
