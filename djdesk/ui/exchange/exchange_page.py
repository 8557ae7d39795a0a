"""数据交换: one page with the 导出, 导入, 密钥与下级单位 tabs."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget

from djdesk.ui.common.context import UiContext, watch_changes
from djdesk.ui.common.page import Page
from djdesk.ui.exchange.export_panel import ExportPanel
from djdesk.ui.exchange.import_panel import ImportPanel
from djdesk.ui.exchange.keys_panel import KeysPanel


class ExchangePage(Page):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx, "数据交换", "上报数据包、导入下级单位的数据包、密钥与下级单位")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("exchangeTabs")
        self.export_panel = ExportPanel(ctx)
        self.import_panel = ImportPanel(ctx)
        self.keys_panel = KeysPanel(ctx)
        self.tabs.addTab(self.export_panel, "导出")
        self.tabs.addTab(self.import_panel, "导入")
        self.tabs.addTab(self.keys_panel, "密钥与下级单位")
        self.body_layout.addWidget(self.tabs, 1)
        watch_changes(ctx, ("site",), lambda _change: self.refresh(), self)

    def refresh(self) -> None:
        self.export_panel.refresh()
        self.import_panel.refresh()
        self.keys_panel.refresh()
