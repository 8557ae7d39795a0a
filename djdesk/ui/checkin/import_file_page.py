"""导入花名册, first page: choose the roster file; the blank template can be saved from here."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWizardPage,
)

from djdesk.errors import DjdeskError
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.errors import report_exception
from djdesk.ui.common.file_dialogs import open_file, save_file

TEMPLATE_NAME = "在职党员花名册模板.xlsx"


def hint(text: str = "", role: str = "hint") -> QLabel:
    """A word-wrapped label styled by its role (hint, value, success, fieldError)."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setProperty("role", role)
    return label


class FilePage(QWizardPage):
    """第一步: choose the roster file; the blank template can be saved from here."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self._ctx = ctx
        self.setTitle("第一步：选择花名册文件")
        self.setSubTitle("选择驻区单位报来的在职党员花名册（Excel 工作簿 .xlsx）。")
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText("花名册文件的位置")
        self.path_edit.textChanged.connect(self.completeChanged)
        self.browse_button = QPushButton("选择文件…")
        self.browse_button.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        self.template_link = QLabel('<a href="template">下载空白模板</a>')
        self.template_link.linkActivated.connect(lambda _link: self.save_template())
        self.template_status = hint(role="success")
        notes = hint(
            "说明：表格可以带标题行和“填报单位”行，列的顺序不限；至少要有“姓名”和“公民身份号码”"
            "（或“身份证号”）两列。导入前会先逐行检查并列出结果，确认后才写入；写入前会自动备份"
            "数据库。建议请各单位使用空白模板填写。"
        )
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.template_link)
        layout.addWidget(self.template_status)
        layout.addSpacing(8)
        layout.addWidget(notes)
        layout.addStretch(1)

    def path(self) -> Path:
        return Path(self.path_edit.text().strip())

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip())

    def browse(self) -> None:
        start = str(self.path().parent) if self.path_edit.text().strip() else str(Path.home())
        chosen = open_file(self, "选择花名册", start, "Excel 工作簿 (*.xlsx);;所有文件 (*)")
        if chosen:
            self.path_edit.setText(chosen)

    def save_template(self) -> Path | None:
        from djdesk.formats.checkin.roster_template import write_template
        from djdesk.services.checkin.grids import list_grids, list_posts

        default = str(self._ctx.paths.output_dir / TEMPLATE_NAME)
        chosen, _ = save_file(self, "保存空白模板", default, "Excel 工作簿 (*.xlsx)")
        if not chosen:
            return None
        target = Path(chosen).with_suffix(".xlsx")
        try:
            grids = [g.name for g in list_grids(self._ctx.db)]
            posts = [p.name for p in list_posts(self._ctx.db)]
            write_template(target, grids=grids, posts=posts, overwrite=True)
        except DjdeskError as exc:
            report_exception(exc, self)
            return None
        self.template_status.setText(f"空白模板已保存到：{target}")
        return target
