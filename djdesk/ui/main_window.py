"""The main window: left navigation, page stack, status bar, menus; remembers its geometry.

Pages come from :mod:`djdesk.ui.registry` and are built the first time they are shown;
a page limited to some roles is left out for the others. The 账户 menu changes the password,
locks the window (see :mod:`djdesk.ui.accounts.idle_lock`) or lets another user log in, after
which the pages are rebuilt for the new role; a restore rebuilds them on the new database.
Window geometry and the last page are kept in ``ui-state.ini`` in the data folder.

By keyboard: Ctrl+1 … Ctrl+9 open the pages in navigation order (the tooltips say which), F6
goes into the navigation; in it (its current item drawn with the blue focus ring) ↑/↓ move
between pages without leaving it, Enter or Tab go into the page. Ctrl+N (文件 → 新建…) creates
the page's main record where it has one. Closing the window, quitting or logging out while a
page or a form holds unsaved input asks first.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from djdesk import APP_TITLE
from djdesk.actor import Actor
from djdesk.errors import DjdeskError
from djdesk.services.accounts.users import UserInfo, get_user, has_users
from djdesk.services.site.identity import SiteInfo, get_site
from djdesk.ui.accounts.damage import install_damage_banner
from djdesk.ui.accounts.idle_lock import SessionLock
from djdesk.ui.accounts.login_dialog import remember_username
from djdesk.ui.accounts.password_dialogs import ChangePasswordDialog
from djdesk.ui.common.confirm import ConfirmDialog, confirm
from djdesk.ui.common.context import UiContext, watch_changes
from djdesk.ui.common.dialogs import available_room
from djdesk.ui.main_menus import MenusMixin
from djdesk.ui.nav_panel import NAV_SHORTCUT, PAGE_KEYS, NavPanel, page_shortcut
from djdesk.ui.registry import PageSpec, default_pages, visible_pages

log = logging.getLogger(__name__)

DEFAULT_SIZE = QSize(1280, 800)
GEOMETRY_KEY = "main_window/geometry"
LAST_PAGE_KEY = "main_window/last_page"
#: How long a notice (e.g. the daily backup's result) stays in the status bar.
NOTICE_MS = 120_000


class MainWindow(MenusMixin, QMainWindow):
    """One window over one database; everything it needs arrives in ``ctx``."""

    def __init__(self, ctx: UiContext, *, pages: list[PageSpec] | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("mainWindow")
        self.all_page_specs = pages if pages is not None else default_pages()
        self.page_specs = self._visible_specs()
        self._pages: dict[str, QWidget] = {}
        self._shown: set[str] = set()
        self.ui_state = QSettings(str(ctx.paths.ui_state_file), QSettings.Format.IniFormat)

        #: The last question (unsaved input) or help window opened (kept alive; for tests).
        self.dialog: QDialog | None = None
        self._closing = False
        self.nav_panel = NavPanel()
        self.nav = self.nav_panel.nav
        self.nav_site = self.nav_panel.site
        self.nav_panel.entered.connect(self.enter_page)
        self._fill_nav()
        self.stack = QStackedWidget()
        self.stack.setObjectName("pageStack")

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav_panel)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.status_site = QLabel()
        self.status_site.setObjectName("statusSite")
        self.status_user = QLabel()
        self.status_user.setObjectName("statusUser")
        self.status_data_dir = QLabel(f"数据文件夹：{ctx.paths.data_dir}")
        self.status_data_dir.setObjectName("statusDataDir")
        self.statusBar().addWidget(self.status_site)
        self.statusBar().addPermanentWidget(self.status_user)
        self.statusBar().addPermanentWidget(self.status_data_dir)
        self.statusBar().setSizeGripEnabled(True)

        self.session = SessionLock(self, ctx)
        self.session.actor_changed.connect(self.set_actor)
        self._build_menus()
        self.page_shortcuts: list[QShortcut] = []
        for index in range(PAGE_KEYS):
            shortcut = QShortcut(QKeySequence(page_shortcut(index)), self)
            shortcut.activated.connect(lambda i=index: self.go_to_page(i))
            self.page_shortcuts.append(shortcut)
        # Past the ninth page: F6 puts the keyboard in the page list (↑↓, Enter goes in).
        self.nav_shortcut = QShortcut(QKeySequence(NAV_SHORTCUT), self)
        self.nav_shortcut.activated.connect(self.focus_navigation)
        self.nav.currentRowChanged.connect(self._on_nav_row_changed)
        watch_changes(ctx, ("site",), lambda _c: self._site_changed(), self)
        ctx.events.page_requested.connect(self.open_page)
        ctx.events.database_replaced.connect(self._on_database_replaced)
        self.damage_banner = install_damage_banner(self)
        self.show_site(get_site(ctx.db))
        self._show_user()
        self._restore_state()

    # -- account --------------------------------------------------------------------------------

    def _show_user(self) -> None:
        actor = self.ctx.actor
        self.status_user.setText(f"用户：{actor.display_name}（{actor.role.value}）")
        has_password = actor.user_id is not None
        for action in (self.change_password_action, self.lock_action, self.logout_action):
            action.setEnabled(has_password)

    def set_actor(self, actor: Actor) -> None:
        """Another user logged in: rebuild the pages for their role."""
        self.ctx.actor = actor
        remember_username(self.ctx.paths, actor.username)
        self.session.actor_updated()
        self._show_user()
        self.rebuild_pages()

    def change_password(self) -> ChangePasswordDialog:
        dialog = ChangePasswordDialog(self.ctx.db, self.ctx.actor, parent=self)
        dialog.accepted.connect(lambda: self.notify("密码已修改，下次登录请使用新密码。"))
        dialog.open()
        return dialog

    def logout(self) -> bool:
        """Lock the window so that another user can log in.

        With unsaved input somewhere the clerk is asked first (``False`` now; the lock follows
        if the clerk chooses 仍然退出登录).
        """
        unsaved = self.unsaved_work()
        if unsaved:
            self._ask_unsaved(
                unsaved,
                "换人登录后将不再保留。",
                "仍然退出登录",
                lambda: self.session.lock(switch_user=True),
            )
            return False
        return self.session.lock(switch_user=True)

    def _ask_unsaved(
        self, unsaved: list[str], then: str, action: str, on_confirm: Callable[[], object]
    ) -> ConfirmDialog:
        self.dialog = confirm(
            self,
            title="未保存的修改",
            heading="有未保存的修改",
            text=f"{'、'.join(unsaved)}还有未保存的内容，{then}",
            action=action,
            safe="返回继续",
            on_confirm=on_confirm,
        )
        return self.dialog

    def notify(self, text: str) -> None:
        """A passing notice in the status bar."""
        log.info("status: %s", text)
        self.statusBar().showMessage(text, NOTICE_MS)

    # -- page set -------------------------------------------------------------------------------

    def _visible_specs(self) -> list[PageSpec]:
        """The pages of the user's role and of this site's level (a community has no 街道汇总)."""
        site = get_site(self.ctx.db)
        level = site.level if site is not None else None
        return visible_pages(self.all_page_specs, self.ctx.actor.role, level)

    def _site_changed(self) -> None:
        self.show_site(get_site(self.ctx.db))
        if [s.key for s in self._visible_specs()] != self.page_keys():
            self.rebuild_pages()  # the level changed: another page set

    def _fill_nav(self) -> None:
        self.nav_panel.fill(self.page_specs)

    def rebuild_pages(self) -> None:
        """Throw the pages away and build them again (new role, or a new database)."""
        current = self.current_page_key()
        for widget in self._pages.values():
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self._pages.clear()
        self._shown.clear()
        self.page_specs = self._visible_specs()
        self._fill_nav()
        keys = self.page_keys()
        if keys:
            self.show_page(current if current in keys else keys[0])

    def _on_database_replaced(self, _db: object) -> None:
        self.show_site(get_site(self.ctx.db))
        self.notify("已切换到恢复后的数据。")
        actor = self.ctx.actor
        if actor.user_id is None:
            self.rebuild_pages()
            return
        # The restored data has its own accounts: the user may be gone, disabled or changed.
        try:
            user: UserInfo | None = get_user(self.ctx.db, actor.user_id)
        except DjdeskError:
            user = None
        if user is not None and user.username == actor.username and user.active:
            self.ctx.actor = Actor(user.username, user.display_name, user.role, user.id)
            self._show_user()
            self.rebuild_pages()
        elif has_users(self.ctx.db):
            log.info("account %s not in the restored data: asking for a login", actor.username)
            self.rebuild_pages()
            self.session.lock(switch_user=True)
        else:  # a backup from before any account existed: the next start creates one
            self.rebuild_pages()
            self.notify("已切换到恢复后的数据；其中没有用户账户，下次启动时需先创建管理员。")

    def unsaved_pages(self) -> list[str]:
        """Titles of built pages whose ``is_dirty()`` says they hold unsaved input."""
        return [
            spec.title
            for spec in self.page_specs
            if spec.key in self._pages
            and callable(is_dirty := getattr(self._pages[spec.key], "is_dirty", None))
            and is_dirty()
        ]

    def unsaved_work(self) -> list[str]:
        """Where unsaved input is: “设置”页, and open forms (“办理报到”表单 …)."""
        pages = [f"“{title}”页" for title in self.unsaved_pages()]
        forms = [
            f"“{dialog.windowTitle()}”表单"
            for dialog in self.findChildren(QDialog)
            if dialog.isVisible()
            and callable(is_dirty := getattr(dialog, "is_dirty", None))
            and is_dirty()
        ]
        return pages + forms

    # -- pages ----------------------------------------------------------------------------------

    def page_keys(self) -> list[str]:
        return [spec.key for spec in self.page_specs]

    def page(self, key: str) -> QWidget:
        """The page widget for ``key``, built on first use."""
        if key not in self._pages:
            spec = next(s for s in self.page_specs if s.key == key)
            widget = spec.factory(self.ctx)
            widget.setObjectName(widget.objectName() or f"page_{key}")
            self._pages[key] = widget
            self.stack.addWidget(widget)
        return self._pages[key]

    def show_page(self, key: str) -> None:
        """Bring a page to the front (and select it in the navigation)."""
        row = self.page_keys().index(key)
        if self.nav.currentRow() == row:
            self._on_nav_row_changed(row)  # after a rebuild the row may already be current
        else:
            self.nav.setCurrentRow(row)

    def open_page(self, key: str) -> bool:
        """Bring ``key`` to the front if this user may see it (a tile asked); ``True`` if so."""
        if key not in self.page_keys():
            log.info("page %s requested but not available", key)
            return False
        self.show_page(key)
        return True

    def current_page_key(self) -> str | None:
        row = self.nav.currentRow()
        return self.page_specs[row].key if 0 <= row < len(self.page_specs) else None

    def _on_nav_row_changed(self, row: int) -> None:
        if not 0 <= row < len(self.page_specs):
            return
        key = self.page_specs[row].key
        in_nav = self.nav.hasFocus()
        widget = self.page(key)
        self.stack.setCurrentWidget(widget)
        refresh = getattr(widget, "refresh", None)
        if callable(refresh) and key in self._shown:
            refresh()  # a page loads itself when built; later visits bring it up to date
        self._shown.add(key)
        if in_nav:  # ↑/↓ in the navigation: the keyboard stays there
            self.nav.setFocus(Qt.FocusReason.OtherFocusReason)
        self._update_new_action(widget)
        log.debug("page %s shown", key)

    def _update_new_action(self, widget: QWidget) -> None:
        title = getattr(widget, "new_action_title", "")
        self.new_action.setText(f"{title}(&N)" if title else "新建(&N)")
        button = getattr(widget, "new_button", None)
        self.new_action.setEnabled(bool(title) and (button is None or button.isEnabled()))

    def create_new(self) -> bool:
        """Ctrl+N: the page in front creates its main record (新建报到, 登记单位 …)."""
        widget = self.stack.currentWidget()
        create = getattr(widget, "create_new", None)
        return bool(create()) if callable(create) else False

    def focus_navigation(self) -> None:
        """F6: the keyboard goes to the page list (every page, also those past Ctrl+9)."""
        self.nav.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def go_to_page(self, index: int) -> bool:
        """Ctrl+1 … Ctrl+9: bring the page at ``index`` to the front and go into it."""
        if not 0 <= index < len(self.page_specs):
            return False
        self.show_page(self.page_specs[index].key)
        self.enter_page()
        return True

    def enter_page(self) -> QWidget | None:
        """Put the keyboard into the page in front (its entry field, or its first stop)."""
        page = self.stack.currentWidget()
        if page is None:
            return None
        entry = getattr(page, "entry_widget", None)
        target = entry() if callable(entry) else None
        if target is None:
            target = next(
                (
                    w
                    for w in page.findChildren(QWidget)
                    if w.isVisibleTo(page)
                    and w.isEnabled()
                    and w.focusPolicy() & Qt.FocusPolicy.TabFocus
                ),
                None,
            )
        if target is not None:
            target.setFocus(Qt.FocusReason.TabFocusReason)
        return target

    # -- site -----------------------------------------------------------------------------------

    def show_site(self, site: SiteInfo | None) -> None:
        # Qt adds the application's display name (APP_TITLE) to every window title itself.
        if site is None:
            self.setWindowTitle(APP_TITLE)
            self.nav_site.setText("尚未设置站点")
            self.status_site.setText("站点：尚未设置")
            return
        self.setWindowTitle(site.short_name)
        self.nav_site.setText(site.short_name)
        self.nav_site.setToolTip(site.name)
        self.status_site.setText(f"站点：{site.name}（{site.code}）")

    # -- state ----------------------------------------------------------------------------------

    def _restore_state(self) -> None:
        geometry = self.ui_state.value(GEOMETRY_KEY)
        if not (geometry and self.restoreGeometry(geometry)):
            self.resize(self._default_size())
        last = self.ui_state.value(LAST_PAGE_KEY, "")
        keys = self.page_keys()
        if keys:
            self.show_page(last if last in keys else keys[0])

    def _default_size(self) -> QSize:
        """1280×800, or less on a small screen (leaving room for the taskbar)."""
        return DEFAULT_SIZE.boundedTo(available_room(self).size() * 0.92)

    def save_state(self) -> None:
        self.ui_state.setValue(GEOMETRY_KEY, self.saveGeometry())
        self.ui_state.setValue(LAST_PAGE_KEY, self.current_page_key() or "")
        self.ui_state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        unsaved = [] if self._closing else self.unsaved_work()
        if unsaved:
            event.ignore()
            self._ask_unsaved(unsaved, "退出后将丢失。", "仍然退出", self._close_anyway)
            return
        self.save_state()
        self.session.stop()
        super().closeEvent(event)

    def _close_anyway(self) -> None:
        self._closing = True
        for dialog in self.findChildren(QDialog):
            discard = getattr(dialog, "discard", None)
            if dialog.isVisible() and callable(discard):
                discard()  # the clerk chose to drop the typed input
        self.close()
