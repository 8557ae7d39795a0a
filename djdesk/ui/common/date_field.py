"""The date field of every form: typed like text, read by :mod:`~djdesk.ui.common.date_text`.

A clerk types the date the way it is written on the paper form (``20100315``, ``2010.3.15``,
``2010年3月15日`` …). :class:`DateField` never changes what was typed into another date: while
typing, :attr:`DateField.note_changed` says what it understood (``2010年3月15日 周一``); on
leaving, a readable date is shown in the canonical form (``2010-03-15``, the same date), and an
unreadable or impossible one stays as typed while :attr:`DateField.checked` carries the reason
(看不懂…, 不能晚于今天, 早于出生日期 …), which :class:`~djdesk.ui.common.field_grid.FieldGrid`
shows under the field. Empty is a value (Tab leaves an empty field like any text field).

Alt+↓ or F4 (or a click on the calendar mark) opens a calendar; Enter or a click there picks
the date, Esc closes it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from PySide6.QtCore import QDate, QPoint, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QFrame, QLineEdit, QVBoxLayout, QWidget

from djdesk.ui.common.date_text import (
    DAY_EXAMPLE,
    MONTH_EXAMPLE,
    DateTextError,
    TypedDate,
    format_date,
    parse_typed_date,
)
from djdesk.ui.common.theme import TEXT_SECONDARY
from djdesk.validation.text import date_problem

#: A rule on a readable date: the reason it cannot be right (Chinese), or ``None``.
DateCheck = Callable[[date], str | None]


def plausible(field: str, *, future: bool = False) -> DateCheck:
    """The shared rule for a kind of date (its earliest date and why; not after today unless
    ``future``), from :mod:`djdesk.validation.text` — the same rule the services apply."""
    return lambda value: date_problem(field, value, today=date.today(), future=future)


TOOLTIP = "可直接输入，如 {example}；按 Alt+↓ 或 F4 打开日历"
#: How a date field is used by keyboard, for 帮助 → 快捷键.
KEY_HELP = (
    ("直接输入", "20100315、2010-3-15、2010.3.15、2010/3/15、2010年3月15日"),
    ("Alt+↓ 或 F4", "打开日历；方向键选日期，Enter 选定，Esc 关闭"),
)


def calendar_icon(colour: str = TEXT_SECONDARY) -> QIcon:
    """A small calendar page drawn once (no image file to ship)."""
    pixmap = QPixmap(48, 48)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(colour), 3.5)
    painter.setPen(pen)
    painter.drawRoundedRect(QRectF(8, 11, 32, 29), 4, 4)
    painter.drawLine(8, 20, 40, 20)
    painter.drawLine(16, 6, 16, 14)
    painter.drawLine(32, 6, 32, 14)
    painter.setBrush(QColor(colour))
    for x in (15, 24, 33):
        painter.drawEllipse(QRectF(x - 2, 28, 4, 4))
    painter.end()
    return QIcon(pixmap)


class CalendarPopup(QFrame):
    """The calendar under a date field; :attr:`picked` carries the chosen date."""

    picked = Signal(QDate)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("calendarPopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget(self)
        self.calendar.setObjectName("calendar")
        self.calendar.setGridVisible(False)
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.activated.connect(self._pick)
        self.calendar.clicked.connect(self._pick)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.calendar)

    def _pick(self, day: QDate) -> None:
        self.picked.emit(day)
        self.close()


class DateField(QLineEdit):
    """A line edit for one date (or a year and month with ``month_only``)."""

    #: The clerk left the field (or pressed Enter): the reason it is wrong, or "" when fine.
    checked = Signal(str)
    #: What the typed text is understood as (2010年3月15日 星期一), "" when nothing yet.
    note_changed = Signal(str)

    def __init__(
        self,
        *,
        month_only: bool = False,
        start: date | None = None,
        minimum: date | None = None,
        maximum: date | None = None,
        not_future: bool = False,
        checks: Iterable[DateCheck] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.month_only = month_only
        self.start_date = start
        self.minimum = minimum
        self.maximum = maximum
        self.not_future = not_future
        self.checks: list[DateCheck] = list(checks)
        self.popup: CalendarPopup | None = None
        example = MONTH_EXAMPLE if month_only else DAY_EXAMPLE
        self.setPlaceholderText("如 201003" if month_only else "如 20100315")
        self.setToolTip(TOOLTIP.format(example=example))
        self.setMaxLength(20)
        self.calendar_action = self.addAction(
            calendar_icon(), QLineEdit.ActionPosition.TrailingPosition
        )
        self.calendar_action.setToolTip("打开日历（Alt+↓ 或 F4）")
        self.calendar_action.triggered.connect(self.open_calendar)
        self.textChanged.connect(self._on_text_changed)
        self.editingFinished.connect(self._on_finished)

    # -- values ---------------------------------------------------------------------------------

    def typed(self) -> TypedDate | None:
        """The date typed (``None`` when empty); raises :class:`DateTextError` when unreadable."""
        return parse_typed_date(self.text(), month_only=self.month_only)

    def value(self) -> date | None:
        """The date typed, or ``None`` when the field is empty or cannot be read."""
        try:
            typed = self.typed()
        except DateTextError:
            return None
        return typed.value if typed is not None else None

    def set_value(self, value: date | None) -> None:
        self.setText(format_date(value, month_only=self.month_only) if value else "")

    def is_empty(self) -> bool:
        return not self.text().strip()

    def latest(self) -> date | None:
        """The last date allowed (today when ``not_future``)."""
        bounds = [d for d in (self.maximum, date.today() if self.not_future else None) if d]
        return min(bounds) if bounds else None

    def problem(self) -> str | None:
        """Why the text is not an acceptable date (Chinese), or ``None`` (empty is fine here)."""
        try:
            typed = self.typed()
        except DateTextError as exc:
            return exc.reason
        if typed is None:
            return None
        value = typed.value
        latest = self.latest()
        if latest is not None and value > latest:
            if latest == date.today():
                return "不能晚于今天"
            return f"不能晚于 {format_date(latest, month_only=self.month_only)}"
        if self.minimum is not None and value < self.minimum:
            return f"不能早于 {format_date(self.minimum, month_only=self.month_only)}"
        return next((reason for check in self.checks if (reason := check(value))), None)

    # -- behaviour ------------------------------------------------------------------------------

    def _on_text_changed(self, _text: str) -> None:
        try:
            typed = self.typed()
        except DateTextError:
            typed = None
        self.note_changed.emit(typed.spoken if typed is not None else "")

    def _on_finished(self) -> None:
        problem = self.problem()
        if problem is None:
            typed = self.typed()
            if typed is not None and typed.text != self.text():
                self.setText(typed.text)  # the same date, in the form everyone reads
        self.checked.emit(problem or "")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        alt_down = event.key() == Qt.Key.Key_Down and bool(
            event.modifiers() & Qt.KeyboardModifier.AltModifier
        )
        if alt_down or event.key() == Qt.Key.Key_F4:
            self.open_calendar()
            event.accept()
            return
        super().keyPressEvent(event)

    def open_calendar(self) -> CalendarPopup:
        """Show the calendar under the field, at the typed date (or a sensible start)."""
        popup = self.popup = CalendarPopup(self)
        calendar = popup.calendar
        calendar.setMinimumDate(QDate(self.minimum or date(1900, 1, 1)))
        latest = self.latest()
        calendar.setMaximumDate(QDate(latest or date(2100, 12, 31)))
        shown = self.value() or self.start_date or latest or date.today()
        calendar.setSelectedDate(QDate(shown))
        popup.picked.connect(self._picked)
        popup.adjustSize()
        popup.move(self.mapToGlobal(QPoint(0, self.height() + 2)))
        popup.show()
        calendar.setFocus(Qt.FocusReason.PopupFocusReason)
        return popup

    def _picked(self, day: QDate) -> None:
        self.set_value(date(day.year(), day.month(), day.day()))
        self.setFocus(Qt.FocusReason.PopupFocusReason)
        self.checked.emit(self.problem() or "")
