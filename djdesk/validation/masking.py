"""Masking of personal data for lists, exports, audit diffs and logs.

ID numbers keep the first 3 and last 4 characters; mobiles keep the first 3 and last 4 digits.
"""

from __future__ import annotations

import re

_ID_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(\d{3})\d{11}(\d{3}[0-9Xx])(?![0-9A-Za-z])")
_ID15_IN_TEXT = re.compile(r"(?<![0-9A-Za-z])(\d{3})\d{8}(\d{4})(?![0-9A-Za-z])")
_MOBILE_IN_TEXT = re.compile(r"(?<![0-9])(1[3-9]\d)\d{4}(\d{4})(?![0-9])")


def mask_id_number(value: str) -> str:
    """``511502198001011234`` → ``511***********1234``; short values are fully masked."""
    if len(value) <= 7:
        return "*" * len(value)
    return f"{value[:3]}{'*' * (len(value) - 7)}{value[-4:]}"


def mask_phone(value: str) -> str:
    """``13812345678`` → ``138****5678``; landlines keep area code and last 4 digits."""
    digits = value.replace("-", "")
    if len(digits) < 8:
        return "*" * len(value)
    if "-" in value:
        area, number = value.split("-", 1)
        return f"{area}-{'*' * (len(number) - 4)}{number[-4:]}"
    return f"{digits[:3]}{'*' * (len(digits) - 7)}{digits[-4:]}"


def mask_personal_data(text: str) -> str:
    """Mask every ID number (18 or 15 digits) and mobile number found inside free text."""
    text = _ID_IN_TEXT.sub(lambda m: f"{m.group(1)}{'*' * 11}{m.group(2)}", text)
    text = _ID15_IN_TEXT.sub(lambda m: f"{m.group(1)}{'*' * 8}{m.group(2)}", text)
    return _MOBILE_IN_TEXT.sub(lambda m: f"{m.group(1)}****{m.group(2)}", text)


#: Column-name fragments whose values are always masked in audit diffs and exports.
ID_FIELD_MARKERS = ("id_number", "id_card")
PHONE_FIELD_MARKERS = ("phone", "mobile", "tel")


def mask_field(field: str, value: str) -> str:
    name = field.lower()
    if any(marker in name for marker in ID_FIELD_MARKERS):
        return mask_id_number(value)
    if any(marker in name for marker in PHONE_FIELD_MARKERS):
        return mask_phone(value)
    return mask_personal_data(value)
