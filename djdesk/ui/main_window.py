"""The main window: left navigation, page stack, status bar, menus; remembers its geometry.

Pages come from :mod:`djdesk.ui.registry` and are built the first time they are shown;
a page limited to some roles is left out for the others. The 账户 menu changes the password,
locks the window (see :mod:`djdesk.ui.accounts.idle_lock`) or lets another user log in, after
which the
pages are rebuilt for the new role; a restore rebuilds them on the new database. Window
geometry and the last page are kept in ``ui-state.ini`` in the data folder.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from djdesk import APP_TITLE, __version__
from djdesk.actor import Actor
from djdesk.errors import DjdeskError
from djdesk.services.accounts.users import UserInfo, get_user, has_users
from djdesk.services.site.identity import SiteInfo, get_site
from djdesk.ui.about import version_rows
from djdesk.ui.accounts.damage import install_damage_banner
from djdesk.ui.accounts.idle_lock import SessionLock
from djdesk.ui.accounts.login_dialog import remember_username
from djdesk.ui.accounts.password_dialogs import ChangePasswordDialog
from djdesk.ui.common.context import UiContext, watch_changes
from djdesk.ui.common.desktop import open_folder
from djdesk.ui.common.theme import TEXT_MUTED
from djdesk.ui.registry import PageSpec, default_pages

log = logging.getLogger(__name__)

DEFAULT_SIZE = QSize(1280, 800)
NAV_WIDTH = 200
NAV_ITEM_HEIGHT = 42
GEOMETRY_KEY = "main_window/geometry"
LAST_PAGE_KEY = "main_window/last_page"
#: How long a notice (e.g. the daily backup's result) stays in the status bar.
NOTICE_MS = 120_000


class MainWindow(QMainWindow):
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

        self.nav = QListWidget()
        self.nav.setObjectName("navList")
        self.nav.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fill_nav()
        self.stack = QStackedWidget()
        self.stack.setObjectName("pageStack")

        self.nav_brand = QLabel("党群服务中心")
        self.nav_brand.setObjectName("navBrand")
        brand_font = self.nav_brand.font()
        brand_font.setPointSize(brand_font.pointSize() + 3)
        brand_font.setBold(True)
        self.nav_brand.setFont(brand_font)
        self.nav_site = QLabel()
        self.nav_site.setObjectName("navSite")
        self.nav_site.setWordWrap(True)
        nav_panel = QFrame()
        nav_panel.setObjectName("navPanel")
        nav_panel.setFixedWidth(NAV_WIDTH)
        nav_layout = QVBoxLayout(nav_panel)
        nav_layout.setContentsMargins(0, 0, 0, 12)
        nav_layout.setSpacing(0)
        nav_layout.addWidget(self.nav_brand)
        nav_layout.addWidget(self.nav_site)
        nav_layout.addWidget(self.nav, 1)
        version = QLabel(f"版本 {__version__}")
        version.setProperty("role", "caption")
        version.setContentsMargins(18, 0, 18, 0)
        nav_layout.addWidget(version)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(nav_panel)
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
        self.nav.currentRowChanged.connect(self._on_nav_row_changed)
        watch_changes(ctx, ("site",), lambda _c: self.show_site(get_site(self.ctx.db)), self)
        ctx.events.page_requested.connect(self.open_page)
        ctx.events.database_replaced.connect(self._on_database_replaced)
        self.damage_banner = install_damage_banner(self)
        self.show_site(get_site(ctx.db))
        self._show_user()
        self._restore_state()

    # -- menus ----------------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("文件(&F)")
        self.open_data_dir_action = QAction("打开数据文件夹(&D)", self)
        self.open_data_dir_action.triggered.connect(
            lambda: open_folder(self.ctx.paths.data_dir, self)
        )
        file_menu.addAction(self.open_data_dir_action)
        file_menu.addSeparator()
        quit_action = QAction("退出(&X)", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
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
        self.about_action = QAction("关于(&A)", self)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    def show_about(self) -> None:
        rows = "".join(
            f"<tr><td style='color:{TEXT_MUTED};padding-right:12px'>{title}</td>"
            f"<td>{value}</td></tr>"
            for title, value in version_rows(self.ctx.db, self.ctx.paths)
        )
        QMessageBox.about(
            self,
            "关于",
            f"<h3>{APP_TITLE}</h3>"
            "<p>社区党群服务中心前台工作台：在职党员报到、场地预约、事项登记、"
            "文书打印与数据上报。</p>"
            f"<table>{rows}</table>",
        )

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
        """Lock the window so that another user can log in; ``False`` if the user declined."""
        unsaved = self.unsaved_pages()
        if unsaved:
            answer = QMessageBox.question(
                self,
                "未保存的修改",
                f"“{'”“'.join(unsaved)}”页有未保存的修改，换人登录后将不再保留。仍要退出登录吗？",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        return self.session.lock(switch_user=True)

    def notify(self, text: str) -> None:
        """A passing notice in the status bar."""
        log.info("status: %s", text)
        self.statusBar().showMessage(text, NOTICE_MS)

    # -- page set -------------------------------------------------------------------------------

    def _visible_specs(self) -> list[PageSpec]:
        role = self.ctx.actor.role
        return [s for s in self.all_page_specs if s.roles is None or role in s.roles]

    def _fill_nav(self) -> None:
        self.nav.blockSignals(True)
        self.nav.clear()
        for spec in self.page_specs:
            item = QListWidgetItem(spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            item.setToolTip(spec.tooltip or spec.title)
            item.setSizeHint(QSize(NAV_WIDTH - 20, NAV_ITEM_HEIGHT))
            self.nav.addItem(item)
        self.nav.blockSignals(False)

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
        widget = self.page(key)
        self.stack.setCurrentWidget(widget)
        refresh = getattr(widget, "refresh", None)
        if callable(refresh) and key in self._shown:
            refresh()  # a page loads itself when built; later visits bring it up to date
        self._shown.add(key)
        log.debug("page %s shown", key)

    # -- site -----------------------------------------------------------------------------------

    def show_site(self, site: SiteInfo | None) -> None:
        if site is None:
            self.setWindowTitle(APP_TITLE)
            self.nav_site.setText("尚未设置站点")
            self.status_site.setText("站点：尚未设置")
            return
        self.setWindowTitle(f"{APP_TITLE} — {site.short_name}")
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
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return DEFAULT_SIZE
        room = screen.availableGeometry().size() * 0.92
        return DEFAULT_SIZE.boundedTo(room)

    def save_state(self) -> None:
        self.ui_state.setValue(GEOMETRY_KEY, self.saveGeometry())
        self.ui_state.setValue(LAST_PAGE_KEY, self.current_page_key() or "")
        self.ui_state.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        unsaved = self.unsaved_pages()
        if unsaved:
            answer = QMessageBox.question(
                self,
                "未保存的修改",
                f"“{'”“'.join(unsaved)}”页有未保存的修改，仍要退出吗？",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.save_state()
        self.session.stop()
        super().closeEvent(event)
