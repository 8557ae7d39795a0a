"""设置 → 打印机: this PC's printers and each one's calibration for pre-printed stock.

The offset of a printer (mm, right and down) is measured with the calibration page
(:class:`~djdesk.ui.common.calibration.CalibrationDialog`, also reachable from every print
preview's 校准…) and applied to every print on that printer: preview, batches, command line.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from djdesk.settings import Settings
from djdesk.ui.common import printing
from djdesk.ui.common.calibration import CalibrationDialog
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.print_panel import NO_PRINTER


def offset_text(settings: Settings, printer: str) -> str:
    x, y = settings.printer_offset(printer)
    if (x, y) == (0.0, 0.0):
        return "未校准（按原位置打印）"
    return f"已校准：向右 {x:g} mm，向下 {y:g} mm"


class PrintersGroup(QGroupBox):
    """The printer list, the chosen printer's offset, and 校准打印位置…."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__("打印机")
        self.setObjectName("printersGroup")
        self.ctx = ctx
        #: The calibration dialog opened last (kept alive while open; used by tests).
        self.dialog: CalibrationDialog | None = None
        self.printer_combo = QComboBox()
        self.printer_combo.setObjectName("settingsPrinter")
        self.printer_combo.setAccessibleName("打印机")
        self.printer_combo.currentIndexChanged.connect(lambda _i: self._show_offset())
        self.offset_label = QLabel()
        self.offset_label.setObjectName("printerOffset")
        self.offset_label.setProperty("role", "hint")
        self.offset_label.setWordWrap(True)
        self.calibrate_button = QPushButton("校准打印位置…")
        self.calibrate_button.setObjectName("calibrateButton")
        self.calibrate_button.setToolTip("套打预印纸前，用校准页量出这台打印机的偏移")
        self.calibrate_button.clicked.connect(self.calibrate)
        row = QHBoxLayout()
        row.addWidget(self.printer_combo, 1)
        row.addWidget(self.calibrate_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addLayout(row)
        layout.addWidget(self.offset_label)
        ctx.events.settings_changed.connect(lambda _s: self._show_offset())
        self.refresh()

    def refresh(self) -> None:
        current = self.printer()
        names = printing.available_printers()
        self.printer_combo.blockSignals(True)
        self.printer_combo.clear()
        for name in names:
            self.printer_combo.addItem(name, name)
        if not names:
            self.printer_combo.addItem(NO_PRINTER, "")
        wanted = self.printer_combo.findData(current or printing.default_printer())
        self.printer_combo.setCurrentIndex(max(0, wanted))
        self.printer_combo.blockSignals(False)
        self.calibrate_button.setEnabled(bool(names) and self.ctx.can_write)
        self._show_offset()

    def printer(self) -> str:
        return str(self.printer_combo.currentData() or "")

    def _show_offset(self) -> None:
        name = self.printer()
        self.offset_label.setText(
            offset_text(self.ctx.settings, name) if name else "没有打印机时仍可另存为 PDF。"
        )

    def calibrate(self) -> CalibrationDialog | None:
        name = self.printer()
        if not name:
            return None
        dialog = CalibrationDialog(self.ctx, name, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog
