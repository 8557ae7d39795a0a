"""导入花名册 — the wizard that imports a unit's roster of in-service Party members.

Page 1 chooses the file (and offers the blank template), page 2 checks it in the background and
shows the detected sheet, header row and column mapping with every row's outcome (新增 / 更新 /
未变 / 警告 / 拒绝 and why), page 3 runs the import in the background and shows what was done.
Rows naming grids this community lacks are 警告 (imported with the grid left empty); one button
re-checks the file with those grids to be created. All work goes through
:mod:`djdesk.services.checkin.roster_import`; nothing here touches the database itself.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QSortFilterProxyModel
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
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
from djdesk.ui.checkin.import_file_page import FilePage, hint
from djdesk.ui.checkin.import_rows_model import ImportRowsModel
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.errors import report_exception

log = logging.getLogger(__name__)


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

        self.layout_label = hint(role="value")
        self.mapping_label = hint()
        self.counts_label = QLabel()
        self.counts_label.setObjectName("importCounts")
        self.error_label = hint(role="fieldError")
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
        self.units_label = hint(role="value")
        self.create_units_check = QCheckBox(
            "同时登记这些单位（党组织类别按表中“单位类别”，未填时为 ⑨其他）"
        )
        self.create_units_check.toggled.connect(lambda _on: self.analyse())
        box = QVBoxLayout(self.units_box)
        box.addWidget(self.units_label)
        box.addWidget(self.create_units_check)
        self.units_box.hide()
        self._create_grids = False
        self.grids_box = QGroupBox("本社区没有的网格")
        self.grids_label = hint(role="value")
        self.create_grids_button = QPushButton()
        self.create_grids_button.setObjectName("createGridsButton")
        self.create_grids_button.clicked.connect(self._toggle_grids)
        grids_row = QHBoxLayout(self.grids_box)
        grids_row.addWidget(self.grids_label, 1)
        grids_row.addWidget(self.create_grids_button)
        self.grids_box.hide()

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
        layout.addWidget(self.grids_box)
        layout.addWidget(self.units_box)

    @property
    def create_units(self) -> bool:
        return self.create_units_check.isChecked() and not self.units_box.isHidden()

    @property
    def create_grids(self) -> bool:
        """The import creates the missing grids (chosen with the button)."""
        return self._create_grids

    def initializePage(self) -> None:
        self.create_units_check.blockSignals(True)
        self.create_units_check.setChecked(False)
        self.create_units_check.blockSignals(False)
        self.units_box.hide()
        self._create_grids = False
        self.grids_box.hide()
        self.analyse()

    def _toggle_grids(self) -> None:
        self._create_grids = not self._create_grids
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
        self.create_grids_button.setEnabled(False)
        path, db = self._file_page.path(), self._ctx.db
        units, grids = self.create_units_check.isChecked(), self._create_grids

        def work(progress: Any, cancelled: Any) -> ImportReport:
            return analyse_roster(
                db,
                path,
                create_units=units,
                create_grids=grids,
                progress=progress,
                cancelled=cancelled,
            )

        self._ctx.tasks.run_task(
            work,
            title="检查花名册",
            parent=self,
            on_done=lambda report: self._show(generation, report),
            on_error=lambda exc: self._failed(generation, exc),
        )

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
            f"警告 {len(report.warned)}　拒绝 {len(report.rejected)}{skipped}"
        )
        self.model.set_rows(report.rows)
        units = report.unknown_units or (
            report.new_units if self.create_units_check.isChecked() else ()
        )
        self.units_box.setVisible(bool(units))
        self.units_label.setText("、".join(units))
        self._show_grids(report)
        if report.valid == 0:
            self._message("没有可以导入的行，请单位按拒绝原因更正后重新报送。")
        self.completeChanged.emit()

    def _show_grids(self, report: ImportReport) -> None:
        if self._create_grids:
            names = report.new_grids
            self.grids_label.setText(f"导入时将新建这些网格（启用）：{'、'.join(names)}")
            self.create_grids_button.setText("不新建网格")
        else:
            names = report.unknown_grids
            self.grids_label.setText(
                f"{'、'.join(names)}。这些行将照常导入，网格留空（见“警告”）；"
                "也可以先新建这些网格，让这些行保留网格。"
            )
            self.create_grids_button.setText(f"创建缺少的网格（{len(names)} 个）")
        self.grids_box.setVisible(bool(names) or self._create_grids)
        self.create_grids_button.setEnabled(True)

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
        self.detail_label = hint()
        #: The 警告 and 拒绝 rows, each with its reason.
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
        ctx, path = self._ctx, self._file_page.path()
        units, grids = self._preview.create_units, self._preview.create_grids

        def work(progress: Any, cancelled: Any) -> ImportReport:
            return import_roster(
                ctx.db,
                path,
                actor=ctx.actor,
                paths=ctx.paths,
                create_units=units,
                create_grids=grids,
                progress=progress,
                cancelled=cancelled,
            )

        ctx.tasks.run_task(
            work, on_done=self._done, on_error=self._failed, title="导入花名册", parent=self
        )

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
        if report.new_grids:
            details.append(f"已新建网格：{'、'.join(report.new_grids)}。")
        if report.backup_file:
            details.append(f"导入前已备份数据库：{report.backup_file}")
        lines = []
        if report.warned:
            details.append("“警告”各行已导入，但未采用所注内容（网格可在党员卡片中调整）。")
            lines += ["以下各行已导入，部分内容未采用：", *(r.message for r in report.warned)]
        if report.rejected:
            details.append("“拒绝”各行未导入，请单位更正后重新报送。")
            lines += ["以下各行未导入：", *(r.message for r in report.rejected)]
        if lines:
            self.rejected_text.setPlainText("\n".join(lines))
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
        for button, text in (
            (QWizard.WizardButton.BackButton, "< 上一步"),
            (QWizard.WizardButton.NextButton, "下一步 >"),
            (QWizard.WizardButton.FinishButton, "完成"),
            (QWizard.WizardButton.CancelButton, "取消"),
        ):
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
