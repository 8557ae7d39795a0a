"""The agreement and responsibility-book form: saved when right, refused at the field when not
(a 乙方 lacking its Party details — completed from the form —, a term ending before it starts,
an empty task table), read-only once printed."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from djdesk.services.agreements.records import get_agreement, list_agreements
from djdesk.services.agreements.types import AgreementInfo, AgreementKind, AgreementStatus
from djdesk.services.checkin.units import UnitInfo
from djdesk.services.documents import Destination
from djdesk.ui.agreements.agreement_dialog import AgreementDialog
from djdesk.ui.agreements.task_table import COL_DEADLINE, COL_TARGET, COL_TASK
from djdesk.ui.checkin.unit_dialog import UnitDialog
from djdesk.ui.common.context import UiContext
from tests.services.agreements.conftest import TASKS


def open_dialog(
    qtbot: QtBot,
    ctx: UiContext,
    kind: AgreementKind = AgreementKind.AGREEMENT,
    agreement: AgreementInfo | None = None,
) -> AgreementDialog:
    dialog = AgreementDialog(ctx, kind, agreement)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def fill_first_party(dialog: AgreementDialog) -> None:
    dialog.form.edits["first_leader"].setText("王书记")
    dialog.form.edits["first_liaison"].setText("李联络")


def test_a_new_agreement_is_saved_as_a_draft(qtbot: QtBot, ctx: UiContext, unit: UnitInfo) -> None:
    dialog = open_dialog(qtbot, ctx)
    form = dialog.form
    assert not form.grid.is_row_visible("tasks") and form.grid.is_row_visible("content_items")
    assert form.unit_picker.choose(unit.id)
    assert "中共宜宾市翠屏区人民医院委员会" in form.unit_picker.details.text()
    assert form.error_text("unit_id") == ""  # a complete unit: nothing to say
    fill_first_party(dialog)
    form.content_chips.set_selected(["组织共建", "治理共商"])
    form.starts_edit.set_value(date(2026, 1, 1))
    form.term_buttons[1].click()  # 两年
    assert form.ends_edit.value() == date(2027, 12, 31)
    dialog.accept()
    assert dialog.saved is not None and not dialog.isVisible()
    saved = get_agreement(ctx.db, dialog.saved.id)
    assert saved.status == AgreementStatus.DRAFT and not saved.issued
    assert saved.content_items == ("组织共建", "治理共商") and saved.unit_id == unit.id
    assert (saved.starts_on, saved.ends_on) == (date(2026, 1, 1), date(2027, 12, 31))


def test_a_unit_lacking_party_details_is_refused_at_the_field_and_completed(
    qtbot: QtBot, ctx: UiContext, bare_unit: UnitInfo
) -> None:
    dialog = open_dialog(qtbot, ctx)
    form = dialog.form
    form.unit_picker.choose(bare_unit.id)
    # said at once, before saving
    error = form.error_text("unit_id")
    assert "缺少党组织全称、党组织书记（负责人）、联络员" in error
    assert form.grid.action_button("unit_id").isVisible()
    fill_first_party(dialog)
    dialog.accept()
    assert dialog.isVisible() and dialog.saved is None
    assert list_agreements(ctx.db) == []
    # 补全单位资料: the unit form opens; once saved, the agreement sees the completed unit
    form.grid.action_button("unit_id").click()
    unit_dialog = dialog.unit_dialog
    assert isinstance(unit_dialog, UnitDialog) and unit_dialog.isVisible()
    edits: dict[str, QLineEdit] = unit_dialog.form.line_edits
    edits["party_org"].setText("中共某某公司支部委员会")
    edits["secretary"].setText("陈书记")
    edits["liaison_name"].setText("赵联络")
    unit_dialog.accept()
    assert form.error_text("unit_id") == ""
    assert "中共某某公司支部委员会" in form.unit_picker.details.text()
    dialog.accept()
    assert dialog.saved is not None and dialog.saved.unit_party_org == "中共某某公司支部委员会"


def test_a_term_ending_before_it_starts_is_refused_at_the_field(
    qtbot: QtBot, ctx: UiContext, unit: UnitInfo
) -> None:
    dialog = open_dialog(qtbot, ctx)
    form = dialog.form
    form.unit_picker.choose(unit.id)
    fill_first_party(dialog)
    form.starts_edit.set_value(date(2026, 1, 1))
    form.ends_edit.setFocus()
    form.ends_edit.setText("2025.12.31")
    form.ends_edit.editingFinished.emit()  # leaving the field checks it
    assert "期限结束在开始之前" in form.error_text("ends_on")
    dialog.accept()
    assert dialog.isVisible() and list_agreements(ctx.db) == []
    assert "期限结束在开始之前" in form.error_text("ends_on")
    form.ends_edit.setText("2031.12.31")
    dialog.accept()
    assert "期限不能超过 5 年" in form.error_text("ends_on")
    form.ends_edit.setText("2028.12.31")
    dialog.accept()
    assert dialog.saved is not None


def test_required_fields_and_an_empty_checklist_are_refused(
    qtbot: QtBot, ctx: UiContext, unit: UnitInfo
) -> None:
    dialog = open_dialog(qtbot, ctx)
    form = dialog.form
    form.content_chips.set_selected([])
    dialog.accept()
    assert form.error_text("unit_id") == "不能为空"
    assert form.error_text("first_leader") == "不能为空"
    assert form.error_text("content_items") == "至少选择一项共建内容"
    form.unit_picker.combo.setEditText("不在登记中的单位")
    dialog.accept()
    assert form.error_text("unit_id") == "请从驻区单位中选择乙方单位"
    assert dialog.isVisible() and list_agreements(ctx.db) == []


def test_a_responsibility_book_needs_its_tasks(
    qtbot: QtBot, ctx: UiContext, unit: UnitInfo
) -> None:
    dialog = open_dialog(qtbot, ctx, AgreementKind.RESPONSIBILITY)
    form = dialog.form
    assert form.grid.is_row_visible("tasks") and not form.grid.is_row_visible("content_items")
    assert form.ends_edit.value() == date(date.today().year, 12, 31)  # one year
    form.unit_picker.choose(unit.id)
    fill_first_party(dialog)
    form.goal_edit.setPlainText("围绕组织共建和服务群众完成年度目标任务。")
    dialog.accept()
    assert "至少要有一项目标任务" in form.error_text("tasks")
    # a row added but left empty: the service names the row
    model = form.task_editor.model
    model.add_row()
    dialog.accept()
    assert "第 1 项的具体任务不能为空" in form.error_text("tasks")
    for column, text in (
        (COL_TASK, "参加联席会议"),
        (COL_TARGET, "全年4次"),
        (COL_DEADLINE, "每季度"),
    ):
        model.setData(model.index(0, column), text)
    dialog.accept()
    assert dialog.saved is not None and dialog.saved.tasks[0].task == "参加联席会议"
    assert dialog.saved.kind is AgreementKind.RESPONSIBILITY


def test_a_printed_agreement_is_shown_read_only(
    qtbot: QtBot, ctx: UiContext, draft: AgreementInfo
) -> None:
    from djdesk.services.agreements.printing import print_agreement

    out = ctx.paths.output_dir / "a.pdf"
    print_agreement(ctx.db, draft.id, Destination.file(out), actor=ctx.actor)
    issued = get_agreement(ctx.db, draft.id)
    dialog = open_dialog(qtbot, ctx, agreement=issued)
    assert dialog.windowTitle() == "查看共驻共建协议书"
    assert issued.serial in dialog.intro.text() and "第 1 版模板" in dialog.intro.text()
    assert not dialog.save_button.isVisible() and dialog.cancel_button.text() == "关闭"
    assert dialog.form.edits["first_leader"].isReadOnly()
    assert not dialog.form.unit_picker.combo.isEnabled()
    dialog.reject()
    assert not dialog.isVisible()  # nothing typed: closes without asking


def test_editing_a_draft_keeps_its_tasks(qtbot: QtBot, ctx: UiContext, unit: UnitInfo) -> None:
    from djdesk.services.agreements.records import create_agreement
    from tests.services.agreements.conftest import responsibility_input

    book = create_agreement(ctx.db, responsibility_input(unit.id), actor=ctx.actor)
    dialog = open_dialog(qtbot, ctx, agreement=book)
    assert dialog.windowTitle() == "编辑区域化党建目标责任书"
    assert dialog.form.task_editor.tasks() == TASKS
    dialog.form.task_editor.view.setCurrentIndex(dialog.form.task_editor.model.index(2, 0))
    dialog.form.task_editor.move_row(-1)
    dialog.accept()
    assert dialog.saved is not None
    assert [t.task for t in dialog.saved.tasks] == [TASKS[0].task, TASKS[2].task, TASKS[1].task]
