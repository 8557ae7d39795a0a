"""The form of an agreement or a responsibility book: every :class:`AgreementInput` field.

乙方 is chosen from the unit registry (:mod:`.unit_picker`), the term is typed as two dates (or
filled from the start date with 一年 / 两年 / 三年), 甲方's leader and liaison are typed,
an agreement takes its 共建内容 checklist and the figures its duties print (meetings, projects,
activities, open facilities), a responsibility book its goal and task table
(:mod:`.task_editor`). Bad input is refused at the field as it happens — a unit whose registry
entry lacks what the agreement prints, a term ending before it starts — and the service's
refusals land under the same fields.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, timedelta

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from djdesk.errors import ValidationError, ValidationErrors
from djdesk.services.agreements.rules import FIELD_LABELS, MAX_TERM_YEARS, years_later
from djdesk.services.agreements.types import (
    MEETING_FREQUENCIES,
    AgreementInput,
    AgreementKind,
    ContentItem,
)
from djdesk.ui.agreements.task_editor import TaskEditor
from djdesk.ui.agreements.unit_picker import UnitPicker
from djdesk.ui.common.date_field import DateField
from djdesk.ui.common.editors import ChipGroup
from djdesk.ui.common.field_grid import FieldGrid

AGREEMENT_ONLY = (
    "content_items",
    "meeting_frequency",
    "projects_per_year",
    "activities_per_year",
    "open_facilities",
)
RESPONSIBILITY_ONLY = ("goal", "tasks")
TERM_CHOICES = ((1, "一年"), (2, "两年"), (3, "三年"))


def term_end(start: date, years: int) -> date:
    """The last day of a term of ``years`` whole years from ``start``."""
    return years_later(start, years) - timedelta(days=1)


def term_problem(start: date | None, end: date) -> str | None:
    """Why ``end`` cannot end a term starting on ``start`` (the service's rule, at the field)."""
    if start is None:
        return None
    if end <= start:
        return f"不能早于或等于起始日期 {start:%Y-%m-%d}（期限结束在开始之前）"
    if end > years_later(start, MAX_TERM_YEARS):
        return f"期限不能超过 {MAX_TERM_YEARS} 年"
    return None


def _spin(name: str, low: int, high: int, suffix: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setObjectName(f"field_{name}")
    spin.setRange(low, high)
    spin.setSuffix(suffix)
    return spin


def _text_box(name: str, height: int, hint: str = "") -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setObjectName(f"field_{name}")
    box.setTabChangesFocus(True)
    box.setFixedHeight(height)
    box.setPlaceholderText(hint)
    return box


class AgreementForm(QWidget):
    """The fields of one agreement or responsibility book (the kind is fixed per form)."""

    edited = Signal()

    def __init__(
        self, kind: AgreementKind, *, site_phone: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("agreementForm")
        self.kind = kind
        #: (link text, callback) offered beside a refusal of 乙方单位 (补全单位资料).
        self.unit_action: tuple[str, Callable[[], object]] | None = None
        self.unit_picker = UnitPicker()
        self.starts_edit = DateField()
        self.starts_edit.setObjectName("field_starts_on")
        self.ends_edit = DateField(checks=[lambda d: term_problem(self.starts_edit.value(), d)])
        self.ends_edit.setObjectName("field_ends_on")
        self.edits: dict[str, QLineEdit] = {}
        for name, hint in (
            ("first_leader", "本社区党组织书记"),
            ("first_liaison", "本社区负责联络的同志"),
            ("first_phone", f"留空则印本社区电话 {site_phone}".strip()),
            ("open_facilities", "如：会议室、篮球场"),
        ):
            edit = self.edits[name] = QLineEdit()
            edit.setObjectName(f"field_{name}")
            edit.setPlaceholderText(hint)
            edit.textChanged.connect(lambda _t, n=name: self._on_edited(n))
        self.content_chips = ChipGroup(columns=3)
        self.content_chips.setObjectName("field_content_items")
        self.content_chips.set_options([c.value for c in ContentItem])
        self.content_chips.changed.connect(lambda: self._on_edited("content_items"))
        self.frequency_combo = QComboBox()
        self.frequency_combo.setObjectName("field_meeting_frequency")
        self.frequency_combo.addItems(MEETING_FREQUENCIES)
        self.frequency_combo.currentIndexChanged.connect(
            lambda _i: self._on_edited("meeting_frequency")
        )
        self.projects_spin = _spin("projects_per_year", 0, 50, " 个")
        self.activities_spin = _spin("activities_per_year", 0, 100, " 次")
        self.copies_spin = _spin("copies", 2, 5, " 份")
        for name, spin in (
            ("projects_per_year", self.projects_spin),
            ("activities_per_year", self.activities_spin),
            ("copies", self.copies_spin),
        ):
            spin.valueChanged.connect(lambda _v, n=name: self._on_edited(n))
        self.goal_edit = _text_box(
            "goal", 64, "如：围绕组织共建和服务群众，全年共同完成以下目标任务。"
        )
        self.goal_edit.textChanged.connect(lambda: self._on_edited("goal"))
        self.task_editor = TaskEditor()
        self.task_editor.changed.connect(lambda: self._on_edited("tasks"))
        self.remarks_edit = _text_box("remarks", 56)
        self.remarks_edit.textChanged.connect(lambda: self._on_edited("remarks"))
        self.unit_picker.unit_changed.connect(lambda _id: self.check_unit())
        self.starts_edit.editingFinished.connect(self._recheck_end)
        self.starts_edit.textEdited.connect(lambda _t: self._on_edited("starts_on"))
        self.ends_edit.textEdited.connect(lambda _t: self._on_edited("ends_on"))
        self._build_grid()
        self.set_defaults()

    def _term_cell(self) -> QWidget:
        cell = QWidget()
        row = QHBoxLayout(cell)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        row.addWidget(self.ends_edit, 1)
        # room for the whole date and its calendar button beside the three term buttons
        self.ends_edit.setMinimumWidth(self.fontMetrics().horizontalAdvance("2028-12-31") + 48)
        self.term_buttons: list[QPushButton] = []
        for years, text in TERM_CHOICES:
            button = QPushButton(text)
            button.setObjectName(f"term{years}")
            button.setAutoDefault(False)
            button.setToolTip(f"从起始日期起{text}")
            button.clicked.connect(lambda _=False, y=years: self.fill_term(y))
            row.addWidget(button)
            self.term_buttons.append(button)
        return cell

    def _build_grid(self) -> None:
        grid = self.grid = FieldGrid(columns=2)
        grid.add(
            "unit_id",
            "乙方单位",
            self.unit_picker,
            0,
            0,
            span=2,
            editor=self.unit_picker.combo,
            required=True,
        )
        grid.add("starts_on", "起始日期", self.starts_edit, 1, 0, required=True)
        grid.add(
            "ends_on", "终止日期", self._term_cell(), 1, 1, editor=self.ends_edit, required=True
        )
        grid.add("first_leader", "甲方负责人", self.edits["first_leader"], 2, 0, required=True)
        grid.add("first_liaison", "甲方联络员", self.edits["first_liaison"], 2, 1, required=True)
        grid.add("first_phone", "甲方联系电话", self.edits["first_phone"], 3, 0)
        grid.add("copies", "文本份数", self.copies_spin, 3, 1)
        grid.add("content_items", "共建内容", self.content_chips, 4, 0, span=2, required=True)
        grid.add("meeting_frequency", "联席会议", self.frequency_combo, 5, 0)
        grid.add("projects_per_year", "每年认领项目", self.projects_spin, 5, 1)
        grid.add("activities_per_year", "党员每年活动", self.activities_spin, 6, 0)
        grid.add("open_facilities", "开放设施", self.edits["open_facilities"], 6, 1)
        grid.add("goal", "年度目标", self.goal_edit, 7, 0, span=2, required=True)
        grid.add(
            "tasks",
            "目标任务表",
            self.task_editor,
            8,
            0,
            span=2,
            editor=self.task_editor.view,
            required=True,
        )
        grid.add("remarks", "备注", self.remarks_edit, 9, 0, span=2)
        # Into the form first: a field shown while it has no parent would flash up as a window.
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(grid)
        layout.addStretch(1)  # spare height below the fields, not between them
        responsibility = self.kind is AgreementKind.RESPONSIBILITY
        for name in AGREEMENT_ONLY:
            grid.set_row_visible(name, not responsibility)
        for name in RESPONSIBILITY_ONLY:
            grid.set_row_visible(name, responsibility)

    # -- values ---------------------------------------------------------------------------------

    def set_defaults(self, today: date | None = None) -> None:
        """A new form: this year's 1 January on, three years for an agreement, one for a book."""
        start = date((today or date.today()).year, 1, 1)
        years = 3 if self.kind is AgreementKind.AGREEMENT else 1
        self.starts_edit.set_value(start)
        self.ends_edit.set_value(term_end(start, years))
        self.content_chips.set_selected([c.value for c in ContentItem])
        self.frequency_combo.setCurrentText("每季度")
        self.projects_spin.setValue(2)
        self.activities_spin.setValue(4)
        self.copies_spin.setValue(3 if self.kind is AgreementKind.AGREEMENT else 2)
        self.clear_errors()

    def value(self) -> AgreementInput:
        """What was typed, as the service takes it (it normalises and checks again)."""
        starts = self.starts_edit.value() or date.today()
        return AgreementInput(
            kind=self.kind,
            unit_id=self.unit_picker.unit_id() or 0,
            starts_on=starts,
            ends_on=self.ends_edit.value() or starts,
            first_leader=self.edits["first_leader"].text(),
            first_liaison=self.edits["first_liaison"].text(),
            first_phone=self.edits["first_phone"].text(),
            content_items=self.content_chips.selected(),
            meeting_frequency=self.frequency_combo.currentText(),
            projects_per_year=self.projects_spin.value(),
            activities_per_year=self.activities_spin.value(),
            open_facilities=self.edits["open_facilities"].text(),
            copies=self.copies_spin.value(),
            goal=self.goal_edit.toPlainText() if self.kind is AgreementKind.RESPONSIBILITY else "",
            tasks=self.task_editor.tasks() if self.kind is AgreementKind.RESPONSIBILITY else (),
            remarks=self.remarks_edit.toPlainText(),
        )

    def set_value(self, data: AgreementInput) -> None:
        self.unit_picker.choose(data.unit_id)
        self.starts_edit.set_value(data.starts_on)
        self.ends_edit.set_value(data.ends_on)
        for name, edit in self.edits.items():
            edit.setText(str(getattr(data, name)))
        self.content_chips.set_selected(data.content_items)
        self.frequency_combo.setCurrentText(data.meeting_frequency)
        self.projects_spin.setValue(data.projects_per_year)
        self.activities_spin.setValue(data.activities_per_year)
        self.copies_spin.setValue(data.copies)
        self.goal_edit.setPlainText(data.goal)
        self.task_editor.set_tasks(data.tasks)
        self.remarks_edit.setPlainText(data.remarks)
        self.clear_errors()

    def set_read_only(self, read_only: bool) -> None:
        """Show a printed or signed agreement: everything visible, nothing editable."""
        for widget in (
            self.unit_picker.combo,
            self.starts_edit,
            self.ends_edit,
            self.content_chips,
            self.frequency_combo,
            self.projects_spin,
            self.activities_spin,
            self.copies_spin,
            *self.term_buttons,
        ):
            widget.setEnabled(not read_only)
        for edit in self.edits.values():
            edit.setReadOnly(read_only)
        for box in (self.goal_edit, self.remarks_edit):
            box.setReadOnly(read_only)
        self.task_editor.set_read_only(read_only)

    def fill_term(self, years: int) -> None:
        """终止日期 = ``years`` whole years after 起始日期 (the day before the anniversary)."""
        start = self.starts_edit.value()
        if start is None:
            self.grid.show_error("starts_on", "请先填写起始日期", focus=True)
            return
        self.ends_edit.set_value(term_end(start, years))
        self._recheck_end()

    # -- checks at the fields -------------------------------------------------------------------

    def check_unit(self) -> str:
        """Say under 乙方单位 what the chosen unit lacks (the form may offer to complete it)."""
        self.grid.clear_error("unit_id")
        problem = self.unit_picker.problem() if self.unit_picker.unit() is not None else ""
        if problem:
            self.grid.show_error("unit_id", problem, action=self.unit_action)
        self.edited.emit()
        return problem

    def _recheck_end(self) -> None:
        if self.ends_edit.is_empty():
            return
        self.grid.clear_error("ends_on")
        problem = self.ends_edit.problem()
        if problem:
            self.grid.show_error("ends_on", problem)

    def local_errors(self) -> list[ValidationError]:
        """What can be told without the database: empty required fields, unreadable dates, the
        term's order, the unit's missing details, an empty checklist or task table."""
        errors = self.grid.missing(FIELD_LABELS) + self.grid.date_problems(FIELD_LABELS)
        named = {e.field for e in errors}

        def bad(field: str, reason: str) -> None:
            if field not in named:
                errors.append(ValidationError(field, reason, label=FIELD_LABELS[field]))
                named.add(field)

        if problem := self.unit_picker.problem():
            bad("unit_id", problem)
        if self.kind is AgreementKind.AGREEMENT and not self.content_chips.selected():
            bad("content_items", "至少选择一项共建内容")
        if self.kind is AgreementKind.RESPONSIBILITY and not self.task_editor.tasks():
            bad("tasks", "不能为空，至少要有一项目标任务（按 Insert 添加）")
        return errors

    def show_errors(
        self, errors: ValidationErrors | Iterable[ValidationError]
    ) -> list[ValidationError]:
        """Errors under their fields, the first focused; returns those of no field here."""
        self.grid.clear_errors()
        rest = self.grid.show_errors(errors, focus=True)
        if any(e.field == "unit_id" for e in self._items(errors)):
            unit_error = self.grid.error_text("unit_id")
            action = self.unit_action
            if action is not None and "补全" in unit_error:
                self.grid.clear_error("unit_id")
                self.grid.show_error("unit_id", unit_error, action=action)
        return rest

    @staticmethod
    def _items(errors: ValidationErrors | Iterable[ValidationError]) -> list[ValidationError]:
        return errors.errors if isinstance(errors, ValidationErrors) else list(errors)

    def clear_errors(self) -> None:
        self.grid.clear_errors()

    def error_text(self, name: str) -> str:
        return self.grid.error_text(name)

    def _on_edited(self, name: str) -> None:
        if name != "unit_id":
            self.grid.clear_error(name)
        self.edited.emit()
