"""A damaged database on screen: the red banner, and the recovery window at start-up.

When the database fails its check at start-up, :class:`RecoveryDialog` opens instead of the
login: the banner says which file is damaged and why, and the clerk restores a backup from the
list or from a file (nothing is read from or written into the damaged file; it is kept aside
by the restore). Once restored, start-up continues as usual on the restored data.

When damage is found while the window is open (a read answered ``database disk image is
malformed``), :func:`install_damage_banner` shows the banner above the pages; every further
change is refused by the services, and the banner's button leads to 设置 → 备份与恢复.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from djdesk.actor import Actor
from djdesk.errors import CorruptDatabaseError, DiskFullError
from djdesk.paths import AppPaths
from djdesk.services.accounts.backups import (
    RestoreResult,
    check_restore_source,
    list_backups,
    local_now,
    restore,
)
from djdesk.services.store import Database
from djdesk.settings import Settings
from djdesk.ui.accounts.backup_panel import BackupsModel
from djdesk.ui.accounts.restore_dialog import RestoreDialog
from djdesk.ui.common.errors import report_exception
from djdesk.ui.common.tasks import TaskRunner, TaskRunnerLike

log = logging.getLogger(__name__)

HEADLINE = "数据库已损坏：程序不会再向其中写入任何数据，请从备份恢复。"


class DamageBanner(QFrame):
    """The damage message with a 恢复数据… button; hidden until damage is shown."""

    restore_requested = Signal()
    #: Emitted by :meth:`watch`'s listener, which may run on a worker thread.
    damage_found = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, button_text: str = "恢复数据…") -> None:
        super().__init__(parent)
        self.setObjectName("damageBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.headline = QLabel(HEADLINE)
        self.headline.setObjectName("damageHeadline")
        self.headline.setProperty("role", "fieldError")
        font = self.headline.font()
        font.setBold(True)
        self.headline.setFont(font)
        self.detail = QLabel()
        self.detail.setObjectName("damageDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button = QPushButton(button_text)
        self.button.setProperty("primary", True)
        self.button.clicked.connect(self.restore_requested)
        text = QVBoxLayout()
        text.addWidget(self.headline)
        text.addWidget(self.detail)
        row = QHBoxLayout(self)
        row.addLayout(text, 1)
        row.addWidget(self.button, 0, Qt.AlignmentFlag.AlignVCenter)
        self.damage_found.connect(self.show_damage)
        self.hide()

    def show_damage(self, message: str) -> None:
        self.detail.setText(message)
        self.show()

    def watch(self, db: Database) -> None:
        """Show the banner when ``db`` is (or turns out to be) damaged."""

        def found(error: CorruptDatabaseError) -> None:
            with contextlib.suppress(RuntimeError):  # the banner's window was closed
                self.damage_found.emit(error.message)

        db.damage_listeners.append(found)
        if db.damage is not None:
            self.show_damage(db.damage.message)


def install_damage_banner(window: Any) -> DamageBanner:
    """Put a (hidden) banner above the pages of ``window`` (the main window: a QMainWindow
    with ``ctx``, ``page_keys`` and ``show_page``), following its database."""
    banner = DamageBanner()
    pages = window.takeCentralWidget()
    holder = QWidget()
    holder.setObjectName("damageHolder")
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(0)
    column.addWidget(banner)
    column.addWidget(pages, 1)
    window.setCentralWidget(holder)

    def open_restore() -> None:
        if "settings" in window.page_keys():
            window.show_page("settings")

    def replaced(db: Database) -> None:
        banner.hide()
        banner.watch(db)

    banner.restore_requested.connect(open_restore)
    window.ctx.events.database_replaced.connect(replaced)
    banner.watch(window.ctx.db)
    if not window.ctx.is_admin:
        banner.button.setEnabled(False)
        banner.button.setToolTip("请管理员在“设置 → 备份与恢复”中恢复数据")
    return banner


def show_expected_errors(hook: Any) -> Any:
    """Wrap ``sys.excepthook``: a damaged database or a full disk that reaches it from a page
    is shown as its message (and logged), not as a crash; anything else goes to ``hook``."""

    shown: list[QMessageBox] = []  # kept alive while open (they have no parent)

    def handle(exc_type: type[BaseException], exc: BaseException, tb: Any) -> None:
        if isinstance(exc, CorruptDatabaseError | DiskFullError):
            log.error("shown to user: %s", exc)
            box = QMessageBox(QMessageBox.Icon.Warning, "无法完成", str(exc))
            box.finished.connect(lambda _result: shown.remove(box))
            shown.append(box)
            box.open()
            return
        hook(exc_type, exc, tb)

    return handle


class RecoveryDialog(QDialog):
    """Start-up on a damaged database: the banner, the backups, 从文件恢复… and 退出.

    :attr:`restored_db` holds the new database once a restore succeeded (then it accepts).
    """

    def __init__(
        self,
        paths: AppPaths,
        db: Database,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        tasks: TaskRunnerLike | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryDialog")
        self.setWindowTitle("恢复数据")
        self.paths, self.db, self.settings = paths, db, settings
        self.restored_db: Database | None = None
        self.confirm: RestoreDialog | None = None
        self.tasks: TaskRunnerLike = tasks or TaskRunner(self)
        self.banner = DamageBanner(self, button_text="从文件恢复…")
        self.banner.restore_requested.connect(self.restore_from_file)
        if db.damage is not None:
            self.banner.show_damage(db.damage.message)
        self.model = BackupsModel(settings.timezone)
        self.model.set_backups(list_backups(paths))
        self.view = QTableView()
        self.view.setObjectName("recoveryBackups")
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.restore_button = QPushButton("恢复所选备份")
        self.restore_button.setProperty("primary", True)
        self.restore_button.clicked.connect(self.restore_selected)
        quit_button = QPushButton("退出")
        quit_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(quit_button)
        hint = QLabel(
            "请选择损坏之前的一份备份恢复（通常选最新的一份）。恢复前，已损坏的数据库会另存一份"
            "到备份文件夹中，以便日后需要时请技术人员查看。"
            if self.model.rowCount()
            else "备份文件夹中没有备份。请用“从文件恢复…”选择 U 盘或其他位置的备份文件。"
        )
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(hint)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        self.resize(760, 480)
        if self.model.rowCount():
            self.view.selectRow(0)

    def restore_selected(self) -> None:
        rows = self.view.selectionModel().selectedRows()
        info = self.model.backup_at(rows[0].row()) if rows else None
        if info is not None:
            self._confirm(info.path, info.record_counts, info.reason_label)

    def restore_from_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, "选择要恢复的备份文件", str(self.paths.backup_dir), "djdesk 备份 (*.sqlite3 *.db)"
        )
        if not chosen:
            return
        source = Path(chosen)
        self.tasks.run_task(
            lambda progress, cancelled: check_restore_source(source)[1],
            on_done=lambda counts: self._confirm(source, counts, "外部文件"),
            on_error=lambda exc: report_exception(exc, self),
            title="检查备份文件",
            parent=self,
        )

    def _confirm(self, source: Path, counts: dict[str, int], kind: str) -> None:
        self.confirm = RestoreDialog(source, counts, kind=kind, parent=self)
        self.confirm.accepted.connect(lambda: self.start_restore(source))
        self.confirm.open()

    def start_restore(self, source: Path) -> None:
        paths, db, tz = self.paths, self.db, self.settings.timezone

        def work(progress: Any, cancelled: Any) -> RestoreResult:
            progress(0, 0, "正在检查备份并恢复……")
            return restore(paths, db, source, Actor.system(), now=local_now(tz), progress=progress)

        def done(result: RestoreResult) -> None:
            log.info("damaged database replaced by %s", result.restored_from)
            self.restored_db = result.db
            self.accept()

        self.tasks.run_task(
            work,
            on_done=done,
            on_error=lambda exc: report_exception(exc, self),
            title="恢复数据",
            parent=self,
        )
