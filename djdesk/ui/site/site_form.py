"""The site identity form, shared by the first-run dialog and the 设置 page.

It only collects text: :meth:`SiteForm.value` gives a
:class:`~djdesk.services.site.identity.SiteInput` and the caller passes it to ``save_site``,
whose :class:`~djdesk.errors.ValidationErrors` come back to :meth:`SiteForm.show_errors` and
appear under the fields they name (the shared :class:`~djdesk.ui.common.field_grid.FieldGrid`).
Rows that do not apply to the chosen level (a 街道 has no parent street) are hidden.
"""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QLineEdit, QVBoxLayout, QWidget

from djdesk.errors import ValidationErrors
from djdesk.services.site.identity import FIELD_LABELS, SiteInput
from djdesk.ui.common.field_grid import FieldGrid
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
#: Fields the service refuses when empty (those of a level that does not apply are hidden).
REQUIRED = frozenset(
    {"level", "code", "name", "short_name", "party_org", "street_code", "street_name"}
    | {"district_name", "address", "phone"}
)
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
        self.grid = FieldGrid(columns=1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.grid)

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
            self.grid.add_row(name, FIELD_LABELS[name], editor, required=name in REQUIRED)

        self.line_edits["street_code"].setMaxLength(LEVEL_CODE_LENGTH["街道"])
        self.line_edits["district_code"].setMaxLength(LEVEL_CODE_LENGTH["区"])
        self.line_edits["code"].textChanged.connect(self._fill_parent_codes)
        self.line_edits["short_name"].textChanged.connect(self._update_prefix_hint)
        self.level_combo.currentTextChanged.connect(self._on_level_changed)
        self._on_level_changed(self.level_combo.currentText())
        self._update_prefix_hint("")

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
        """Show each error's reason under its field and focus the first one.

        An error about a field this form does not show goes, in full, under 层级 at the top.
        """
        self.clear_errors()
        rest = self.grid.show_errors(errors)
        if rest:
            self.grid.show_error("level", "；".join(e.message for e in rest))
        self.grid.focus_first_invalid()

    def clear_errors(self) -> None:
        self.grid.clear_errors()

    def error_text(self, name: str) -> str:
        """The error shown under ``name`` (empty when none); for tests and accessibility."""
        return self.grid.error_text(name)

    def is_field_visible(self, name: str) -> bool:
        return self.grid.is_row_visible(name)

    # -- internals ------------------------------------------------------------------------------

    def _on_edited(self, name: str) -> None:
        self.grid.clear_error(name)
        if not self._filling:
            self.edited.emit()

    def _on_level_changed(self, level: str) -> None:
        length = LEVEL_CODE_LENGTH.get(level, 12)
        code = self.line_edits["code"]
        code.setMaxLength(length)
        code.setPlaceholderText(f"{level}级代码为 {length} 位数字")
        self.line_edits["name"].setPlaceholderText(_NAME_EXAMPLES.get(level, ""))
        for name in STREET_FIELDS:
            self.grid.set_row_visible(name, level == "社区")
        for name in DISTRICT_FIELDS:
            self.grid.set_row_visible(name, level in ("社区", "街道"))
        self.grid.clear_error("level")
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
