"""Take the documentation screenshots on a throw-away demo data folder.

Usage: ``.venv/bin/python scripts/screenshots.py [OUT_DIR]`` (default ``docs/images``). Runs
offscreen at 1366×768, the smallest screen a counter PC has (dialogs are fitted to that screen
less a 40-pixel taskbar); writes the first-run dialog, the main window's 概览 (with the areas'
tiles) and 设置, the sidebar with the keyboard in it, the check-in pages, the check-in form
empty, refused and filled in, the agreements pages and 文书登记 (:mod:`screenshots_agreements`),
and the safety pages with the restore confirmation.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("DJDESK_DATABASE_URL", None)

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from djdesk.actor import Actor
from djdesk.app import create_application, prepare_application
from djdesk.paths import AppPaths
from djdesk.services.demo import DemoOptions, fill_demo
from djdesk.services.store import Database, open_database
from djdesk.settings import Settings
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.tasks import SynchronousTaskRunner
from djdesk.ui.main_window import MainWindow
from djdesk.ui.site.site_dialog import SiteDialog

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshots_agreements import shoot_agreements_area

WINDOW_SIZE = QSize(1366, 768)
#: What a 1366×768 screen leaves for windows (a 40-pixel taskbar).
SCREEN_ROOM = QRect(0, 0, 1366, 728)


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def save(widget: QWidget, path: Path) -> None:
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(f"wrote {path}")


def shoot_checkin_area(app: QApplication, window: MainWindow, out_dir: Path) -> None:
    """党员报到 with a card open, the check-in form filled in, 党员名册 and 驻区单位."""
    from djdesk.validation.idcard import check_char

    window.show_page("checkin")
    page = window.page("checkin")
    page.search_box.setText("wang")
    page.search_box.search_now()
    page.open_current()
    settle(app)
    save(window, out_dir / "checkin-page.png")

    dialog = page.new_check_in("")
    settle(app)
    save(dialog, out_dir / "checkin-form-empty.png")
    dialog.discard()

    # Refused: 入党时间 before the 18th birthday, a mobile one digit short, no unit.
    dialog = page.new_check_in("张三丰")
    form = dialog.form
    first17 = "51150219850312003"
    form.edits["id_number"].setText(first17 + check_char(first17))
    form.edits["mobile"].setText("1390831123")
    form.joined_edit.setText("2001.7.1")
    dialog.accept()
    dialog.scroll_area.verticalScrollBar().setValue(0)
    settle(app)
    save(dialog, out_dir / "checkin-form-errors.png")
    dialog.discard()

    dialog = page.new_check_in("张三丰")
    form = dialog.form
    form.edits["id_number"].setText(first17 + check_char(first17))
    form.edits["mobile"].setText("13908311234")
    form.joined_edit.setFocus()
    form.joined_edit.setText("20100701")  # typed as on the paper form: what it means is shown
    form.edits["estate"].setText("东风小区")
    for name, text in (("building", "3"), ("entrance", "2"), ("room", "501")):
        form.edits[name].setText(text)
    form.unit_combo.setCurrentIndex(2)
    form.edits["post_title"].setText("科员")
    form.specialty_chips.set_selected(["法律", "宣讲"])
    form.time_chips.set_selected(["周末"])
    fields = dialog.checkin_fields
    fields.grid_combo.setCurrentIndex(1)
    fields.post_chips.set_selected(["政策宣传", "矛盾调解"])
    settle(app)
    save(dialog, out_dir / "checkin-form.png")
    dialog.discard()

    for key, name in (("members", "members-page.png"), ("units", "units-page.png")):
        window.show_page(key)
        settle(app)
        save(window, out_dir / name)


def shoot_sidebar(app: QApplication, window: MainWindow, out_dir: Path) -> None:
    """The sidebar with the keyboard in it: the current page ringed in blue."""
    window.show_page("checkin")
    window.activateWindow()
    window.nav.setFocus(Qt.FocusReason.TabFocusReason)
    settle(app)
    save(window, out_dir / "sidebar-focus.png")


def shoot_safety_area(app: QApplication, paths: AppPaths, db: Database, out_dir: Path) -> None:
    """登录, 用户管理, 审计日志 and 设置 (备份与恢复), acting as a logged-in administrator."""
    from djdesk.actor import Role
    from djdesk.errors import AuthenticationError
    from djdesk.services.accounts import users as accounts
    from djdesk.services.accounts.backups import backup_now, local_now
    from djdesk.ui.accounts.login_dialog import LoginDialog
    from djdesk.ui.accounts.users_page import UsersPage
    from djdesk.ui.site.settings_page import SettingsPage

    password = "Dongfeng2024"
    accounts.create_first_admin(db, "wangli", "王丽", password)
    admin = accounts.login(db, "wangli", password)
    staff = [
        ("zhangmin", "张敏", Role.CLERK),
        ("liqiang", "李强", Role.CLERK),
        ("chenjing", "陈静", Role.VIEWER),
        ("liuyang", "刘洋", Role.CLERK),
        ("zhaolei", "赵磊", Role.CLERK),
    ]
    for username, name, role in staff:
        info = accounts.create_user(
            db, admin, username=username, display_name=name, role=role, password="Chushi2024a"
        )
        if username in ("zhangmin", "liqiang", "chenjing"):
            who = Actor(info.username, info.display_name, info.role, info.id)
            accounts.change_own_password(db, who, "Chushi2024a", password)
            accounts.login(db, username, password)
        if username == "liuyang":
            accounts.set_active(db, admin, info.id, False)
    for _ in range(5):  # 赵磊 mistypes: locked for five minutes
        with contextlib.suppress(AuthenticationError):
            accounts.login(db, "zhaolei", "wrong-password-1")
    backup_now(paths, db, admin, reason="daily", now=local_now("Asia/Shanghai"))
    usb = paths.data_dir.parent / "U盘备份"
    usb.mkdir(exist_ok=True)

    dialog = LoginDialog(db, username="wangli", site_name="东风社区")
    dialog.resize(QSize(520, dialog.sizeHint().height()))
    dialog.show()
    settle(app)
    save(dialog, out_dir / "login-dialog.png")
    dialog.close()

    settings = Settings(extra_backup_dir=str(usb))
    ctx = UiContext(
        db=db, paths=paths, tasks=SynchronousTaskRunner(), actor=admin, settings=settings
    )
    window = MainWindow(ctx)
    window.resize(WINDOW_SIZE)
    window.show()
    window.show_page("users")
    users = window.page("users")
    assert isinstance(users, UsersPage)
    users.select_user(
        next(u.id for u in accounts.list_users(db, admin) if u.username == "zhangmin")
    )
    settle(app)
    save(window, out_dir / "users-page.png")
    window.show_page("audit")
    settle(app)
    save(window, out_dir / "audit-page.png")
    window.show_page("settings")
    page = window.page("settings")
    assert isinstance(page, SettingsPage)
    panel = page.backup_panel
    panel.backup_now()
    if panel.message_box is not None:
        panel.message_box.close()
    scroll = page.findChild(QScrollArea, "pageScroll")
    settle(app)
    scroll.verticalScrollBar().setValue(scroll.verticalScrollBar().maximum())
    settle(app)
    save(window, out_dir / "settings-backup.png")
    panel.view.selectRow(0)
    panel.restore_selected()
    confirm = panel.restore_dialog
    assert confirm is not None
    settle(app)
    save(confirm, out_dir / "restore-confirm.png")
    confirm.reject()
    window.close()


def main(argv: list[str]) -> int:
    from djdesk.ui.common import dialogs

    out_dir = Path(argv[0]) if argv else Path("docs/images")
    out_dir.mkdir(parents=True, exist_ok=True)
    dialogs.available_room = lambda _widget: SCREEN_ROOM  # dialogs fit a 1366×768 screen
    app = create_application()
    settings = Settings()
    prepare_application(app, settings)

    with tempfile.TemporaryDirectory(prefix="djdesk-shots-") as tmp:
        # First run: an empty installation, the form as a clerk first sees it.
        empty = AppPaths.resolve(Path(tmp) / "empty")
        db = open_database(empty)
        dialog = SiteDialog(db, actor=Actor.system())
        dialog.resize(QSize(680, dialog.sizeHint().height()))
        dialog.show()
        settle(app)
        save(dialog, out_dir / "first-run-dialog.png")
        dialog.close()
        db.dispose()

        demo = AppPaths.resolve(Path(tmp) / "demo")
        db = open_database(demo)
        fill_demo(db, DemoOptions(seed=0), actor=Actor.system())
        ctx = UiContext(db=db, paths=demo, tasks=SynchronousTaskRunner(), settings=settings)
        window = MainWindow(ctx)
        window.resize(WINDOW_SIZE)
        window.show()
        window.show_page("overview")
        settle(app)
        save(window, out_dir / "main-window-overview.png")
        window.show_page("settings")
        settle(app)
        save(window, out_dir / "main-window-settings.png")
        shoot_sidebar(app, window, out_dir)
        shoot_checkin_area(app, window, out_dir)
        shoot_agreements_area(app, window, out_dir)
        shoot_safety_area(app, demo, db, out_dir)
        window.close()
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
