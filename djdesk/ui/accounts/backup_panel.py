"""备份与恢复 on the 设置 page (the daily backup at start-up is :mod:`djdesk.app`'s).

Backups and restores run through the task runner. A restore replaces the database: the panel
hands the new one to :meth:`UiContext.replace_database`, and the main window rebuilds every
page on it (this panel included), then says so.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from djdesk.errors import DjdeskError
from djdesk.services.accounts.backups import (
    BackupInfo,
    BackupResult,
    RestoreResult,
    backup_now,
    check_restore_source,
    list_backups,
    local_now,
    restore,
)
from djdesk.ui.accounts.restore_dialog import RestoreDialog, counts_summary
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.dialogs import show_notice
from djdesk.ui.common.errors import report_exception, show_error
from djdesk.ui.common.file_dialogs import choose_folder, open_file
from djdesk.ui.common.page import value_label
from djdesk.ui.common.record_table import Column, RecordTableModel
from djdesk.ui.common.table_view import record_table_view

log = logging.getLogger(__name__)

#: ``djdesk.app`` shows the daily backup's result with it.
__all__ = ["BackupPanel", "BackupsModel", "show_notice"]

BACKUP_TITLE = "备份数据"
RESTORE_TITLE = "恢复数据"


def size_text(size: int) -> str:
    return (
        f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(size, 1) / 1024:.0f} KB"
    )


def _freeze(window: QWidget, frozen: bool) -> None:
    """Disable the window's contents and menus, but not the progress dialog over them."""
    targets: list[QWidget | None] = [window]
    if isinstance(window, QMainWindow):
        targets = [window.centralWidget(), window.menuBar()]
    for widget in targets:
        if widget is not None:
            widget.setEnabled(not frozen)


class BackupsModel(RecordTableModel[BackupInfo]):
    """Columns 时间, 类型, 大小, 记录数 over a list of :class:`BackupInfo` (newest first)."""

    COL_TIME = 0
    COL_KIND = 1
    COL_SIZE = 2
    COL_COUNTS = 3

    def __init__(self, timezone: str = "Asia/Shanghai") -> None:
        tz = ZoneInfo(timezone)

        def path(item: BackupInfo) -> str:
            return str(item.path)

        columns: tuple[Column[BackupInfo], ...] = (
            Column("时间", lambda i: f"{i.created_at.astimezone(tz):%Y-%m-%d %H:%M}", tooltip=path),
            Column("类型", lambda i: i.reason_label, tooltip=path),
            Column("大小", lambda i: size_text(i.size), tooltip=path),
            Column("记录数", lambda i: counts_summary(i.record_counts), tooltip=path),
        )
        super().__init__(columns, key=lambda i: str(i.path))

    def set_backups(self, items: list[BackupInfo]) -> None:
        self.set_records(items)

    def backup_at(self, row: int) -> BackupInfo | None:
        return self.record(row)


class BackupPanel(QGroupBox):
    """立即备份, 第二备份文件夹, the list of backups, 恢复所选备份 and 从文件恢复…."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__("备份与恢复", parent)
        self.setObjectName("backupPanel")
        self.ctx = ctx
        #: The last non-blocking message and restore confirmation (for their lifetime and tests).
        self.message_box: QMessageBox | None = None
        self.restore_dialog: RestoreDialog | None = None

        hint = QLabel(
            "每天第一次打开程序时自动备份一次；每次恢复、导入和升级前也会先备份。"
            "建议另设一个第二备份文件夹（如 U 盘或另一块硬盘），以防电脑损坏。"
        )
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        self.backup_button = QPushButton("立即备份")
        self.backup_button.setProperty("primary", True)
        self.backup_button.clicked.connect(self.backup_now)
        self.status_label = value_label()
        self.status_label.setObjectName("backupStatus")
        self.warning_label = QLabel()
        self.warning_label.setObjectName("backupWarning")
        self.warning_label.setProperty("role", "fieldError")
        self.warning_label.setWordWrap(True)
        self.warning_label.hide()
        top = QHBoxLayout()
        top.addWidget(self.status_label, 1)
        top.addWidget(self.backup_button, 0, Qt.AlignmentFlag.AlignTop)

        self.extra_label = value_label()
        self.extra_label.setObjectName("extraBackupDir")
        self.extra_button = QPushButton("选择文件夹…")
        self.extra_button.clicked.connect(self.choose_extra_dir)
        self.extra_clear_button = QPushButton("不使用")
        self.extra_clear_button.clicked.connect(lambda: self.set_extra_dir(""))
        extra = QHBoxLayout()
        extra_caption = QLabel("第二备份文件夹：")
        extra_caption.setProperty("role", "caption")
        extra.addWidget(extra_caption)
        extra.addWidget(self.extra_label, 1)
        extra.addWidget(self.extra_button)
        extra.addWidget(self.extra_clear_button)

        self.model = BackupsModel(ctx.settings.timezone)
        widths = {
            BackupsModel.COL_TIME: 170,
            BackupsModel.COL_KIND: 100,
            BackupsModel.COL_SIZE: 100,
        }
        self.view = record_table_view(self.model, "backupsTable", widths=widths, minimum_height=220)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)

        self.restore_button = QPushButton("恢复所选备份")
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_file_button = QPushButton("从文件恢复…")
        self.restore_file_button.clicked.connect(self.restore_from_file)
        restore_row = QHBoxLayout()
        self.restore_note = QLabel()
        self.restore_note.setProperty("role", "hint")
        restore_row.addWidget(self.restore_note, 1)
        restore_row.addWidget(self.restore_file_button)
        restore_row.addWidget(self.restore_button)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(hint)
        layout.addLayout(top)
        layout.addWidget(self.warning_label)
        layout.addLayout(extra)
        layout.addWidget(self.view, 1)
        layout.addLayout(restore_row)

        if not ctx.can_write:
            self.backup_button.setEnabled(False)
            self.backup_button.setToolTip("查看账户不能备份数据")
        if not ctx.is_admin:
            for button in (self.extra_button, self.extra_clear_button, self.restore_file_button):
                button.setEnabled(False)
            self.restore_note.setText("只有管理员可以恢复数据和更改第二备份文件夹。")
        self.refresh()

    # -- state ----------------------------------------------------------------------------------

    def refresh(self) -> None:
        backups = list_backups(self.ctx.paths)
        self.model.set_backups(backups)
        folder = self.ctx.settings.extra_backup_dir
        self.extra_label.setText(folder or "未设置")
        if not self.status_label.text():
            latest = backups[0] if backups else None
            self.status_label.setText(
                f"最近一次备份：{self.model.index(0, 0).data()}（{latest.reason_label}）"
                if latest
                else "还没有备份。"
            )
        self._update_buttons()

    def selected_backup(self) -> BackupInfo | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.backup_at(rows[0].row()) if rows else None

    def _update_buttons(self, *_args: object) -> None:
        self.restore_button.setEnabled(self.ctx.is_admin and self.selected_backup() is not None)
        self.extra_clear_button.setEnabled(
            self.ctx.is_admin and bool(self.ctx.settings.extra_backup_dir)
        )

    def _notice(self, icon: QMessageBox.Icon, title: str, text: str) -> None:
        self.message_box = show_notice(self.window(), icon, title, text)

    # -- backup ---------------------------------------------------------------------------------

    def backup_now(self) -> None:
        ctx = self.ctx
        paths, db, actor, settings = ctx.paths, ctx.db, ctx.actor, ctx.settings

        def work(progress: Any, cancelled: Any) -> BackupResult:
            return backup_now(
                paths,
                db,
                actor,
                reason="manual",
                extra_dir=settings.extra_backup_dir,
                now=local_now(settings.timezone),
                progress=progress,
            )

        self.backup_button.setEnabled(False)
        ctx.tasks.run_task(
            work, on_done=self._backed_up, on_error=self._failed, title=BACKUP_TITLE, parent=self
        )

    def _backed_up(self, result: BackupResult) -> None:
        self.backup_button.setEnabled(self.ctx.can_write)
        info = result.backup
        when = info.created_at.astimezone(ZoneInfo(self.ctx.settings.timezone))
        text = (
            f"已完成{info.reason_label}备份：{when:%Y-%m-%d %H:%M}（{size_text(info.size)}），"
            f"保存在备份文件夹 {self.ctx.paths.backup_dir}"
        )
        if result.extra_copy is not None:
            text += f"\n并已复制到第二备份文件夹：{result.extra_copy.parent}"
        self.status_label.setText(text)
        self.warning_label.setText("\n".join(result.warnings))
        self.warning_label.setVisible(bool(result.warnings))
        self.refresh()
        if result.warnings:
            self._notice(QMessageBox.Icon.Warning, "备份提醒", "\n".join(result.warnings))

    def _failed(self, exc: BaseException) -> None:
        self.backup_button.setEnabled(self.ctx.can_write)
        report_exception(exc, self)

    def choose_extra_dir(self) -> None:
        start = self.ctx.settings.extra_backup_dir or str(Path.home())
        chosen = choose_folder(self, "选择第二备份文件夹", start)
        if chosen:
            self.set_extra_dir(chosen)

    def set_extra_dir(self, folder: str) -> None:
        folder = str(Path(folder)) if folder else ""
        if folder and Path(folder).resolve() == self.ctx.paths.backup_dir.resolve():
            show_error(DjdeskError("第二备份文件夹不能是主备份文件夹本身。"), self)
            return
        try:
            self.ctx.update_settings(extra_backup_dir=folder)
        except DjdeskError as exc:
            show_error(exc, self)
            return
        self.refresh()

    # -- restore --------------------------------------------------------------------------------

    def restore_selected(self) -> None:
        info = self.selected_backup()
        if info is None or not self.ctx.is_admin:
            return
        local = info.created_at.astimezone(ZoneInfo(self.ctx.settings.timezone))
        self._confirm_restore(info.path, info.record_counts, local, info.reason_label)

    def _describe(self, created: Any, kind: str, source: Path) -> str:
        """A backup in words: 2026-11-27 09:30 的每日自动备份, or the file brought in."""
        if created is not None:
            return f"{created:%Y-%m-%d %H:%M} 的{kind}备份"
        return f"文件“{source.name}”"

    def restore_from_file(self) -> None:
        chosen = open_file(
            self,
            "选择要恢复的备份文件",
            str(self.ctx.paths.backup_dir),
            "djdesk 备份 (*.sqlite3 *.db);;所有文件 (*)",
        )
        if not chosen:
            return
        source = Path(chosen)

        def work(progress: Any, cancelled: Any) -> dict[str, int]:
            progress(0, 0, "正在检查备份文件……")
            return check_restore_source(source)[1]

        self.ctx.tasks.run_task(
            work,
            on_done=lambda counts: self._confirm_restore(
                source, counts, None, "外部文件", external=True
            ),
            title="检查备份文件",
            parent=self,
        )

    def _confirm_restore(
        self,
        source: Path,
        counts: dict[str, int],
        created: Any,
        kind: str,
        *,
        external: bool = False,
    ) -> None:
        dialog = RestoreDialog(
            source, counts, created_at=created, kind=kind, external=external, parent=self
        )
        described = self._describe(created, kind, source)
        dialog.accepted.connect(lambda: self.start_restore(source, described))
        self.restore_dialog = dialog
        dialog.open()

    def start_restore(self, source: Path, described: str = "") -> None:
        """Replace the database with ``source`` (the current one is backed up first)."""
        ctx = self.ctx
        paths, db, actor, tz = ctx.paths, ctx.db, ctx.actor, ctx.settings.timezone
        window = self.window()

        def work(progress: Any, cancelled: Any) -> RestoreResult:
            progress(0, 0, "正在备份当前数据并恢复……")
            return restore(paths, db, source, actor, now=local_now(tz))

        def done(result: RestoreResult) -> None:
            _freeze(window, False)
            log.info("restored from %s", result.restored_from)
            ctx.replace_database(result.db)  # the window rebuilds its pages, this one too
            safety = result.safety_backup.created_at.astimezone(ZoneInfo(tz))
            show_notice(
                window,
                QMessageBox.Icon.Information,
                "恢复完成",
                f"已用{described or '所选备份'}恢复数据，窗口已切换到恢复后的数据。\n"
                f"恢复前的数据已备份为：{safety:%Y-%m-%d %H:%M} 的“恢复前”备份"
                "（在备份列表中，需要时可用它恢复回来）。",
            )

        def failed(exc: BaseException) -> None:
            _freeze(window, False)
            report_exception(exc, window)

        _freeze(window, True)  # nothing may read the database while it is swapped
        ctx.tasks.run_task(work, on_done=done, on_error=failed, title=RESTORE_TITLE, parent=window)
