"""登记下级单位（按指纹）: code, name and the fingerprint read over the phone.

A :class:`~djdesk.ui.common.form_dialog.FormDialog`: Enter or Ctrl+S registers, Esc asks before
typed input is dropped, the reasons appear under the fields they concern. The key itself comes
with the site's first package and is accepted only when its fingerprint is the one typed here.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from djdesk.errors import DjdeskError, ValidationError, ValidationErrors
from djdesk.services.exchange.partners import register_partner
from djdesk.services.exchange.types import PartnerInfo
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.errors import report_exception
from djdesk.ui.common.field_grid import FieldGrid
from djdesk.ui.common.form_dialog import FormDialog


class RegisterDialog(FormDialog):
    def __init__(self, ctx: UiContext, level: str, parent: QWidget | None = None) -> None:
        super().__init__(
            f"按指纹登记下级{level}",
            f"按指纹登记下级{level}",
            f"请{level}在其电脑上打开“数据交换 → 密钥与下级单位”，电话中逐组念出公钥指纹。"
            "其第一个数据包到达时，程序核对指纹一致后才接收公钥。",
            accept_text="登记",
            parent=parent,
        )
        self.setObjectName("registerDialog")
        self.ctx = ctx
        self.registered: PartnerInfo | None = None
        self.code = QLineEdit()
        self.code.setObjectName("partnerCode")
        self.code.setPlaceholderText("统计用区划代码")
        self.name = QLineEdit()
        self.name.setObjectName("partnerName")
        self.fingerprint = QLineEdit()
        self.fingerprint.setObjectName("partnerFingerprint")
        self.fingerprint.setPlaceholderText("32 位十六进制数字，可含空格或短横线")
        self.replace = QCheckBox("该单位已登记，更换为新的公钥")
        self.replace.setObjectName("replaceKey")
        self.fields = FieldGrid(columns=1)
        self.fields.add_row("code", f"{level}代码", self.code, required=True)
        self.fields.add_row("name", f"{level}名称", self.name, required=True)
        self.fields.add_row("fingerprint", "公钥指纹", self.fingerprint, required=True)
        self.add_body(self.fields)
        self.add_body(self.replace)
        self.body_layout.addStretch(1)
        self.fit_content(560)

    def _show(self, errors: list[ValidationError]) -> None:
        self.fields.show_errors(errors)
        first = self.fields.first_invalid()
        if first is not None:
            self.ensure_visible(first)
            first.setFocus()

    def accept(self) -> None:
        missing = self.fields.missing()
        if missing:
            self._show(missing)
            return
        try:
            self.registered = register_partner(
                self.ctx.db,
                code=self.code.text(),
                name=self.name.text(),
                fingerprint_text=self.fingerprint.text(),
                replace=self.replace.isChecked(),
                actor=self.ctx.actor,
            )
        except ValidationErrors as exc:
            self._show(exc.errors)
            return
        except ValidationError as exc:
            self._show([exc])
            return
        except DjdeskError as exc:
            report_exception(exc, self)
            return
        self.mark_clean()
        super().accept()
