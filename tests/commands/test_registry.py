"""The command registry: areas are found by scanning ``djdesk.commands``; ``print`` and
``report`` are shared commands whose kinds come from the areas."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import djdesk.commands
from djdesk.cli import build_parser
from djdesk.commands import checkin, site
from djdesk.commands.registry import SHARED_MODULES, command_areas

PROBE = '''
"""A test area's commands."""
ORDER = 55


def register(sub, parents):
    sub.add_parser("probe", help="探针").set_defaults(handler="probe")


def register_print(print_sub, parents):
    print_sub.add_parser("probe-sheet", help="探针表").set_defaults(handler="probe-sheet")


def register_report(report_sub, parents):
    report_sub.add_parser("probe-stats", help="探针统计").set_defaults(handler="probe-stats")
'''


@pytest.fixture
def extra_area(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A module ``zz_probe`` that appears in the package as a new area file would."""
    (tmp_path / "zz_probe.py").write_text(PROBE, encoding="utf-8")
    monkeypatch.setattr(djdesk.commands, "__path__", [*djdesk.commands.__path__, str(tmp_path)])
    yield "djdesk.commands.zz_probe"
    sys.modules.pop("djdesk.commands.zz_probe", None)


def _commands(parser: argparse.ArgumentParser) -> list[str]:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return list(sub.choices)


def test_every_area_module_is_found_in_order() -> None:
    areas = command_areas()
    names = [a.name for a in areas]
    package = Path(djdesk.commands.__file__).parent
    assert set(names) == {p.stem for p in package.glob("*.py")} - SHARED_MODULES - {"__init__"}
    assert [n for n in names if n in ("site", "demo", "checkin", "accounts")] == [
        "site",
        "demo",
        "checkin",
        "accounts",
    ]
    assert [a.order for a in areas] == sorted(a.order for a in areas)
    assert not SHARED_MODULES & {a.name for a in areas}
    by_name = {a.name: a for a in areas}
    assert by_name["site"].register_print is site.register_print
    assert by_name["checkin"].register_report is checkin.register_report
    assert by_name["accounts"].register_print is None


def test_print_and_report_are_shared_and_come_last() -> None:
    parser = build_parser()
    names = _commands(parser)
    assert names[:3] == ["info", "site", "demo"] and names[-2:] == ["print", "report"]
    args = parser.parse_args(["print", "receipt", "--member", "3", "--out", "x.pdf"])
    assert args.handler is checkin.cmd_print_receipt
    args = parser.parse_args(["print", "site-sheet", "--out", "x.pdf"])
    assert args.handler is site.cmd_print_site_sheet
    args = parser.parse_args(["report", "unit-register", "--out", "x.xlsx"])
    assert args.handler is checkin.cmd_report and args.report_kind == "unit-register"


def test_a_new_area_needs_only_its_module(extra_area: str) -> None:
    assert "zz_probe" in [a.name for a in command_areas()]
    parser = build_parser()
    names = _commands(parser)
    # ORDER 55 sits between check-in (30) and accounts (90).
    assert names.index("members") < names.index("probe") < names.index("backup")
    assert parser.parse_args(["probe"]).handler == "probe"
    assert parser.parse_args(["print", "probe-sheet"]).handler == "probe-sheet"
    assert parser.parse_args(["report", "probe-stats"]).handler == "probe-stats"


def test_a_module_without_order_or_register_is_a_bug(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "zz_broken.py").write_text('"""No ORDER."""\n', encoding="utf-8")
    monkeypatch.setattr(djdesk.commands, "__path__", [*djdesk.commands.__path__, str(tmp_path)])
    try:
        with pytest.raises(TypeError, match="zz_broken needs an int ORDER"):
            command_areas()
    finally:
        sys.modules.pop("djdesk.commands.zz_broken", None)
