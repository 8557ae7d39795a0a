"""事项清单: the three lists of the catalogue version in use, every version, and what changed.

One tab per list (保留社区工作事项, 协助政府工作事项, 依法证明事项) with its items; the card at
the right is the current item (legal basis, lead department, materials, time limit, the
certificate it issues). 版本与变化 lists the stored versions (effective date, issuing body,
document number, source) and shows the difference between any two. An administrator loads a
newer version from a file after seeing what it would change (:mod:`.catalog_load`).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from djdesk.errors import DjdeskError
from djdesk.services.cases.catalog_diff import diff_summary
from djdesk.services.cases.catalog_load import LoadReport
from djdesk.services.cases.catalog_query import (
    CatalogView,
    catalog_diff,
    current_catalog,
    list_versions,
)
from djdesk.services.cases.catalog_store import CatalogHeader
from djdesk.services.cases.types import CatalogKind
from djdesk.ui.cases.catalog_load import LoadPreviewDialog, ask_and_preview
from djdesk.ui.cases.catalog_models import CatalogItemsModel, DiffModel, VersionsModel
from djdesk.ui.cases.item_panel import ItemPanel
from djdesk.ui.common.context import UiContext, watch_changes
from djdesk.ui.common.errors import show_error
from djdesk.ui.common.page import Page, section_title
from djdesk.ui.common.table_view import record_table_view

LISTS = (CatalogKind.WORK, CatalogKind.ASSIST, CatalogKind.CERTIFICATE)


def header_text(header: CatalogHeader) -> str:
    sample = "（示例目录，请载入本区正式清单）" if header.sample else ""
    document = f" · {header.document}" if header.document else ""
    return (
        f"在用：第 {header.version} 版{sample} · {header.effective_date:%Y-%m-%d} 起施行"
        f" · {header.issuer}{document}"
    )


class CatalogPage(Page):
    """The lists of the version in use (tabs), the item card, versions and their difference."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(
            ctx, "事项清单", "社区工作事项、协助政府工作事项、依法证明事项（三张清单）"
        )
        self.setObjectName("catalogPage")
        self.load_button = self.add_action(QPushButton("载入新版本…"), primary=True)
        self.load_button.setObjectName("loadCatalog")
        self.load_button.setEnabled(ctx.is_admin)
        self.load_button.setToolTip(
            "载入区里发布的新版目录文件（仅管理员）：先显示将发生的变化，确认后才写入"
        )
        self.load_button.clicked.connect(self.load_new_version)
        self.view: CatalogView | None = None
        #: The load preview opened last (used by tests).
        self.dialog: LoadPreviewDialog | None = None

        self.header_label = QLabel()
        self.header_label.setObjectName("catalogHeader")
        self.header_label.setProperty("role", "value")
        self.header_label.setWordWrap(True)
        self.retired_check = QCheckBox("显示已停用事项")
        self.retired_check.setObjectName("showRetired")
        self.retired_check.toggled.connect(lambda _on: self._fill_lists())
        top = QHBoxLayout()
        top.addWidget(self.header_label, 1)
        top.addWidget(self.retired_check)
        self.body_layout.addLayout(top)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("catalogTabs")
        self.item_models: dict[CatalogKind, CatalogItemsModel] = {}
        self.item_views: dict[CatalogKind, QTableView] = {}
        for kind in LISTS:
            model = CatalogItemsModel()
            view = record_table_view(
                model, f"items_{kind.key}", stretch=(1,), status_column=CatalogItemsModel.COL_STATE
            )
            view.selectionModel().currentRowChanged.connect(
                lambda current, _prev, k=kind: self._show_item(k, current)
            )
            self.item_models[kind] = model
            self.item_views[kind] = view
            self.tabs.addTab(view, kind.value)
        self.tabs.addTab(self._versions_tab(), "版本与变化")
        self.tabs.currentChanged.connect(lambda _i: self._tab_changed())
        self.item_panel = ItemPanel()
        self.item_panel.setMinimumWidth(340)
        self.item_panel.setMaximumWidth(440)
        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addWidget(self.tabs, 1)
        columns.addWidget(self.item_panel)
        self.body_layout.addLayout(columns, 1)
        self.refresh()
        watch_changes(ctx, ("catalog_version",), lambda _c: self.refresh(), self)

    def _versions_tab(self) -> QWidget:
        self.versions_model = VersionsModel()
        self.versions_view = record_table_view(self.versions_model, "catalogVersions", stretch=(2,))
        self.versions_view.setMinimumHeight(120)
        self.old_combo = QComboBox()
        self.old_combo.setObjectName("diffOld")
        self.new_combo = QComboBox()
        self.new_combo.setObjectName("diffNew")
        self.compare_button = QPushButton("比较")
        self.compare_button.setObjectName("compareVersions")
        self.compare_button.clicked.connect(self.compare)
        self.diff_summary = QLabel()
        self.diff_summary.setObjectName("diffSummary")
        self.diff_summary.setProperty("role", "summary")
        self.diff_model = DiffModel()
        self.diff_view = record_table_view(
            self.diff_model, "catalogDiff", stretch=(2,), status_column=DiffModel.COL_CHANGE
        )
        self.diff_view.setMinimumHeight(200)
        row = QHBoxLayout()
        row.addWidget(QLabel("比较"))
        row.addWidget(self.old_combo)
        row.addWidget(QLabel("→"))
        row.addWidget(self.new_combo)
        row.addWidget(self.compare_button)
        row.addWidget(self.diff_summary, 1)
        tab = QWidget()
        layout = QVBoxLayout(tab)
        layout.addWidget(section_title("各版本"))
        layout.addWidget(self.versions_view)
        layout.addWidget(section_title("两个版本的差别"))
        layout.addLayout(row)
        layout.addWidget(self.diff_view, 1)
        return tab

    # -- data -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.view = current_catalog(self.ctx.db)
        self.header_label.setText(header_text(self.view.header))
        self._fill_lists()
        versions = list_versions(self.ctx.db) or [self.view.header]
        self.versions_model.set_records(versions)
        changed = self.old_combo.count() != len(versions)
        for combo in (self.old_combo, self.new_combo):
            keep = combo.currentData()
            combo.clear()
            for header in versions:
                combo.addItem(f"第 {header.version} 版", header.version)
            if not changed and keep is not None:
                combo.setCurrentIndex(max(combo.findData(keep), 0))
        if changed and len(versions) > 1:  # a new version: it against the one before
            self.old_combo.setCurrentIndex(1)
            self.new_combo.setCurrentIndex(0)
        self.compare_button.setEnabled(len(versions) > 1)
        if len(versions) > 1:
            self.compare()

    def _fill_lists(self) -> None:
        if self.view is None:
            return
        retired = self.retired_check.isChecked()
        for index, kind in enumerate(LISTS):
            items = self.view.of(kind, retired=retired)
            self.item_models[kind].set_records(items)
            active = len(self.view.of(kind))
            self.tabs.setTabText(index, f"{kind.value}（{active}）")
            if items:
                self.item_views[kind].setCurrentIndex(self.item_models[kind].index(0, 0))
        self._tab_changed()

    def _tab_changed(self) -> None:
        index = self.tabs.currentIndex()
        if index >= len(LISTS):
            self.item_panel.hide()
            return
        self.item_panel.show()
        kind = LISTS[index]
        self._show_item(kind, self.item_views[kind].currentIndex())

    def _show_item(self, kind: CatalogKind, index: QModelIndex) -> None:
        if self.tabs.currentIndex() < len(LISTS) and LISTS[self.tabs.currentIndex()] != kind:
            return
        item = self.item_models[kind].record(index.row()) if index.isValid() else None
        self.item_panel.show_item(item)

    def compare(self) -> None:
        old, new = self.old_combo.currentData(), self.new_combo.currentData()
        if old is None or new is None:
            return
        try:
            entries = catalog_diff(self.ctx.db, int(old), int(new))
        except DjdeskError as exc:
            show_error(exc, self)
            return
        self.diff_model.set_records(entries)
        self.diff_summary.setText(f"第 {old} 版 → 第 {new} 版：{diff_summary(entries)}")

    def show_versions(self) -> None:
        self.tabs.setCurrentIndex(len(LISTS))

    # -- loading --------------------------------------------------------------------------------

    def load_new_version(self) -> None:
        if not self.ctx.is_admin:
            return
        self.dialog = ask_and_preview(self.ctx, self, loaded=self._loaded)

    def _loaded(self, report: LoadReport) -> None:
        self.refresh()
        self.old_combo.setCurrentIndex(self.old_combo.findData(report.previous_version))
        self.new_combo.setCurrentIndex(self.new_combo.findData(report.version))
        self.compare()
        self.show_versions()
