"""网格与岗位: the community's grids (网格) and the service-post list members claim (设岗定责).

Both are small registries only an administrator edits; other roles see them read-only. Grids
and posts are never deleted (check-ins refer to them): 停用 hides one from new check-ins.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from djdesk.errors import DjdeskError, ValidationErrors
from djdesk.services.checkin.grids import (
    GridInfo,
    PostInfo,
    list_grids,
    list_posts,
    save_grid,
    save_post,
)
from djdesk.ui.common.context import UiContext, watch_changes
from djdesk.ui.common.errors import report_exception, show_error
from djdesk.ui.common.field_grid import FieldGrid
from djdesk.ui.common.form_dialog import FormDialog
from djdesk.ui.common.page import Page, section_title
from djdesk.ui.common.record_table import CENTER, Column, RecordTableModel
from djdesk.ui.common.table_view import record_table_view

log = logging.getLogger(__name__)

READ_ONLY_NOTE = "网格和服务岗位由管理员维护；当前账号只能查看。"


def _state(active: bool) -> str:
    return "启用" if active else "停用"


class GridsModel(RecordTableModel[GridInfo]):
    COLUMNS: tuple[Column[GridInfo], ...] = (
        Column("网格名称", lambda g: g.name),
        Column("范围", lambda g: g.area or "—", tooltip=lambda g: g.area),
        Column("网格长", lambda g: g.leader or "—"),
        Column("电话", lambda g: g.phone or "—"),
        Column("状态", lambda g: _state(g.active), CENTER),
    )

    def __init__(self) -> None:
        super().__init__(
            self.COLUMNS,
            muted=lambda g: not g.active,
            status=lambda g: _state(g.active),
            key=lambda g: g.id,
        )


class PostsModel(RecordTableModel[PostInfo]):
    COLUMNS: tuple[Column[PostInfo], ...] = (
        Column("顺序", lambda p: str(p.sort_order), CENTER),
        Column("岗位名称", lambda p: p.name),
        Column("状态", lambda p: _state(p.active), CENTER),
    )

    def __init__(self) -> None:
        super().__init__(
            self.COLUMNS,
            muted=lambda p: not p.active,
            status=lambda p: _state(p.active),
            key=lambda p: p.id,
        )


class RegistryItemDialog(FormDialog):
    """A small form (a few text fields and 启用) whose 保存 calls ``save(values)``."""

    def __init__(
        self,
        title: str,
        fields: list[tuple[str, str, str]],
        *,
        active: bool,
        save: Callable[[dict[str, str], bool], Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent=parent)
        self.setObjectName("registryItemDialog")
        self._save = save
        self.saved: Any = None
        self.edits: dict[str, QLineEdit] = {}
        self.grid = FieldGrid(columns=1)
        for row, (key, caption, value) in enumerate(fields):
            edit = QLineEdit(value)
            edit.setObjectName(f"field_{key}")
            edit.textChanged.connect(lambda _t, k=key: self.grid.clear_error(k))
            self.edits[key] = edit
            self.grid.add(key, caption, edit, row, required=key == "name")
        self.active_check = QCheckBox("启用（停用后办理报到时不再显示）")
        self.active_check.setObjectName("field_active")
        self.active_check.setChecked(active)
        self.add_body(self.grid)
        self.add_body(self.active_check)
        self.body_layout.addStretch(1)
        self.fit_content(500)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        next(iter(self.edits.values())).setFocus(Qt.FocusReason.OtherFocusReason)

    def accept(self) -> None:
        self.grid.clear_errors()
        missing = self.grid.missing()
        if missing:
            self.grid.show_errors(missing, focus=True)
            return
        values = {key: edit.text() for key, edit in self.edits.items()}
        try:
            self.saved = self._save(values, self.active_check.isChecked())
        except ValidationErrors as errors:
            rest = self.grid.show_errors(errors, focus=True)
            if rest:
                show_error(ValidationErrors(rest), self)
            return
        except DjdeskError as exc:
            show_error(exc, self)
            return
        self.mark_clean()
        super().accept()


def _table(model: RecordTableModel[Any], name: str, status_column: int) -> QTableView:
    return record_table_view(
        model, name, stretch=(1,), status_column=status_column, minimum_height=300
    )


class GridsPage(Page):
    """Two tables side by side: grids and service posts, with 新增 / 编辑 / 停用·启用."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx, "网格与岗位", "社区网格划分与在职党员可认领的服务岗位")
        self.setObjectName("gridsPage")
        self.editable = ctx.is_admin
        #: The edit dialog opened last (kept alive while open; used by tests).
        self.dialog: RegistryItemDialog | None = None
        self.note = QLabel(READ_ONLY_NOTE)
        self.note.setObjectName("readOnlyNote")
        self.note.setProperty("role", "hint")
        self.note.setVisible(not self.editable)
        self.body_layout.addWidget(self.note)

        self.grids_model = GridsModel()
        self.grids_view = _table(self.grids_model, "gridTable", 4)
        self.posts_model = PostsModel()
        self.posts_view = _table(self.posts_model, "postTable", 2)
        self.grid_buttons = self._buttons(self.add_grid, self.edit_grid, self.toggle_grid)
        self.set_new_action("新增网格", self.grid_buttons["add"], self.add_grid)
        self.post_buttons = self._buttons(self.add_post, self.edit_post, self.toggle_post)
        self.grids_view.doubleClicked.connect(lambda _i: self.edit_grid())
        self.posts_view.doubleClicked.connect(lambda _i: self.edit_post())
        for view in (self.grids_view, self.posts_view):
            view.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())

        row = QHBoxLayout()
        row.setSpacing(16)
        row.addWidget(self._box("网格", self.grids_view, self.grid_buttons), 3)
        row.addWidget(self._box("服务岗位", self.posts_view, self.post_buttons), 2)
        self.body_layout.addLayout(row, 1)
        watch_changes(ctx, ("grid", "service_post"), lambda _c: self.refresh(), self)
        self.refresh()

    def _buttons(self, *slots: Callable[[], object]) -> dict[str, QPushButton]:
        buttons = {
            "add": QPushButton("新增"),
            "edit": QPushButton("编辑"),
            "toggle": QPushButton("停用"),
        }
        for button, slot in zip(buttons.values(), slots, strict=True):
            button.clicked.connect(lambda _=False, s=slot: s())
            button.setEnabled(self.editable)
        return buttons

    def _box(self, title: str, view: QTableView, buttons: dict[str, QPushButton]) -> QFrame:
        box = QFrame()
        box.setObjectName("registryBox")
        box.setProperty("role", "card")
        actions = QHBoxLayout()
        actions.addWidget(section_title(title))
        actions.addStretch(1)
        for button in buttons.values():
            actions.addWidget(button)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(20, 14, 20, 18)
        layout.setSpacing(10)
        layout.addLayout(actions)
        layout.addWidget(view, 1)
        return box

    # -- data -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        self.grids_model.set_records(list_grids(self.ctx.db, include_inactive=True))
        self.posts_model.set_records(list_posts(self.ctx.db, include_inactive=True))
        self._update_buttons()

    def selected_grid(self) -> GridInfo | None:
        return self.grids_model.record(self.grids_view.currentIndex().row())

    def selected_post(self) -> PostInfo | None:
        return self.posts_model.record(self.posts_view.currentIndex().row())

    def _update_buttons(self) -> None:
        for buttons, item in (
            (self.grid_buttons, self.selected_grid()),
            (self.post_buttons, self.selected_post()),
        ):
            buttons["add"].setEnabled(self.editable)
            buttons["edit"].setEnabled(self.editable and item is not None)
            buttons["toggle"].setEnabled(self.editable and item is not None)
            buttons["toggle"].setText("启用" if item is not None and not item.active else "停用")

    # -- editing --------------------------------------------------------------------------------

    def _open(self, dialog: RegistryItemDialog, kind: str) -> RegistryItemDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.ctx.notify(kind, dialog.saved.id))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _grid_dialog(self, grid: GridInfo | None) -> RegistryItemDialog:
        def save(values: dict[str, str], active: bool) -> GridInfo:
            return save_grid(
                self.ctx.db,
                name=values["name"],
                area=values["area"],
                leader=values["leader"],
                phone=values["phone"],
                active=active,
                grid_id=grid.id if grid else None,
                actor=self.ctx.actor,
            )

        fields = [
            ("name", "网格名称", grid.name if grid else ""),
            ("area", "范围", grid.area if grid else ""),
            ("leader", "网格长", grid.leader if grid else ""),
            ("phone", "电话", grid.phone if grid else ""),
        ]
        title = "编辑网格" if grid else "新增网格"
        return RegistryItemDialog(
            title, fields, active=grid.active if grid else True, save=save, parent=self
        )

    def _post_dialog(self, post: PostInfo | None) -> RegistryItemDialog:
        def save(values: dict[str, str], active: bool) -> PostInfo:
            return save_post(
                self.ctx.db,
                name=values["name"],
                active=active,
                post_id=post.id if post else None,
                actor=self.ctx.actor,
            )

        title = "编辑服务岗位" if post else "新增服务岗位"
        fields = [("name", "岗位名称", post.name if post else "")]
        return RegistryItemDialog(
            title, fields, active=post.active if post else True, save=save, parent=self
        )

    def add_grid(self) -> RegistryItemDialog:
        return self._open(self._grid_dialog(None), "grid")

    def edit_grid(self) -> RegistryItemDialog | None:
        grid = self.selected_grid()
        return self._open(self._grid_dialog(grid), "grid") if grid and self.editable else None

    def add_post(self) -> RegistryItemDialog:
        return self._open(self._post_dialog(None), "service_post")

    def edit_post(self) -> RegistryItemDialog | None:
        post = self.selected_post()
        if post is None or not self.editable:
            return None
        return self._open(self._post_dialog(post), "service_post")

    def toggle_grid(self) -> None:
        grid = self.selected_grid()
        if grid is None:
            return
        self._apply(
            "grid",
            lambda: save_grid(
                self.ctx.db,
                name=grid.name,
                area=grid.area,
                leader=grid.leader,
                phone=grid.phone,
                active=not grid.active,
                grid_id=grid.id,
                actor=self.ctx.actor,
            ),
        )

    def toggle_post(self) -> None:
        post = self.selected_post()
        if post is None:
            return
        self._apply(
            "service_post",
            lambda: save_post(
                self.ctx.db,
                name=post.name,
                active=not post.active,
                post_id=post.id,
                actor=self.ctx.actor,
            ),
        )

    def _apply(self, kind: str, change: Callable[[], GridInfo | PostInfo]) -> None:
        grid_row = self.grids_view.currentIndex().row()
        post_row = self.posts_view.currentIndex().row()
        try:
            saved = change()
        except DjdeskError as exc:
            report_exception(exc, self)
            return
        self.ctx.notify(kind, saved.id)
        self.grids_view.setCurrentIndex(self.grids_model.index(grid_row, 0))
        self.posts_view.setCurrentIndex(self.posts_model.index(post_row, 0))
