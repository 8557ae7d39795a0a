"""导入花名册 — the wizard that imports a unit's roster of in-service Party members.

Page 1 chooses the file (and offers the blank template), page 2 checks it in the background and
shows the detected sheet, header row and column mapping with every row's outcome (新增 / 更新 /
未变 / 拒绝 and why), page 3 runs the import in the background and shows what was done. All
work goes through :mod:`djdesk.services.checkin.roster_import`; nothing here touches the
database itself.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from djdesk.errors import DjdeskError
from djdesk.services.checkin.roster_import import (
    ImportReport,
    NoValidRowsError,
    Outcome,
    analyse_roster,
    import_roster,
)
from djdesk.ui.checkin.import_rows_model import ImportRowsModel
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.errors import report_exception

log = logging.getLogger(__name__)

TEMPLATE_NAME = "在职党员花名册模板.xlsx"


def _hint(text: str = "", role: str = "hint") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setProperty("role", role)
    return label


class FilePage(QWizardPage):
    """第一步: choose the roster file; the blank template can be saved from here."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self._ctx = ctx
        self.setTitle("第一步：选择花名册文件")
        self.setSubTitle("选择驻区单位报来的在职党员花名册（Excel 工作簿 .xlsx）。")
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("花名册文件的位置")
        self.path_edit.textChanged.connect(self.completeChanged)
        self.browse_button = QPushButton("选择文件…")
        self.browse_button.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        self.template_link = QLabel('<a href="template">下载空白模板</a>')
        self.template_link.linkActivated.connect(lambda _link: self.save_template())
        self.template_status = _hint(role="success")
        notes = _hint(
            "说明：表格可以带标题行和“填报单位”行，列的顺序不限；至少要有“姓名”和“公民身份号码”"
            "（或“身份证号”）两列。导入前会先逐行检查并列出结果，确认后才写入；写入前会自动备份"
            "数据库。建议请各单位使用空白模板填写。"
        )  # fmt: skip
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.template_link)
        layout.addWidget(self.template_status)
        layout.addSpacing(8)
        layout.addWidget(notes)
        layout.addStretch(1)

    def path(self) -> Path:
        return Path(self.path_edit.text().strip())

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip())

    def browse(self) -> None:
        start = str(self.path().parent) if self.path_edit.text().strip() else str(Path.home())
        chosen, _ = QFileDialog.getOpenFileName(
            self, "选择花名册", start, "Excel 工作簿 (*.xlsx);;所有文件 (*)"
        )
        if chosen:
            self.path_edit.setText(chosen)

    def save_template(self) -> Path | None:
        from djdesk.formats.checkin.roster_template import write_template
        from djdesk.services.checkin.grids import list_grids, list_posts

        default = str(self._ctx.paths.output_dir / TEMPLATE_NAME)
        chosen, _ = QFileDialog.getSaveFileName(
            self, "保存空白模板", default, "Excel 工作簿 (*.xlsx)"
        )
        if not chosen:
            return None
        target = Path(chosen).with_suffix(".xlsx")
        try:
            grids = [g.name for g in list_grids(self._ctx.db)]
            posts = [p.name for p in list_posts(self._ctx.db)]
            write_template(target, grids=grids, posts=posts, overwrite=True)
        except DjdeskError as exc:
            report_exception(exc, self)
            return None
        self.template_status.setText(f"空白模板已保存到：{target}")
        return target


class PreviewPage(QWizardPage):
    """第二步: the dry run — what each row would do, before anything is written."""

    FILTERS = ("全部", *(o.value for o in Outcome))

    def __init__(self, ctx: UiContext, file_page: FilePage) -> None:
        super().__init__()
        self._ctx = ctx
        self._file_page = file_page
        self._generation = 0
        self.report: ImportReport | None = None
        self.setTitle("第二步：检查结果")
        self.setSubTitle("以下是逐行检查的结果，此时尚未写入任何数据。")
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, "开始导入")

        self.layout_label = _hint(role="value")
        self.mapping_label = _hint()
        self.counts_label = QLabel()
        self.counts_label.setObjectName("importCounts")
        self.error_label = _hint(role="fieldError")
        self.error_label.hide()
        self.filter_combo = QComboBox()
        self.filter_combo.addItems(self.FILTERS)
        self.filter_combo.currentTextChanged.connect(self._filter)
        self.model = ImportRowsModel()
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(ImportRowsModel.COL_OUTCOME)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column, width in ((0, 52), (1, 52), (2, 72), (3, 172), (4, 190)):
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(ImportRowsModel.COL_REASON, QHeaderView.ResizeMode.Stretch)
        self.units_box = QGroupBox("尚未登记的单位")
        self.units_label = _hint(role="value")
        self.create_units_check = QCheckBox(
            "同时登记这些单位（党组织类别按表中“单位类别”，未填时为 ⑨其他）"
        )
        self.create_units_check.toggled.connect(lambda _on: self.analyse())
        box = QVBoxLayout(self.units_box)
        box.addWidget(self.units_label)
        box.addWidget(self.create_units_check)
        self.units_box.hide()

        top = QHBoxLayout()
        top.addWidget(self.counts_label, 1)
        top.addWidget(QLabel("显示："))
        top.addWidget(self.filter_combo)
        layout = QVBoxLayout(self)
        layout.addWidget(self.layout_label)
        layout.addWidget(self.mapping_label)
        layout.addWidget(self.error_label)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.units_box)

    @property
    def create_units(self) -> bool:
        return self.create_units_check.isChecked() and not self.units_box.isHidden()

    def initializePage(self) -> None:
        self.create_units_check.blockSignals(True)
        self.create_units_check.setChecked(False)
        self.create_units_check.blockSignals(False)
        self.units_box.hide()
        self.analyse()

    def isComplete(self) -> bool:
        return self.report is not None and self.report.valid > 0

    def analyse(self) -> None:
        """Check the file in the background; a newer request makes older results stale."""
        self._generation += 1
        generation = self._generation
        self.report = None
        self.model.set_rows([])
        self.error_label.hide()
        self.layout_label.setText("正在检查，请稍候……")
        self.mapping_label.clear()
        self.counts_label.clear()
        self.completeChanged.emit()
        path, db = self._file_page.path(), self._ctx.db
        create = self.create_units_check.isChecked()

        def work(progress: Any, cancelled: Any) -> ImportReport:
            return analyse_roster(db, path, create_units=create, progress=progress,
                                  cancelled=cancelled)  # fmt: skip

        self._ctx.tasks.run_task(
            work, title="检查花名册", parent=self,
            on_done=lambda report: self._show(generation, report),
            on_error=lambda exc: self._failed(generation, exc),
        )  # fmt: skip

    def _show(self, generation: int, report: ImportReport) -> None:
        if generation != self._generation:
            return
        self.report = report
        title = f"，填报单位：{report.unit_from_title}" if report.unit_from_title else ""
        self.layout_label.setText(
            f"文件“{report.file}”：工作表“{report.sheet}”，表头在第 {report.header_row} 行{title}。"
        )
        mapping = "；".join(f"{c.letter}列“{c.header}”→{c.field}" for c in report.columns)
        ignored = "、".join(f"“{h}”" for h in report.ignored_headers)
        self.mapping_label.setText(
            f"识别的列：{mapping}。" + (f"\n未识别、不导入的列：{ignored}。" if ignored else "")
        )
        skipped = f"，跳过合计/示例等 {report.skipped} 行" if report.skipped else ""
        self.counts_label.setText(
            f"新增 {report.imported}　更新 {report.updated}　未变 {report.unchanged}　"
            f"拒绝 {len(report.rejected)}{skipped}"
        )
        self.model.set_rows(report.rows)
        units = report.unknown_units or (
            report.new_units if self.create_units_check.isChecked() else ()
        )
        self.units_box.setVisible(bool(units))
        self.units_label.setText("、".join(units))
        if report.valid == 0:
            self._message("没有可以导入的行，请单位按拒绝原因更正后重新报送。")
        self.completeChanged.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.layout_label.clear()
        if isinstance(exc, DjdeskError):
            self._message(exc.message)
        else:
            self._message("检查时发生意外错误，详情见错误报告。")
            report_exception(exc, self)
        self.completeChanged.emit()

    def _message(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString("" if text == self.FILTERS[0] else text)


class ResultPage(QWizardPage):
    """第三步: the import itself, in the background, and what it did."""

    def __init__(self, ctx: UiContext, file_page: FilePage, preview: PreviewPage) -> None:
        super().__init__()
        self._ctx = ctx
        self._file_page = file_page
        self._preview = preview
        self._finished = False
        self.report: ImportReport | None = None
        self.setTitle("第三步：导入结果")
        self.setFinalPage(True)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setObjectName("importSummary")
        self.detail_label = _hint()
        self.rejected_text = QPlainTextEdit()
        self.rejected_text.setReadOnly(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.detail_label)
        layout.addWidget(self.rejected_text, 1)

    def isComplete(self) -> bool:
        return self._finished

    def initializePage(self) -> None:
        self._finished = False
        self.summary_label.setText("正在导入，请稍候……")
        self.detail_label.clear()
        self.rejected_text.clear()
        self.rejected_text.hide()
        self._set_closable(False)  # the progress window's 取消 stops the import safely
        ctx, path, create = self._ctx, self._file_page.path(), self._preview.create_units

        def work(progress: Any, cancelled: Any) -> ImportReport:
            return import_roster(
                ctx.db, path, actor=ctx.actor, paths=ctx.paths, create_units=create,
                progress=progress, cancelled=cancelled,
            )  # fmt: skip

        ctx.tasks.run_task(work, on_done=self._done, on_error=self._failed, title="导入花名册",
                           parent=self)  # fmt: skip

    def _set_closable(self, closable: bool) -> None:
        wizard = self.wizard()
        if wizard is not None:
            wizard.button(QWizard.WizardButton.CancelButton).setEnabled(closable)

    def _done(self, report: ImportReport) -> None:
        self._set_closable(True)
        self.report = report
        self._finished = True
        self.summary_label.setProperty("role", "success")
        self.summary_label.setText(report.summary())
        details = []
        if report.new_units:
            details.append(f"已登记新单位：{'、'.join(report.new_units)}。")
        if report.backup_file:
            details.append(f"导入前已备份数据库：{report.backup_file}")
        if report.rejected:
            details.append("以下各行未导入，请单位更正后重新报送：")
            self.rejected_text.setPlainText("\n".join(r.message for r in report.rejected))
            self.rejected_text.show()
        self.detail_label.setText("\n".join(details))
        self._ctx.notify("member")
        self.completeChanged.emit()

    def _failed(self, exc: BaseException) -> None:
        self._set_closable(True)
        self._finished = True
        self.summary_label.setProperty("role", "fieldError")
        if isinstance(exc, DjdeskError):
            self.summary_label.setText(exc.message)
            if isinstance(exc, NoValidRowsError):
                self.rejected_text.setPlainText("\n".join(r.message for r in exc.report.rejected))
                self.rejected_text.show()
        else:
            self.summary_label.setText("导入时发生意外错误，已全部撤销，数据库未做任何改动。")
            report_exception(exc, self)
        self.completeChanged.emit()


class ImportWizard(QWizard):
    """导入花名册: choose → check → import. ``report`` holds the result once imported."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("importWizard")
        self.setWindowTitle("导入在职党员花名册")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        for button, text in ((QWizard.WizardButton.BackButton, "< 上一步"),
                             (QWizard.WizardButton.NextButton, "下一步 >"),
                             (QWizard.WizardButton.FinishButton, "完成"),
                             (QWizard.WizardButton.CancelButton, "取消")):  # fmt: skip
            self.setButtonText(button, text)
        self.file_page = FilePage(ctx)
        self.preview_page = PreviewPage(ctx, self.file_page)
        self.result_page = ResultPage(ctx, self.file_page, self.preview_page)
        for page in (self.file_page, self.preview_page, self.result_page):
            self.addPage(page)
        self.resize(1120, 700)

    @property
    def report(self) -> ImportReport | None:
        return self.result_page.report
