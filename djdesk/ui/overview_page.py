"""概览: the site card, record counts, where the data lives, and printing the site sheet."""

from __future__ import annotations

import logging
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from djdesk.services.overview import record_counts
from djdesk.services.site.identity import SiteInfo, get_site
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.desktop import open_file, open_folder
from djdesk.ui.common.page import Page, add_fact, caption, value_label
from djdesk.ui.common.theme import title_font
from djdesk.ui.record_counts_model import RecordCountsModel

if TYPE_CHECKING:
    from djdesk.services.printing import PrintedDocument

log = logging.getLogger(__name__)

PRINT_TITLE = "打印站点信息表"


def site_sheet_path(output_dir: Path, now: datetime | None = None) -> Path:
    """Where a printed site sheet goes: the output folder, one file per print."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    return output_dir / f"站点信息表-{stamp}.pdf"


class OverviewPage(Page):
    """The landing page: who this installation is and what it holds."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx, "概览", "本机站点与数据概况")
        self.refresh_button = self.add_action(QPushButton("刷新"))
        self.refresh_button.clicked.connect(self.refresh)
        self.print_button = self.add_action(QPushButton(PRINT_TITLE), primary=True)
        self.print_button.clicked.connect(self.print_site_sheet)
        #: The last "PDF ready" box, kept so it is not collected while open (and for tests).
        self.print_done_box: QMessageBox | None = None
        self.last_pdf: Path | None = None

        self.body_layout.addWidget(self._build_site_card())
        lower = QHBoxLayout()
        lower.setSpacing(16)
        lower.addWidget(self._build_counts_box(), 1)
        lower.addWidget(self._build_locations_box(), 1)
        self.body_layout.addLayout(lower)
        self.body_layout.addStretch(1)

        ctx.events.site_changed.connect(self._show_site)
        ctx.events.data_changed.connect(self._on_data_changed)
        self.refresh()

    # -- building -------------------------------------------------------------------------------

    def _build_site_card(self) -> QGroupBox:
        box = QGroupBox("本机站点")
        box.setObjectName("siteCard")
        self.site_name = QLabel()
        self.site_name.setProperty("role", "siteName")
        self.site_name.setFont(title_font(self.font(), 3))
        self.site_name.setWordWrap(True)
        self.site_values: dict[str, QLabel] = {
            key: value_label()
            for key in ("level", "code", "party_org", "phone", "address", "street", "district")
        }
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setColumnMinimumWidth(2, 90)
        facts = [
            ("层级", "level", "统计用区划代码", "code"),
            ("党组织", "party_org", "联系电话", "phone"),
            ("所属街道", "street", "所属区", "district"),
        ]
        for row, (left_title, left, right_title, right) in enumerate(facts):
            add_fact(grid, row, 0, left_title, self.site_values[left])
            add_fact(grid, row, 1, right_title, self.site_values[right])
        address_caption = caption("地址")
        address_caption.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        grid.addWidget(address_caption, len(facts), 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.site_values["address"], len(facts), 1, 1, 3)
        layout = QVBoxLayout(box)
        layout.setSpacing(12)
        layout.addWidget(self.site_name)
        layout.addLayout(grid)
        return box

    def _build_counts_box(self) -> QGroupBox:
        box = QGroupBox("记录统计")
        self.counts_model = RecordCountsModel()
        self.counts_view = QTableView()
        self.counts_view.setObjectName("recordCounts")
        self.counts_view.setModel(self.counts_model)
        self.counts_view.verticalHeader().hide()
        self.counts_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.counts_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.counts_view.setShowGrid(False)
        self.counts_view.setAlternatingRowColors(False)
        header = self.counts_view.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(RecordCountsModel.COL_LABEL, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(
            RecordCountsModel.COL_COUNT, QHeaderView.ResizeMode.ResizeToContents
        )
        self.counts_view.setMinimumHeight(150)
        layout = QVBoxLayout(box)
        layout.addWidget(self.counts_view)
        return box

    def _build_locations_box(self) -> QGroupBox:
        box = QGroupBox("数据位置")
        paths = self.ctx.paths
        db_text = str(self.ctx.db.file) if self.ctx.db.file else self.ctx.db.display_url
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(1, 1)
        self.location_values: dict[str, QLabel] = {}
        rows: list[tuple[str, str, Path | None]] = [
            ("数据库", db_text, self.ctx.db.file.parent if self.ctx.db.file else None),
            ("备份文件夹", str(paths.backup_dir), paths.backup_dir),
            ("打印输出", str(paths.output_dir), paths.output_dir),
        ]
        for row, (title, text, folder) in enumerate(rows):
            value = value_label(text)
            self.location_values[title] = value
            add_fact(grid, row, 0, title, value)
            if folder is not None:
                button = QPushButton("打开")
                button.setToolTip(f"在文件管理器中打开 {folder}")
                button.clicked.connect(lambda _=False, f=folder: open_folder(f, self))
                grid.addWidget(button, row, 2)
        layout = QVBoxLayout(box)
        layout.addLayout(grid)
        layout.addStretch(1)
        return box

    # -- data -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._show_site(get_site(self.ctx.db))
        self._load_counts()

    def _on_data_changed(self, _area: str) -> None:
        self._load_counts()

    def _load_counts(self) -> None:
        self.counts_model.set_counts(record_counts(self.ctx.db))
        view = self.counts_view
        rows_height = sum(view.rowHeight(r) for r in range(self.counts_model.rowCount()))
        view.setMinimumHeight(min(rows_height + view.horizontalHeader().height() + 6, 360))

    def _show_site(self, site: SiteInfo | None) -> None:
        if site is None:
            self.site_name.setText("尚未设置本机站点信息（请到“设置”页填写）")
            for label in self.site_values.values():
                label.setText("—")
            self.print_button.setEnabled(False)
            return
        self.print_button.setEnabled(True)
        self.site_name.setText(site.name)
        values = {
            "level": site.level,
            "code": site.code,
            "party_org": site.party_org,
            "phone": site.phone,
            "address": site.address,
            "street": " ".join(p for p in (site.street_name, site.street_code) if p),
            "district": " ".join(p for p in (site.district_name, site.district_code) if p),
        }
        for key, text in values.items():
            self.site_values[key].setText(text or "—")

    # -- printing -------------------------------------------------------------------------------

    def print_site_sheet(self) -> None:
        """Write the site information sheet as a PDF in the background, then offer to open it."""
        out_path = site_sheet_path(self.ctx.paths.output_dir)
        db, actor = self.ctx.db, self.ctx.actor

        def work(progress: Any, cancelled: Any) -> PrintedDocument:
            # Imported here: the printing service is a separate area and loads reportlab.
            from djdesk.services.site.sheet import print_site_sheet

            progress(0, 0, "正在生成站点信息表……")
            out_path.parent.mkdir(parents=True, exist_ok=True)
            return print_site_sheet(db, out_path, actor=actor)

        self.print_button.setEnabled(False)
        self.ctx.tasks.run_task(
            work,
            on_done=self._printed,
            on_error=self._print_failed,
            title=PRINT_TITLE,
            parent=self,
        )

    def _printed(self, printed: PrintedDocument) -> None:
        self.print_button.setEnabled(True)
        pdf = self.last_pdf = printed.path
        log.info("site sheet %s printed to %s", printed.serial, pdf)
        self.ctx.events.data_changed.emit("issued_serial")
        box = QMessageBox(
            QMessageBox.Icon.Information,
            "已生成站点信息表",
            f"站点信息表（{printed.serial}）已保存为：\n{pdf}\n\n是否现在打开？",
            QMessageBox.StandardButton.NoButton,
            self,
        )
        self.open_pdf_button = box.addButton("打开", QMessageBox.ButtonRole.AcceptRole)
        self.open_folder_button = box.addButton("打开所在文件夹", QMessageBox.ButtonRole.ActionRole)
        box.addButton("关闭", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(self.open_pdf_button)
        box.buttonClicked.connect(self._print_box_clicked)
        self.print_done_box = box
        box.open()

    def _print_box_clicked(self, button: object) -> None:
        if self.last_pdf is None:
            return
        if button is self.open_pdf_button:
            open_file(self.last_pdf, self)
        elif button is self.open_folder_button:
            open_folder(self.last_pdf.parent, self)

    def _print_failed(self, exc: BaseException) -> None:
        self.print_button.setEnabled(True)
        from djdesk.ui.common.errors import report_exception

        report_exception(exc, self)
