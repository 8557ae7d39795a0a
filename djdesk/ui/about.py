"""帮助 → 关于: what this program is and does here, with the technical facts folded away.

The clerk sees the product, its version and the work it offers on this computer — taken from
the page registry, so only areas that exist are named. Everything a technician needs (the
database address, library versions, the log file, how to point the program at another data
folder with ``--data-dir`` or ``DJDESK_DATA_DIR``) sits under 技术信息, collapsed until asked.
"""

from __future__ import annotations

import platform
from importlib import metadata

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import Qt, qVersion
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from djdesk import APP_TITLE, __version__
from djdesk.paths import AppPaths
from djdesk.services.store import Database
from djdesk.ui.common.dialogs import dialog_heading, fit_to_screen, intro_label
from djdesk.ui.common.page import add_fact, value_label
from djdesk.ui.registry import PageSpec, default_pages

#: Pages that are the frame of the program rather than work it offers.
FRAME_PAGES = frozenset({"overview", "settings", "users", "audit"})
LIBRARIES = ("SQLAlchemy", "alembic", "reportlab", "openpyxl", "pypinyin")


def _library_versions() -> str:
    found = []
    for name in LIBRARIES:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    return "，".join(found)


def version_rows(db: Database, paths: AppPaths) -> list[tuple[str, str]]:
    """(Chinese label, value) pairs for a technician: versions, database, folders, log."""
    rows = [
        ("程序版本", f"djdesk {__version__}"),
        ("界面库", f"Qt {qVersion()} / PySide6 {pyside_version}"),
        ("Python", f"{platform.python_version()}（{platform.system()} {platform.release()}）"),
        ("其他组件", _library_versions()),
        ("数据库", db.display_url),
    ]
    if db.sqlite_version:
        rows.append(("SQLite", db.sqlite_version))
    rows += [
        ("数据文件夹", str(paths.data_dir)),
        ("更换数据文件夹", "启动时加参数 --data-dir 文件夹，或设置环境变量 DJDESK_DATA_DIR"),
        ("日志文件", str(paths.log_file)),
    ]
    return rows


def offered_work(pages: list[PageSpec] | None = None) -> list[str]:
    """The titles of the work pages this installation has, in navigation order."""
    return [p.title for p in (pages or default_pages()) if p.key not in FRAME_PAGES]


class AboutDialog(QDialog):
    """Product, version, the work offered here; 技术信息 collapsed underneath."""

    def __init__(self, db: Database, paths: AppPaths, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle("关于")
        heading = dialog_heading(APP_TITLE)
        version = QLabel(f"版本 {__version__}")
        version.setProperty("role", "caption")
        work = "、".join(offered_work())
        self.description = intro_label(
            f"社区党群服务中心前台工作台。本机提供：{work}。"
            if work
            else "社区党群服务中心前台工作台。"
        )
        self.description.setObjectName("aboutWork")
        self.description.setProperty("role", "value")

        self.details_button = QToolButton()
        self.details_button.setObjectName("technicalToggle")
        self.details_button.setText("技术信息")
        self.details_button.setCheckable(True)
        self.details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_button.setArrowType(Qt.ArrowType.RightArrow)
        self.details_button.setAutoRaise(True)
        self.details_button.toggled.connect(self.show_details)
        self.details = QFrame()
        self.details.setObjectName("technicalDetails")
        self.details.setProperty("role", "card")
        grid = QGridLayout(self.details)
        grid.setContentsMargins(14, 10, 14, 10)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)
        self.values: dict[str, QLabel] = {}
        for row, (title, text) in enumerate(version_rows(db, paths)):
            self.values[title] = value_label(text)
            add_fact(grid, row, 0, title, self.values[title])
        self.details.hide()

        close = QPushButton("关闭")
        close.setDefault(True)
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 22, 28, 18)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(version)
        layout.addWidget(self.description)
        layout.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.details)
        layout.addStretch(1)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
        self.setMinimumWidth(560)

    def show_details(self, shown: bool) -> None:
        self.details_button.setArrowType(
            Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow
        )
        self.details.setVisible(shown)
        self.adjustSize()
        fit_to_screen(self)
