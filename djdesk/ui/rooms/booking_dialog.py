"""新建预约: the booking form with every rule checked as the clerk types, then saved.

While the form is filled in, :func:`~djdesk.services.rooms.bookings.check_booking` runs after
each pause in typing and puts each blocking rule under its field in red (结束时间早于开始时间,
不在开放时间内, 与已批准的预约重叠 …); a pending request the booking overlaps, and what an
administrator's reason sets aside, are grey notes. An official Party meeting that would displace
residents asks for the reason. With 定期预约 ticked the same check runs for every date
(:func:`~djdesk.services.rooms.series.plan_series`) and saving books the free dates and skips
the rest in one step. Saving checks everything again under the room's lock; a refusal stays
at the fields and nothing is saved.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QLabel, QWidget

from djdesk.errors import DjdeskError, ValidationError, ValidationErrors
from djdesk.services.rooms.bookers import BookerInfo
from djdesk.services.rooms.booking_input import FIELD_LABELS, BookingInput
from djdesk.services.rooms.bookings import BookingResult, check_booking, create_booking
from djdesk.services.rooms.checks import BookingCheck
from djdesk.services.rooms.rooms import list_rooms
from djdesk.services.rooms.series import (
    SeriesInput,
    SeriesPlan,
    SeriesResult,
    book_series,
    plan_series,
)
from djdesk.services.rooms.settings import centre_rules
from djdesk.services.rooms.types import Outcome
from djdesk.ui.common.context import UiContext
from djdesk.ui.common.errors import show_error
from djdesk.ui.common.form_dialog import FormDialog
from djdesk.ui.rooms.booker_picker import booker_note
from djdesk.ui.rooms.booking_form import BookingForm
from djdesk.ui.rooms.grid_model import GridSelection
from djdesk.ui.rooms.series_panel import SeriesPanel

log = logging.getLogger(__name__)

CHECK_DELAY_MS = 300
#: Fields a live check needs before it can judge anything.
NEEDED = ("room", "day", "start", "end", "booker")


class BookingDialog(FormDialog):
    """A new booking (or a series); :attr:`saved` / :attr:`series_result` after saving."""

    def __init__(
        self,
        ctx: UiContext,
        *,
        selection: GridSelection | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "新建预约",
            "新建场地预约",
            "先定场地和时间，再填预约对象和活动内容。规则随填随查：不允许的原因显示在对应项下面。",
            accept_text="保存预约",
            accept_enabled=ctx.can_write,
            parent=parent,
        )
        self.setObjectName("bookingDialog")
        self.ctx = ctx
        self.saved: BookingResult | None = None
        self.series_result: SeriesResult | None = None
        self.check: BookingCheck | None = None
        self.plan: SeriesPlan | None = None
        self._base_notes: dict[str, str] = {}
        slot = centre_rules(ctx.db).slot_minutes
        self.form = BookingForm(ctx.db, slot=slot, admin=ctx.is_admin)
        self.form.set_rooms(list_rooms(ctx.db))
        self.series = SeriesPanel()
        self.verdict = QLabel("")
        self.verdict.setObjectName("checkVerdict")
        self.verdict.setWordWrap(True)
        self.verdict.setProperty("role", "hint")
        self.add_body(self.form)
        self.add_body(self.series)
        self.add_body(self.verdict)
        self.body_layout.addStretch(1)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.run_check)
        self.form.edited.connect(lambda _name: self._timer.start())
        self.series.edited.connect(self._series_edited)
        self.form.picker.chosen.connect(self._booker_chosen)
        self.form.picker.edited.connect(lambda: self._booker_chosen(self.form.picker.booker))
        if selection is not None:
            self.form.set_room(selection.room_id)
            self.form.day_edit.set_value(selection.day)
            self.form.set_times(selection.start, selection.end)
        self.fit_content(820)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.first_empty().setFocus(Qt.FocusReason.OtherFocusReason)

    def first_empty(self) -> QWidget:
        form = self.form
        for name, widget in (
            ("room", form.room_combo),
            ("day", form.day_edit),
            ("start", form.start_combo),
            ("end", form.end_combo),
            ("booker", form.picker.name_edit),
            ("purpose", form.purpose_edit),
        ):
            if form.blank(name):
                return widget
        return form.purpose_edit

    # -- the live check -------------------------------------------------------------------------

    def _series_edited(self) -> None:
        self.save_button.setText(
            "预约可用日期，跳过其余" if self.series.isChecked() else "保存预约"
        )
        self._timer.start()

    def _booker_chosen(self, info: BookerInfo | None) -> None:
        walk_in = info is None and not self.form.picker.is_blank()
        self._set_base_note("booker", booker_note(info, walk_in))

    def _set_base_note(self, name: str, text: str) -> None:
        self._base_notes[name] = text
        self.form.grid.set_note(name, text)

    def _probe(self) -> BookingInput | None:
        """The form as the check sees it (an empty purpose does not stop the other rules)."""
        form = self.form
        if any(form.blank(name) for name in NEEDED):
            return None
        data = form.value()
        if data.room_id is None or data.day is None or data.start is None or data.end is None:
            return None
        return data if data.purpose.strip() else replace(data, purpose="（未填写）")

    def run_check(self) -> BookingCheck | None:
        """Check the rules now (after a pause in typing); show each result at its field."""
        self._timer.stop()
        data = self._probe()
        self._clear_rule_marks()
        if data is None:
            self.verdict.setText("填好场地、日期、时间和预约对象后，即按预约规则检查。")
            self.check = self.plan = None
            return None
        try:
            if self.series.isChecked():
                self.plan = self._plan(data)
                self.check = self.plan.entries[0].check if self.plan.entries else None
            else:
                self.check = check_booking(self.ctx.db, data, bump=data.official)
        except ValidationErrors as errors:
            shown = [e for e in errors.errors if not self.form.blank(e.field)]
            self.form.grid.show_errors(shown)
            self.series.grid.show_errors(shown)
            self.verdict.setText("请先更正标红的项目。")
            self.check = None
            return None
        except DjdeskError as exc:
            self.verdict.setText(exc.message)
            return None
        if self.plan is not None:
            self.series.show_plan(self.plan)
        if self.check is not None:
            self.show_check(self.check)
        return self.check

    def _plan(self, data: BookingInput) -> SeriesPlan:
        until, count = self.series.until_and_count()
        series = SeriesInput(data, self.series.frequency(), until=until, count=count)  # type: ignore[arg-type]
        return plan_series(self.ctx.db, series)

    def _clear_rule_marks(self) -> None:
        grid = self.form.grid
        for name in grid.names():
            if name in FIELD_LABELS:
                grid.clear_error(name)
                grid.set_note(name, self._base_notes.get(name, ""))

    def show_check(self, check: BookingCheck) -> None:
        grid = self.form.grid
        errors = [
            ValidationError(r.field, r.text(), label=FIELD_LABELS[r.field]) for r in check.blocking
        ]
        grid.show_errors(errors)
        notes: dict[str, list[str]] = {}
        for r in check.results:
            if r.outcome is Outcome.WARN:
                notes.setdefault(r.field, []).append(f"⚠ {r.message}")
            elif r.overridden:
                notes.setdefault(r.field, []).append(f"例外放行“{r.rule.value}”：{r.message}")
        for name, lines in notes.items():
            base = self._base_notes.get(name, "")
            grid.set_note(name, "；".join(filter(None, [base, *lines])))
        displaced = check.displaced()
        grid.set_row_visible("reason", bool(displaced))
        if self.plan is not None:
            text = f"定期预约：可预约 {len(self.plan.free)} 次，跳过 {len(self.plan.skipped)} 次。"
        elif check.blocking:
            rules = "、".join(r.rule.value for r in check.blocking)
            text = f"✗ 不能预约：不符合“{rules}”规则（原因见标红的项目）。"
        elif displaced:
            text = f"党组织正式会议：将让出 {len(displaced)} 个居民预约，请填写让出理由。"
        else:
            text = "✓ 符合全部预约规则，可以保存。" + (
                "（有提醒，见灰字）" if check.warnings else ""
            )
        self.verdict.setText(text)

    # -- saving ---------------------------------------------------------------------------------

    def accept(self) -> None:
        """Save; with a refusal, show it at the fields and stay open (nothing is saved)."""
        self._timer.stop()
        local = self.form.local_errors()
        if self.series.isChecked():
            local += self.series.local_errors()
        if local:
            self.form.grid.show_errors(local, focus=True)
            self.series.grid.show_errors(local)
            self.verdict.setText("请先填写或更正标红的项目。")
            return
        data = self.form.value()
        try:
            if self.series.isChecked():
                until, count = self.series.until_and_count()
                series = SeriesInput(data, self.series.frequency(), until=until, count=count)  # type: ignore[arg-type]
                self.series_result = book_series(
                    self.ctx.db, series, actor=self.ctx.actor, approve=self.form.approve()
                )
                ids = [b.id for b in self.series_result.booked]
            else:
                self._need_bump_reason(data)
                self.saved = create_booking(
                    self.ctx.db,
                    data,
                    actor=self.ctx.actor,
                    approve=self.form.approve(),
                    bump_reason=self.form.bump_reason(),
                )
                ids = [self.saved.booking.id, *(d.id for d in self.saved.displaced)]
        except ValidationErrors as errors:
            self._refused(errors)
            return
        except DjdeskError as exc:
            show_error(exc, self)
            return
        log.info("booking saved: %s", ids)
        self.ctx.notify("booking", *ids)
        self.mark_clean()
        super().accept()

    def _need_bump_reason(self, data: BookingInput) -> None:
        if not data.official or self.form.bump_reason().strip():
            return
        check = self.run_check()
        if check is not None and check.displaced():
            raise ValidationErrors(
                [ValidationError("reason", "让出其他预约须填写理由", label="让出理由")]
            )

    def _refused(self, errors: ValidationErrors) -> None:
        self._clear_rule_marks()
        rest = self.form.grid.show_errors(errors, focus=True)
        rest = self.series.grid.show_errors(rest)
        self.verdict.setText("✗ 未保存：" + "；".join(e.reason for e in errors.errors[:2]))
        if rest:
            show_error(ValidationErrors(rest), self)
