"""argparse in Simplified Chinese: its own strings translated, help wrapped by display width.

argparse reads every string it shows (``usage:``, the ``options`` heading, ``-h``'s help,
``error:``, ``the following arguments are required`` …) through the module-level names ``_`` and
``ngettext`` it imported from :mod:`gettext`, at the moment it needs them. There is no
per-parser hook, and shipping a ``.mo`` catalogue would mean switching the process-wide gettext
domain. So :func:`install` replaces those two module globals with lookups in :data:`MESSAGES`
(argparse's own msgids, nothing else; an unknown string passes through unchanged). It runs when
the first :class:`ChineseArgumentParser` is built, never at import time, and only djdesk's own
command line builds one. ``tests/commands/test_cli_chinese.py`` checks that every string
CPython's argparse passes to ``_``/``ngettext`` is in the table.

argparse also measures text with ``len()``, which counts a Chinese character as one column
although a terminal shows it in two; :class:`ChineseHelpFormatter` wraps help text by display
width instead.
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from typing import Any

MESSAGES: dict[str, str] = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "subcommands": "子命令",
    "show this help message and exit": "显示本帮助信息并退出",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "参数 %s 中必须提供一个",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "该选项不接受值，%r 是多余的",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多接受一个值",
    "expected at least one argument": "至少需要一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "ambiguous option: %(option)s could match %(matches)s": (
        "选项 %(option)s 不明确，可能是：%(matches)s"
    ),
    "unexpected option string: %s": "意外的选项：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "无效的取值 %(value)r（可选：%(choices)s）"
    ),
    # The type's __name__ is shown: djdesk's option types carry Chinese names (see integer).
    "invalid %(type)s value: %(value)r": "%(value)r 不是有效的%(type)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "未知的命令 %(parser_name)r（可选：%(choices)s）"
    ),
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    'argument "-" with mode %r': "参数“-”不能以模式 %r 打开",
    # Programming errors in a parser's definition (never seen by a clerk), translated for
    # completeness so that no English can appear.
    ".__call__() not defined": ".__call__() 未定义",
    "conflicting subparser: %s": "子命令重复：%s",
    "conflicting subparser alias: %s": "子命令别名重复：%s",
    "cannot merge actions - two groups are named %r": "无法合并参数：有两个参数组都名为 %r",
    "'required' is an invalid argument for positionals": "位置参数不能设置 required",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r": (
        "无效的选项名 %(option)r：必须以字符 %(prefix_chars)r 开头"
    ),
    "dest= is required for options like %r": "像 %r 这样的选项必须指定 dest=",
    "invalid conflict_resolution value: %r": "无效的 conflict_resolution 值：%r",
    "conflicting option string: %s": "选项名冲突：%s",
    "conflicting option strings: %s": "选项名冲突：%s",
    "mutually exclusive arguments must be optional": "互斥的参数必须是可选参数",
    "cannot have multiple subparser arguments": "不能有多组子命令",
    "%r is not callable": "%r 不可调用",
}

VERSION_HELP = "显示程序版本并退出"


def gettext_zh(message: str) -> str:
    # argparse also calls _(None) for a sub-command group without a description.
    return MESSAGES.get(message, message) if message else message


def ngettext_zh(singular: str, plural: str, n: int) -> str:
    return gettext_zh(singular if n == 1 else plural)


def install() -> None:
    """Make argparse speak Chinese from now on in this process (idempotent)."""
    vars(argparse)["_"] = gettext_zh
    vars(argparse)["ngettext"] = ngettext_zh


def integer(text: str) -> int:
    """An ``int`` option type whose name in argparse's error message is Chinese."""
    return int(text)


integer.__name__ = "整数"


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# Line breaks fall between tokens: a run of narrow characters (an option name, a number,
# "FILE.xlsx"), a single wide (CJK) character, or spaces. Opening punctuation sticks to what
# follows it and closing punctuation to what precedes it, so no line starts with "）" or "，".
_OPEN = "（「『【〔《“‘"
_CLOSE = "）」』】〕》，。、；：？！”’"
_TOKEN = re.compile(
    f"[{_OPEN}]*(?:[^\\s\u2e80-\uffef{_OPEN}{_CLOSE}]+|[^\\s{_OPEN}{_CLOSE}])[{_CLOSE}]*"
    f"|[{_OPEN}{_CLOSE}]+|\\s+",
)


def wrap(text: str, width: int) -> list[str]:
    """Greedy wrap of one paragraph to ``width`` display columns."""
    lines: list[str] = []
    line, used = "", 0
    for token in _TOKEN.findall(" ".join(text.split())):
        size = display_width(token)
        if used + size > width and line.strip():
            lines.append(line.rstrip())
            line, used = "", 0
            if token.isspace():
                continue
        line += token
        used += size
    if line.strip():
        lines.append(line.rstrip())
    return lines


class ChineseHelpFormatter(argparse.HelpFormatter):
    """Help text wrapped by display width, and headings ending in a Chinese colon."""

    class _Section(argparse.HelpFormatter._Section):
        def format_help(self) -> str:
            text: str = super().format_help()
            if self.heading:
                text = text.replace(f"{self.heading}:\n", f"{self.heading}：\n", 1)
            return text

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(indent + line for line in wrap(text, width - len(indent)))


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser in Chinese; its sub-command parsers are of the same class."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        install()  # before argparse builds its headings and the -h option
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        super().__init__(*args, **kwargs)
