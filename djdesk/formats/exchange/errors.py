"""Why a package is refused: one error type with a short kind a script can test for.

Every refusal names the file and says in Chinese what was found; the database is never touched
by a refused package (the services check before they write, and roll back if a late check
fails).
"""

from __future__ import annotations

from enum import StrEnum

from djdesk.errors import FileRefusedError


class RefusalKind(StrEnum):
    """The class of a refusal (the ``kind`` of ``djdesk import --json``)."""

    DAMAGED = "文件已损坏"
    TOO_LARGE = "文件过大"
    UNSAFE_NAME = "条目名称不安全"
    CHECKSUM = "校验值不符"
    SIGNATURE = "签名无效"
    UNKNOWN_SENDER = "发送单位未登记"
    FOREIGN_ORIGIN = "含有不属于发送单位的记录"
    NEWER_FORMAT = "格式版本过新"
    NEWER_SCHEMA = "数据结构版本过新"
    BAD_RECORD = "记录内容有误"
    DUPLICATE_UID = "记录标识重复"
    PASSPHRASE = "口令不正确"
    NEEDS_PASSPHRASE = "需要口令"
    NOT_FOR_THIS_SITE = "不适用于本机"


class PackageRefusedError(FileRefusedError):
    """A package refused as a whole; ``refusal`` is its :class:`RefusalKind`."""

    def __init__(self, name: str, refusal: RefusalKind, reason: str) -> None:
        self.refusal = refusal
        super().__init__(name, f"被拒收（{refusal.value}）", reason)


class RecordProblemError(ValueError):
    """A value of one record that does not fit its column (raised by the decoders, turned into
    a :class:`PackageRefusedError` naming the file, line and field by the reader)."""
