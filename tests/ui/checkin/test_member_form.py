"""The member form and its parts: live ID pre-fill, errors under fields, round trip, the
optional date edit, chips, the search box's pause and keys, and pre-filling from a query."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QListView, QWidget
from pytestqt.qtbot import QtBot

from djdesk.errors import ValidationError
from djdesk.services.checkin.member_rules import MemberInput
from djdesk.services.checkin.members import MemberHit
from djdesk.services.checkin.units import UnitInfo
from djdesk.ui.checkin.checkin_dialog import prefill_from_query
from djdesk.ui.checkin.member_form import NO_GENDER, MemberForm
from djdesk.ui.checkin.search_model import SearchResultsModel
from djdesk.ui.common.editors import ChipGroup
from djdesk.ui.common.search_box import SearchBox

ZENG_ID = "34052419800101001X"
UNITS = [
    UnitInfo(name="宜宾市翠屏区教育和体育局", party_org="中共翠屏区教体局机关委员会", id=7),
    UnitInfo(name="宜宾学院", id=9),
]


def ime_commit(widget: QWidget, text: str) -> None:
    """Type ``text`` the way an input method delivers Chinese: one commit event."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@pytest.fixture
def form(qtbot: QtBot) -> MemberForm:
    widget = MemberForm(UNITS)
    for box in widget.sections.values():
        box.setParent(widget)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_valid_id_number_fills_gender_and_birth_date(form: MemberForm) -> None:
    assert form.gender_combo.currentText() == NO_GENDER
    form.edits["id_number"].setText("34052419800101001x")
    assert form.gender_combo.currentText() == "男"
    assert form.birth_edit.value() == date(1980, 1, 1)
    assert "男" in form.id_status.text() and "1980-01-01" in form.id_status.text()
    assert form.error_text("id_number") == ""


def test_bad_id_number_is_flagged_as_soon_as_complete(form: MemberForm) -> None:
    form.edits["id_number"].setText("34052419800101001")
    assert form.error_text("id_number") == ""
    form.edits["id_number"].setText("340524198001010013")
    assert "校验位" in form.error_text("id_number")
    assert form.edits["id_number"].property("invalid") is True
    assert form.id_status.text() == ""
    form.edits["id_number"].setText(ZENG_ID)
    assert form.error_text("id_number") == ""
    assert form.edits["id_number"].property("invalid") is False


def test_chinese_arrives_through_input_method_commit(form: MemberForm) -> None:
    form.edits["name"].setFocus()
    ime_commit(form.edits["name"], "曾国藩")
    assert form.value().name == "曾国藩"


def test_value_round_trip(form: MemberForm) -> None:
    data = MemberInput(
        name="曾国藩",
        id_number=ZENG_ID,
        gender="男",
        ethnicity="彝族",
        birth_date=date(1980, 1, 1),
        political_status="预备党员",
        joined_party_on=date(2005, 7, 1),
        mobile="13812345678",
        landline="0831-8221234",
        unit_id=7,
        branch="第一支部",
        post_title="科员",
        estate="东风小区",
        building="3",
        entrance="2",
        room="501",
        specialties=("法律", "宣讲", "无人机"),
        available_times=("周末",),
        remarks="老党员",
    )
    form.set_value(data)
    assert form.value() == data
    assert form.specialty_chips.selected() == ("法律", "宣讲")
    assert form.other_specialties.text() == "无人机"
    assert form.edits["branch"].placeholderText() == "中共翠屏区教体局机关委员会"


def test_errors_go_under_their_fields_and_clear_on_edit(form: MemberForm) -> None:
    rest = form.show_errors(
        [
            ValidationError("name", "不能为空", label="姓名"),
            ValidationError("room", "太长", label="室"),
            ValidationError("unit_id", "所选单位未登记或已撤销", label="工作单位"),
            ValidationError("nowhere", "别的问题"),
        ]
    )
    assert [e.field for e in rest] == ["nowhere"]
    assert form.error_text("name") == "不能为空"
    assert form.error_text("estate") == "太长"  # 小区/楼栋/单元/室 share one line
    assert "未登记" in form.error_text("unit_id")
    assert form.first_invalid() is form.edits["name"]
    form.edits["name"].setText("曾")
    assert form.error_text("name") == ""
    assert form.error_text("unit_id") != ""


def test_unit_must_be_one_of_the_registered(form: MemberForm) -> None:
    def unit_errors() -> list[str]:
        return [e.reason for e in form.local_errors() if e.field == "unit_id"]

    form.unit_combo.setEditText("宜宾学院")
    assert form.unit_id() == 9 and unit_errors() == []
    form.unit_combo.setEditText("不存在的单位")
    assert form.unit_id() is None
    assert len(unit_errors()) == 1 and "登记新单位" in unit_errors()[0]
    form.unit_combo.setEditText("")
    assert unit_errors() == []  # a correction may leave the unit empty
    form.set_units([*UNITS, UnitInfo(name="新单位", id=11)], select=11)
    assert form.unit_id() == 11


def test_joined_party_lies_between_the_18th_birthday_and_today(
    qtbot: QtBot, form: MemberForm
) -> None:
    form.edits["id_number"].setText(ZENG_ID)  # born 1980-01-01
    joined = form.joined_edit
    cases = {
        "19790101": "早于出生日期（1980-01-01）",
        "1997.12.31": "入党时未满 18 周岁（出生日期 1980-01-01）",
        "2031-1-28": "不能晚于今天",
        "2010年7月1日": "",
    }
    for typed, reason in cases.items():
        joined.setFocus()
        joined.selectAll()
        joined.setText(typed)
        joined.editingFinished.emit()
        assert form.error_text("joined_party_on").startswith(reason or "∅") or (
            not reason and form.error_text("joined_party_on") == ""
        ), typed
    assert joined.text() == "2010-07-01" and form.value().joined_party_on == date(2010, 7, 1)
    assert "joined_party_on" not in [e.field for e in form.local_errors()]
    joined.setText("2031-1-28")
    assert [e.reason for e in form.local_errors() if e.field == "joined_party_on"] == [
        "不能晚于今天"
    ]


def test_required_fields_are_marked_and_checked_before_saving(qtbot: QtBot) -> None:
    form = MemberForm(UNITS, unit_required=True)
    qtbot.addWidget(form)
    captions = {g.editor(n).objectName(): n for g in form.grids for n in g.names()}
    required = {n for g in form.grids for n in g.names() if g.is_required(n)}
    assert required == {"name", "id_number", "mobile", "unit_id"}
    assert captions
    missing = {e.field for e in form.local_errors()}
    assert missing == {"name", "id_number", "mobile", "unit_id"}
    form.edits["landline"].setText("0831-8221234")  # a landline does instead of a mobile
    assert "mobile" not in {e.field for e in form.local_errors()}


def test_a_unit_is_registered_inline(qtbot: QtBot) -> None:
    saved: list[str] = []

    def save(data: object) -> UnitInfo:
        saved.append(getattr(data, "name", ""))
        return UnitInfo(name=getattr(data, "name", ""), category=2, id=42)

    form = MemberForm(UNITS, save_unit=save, unit_required=True)
    for box in form.sections.values():
        box.setParent(form)
    qtbot.addWidget(form)
    form.show()
    form.unit_combo.setEditText("宜宾新创科技有限公司")
    assert [e.field for e in form.local_errors() if e.field == "unit_id"] == ["unit_id"]
    qtbot.keyClick(form.new_unit_button, Qt.Key.Key_Space)
    panel = form.quick_unit
    assert panel.isVisible() and panel.name_edit.text() == "宜宾新创科技有限公司"
    assert form.focusWidget() is panel.category_combo
    panel.register_button.click()  # no category yet: asked for at the panel
    assert "党组织类别" in panel.error.text() and saved == []
    panel.category_combo.setCurrentIndex(2)
    panel.register_button.click()
    assert saved == ["宜宾新创科技有限公司"] and not panel.isVisible()
    assert form.unit_id() == 42 and form.focusWidget() is form.edits["branch"]


def test_chips_toggle_with_space_not_enter(qtbot: QtBot) -> None:
    chips = ChipGroup()
    qtbot.addWidget(chips)
    chips.set_options(["政策宣传"])
    chip = chips.chips["政策宣传"]
    qtbot.keyClick(chip, Qt.Key.Key_Space)
    assert chips.selected() == ("政策宣传",)
    qtbot.keyClick(chip, Qt.Key.Key_Return)
    assert chips.selected() == ("政策宣传",)


def test_chip_group_keeps_values_no_longer_offered(qtbot: QtBot) -> None:
    chips = ChipGroup()
    qtbot.addWidget(chips)
    chips.set_options(["政策宣传", "环境整治"])
    chips.set_selected(["环境整治", "已停用岗位"])
    assert chips.selected() == ("环境整治", "已停用岗位")
    qtbot.mouseClick(chips.chips["政策宣传"], Qt.MouseButton.LeftButton)
    assert chips.selected() == ("政策宣传", "环境整治", "已停用岗位")
    chips.set_options(["政策宣传"])
    assert chips.selected() == ("政策宣传", "环境整治", "已停用岗位")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("李雷", MemberInput(name="李雷")),
        (" 李 雷 ", MemberInput(name="李雷")),
        ("34052419800101001x", MemberInput(id_number=ZENG_ID)),
        ("13812345678", MemberInput(mobile="13812345678")),
        ("1381234", MemberInput()),
        ("ll", MemberInput()),
        ("李2", MemberInput()),
    ],
)
def test_prefill_from_query(typed: str, expected: MemberInput) -> None:
    assert prefill_from_query(typed) == expected


def test_search_box_waits_for_the_pause_and_handles_keys(qtbot: QtBot) -> None:
    box = SearchBox(delay_ms=30)
    view = QListView()
    model = SearchResultsModel(
        [
            MemberHit(i, f"党员{i}", "男", "单位", "138****0000", "511***0000", "在册", None)
            for i in range(3)
        ]
    )
    view.setModel(model)
    box.set_results_view(view)
    qtbot.addWidget(box)
    qtbot.addWidget(view)
    box.show()
    with qtbot.waitSignal(box.search_requested, timeout=2000) as blocker:
        qtbot.keyClicks(box, "zw")
        assert box.is_pending()
    assert blocker.args == ["zw"]
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert view.currentIndex().row() == 0
    qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.keyClick(box, Qt.Key.Key_PageDown)
    assert view.currentIndex().row() == 2
    qtbot.keyClick(box, Qt.Key.Key_Up)
    assert view.currentIndex().row() == 1
    with qtbot.waitSignal(box.activated, timeout=1000):
        qtbot.keyClick(box, Qt.Key.Key_Return)
    with qtbot.waitSignal(box.search_requested, timeout=1000) as blocker:
        qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == "" and blocker.args == [""]
    ime_commit(box, "张伟")
    assert box.text() == "张伟" and box.is_pending()
