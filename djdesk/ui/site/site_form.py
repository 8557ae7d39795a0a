"""The site identity form, shared by the first-run dialog and the 设置 page.

It only collects text: :meth:`SiteForm.value` gives a
:class:`~djdesk.services.site.identity.SiteInput`
and the caller passes it to ``save_site``, whose :class:`~djdesk.errors.ValidationErrors` come
back to :meth:`SiteForm.show_errors` and appear under the fields they name. Rows that do not
apply to the chosen level (a 街道 has no parent street) are hidden.
"""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from djdesk.errors import ValidationErrors
from djdesk.services.site.identity import FIELD_LABELS, SiteInput
from djdesk.validation.region_code import LEVEL_CODE_LENGTH

#: Levels in the order a clerk meets them (most installations are communities).
LEVEL_CHOICES = ("社区", "街道", "区")

#: Which fields each level shows; the others are hidden and ignored by validation.
STREET_FIELDS = ("street_code", "street_name")
DISTRICT_FIELDS = ("district_code", "district_name")
CODE_FIELDS = {"code", "street_code", "district_code"}

_NAME_EXAMPLES = {
    "社区": "如：××区××街道××社区",
    "街道": "如：××区××街道",
    "区": "如：××市××区",
}
_PLACEHOLDERS = {
    "short_name": "2–20 个字，用于页面标题与文书",
    "street_code": "9 位数字",
    "street_name": "如：××街道",
    "district_code": "6 位数字，留空则取本级代码前 6 位",
    "district_name": "如：××区",
    "address": "办公地址",
    "phone": "手机号或带区号的座机，如 0831-1234567",
    "party_org": "如：中共××区××街道××社区委员会",
}
_FIELD_ORDER = (
    "level",
    "code",
    "name",
    "short_name",
    "party_org",
    "street_code",
    "street_name",
    "district_code",
    "district_name",
    "address",
    "phone",
    "serial_prefix",
)


def _set_invalid(widget: QWidget, invalid: bool) -> None:
    """Flip the ``invalid`` style property and re-polish so the red border follows."""
    if widget.property("invalid") == invalid:
        return
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


class SiteForm(QWidget):
    """层级, 统计用区划代码, names, parents, address, phone, Party organisation, serial prefix."""

    #: Emitted whenever the clerk changes any field.
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("siteForm")
        self._filling = False
        self.level_combo = QComboBox()
        self.level_combo.addItems(list(LEVEL_CHOICES))
        self.line_edits: dict[str, QLineEdit] = {}
        self.error_labels: dict[str, QLabel] = {}
        self._rows: dict[str, QWidget] = {}

        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setHorizontalSpacing(16)
        self.form.setVerticalSpacing(8)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)

        digits = QRegularExpressionValidator(QRegularExpression(r"\d*"), self)
        for name in _FIELD_ORDER:
            if name == "level":
                editor: QWidget = self.level_combo
            else:
                line = QLineEdit()
                line.setObjectName(f"field_{name}")
                line.setPlaceholderText(_PLACEHOLDERS.get(name, ""))
                if name in CODE_FIELDS:
                    line.setValidator(digits)
                    line.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
                line.textChanged.connect(lambda _text, n=name: self._on_edited(n))
                self.line_edits[name] = line
                editor = line
            self._add_row(name, editor)

        self.line_edits["street_code"].setMaxLength(LEVEL_CODE_LENGTH["街道"])
        self.line_edits["district_code"].setMaxLength(LEVEL_CODE_LENGTH["区"])
        self.line_edits["code"].textChanged.connect(self._fill_parent_codes)
        self.line_edits["short_name"].textChanged.connect(self._update_prefix_hint)
        self.level_combo.currentTextChanged.connect(self._on_level_changed)
        self._on_level_changed(self.level_combo.currentText())
        self._update_prefix_hint("")

    def _add_row(self, name: str, editor: QWidget) -> None:
        cell = QWidget()
        box = QVBoxLayout(cell)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        editor.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        box.addWidget(editor)
        error = QLabel()
        error.setObjectName(f"error_{name}")
        error.setProperty("role", "fieldError")
        error.setWordWrap(True)
        font = error.font()
        font.setPointSizeF(max(font.pointSizeF() - 1.5, 8.0))
        error.setFont(font)
        error.hide()
        box.addWidget(error)
        label = QLabel(f"{FIELD_LABELS[name]}：")
        label.setBuddy(editor)
        label.setMinimumHeight(editor.sizeHint().height())
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.form.addRow(label, cell)
        self.error_labels[name] = error
        self._rows[name] = cell

    # -- public API -----------------------------------------------------------------------------

    def level(self) -> str:
        return self.level_combo.currentText()

    def value(self) -> SiteInput:
        """What the clerk typed, as it is (``save_site`` normalises and checks it)."""
        texts = {name: edit.text() for name, edit in self.line_edits.items()}
        return SiteInput(level=self.level(), **texts)

    def set_value(self, site: SiteInput) -> None:
        """Fill the form from a saved :class:`SiteInfo` or a :class:`SiteInput`."""
        self._filling = True
        try:
            index = self.level_combo.findText(site.level)
            self.level_combo.setCurrentIndex(max(index, 0))
            for f in fields(SiteInput):
                if f.name in self.line_edits:
                    self.line_edits[f.name].setText(getattr(site, f.name))
        finally:
            self._filling = False
        self.clear_errors()

    def show_errors(self, errors: ValidationErrors) -> None:
        """Show each error's reason under its field and focus the first one."""
        self.clear_errors()
        texts: dict[str, list[str]] = {}
        for error in errors.errors:
            if error.field in self.error_labels:
                texts.setdefault(error.field, []).append(error.reason)
            else:  # a field this form does not show: put the full message at the top
                texts.setdefault("level", []).append(error.message)
        first: QWidget | None = None
        for name in _FIELD_ORDER:
            if name not in texts:
                continue
            label = self.error_labels[name]
            label.setText("；".join(texts[name]))
            label.setVisible(True)
            editor = self._editor(name)
            _set_invalid(editor, True)
            if first is None and self.is_field_visible(name):
                first = editor
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear_errors(self) -> None:
        for name in self.error_labels:
            self._clear_error(name)

    def error_text(self, name: str) -> str:
        """The error shown under ``name`` (empty when none); for tests and accessibility."""
        label = self.error_labels[name]
        return label.text() if not label.isHidden() else ""

    def is_field_visible(self, name: str) -> bool:
        return self.form.isRowVisible(self._rows[name])

    # -- internals ------------------------------------------------------------------------------

    def _editor(self, name: str) -> QWidget:
        return self.level_combo if name == "level" else self.line_edits[name]

    def _clear_error(self, name: str) -> None:
        label = self.error_labels[name]
        if not label.isHidden():
            label.clear()
            label.hide()
        _set_invalid(self._editor(name), False)

    def _on_edited(self, name: str) -> None:
        self._clear_error(name)
        if not self._filling:
            self.edited.emit()

    def _on_level_changed(self, level: str) -> None:
        length = LEVEL_CODE_LENGTH.get(level, 12)
        code = self.line_edits["code"]
        code.setMaxLength(length)
        code.setPlaceholderText(f"{level}级代码为 {length} 位数字")
        self.line_edits["name"].setPlaceholderText(_NAME_EXAMPLES.get(level, ""))
        for name in STREET_FIELDS:
            self.form.setRowVisible(self._rows[name], level == "社区")
        for name in DISTRICT_FIELDS:
            self.form.setRowVisible(self._rows[name], level in ("社区", "街道"))
        self._clear_error("level")
        if not self._filling:
            self.edited.emit()

    def _fill_parent_codes(self, code: str) -> None:
        """Offer the parents' codes from a complete code, where the clerk left them empty."""
        if self._filling or len(code) != LEVEL_CODE_LENGTH.get(self.level(), 0):
            return
        for name, length in (("street_code", 9), ("district_code", 6)):
            edit = self.line_edits[name]
            if self.is_field_visible(name) and not edit.text() and len(code) > length:
                edit.setText(code[:length])

    def _update_prefix_hint(self, short_name: str) -> None:
        hint = f"留空则使用简称“{short_name.strip()}”" if short_name.strip() else "留空则使用简称"
        self.line_edits["serial_prefix"].setPlaceholderText(hint)
