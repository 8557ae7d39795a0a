"""The user-facing error hierarchy.

Every error a clerk may see derives from :class:`DjdeskError` and carries a Simplified Chinese
message. Anything else that escapes is a bug: the UI logs it and shows the crash dialog.
"""

from __future__ import annotations


class DjdeskError(Exception):
    """An expected failure with a message that can be shown to the user as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ValidationError(DjdeskError):
    """Input that breaks a rule; names the field (its Chinese label) and what is wrong."""

    def __init__(self, field: str, message: str, *, label: str | None = None) -> None:
        self.field = field
        self.label = label or field
        super().__init__(f"{self.label}：{message}")
        self.reason = message


class ValidationErrors(DjdeskError):  # noqa: N818 (a collection of ValidationError)
    """Several field errors found at once (a form is checked as a whole)."""

    def __init__(self, errors: list[ValidationError]) -> None:
        self.errors = errors
        super().__init__("；".join(e.message for e in errors))

    def for_field(self, field: str) -> ValidationError | None:
        return next((e for e in self.errors if e.field == field), None)


class NotFoundError(DjdeskError):
    """A record that was asked for does not exist (or was deleted)."""


class DataDirError(DjdeskError):
    """The data folder cannot be created or written."""


class DatabaseError(DjdeskError):
    """The database file cannot be used."""


class CorruptDatabaseError(DatabaseError):
    """The database file failed a check or a read found it damaged; nothing is written to it.

    The message names the file and how to restore it (设置 → 备份与恢复, or
    ``djdesk restore FILE``).
    """


class DiskFullError(DjdeskError):
    """Not enough free space for a step, or the disk filled up during a write.

    Checked before backups, imports and restores; a write that fails with ``ENOSPC`` or
    SQLite's ``database or disk is full`` is reported the same way, never as damage. Whatever
    the step had written is removed.
    """


class FileRefusedError(DjdeskError):
    """A file that is refused before it is parsed (encrypted, damaged, too large …).

    ``kind`` is the short verdict (文件已加密 / 文件已损坏 / 文件过大 / 文件格式不受支持) and
    ``reason`` says what was found; the message names the file.
    """

    def __init__(self, name: str, kind: str, reason: str) -> None:
        self.name = name
        self.kind = kind
        self.reason = reason
        super().__init__(f"“{name}”{kind}：{reason}。")


class NewerSchemaError(DatabaseError):
    """The database was written by a newer djdesk than this one."""


class SiteNotConfiguredError(DjdeskError):
    """The installation's identity (site) has not been set up yet."""

    def __init__(self) -> None:
        super().__init__("本机站点信息尚未设置，请先运行程序完成首次设置，或使用 djdesk site set。")


class PermissionDeniedError(DjdeskError):
    """The caller's role does not allow the operation (checked in services, not only the UI)."""


class AuthenticationError(DjdeskError):
    """Login refused; the message never says which part (user, password, state) was wrong."""


class InstanceLockedError(DjdeskError):
    """Another djdesk process holds this data folder for writing."""
