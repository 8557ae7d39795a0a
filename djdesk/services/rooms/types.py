"""Public vocabulary of the rooms area: statuses, categories and rule names.

Values are the Chinese words stored in the database and shown to the clerk, so a ``StrEnum``
member compares equal to the stored text.
"""

from __future__ import annotations

from enum import StrEnum


class RoomStatus(StrEnum):
    """Whether a room can be booked."""

    OPEN = "开放"
    MAINTENANCE = "维修"
    CLOSED = "停用"


class BookerCategory(StrEnum):
    """Who may book (可预约对象); a room lists the categories it accepts."""

    RESIDENT = "居民"
    TEAM = "居民团队"
    SOCIAL_ORG = "社会组织"
    UNIT = "驻区单位"
    PARTY_ORG = "党组织"


class BookingStatus(StrEnum):
    """State of one booking; every change is kept in its history."""

    PENDING = "待审批"
    APPROVED = "已批准"
    REJECTED = "已驳回"
    CANCELLED = "已取消"
    USED = "已使用"
    NO_SHOW = "爽约"


#: Statuses that hold the room: no other such booking may overlap them (buffers included).
HOLDING = (BookingStatus.APPROVED, BookingStatus.USED)
#: Statuses that are still alive (shown in the day view).
ACTIVE = (BookingStatus.PENDING, BookingStatus.APPROVED, BookingStatus.USED)


class Frequency(StrEnum):
    """How a series repeats."""

    WEEKLY = "每周"
    FORTNIGHTLY = "每两周"
    MONTHLY_DATE = "每月同日"
    MONTHLY_WEEKDAY = "每月同周次"


class Outcome(StrEnum):
    """Result of one rule for one booking."""

    OK = "通过"
    SKIP = "未检查"
    WARN = "提醒"
    BLOCK = "不允许"


class Rule(StrEnum):
    """Every rule a booking is checked against; the value is its name in a refusal."""

    TIME_ORDER = "起止时间"
    GRID = "时间刻度"
    ROOM_STATUS = "场地状态"
    CATEGORY = "可预约对象"
    SUSPENDED = "暂停预约资格"
    PAST = "不能预约过去的时间"
    NOTICE = "最少提前"
    ADVANCE = "最多提前"
    CLOSURE = "闭馆日"
    OPENING_HOURS = "开放时间"
    DURATION = "单次时长"
    CAPACITY = "容纳人数"
    PUBLIC_BENEFIT = "公益用途"
    QUOTA_COUNT = "每月次数"
    QUOTA_HOURS = "每月时长"
    CONFLICT = "时间冲突"
    TENTATIVE = "待审批预约重叠"


#: Rules an administrator may set aside for one booking, with a reason (audited).
OVERRIDABLE = frozenset(
    {
        Rule.CATEGORY,
        Rule.SUSPENDED,
        Rule.NOTICE,
        Rule.ADVANCE,
        Rule.CLOSURE,
        Rule.OPENING_HOURS,
        Rule.DURATION,
        Rule.QUOTA_COUNT,
        Rule.QUOTA_HOURS,
    }
)


class EventKind(StrEnum):
    """What happened to a booking (its status history)."""

    CREATED = "登记"
    APPROVED = "批准"
    REJECTED = "驳回"
    CANCELLED = "取消"
    USED = "使用"
    NO_SHOW = "爽约"
    BUMPED = "让出"
    OVERRIDE = "规则例外"
    KEY_OUT = "领取钥匙"
    KEY_IN = "归还钥匙"
    NOTIFIED = "已电话通知"


class KeyCondition(StrEnum):
    """State of the room when the key comes back."""

    GOOD = "完好"
    UNTIDY = "未整理"
    DAMAGED = "有损坏"


class DayKind(StrEnum):
    """What kind of day a date is for opening hours."""

    WORKDAY = "工作日"
    WEEKEND = "周末"
    HOLIDAY = "法定节假日"
    ADJUSTED_WORKDAY = "调休上班日"


WEEKDAY_NAMES = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")
#: Extra rows of a room's hours beside the weekdays 0–6.
HOURS_HOLIDAY = 7
HOURS_ADJUSTED_WORKDAY = 8


class PlanOutcome(StrEnum):
    """What a recurring series' plan says about one of its dates."""

    FREE = "可预约"
    CLASH = "时间冲突"
    CLOSED = "不开放"
    BLOCKED = "不符合规则"
    NO_DATE = "无此日期"
