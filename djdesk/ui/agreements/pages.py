"""The agreements area's pages: 协议管理 for everyone, 文书模板 for administrators."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from djdesk.actor import ADMINS
from djdesk.ui.common.context import UiContext
from djdesk.ui.registry import PageSpec


def _agreements_page(ctx: UiContext) -> QWidget:
    from djdesk.ui.agreements.agreements_page import AgreementsPage

    return AgreementsPage(ctx)


def _templates_page(ctx: UiContext) -> QWidget:
    from djdesk.ui.agreements.template_editor_page import TemplateEditorPage

    return TemplateEditorPage(ctx)


PAGES = [
    PageSpec(
        "agreements",
        "协议管理",
        _agreements_page,
        "共驻共建协议书、目标责任书、党群连心卡：拟定、打印、签订、续签",
        order=500,
    ),
    PageSpec(
        "templates",
        "文书模板",
        _templates_page,
        "协议和责任书的条款模板：编辑、预览、保存新版本（管理员）",
        ADMINS,
        order=510,
    ),
]
