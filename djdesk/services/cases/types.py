"""Public vocabulary of the 服务事项 area: the kinds and statuses screens and commands show.

Values are the Chinese words stored in the database and shown to the clerk, so a ``StrEnum``
member compares equal to the stored text.
"""

from __future__ import annotations

from enum import StrEnum


class CatalogKind(StrEnum):
    """Which list a case was handled under; 清单外事项 is work in none of the catalogues."""

    WORK = "保留社区工作事项"
    ASSIST = "协助政府工作事项"
    CERTIFICATE = "依法证明事项"
    OUTSIDE = "清单外事项"

    @property
    def key(self) -> str:
        """The code prefix of the catalogue (ZZ, XZ, ZM; QW for 清单外事项)."""
        return {"保留社区工作事项": "ZZ", "协助政府工作事项": "XZ", "依法证明事项": "ZM"}.get(
            self.value, "QW"
        )

    @classmethod
    def of_key(cls, key: str) -> CatalogKind:
        return next(kind for kind in cls if kind.key == key)


class CaseResult(StrEnum):
    """How a case ended at the counter."""

    DONE = "办结"
    TRANSFERRED = "转办"
    REFUSED = "不予办理"


class CertificateStatus(StrEnum):
    VALID = "有效"
    VOID = "作废"


class PrintKind(StrEnum):
    """What one print of a certificate was."""

    ORIGINAL = "正本"
    REPRINT = "补打"
    VOID_COPY = "作废件"


class VerifyStatus(StrEnum):
    """What checking a scanned certificate line found."""

    VALID = "有效"
    VOID = "已作废"
    FOREIGN = "不是本社区出具"
    BAD_CODE = "校验码不符"
    #: The line checks with this site's key but no register entry has its number (for example
    #: after restoring an older backup).
    NOT_FOUND = "查无登记"


class ItemState(StrEnum):
    """How an item shows in a search at the counter."""

    ACTIVE = "现行"
    RETIRED = "已停用"
    BLOCKED = "不予出具"


class DiffChange(StrEnum):
    """How an item changed between two catalogue versions."""

    ADDED = "新增"
    RETIRED = "停用"
    RESTORED = "恢复"
    CHANGED = "修改"
