"""The one form-with-field-errors layout every form uses: captioned editors, a red line under each.

:class:`FieldGrid` places caption / editor pairs in one or more columns and keeps an error line
under every editor. A service refuses input with :class:`~djdesk.errors.ValidationErrors`; the
form hands them to :meth:`FieldGrid.show_errors`, which puts each reason under the field it
names, marks the editor ``invalid`` (a red border in the house style) and gives back the errors
that name no field here. A field may answer to several names (楼栋/单元/室 share a row; a
service may call 新密码 ``password``), and a composite cell (an editor with a button beside it)
names the editor that carries the red border. Rows can be hidden (fields that do not apply).

Required fields carry a red ``*`` after their caption from the start, so the clerk knows before
saving (:meth:`FieldGrid.missing` lists the empty ones). The line under a field also carries a
grey note when there is no error (a :class:`~djdesk.ui.common.date_field.DateField` says there
what it understood), and an error may offer one action beside it (打开已登记的党员 …).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from djdesk.errors import ValidationError, ValidationErrors
from djdesk.ui.common.date_field import DateField
from djdesk.ui.common.dialogs import grow_to_fit
from djdesk.ui.common.theme import ERROR

#: The mark after a required field's caption.
REQUIRED_MARK = f"<span style='color:{ERROR}'>&nbsp;*</span>"
REQUIRED_ERROR = "不能为空"


def set_invalid(widget: QWidget, invalid: bool) -> None:
    """Flip the ``invalid`` style property and re-polish so the red border follows."""
    if widget.property("invalid") == invalid:
        return
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def set_role(label: QLabel, role: str) -> None:
    """Switch a label's look (``hint`` grey, ``fieldError`` red …) and re-polish it."""
    if label.property("role") == role:
        return
    label.setProperty("role", role)
    label.style().unpolish(label)
    label.style().polish(label)


def is_blank(editor: QWidget) -> bool:
    """Whether an editor holds nothing (a required field left empty)."""
    if isinstance(editor, QLineEdit):
        return not editor.text().strip()
    if isinstance(editor, QComboBox):
        return not editor.currentText().strip()
    if isinstance(editor, QPlainTextEdit):
        return not editor.toPlainText().strip()
    if isinstance(editor, QAbstractSpinBox):
        return not editor.text().strip()
    return False


def link_button(text: str) -> QPushButton:
    """A button drawn as a link (登记新单位…, 打开已登记的党员)."""
    button = QPushButton(text)
    button.setFlat(True)
    button.setProperty("role", "link")
    button.setCursor(Qt.CursorShape.PointingHandCursor)
    return button


def small_label(text: str = "", role: str = "hint", *, smaller: float = 1.0) -> QLabel:
    """A word-wrapped label ``smaller`` points below the body text (hints, field errors)."""
    label = QLabel(text)
    label.setProperty("role", role)
    label.setWordWrap(True)
    font = label.font()
    font.setPointSizeF(max(font.pointSizeF() - smaller, 8.0))
    label.setFont(font)
    return label


@dataclass
class _Field:
    """One row of the grid: it may answer to several names, each with its own editor."""

    caption: QLabel
    cell: QWidget
    error: QLabel
    line: QWidget
    action: QPushButton
    editors: dict[str, QWidget] = field(default_factory=dict)
    title: str = ""
    text: str = ""
    note: str = ""
    visible: bool = True
    required: bool = False
    on_action: Callable[[], object] | None = None

    def show_line(self) -> None:
        """The error if there is one, else the grey note; hidden when neither."""
        shown = self.text or self.note
        self.error.setText(shown)
        set_role(self.error, "fieldError" if self.text else "hint")
        self.action.setVisible(bool(self.text) and self.on_action is not None)
        self.line.setVisible(self.visible and bool(shown))

    def mark(self, name: str | None, invalid: bool) -> None:
        targets = [self.editors[name]] if name is not None else self.editors.values()
        for editor in dict.fromkeys(targets):
            set_invalid(editor, invalid)


class FieldGrid(QGridLayout):
    """Caption/editor pairs in ``columns`` columns, each editor with its error line underneath.

    :meth:`add` places a field at a logical (row, column); :meth:`add_row` appends a field
    across the whole width (single-column forms such as the password dialogs).
    """

    #: Errors were just shown. In a dialog the window grows to fit the new lines (a shown
    #: window does not grow by itself for word-wrapped labels).
    errors_shown = Signal()

    def __init__(self, columns: int = 2) -> None:
        super().__init__()
        self.setHorizontalSpacing(12)
        self.setVerticalSpacing(3)
        self._columns = columns
        for column in range(columns):
            self.setColumnStretch(column * 2 + 1, 1)
        self._fields: dict[str, _Field] = {}
        self._order: list[str] = []
        self._rows = 0
        self.errors_shown.connect(self._grow_dialog)

    # -- building -------------------------------------------------------------------------------

    def add(
        self,
        names: str | Sequence[str],
        caption: str,
        cell: QWidget,
        row: int,
        column: int = 0,
        span: int = 1,
        *,
        editor: QWidget | Mapping[str, QWidget] | None = None,
        required: bool = False,
    ) -> QLabel:
        """Place ``cell`` with ``caption``; returns the error label under it.

        ``names`` are the field names errors may use for it. ``editor`` is the widget inside a
        composite ``cell`` that is focused and marked invalid (default: the cell itself), or
        one such widget per name when the names are separate editors sharing a row.
        ``required`` marks the caption with a red ``*``.
        """
        keys = (names,) if isinstance(names, str) else tuple(names)
        if isinstance(editor, Mapping):
            editors = {key: editor.get(key, cell) for key in keys}
        else:
            editors = dict.fromkeys(keys, editor or cell)
        label = QLabel(caption + REQUIRED_MARK if required else caption)
        label.setProperty("role", "caption")
        if required:
            label.setToolTip("必填项")
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        label.setBuddy(editors[keys[0]])
        # As tall as a one-line editor, so the caption stays level with it (a multi-line editor
        # of fixed height hints a taller size than it will ever take).
        first = editors[keys[0]]
        label.setMinimumHeight(max(30, min(first.sizeHint().height(), first.maximumHeight())))
        error = small_label(role="fieldError", smaller=1.5)
        error.setObjectName(f"error_{keys[0]}")
        action = link_button("")
        action.setObjectName(f"errorAction_{keys[0]}")
        line = QWidget()
        line_row = QHBoxLayout(line)
        line_row.setContentsMargins(0, 0, 0, 0)
        line_row.setSpacing(6)
        line_row.addWidget(error, 1)
        line_row.addWidget(action, 0, Qt.AlignmentFlag.AlignTop)
        line.hide()
        cell.setSizePolicy(QSizePolicy.Policy.Expanding, cell.sizePolicy().verticalPolicy())
        grid_row = row * 2
        self.addWidget(label, grid_row, column * 2, Qt.AlignmentFlag.AlignTop)
        self.addWidget(cell, grid_row, column * 2 + 1, 1, span * 2 - 1)
        self.addWidget(line, grid_row + 1, column * 2 + 1, 1, span * 2 - 1)
        row_field = _Field(
            label, cell, error, line, action, editors, title=caption, required=required
        )
        action.clicked.connect(lambda: row_field.on_action() if row_field.on_action else None)
        for key in keys:
            self._fields[key] = row_field
            self._order.append(key)
            if isinstance(date_field := editors[key], DateField):
                self._follow_date(key, date_field)
        self._rows = max(self._rows, row + 1)
        return error

    def _follow_date(self, name: str, date_field: DateField) -> None:
        """Show what a date field understood under it, and its reason when it is wrong."""
        date_field.note_changed.connect(lambda text: self.set_note(name, text))
        date_field.textEdited.connect(lambda _text: self.clear_error(name))

        def checked(reason: str) -> None:
            self.clear_error(name)
            if reason:
                self.show_error(name, reason)

        date_field.checked.connect(checked)

    def add_row(
        self,
        names: str | Sequence[str],
        caption: str,
        cell: QWidget,
        *,
        editor: QWidget | Mapping[str, QWidget] | None = None,
        required: bool = False,
    ) -> QLabel:
        """Append a field under the others, across every column."""
        return self.add(
            names, caption, cell, self._rows, 0, self._columns, editor=editor, required=required
        )

    def editor(self, name: str) -> QWidget:
        return self._fields[name].editors[name]

    def names(self) -> list[str]:
        """Every field name, in the order the fields were added."""
        return list(self._order)

    def set_row_visible(self, name: str, visible: bool) -> None:
        """Show or hide a field (caption, editor and error line); hidden fields keep values."""
        row = self._fields[name]
        row.visible = visible
        row.caption.setVisible(visible)
        row.cell.setVisible(visible)
        row.show_line()

    def is_row_visible(self, name: str) -> bool:
        return self._fields[name].visible

    def is_required(self, name: str) -> bool:
        return self._fields[name].required

    def set_note(self, name: str, text: str) -> None:
        """A grey line under the field (shown while it has no error)."""
        row = self._fields[name]
        row.note = text
        row.show_line()

    def note_text(self, name: str) -> str:
        return self._fields[name].note

    def missing(self, labels: Mapping[str, str] | None = None) -> list[ValidationError]:
        """An error for each visible required field left empty (before asking any service)."""
        found: list[ValidationError] = []
        for key in self._order:
            row = self._fields[key]
            if row.required and row.visible and is_blank(row.editors[key]):
                label = (labels or {}).get(key) or row.title
                found.append(ValidationError(key, REQUIRED_ERROR, label=label))
        return found

    def date_problems(self, labels: Mapping[str, str] | None = None) -> list[ValidationError]:
        """An error for each visible date field whose text is not an acceptable date."""
        found: list[ValidationError] = []
        for key in self._order:
            row, editor = self._fields[key], self._fields[key].editors[key]
            if row.visible and isinstance(editor, DateField) and (reason := editor.problem()):
                label = (labels or {}).get(key) or row.title
                found.append(ValidationError(key, reason, label=label))
        return found

    def action_button(self, name: str) -> QPushButton:
        """The link offered beside an error of field ``name`` (hidden until one is offered)."""
        return self._fields[name].action

    # -- errors ---------------------------------------------------------------------------------

    def _grow_dialog(self) -> None:
        parent = self.parentWidget()
        if parent is not None and isinstance(parent.window(), QDialog):
            grow_to_fit(parent)

    def show_error(
        self,
        name: str,
        text: str,
        *,
        focus: bool = False,
        action: tuple[str, Callable[[], object]] | None = None,
    ) -> None:
        """Add ``text`` under field ``name`` (after any error already shown there).

        ``action`` is a (link text, callback) offered beside the error, e.g. 打开该党员的卡片.
        """
        if action is not None:
            row = self._fields[name]
            row.action.setText(action[0])
            row.on_action = action[1]
        self._append(name, text)
        row = self._fields[name]
        if focus and row.visible:
            row.editors[name].setFocus(Qt.FocusReason.OtherFocusReason)
        self.errors_shown.emit()

    def _append(self, name: str, text: str) -> None:
        row = self._fields[name]
        row.text = "；".join(t for t in (row.text, text) if t)
        row.show_line()
        row.mark(name, True)

    def show_errors(
        self, errors: ValidationErrors | Iterable[ValidationError], *, focus: bool = False
    ) -> list[ValidationError]:
        """Show each error under its field; returns the ones naming no field of this grid.

        With ``focus`` the first visible field in error takes the keyboard focus.
        """
        items = errors.errors if isinstance(errors, ValidationErrors) else list(errors)
        texts: dict[str, list[str]] = {}
        rest: list[ValidationError] = []
        for error in items:
            if error.field in self._fields:
                texts.setdefault(error.field, []).append(error.reason)
            else:
                rest.append(error)
        for key in self._order:
            for text in texts.get(key, ()):
                self._append(key, text)
        if texts:
            if focus:
                self.focus_first_invalid()
            self.errors_shown.emit()
        return rest

    def first_invalid(self) -> QWidget | None:
        """The editor of the first visible field with an error shown."""
        for key in self._order:
            row = self._fields[key]
            if row.text and row.visible and row.editors[key].property("invalid"):
                return row.editors[key]
        return None

    def focus_first_invalid(self) -> QWidget | None:
        first = self.first_invalid()
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        return first

    def clear_error(self, name: str) -> None:
        row = self._fields.get(name)
        if row is None:
            return
        if row.text or row.on_action is not None:
            row.text = ""
            row.on_action = None
            row.show_line()
        row.mark(None, False)

    def clear_errors(self) -> None:
        for key in self._order:
            self.clear_error(key)

    def error_text(self, name: str) -> str:
        """The error shown under ``name`` (empty when none); for tests and accessibility."""
        row = self._fields.get(name)
        return row.text if row is not None else ""
