"""The site identity form: rows per level, digits-only codes, errors under their fields."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from djdesk.errors import ValidationError, ValidationErrors
from djdesk.services.site.identity import SiteInput
from djdesk.ui.site.site_form import SiteForm
from tests.conftest import SAMPLE_SITE


@pytest.fixture
def form(qtbot: QtBot) -> SiteForm:
    widget = SiteForm()
    qtbot.addWidget(widget)
    widget.show()
    return widget


@pytest.mark.parametrize(
    ("level", "length", "street", "district"),
    [("社区", 12, True, True), ("街道", 9, False, True), ("区", 6, False, False)],
)
def test_level_sets_code_length_and_parent_rows(
    form: SiteForm, level: str, length: int, street: bool, district: bool
) -> None:
    form.level_combo.setCurrentText(level)
    code = form.line_edits["code"]
    assert code.maxLength() == length
    assert f"{length} 位" in code.placeholderText()
    assert form.is_field_visible("street_code") is street
    assert form.is_field_visible("street_name") is street
    assert form.is_field_visible("district_code") is district
    assert form.is_field_visible("district_name") is district
    assert form.line_edits["street_code"].isVisible() is street


def test_codes_accept_digits_only(form: SiteForm) -> None:
    validator = form.line_edits["code"].validator()
    assert validator is not None
    assert validator.validate("51150200", 0)[0].name == "Acceptable"
    assert validator.validate("5115a", 0)[0].name == "Invalid"


def test_value_round_trip(form: SiteForm) -> None:
    form.set_value(SAMPLE_SITE)
    assert form.value() == SAMPLE_SITE


def test_errors_show_under_fields_and_clear_when_edited(form: SiteForm) -> None:
    errors = ValidationErrors(
        [
            ValidationError("code", "不能为空", label="统计用区划代码"),
            ValidationError("phone", "格式不正确", label="联系电话"),
        ]
    )
    form.show_errors(errors)
    assert form.error_text("code") == "不能为空"
    assert form.error_text("phone") == "格式不正确"
    assert form.error_text("name") == ""
    assert form.line_edits["code"].property("invalid") is True
    assert form.line_edits["code"].hasFocus()

    form.line_edits["code"].setText("5")
    assert form.error_text("code") == ""
    assert form.line_edits["code"].property("invalid") is False
    assert form.error_text("phone") == "格式不正确"


def test_complete_code_fills_empty_parent_codes(form: SiteForm) -> None:
    form.line_edits["code"].setText("511502003012")
    assert form.line_edits["street_code"].text() == "511502003"
    assert form.line_edits["district_code"].text() == "511502"
    form.line_edits["street_code"].setText("511502004")
    form.line_edits["code"].setText("511502003013")
    assert form.line_edits["street_code"].text() == "511502004"  # a typed value is kept


def test_prefix_placeholder_follows_short_name(form: SiteForm) -> None:
    form.line_edits["short_name"].setText("东风社区")
    assert "东风社区" in form.line_edits["serial_prefix"].placeholderText()


def test_edited_signal_only_for_user_changes(form: SiteForm, qtbot: QtBot) -> None:
    with qtbot.assertNotEmitted(form.edited):
        form.set_value(SiteInput(level="街道", code="511502003"))
    with qtbot.waitSignal(form.edited, timeout=1000):
        form.line_edits["name"].setText("东城街道")
