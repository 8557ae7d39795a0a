"""The shared form-with-field-errors layout: errors under the fields they name, aliases,
composite cells, hidden rows, focus, and a dialog that grows for the new lines."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from djdesk.errors import ValidationError, ValidationErrors
from djdesk.ui.common.field_grid import FieldGrid


def error(field: str, reason: str) -> ValidationError:
    return ValidationError(field, reason, label=field)


class Form(QDialog):
    """名称 and 电话 in one column, 地址 as 小区 + 楼栋 sharing a row, 代码 with a button."""

    def __init__(self) -> None:
        super().__init__()
        self.name = QLineEdit()
        self.phone = QLineEdit()
        self.estate = QLineEdit()
        self.building = QLineEdit()
        self.code = QLineEdit()
        address = QWidget()
        row = QHBoxLayout(address)
        row.addWidget(self.estate)
        row.addWidget(self.building)
        code_cell = QWidget()
        code_row = QHBoxLayout(code_cell)
        code_row.addWidget(self.code)
        code_row.addWidget(QPushButton("校验"))
        self.grid = FieldGrid(columns=1)
        self.grid.add_row("name", "名称", self.name)
        self.grid.add_row(("phone", "mobile"), "电话", self.phone)
        self.grid.add_row(
            ("estate", "building"),
            "地址",
            address,
            editor={"estate": self.estate, "building": self.building},
        )
        self.grid.add_row("code", "代码", code_cell, editor=self.code)
        layout = QVBoxLayout(self)
        layout.addLayout(self.grid)


@pytest.fixture
def form(qtbot: QtBot) -> Form:
    widget = Form()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_errors_go_under_their_fields_and_the_rest_comes_back(form: Form) -> None:
    rest = form.grid.show_errors(
        ValidationErrors(
            [error("name", "不能为空"), error("mobile", "格式不正确"), error("other", "无处可放")]
        )
    )
    assert [e.field for e in rest] == ["other"]
    assert form.grid.error_text("name") == "不能为空"
    assert form.grid.error_text("phone") == "格式不正确"  # "mobile" is the same field
    assert form.name.property("invalid") is True and form.phone.property("invalid") is True
    assert form.code.property("invalid") is not True


def test_two_reasons_for_one_field_are_joined(form: Form) -> None:
    form.grid.show_errors([error("name", "不能为空")])
    form.grid.show_error("name", "不能超过 20 个字")
    assert form.grid.error_text("name") == "不能为空；不能超过 20 个字"


def test_a_shared_row_marks_only_the_editor_in_error(form: Form) -> None:
    form.grid.show_errors([error("building", "只能填写数字")])
    assert form.building.property("invalid") is True
    assert form.estate.property("invalid") is not True
    assert form.grid.error_text("estate") == "只能填写数字"  # one error line for the row
    form.grid.clear_error("estate")
    assert form.grid.error_text("building") == ""
    assert form.building.property("invalid") is False


def test_composite_cell_marks_and_focuses_its_editor(form: Form) -> None:
    form.activateWindow()
    form.grid.show_errors([error("phone", "格式不正确"), error("code", "校验位不正确")])
    assert form.code.property("invalid") is True
    assert form.grid.focus_first_invalid() is form.phone
    form.grid.clear_error("phone")
    assert form.grid.first_invalid() is form.code


def test_hidden_rows_keep_their_error_out_of_sight(form: Form) -> None:
    form.grid.set_row_visible("name", False)
    assert not form.grid.is_row_visible("name") and not form.name.isVisible()
    form.grid.show_errors([error("name", "不能为空"), error("phone", "格式不正确")])
    assert form.grid.first_invalid() is form.phone  # a hidden field never takes the focus
    label = form.findChild(QWidget, "error_name")
    assert label is not None and not label.isVisible()
    form.grid.set_row_visible("name", True)
    assert label.isVisible() and form.grid.error_text("name") == "不能为空"


def test_clear_errors_resets_every_field(form: Form) -> None:
    form.grid.show_errors([error("name", "不能为空"), error("code", "校验位不正确")])
    form.grid.clear_errors()
    assert all(form.grid.error_text(n) == "" for n in form.grid.names())
    assert form.name.property("invalid") is False and form.code.property("invalid") is False
    assert form.grid.first_invalid() is None


def test_the_dialog_grows_for_the_error_lines(form: Form, qtbot: QtBot) -> None:
    form.resize(260, form.minimumSizeHint().height())
    before = form.height()
    long_reason = "格式不正确，请填写 11 位手机号或带区号的座机，如 0831-1234567，" * 2
    with qtbot.waitSignal(form.grid.errors_shown, timeout=1000):
        form.grid.show_errors([error(n, long_reason) for n in ("name", "phone", "estate")])
    assert form.height() > before
    layout = form.layout()
    assert layout is not None
    assert form.height() >= layout.totalHeightForWidth(form.width())
