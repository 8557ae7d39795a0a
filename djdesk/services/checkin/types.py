"""Public vocabulary of the check-in area: the statuses screens and commands show and filter on.

Values are the Chinese words stored in the database and shown to the clerk, so a
``StrEnum`` member compares equal to the stored text.
"""

from __future__ import annotations

from enum import StrEnum


class CheckinStatus(StrEnum):
    """State of one check-in record."""

    ACTIVE = "在册"
    MOVED_OUT = "迁出"


class MemberStatus(StrEnum):
    """State of a member as lists show it: the newest check-in's status, or never checked in."""

    ACTIVE = "在册"
    MOVED_OUT = "迁出"
    NOT_CHECKED_IN = "未报到"


class UnitStatus(StrEnum):
    """State of a registered unit."""

    ACTIVE = "在册"
    REVOKED = "撤销"
