"""Per-printer offset calibration for pre-printed stock: print the calibration page, measure,
and store the offset (mm, x to the right, y down) under the printer's name in settings.json.

Every later print on that printer — from the preview, a batch or the command line — is shifted
by the stored offset (:mod:`.printing`). The clerk can type the offset directly, or type the two
distances measured on the calibration page and let the dialog work the offset out.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from djdesk.errors import DjdeskError
from djdesk.services.documents.printers import MARK_MM, calibration_page
from djdesk.settings import MAX_PRINTER_OFFSET_MM
from djdesk.ui.common import printing
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.errors import show_error


def _spin(low: float, high: float, value: float, name: str) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(low, high)
    spin.setDecimals(1)
    spin.setSingleStep(0.5)
    spin.setSuffix(" mm")
    spin.setValue(value)
    spin.setAccessibleName(name)
    return spin


class CalibrationDialog(QDialog):
    """校准打印位置 for one printer."""

    def __init__(self, ctx: UiContext, printer: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("calibrationDialog")
        self.setWindowTitle(f"校准打印位置 — {printer}")
        self.ctx = ctx
        self.printer = printer
        x, y = ctx.settings.printer_offset(printer)
        limit = MAX_PRINTER_OFFSET_MM
        self.x_spin = _spin(-limit, limit, x, "向右偏移")
        self.y_spin = _spin(-limit, limit, y, "向下偏移")
        self.measured_x = _spin(0, 100, MARK_MM[0], "量得距左边")
        self.measured_y = _spin(0, 100, MARK_MM[1], "量得距上边")
        intro = QLabel(
            "套打预印纸前，先打印校准页，量出左上角十字中心到纸张左边、上边的距离并填在下面，"
            f"点“按量得距离计算”（应为 {MARK_MM[0]:g} mm 和 {MARK_MM[1]:g} mm）；"
            "也可以直接填写偏移。向右、向下为正。"
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow("向右偏移", self.x_spin)
        form.addRow("向下偏移", self.y_spin)
        form.addRow("量得距左边", self.measured_x)
        form.addRow("量得距上边", self.measured_y)
        self.status = QLabel("")
        self.status.setProperty("role", "hint")
        self.print_page_button = QPushButton("打印校准页")
        self.print_page_button.clicked.connect(self.print_page)
        compute = QPushButton("按量得距离计算")
        compute.clicked.connect(self.apply_measurement)
        self.save_button = QPushButton("保存")
        self.save_button.setProperty("primary", True)
        self.save_button.clicked.connect(self.save)
        cancel = QPushButton("取消")
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_page_button)
        buttons.addWidget(compute)
        buttons.addStretch(1)
        buttons.addWidget(cancel)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.save_button.setEnabled(ctx.is_admin or ctx.can_write)

    def offset(self) -> tuple[float, float]:
        return round(self.x_spin.value(), 1), round(self.y_spin.value(), 1)

    def apply_measurement(self) -> None:
        """New offset = current offset + (where the cross should be − where it was measured)."""
        x = self.x_spin.value() + MARK_MM[0] - self.measured_x.value()
        y = self.y_spin.value() + MARK_MM[1] - self.measured_y.value()
        self.x_spin.setValue(x)
        self.y_spin.setValue(y)
        self.measured_x.setValue(MARK_MM[0])
        self.measured_y.setValue(MARK_MM[1])
        self.status.setText(
            f"新的偏移：向右 {self.x_spin.value():g} mm，向下 {self.y_spin.value():g} mm。"
        )

    def print_page(self) -> bool:
        """The calibration page on this printer, shifted by the offset now in the boxes."""
        offset = self.offset()
        try:
            pdf = calibration_page(self.printer, offset)
            printing.print_pdf_bytes(
                pdf, printing.PrintOptions(self.printer, offset_mm=offset, title="打印位置校准页")
            )
        except DjdeskError as exc:
            show_error(exc, self, title="打印失败")
            return False
        self.status.setText("校准页已送打印机，请量好距离后填在上面。")
        return True

    def save(self) -> None:
        offsets = dict(self.ctx.settings.printer_offsets_mm)
        x, y = self.offset()
        if (x, y) == (0.0, 0.0):
            offsets.pop(self.printer, None)
        else:
            offsets[self.printer] = [x, y]
        try:
            self.ctx.update_settings(printer_offsets_mm=offsets)
        except DjdeskError as exc:
            show_error(exc, self, title="保存失败")
            return
        self.accept()
