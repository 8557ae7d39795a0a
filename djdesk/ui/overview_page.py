"""概览: the areas' figure tiles, the site card, record counts, where the data lives, and
printing the site sheet.

The tiles come from the areas (:func:`djdesk.services.overview.overview_tiles`); a tile that
names a page opens it. Tiles and counts follow every change notice; the site card follows
changes of the site.
"""

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
    QPushButton,
    QVBoxLayout,
)

from djdesk.services.areas import OverviewTile
from djdesk.services.overview import overview_tiles, record_counts
from djdesk.services.site.identity import SiteInfo, get_site
from djdesk.ui.common.context import Change, UiContext, watch_changes
from djdesk.ui.common.desktop import open_folder
from djdesk.ui.common.errors import report_exception
from djdesk.ui.common.page import Page, add_fact, caption, value_label
from djdesk.ui.common.pdf_preview import PdfPreviewDialog
from djdesk.ui.common.table_view import record_table_view
from djdesk.ui.common.theme import title_font
from djdesk.ui.common.tile import Tile
from djdesk.ui.record_counts_model import RecordCountsModel

if TYPE_CHECKING:
    from djdesk.services.printing import PrintedDocument

log = logging.getLogger(__name__)

PRINT_TITLE = "打印站点信息表"
#: Tiles per row on 概览 (four fit a 1366-pixel screen beside the navigation).
TILE_COLUMNS = 4


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
        #: The preview of the last site sheet, kept so it is not collected while open (tests).
        self.print_preview: PdfPreviewDialog | None = None
        self.last_pdf: Path | None = None
        self.tiles: list[Tile] = []

        # Every area adds tiles: they wrap in rows of TILE_COLUMNS instead of pushing the page
        # wider than a 1366-pixel screen.
        self.tiles_grid = QGridLayout()
        self.tiles_grid.setSpacing(16)
        self.body_layout.addLayout(self.tiles_grid)
        left = QVBoxLayout()
        left.setSpacing(16)
        left.addWidget(self._build_site_card())
        left.addWidget(self._build_locations_box())
        left.addStretch(1)
        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addLayout(left, 3)
        columns.addWidget(self._build_counts_box(), 2, Qt.AlignmentFlag.AlignTop)
        self.body_layout.addLayout(columns)
        self.body_layout.addStretch(1)

        watch_changes(ctx, None, self._on_change, self)
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
        self.counts_view = record_table_view(
            self.counts_model,
            "recordCounts",
            stretch=(RecordCountsModel.COL_LABEL,),
            minimum_height=150,
        )
        self.counts_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.counts_view.verticalHeader().setDefaultSectionSize(30)
        self.counts_view.horizontalHeader().setSectionResizeMode(
            RecordCountsModel.COL_COUNT, QHeaderView.ResizeMode.ResizeToContents
        )
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
        self._load_figures()

    def _on_change(self, change: Change) -> None:
        if change.kind == "site":
            self._show_site(get_site(self.ctx.db))
        self._load_figures()

    def _load_figures(self) -> None:
        self._show_tiles(overview_tiles(self.ctx.db))
        self._load_counts()

    def _show_tiles(self, tiles: list[OverviewTile]) -> None:
        """Replace the tiles (a handful: rebuilding them is simpler than updating)."""
        focused = next((t.page for t in self.tiles if t.hasFocus()), "")
        for tile in self.tiles:
            self.tiles_grid.removeWidget(tile)
            tile.deleteLater()
        self.tiles = []
        for index, spec in enumerate(tiles):
            tile = Tile(
                spec.title, spec.value, spec.detail, page=spec.page, attention=spec.attention
            )
            tile.setMinimumWidth(200)
            tile.activated.connect(self.ctx.events.page_requested)
            row, column = divmod(index, TILE_COLUMNS)
            self.tiles_grid.addWidget(tile, row, column)
            self.tiles.append(tile)
            if focused and spec.page == focused:
                tile.setFocus(Qt.FocusReason.OtherFocusReason)
        for column in range(TILE_COLUMNS):
            self.tiles_grid.setColumnStretch(column, 1)

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
        """Write the site information sheet as a PDF in the background, then preview it."""
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
        pdf = self.last_pdf = Path(printed.path)
        log.info("site sheet %s printed to %s", printed.serial, pdf)
        self.ctx.notify("issued_serial")
        self.ctx.notify("document_record", printed.document_id)
        # The one preview: print on a chosen printer (recorded in the register) or save a copy.
        dialog = self.print_preview = PdfPreviewDialog(
            pdf,
            title=f"站点信息表（{printed.serial}）",
            message=f"站点信息表（{printed.serial}）已生成，请选择打印机打印。",
            parent=self,
            ctx=self.ctx,
            document_id=printed.document_id or None,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def _print_failed(self, exc: BaseException) -> None:
        self.print_button.setEnabled(True)
        report_exception(exc, self)
