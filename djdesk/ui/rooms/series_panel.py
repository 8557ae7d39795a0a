"""Repeating a booking (定期预约): how often, until when or how many times, and the per-date
report before anything is saved — 可预约 / 时间冲突（与谁）/ 不开放（为何）/ 不符合规则.

The panel is a checkable box under the booking form. Ticking it turns the dialog's save into
"book the free dates, skip the rest"; :meth:`SeriesPanel.show_plan` lists every date with its
outcome (:class:`SeriesPlanModel`), so the clerk sees what will be skipped first.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel, QSpinBox, QVBoxLayout, QWidget

from djdesk.errors import ValidationError
from djdesk.services.rooms.series import PlanEntry, SeriesPlan
from djdesk.services.rooms.types import Frequency, PlanOutcome
from djdesk.ui.common import theme
from djdesk.ui.common.date_field import DateField
from djdesk.ui.common.field_grid import FieldGrid
from djdesk.ui.common.record_table import CENTER, Column, RecordTableModel
from djdesk.ui.common.table_view import record_table_view

FIELD_LABELS = {"frequency": "重复方式", "until": "重复至", "count": "重复次数"}
MAX_COUNT = 104


def _colour(entry: PlanEntry) -> str:
    return theme.SUCCESS if entry.outcome is PlanOutcome.FREE else theme.ERROR


class SeriesPlanModel(RecordTableModel[PlanEntry]):
    """Every date of a planned series with its outcome and reason."""

    COL_INDEX, COL_DATE, COL_OUTCOME, COL_REASON = range(4)

    def __init__(self) -> None:
        super().__init__(
            [
                Column("次", lambda e: str(e.index), CENTER),
                Column("日期", lambda e: e.label),
                Column("结果", lambda e: e.outcome.value, CENTER, foreground=_colour),
                Column("说明", lambda e: e.reason, tooltip=lambda e: e.reason or None),
            ],
            key=lambda e: e.index,
            status=lambda e: e.outcome.value,
        )


def plan_summary(plan: SeriesPlan) -> str:
    counts = Counter(e.outcome for e in plan.skipped)
    parts = [f"{outcome.value} {n} 次" for outcome, n in counts.items()]
    skipped = f"，将跳过 {len(plan.skipped)} 次（{'、'.join(parts)}）" if plan.skipped else ""
    return f"共 {len(plan.entries)} 次：可预约 {len(plan.free)} 次{skipped}。"


class SeriesPanel(QGroupBox):
    """定期预约: frequency, until a date or a count, and the per-date plan."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("定期预约（每周、每两周或每月重复）", parent)
        self.setObjectName("seriesPanel")
        self.setCheckable(True)
        self.setChecked(False)
        self.frequency_combo = QComboBox()
        self.frequency_combo.setObjectName("field_frequency")
        for frequency in Frequency:
            self.frequency_combo.addItem(frequency.value, frequency.value)
        self.until_edit = DateField()
        self.until_edit.setObjectName("field_until")
        self.count_spin = QSpinBox()
        self.count_spin.setObjectName("field_count")
        self.count_spin.setRange(0, MAX_COUNT)
        self.count_spin.setSpecialValueText("按结束日期")
        self.count_spin.setSuffix(" 次")
        grid = self.grid = FieldGrid(columns=3)
        grid.add("frequency", "重复", self.frequency_combo, 0, 0)
        grid.add("until", "重复至", self.until_edit, 0, 1)
        grid.add("count", "或共", self.count_spin, 0, 2)
        self.model = SeriesPlanModel()
        self.view = record_table_view(
            self.model, "seriesPlan", stretch=(SeriesPlanModel.COL_REASON,), minimum_height=150
        )
        self.summary = QLabel("")
        self.summary.setObjectName("seriesSummary")
        self.summary.setProperty("role", "hint")
        self.summary.setWordWrap(True)
        self.body = QWidget()
        inner = QVBoxLayout(self.body)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(grid)
        inner.addWidget(self.summary)
        inner.addWidget(self.view)
        layout = QVBoxLayout(self)
        layout.addWidget(self.body)
        self.body.setVisible(False)
        self.toggled.connect(self._toggled)
        self.frequency_combo.currentIndexChanged.connect(lambda _i: self._edited("frequency"))
        self.until_edit.textChanged.connect(lambda _t: self._edited("until"))
        self.count_spin.valueChanged.connect(lambda _v: self._edited("count"))

    def _toggled(self, on: bool) -> None:
        self.body.setVisible(on)
        self.edited.emit()

    def _edited(self, name: str) -> None:
        self.grid.clear_error(name)
        if name == "count" and self.count_spin.value():
            self.grid.clear_error("until")
        self.model.set_records([])
        self.summary.setText("")
        self.edited.emit()

    def frequency(self) -> Frequency:
        return Frequency(self.frequency_combo.currentData())

    def until_and_count(self) -> tuple[object, int | None]:
        count = self.count_spin.value() or None
        return (None if count else self.until_edit.value()), count

    def local_errors(self) -> list[ValidationError]:
        return self.grid.date_problems(FIELD_LABELS)

    def show_plan(self, plan: SeriesPlan | None) -> None:
        self.model.set_records(list(plan.entries) if plan else [])
        self.summary.setText(plan_summary(plan) if plan else "")
