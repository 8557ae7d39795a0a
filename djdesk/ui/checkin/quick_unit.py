"""登记新单位 inside the check-in form: register the member's employer without leaving the form.

在职党员报到 is about the employer unit, so a check-in needs a registered unit. When the unit the
member names is not registered yet, the clerk presses 登记新单位 beside 工作单位: this panel
opens under the field with the typed name, asks for the 党组织类别 (①–⑨), and 登记 saves the
unit through the units service and selects it in the form. The rest of the unit's details are
filled in later on the 驻区单位 page.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from djdesk.errors import DjdeskError, ValidationErrors
from djdesk.services.checkin.units import UNIT_CATEGORIES, UnitInfo, UnitInput, category_label
from djdesk.ui.common.field_grid import link_button, set_invalid, small_label

log = logging.getLogger(__name__)

#: Saves a new unit (the dialog passes the units service with its database and actor).
SaveUnit = Callable[[UnitInput], UnitInfo]


class QuickUnitPanel(QFrame):
    """单位全称 and 党组织类别 with 登记 / 取消; :attr:`registered` carries the saved unit."""

    registered = Signal(object)
    closed = Signal()

    def __init__(self, save: SaveUnit | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("quickUnit")
        self.setProperty("role", "notice")
        self._save = save
        self.title = QLabel("登记新单位（其余信息以后在“驻区单位”页补充）")
        self.title.setProperty("role", "hint")
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("quickUnitName")
        self.name_edit.setPlaceholderText("与公章一致的单位全称")
        self.category_combo = QComboBox()
        self.category_combo.setObjectName("quickUnitCategory")
        self.category_combo.addItem("请选择类别", None)
        for code in UNIT_CATEGORIES:
            self.category_combo.addItem(category_label(code), code)
        self.register_button = QPushButton("登记此单位")
        self.register_button.setObjectName("quickUnitRegister")
        self.register_button.clicked.connect(self.register)
        self.cancel_button = link_button("不登记")
        self.cancel_button.clicked.connect(self.close_panel)
        self.error = small_label(role="fieldError", smaller=1.5)
        self.error.setObjectName("quickUnitError")
        self.error.hide()
        self.name_edit.textEdited.connect(lambda _t: self._clear())
        self.category_combo.currentIndexChanged.connect(lambda _i: self._clear())

        grid = QGridLayout(self)
        grid.setContentsMargins(12, 8, 12, 8)
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(4)
        grid.addWidget(self.title, 0, 0, 1, 4)
        grid.addWidget(self.name_edit, 1, 0)
        grid.addWidget(self.category_combo, 1, 1)
        grid.addWidget(self.register_button, 1, 2)
        grid.addWidget(self.cancel_button, 1, 3)
        grid.addWidget(self.error, 2, 0, 1, 4)
        grid.setColumnStretch(0, 1)
        self.hide()

    def tab_chain(self) -> list[QWidget]:
        return [self.name_edit, self.category_combo, self.register_button, self.cancel_button]

    def offer(self, name: str) -> None:
        """Open with ``name`` (what was typed in 工作单位); the category is asked next."""
        self.name_edit.setText(name.strip())
        self._clear()
        self.show()
        target = self.category_combo if name.strip() else self.name_edit
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def close_panel(self) -> None:
        self.hide()
        self.closed.emit()

    def _clear(self) -> None:
        self.error.hide()
        set_invalid(self.name_edit, False)
        set_invalid(self.category_combo, False)

    def _refuse(self, widget: QWidget, text: str) -> None:
        self.error.setText(text)
        self.error.show()
        set_invalid(widget, True)
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def register(self) -> UnitInfo | None:
        """Save the unit; on a refusal say why here and keep the panel open."""
        if self._save is None:
            return None
        category = self.category_combo.currentData()
        if category is None:
            self._refuse(self.category_combo, "请选择党组织类别（按单位性质，①–⑨）")
            return None
        try:
            unit = self._save(UnitInput(name=self.name_edit.text(), category=int(category)))
        except ValidationErrors as errors:
            self._refuse(self.name_edit, "；".join(e.message for e in errors.errors))
            return None
        except DjdeskError as exc:
            self._refuse(self.name_edit, exc.message)
            return None
        log.info("unit %s registered from the check-in form", unit.id)
        self.hide()
        self.registered.emit(unit)
        return unit
