"""The 数据交换 screenshots for the user guide, taken by ``scripts/screenshots.py``.

Two demo communities of 东城街道 (东风社区 and 南岸社区) export their packages; a demo street
registers both key files and imports the packages through the services, then its window is
shot at 1366×768: the 导入 tab with the trial import of a second package (per file and table:
新增, 更新, 未变, 拒收), the 密钥与下级单位 tab with both communities registered, and 街道汇总
with the cross-community check-in report and the ID numbers checked in at both communities.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget

from djdesk.actor import Actor
from djdesk.paths import AppPaths
from djdesk.services.demo import DemoOptions, fill_demo
from djdesk.services.exchange.export import export_records
from djdesk.services.exchange.importing import import_package
from djdesk.services.exchange.keys import write_key_file
from djdesk.services.exchange.partners import register_from_key_file
from djdesk.services.site.demo_sites import DEMO_NEIGHBOUR, DEMO_STREET
from djdesk.services.site.identity import SiteInput
from djdesk.services.site.setup import set_up_site
from djdesk.services.store import open_database
from djdesk.settings import Settings
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.tasks import SynchronousTaskRunner
from djdesk.ui.exchange.exchange_page import ExchangePage
from djdesk.ui.exchange.street_page import StreetPage
from djdesk.ui.main_window import MainWindow

Save = Callable[[QWidget, Path], None]
ACTOR = Actor.system()


def _community(folder: Path, site: SiteInput | None, seed: int) -> tuple[Path, Path]:
    """A demo community's key file and first package."""
    paths = AppPaths.resolve(folder)
    db = open_database(paths)
    if site is not None:
        set_up_site(paths, db, site, actor=ACTOR)
    options = DemoOptions(seed=seed, counts={"members": 160, "cases": 300, "bookings": 80})
    fill_demo(db, options, actor=ACTOR, paths=paths)
    key = folder.parent / f"{folder.name}.key"
    write_key_file(paths, db, key, actor=ACTOR)
    package = folder.parent / f"{folder.name}-第1号.zip"
    export_records(paths, db, package, actor=ACTOR)
    db.dispose()
    return key, package


def shoot_exchange_area(
    app: QApplication, root: Path, settings: Settings, out: Path, save: Save
) -> None:
    east_key, east_package = _community(root / "东风社区", None, 0)
    south_key, south_package = _community(root / "南岸社区", DEMO_NEIGHBOUR, 5)
    paths = AppPaths.resolve(root / "street")
    db = open_database(paths)
    set_up_site(paths, db, DEMO_STREET, actor=ACTOR)
    for key in (east_key, south_key):
        register_from_key_file(db, key, actor=ACTOR)
    import_package(paths, db, east_package, actor=ACTOR)
    ctx = UiContext(db=db, paths=paths, tasks=SynchronousTaskRunner(), settings=settings)
    window = MainWindow(ctx)
    window.resize(1366, 768)
    window.show()

    window.show_page("exchange")
    page = window.findChild(ExchangePage)
    assert page is not None
    page.tabs.setCurrentWidget(page.import_panel)
    page.import_panel.plan([south_package, east_package])  # one new, one imported before
    _settle(app)
    save(window, out / "exchange-import.png")
    page.tabs.setCurrentWidget(page.keys_panel)
    page.keys_panel.refresh()
    _settle(app)
    save(window, out / "exchange-keys.png")

    page.import_panel.apply()
    window.show_page("street")
    street = window.findChild(StreetPage)
    assert street is not None
    street.refresh()
    _settle(app)
    save(window, out / "street-checkins.png")
    window.close()
    db.dispose()


def _settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()
