"""The date field: what clerks type is read exactly, never changed into another date; the
reasons are said at the field; Tab leaves an empty field; Alt+↓ and F4 open the calendar."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from djdesk.ui.common.date_field import DateField
from djdesk.ui.common.date_text import DateTextError, TypedDate, parse_typed_date
from djdesk.ui.common.field_grid import FieldGrid

days = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def typed_forms(day: date) -> list[str]:
    """Every way a clerk may write ``day``."""
    y, m, d = day.year, day.month, day.day
    return [
        f"{y}{m:02d}{d:02d}",
        f"{y}-{m}-{d}",
        f"{y}-{m:02d}-{d:02d}",
        f"{y}.{m}.{d}",
        f"{y}/{m}/{d}",
        f"{y} {m} {d}",
        f"{y}年{m}月{d}日",
        f"{y}年{m:02d}月{d:02d}日",
        f"{y}年{m}月{d}号",
        f" {y} - {m} - {d} ",
        f"{y}{m:02d}{d:02d}".translate(FULL_WIDTH),
        f"{y}年{m}月{d}日".translate(FULL_WIDTH),
    ]


def month_forms(day: date) -> list[str]:
    y, m = day.year, day.month
    return [f"{y}{m:02d}", f"{y}-{m}", f"{y}.{m}", f"{y}/{m}", f"{y}年{m}月", f"{y}年{m}"]


@given(days, st.data())
def test_every_accepted_form_reads_as_the_typed_date(day: date, data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(typed_forms(day)))
    assert parse_typed_date(text) == TypedDate(day)


@given(days, st.data())
def test_month_forms_read_as_the_typed_month(day: date, data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(month_forms(day)))
    typed = parse_typed_date(text, month_only=True)
    assert typed == TypedDate(day.replace(day=1), month_only=True)
    assert typed.text == f"{day:%Y-%m}"


@given(st.text(alphabet=st.sampled_from("0123456789-./ 年月日号"), max_size=14))
def test_any_text_is_read_as_typed_or_refused(text: str) -> None:
    """Never another date: the numbers read are the numbers typed, or there is a reason."""
    try:
        typed = parse_typed_date(text)
    except DateTextError as exc:
        reason = exc.reason
        assert reason, text
        return
    if typed is None:
        assert not text.strip()
        return
    runs = re.findall(r"\d+", text)
    if len(runs) == 1:  # 20100315
        runs = [runs[0][:4], runs[0][4:6], runs[0][6:]]
    value = typed.value
    assert [int(r) for r in runs] == [value.year, value.month, value.day]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("20100230", "2010 年 2 月没有 30 日"),
        ("2010-13-01", "没有 13 月"),
        ("1850-01-01", "年份 1850 不对"),
        ("10-3-15", "4 位"),
        ("2010-3", "请写到日"),
        ("三月十五", "看不懂"),
        ("2010315", "看不懂"),
    ],
)
def test_impossible_or_unreadable_dates_say_why(text: str, reason: str) -> None:
    with pytest.raises(DateTextError) as caught:
        parse_typed_date(text)
    assert reason in caught.value.reason


def test_a_full_date_where_a_month_is_wanted_is_refused() -> None:
    with pytest.raises(DateTextError, match="只填年月"):
        parse_typed_date("2010-03-15", month_only=True)


# -- the widget ---------------------------------------------------------------------------------


class Form(QDialog):
    """入党时间 (not in the future, not before 出生日期) in a field grid, then a name field."""

    def __init__(self) -> None:
        super().__init__()
        self.birth = date(1990, 5, 1)
        self.field = DateField(
            not_future=True,
            checks=[lambda d: "早于出生日期" if d < self.birth else None],
        )
        self.field.setObjectName("field_joined")
        self.after = QLineEdit()
        self.grid = FieldGrid(columns=1)
        self.grid.add_row("joined", "入党时间", self.field)
        self.grid.add_row("after", "下一项", self.after)
        layout = QVBoxLayout(self)
        layout.addLayout(self.grid)


@pytest.fixture
def form(qtbot: QtBot) -> Form:
    dialog = Form()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.field.setFocus()
    return dialog


def type_into(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """ASCII by key presses; 年月日 arrive from the input method as a commit."""
    for chunk in re.split(r"([^\x00-\x7f]+)", text):
        if not chunk:
            continue
        if chunk.isascii():
            qtbot.keyClicks(widget, chunk)
        else:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(widget, event)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(day=st.dates(min_value=date(1990, 5, 1), max_value=date.today()), data=st.data())
def test_a_typed_date_is_never_changed_silently(
    qtbot: QtBot, form: Form, day: date, data: st.DataObject
) -> None:
    text = data.draw(st.sampled_from(typed_forms(day)))
    field = form.field
    field.clear()
    field.setFocus()
    type_into(qtbot, field, text)
    assert form.grid.note_text("joined").startswith(f"{day.year}年{day.month}月{day.day}日 周")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert form.after.hasFocus()
    assert field.value() == day and field.text() == f"{day:%Y-%m-%d}"
    assert form.grid.error_text("joined") == ""


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(alphabet=st.sampled_from("0123456789-./ "), min_size=1, max_size=12))
def test_text_that_is_no_acceptable_date_stays_as_typed(
    qtbot: QtBot, form: Form, text: str
) -> None:
    field = form.field
    field.clear()
    field.setFocus()
    qtbot.keyClicks(field, text)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    problem = field.problem()
    if problem is None:
        typed = parse_typed_date(text)
        assert typed is None or field.text() == typed.text
    else:
        assert field.text() == text and form.grid.error_text("joined") == problem


def test_the_reasons_are_said_at_the_field(qtbot: QtBot, form: Form) -> None:
    field = form.field
    tomorrow = date.today() + timedelta(days=1)
    qtbot.keyClicks(field, f"{tomorrow:%Y%m%d}")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert form.grid.error_text("joined") == "不能晚于今天"
    assert field.text() == f"{tomorrow:%Y%m%d}"  # left as typed, marked
    assert field.property("invalid") is True
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "1980.1.1")
    assert form.grid.error_text("joined") == ""  # typing clears the old reason
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert form.grid.error_text("joined") == "早于出生日期"


def test_tab_leaves_an_empty_field(qtbot: QtBot, form: Form) -> None:
    qtbot.keyClick(form.field, Qt.Key.Key_Tab)
    assert form.after.hasFocus() and form.field.value() is None
    assert form.grid.error_text("joined") == ""


@pytest.mark.parametrize(
    "keys",
    [
        (Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.NoModifier),
    ],
)
def test_alt_down_or_f4_opens_the_calendar(
    qtbot: QtBot, form: Form, keys: tuple[Qt.Key, Qt.KeyboardModifier]
) -> None:
    field = form.field
    qtbot.keyClicks(field, "2010-3-15")
    qtbot.keyClick(field, keys[0], keys[1])
    popup = field.popup
    assert popup is not None and popup.isVisible()
    assert popup.calendar.selectedDate().toString("yyyy-MM-dd") == "2010-03-15"
    assert field.text() == "2010-3-15"  # opening the calendar changes nothing
    qtbot.keyClick(popup.calendar.focusWidget() or popup.calendar, Qt.Key.Key_Right)
    qtbot.keyClick(popup.calendar.focusWidget() or popup.calendar, Qt.Key.Key_Return)
    assert not popup.isVisible()
    assert field.value() == date(2010, 3, 16) and field.hasFocus()


def test_escape_closes_the_calendar_only(qtbot: QtBot, form: Form) -> None:
    field = form.field
    qtbot.keyClick(field, Qt.Key.Key_F4)
    popup = field.popup
    assert popup is not None and popup.isVisible()
    qtbot.keyClick(popup.calendar.focusWidget() or popup.calendar, Qt.Key.Key_Escape)
    assert not popup.isVisible() and form.isVisible() and field.text() == ""


def test_month_only_fields(qtbot: QtBot) -> None:
    field = DateField(month_only=True)
    qtbot.addWidget(field)
    field.setText("2010年3月")
    assert field.value() == date(2010, 3, 1) and field.problem() is None
    field.setText("2010-03-15")
    assert field.value() is None and "只填年月" in (field.problem() or "")
