"""The document register's page: 文书登记 (after the areas' own pages, before administration)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from djdesk.ui.common.context import UiContext
from djdesk.ui.registry import PageSpec


def _register_page(ctx: UiContext) -> QWidget:
    from djdesk.ui.documents.register_page import RegisterPage

    return RegisterPage(ctx)


PAGES = [
    PageSpec(
        "documents",
        "文书登记",
        _register_page,
        "打印和保存过的文书：按编号查找、查看输出记录、补打",
        order=850,
    )
]
