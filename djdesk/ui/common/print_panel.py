"""The print bar under a preview: which printer, how many copies, which pages, and the buttons
打印, 另存为 PDF… and 校准…. It only collects the choice; the preview does the printing."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from djdesk.settings import Settings
from djdesk.ui.common import printing
from djdesk.ui.common.printing import PrintOptions

NO_PRINTER = "（本机没有可用的打印机）"


class PrintPanel(QWidget):
    """Printer, copies, page range; emits what the clerk asked for."""

    print_requested = Signal()
    save_requested = Signal()
    calibrate_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("printPanel")
        self.printer_combo = QComboBox()
        self.printer_combo.setObjectName("printerCombo")
        self.printer_combo.setAccessibleName("打印机")
        self.printer_combo.setMinimumContentsLength(16)
        self.copies_spin = QSpinBox()
        self.copies_spin.setObjectName("copiesSpin")
        self.copies_spin.setAccessibleName("份数")
        self.copies_spin.setRange(1, 99)
        self.copies_spin.setSuffix(" 份")
        self.range_edit = QLineEdit()
        self.range_edit.setObjectName("pageRangeEdit")
        self.range_edit.setAccessibleName("页码范围")
        self.range_edit.setPlaceholderText("全部（或如 1-2,4）")
        self.range_edit.setMaximumWidth(150)
        self.calibrate_button = QPushButton("校准…")
        self.calibrate_button.setToolTip("调整这台打印机的打印位置（套打预印纸时使用）")
        self.calibrate_button.clicked.connect(self.calibrate_requested)
        self.save_button = QPushButton("另存为 PDF…")
        self.save_button.clicked.connect(self.save_requested)
        self.print_button = QPushButton("打印")
        self.print_button.setObjectName("printButton")
        self.print_button.setProperty("primary", True)
        self.print_button.clicked.connect(self.print_requested)

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for label, widget in (
            ("打印机", self.printer_combo),
            ("份数", self.copies_spin),
            ("页码", self.range_edit),
        ):
            caption = QLabel(label)
            caption.setBuddy(widget)
            row.addWidget(caption)
            row.addWidget(widget)
        row.addWidget(self.calibrate_button)
        row.addStretch(1)
        row.addWidget(self.save_button)
        row.addWidget(self.print_button)
        self.refresh_printers()

    def refresh_printers(self) -> None:
        """List the system's printers, the default one chosen."""
        current = self.printer_name()
        names = printing.available_printers()
        self.printer_combo.clear()
        if not names:
            self.printer_combo.addItem(NO_PRINTER, "")
        for name in names:
            self.printer_combo.addItem(name, name)
        wanted = current or printing.default_printer()
        index = self.printer_combo.findData(wanted)
        self.printer_combo.setCurrentIndex(max(0, index))
        has_printer = bool(names)
        self.print_button.setEnabled(has_printer)
        self.calibrate_button.setEnabled(has_printer)
        self.print_button.setToolTip("" if has_printer else "本机没有可用的打印机，可以另存为 PDF")

    def printer_name(self) -> str:
        return str(self.printer_combo.currentData() or "")

    def choose_printer(self, name: str) -> bool:
        index = self.printer_combo.findData(name)
        if index >= 0:
            self.printer_combo.setCurrentIndex(index)
        return index >= 0

    def options(self, settings: Settings, title: str) -> PrintOptions:
        name = self.printer_name()
        return PrintOptions(
            printer=name,
            copies=self.copies_spin.value(),
            page_range=self.range_edit.text().strip(),
            offset_mm=settings.printer_offset(name),
            title=title,
        )
