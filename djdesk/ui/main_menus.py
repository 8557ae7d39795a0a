"""The main window's menus (文件, 账户, 帮助) and the windows they open (关于, 快捷键).

A mixin of :class:`~djdesk.ui.main_window.MainWindow`, kept apart so that the window module
holds the page set and its state. 文件 → 新建… (Ctrl+N) follows the page in front; 帮助 → 快捷键
(F1) lists every key from where it is defined.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMainWindow, QMenu

from djdesk.ui.about import AboutDialog
from djdesk.ui.common.desktop import open_folder
from djdesk.ui.common.page import NEW_SHORTCUT
from djdesk.ui.nav_panel import NAV_SHORTCUT, page_shortcut
from djdesk.ui.shortcuts_dialog import ShortcutsDialog

if TYPE_CHECKING:
    from djdesk.ui.accounts.idle_lock import SessionLock
    from djdesk.ui.common.context import UiContext
    from djdesk.ui.registry import PageSpec


class MenusMixin(QMainWindow):
    """Builds the menu bar; the window provides ``ctx``, ``page_specs`` and the slots."""

    ctx: UiContext
    page_specs: list[PageSpec]
    dialog: QDialog | None
    session: SessionLock

    # Provided by the window.
    def create_new(self) -> bool:
        raise NotImplementedError

    def change_password(self) -> QDialog:
        raise NotImplementedError

    def logout(self) -> bool:
        raise NotImplementedError

    # -- menus ----------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")
        self.new_action = QAction("新建(&N)", self)
        self.new_action.setShortcut(QKeySequence(NEW_SHORTCUT))
        self.new_action.triggered.connect(self.create_new)
        file_menu.addAction(self.new_action)
        file_menu.addSeparator()
        self.open_data_dir_action = QAction("打开数据文件夹(&D)", self)
        self.open_data_dir_action.triggered.connect(
            lambda: open_folder(self.ctx.paths.data_dir, self)
        )
        file_menu.addAction(self.open_data_dir_action)
        file_menu.addSeparator()
        quit_action = QAction("退出(&X)", self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        account_menu = self.menuBar().addMenu("账户(&U)")
        self.change_password_action = QAction("修改密码(&P)…", self)
        self.change_password_action.triggered.connect(self.change_password)
        self.lock_action = QAction("锁定(&L)", self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(lambda: self.session.lock())
        self.logout_action = QAction("退出登录(&O)", self)
        self.logout_action.setToolTip("锁定窗口，让另一位工作人员登录")
        self.logout_action.triggered.connect(self.logout)
        for action in (self.change_password_action, self.lock_action, self.logout_action):
            account_menu.addAction(action)
        account_menu.insertSeparator(self.lock_action)

        help_menu = self.menuBar().addMenu("帮助(&H)")
        self.shortcuts_action = QAction("快捷键(&K)", self)
        self.shortcuts_action.setShortcut(QKeySequence("F1"))
        self.shortcuts_action.triggered.connect(self.show_shortcuts)
        self.about_action = QAction("关于(&A)", self)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.shortcuts_action)
        help_menu.addAction(self.about_action)

    def _open_dialog(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def show_about(self) -> QDialog:
        return self._open_dialog(AboutDialog(self.ctx.db, self.ctx.paths, self))

    def shortcut_rows(self) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
        """(page keys, menu keys) as shown in 帮助 → 快捷键."""
        pages = [(NAV_SHORTCUT, "转到页面列表（↑↓ 选择页面，Enter 进入）")]
        pages += [
            (page_shortcut(i), spec.title)
            for i, spec in enumerate(self.page_specs)
            if page_shortcut(i)
        ]
        menu_keys = [
            (action.shortcut().toString(QKeySequence.SequenceFormat.NativeText), label)
            for menu_action in self.menuBar().actions()
            if isinstance(menu := menu_action.menu(), QMenu)
            for action in menu.actions()
            if not action.shortcut().isEmpty()
            and (label := action.text().replace("(&", "（").replace(")", "）").split("（")[0])
        ]
        return pages, menu_keys

    def show_shortcuts(self) -> QDialog:
        pages, menu_keys = self.shortcut_rows()
        return self._open_dialog(ShortcutsDialog(pages, menu_keys, self))
