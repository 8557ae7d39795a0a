"""The README's Quick start and command list match what exists.

``scripts/_setup.sh`` is run against a stand-in ``.venv`` that records the pip call, so the
test needs no network; the full Quick start runs in CI (``.ci/run``).
"""

from __future__ import annotations

import argparse
import os
import re
import stat
import subprocess
from pathlib import Path

from djdesk.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]


def _pip_targets(tmp_path: Path, *calls: str) -> list[str]:
    (tmp_path / "scripts").mkdir()
    setup = (ROOT / "scripts" / "_setup.sh").read_text(encoding="utf-8")
    (tmp_path / "scripts" / "_setup.sh").write_text(setup, encoding="utf-8")
    python = tmp_path / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text('#!/bin/sh\necho "$*" >> "$(dirname "$0")/calls"\n', encoding="utf-8")
    python.chmod(0o755)
    script = "source scripts/_setup.sh; " + "; ".join(calls)
    subprocess.run(["bash", "-c", script], cwd=tmp_path, check=True, capture_output=True)
    calls_made = (python.parent / "calls").read_text(encoding="utf-8").splitlines()
    return [line.split(" -e ", 1)[1] for line in calls_made if " -e " in line]


def test_setup_installs_without_extras_and_with_dev(tmp_path: Path) -> None:
    assert _pip_targets(tmp_path, "djdesk_make_venv", "djdesk_make_venv dev") == [".", ".[dev]"]


def test_start_script_installs_plain_and_ci_runs_both_quick_start_commands() -> None:
    start = (ROOT / "scripts" / "start.sh").read_text(encoding="utf-8")
    assert re.search(r"^djdesk_make_venv$", start, re.MULTILINE)
    ci = ROOT / ".ci" / "run"
    assert os.stat(ci).st_mode & stat.S_IXUSR
    text = ci.read_text(encoding="utf-8")
    assert "set -euo pipefail" in text
    assert text.index("bash scripts/start.sh") < text.index("bash scripts/test.sh")


def _readme_commands() -> list[str]:
    """The entries of the README's command-line block (continuation lines joined)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Command line", 1)[1].split("```", 2)[1]
    entries: list[str] = []
    for line in block.splitlines():
        if line.startswith("djdesk"):
            entries.append(line)
        elif line.strip() and entries:
            entries[-1] += " " + line.strip()
    return entries


def _sub_parsers(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def test_every_command_and_option_in_the_readme_exists() -> None:
    root = build_parser()
    entries = _readme_commands()
    assert len(entries) >= 15
    for entry in entries:
        parser = root
        for word in entry.split()[1:]:
            subs = _sub_parsers(parser)
            if word not in subs:
                break
            parser = subs[word]
        known = {s for a in [*parser._actions, *root._actions] for s in a.option_strings}
        options = set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", entry))
        assert options <= known, (entry, options - known)


def test_the_readme_lists_every_command() -> None:
    listed = {
        " ".join(w for w in e.split() if re.fullmatch(r"[a-z][a-z-]*", w))
        for e in _readme_commands()
    }
    root = build_parser()
    for name, parser in _sub_parsers(root).items():
        leaves = [f"{name} {sub}" for sub in _sub_parsers(parser)] or [name]
        for leaf in leaves:
            assert any(f"djdesk {leaf}" in entry for entry in listed), leaf
