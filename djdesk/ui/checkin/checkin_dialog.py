"""办理报到 / 重新报到 / 修改党员信息, and 调整网格/岗位: the counter's data-entry dialogs.

:class:`CheckInDialog` shows the member form (:mod:`djdesk.ui.checkin.member_form`) and, when
checking in, the 报到 section (:class:`CheckInFields`). 保存 calls ``check_in`` or
``update_member``; their field errors come back under the fields and nothing is saved until
the whole form passes. Dialogs open with ``open()`` (never a blocking ``exec()``), so the page
and the tests keep control.
"""

from __future__ import annotations

import itertools
import logging
import re

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from djdesk.errors import DjdeskError, ValidationError, ValidationErrors
from djdesk.services.checkin.checkins import CheckInResult, check_in, update_member
from djdesk.services.checkin.grids import list_grids, list_posts
from djdesk.services.checkin.member_rules import MemberInput
from djdesk.services.checkin.units import list_units
from djdesk.ui.checkin.checkin_fields import CheckInFields
from djdesk.ui.checkin.member_form import MemberForm
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.dialogs import DialogButtons, dialog_heading, intro_label
from djdesk.ui.common.errors import show_error

log = logging.getLogger(__name__)

MODE_NEW = "new"
MODE_RETURN = "return"
MODE_EDIT = "edit"
_TITLES = {MODE_NEW: "办理报到", MODE_RETURN: "重新报到", MODE_EDIT: "修改党员信息"}
_INTROS = {
    MODE_NEW: "按报到登记表填写。带号码的身份证号会自动填出性别和出生日期；"
    "单位须先登记（可点“登记新单位…”）。保存后生成报到编号和报到回执。",
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


class CheckInDialog(QDialog):
    """The check-in (new or returning member) or the correction of a member's data."""

    def __init__(
        self,
        ctx: UiContext,
        *,
        mode: str = MODE_NEW,
        initial: MemberInput | None = None,
        member_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("checkinDialog")
        self.ctx = ctx
        self.mode = mode
        self.member_id = member_id
        self.result_info: CheckInResult | None = None
        self.unit_dialog: QDialog | None = None
        self.setWindowTitle(_TITLES[mode])

        heading = dialog_heading(
            _TITLES[mode] + (f" — {initial.name}" if initial and initial.name else "")
        )
        intro = intro_label(_INTROS[mode])

        self.form = MemberForm(list_units(ctx.db))
        if initial is not None:
            self.form.set_value(initial)
        self.form.new_unit_requested.connect(self.register_unit)
        self.form.new_unit_button.setEnabled(ctx.can_write)
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
        body = QWidget()
        body.setObjectName("pageScrollBody")
        body.setLayout(columns)
        columns.setContentsMargins(0, 0, 6, 0)
        scroll = QScrollArea()
        scroll.setObjectName("pageScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        self.scroll_area = scroll

        self.buttons = DialogButtons(
            self, "保存" if mode == MODE_EDIT else "保存并报到", enabled=ctx.can_write
        )
        self.save_button = self.buttons.accept_button

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 16)
        layout.setSpacing(8)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        chain = self.form.tab_chain()
        split = chain.index(self.form.edits["post_title"]) + 1
        if self.checkin_fields is not None:
            chain = [*chain[:split], *self.checkin_fields.tab_chain(), *chain[split:]]
        chain.append(self.save_button)
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self.resize(1140, 760)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        edits = self.form.edits
        target = edits["name"] if not edits["name"].text() else edits["id_number"]
        if edits["name"].text() and edits["id_number"].text():
            target = edits["mobile"]
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- units ----------------------------------------------------------------------------------

    def register_unit(self) -> None:
        """Open the unit dialog; a unit saved there is added to the list and selected."""
        from djdesk.services.checkin.units import UnitInput
        from djdesk.ui.checkin.unit_dialog import UnitDialog

        typed = self.form.unit_combo.currentText().strip()
        dialog = UnitDialog(self.ctx, initial=UnitInput(name=typed) if typed else None, parent=self)
        dialog.accepted.connect(lambda: self._unit_registered(dialog))
        self.unit_dialog = dialog
        dialog.open()

    def _unit_registered(self, dialog: QDialog) -> None:
        saved = getattr(dialog, "saved_unit", None)
        if saved is not None:
            self.form.set_units(list_units(self.ctx.db), select=saved.id)

    # -- saving ---------------------------------------------------------------------------------

    def show_errors(self, errors: list[ValidationError]) -> list[ValidationError]:
        """Errors under their fields (member form, then 报到 section); returns the rest."""
        rest = self.form.show_errors(errors)
        if self.checkin_fields is not None:
            rest = self.checkin_fields.grid.show_errors(rest)
        first = self.form.first_invalid() or (
            self.checkin_fields.grid.first_invalid() if self.checkin_fields else None
        )
        if first is not None:
            self.scroll_area.ensureWidgetVisible(first, 40, 60)
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        return rest

    def accept(self) -> None:
        """Save through the service; on errors show them and stay open (nothing is saved)."""
        self.form.clear_errors()
        if self.checkin_fields is not None:
            self.checkin_fields.grid.clear_errors()
        local = self.form.local_errors()
        if local:
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
        super().accept()
