"""办理报到 / 重新报到 / 修改党员信息: the counter's data-entry dialog, built on the form kit.

:class:`CheckInDialog` is a :class:`~djdesk.ui.common.form_dialog.FormDialog` (Enter, Ctrl+S or
Ctrl+Enter save; Esc asks before typed input is thrown away; never taller than the screen)
holding the member form (:mod:`djdesk.ui.checkin.member_form`) and, when checking in, the 报到
section (:class:`CheckInFields`). 保存并报到 first checks what the form can see itself
(required fields, dates, the unit), then calls ``check_in`` or ``update_member``; their field
errors come back under the fields and nothing is saved until the whole form passes. An ID
number that is already registered offers to open that member's card
(:attr:`CheckInDialog.open_member_requested`). Dialogs open with ``open()`` (never a blocking
``exec()``), so the page and the tests keep control.
"""

from __future__ import annotations

import itertools
import logging
import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from djdesk.errors import DjdeskError, ValidationError, ValidationErrors
from djdesk.services.checkin.checkins import CheckInResult, check_in, update_member
from djdesk.services.checkin.grids import list_grids, list_posts
from djdesk.services.checkin.member_rules import MemberInput, validate_member
from djdesk.services.checkin.members import search_members
from djdesk.services.checkin.units import UnitInfo, UnitInput, list_units, save_unit
from djdesk.ui.checkin.checkin_fields import CheckInFields
from djdesk.ui.checkin.member_form import MemberForm
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.errors import show_error
from djdesk.ui.common.form_dialog import FormDialog
from djdesk.validation.idcard import clean_id_number

log = logging.getLogger(__name__)

MODE_NEW = "new"
MODE_RETURN = "return"
MODE_EDIT = "edit"
_TITLES = {MODE_NEW: "办理报到", MODE_RETURN: "重新报到", MODE_EDIT: "修改党员信息"}
_INTROS = {
    MODE_NEW: "按报到登记表填写。身份证号会自动填出性别和出生日期；日期可直接输入，如 20100315。"
    "单位未登记时按“登记新单位”在这里登记。保存后生成报到编号和报到回执。",
    MODE_RETURN: "该党员曾在本社区报到后迁出。核对信息后保存，即重新报到并生成新的报到编号。",
    MODE_EDIT: "更正党员的登记信息。报到编号、网格和岗位不在这里修改。",
}


def prefill_from_query(text: str) -> MemberInput:
    """A new check-in pre-filled from what was typed in the search box.

    18 characters of digits (last may be X) → 公民身份号码; 11 digits starting with 1 → 手机;
    Chinese text → 姓名; anything else (pinyin, partial numbers) fills nothing.
    """
    query = "".join(text.split())
    if re.fullmatch(r"\d{17}[\dXx]", query):
        return MemberInput(id_number=query.upper())
    if re.fullmatch(r"1\d{10}", query):
        return MemberInput(mobile=query)
    if re.search(r"[\u3400-\u9fff]", query) and not re.search(r"[A-Za-z0-9]", query):
        return MemberInput(name=query)
    return MemberInput()


class CheckInDialog(FormDialog):
    """The check-in (new or returning member) or the correction of a member's data."""

    #: The ID number typed belongs to a registered member; carries that member's id.
    open_member_requested = Signal(int)

    def __init__(
        self,
        ctx: UiContext,
        *,
        mode: str = MODE_NEW,
        initial: MemberInput | None = None,
        member_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            _TITLES[mode],
            _TITLES[mode] + (f" — {initial.name}" if initial and initial.name else ""),
            _INTROS[mode],
            accept_text="保存" if mode == MODE_EDIT else "保存并报到",
            accept_enabled=ctx.can_write,
            parent=parent,
        )
        self.setObjectName("checkinDialog")
        self.ctx = ctx
        self.mode = mode
        self.member_id = member_id
        self.result_info: CheckInResult | None = None

        self.form = MemberForm(
            list_units(ctx.db),
            save_unit=self._save_unit if ctx.can_write else None,
            unit_required=mode != MODE_EDIT,
        )
        if initial is not None:
            self.form.set_value(initial)
        self.checkin_fields: CheckInFields | None = None
        if mode != MODE_EDIT:
            self.checkin_fields = CheckInFields(
                list_grids(ctx.db), [p.name for p in list_posts(ctx.db)]
            )
            self.checkin_fields.set_received_by(ctx.actor.display_name)

        columns = QHBoxLayout()
        columns.setSpacing(14)
        left = QVBoxLayout()
        left.setSpacing(14)
        right = QVBoxLayout()
        right.setSpacing(14)
        for key in ("basic", "contact", "unit"):
            left.addWidget(self.form.sections[key])
        if self.checkin_fields is not None:
            right.addWidget(self.checkin_fields.box)
        right.addWidget(self.form.sections["service"])
        left.addStretch(1)
        right.addStretch(1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        self.add_body(columns)
        self._set_tab_order()
        self.fit_content(1140)

    def _set_tab_order(self) -> None:
        chain = self.form.tab_chain()
        id_index = chain.index(self.form.edits["id_number"]) + 1
        chain.insert(id_index, self.form.grid_of("id_number").action_button("id_number"))
        split = chain.index(self.form.edits["post_title"]) + 1
        if self.checkin_fields is not None:
            chain = [*chain[:split], *self.checkin_fields.tab_chain(), *chain[split:]]
        chain += [self.save_button, self.cancel_button]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        edits = self.form.edits
        target = edits["name"] if not edits["name"].text() else edits["id_number"]
        if edits["name"].text() and edits["id_number"].text():
            target = edits["mobile"]
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _save_unit(self, data: UnitInput) -> UnitInfo:
        unit = save_unit(self.ctx.db, data, actor=self.ctx.actor)
        self.ctx.notify("unit", unit.id)
        return unit

    # -- saving ---------------------------------------------------------------------------------

    def show_errors(self, errors: list[ValidationError]) -> list[ValidationError]:
        """Errors under their fields (member form, then 报到 section); returns the rest."""
        rest = self.form.show_errors(errors)
        if self.checkin_fields is not None:
            rest = self.checkin_fields.grid.show_errors(rest)
        if any(e.field == "id_number" for e in errors):
            self._offer_existing_member()
        first = self.form.first_invalid() or (
            self.checkin_fields.grid.first_invalid() if self.checkin_fields else None
        )
        if first is not None:
            self.ensure_visible(first)
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        return rest

    def _offer_existing_member(self) -> None:
        """An ID number already registered: a link under the error opens that member's card."""
        number = clean_id_number(self.form.edits["id_number"].text())
        if len(number) != 18:
            return
        hits = [h for h in search_members(self.ctx.db, number) if h.member_id != self.member_id]
        if len(hits) != 1:
            return
        hit = hits[0]
        self.form.grid_of("id_number").show_error(
            "id_number",
            "",
            action=(f"打开“{hit.name}”的党员卡片", lambda: self.open_existing(hit.member_id)),
        )

    def open_existing(self, member_id: int) -> None:
        """Close the form (the number is someone's already) and show that member's card."""
        self.discard()
        self.open_member_requested.emit(member_id)

    def accept(self) -> None:
        """Save through the service; on errors show them and stay open (nothing is saved)."""
        self.form.clear_errors()
        if self.checkin_fields is not None:
            self.checkin_fields.grid.clear_errors()
        local = self.form.local_errors()
        if self.checkin_fields is not None:
            local += self.checkin_fields.local_errors()
        if local:
            # Say everything at once: the service's rules on the other fields too.
            try:
                validate_member(self.form.value())
            except ValidationErrors as errors:
                seen = {e.field for e in local}
                local += [e for e in errors.errors if e.field not in seen]
            self.show_errors(local)
            return
        try:
            if self.mode == MODE_EDIT:
                assert self.member_id is not None
                update_member(self.ctx.db, self.member_id, self.form.value(), actor=self.ctx.actor)
            else:
                assert self.checkin_fields is not None
                self.result_info = check_in(
                    self.ctx.db,
                    self.form.value(),
                    self.checkin_fields.value(),
                    actor=self.ctx.actor,
                )
                self.member_id = self.result_info.member_id
        except ValidationErrors as errors:
            rest = self.show_errors(list(errors.errors))
            if rest:
                show_error(ValidationErrors(rest), self)
            return
        except DjdeskError as exc:
            show_error(exc, self)
            return
        log.info("%s saved for member %s", _TITLES[self.mode], self.member_id)
        self.ctx.notify("member", self.member_id)
        if self.result_info is not None:
            self.ctx.notify("checkin", self.result_info.checkin_id)
        self.mark_clean()
        super().accept()
