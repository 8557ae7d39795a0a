"""登记下级单位（按指纹）: code, name and the fingerprint read over the phone.

The key itself comes with the site's first package and is accepted only when its fingerprint
is the one typed here. Errors appear under the field they concern.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QDialog, QLineEdit, QVBoxLayout, QWidget

from djdesk.errors import DjdeskError, ValidationError, ValidationErrors
from djdesk.services.exchange.partners import register_partner
from djdesk.services.exchange.types import PartnerInfo
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.dialogs import DialogButtons, dialog_heading, intro_label
from djdesk.ui.common.errors import report_exception
from djdesk.ui.common.field_grid import FieldGrid


class RegisterDialog(QDialog):
    def __init__(self, ctx: UiContext, level: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.registered: PartnerInfo | None = None
        self.setWindowTitle(f"按指纹登记下级{level}")
        self.code = QLineEdit()
        self.code.setObjectName("partnerCode")
        self.code.setPlaceholderText("统计用区划代码")
        self.name = QLineEdit()
        self.name.setObjectName("partnerName")
        self.fingerprint = QLineEdit()
        self.fingerprint.setObjectName("partnerFingerprint")
        self.fingerprint.setPlaceholderText("32 位十六进制数字，可含空格或短横线")
        self.replace = QCheckBox("该单位已登记，更换为新的公钥")
        self.fields = FieldGrid(columns=1)
        self.fields.add_row("code", f"{level}代码", self.code)
        self.fields.add_row("name", f"{level}名称", self.name)
        self.fields.add_row("fingerprint", "公钥指纹", self.fingerprint)
        self.buttons = DialogButtons(self, "登记")
        layout = QVBoxLayout(self)
        layout.addWidget(dialog_heading(f"按指纹登记下级{level}", parent=self))
        layout.addWidget(
            intro_label(
                f"请{level}在其电脑上打开“数据交换 → 密钥”，电话中逐组念出公钥指纹。"
                "其第一个数据包到达时，程序核对指纹一致后才接收公钥。"
            )
        )
        layout.addLayout(self.fields)
        layout.addWidget(self.replace)
        layout.addWidget(self.buttons)

    def accept(self) -> None:
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
            self.fields.show_errors(exc.errors)
            return
        except ValidationError as exc:
            self.fields.show_errors([exc])
            return
        except DjdeskError as exc:
            report_exception(exc, self)
            return
        super().accept()
