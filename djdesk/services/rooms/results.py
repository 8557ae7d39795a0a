"""What the rule engine answers: one rule's result, all results of one booking, the refusal
raised when a booking is saved against a rule, and the bookings results point at."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from djdesk.errors import ValidationError, ValidationErrors
from djdesk.services.rooms.booking_input import FIELD_LABELS
from djdesk.services.rooms.calendar import format_minute
from djdesk.services.rooms.types import Outcome, Rule


@dataclass(frozen=True)
class RuleResult:
    """One rule's verdict on one booking."""

    rule: Rule
    outcome: Outcome
    field: str
    message: str = ""
    overridden: bool = False
    #: Bookings this result is about (the clashing, tentative or displaced ones).
    booking_ids: tuple[int, ...] = ()

    @property
    def blocks(self) -> bool:
        return self.outcome is Outcome.BLOCK and not self.overridden

    def text(self) -> str:
        return f"不符合“{self.rule.value}”规则：{self.message}"


class BookingRefusedError(ValidationErrors):
    """A booking a rule forbids; each error names its field and the rule with its reason."""

    def __init__(self, results: Sequence[RuleResult]) -> None:
        self.results = tuple(results)
        super().__init__(
            [ValidationError(r.field, r.text(), label=FIELD_LABELS[r.field]) for r in results]
        )


@dataclass(frozen=True)
class BookingCheck:
    """Every rule's result for one booking (or one date of a series)."""

    results: tuple[RuleResult, ...]

    @property
    def blocking(self) -> tuple[RuleResult, ...]:
        return tuple(r for r in self.results if r.blocks)

    @property
    def warnings(self) -> tuple[RuleResult, ...]:
        return tuple(r for r in self.results if r.outcome is Outcome.WARN)

    @property
    def overridden(self) -> tuple[RuleResult, ...]:
        return tuple(r for r in self.results if r.overridden)

    @property
    def allowed(self) -> bool:
        return not self.blocking

    def at(self, field_name: str) -> tuple[RuleResult, ...]:
        """The results shown at one field of the form."""
        return tuple(r for r in self.results if r.field == field_name)

    def result(self, rule: Rule) -> RuleResult:
        return next(r for r in self.results if r.rule is rule)

    def displaced(self) -> tuple[int, ...]:
        """Bookings an official meeting would displace (priority bump)."""
        conflict = self.result(Rule.CONFLICT)
        return conflict.booking_ids if conflict.outcome is Outcome.WARN else ()

    def refusal(self) -> BookingRefusedError:
        return BookingRefusedError(self.blocking)


@dataclass(frozen=True)
class Existing:
    """A booking already in the room (or accepted earlier in the same series)."""

    id: int
    serial: str
    day: date
    start: int
    end: int
    status: str
    booker_name: str
    booker_category: str = ""
    official: bool = False

    def describe(self) -> str:
        span = f"{self.day:%m-%d} {format_minute(self.start)}–{format_minute(self.end)}"
        return f"{self.serial or '本次定期预约'}（{self.booker_name}，{span}，{self.status}）"
