"""文书登记: every document djdesk printed or saved — receipts, certificates, agreements, slips.

At the top, the counter's box: a serial typed (or scanned) and Enter finds the document and
puts the keyboard on 补打. Below, the register searched by serial or person/unit, kind and
date range (or only the reprints), newest first, a page at a time; the selected document's
outputs (file or printer, copies, who, when) and how many times its number was reprinted.
补打… reprints with a reason (counted, marked on the page) and opens the preview; 查阅 shows it
again unregistered.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from djdesk.services.documents import (
    DocumentFormat,
    RegisteredDocument,
    RegisterQuery,
    find_by_serial,
    register_kinds,
    reprint_count,
)
from djdesk.ui.common.context import UiContext, watch_changes
from djdesk.ui.common.date_field import DateField
from djdesk.ui.common.field_grid import set_role, small_label
from djdesk.ui.common.page import Page, debounced
from djdesk.ui.common.table_view import fit_columns, record_table_view
from djdesk.ui.documents import reprint_flow
from djdesk.ui.documents.register_model import OutputsModel, RegisterModel, copy_text


class RegisterPage(Page):
    """The counter's serial box, the searchable register, a document's outputs, 补打."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(
            ctx, "文书登记", "打印和保存过的每一份文书：按编号、种类、当事人、日期查找与补打"
        )
        self.setObjectName("registerPage")
        #: The preview or box opened last (used by tests).
        self.dialog: QWidget | None = None
        self.reprint_button = self.add_action(QPushButton("补打…"), primary=True)
        self.reprint_button.setObjectName("reprintButton")
        self.reprint_button.setToolTip("按原样重新生成，页面标明“补打”，须填写原因并计数")
        self.reprint_button.clicked.connect(lambda: self.reprint_selected())
        self.view_button = self.add_action(QPushButton("查阅"))
        self.view_button.setToolTip("再看一遍（页面有“查阅”字样，不登记）")
        self.view_button.clicked.connect(lambda: self.view_selected())

        self.serial_edit = QLineEdit()
        self.serial_edit.setObjectName("serialInput")
        self.serial_edit.setPlaceholderText("输入或扫描文书编号，按 Enter 查找")
        self.serial_edit.setClearButtonEnabled(True)
        font = self.serial_edit.font()
        font.setPointSize(font.pointSize() + 3)
        self.serial_edit.setFont(font)
        self.serial_edit.setMinimumHeight(40)
        self.serial_edit.returnPressed.connect(self.find_serial)
        self.serial_status = small_label("")
        self.serial_status.setObjectName("serialStatus")
        self.serial_status.hide()  # until there is something to say
        find = QPushButton("查找")
        find.clicked.connect(self.find_serial)
        counter = QGroupBox("按编号查找")
        counter_row = QHBoxLayout()
        counter_row.addWidget(self.serial_edit, 1)
        counter_row.addWidget(find)
        counter_layout = QVBoxLayout(counter)
        counter_layout.addLayout(counter_row)
        counter_layout.addWidget(self.serial_status)
        self.body_layout.addWidget(counter)

        self.text_edit = QLineEdit()
        self.text_edit.setObjectName("registerText")
        self.text_edit.setPlaceholderText("编号或当事人、单位中的几个字")
        self.text_edit.setClearButtonEnabled(True)
        self.text_edit.setMinimumWidth(220)
        self._timer = debounced(self.text_edit.textChanged, 250, self.search, self)
        self.kind_combo = QComboBox()
        self.kind_combo.setObjectName("registerKind")
        self.kind_combo.setAccessibleName("文书种类")
        self.kind_combo.currentIndexChanged.connect(lambda _i: self.search())
        self.since_edit = DateField()
        self.since_edit.setObjectName("registerSince")
        self.since_edit.setAccessibleName("起始日期")
        self.until_edit = DateField()
        self.until_edit.setObjectName("registerUntil")
        self.until_edit.setAccessibleName("截止日期")
        for edit in (self.since_edit, self.until_edit):
            edit.setMaximumWidth(150)
            edit.editingFinished.connect(self.search)
        self.reprints_check = QCheckBox("只看补打")
        self.reprints_check.toggled.connect(lambda _on: self.search())
        dash = QLabel("至")
        self.add_filter_bar(
            self.text_edit,
            self.kind_combo,
            self.since_edit,
            dash,
            self.until_edit,
            self.reprints_check,
        )
        self.date_error = small_label("", "fieldError")
        self.date_error.hide()
        self.body_layout.addWidget(self.date_error)
        self.summary_label, self.summary_hint = self.add_summary()
        self.summary_label.setObjectName("registerSummary")

        self.model = RegisterModel(ctx.db, ctx.settings.timezone)
        self.model.total_changed.connect(self._total_changed)
        self.view = record_table_view(
            self.model, "registerTable", widths={0: 260, 1: 150, 2: 170}, minimum_height=160
        )
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self.show_selected())
        self.view.activated.connect(lambda _i: self.reprint_selected())
        # the list takes the height left (not what its rows would like): the page fits the screen
        self.view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.body_layout.addWidget(self.view, 1)
        self.outputs_title = QLabel("输出记录")
        self.outputs_title.setProperty("role", "sectionTitle")
        self.outputs_model = OutputsModel(ctx.settings.timezone)
        self.outputs_view = record_table_view(
            self.outputs_model, "outputsTable", stretch=(1,), minimum_height=110
        )
        self.outputs_view.setMaximumHeight(170)  # a few outputs; the register takes the rest
        self.body_layout.addWidget(self.outputs_title)
        self.body_layout.addWidget(self.outputs_view)
        watch_changes(ctx, ("document_record",), lambda _c: self.refresh(), self)
        self.refresh()

    def entry_widget(self) -> QWidget | None:
        return self.serial_edit

    # -- searching ------------------------------------------------------------------------------

    def _fill_kinds(self) -> None:
        current = self.kind_combo.currentData()
        self.kind_combo.blockSignals(True)
        self.kind_combo.clear()
        self.kind_combo.addItem("全部文书", "")
        for kind, title in register_kinds(self.ctx.db):
            self.kind_combo.addItem(title, kind)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(current or "")))
        self.kind_combo.blockSignals(False)

    def query(self) -> RegisterQuery | None:
        """The search as typed; ``None`` (and the reason under the bar) when a date is wrong."""
        problems = [
            f"{edit.accessibleName()}{p}"
            for edit in (self.since_edit, self.until_edit)
            if (p := edit.problem())
        ]
        since, until = self.since_edit.value(), self.until_edit.value()
        if since and until and until < since:
            problems.append(f"截止日期不能早于起始日期 {since:%Y-%m-%d}")
        self.date_error.setText("；".join(problems))
        self.date_error.setVisible(bool(problems))
        if problems:
            return None
        return RegisterQuery(
            text=self.text_edit.text(),
            kind=str(self.kind_combo.currentData() or ""),
            since=since,
            until=until,
            reprints_only=self.reprints_check.isChecked(),
        )

    def search(self) -> None:
        query = self.query()
        if query is not None:
            self.model.set_query(query)
            self.show_selected()

    def refresh(self) -> None:
        keep = self.selected()
        self._fill_kinds()
        self.search()
        if keep is not None:
            self.select(keep.id)

    def _total_changed(self, total: int) -> None:
        self.summary_label.setText(f"共 {total:,} 份")
        self.summary_hint.setText("最新的在前 · Enter 或双击一行补打")
        fit_columns(self.view)

    def selected(self) -> RegisteredDocument | None:
        index = self.view.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def select(self, document_id: int) -> bool:
        row = self.model.row_of(document_id)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row, 0))
        return row >= 0

    def show_selected(self) -> None:
        doc = self.selected()
        self.outputs_model.set_records(doc.outputs if doc is not None else ())
        write = self.ctx.can_write
        self.reprint_button.setEnabled(
            write and doc is not None and bool(doc.serial) and doc.reprintable
        )
        self.view_button.setEnabled(
            doc is not None and doc.reprintable and doc.file_format == DocumentFormat.PDF
        )
        if doc is None:
            self.outputs_title.setText("输出记录")
            return
        count = reprint_count(self.ctx.db, doc.serial) if doc.serial else 0
        counted = f"，该编号已补打 {count} 次" if count else ""
        self.outputs_title.setText(
            f"输出记录：{doc.title} {doc.serial or '（无编号）'}（{copy_text(doc)}{counted}）"
        )

    # -- the counter ----------------------------------------------------------------------------

    def find_serial(self) -> RegisteredDocument | None:
        """Find the document numbered as typed; select its original and offer 补打."""
        serial = "".join(self.serial_edit.text().split())
        if not serial:
            return None
        found = find_by_serial(self.ctx.db, serial)
        if not found:
            self._say(f"文书登记中没有编号为“{serial}”的文书，请核对编号。", "fieldError")
            return None
        original = next((d for d in found if d.copy_number == 0), found[0])
        self.text_edit.blockSignals(True)
        self.text_edit.setText(serial)
        self.text_edit.blockSignals(False)
        self.kind_combo.setCurrentIndex(0)
        self.since_edit.clear()
        self.until_edit.clear()
        self.reprints_check.setChecked(False)
        self.search()
        self.select(original.id)
        reprints = sum(1 for d in found if d.copy_number)
        self._say(
            f"{original.title}（{original.subject_label or '—'}），"
            f"已补打 {reprints} 次。按 Enter 补打。",
            "success",
        )
        self.reprint_button.setFocus(Qt.FocusReason.OtherFocusReason)
        return original

    def _say(self, text: str, role: str) -> None:
        self.serial_status.setText(text)
        self.serial_status.setVisible(bool(text))
        set_role(self.serial_status, role)

    def reprint_selected(self) -> None:
        doc = self.selected()
        if doc is None or not self.reprint_button.isEnabled():
            return
        serial = "".join(self.serial_edit.text().split())
        if serial and serial == doc.serial and doc.file_format == DocumentFormat.PDF:
            reprint_flow.reprint_flow(self.ctx, self, serial=serial, shown=self._keep)
        else:
            reprint_flow.reprint_flow(self.ctx, self, document=doc, shown=self._keep)

    def view_selected(self) -> None:
        doc = self.selected()
        if doc is not None and self.view_button.isEnabled():
            reprint_flow.view_flow(self.ctx, doc, self, shown=self._keep)

    def _keep(self, dialog: QWidget) -> None:
        self.dialog = dialog
