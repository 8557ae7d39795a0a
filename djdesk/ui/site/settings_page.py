"""设置: the site identity, the data folder, security (idle lock), printers (calibration),
backups and restore, 关于.

Only administrators change the site, the idle-lock minutes, the second backup folder or restore;
a 前台 user may take a backup; a 查看 user sees everything read-only.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QDateTime, Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from djdesk import APP_TITLE, __version__
from djdesk.errors import DjdeskError, ValidationErrors
from djdesk.services.site.identity import SiteInput, get_site
from djdesk.services.site.setup import set_up_site
from djdesk.ui.about import AboutDialog
from djdesk.ui.accounts.backup_panel import BackupPanel
from djdesk.ui.accounts.idle_lock import MAX_IDLE_MINUTES
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.desktop import open_folder
from djdesk.ui.common.errors import show_error
from djdesk.ui.common.page import Page, add_fact, value_label
from djdesk.ui.site.printers_group import PrintersGroup
from djdesk.ui.site.site_form import SiteForm

log = logging.getLogger(__name__)

#: Narrower than this and the longer field labels start to crowd the inputs.
SITE_GROUP_MIN_WIDTH = 520


class SettingsPage(Page):
    """Site identity (editable), data folder, security, backups, and version facts."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx, "设置", "本机站点信息、数据文件夹、安全、备份与版本")
        self._dirty = False
        # Two columns so that the site form and the facts fit on one screen; backups below.
        side = QVBoxLayout()
        side.setSpacing(16)
        side.addWidget(self._build_data_group())
        side.addWidget(self._build_security_group())
        self.printers_group = PrintersGroup(ctx)
        side.addWidget(self.printers_group)
        side.addWidget(self._build_about_group())
        side.addStretch(1)
        columns = QHBoxLayout()
        columns.setSpacing(16)
        columns.addWidget(self._build_site_group(), 3, Qt.AlignmentFlag.AlignTop)
        columns.addLayout(side, 2)
        self.body_layout.addLayout(columns)
        self.backup_panel = BackupPanel(ctx)
        self.body_layout.addWidget(self.backup_panel)
        self.body_layout.addStretch(1)
        self.load_site()

    # -- building -------------------------------------------------------------------------------

    def _build_site_group(self) -> QGroupBox:
        box = QGroupBox("本机站点信息")
        box.setObjectName("siteGroup")
        hint = QLabel(
            "这些信息印在文书的抬头和落款上，统计用区划代码还是上报数据的来源标识，"
            "修改前请与街道核对。"
        )
        hint.setWordWrap(True)
        hint.setProperty("role", "hint")
        self.form = SiteForm()
        self.form.edited.connect(self._on_edited)

        self.status_label = QLabel()
        self.status_label.setObjectName("siteSaveStatus")
        self.revert_button = QPushButton("还原")
        self.revert_button.setToolTip("放弃未保存的修改，恢复为已保存的信息")
        self.revert_button.clicked.connect(self.load_site)
        self.save_button = QPushButton("保存站点信息")
        self.save_button.setProperty("primary", True)
        self.save_button.clicked.connect(self.save)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status_label, 1)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.save_button)
        buttons.setContentsMargins(0, 6, 0, 0)

        layout = QVBoxLayout(box)
        layout.setSpacing(12)
        layout.addWidget(hint)
        layout.addWidget(self.form)
        layout.addLayout(buttons)
        box.setMinimumWidth(SITE_GROUP_MIN_WIDTH)
        if not self.ctx.is_admin:
            self.form.setEnabled(False)
            self.save_button.setEnabled(False)
            self.save_button.setToolTip("只有管理员可以修改站点信息")
        return box

    def _build_data_group(self) -> QGroupBox:
        box = QGroupBox("数据文件夹")
        paths = self.ctx.paths
        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(10)
        grid.setColumnStretch(1, 1)
        self.data_dir_label = value_label(str(paths.data_dir))
        self.data_dir_label.setObjectName("dataDirLabel")
        add_fact(grid, 0, 0, "位置", self.data_dir_label)
        add_fact(grid, 1, 0, "备份", value_label(str(paths.backup_dir)))
        self.open_data_dir_button = QPushButton("在文件管理器中打开")
        self.open_data_dir_button.clicked.connect(lambda: open_folder(paths.data_dir, self))
        open_row = QHBoxLayout()
        open_row.addStretch(1)
        open_row.addWidget(self.open_data_dir_button)
        note = QLabel(
            "数据库、备份、日志和打印输出都保存在这个文件夹里。"
            "如需更换位置，请技术人员参阅“帮助 → 关于 → 技术信息”。"
        )
        note.setWordWrap(True)
        note.setProperty("role", "hint")
        layout = QVBoxLayout(box)
        layout.setSpacing(10)
        layout.addLayout(grid)
        layout.addWidget(note)
        layout.addLayout(open_row)
        return box

    def _build_security_group(self) -> QGroupBox:
        box = QGroupBox("安全")
        box.setObjectName("securityGroup")
        self.idle_spin = QSpinBox()
        self.idle_spin.setObjectName("idleLockMinutes")
        self.idle_spin.setRange(0, MAX_IDLE_MINUTES)
        self.idle_spin.setSuffix(" 分钟")
        self.idle_spin.setSpecialValueText("从不锁定")
        self.idle_spin.setValue(self.ctx.settings.idle_lock_minutes)
        self.idle_spin.setMinimumWidth(120)
        self.idle_save_button = QPushButton("应用")
        self.idle_save_button.clicked.connect(self.save_idle_minutes)
        self.idle_spin.valueChanged.connect(
            lambda value: self.idle_save_button.setEnabled(
                self.ctx.is_admin and value != self.ctx.settings.idle_lock_minutes
            )
        )
        self.idle_save_button.setEnabled(False)
        row = QHBoxLayout()
        label = QLabel("自动锁屏：")
        label.setProperty("role", "caption")
        label.setBuddy(self.idle_spin)
        row.addWidget(label)
        row.addWidget(self.idle_spin)
        row.addStretch(1)
        row.addWidget(self.idle_save_button)
        self.idle_status = QLabel(
            "无人操作达到设定的分钟数后自动锁定窗口，须输入密码才能继续；0 表示从不锁定。"
        )
        self.idle_status.setWordWrap(True)
        self.idle_status.setProperty("role", "hint")
        layout = QVBoxLayout(box)
        layout.setSpacing(10)
        layout.addLayout(row)
        layout.addWidget(self.idle_status)
        if not self.ctx.is_admin:
            self.idle_spin.setEnabled(False)
            self.idle_spin.setToolTip("只有管理员可以修改自动锁屏时间")
        return box

    def save_idle_minutes(self) -> bool:
        """Store the idle-lock minutes in settings.json; the lock timer follows at once."""
        if not self.ctx.is_admin:
            return False
        try:
            self.ctx.update_settings(idle_lock_minutes=self.idle_spin.value())
        except DjdeskError as exc:
            show_error(exc, self)
            return False
        self.idle_save_button.setEnabled(False)
        minutes = self.idle_spin.value()
        self.idle_status.setText(
            f"已保存：无人操作 {minutes} 分钟后自动锁定。" if minutes else "已保存：从不自动锁定。"
        )
        return True

    def _build_about_group(self) -> QGroupBox:
        box = QGroupBox("关于")
        version = QLabel(f"{APP_TITLE} 版本 {__version__}")
        version.setObjectName("settingsVersion")
        version.setProperty("role", "value")
        self.about_button = QPushButton("关于本程序…")
        self.about_button.setToolTip("版本、功能，以及技术人员需要的信息")
        self.about_button.clicked.connect(self.show_about)
        #: The 关于 dialog opened last (kept alive while open; used by tests).
        self.about_dialog: AboutDialog | None = None
        row = QHBoxLayout()
        row.addWidget(version, 1)
        row.addWidget(self.about_button)
        layout = QVBoxLayout(box)
        layout.addLayout(row)
        return box

    def show_about(self) -> AboutDialog:
        dialog = self.about_dialog = AboutDialog(self.ctx.db, self.ctx.paths, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- behaviour ------------------------------------------------------------------------------

    def refresh(self) -> None:
        # Reloading would throw away what the clerk is typing; only reload a clean form.
        if not self._dirty:
            self.load_site()
        self.backup_panel.refresh()
        self.printers_group.refresh()

    def load_site(self) -> None:
        site = get_site(self.ctx.db)
        self.form.set_value(site if site is not None else SiteInput())
        self._set_dirty(False)
        self.status_label.clear()

    def save(self) -> bool:
        """Validate and store the form; errors appear at the fields. ``True`` when saved."""
        try:
            site, _ = set_up_site(
                self.ctx.paths, self.ctx.db, self.form.value(), actor=self.ctx.actor
            )
        except ValidationErrors as errors:
            self.form.show_errors(errors)
            self._set_status(f"有 {len(errors.errors)} 处需要更正，尚未保存。", "fieldError")
            return False
        except DjdeskError as exc:
            show_error(exc, self)
            return False
        log.info("site identity updated: %s", site.code)
        self.form.set_value(site)
        self._set_dirty(False)
        now = QDateTime.currentDateTime().toString("HH:mm")
        self._set_status(f"已保存（{now}）", "success")
        self.ctx.notify("site")
        return True

    def _on_edited(self) -> None:
        self._set_dirty(True)
        self._set_status("有未保存的修改", "hint")

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty = dirty
        self.revert_button.setEnabled(dirty and self.form.isEnabled())

    def is_dirty(self) -> bool:
        return self._dirty

    def _set_status(self, text: str, role: str) -> None:
        self.status_label.setText(text)
        self.status_label.setProperty("role", role)
        self.status_label.style().unpolish(self.status_label)
        self.status_label.style().polish(self.status_label)
