"""The exchange area's pages: 数据交换 (every level) and 街道汇总 (streets and districts)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from djdesk.ui.common.context import UiContext
from djdesk.ui.registry import PageSpec


def _exchange_page(ctx: UiContext) -> QWidget:
    from djdesk.ui.exchange.exchange_page import ExchangePage

    return ExchangePage(ctx)


def _street_page(ctx: UiContext) -> QWidget:
    from djdesk.ui.exchange.street_page import StreetPage

    return StreetPage(ctx)


PAGES = [
    PageSpec(
        "exchange",
        "数据交换",
        _exchange_page,
        "导出上报数据包、导入下级单位的数据包、密钥与下级单位",
        order=800,
    ),
    PageSpec(
        "street",
        "街道汇总",
        _street_page,
        "各社区数据的汇总报表（街道、区使用）",
        order=810,
        levels=("街道", "区"),
    ),
]
