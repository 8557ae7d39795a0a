"""The structure of a clause template being edited: sections, their clauses and checklist items.

:class:`TemplateTree` shows a :class:`~djdesk.formats.agreements.template_file.TemplateDoc`
as a tree — a section per top-level row (一、共建原则 …), its clauses (1．…) and, for the 共建内容
checklist, its six items under it — and is the editor's working copy: the node editor changes
the nodes' texts, the buttons and keys add, remove and move clauses and sections, and
:meth:`TemplateTree.document` reads the tree back as a ``TemplateDoc`` for the preview and for
saving. Which sections a kind must have comes from the service's schema
(:data:`~djdesk.services.agreements.template_rules.SCHEMA`): a required section cannot be
removed, checklist items are fixed, the 党群连心卡 has exactly its seven items.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from djdesk.formats.agreements.template_file import TemplateDoc, TemplateSection
from djdesk.services.agreements.compose import cn_number
from djdesk.services.agreements.template_rules import UNTITLED, rule_for
from djdesk.services.agreements.types import TemplateKind

PREVIEW_CHARS = 34
_DATA = Qt.ItemDataRole.UserRole + 1


class Node(StrEnum):
    SECTION = "section"
    CLAUSE = "clause"
    ITEM = "item"


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= PREVIEW_CHARS else flat[:PREVIEW_CHARS] + "…"


class TemplateTree(QTreeWidget):
    """The working copy of one template, as a tree of sections, clauses and items."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templateTree")
        self.setAccessibleName("模板结构")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.kind = TemplateKind.AGREEMENT
        self.title = ""
        self._custom = 0

    def top(self, index: int) -> QTreeWidgetItem:
        item = self.topLevelItem(index)
        assert item is not None
        return item

    def sections(self) -> list[QTreeWidgetItem]:
        return [self.top(i) for i in range(self.topLevelItemCount())]

    @staticmethod
    def nodes_under(item: QTreeWidgetItem) -> list[QTreeWidgetItem]:
        found = [item.child(j) for j in range(item.childCount())]
        return [c for c in found if c is not None]

    # -- loading and reading back ---------------------------------------------------------------

    def load(self, kind: TemplateKind, doc: TemplateDoc) -> None:
        self.kind = kind
        self.title = doc.title
        self.clear()
        for section in doc.sections:
            self._add_section(section, self.topLevelItemCount())
        self.expandAll()
        self.renumber()
        if self.topLevelItemCount():
            self.setCurrentItem(self.top(0))

    def _add_section(self, section: TemplateSection, at: int) -> QTreeWidgetItem:
        item = QTreeWidgetItem()
        item.setData(0, _DATA, {"node": Node.SECTION, "key": section.key, "text": section.heading})
        self.insertTopLevelItem(at, item)
        for clause in section.clauses:
            self._add_child(item, Node.CLAUSE, clause)
        for name, text in section.items:
            self._add_child(item, Node.ITEM, text, name=name)
        return item

    def _add_child(
        self, section: QTreeWidgetItem, node: Node, text: str, *, name: str = "", at: int = -1
    ) -> QTreeWidgetItem:
        child = QTreeWidgetItem()
        child.setData(0, _DATA, {"node": node, "text": text, "name": name})
        if at < 0:
            section.addChild(child)
        else:
            section.insertChild(at, child)
        return child

    def document(self, note: str = "") -> TemplateDoc:
        """The tree as a template (checked by the service, not here)."""
        sections = []
        for item in self.sections():
            data = self.node_data(item)
            children = [self.node_data(child) for child in self.nodes_under(item)]
            sections.append(
                TemplateSection(
                    key=data["key"],
                    heading=data["text"].strip(),
                    clauses=tuple(c["text"] for c in children if c["node"] == Node.CLAUSE),
                    items=tuple(
                        (c["name"], c["text"].strip()) for c in children if c["node"] == Node.ITEM
                    ),
                )
            )
        return TemplateDoc(self.kind.value, self.title, tuple(sections), note)

    # -- nodes ----------------------------------------------------------------------------------

    @staticmethod
    def node_data(item: QTreeWidgetItem | None) -> dict[str, str]:
        return dict(item.data(0, _DATA)) if item is not None else {}

    def node_of(self, item: QTreeWidgetItem | None) -> Node | None:
        data = self.node_data(item)
        return Node(data["node"]) if data else None

    def set_text(self, item: QTreeWidgetItem, text: str) -> None:
        data = self.node_data(item)
        data["text"] = text
        item.setData(0, _DATA, data)
        self.renumber()

    def set_key(self, item: QTreeWidgetItem, key: str) -> None:
        data = self.node_data(item)
        data["key"] = key
        item.setData(0, _DATA, data)
        self.renumber()

    def section_of(self, item: QTreeWidgetItem | None) -> QTreeWidgetItem | None:
        if item is None:
            return None
        return item if item.parent() is None else item.parent()

    def is_fixed(self, item: QTreeWidgetItem | None) -> bool:
        """A node that cannot be removed: a required section, a checklist item, a card item."""
        node = self.node_of(item)
        if node is Node.ITEM:
            return True
        if node is Node.SECTION:
            rule = rule_for(self.kind, self.node_data(item)["key"])
            return rule is not None and (rule.required or self.kind is TemplateKind.CONTACT_CARD)
        return False

    def renumber(self) -> None:
        """The labels as they will print: 一、二、… for titled sections, 1．2．… for clauses."""
        number = 0
        for item in self.sections():
            data = self.node_data(item)
            key = data["key"]
            rule = rule_for(self.kind, key)
            if key in UNTITLED:
                label = f"（{rule.label if rule else key}）"
            else:
                number += 1
                label = f"{cn_number(number)}、{data['text'] or '（无标题）'}"
            if self.kind is not TemplateKind.CONTACT_CARD and rule is None:
                label += "　［自定义］"
            item.setText(0, label)
            clauses = self.nodes_under(item)
            numbered = [c for c in clauses if self.node_of(c) is Node.CLAUSE]
            for j, child in enumerate(numbered, start=1):
                text = _short(self.node_data(child)["text"]) or "（空）"
                child.setText(0, f"{j}．{text}" if len(numbered) > 1 else text)
            for child in clauses:
                if self.node_of(child) is Node.ITEM:
                    child_data = self.node_data(child)
                    child.setText(0, f"☑ {child_data['name']}：{_short(child_data['text'])}")

    # -- structure ------------------------------------------------------------------------------

    def add_clause(self) -> QTreeWidgetItem | None:
        """A new, empty clause after the current clause (or after the section's last clause:
        clauses come before a checklist's items)."""
        current = self.currentItem()
        section = self.section_of(current)
        if section is None or (self.kind is TemplateKind.CONTACT_CARD and section.childCount()):
            return None
        if current is not None and current is not section and self.node_of(current) is Node.CLAUSE:
            at = section.indexOfChild(current) + 1
        else:
            kinds = [self.node_of(child) for child in self.nodes_under(section)]
            at = kinds.count(Node.CLAUSE)
        child = self._add_child(section, Node.CLAUSE, "", at=at)
        section.setExpanded(True)
        self.renumber()
        self.setCurrentItem(child)
        return child

    def add_section(self) -> QTreeWidgetItem | None:
        """A section of the administrator's own after the current one (not on the card)."""
        if self.kind is TemplateKind.CONTACT_CARD:
            return None
        current = self.section_of(self.currentItem())
        at = self.indexOfTopLevelItem(current) + 1 if current is not None else -1
        keys = {
            self.node_data(self.topLevelItem(i))["key"] for i in range(self.topLevelItemCount())
        }
        self._custom += 1
        while f"custom_{self._custom}" in keys:
            self._custom += 1
        section = TemplateSection(f"custom_{self._custom}", "新的一节", ("",))
        item = self._add_section(section, at if at >= 0 else self.topLevelItemCount())
        item.setExpanded(True)
        self.renumber()
        self.setCurrentItem(item)
        return item

    def remove_current(self) -> bool:
        current = self.currentItem()
        if current is None or self.is_fixed(current):
            return False
        parent = current.parent()
        if parent is None:
            self.takeTopLevelItem(self.indexOfTopLevelItem(current))
        else:
            parent.removeChild(current)
        self.renumber()
        return True

    def move_current(self, step: int) -> bool:
        """Move the current clause within its section, or the current section, by ``step``."""
        current = self.currentItem()
        if current is None or self.node_of(current) is Node.ITEM:
            return False
        parent = current.parent()
        if parent is None:
            at = self.indexOfTopLevelItem(current)
            to = at + step
            if not 0 <= to < self.topLevelItemCount():
                return False
            expanded = current.isExpanded()
            self.takeTopLevelItem(at)
            self.insertTopLevelItem(to, current)
            current.setExpanded(expanded)
        else:
            at = parent.indexOfChild(current)
            to = at + step
            if not 0 <= to < parent.childCount() or self.node_of(parent.child(to)) is Node.ITEM:
                return False
            parent.takeChild(at)
            parent.insertChild(to, current)
        self.renumber()
        self.setCurrentItem(current)
        return True
