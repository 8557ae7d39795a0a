"""驻区单位 page: the units model, 登记/编辑 with the credit code checked at the field, 撤销/恢复,
the register export, and what a 查看 user may do."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from djdesk.actor import Actor, Role
from djdesk.services.checkin.units import UnitInfo, UnitInput, list_units, save_unit
from djdesk.ui.checkin.unit_dialog import UnitDialog
from djdesk.ui.checkin.units_model import UnitsModel, reporting_rate
from djdesk.ui.checkin.units_page import UnitsPage
from djdesk.ui.common.confirm import ConfirmDialog
from djdesk.ui.common.context import UiContext

GOOD_USCC = "91350100M000100Y43"
BAD_USCC = "91350100M000100Y44"


@pytest.fixture
def page(qtbot: QtBot, ctx: UiContext) -> UnitsPage:
    save_unit(
        ctx.db,
        UnitInput(name="宜宾学院", category=5, party_org="中共宜宾学院委员会", declared_members=40),
        actor=ctx.actor,
    )
    widget = UnitsPage(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    return widget


def test_units_model(qtmodeltester: Any) -> None:
    units = [
        UnitInfo(name="甲单位", category=1, declared_members=10, reported_members=4, id=1),
        UnitInfo(name="乙单位", category=9, id=2, status="撤销"),
    ]
    model = UnitsModel(units)
    qtmodeltester.check(model)
    assert model.index(0, 1).data() == "①国有企业"
    assert model.index(0, 6).data() == "40%" and reporting_rate(units[1]) == "—"
    assert model.index(1, 7).data(UnitsModel.StatusRole) == "撤销"
    assert model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert model.unit_id(1) == 2 and model.unit_id(2) is None
    model.set_records([])
    qtmodeltester.check(model)


def test_add_unit_with_bad_credit_code_then_fix(qtbot: QtBot, page: UnitsPage) -> None:
    dialog = page.add_unit()
    form = dialog.form
    assert form.category_combo.count() == 9 and form.category_combo.itemText(3) == "④党政机关"
    form.line_edits["name"].setText("宜宾市翠屏区税务局")
    form.line_edits["uscc"].setText(BAD_USCC)
    assert "校验位" in form.error_text("uscc")  # checked at the field as soon as complete
    form.category_combo.setCurrentIndex(form.category_combo.findData(4))
    form.members_spin.setValue(88)
    form.reported_edit.set_value(date(2025, 3, 1))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and "校验位" in form.error_text("uscc")
    assert [u.name for u in list_units(page.ctx.db)] == ["宜宾学院"]

    form.line_edits["uscc"].setText(GOOD_USCC.lower())
    assert form.error_text("uscc") == "" and "校验通过" in form.uscc_status.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    saved = page.selected_unit()
    assert saved is not None and saved.name == "宜宾市翠屏区税务局"
    assert saved.uscc == GOOD_USCC and saved.category == 4 and saved.declared_members == 88
    assert saved.reported_on == date(2025, 3, 1)
    assert page.model.rowCount() == 2


def test_edit_unit_and_name_errors(qtbot: QtBot, page: UnitsPage) -> None:
    page.search_edit.setText("学院")
    page.refresh()
    page.view.setCurrentIndex(page.model.index(0, 0))
    dialog = page.edit_selected()
    assert isinstance(dialog, UnitDialog)
    assert dialog.form.value().party_org == "中共宜宾学院委员会"
    dialog.form.line_edits["name"].setText("")
    dialog.form.line_edits["liaison_phone"].setText("123")
    dialog.accept()
    assert dialog.form.error_text("name") == "不能为空"
    assert "格式不正确" in dialog.form.error_text("liaison_phone")
    dialog.form.line_edits["name"].setText("四川轻化工大学宜宾校区")
    dialog.form.line_edits["liaison_phone"].setText("0831-8221234")
    dialog.accept()
    assert not dialog.isVisible()
    page.search_edit.setText("")
    page.refresh()
    assert [u.name for u in page.model.records()] == ["四川轻化工大学宜宾校区"]


def test_revoke_and_restore(qtbot: QtBot, page: UnitsPage) -> None:
    page.view.setCurrentIndex(page.model.index(0, 0))
    assert page.revoke_button.text() == "撤销"
    qtbot.mouseClick(page.revoke_button, Qt.MouseButton.LeftButton)
    confirm = page.dialog
    assert isinstance(confirm, ConfirmDialog) and confirm.action_button.text() == "撤销单位"
    qtbot.keyClick(confirm, Qt.Key.Key_Escape)  # the safe way out changes nothing
    assert [u.status for u in list_units(page.ctx.db)] == ["在册"]
    qtbot.mouseClick(page.revoke_button, Qt.MouseButton.LeftButton)
    assert isinstance(page.dialog, ConfirmDialog)
    qtbot.mouseClick(page.dialog.action_button, Qt.MouseButton.LeftButton)
    assert page.revoked_check.isChecked()
    unit = page.selected_unit()
    assert unit is not None and unit.status == "撤销"
    assert list_units(page.ctx.db) == []
    assert page.revoke_button.text() == "恢复"
    qtbot.mouseClick(page.revoke_button, Qt.MouseButton.LeftButton)
    assert [u.status for u in list_units(page.ctx.db)] == ["在册"]


def test_export_unit_register(page: UnitsPage, tmp_path: Path) -> None:
    out = tmp_path / "登记册.xlsx"
    page.export_register(out)
    assert out.is_file()


def test_viewer_sees_but_cannot_change(qtbot: QtBot, ctx: UiContext, page: UnitsPage) -> None:
    ctx.actor = Actor("viewer", "只读员", Role.VIEWER, 9)
    viewer_page = UnitsPage(ctx)
    qtbot.addWidget(viewer_page)
    viewer_page.view.setCurrentIndex(viewer_page.model.index(0, 0))
    assert not viewer_page.add_button.isEnabled()
    assert not viewer_page.revoke_button.isEnabled()
    assert viewer_page.edit_button.text() == "查看"
    dialog = viewer_page.edit_selected()
    assert dialog is not None and not dialog.save_button.isEnabled()
    dialog.close()
