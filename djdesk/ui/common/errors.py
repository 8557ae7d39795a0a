"""Showing errors to the clerk: expected ones as a warning box, unexpected ones as a crash.

A :class:`~djdesk.errors.DjdeskError` carries a Chinese message meant for the user and is shown
as it is. Anything else is a bug: it is logged with its traceback and the crash dialog opens.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from djdesk.errors import DjdeskError, ValidationError, ValidationErrors

log = logging.getLogger(__name__)


def show_error(
    error: DjdeskError, parent: QWidget | None = None, *, title: str = "无法完成"
) -> None:
    """A warning box with the error's Chinese message (one line per field for a form)."""
    if isinstance(error, ValidationErrors) and error.errors:
        text = "请更正以下内容：\n" + "\n".join(f"• {e.label}：{e.reason}" for e in error.errors)
    else:
        text = error.message
    log.info("shown to user: %s", text)
    QMessageBox.warning(parent, title, text)


def format_exception(exc: BaseException) -> str:
    """The traceback of ``exc`` as text, for the log and the crash dialog."""
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


def report_exception(exc: BaseException, parent: QWidget | None = None) -> None:
    """Route any exception that reached the UI to the right place."""
    if isinstance(exc, DjdeskError):
        show_error(exc, parent)
        return
    log.error("unexpected error\n%s", format_exception(exc))
    from djdesk.ui.crash_dialog import show_crash_dialog

    show_crash_dialog(format_exception(exc), parent)


def with_rule_errors(
    errors: list[ValidationError], check: Callable[[], object]
) -> list[ValidationError]:
    """The form's own errors plus what the service's ``check`` says of the other fields, so
    the clerk hears everything at once."""
    seen = {e.field for e in errors}
    try:
        check()
    except ValidationErrors as more:
        return errors + [e for e in more.errors if e.field not in seen]
    return errors
