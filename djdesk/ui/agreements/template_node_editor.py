"""Editing one node of the template tree: a section's heading, a clause's text, an item's text.

:class:`NodeEditor` shows the editor that fits the node chosen in the tree and writes every
change straight back into the tree (which re-labels itself), then says :attr:`NodeEditor.edited`
so the preview follows. It remembers which text field was typed in last, where the placeholder
palette inserts (:meth:`NodeEditor.insert_placeholder`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from djdesk.formats.agreements.template_file import MAX_TEXT
from djdesk.services.agreements.template_rules import UNTITLED, rule_for
from djdesk.services.agreements.types import TemplateKind
from djdesk.ui.agreements.template_tree import Node, TemplateTree
from djdesk.ui.common.field_grid import small_label

HEADING_LIMIT = 60


def _describe(kind: TemplateKind, key: str) -> str:
    rule = rule_for(kind, key)
    if rule is None:
        return "自己增加的一节，印在所在位置；可以删除。"
    if key in UNTITLED:
        return "开头的一段，不印标题。" + ("必需，不能为空。" if rule.required else "")
    if rule.checklist:
        return "必需。下面的六项是清单，协议里勾选的内容打“√”；每项的说明不能为空。"
    return "必需的一节，不能删除，也不能没有文字。" if rule.required else "可选的一节，可以删除。"


class NodeEditor(QStackedWidget):
    """One page per kind of node: section, clause, checklist item (and a hint when none)."""

    edited = Signal()

    def __init__(self, tree: TemplateTree, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nodeEditor")
        self.tree = tree
        self._loading = False
        self.target: QLineEdit | QPlainTextEdit | None = None

        self.none_page = QLabel("在左边选择一节或一条。")
        self.none_page.setProperty("role", "hint")
        self.none_page.setAlignment(Qt.AlignmentFlag.AlignTop)

        self.section_page = QWidget()
        self.heading_edit = QLineEdit()
        self.heading_edit.setObjectName("templateHeading")
        self.heading_edit.setMaxLength(HEADING_LIMIT)
        self.key_edit = QLineEdit()
        self.key_edit.setObjectName("templateKey")
        self.key_edit.setMaxLength(40)
        self.key_edit.setToolTip("这一节的标识：小写英文字母、数字和下划线")
        self.section_hint = small_label()
        form = QFormLayout(self.section_page)
        form.addRow("节标题", self.heading_edit)
        form.addRow("标识", self.key_edit)
        form.addRow("", self.section_hint)

        self.clause_page = QWidget()
        self.clause_edit = QPlainTextEdit()
        self.clause_edit.setObjectName("templateClause")
        self.clause_edit.setTabChangesFocus(True)
        self.clause_hint = small_label(
            "一条条款的文字。可以插入右侧的占位符，如 {甲方名称}；要印出大括号本身，请写 {{ 或 }}。"
            "一节有两条以上时自动编号 1．2．……"
        )
        clause_layout = QVBoxLayout(self.clause_page)
        clause_layout.setContentsMargins(0, 0, 0, 0)
        clause_layout.addWidget(self.clause_edit, 1)
        clause_layout.addWidget(self.clause_hint)

        self.item_page = QWidget()
        self.item_name = QLabel()
        self.item_name.setProperty("role", "sectionTitle")
        self.item_edit = QPlainTextEdit()
        self.item_edit.setObjectName("templateItem")
        self.item_edit.setTabChangesFocus(True)
        item_layout = QVBoxLayout(self.item_page)
        item_layout.setContentsMargins(0, 0, 0, 0)
        item_layout.addWidget(self.item_name)
        item_layout.addWidget(self.item_edit, 1)
        item_layout.addWidget(small_label("清单中这一项的说明，印在“具体内容”一栏。"))

        for page in (self.none_page, self.section_page, self.clause_page, self.item_page):
            self.addWidget(page)
        self.heading_edit.textEdited.connect(self._heading_edited)
        self.key_edit.textEdited.connect(self._key_edited)
        self.clause_edit.textChanged.connect(lambda: self._text_edited(self.clause_edit))
        self.item_edit.textChanged.connect(lambda: self._text_edited(self.item_edit))
        for editor in (self.heading_edit, self.clause_edit, self.item_edit):
            editor.installEventFilter(self)
        tree.currentItemChanged.connect(lambda current, _previous: self.show_node())
        self.show_node()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        focused = event.type() == QEvent.Type.FocusIn
        if focused and isinstance(watched, QLineEdit | QPlainTextEdit):
            self.target = watched
        return False

    def show_node(self) -> None:
        """Show the editor of the tree's current node, filled with its text."""
        item = self.tree.currentItem()
        node = self.tree.node_of(item)
        data = self.tree.node_data(item)
        self._loading = True
        try:
            if node is Node.SECTION:
                untitled = data["key"] in UNTITLED
                self.heading_edit.setText(data["text"])
                self.heading_edit.setEnabled(not untitled)
                self.heading_edit.setPlaceholderText("（开头语不印标题）" if untitled else "")
                self.key_edit.setText(data["key"])
                self.key_edit.setReadOnly(rule_for(self.tree.kind, data["key"]) is not None)
                self.section_hint.setText(_describe(self.tree.kind, data["key"]))
                self.setCurrentWidget(self.section_page)
                self.target = self.heading_edit if not untitled else self.target
            elif node is Node.CLAUSE:
                self.clause_edit.setPlainText(data["text"])
                self.setCurrentWidget(self.clause_page)
                self.target = self.clause_edit
            elif node is Node.ITEM:
                self.item_name.setText(data["name"])
                self.item_edit.setPlainText(data["text"])
                self.setCurrentWidget(self.item_page)
                self.target = self.item_edit
            else:
                self.setCurrentWidget(self.none_page)
                self.target = None
        finally:
            self._loading = False

    def text_editor(self) -> QLineEdit | QPlainTextEdit | None:
        """The text field the palette inserts into (the one shown and typed in last)."""
        shown = self.currentWidget()
        if self.target is not None and shown is not None and shown.isAncestorOf(self.target):
            return self.target
        return None

    def insert_placeholder(self, name: str) -> bool:
        """Insert ``{name}`` at the cursor of the text field being edited."""
        editor = self.text_editor()
        if editor is None or not editor.isEnabled():
            return False
        if isinstance(editor, QLineEdit):
            editor.insert(f"{{{name}}}")
            self._heading_edited(editor.text())
        else:
            editor.insertPlainText(f"{{{name}}}")
        editor.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    # -- writing back ---------------------------------------------------------------------------

    def _heading_edited(self, text: str) -> None:
        item = self.tree.currentItem()
        if not self._loading and item is not None and self.tree.node_of(item) is Node.SECTION:
            self.tree.set_text(item, text)
            self.edited.emit()

    def _key_edited(self, text: str) -> None:
        item = self.tree.currentItem()
        if not self._loading and item is not None and self.tree.node_of(item) is Node.SECTION:
            self.tree.set_key(item, text.strip())
            self.edited.emit()

    def _text_edited(self, editor: QPlainTextEdit) -> None:
        item = self.tree.currentItem()
        if self._loading or item is None or self.tree.node_of(item) is Node.SECTION:
            return
        text = editor.toPlainText()
        if len(text) > MAX_TEXT:  # the format's limit: what is saved must read back
            editor.setPlainText(text[:MAX_TEXT])
            return
        self.tree.set_text(item, text)
        self.edited.emit()
