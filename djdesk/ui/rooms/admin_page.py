"""场地管理 (administrators): the rooms with their hours, status and approval; the centre's
and each room's booking rules; closures and special hours; bookers whose booking rights are
suspended (lifted with a reason).

Three tabs: 场地 (新增 / 编辑 / 本场地规则), 闭馆与特别开放 (设置闭馆 / 特别开放时间 / 删除),
暂停预约名单 (恢复预约资格). 中心预约规则 sits with the page's actions.
"""

from __future__ import annotations

import contextlib
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from djdesk.errors import DjdeskError
from djdesk.services.rooms.closures import (
    ClosureInfo,
    clear_day_hours,
    list_closures,
    list_day_hours,
    remove_closure,
)
from djdesk.services.rooms.noshows import lift_suspension, suspensions
from djdesk.services.rooms.rooms import RoomInfo, ensure_default_rooms, list_rooms
from djdesk.ui.common.confirm import confirm
from djdesk.ui.common.context import UiContext, watch_changes
from djdesk.ui.common.errors import report_exception
from djdesk.ui.common.page import Page
from djdesk.ui.common.table_view import record_table_view
from djdesk.ui.rooms.action_dialogs import ReasonConfirmDialog
from djdesk.ui.rooms.admin_models import ClosuresModel, RoomsModel, SuspensionsModel
from djdesk.ui.rooms.closure_dialog import ClosureDialog, DayHoursDialog
from djdesk.ui.rooms.day_page import WATCHED
from djdesk.ui.rooms.room_dialog import RoomDialog
from djdesk.ui.rooms.rules_dialog import RulesDialog


def _tab(view: QTableView, *buttons: QPushButton) -> QWidget:
    tab = QWidget()
    layout = QVBoxLayout(tab)
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    layout.addLayout(row)
    layout.addWidget(view, 1)
    return tab


class RoomsAdminPage(Page):
    """Rooms, rules, closures and suspensions."""

    def __init__(self, ctx: UiContext) -> None:
        super().__init__(ctx, "场地管理", "场地、开放时间、预约规则、闭馆安排和暂停预约名单")
        self.setObjectName("roomsAdminPage")
        self.dialog: QDialog | None = None
        admin = ctx.is_admin
        self.rules_button = self.add_action(QPushButton("中心预约规则…"))
        self.rules_button.clicked.connect(lambda: self.edit_rules(None))
        self.add_new_action("新增场地", self.add_room, enabled=admin)

        self.rooms = RoomsModel()
        self.rooms_view = record_table_view(
            self.rooms,
            "roomsTable",
            stretch=(RoomsModel.COL_CATEGORIES,),
            status_column=RoomsModel.COL_STATUS,
        )
        self.rooms_view.activated.connect(lambda _i: self.edit_room())
        self.edit_button = QPushButton("编辑场地…")
        self.edit_button.clicked.connect(self.edit_room)
        self.room_rules_button = QPushButton("本场地规则…")
        self.room_rules_button.clicked.connect(lambda: self.edit_rules(self.selected_room()))

        self.closures = ClosuresModel()
        self.closures_view = record_table_view(
            self.closures, "closuresTable", stretch=(ClosuresModel.COL_REASON,)
        )
        self.closure_button = QPushButton("设置闭馆…")
        self.closure_button.clicked.connect(self.add_closure)
        self.day_hours_button = QPushButton("特别开放时间…")
        self.day_hours_button.clicked.connect(self.add_day_hours)
        self.remove_button = QPushButton("删除所选安排")
        self.remove_button.setProperty("danger", True)
        self.remove_button.clicked.connect(self.remove_selected)

        self.suspended = SuspensionsModel()
        self.suspended_view = record_table_view(
            self.suspended, "suspensionsTable", stretch=(SuspensionsModel.COL_REASON,)
        )
        self.lift_button = QPushButton("恢复预约资格…")
        self.lift_button.clicked.connect(self.lift_selected)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("roomsAdminTabs")
        self.tabs.addTab(_tab(self.rooms_view, self.edit_button, self.room_rules_button), "场地")
        self.tabs.addTab(
            _tab(
                self.closures_view, self.closure_button, self.day_hours_button, self.remove_button
            ),
            "闭馆与特别开放",
        )
        self.tabs.addTab(_tab(self.suspended_view, self.lift_button), "暂停预约名单")
        self.body_layout.addWidget(self.tabs, 1)
        for button in (
            self.rules_button,
            self.edit_button,
            self.room_rules_button,
            self.closure_button,
            self.day_hours_button,
            self.remove_button,
            self.lift_button,
        ):
            button.setEnabled(admin)
        if ctx.can_write:
            with contextlib.suppress(DjdeskError):  # the list shows what there is
                ensure_default_rooms(ctx.db, actor=ctx.actor)
        watch_changes(ctx, WATCHED, lambda _c: self.refresh(), self)
        self.refresh()

    def entry_widget(self) -> QWidget | None:
        return self.rooms_view

    # -- data -----------------------------------------------------------------------------------

    def refresh(self) -> None:
        db = self.ctx.db
        rooms = list_rooms(db)
        keep = self.selected_room()
        self.rooms.set_records(rooms)
        row = self.rooms.row_of(keep.id) if keep else 0
        if rooms:
            self.rooms_view.selectRow(max(row, 0))
        self.closures.room_names = {r.id: r.name for r in rooms}
        since = date.today()
        items: list[object] = [*list_closures(db, since=since), *list_day_hours(db, since=since)]
        items.sort(key=lambda c: c.first_day if isinstance(c, ClosureInfo) else c.day)  # type: ignore[attr-defined]
        self.closures.set_records(items)  # type: ignore[arg-type]
        self.suspended.set_records(suspensions(db))

    def selected_room(self) -> RoomInfo | None:
        index = self.rooms_view.currentIndex()
        return self.rooms.record(index.row()) if index.isValid() else None

    # -- actions --------------------------------------------------------------------------------

    def _show(self, dialog: QDialog) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialog = dialog
        dialog.open()
        return dialog

    def add_room(self) -> QDialog:
        return self._show(RoomDialog(self.ctx, parent=self))

    def edit_room(self) -> QDialog | None:
        room = self.selected_room()
        return self._show(RoomDialog(self.ctx, room, parent=self)) if room else None

    def edit_rules(self, room: RoomInfo | None) -> QDialog:
        return self._show(RulesDialog(self.ctx, room, parent=self))

    def add_closure(self) -> QDialog:
        return self._show(ClosureDialog(self.ctx, parent=self))

    def add_day_hours(self) -> QDialog:
        return self._show(DayHoursDialog(self.ctx, parent=self))

    def remove_selected(self) -> QDialog | None:
        index = self.closures_view.currentIndex()
        item = self.closures.record(index.row()) if index.isValid() else None
        if item is None:
            return None
        closure = isinstance(item, ClosureInfo)
        what = "闭馆安排" if closure else "特别开放时间"

        def remove() -> None:
            try:
                if isinstance(item, ClosureInfo):
                    remove_closure(self.ctx.db, item.id, actor=self.ctx.actor)
                else:
                    clear_day_hours(
                        self.ctx.db, item.day, actor=self.ctx.actor, room_id=item.room_id
                    )
            except DjdeskError as exc:
                report_exception(exc, self)
                return
            self.ctx.notify("room_closure")

        self.dialog = confirm(
            self,
            title=f"删除{what}",
            text=f"删除后恢复按平常的开放时间预约（{item.reason or '未写原因'}）。",
            action=f"删除{what}",
            on_confirm=remove,
        )
        return self.dialog

    def lift_selected(self) -> QDialog | None:
        index = self.suspended_view.currentIndex()
        item = self.suspended.record(index.row()) if index.isValid() else None
        if item is None:
            return None

        def lift(reason: str) -> None:
            lift_suspension(self.ctx.db, item.id, actor=self.ctx.actor, reason=reason)

        dialog = ReasonConfirmDialog(
            "恢复预约资格",
            f"提前恢复{item.booker_name}的预约资格（原定暂停至 {item.last_day:%Y-%m-%d}）？",
            "恢复预约资格",
            lift,
            reasons=("经核实爽约有正当理由", "已当面说明并承诺按时使用"),
            parent=self,
        )
        dialog.accepted.connect(lambda: self.ctx.notify("booker", item.booker_id))
        return self._show(dialog)
