"""The site area's page: 设置 (always last in the navigation)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from djdesk.ui.common.context import UiContext
from djdesk.ui.registry import LAST, PageSpec


def _settings_page(ctx: UiContext) -> QWidget:
    from djdesk.ui.site.settings_page import SettingsPage

    return SettingsPage(ctx)


PAGES = [PageSpec("settings", "设置", _settings_page, "本机站点信息、数据文件夹与版本", order=LAST)]
