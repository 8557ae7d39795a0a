"""文书模板 (administrators): the structured editor of the clause templates, with a live preview.

Left, the template's sections and clauses (:mod:`.template_tree`; Insert adds a clause,
Ctrl+Insert a section of one's own, Ctrl+Delete removes, Ctrl+↑/↓ move); in the middle, the
text of the chosen node (:mod:`.template_node_editor`) and the placeholders to insert
(:mod:`.placeholder_palette`); right, sample pages that follow the typing
(:mod:`.template_preview`). 保存为新版本 checks the template — unknown placeholders, empty
required sections and the like are refused, naming the section and clause — and stores the
next version; agreements printed before keep the version (and the very text) they were
printed with.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from djdesk.errors import DjdeskError, ValidationErrors
from djdesk.formats.agreements.template_file import TemplateDoc, dump_template
from djdesk.services.agreements.templates import (
    current_template,
    save_template,
    template_version,
    template_versions,
)
from djdesk.services.agreements.types import TemplateKind
from djdesk.ui.agreements.placeholder_palette import PlaceholderPalette
from djdesk.ui.agreements.template_node_editor import NodeEditor
from djdesk.ui.agreements.template_preview import LivePreview, problems_of
from djdesk.ui.agreements.template_tree import TemplateTree
from djdesk.ui.common.confirm import confirm_discard
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.errors import show_error
from djdesk.ui.common.field_grid import set_role
from djdesk.ui.common.page import Page

log = logging.getLogger(__name__)

TREE_KEYS = (
    ("Insert", "添加一条"),
    ("Ctrl+Insert", "添加一节"),
    ("Ctrl+Delete", "删除"),
    ("Ctrl+Up", "上移"),
    ("Ctrl+Down", "下移"),
)


class TemplateEditorPage(Page):
    """Pick a template kind, edit its structure and texts, watch the sample, save a version."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(
            ctx, "文书模板", "协议书、责任书和党群连心卡的条款；每次保存成为一个新版本"
        )
        self.setObjectName("templateEditorPage")
        self._loaded = ""
        self.kind = TemplateKind.AGREEMENT
        self.revert_button = self.add_action(QPushButton("放弃修改"))
        self.revert_button.clicked.connect(lambda: self.load(self.kind))
        self.save_button = self.add_action(QPushButton("保存为新版本"), primary=True)
        self.save_button.setObjectName("saveTemplate")
        self.save_button.setToolTip("检查模板并保存为下一个版本（Ctrl+S）")
        self.save_button.clicked.connect(self.save)
        save_keys = QShortcut(QKeySequence("Ctrl+S"), self)
        save_keys.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        save_keys.activated.connect(self.save)

        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("templateKind")
        self.kind_combo.setAccessibleName("模板")
        for kind in TemplateKind:
            self.kind_combo.addItem(kind.label, kind)
        self.kind_combo.activated.connect(lambda _i: self._kind_chosen())
        self.version_combo = QComboBox()
        self.version_combo.setObjectName("templateVersions")
        self.version_combo.setAccessibleName("历史版本")
        self.version_combo.setMinimumContentsLength(24)
        self.version_combo.activated.connect(lambda _i: self._version_chosen())
        self.note_edit = QLineEdit()
        self.note_edit.setObjectName("templateNote")
        self.note_edit.setPlaceholderText("这一版的说明，如：修改共建原则")
        self.note_edit.setMaxLength(200)
        self.note_edit.setMinimumWidth(240)
        labels = [QLabel(t) for t in ("模板", "底稿", "说明")]
        for label, buddy in zip(
            labels, (self.kind_combo, self.version_combo, self.note_edit), strict=True
        ):
            label.setBuddy(buddy)
        self.add_filter_bar(
            labels[0], self.kind_combo, labels[1], self.version_combo, labels[2], self.note_edit
        )
        self.status = QLabel()
        self.status.setObjectName("templateStatus")
        self.status.setWordWrap(True)
        self.status.setProperty("role", "hint")
        self.body_layout.addWidget(self.status)

        self.tree = TemplateTree()
        self.node_editor = NodeEditor(self.tree)
        self.placeholders = PlaceholderPalette()
        self.placeholders.chosen.connect(self.node_editor.insert_placeholder)
        self.preview = LivePreview(ctx.db, self.current_document)
        self.node_editor.edited.connect(self._edited)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("templateSplitter")
        splitter.addWidget(self._tree_panel())
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.setContentsMargins(0, 0, 0, 0)
        middle_layout.addWidget(self.node_editor, 3)
        middle_layout.addWidget(self.placeholders, 2)
        splitter.addWidget(middle)
        splitter.addWidget(self.preview)
        splitter.setSizes([280, 340, 440])
        # Fills the page's height whatever the panes would like: the page (scrolled by its
        # preferred height) then fits a 1366×768 screen; 400 pixels at the least.
        splitter.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        splitter.setMinimumHeight(400)
        self.body_layout.addWidget(splitter, 1)
        self.load(TemplateKind.AGREEMENT)

    def _tree_panel(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree, 1)
        row = QHBoxLayout()
        row.setSpacing(4)
        slots = (
            self.tree.add_clause,
            self.tree.add_section,
            self.tree.remove_current,
            lambda: self.tree.move_current(-1),
            lambda: self.tree.move_current(1),
        )
        self.tree_buttons: dict[str, QPushButton] = {}
        for (keys, text), slot in zip(TREE_KEYS, slots, strict=True):
            button = QPushButton(text)
            button.setToolTip(f"{text}（{keys.replace('Up', '↑').replace('Down', '↓')}）")
            button.setAutoDefault(False)
            button.clicked.connect(lambda _=False, s=slot: self._structure(s))
            row.addWidget(button)
            self.tree_buttons[text] = button
            shortcut = QShortcut(QKeySequence(keys), self.tree)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.activated.connect(lambda s=slot: self._structure(s))
        layout.addLayout(row)
        self.tree.currentItemChanged.connect(lambda *_: self._update_tree_buttons())
        return panel

    def entry_widget(self) -> QWidget | None:
        return self.tree

    # -- loading --------------------------------------------------------------------------------

    def current_document(self) -> tuple[TemplateKind, TemplateDoc]:
        return self.kind, self.tree.document(self.note_edit.text().strip())

    def load(self, kind: TemplateKind, doc: TemplateDoc | None = None) -> None:
        """Edit ``kind`` from its current version (or ``doc``, an older one as the base)."""
        self.kind = kind
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))
        version, current = current_template(self.ctx.db, kind)
        base = doc or current
        self.tree.load(kind, base)
        self._loaded = dump_template(self.tree.document())
        self.placeholders.set_kind(kind)
        self.note_edit.clear()
        self._fill_versions(version)
        self._say(f"当前为第 {version} 版；修改后“保存为新版本”，已打印的文书不受影响。")
        self.preview.render_now()
        self._update_tree_buttons()

    def _fill_versions(self, current: int) -> None:
        self.version_combo.clear()
        for v in template_versions(self.ctx.db, self.kind):
            who = f"，{v.created_by}" if v.created_by else ""
            when = f" {v.created_at_text}" if v.created_at_text else ""
            mark = "（当前）" if v.version == current else ""
            self.version_combo.addItem(f"第 {v.version} 版{mark}{when}{who} {v.note}", v.version)

    def refresh(self) -> None:
        """Brought to the front: reload unless the administrator is editing."""
        if not self.is_dirty():
            self.load(self.kind)

    def is_dirty(self) -> bool:
        return dump_template(self.tree.document()) != self._loaded

    def _kind_chosen(self) -> None:
        kind = TemplateKind(self.kind_combo.currentData())
        if kind == self.kind:
            return
        if self.is_dirty():
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(self.kind))
            confirm_discard(self, lambda: self.load(kind), what=f"{self.kind.label}模板的修改")
            return
        self.load(kind)

    def _version_chosen(self) -> None:
        number = int(self.version_combo.currentData())
        doc = template_version(self.ctx.db, self.kind, number)
        self.tree.load(self.kind, doc)
        self._say(f"以第 {number} 版为底稿；保存后成为新的版本。")
        self._edited()

    # -- editing --------------------------------------------------------------------------------

    def _structure(self, action: object) -> None:
        if callable(action) and action():
            self._edited()
        self._update_tree_buttons()

    def _edited(self) -> None:
        self.preview.schedule()

    def _update_tree_buttons(self) -> None:
        current = self.tree.currentItem()
        card = self.kind is TemplateKind.CONTACT_CARD
        self.tree_buttons["添加一条"].setEnabled(current is not None and not card)
        self.tree_buttons["添加一节"].setEnabled(not card)
        self.tree_buttons["删除"].setEnabled(
            current is not None and not self.tree.is_fixed(current)
        )

    def _say(self, text: str, role: str = "hint") -> None:
        self.status.setText(text)
        set_role(self.status, role)

    # -- saving ---------------------------------------------------------------------------------

    def save(self) -> int | None:
        """Check and store the template as its next version; the reasons when refused."""
        kind, doc = self.current_document()
        try:
            number = save_template(self.ctx.db, kind, doc, actor=self.ctx.actor, note=doc.note)
        except ValidationErrors as errors:
            self.preview.show_problems(problems_of(errors))
            self._say(f"未保存：模板有 {len(errors.errors)} 处问题，见预览下方。", "fieldError")
            return None
        except DjdeskError as exc:
            self._say(f"未保存：{exc.message}", "fieldError")
            show_error(exc, self, title="未保存")
            return None
        log.info("template %s saved as version %d", kind.value, number)
        self.ctx.notify("agreement_template")
        self.load(kind)
        self._say(
            f"已保存为第 {number} 版。以后新打印的{kind.label}使用这一版；已打印的仍按原来的版本。",
            "success",
        )
        return number
