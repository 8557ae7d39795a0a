"""Take the documentation screenshots on a throw-away demo data folder.

Usage: ``.venv/bin/python scripts/screenshots.py [OUT_DIR]`` (default ``docs/images``). Runs
offscreen; writes main-window-overview.png, main-window-settings.png and first-run-dialog.png.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.pop("DJDESK_DATABASE_URL", None)

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QWidget

from djdesk.actor import Actor
from djdesk.app import create_application, prepare_application
from djdesk.db.startup import open_database
from djdesk.paths import AppPaths
from djdesk.services.demo import DemoOptions, fill_demo
from djdesk.settings import Settings
from djdesk.ui.context import UiContext
from djdesk.ui.dialogs.site_dialog import SiteDialog
from djdesk.ui.main_window import MainWindow
from djdesk.ui.tasks import SynchronousTaskRunner

WINDOW_SIZE = QSize(1280, 800)


def settle(app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()


def save(widget: QWidget, path: Path) -> None:
    if not widget.grab().save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(f"wrote {path}")


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else Path("docs/images")
    out_dir.mkdir(parents=True, exist_ok=True)
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
        window.close()
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
