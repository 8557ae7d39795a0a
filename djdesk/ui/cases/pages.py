"""The 服务事项 area's pages: 办件登记 (the counter), 办件记录 and 事项清单.

The keys are the ones the area's overview tiles open (今日办件 → ``cases``, 本月证明 →
``case-records``, 服务事项目录 → ``catalog``).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from djdesk.ui.common.context import UiContext
from djdesk.ui.registry import PageSpec


def _counter_page(ctx: UiContext) -> QWidget:
    from djdesk.ui.cases.counter_page import CaseCounterPage

    return CaseCounterPage(ctx)


def _records_page(ctx: UiContext) -> QWidget:
    from djdesk.ui.cases.records_page import CaseRecordsPage

    return CaseRecordsPage(ctx)


def _catalog_page(ctx: UiContext) -> QWidget:
    from djdesk.ui.cases.catalog_page import CatalogPage

    return CatalogPage(ctx)


PAGES = [
    PageSpec(
        "cases",
        "办件登记",
        _counter_page,
        "按编号、名称或拼音首字母查找事项并登记办件；扫描证明上的验证码即可核验",
        order=300,
    ),
    PageSpec(
        "case-records",
        "办件记录",
        _records_page,
        "办件记录、证明的打印与作废、出具证明登记簿和统计报表",
        order=310,
    ),
    PageSpec(
        "catalog",
        "事项清单",
        _catalog_page,
        "三张清单的在用版本、各版本及其变化；管理员载入新版本",
        order=320,
    ),
]
