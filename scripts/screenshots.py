"""Take the documentation screenshots on a throw-away demo data folder.

Usage: ``.venv/bin/python scripts/screenshots.py [OUT_DIR]`` (default ``docs/images``). Runs
offscreen at 1366×768, the smallest screen a counter PC has (dialogs are fitted to that screen
less a 40-pixel taskbar); writes the first-run dialog, the main window's 概览 (with the areas'
tiles) and 设置, the sidebar with the keyboard in it, the check-in pages, the check-in form
empty, refused and filled in, the 场地预约 screens (``scripts/screenshots_rooms.py``), the 服务事项
pages (the counter with a search, the registration form, 办件记录, 事项清单 with a version diff) and
a printed certificate, the agreements pages and 文书登记 (:mod:`screenshots_agreements`), the
safety pages with the restore confirmation, and 数据交换 / 街道汇总 at a demo street that merged
two communities (:mod:`screenshots_exchange`).
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
from screenshots_agreements import shoot_agreements_area  # (this folder)
from screenshots_exchange import shoot_exchange_area
from screenshots_rooms import shoot_rooms_area

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


def catalog_v2_file(folder: Path) -> Path:
    """A version 2 of the shipped sample for the diff: one item dropped, one added, one renamed."""
    import json

    from djdesk.resources import resource_path

    data = json.loads(resource_path("catalogs", "catalog-sample-v1.json").read_text("utf-8"))
    data.update(
        version=2,
        sample=False,
        effective_date="2026-07-01",
        issuer="翠屏区社区减负工作领导小组办公室",
        document="翠减负办〔2026〕3号",
        note="",
    )
    work = data["catalogs"][0]
    work["items"] = [i for i in work["items"] if i["code"] != "ZZ-34"]
    work["items"].append({"code": "ZZ-35", "name": "社区微更新议事协商", "category": "居民自治"})
    work["count"] = len(work["items"])
    data["catalogs"][1]["items"][0]["name"] = "维护社会治安和平安建设"
    path = folder / "服务事项目录-第2版.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def shoot_cases_area(app: QApplication, window: MainWindow, out_dir: Path) -> None:
    """办件登记 with a search, the registration form filled in, 办件记录, 事项清单 with the
    difference between two versions, and the certificate the form issued (as printed)."""
    from PySide6.QtPdf import QPdfDocument

    from djdesk.services.cases.catalog_load import load_catalog_file
    from djdesk.ui.cases.case_dialog import CaseDialog
    from djdesk.ui.common.printing import page_image

    ctx = window.ctx
    window.show_page("cases")
    page = window.page("cases")
    page.search_box.setText("jzzm")
    page.search_box.search_now()
    settle(app)
    save(window, out_dir / "cases-page.png")

    dialog = page.new_case(page.current_match())
    assert isinstance(dialog, CaseDialog)
    form = dialog.form
    form.edits["applicant_name"].setText("张三")
    form.edits["applicant_id_number"].setText("34052419800101001X")
    form.edits["applicant_phone"].setText("13812345678")
    form.edits["applicant_address"].setText("东风小区1栋2单元301室")
    form.materials.set_selected(["申请人居民身份证", "户口簿"])
    form.edits["handler"].setText("陈静")
    form.minutes.setValue(10)
    cert = dialog.certificate
    cert.facts.setPlainText("自2019年3月起在本社区居住至今")
    cert.edits["reviewer"].setText("王书记")
    settle(app)
    save(dialog, out_dir / "case-form.png")
    dialog.accept()  # saved: the certificate opens in the preview
    settle(app)
    preview = page.dialog
    document = QPdfDocument()
    document.load(str(preview.path))
    if not page_image(document, 0, dpi=110).save(str(out_dir / "certificate.png")):
        raise SystemExit("could not write certificate.png")
    print(f"wrote {out_dir / 'certificate.png'}")
    preview.close()

    window.show_page("case-records")
    settle(app)
    save(window, out_dir / "case-records.png")

    with tempfile.TemporaryDirectory(prefix="djdesk-catalog-") as tmp:
        load_catalog_file(ctx.db, catalog_v2_file(Path(tmp)), actor=ctx.actor)
    ctx.notify("catalog_version")
    window.show_page("catalog")
    catalog = window.page("catalog")
    catalog.show_versions()
    settle(app)
    save(window, out_dir / "catalog-diff.png")


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
        dialog = SiteDialog(empty, db, actor=Actor.system())
        dialog.resize(QSize(680, dialog.sizeHint().height()))
        dialog.show()
        settle(app)
        save(dialog, out_dir / "first-run-dialog.png")
        dialog.close()
        db.dispose()

        demo = AppPaths.resolve(Path(tmp) / "demo")
        db = open_database(demo)
        fill_demo(db, DemoOptions(seed=0), actor=Actor.system(), paths=demo)
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
        shoot_rooms_area(app, window, out_dir, save)
        shoot_cases_area(app, window, out_dir)
        shoot_agreements_area(app, window, out_dir)
        shoot_safety_area(app, demo, db, out_dir)
        window.close()
        db.dispose()
        shoot_exchange_area(app, Path(tmp) / "exchange", settings, out_dir, save)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
