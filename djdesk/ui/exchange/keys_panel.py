"""密钥与下级单位: this site's fingerprint and key file, the 上级's key, and (at a street or
district) the registered 下级 sites with how up to date each one is."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from djdesk.errors import DjdeskError
from djdesk.services.exchange.keys import ensure_site_key, write_key_file
from djdesk.services.exchange.partners import (
    LOWER_LEVEL,
    partners,
    register_from_key_file,
    trust_upper,
)
from djdesk.services.exchange.types import PartnerRelation
from djdesk.services.site.identity import get_site
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.dialogs import show_notice
from djdesk.ui.common.errors import report_exception
from djdesk.ui.common.file_dialogs import open_file, save_file
from djdesk.ui.common.file_ready import show_file_ready
from djdesk.ui.common.page import section_title, value_label
from djdesk.ui.common.table_view import record_table_view
from djdesk.ui.exchange.models import PartnersModel
from djdesk.ui.exchange.passphrase import hint
from djdesk.ui.exchange.register_dialog import RegisterDialog

KEY_FILTER = "公钥文件 (*.key *.json);;所有文件 (*)"


class KeysPanel(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.fingerprint = value_label()
        self.fingerprint.setObjectName("siteFingerprint")
        self.upper = value_label()
        self.upper.setObjectName("upperSite")
        self.export_button = QPushButton("导出本机公钥文件…")
        self.export_button.clicked.connect(self.export_key)
        self.trust_button = QPushButton("登记上级公钥…")
        self.trust_button.clicked.connect(self.trust)
        own = QHBoxLayout()
        own.addWidget(self.fingerprint, 1)
        own.addWidget(self.export_button)
        up = QHBoxLayout()
        up.addWidget(self.upper, 1)
        up.addWidget(self.trust_button)

        self.lower_title = section_title("下级单位")
        self.model = PartnersModel()
        self.view = record_table_view(self.model, "partnersTable", stretch=(5,), minimum_height=180)
        self.add_key_button = QPushButton("用公钥文件登记…")
        self.add_key_button.clicked.connect(self.register_key_file)
        self.add_print_button = QPushButton("按指纹登记…")
        self.add_print_button.clicked.connect(self.register_fingerprint)
        lower_buttons = QHBoxLayout()
        lower_buttons.addStretch(1)
        lower_buttons.addWidget(self.add_print_button)
        lower_buttons.addWidget(self.add_key_button)
        self.lower_parts: list[QWidget] = [
            self.lower_title,
            self.view,
            self.add_key_button,
            self.add_print_button,
        ]

        layout = QVBoxLayout(self)
        layout.addWidget(
            hint(
                "本机用自己的密钥给数据包签名，私钥只保存在本机数据文件夹，从不导出。把公钥文件"
                "交给上级单位登记（或电话核对指纹），上级才会接收本机的数据包。"
            )
        )
        layout.addLayout(own)
        layout.addLayout(up)
        layout.addWidget(self.lower_title)
        layout.addWidget(self.view, 1)
        layout.addLayout(lower_buttons)
        if not ctx.is_admin:
            for button in (self.trust_button, self.add_key_button, self.add_print_button):
                button.setEnabled(False)
                button.setToolTip("只有管理员可以登记单位和公钥")
        self.refresh()

    def refresh(self) -> None:
        site = get_site(self.ctx.db)
        level = LOWER_LEVEL.get(site.level) if site else None
        for part in self.lower_parts:
            part.setVisible(level is not None)
        if level is not None:
            self.lower_title.setText(f"下级{level}")
        found = partners(self.ctx.db)
        self.model.set_records([p for p in found if p.relation != PartnerRelation.UPPER])
        upper = next((p for p in found if p.relation == PartnerRelation.UPPER), None)
        self.upper.setText(
            f"上级：{upper.name}（{upper.code}），指纹 {upper.fingerprint}"
            if upper
            else "尚未登记上级单位的公钥（导入上级下发的目录前需要登记）。"
        )
        self.fingerprint.setText("本机公钥指纹：首次导出数据包或导出公钥文件时生成。")
        if site is not None and self.ctx.can_write:
            try:
                info = ensure_site_key(self.ctx.paths, self.ctx.db, actor=self.ctx.actor)
            except DjdeskError as exc:
                self.fingerprint.setText(exc.message)
            else:
                self.fingerprint.setText(f"本机公钥指纹：{info.fingerprint}")

    def export_key(self) -> None:
        site = get_site(self.ctx.db)
        name = f"{site.short_name if site else '本机'}-公钥.key"
        chosen, _ = save_file(
            self, "导出本机公钥文件", str(self.ctx.paths.output_dir / name), KEY_FILTER
        )
        if not chosen:
            return
        try:
            info = write_key_file(self.ctx.paths, self.ctx.db, Path(chosen), actor=self.ctx.actor)
        except DjdeskError as exc:
            report_exception(exc, self)
            return
        self.refresh()
        show_file_ready(
            self, "导出本机公钥文件", f"指纹 {info.fingerprint}，已保存为：", Path(chosen)
        )

    def _key_file(self, title: str) -> Path | None:
        chosen = open_file(self, title, str(Path.home()), KEY_FILTER)
        return Path(chosen) if chosen else None

    def trust(self) -> None:
        path = self._key_file("登记上级公钥")
        if path is None:
            return
        try:
            info = trust_upper(self.ctx.db, path, actor=self.ctx.actor)
        except DjdeskError as exc:
            report_exception(exc, self)
            return
        self.refresh()
        show_notice(
            self,
            QMessageBox.Icon.Information,
            "登记上级公钥",
            f"已登记{info.level}“{info.name}”的公钥，指纹 {info.fingerprint}。",
        )

    def register_key_file(self) -> None:
        path = self._key_file("用公钥文件登记下级单位")
        if path is None:
            return
        try:
            info = register_from_key_file(self.ctx.db, path, actor=self.ctx.actor)
        except DjdeskError as exc:
            report_exception(exc, self)
            return
        self.refresh()
        show_notice(
            self,
            QMessageBox.Icon.Information,
            "登记下级单位",
            f"已登记{info.level}“{info.name}”（{info.code}），指纹 {info.fingerprint}。",
        )

    def register_fingerprint(self) -> None:
        site = get_site(self.ctx.db)
        level = LOWER_LEVEL.get(site.level, "单位") if site else "单位"
        dialog = RegisterDialog(self.ctx, level, self)
        if dialog.exec() and dialog.registered is not None:
            self.refresh()
