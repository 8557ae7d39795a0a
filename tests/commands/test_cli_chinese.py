"""The command line speaks Chinese: every help page, argparse's own headings and errors.

English may appear only where a clerk types it: option names, metavars (FILE, DIR, N),
sub-command names, ``djdesk`` itself and a few file-format words (JSON, PDF, xlsx, docx).
"""

from __future__ import annotations

import argparse
import ast
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from djdesk.cli import build_parser, run
from djdesk.commands.argparse_zh import MESSAGES, display_width, wrap

#: Words that may appear in help and errors besides option names, metavars and commands.
TERMS = {"djdesk", "JSON", "PDF", "pdf", "xlsx", "docx", "DJDESK_DATA_DIR", "U"}
WORD = re.compile(r"-{0,2}[A-Za-z][A-Za-z0-9_.-]*")


def _parsers(
    parser: argparse.ArgumentParser, path: tuple[str, ...] = ("djdesk",)
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, (*path, name))


def _allowed_words(root: argparse.ArgumentParser) -> set[str]:
    words = set(TERMS)
    for path, parser in _parsers(root):
        words.update(path)
        for action in parser._actions:
            words.update(action.option_strings)
            metavars = action.metavar if isinstance(action.metavar, tuple) else [action.metavar]
            words.update(m for m in metavars if isinstance(m, str))
            if action.choices is not None:
                words.update(str(choice) for choice in action.choices)
    return words


def _english(text: str, allowed: set[str]) -> list[str]:
    return [w for w in WORD.findall(text) if w not in allowed and w.rstrip(".") not in allowed]


ALL_PARSERS = list(_parsers(build_parser()))


def test_the_walk_reaches_every_command() -> None:
    paths = {" ".join(path) for path, _ in ALL_PARSERS}
    assert {"djdesk site set", "djdesk users reset-password", "djdesk print receipt"} <= paths
    assert {"djdesk report members-roster", "djdesk members import", "djdesk demo"} <= paths


@pytest.mark.parametrize(
    "parser", [p for _, p in ALL_PARSERS], ids=[" ".join(path) for path, _ in ALL_PARSERS]
)
def test_help_has_no_english(parser: argparse.ArgumentParser) -> None:
    text = parser.format_help()
    assert text.startswith("用法：")
    assert _english(text, _allowed_words(build_parser())) == []
    headings = [line for line in text.splitlines() if line and not line.startswith(" ")]
    assert all(not h.endswith(":") for h in headings), headings


@pytest.mark.parametrize(
    "parser", [p for _, p in ALL_PARSERS], ids=[" ".join(path) for path, _ in ALL_PARSERS]
)
def test_every_option_and_positional_has_help(parser: argparse.ArgumentParser) -> None:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                assert choice.help, f"{parser.prog} {choice.dest} has no help"
            continue
        assert action.help and action.help is not argparse.SUPPRESS, (parser.prog, action.dest)
        # argparse names the type and shows the choices' repr in its errors: keep them Chinese.
        if action.type is not None:
            assert not re.search("[A-Za-z]", getattr(action.type, "__name__", "?")), action.dest
        if action.choices is not None:
            assert all(type(c) is str for c in action.choices), action.dest


def test_every_argparse_string_is_translated() -> None:
    """Each literal CPython's argparse passes to ``_`` or ``ngettext`` is in the table."""
    tree = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            count = {"_": 1, "ngettext": 2}.get(node.func.id, 0)
            for arg in node.args[:count]:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    found.add(arg.value)
    assert len(found) > 30
    assert sorted(found - set(MESSAGES)) == []


ERRORS = [
    (["nope"], "djdesk：错误：参数 命令：无效的取值 'nope'（可选：'info', "),
    (["print"], "djdesk print：错误：缺少必需的参数：文书"),
    (["users", "add", "--name", "张三"], "缺少必需的参数：USERNAME, --role"),
    (["demo", "--seed", "x"], "djdesk demo：错误：参数 --seed：'x' 不是有效的整数"),
    (["info", "--bogus"], "djdesk：错误：无法识别的参数：--bogus"),
    (["print", "site-sheet", "--out"], "参数 --out：需要一个值"),
    (
        ["site", "set", "--level", "省"],
        "参数 --level：无效的取值 '省'（可选：'区', '街道', '社区'）",
    ),
    (["report", "members-roster", "--out", "r.pdf", "--year", "二〇二五"], "不是有效的整数"),
]


@pytest.mark.parametrize(("argv", "message"), ERRORS, ids=[" ".join(a) for a, _ in ERRORS])
def test_usage_errors_are_chinese_and_exit_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as caught:
        run(argv)
    assert caught.value.code == 2
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("用法：djdesk") and message in err
    assert _english(err, _allowed_words(build_parser()) | set(argv)) == []


def test_help_and_version_from_a_fresh_process() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "djdesk", "--help"], capture_output=True, text=True
    )
    assert result.returncode == 0
    assert "用法：djdesk" in result.stdout and "选项：" in result.stdout
    assert "显示本帮助信息并退出" in result.stdout and "显示程序版本并退出" in result.stdout
    for english in ("usage", "options", "positional arguments", "show this", "version number"):
        assert english not in result.stdout


CLOSERS = "）」』】〕》，。、；：？！”’"


def _unit(opener: str, core: str, closer: str, space: str) -> str:
    # Narrow words need a space between them (run together they are one unbreakable word).
    return opener + core + closer + (" " if core.isascii() else space)


UNIT = st.builds(
    _unit,
    st.sampled_from(["", "（", "“"]),
    st.sampled_from(["数据", "文件夹", "党员", "--data-dir", "FILE.xlsx", "12"]),
    st.sampled_from(["", "）", "，", "。", "”"]),
    st.sampled_from(["", " "]),
)


@given(st.lists(UNIT, max_size=40).map("".join), st.integers(min_value=16, max_value=80))
def test_wrap_fits_the_width_and_keeps_punctuation_attached(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        assert display_width(line) <= width
        assert line == line.strip()
    assert not any(line[0] in CLOSERS for line in lines[1:] if line)
