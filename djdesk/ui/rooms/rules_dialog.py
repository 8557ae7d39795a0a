"""预约规则 (administrators): the centre's rules, or one room's own values.

The centre's form holds every value: slot, minimum notice, maximum advance (single and
series), maximum duration, monthly quotas and whom they apply to, the set-up buffer, the
public-benefit rule, holidays, and the no-show limit with its window and suspension. A room's
form shows the same fields empty where the room follows the centre (the centre's value as a
grey hint); a value typed there applies to that room only.
"""

from __future__ import annotations

import logging
from dataclasses import fields

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from djdesk.errors import DjdeskError, ValidationError, ValidationErrors
from djdesk.services.rooms.rooms import RoomInfo
from djdesk.services.rooms.settings import (
    LABELS,
    RuleOverrides,
    RuleSettings,
    centre_rules,
    room_overrides,
    save_rules,
    validate_rules,
)
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.errors import show_error, with_rule_errors
from djdesk.ui.common.field_grid import FieldGrid
from djdesk.ui.common.form_dialog import FormDialog

log = logging.getLogger(__name__)

BOOLS = ("public_benefit_only", "follow_holidays")
TEXTS = ("quota_categories",)
NAMES = [f.name for f in fields(RuleSettings)]
HINTS = {
    "quota_count": "0 表示不限",
    "quota_hours": "0 表示不限",
    "quota_categories": "用顿号分隔，如：居民、居民团队",
    "no_show_limit": "0 表示不因爽约暂停",
}


def _shown(value: object) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


class RulesDialog(FormDialog):
    """The centre's rules (``room`` None) or one room's overrides; :attr:`saved` after 保存."""

    def __init__(
        self, ctx: UiContext, room: RoomInfo | None = None, parent: QWidget | None = None
    ) -> None:
        title = f"{room.name}的预约规则" if room else "中心预约规则"
        intro = (
            "留空的项目沿用中心规则（灰字为中心的值），填写的只对本场地有效。"
            if room
            else "适用于所有场地；个别场地可在“本场地规则”中另行规定。"
        )
        super().__init__(title, title, intro, accept_enabled=ctx.is_admin, parent=parent)
        self.setObjectName("rulesDialog")
        self.ctx = ctx
        self.room = room
        self.saved: RuleSettings | None = None
        centre = centre_rules(ctx.db)
        own = room_overrides(ctx.db, room.id) if room else None
        self.editors: dict[str, QWidget] = {}
        grid = self.grid = FieldGrid(columns=2)
        position = 0
        for name in NAMES:
            given = getattr(own, name) if own is not None else getattr(centre, name)
            editor = self._editor(name, given, getattr(centre, name))
            self.editors[name] = editor
            span = 2 if name in TEXTS else 1
            position += position % 2 if span == 2 else 0  # a wide field starts a row
            grid.add(name, LABELS[name], editor, position // 2, position % 2, span)
            position += span
        self.add_body(grid)
        self.body_layout.addStretch(1)
        self.fit_content(760)

    def _editor(self, name: str, given: object, centre: object) -> QWidget:
        if name in BOOLS:
            combo = QComboBox()
            combo.setObjectName(f"field_{name}")
            if self.room is not None:
                combo.addItem(f"沿用中心（{_shown(centre)}）", None)
            combo.addItem("是", True)
            combo.addItem("否", False)
            combo.setCurrentIndex(max(combo.findData(given), 0) if given is not None else 0)
            combo.currentIndexChanged.connect(lambda _i: self.grid.clear_error(name))
            return combo
        edit = QLineEdit("" if given is None else str(given))
        edit.setObjectName(f"field_{name}")
        hint = HINTS.get(name, "")
        if self.room is not None:
            hint = f"沿用中心：{_shown(centre)}" + (f"（{hint}）" if hint else "")
        edit.setPlaceholderText(hint)
        edit.textChanged.connect(lambda _t: self.grid.clear_error(name))
        return edit

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.editors[NAMES[0]].setFocus(Qt.FocusReason.OtherFocusReason)

    def value(self) -> tuple[RuleOverrides, list[ValidationError]]:
        values: dict[str, object] = {}
        errors: list[ValidationError] = []
        for name, editor in self.editors.items():
            if isinstance(editor, QComboBox):
                values[name] = editor.currentData()
                continue
            assert isinstance(editor, QLineEdit)
            text = editor.text().strip()
            if name in TEXTS:
                values[name] = text or None
            elif not text:
                values[name] = None
                if self.room is None:
                    errors.append(ValidationError(name, "不能为空", label=LABELS[name]))
            elif text.isdigit():
                values[name] = int(text)
            else:
                errors.append(ValidationError(name, "应为整数", label=LABELS[name]))
        return RuleOverrides(**values), errors  # type: ignore[arg-type]

    def accept(self) -> None:
        self.grid.clear_errors()
        data, errors = self.value()
        try:
            if errors:  # say everything at once: the ranges of the readable values too
                raise ValidationErrors(with_rule_errors(errors, lambda: validate_rules(data)))
            self.saved = save_rules(
                self.ctx.db, data, actor=self.ctx.actor, room_id=self.room.id if self.room else None
            )
        except ValidationErrors as exc:
            rest = self.grid.show_errors(exc, focus=True)
            if rest:
                show_error(ValidationErrors(rest), self)
            return
        except DjdeskError as exc:
            show_error(exc, self)
            return
        log.info("rules saved for %s", self.room.name if self.room else "the centre")
        self.ctx.notify("room_rules", *([self.room.id] if self.room else []))
        self.mark_clean()
        super().accept()
