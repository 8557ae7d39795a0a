"""What a clerk enters for a booking, and the cleaning and format checks of those fields.

Format problems (a missing date, 25:00, an unknown phone format) are refused here, each at its
field, before any rule is looked at; the booking rules themselves live in
:mod:`~djdesk.services.rooms.checks`. All text cleaning of a booking goes through
:func:`validate_booking`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, fields, replace
from datetime import date

from djdesk.errors import ValidationError, ValidationErrors
from djdesk.services.rooms.bookers import BookerInput, validate_booker
from djdesk.validation.phone import PHONE_HINT, normalize_phone

FIELD_LABELS = {
    "room": "场地",
    "day": "日期",
    "start": "开始时间",
    "end": "结束时间",
    "booker": "预约对象",
    "attendees": "预计人数",
    "purpose": "活动内容",
    "public_benefit": "公益用途确认",
    "contact_name": "联系人",
    "contact_phone": "联系电话",
    "override_reason": "例外理由",
    "official": "党组织正式会议",
    "reason": "理由",
}
_CLOCK = re.compile(r"(\d{1,2})[:：.](\d{2})")


@dataclass(frozen=True)
class BookingInput:
    """One booking as entered; times are minutes after midnight (``parse_clock``)."""

    room_id: int | None = None
    day: date | None = None
    start: int | None = None
    end: int | None = None
    booker_id: int | None = None
    #: A booker given by name and phone (a walk-in) when ``booker_id`` is empty.
    booker: BookerInput | None = None
    purpose: str = ""
    attendees: int = 1
    contact_name: str = ""
    contact_phone: str = ""
    #: The clerk confirmed the purpose is public-benefit (no sales, ads or fees).
    public_benefit: bool = False
    #: An official Party meeting (党员大会、支委会、党小组会、党课).
    official: bool = False
    #: An administrator's reason for setting rules aside (audited).
    override_reason: str = ""


def field_error(name: str, message: str) -> ValidationError:
    return ValidationError(name, message, label=FIELD_LABELS.get(name, name))


def parse_clock(text: str, name: str = "start") -> int:
    """``HH:MM`` (also 8:30, 08：30, 24:00) as minutes after midnight."""
    cleaned = unicodedata.normalize("NFKC", text).strip()
    match = _CLOCK.fullmatch(cleaned)
    if not match:
        raise ValidationErrors([field_error(name, f"“{text}”不是时间，请写成 时:分，如 09:30")])
    hours, minutes = int(match.group(1)), int(match.group(2))
    if minutes >= 60 or hours > 24 or (hours == 24 and minutes):
        raise ValidationErrors([field_error(name, f"“{text}”不是有效的时间（00:00–24:00）")])
    return hours * 60 + minutes


def parse_day(text: str, name: str = "day") -> date:
    """``YYYY-MM-DD`` (also 2026/12/1, 2026.12.1, 2026年12月1日)."""
    cleaned = unicodedata.normalize("NFKC", text).strip()
    match = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", cleaned)
    if match:
        try:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            pass
    raise ValidationErrors([field_error(name, f"“{text}”不是有效的日期，请写成 2026-12-01")])


def _text(value: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", value).split())


def validate_booking(data: BookingInput) -> BookingInput:
    """Clean the text fields and refuse missing or malformed ones, every one at its field."""
    errors: list[ValidationError] = []
    values = {f.name: getattr(data, f.name) for f in fields(BookingInput)}
    for key in ("purpose", "contact_name", "contact_phone", "override_reason"):
        values[key] = _text(values[key])
    for key, label in (("room_id", "room"), ("day", "day"), ("start", "start"), ("end", "end")):
        if values[key] is None:
            errors.append(field_error(label, "必须填写"))
    for key in ("start", "end"):
        value = values[key]
        if value is not None and not 0 <= value <= 1440:
            errors.append(field_error(key, "应在 00:00–24:00 之间"))
    if values["booker_id"] is None:
        if values["booker"] is None:
            errors.append(field_error("booker", "必须选择或填写预约对象"))
        else:
            try:
                values["booker"] = validate_booker(values["booker"])
            except ValidationErrors as exc:
                errors += [field_error("booker", f"{e.label}：{e.reason}") for e in exc.errors]
    if len(values["purpose"]) > 200:
        errors.append(field_error("purpose", "不能超过 200 个字"))
    elif not values["purpose"]:
        errors.append(field_error("purpose", "请填写活动内容"))
    if len(values["contact_name"]) > 40:
        errors.append(field_error("contact_name", "不能超过 40 个字"))
    if values["contact_phone"]:
        phone = normalize_phone(values["contact_phone"])
        if phone is None:
            errors.append(field_error("contact_phone", f"格式不正确，{PHONE_HINT}"))
        else:
            values["contact_phone"] = phone
    if not isinstance(values["attendees"], int) or not 0 <= values["attendees"] <= 100000:
        errors.append(field_error("attendees", "应为整数"))
    if len(values["override_reason"]) > 200:
        errors.append(field_error("override_reason", "不能超过 200 个字"))
    if errors:
        raise ValidationErrors(errors)
    return replace(data, **values)
