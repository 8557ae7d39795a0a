"""文书模板: the structured editor, the placeholder palette, the live (debounced) preview, the
refusals naming section and clause, and saving a new version that leaves old agreements alone."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from djdesk.actor import Role
from djdesk.services.agreements.placeholders import PLACEHOLDERS
from djdesk.services.agreements.printing import print_agreement
from djdesk.services.agreements.records import create_agreement, get_agreement
from djdesk.services.agreements.templates import current_template, template_versions
from djdesk.services.agreements.types import AgreementInfo, TemplateKind
from djdesk.services.checkin.units import UnitInfo
from djdesk.services.documents import Destination
from djdesk.ui.agreements.template_editor_page import TemplateEditorPage
from djdesk.ui.agreements.template_tree import Node
from djdesk.ui.common.confirm import ConfirmDialog
from djdesk.ui.common.context import UiContext
from djdesk.ui.registry import default_pages
from tests.helpers.pdf_text import flat_text
from tests.services.agreements.conftest import agreement_input


@pytest.fixture
def editor(qtbot: QtBot, ctx: UiContext) -> TemplateEditorPage:
    page = TemplateEditorPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    qtbot.waitExposed(page)
    return page


def section(editor: TemplateEditorPage, key: str) -> QTreeWidgetItem:
    return next(s for s in editor.tree.sections() if editor.tree.node_data(s)["key"] == key)


def edit_clause(editor: TemplateEditorPage, key: str, index: int, text: str) -> None:
    clause = editor.tree.nodes_under(section(editor, key))[index]
    editor.tree.setCurrentItem(clause)
    assert editor.node_editor.currentWidget() is editor.node_editor.clause_page
    editor.node_editor.clause_edit.setPlainText(text)


def test_the_template_as_a_tree_with_its_placeholders_and_sample_pages(
    editor: TemplateEditorPage, qtmodeltester: Any
) -> None:
    tree = editor.tree
    labels = [s.text(0) for s in tree.sections()]
    assert labels[:3] == ["（开头语）", "一、共建依据与目的", "二、共建原则"]
    assert len(labels) == 12
    content = tree.nodes_under(section(editor, "content"))
    assert [tree.node_of(c) for c in content].count(Node.ITEM) == 6
    assert content[1].text(0).startswith("☑ 组织共建：")
    assert editor.placeholders.names() == list(PLACEHOLDERS[TemplateKind.AGREEMENT])
    assert editor.preview.page_count() >= 2 and editor.preview.problem_texts() == []
    assert "第 1 版" in editor.status.text() and not editor.is_dirty()
    qtmodeltester.check(tree.model())
    # the read-back document is the stored version, unchanged
    assert (
        tree.document().sections
        == current_template(editor.ctx.db, TemplateKind.AGREEMENT)[1].sections
    )


def test_an_unknown_placeholder_is_refused_naming_section_and_clause(
    qtbot: QtBot, editor: TemplateEditorPage
) -> None:
    edit_clause(editor, "principles", 0, "双方坚持{甲方名}与{乙方名称}共同提高的原则。")
    assert editor.preview.is_pending() and editor.is_dirty()
    qtbot.waitUntil(lambda: not editor.preview.is_pending())
    problems = editor.preview.problem_texts()
    assert len(problems) == 1
    assert problems[0].startswith("第 3 节“共建原则”第 1 条：未知的占位符 {甲方名}")
    assert "预览未更新" in editor.preview.status.text()
    assert editor.save() is None
    assert "未保存" in editor.status.text()
    assert [v.version for v in template_versions(editor.ctx.db, TemplateKind.AGREEMENT)] == [1]


def test_an_empty_required_section_is_refused(editor: TemplateEditorPage) -> None:
    term = section(editor, "term")
    editor.tree.setCurrentItem(term)
    assert editor.tree.is_fixed(term) and not editor.tree_buttons["删除"].isEnabled()
    for clause in editor.tree.nodes_under(term):
        editor.tree.setCurrentItem(clause)
        assert editor.tree.remove_current()
    assert editor.save() is None
    assert editor.preview.problem_texts() == ["第 9 节“协议期限”：这一节是必需的，不能为空"]


def test_the_palette_inserts_at_the_cursor(editor: TemplateEditorPage) -> None:
    edit_clause(editor, "principles", 0, "甲方：")
    cursor = editor.node_editor.clause_edit.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    editor.node_editor.clause_edit.setTextCursor(cursor)
    editor.node_editor.clause_edit.setFocus()
    assert editor.placeholders.select("甲方名称")
    editor.placeholders.insert_current()
    assert editor.node_editor.clause_edit.toPlainText() == "甲方：{甲方名称}"
    principles = section(editor, "principles")
    assert editor.tree.document().section("principles") is not None
    assert editor.tree.nodes_under(principles)[0].text(0) == "甲方：{甲方名称}"
    editor.placeholders.filter_edit.setText("乙方")
    visible = [
        editor.placeholders.list.item(i).text()
        for i in range(editor.placeholders.list.count())
        if not editor.placeholders.list.item(i).isHidden()
    ]
    assert visible and all("乙方" in text for text in visible)


def test_the_preview_waits_for_a_pause(qtbot: QtBot, editor: TemplateEditorPage) -> None:
    before = editor.preview.renders
    for text in ("双", "双方", "双方坚持"):
        edit_clause(editor, "principles", 0, text)
    assert editor.preview.renders == before  # nothing rendered while typing
    qtbot.waitUntil(lambda: editor.preview.renders == before + 1)
    assert not editor.preview.is_pending()


def test_sections_of_ones_own_are_added_moved_and_removed(editor: TemplateEditorPage) -> None:
    tree = editor.tree
    tree.setCurrentItem(section(editor, "term"))
    added = tree.add_section()
    assert added is not None and tree.indexOfTopLevelItem(added) == 9
    assert added.text(0).endswith("［自定义］")
    editor.node_editor.heading_edit.setText("保密约定")
    editor.node_editor.heading_edit.textEdited.emit("保密约定")
    tree.setCurrentItem(tree.nodes_under(added)[0])
    editor.node_editor.clause_edit.setPlainText("双方对共建中知悉的个人信息负有保密义务。")
    tree.setCurrentItem(added)
    assert tree.move_current(-1) and tree.indexOfTopLevelItem(added) == 8
    doc = tree.document()
    custom = doc.sections[8]
    assert (custom.heading, custom.clauses) == (
        "保密约定",
        ("双方对共建中知悉的个人信息负有保密义务。",),
    )
    assert editor.preview.render_now() and editor.preview.problem_texts() == []
    assert "保密约定" in "".join(s.text(0) for s in tree.sections())
    assert tree.remove_current() and len(tree.sections()) == 12


def test_saving_makes_a_new_version_and_old_agreements_keep_theirs(
    ctx: UiContext, editor: TemplateEditorPage, unit: UnitInfo, warnings: list[str]
) -> None:
    old = create_agreement(ctx.db, agreement_input(unit.id), actor=ctx.actor)
    print_agreement(
        ctx.db, old.id, Destination.file(ctx.paths.output_dir / "old.pdf"), actor=ctx.actor
    )
    edit_clause(editor, "principles", 0, "双方坚持{甲方名称}与{乙方名称}平等协商、共同提高的原则。")
    editor.note_edit.setText("修改共建原则")
    assert editor.save() == 2
    assert "已保存为第 2 版" in editor.status.text() and not editor.is_dirty()
    versions = template_versions(ctx.db, TemplateKind.AGREEMENT)
    assert (versions[0].version, versions[0].note) == (2, "修改共建原则")
    assert editor.version_combo.count() == 2 and "（当前）" in editor.version_combo.itemText(0)
    # the agreement printed before keeps version 1 and its words
    kept: AgreementInfo = get_agreement(ctx.db, old.id)
    assert kept.template_version == 1
    reprint = ctx.paths.output_dir / "old-again.pdf"
    print_agreement(ctx.db, old.id, Destination.file(reprint), actor=ctx.actor, reason="存档")
    assert "平等协商" not in flat_text(reprint.read_bytes())
    new = create_agreement(ctx.db, agreement_input(unit.id), actor=ctx.actor)
    print_agreement(
        ctx.db, new.id, Destination.file(ctx.paths.output_dir / "new.pdf"), actor=ctx.actor
    )
    assert get_agreement(ctx.db, new.id).template_version == 2
    assert "平等协商" in flat_text((ctx.paths.output_dir / "new.pdf").read_bytes())
    # saving the same text again is refused with the reason
    assert editor.save() is None
    assert warnings == ["模板与当前第 2 版完全相同，未保存新版本。"]
    assert "未保存" in editor.status.text()
    assert len(template_versions(ctx.db, TemplateKind.AGREEMENT)) == 2


def test_switching_the_kind_asks_before_dropping_changes(editor: TemplateEditorPage) -> None:
    edit_clause(editor, "principles", 0, "改过的文字")
    editor.kind_combo.setCurrentIndex(editor.kind_combo.findData(TemplateKind.CONTACT_CARD))
    editor.kind_combo.activated.emit(editor.kind_combo.currentIndex())
    box = editor.findChild(ConfirmDialog)
    assert box is not None and box.isVisible() and box.safe_button.isDefault()
    assert editor.kind is TemplateKind.AGREEMENT  # still editing the agreement
    box.action_button.click()
    assert editor.kind is TemplateKind.CONTACT_CARD and not editor.is_dirty()
    assert len(editor.tree.sections()) == 8
    assert not editor.tree_buttons["添加一节"].isEnabled()
    assert editor.placeholders.names() == list(PLACEHOLDERS[TemplateKind.CONTACT_CARD])
    assert editor.preview.page_count() == 1


def test_only_administrators_see_the_editor() -> None:
    spec = next(p for p in default_pages() if p.key == "templates")
    assert spec.roles == (Role.ADMIN,)
