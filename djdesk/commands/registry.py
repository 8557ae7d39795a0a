"""The command registry: every area's command module, found by scanning ``djdesk.commands``.

A module ``djdesk/commands/<area>.py`` plugs its sub-commands in by defining

``ORDER``
    an int: where its commands appear in ``djdesk --help`` (smaller first);
``register(sub, parents)``
    adds its own top-level commands to ``sub`` (the ``add_subparsers()`` of ``djdesk``);
``register_print(print_sub, parents)`` (optional)
    adds its printable documents as kinds of ``djdesk print``;
``register_report(report_sub, parents)`` (optional)
    adds its reports as kinds of ``djdesk report``.

The shared ``print`` and ``report`` commands are created here, after every area's own commands,
so no area owns them. A new area therefore adds only ``commands/<area>.py``. The modules in
:data:`SHARED_MODULES` are not areas. The frozen (PyInstaller) program finds the modules too:
the spec collects every ``djdesk`` sub-module and PyInstaller's ``pkgutil`` hook lists them.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from djdesk.commands.common import Parents

#: Modules of the package that hold shared pieces, not an area's commands.
SHARED_MODULES = frozenset({"argparse_zh", "common", "printing", "registry"})

Registrar = Callable[[Any, Parents], None]


@dataclass(frozen=True)
class CommandArea:
    """One area's command module, as the registry uses it."""

    name: str
    order: int
    register: Registrar
    register_print: Registrar | None = None
    register_report: Registrar | None = None


def _area_of(module: ModuleType) -> CommandArea:
    name = module.__name__.rpartition(".")[2]
    order = getattr(module, "ORDER", None)
    register = getattr(module, "register", None)
    if not isinstance(order, int) or not callable(register):
        raise TypeError(f"{module.__name__} needs an int ORDER and a register(sub, parents)")
    return CommandArea(
        name=name,
        order=order,
        register=register,
        register_print=getattr(module, "register_print", None),
        register_report=getattr(module, "register_report", None),
    )


def command_areas() -> list[CommandArea]:
    """Every command module of ``djdesk.commands`` but the shared ones, by ``ORDER``."""
    package = importlib.import_module("djdesk.commands")
    areas = [
        _area_of(importlib.import_module(f"{package.__name__}.{info.name}"))
        for info in pkgutil.iter_modules(package.__path__)
        if info.name not in SHARED_MODULES and not info.name.startswith("_")
    ]
    return sorted(areas, key=lambda area: (area.order, area.name))


def register_all(sub: Any, parents: Parents) -> None:
    """Add every area's commands, then the shared ``print`` and ``report`` with their kinds."""
    areas = command_areas()
    for area in areas:
        area.register(sub, parents)
    printers = [area.register_print for area in areas if area.register_print]
    if printers:
        group = sub.add_parser("print", help="生成可打印的文书（PDF）")
        print_sub = group.add_subparsers(dest="kind", metavar="文书", required=True)
        for register_print in printers:
            register_print(print_sub, parents)
    reporters = [area.register_report for area in areas if area.register_report]
    if reporters:
        group = sub.add_parser("report", help="导出报表（.xlsx 或 .pdf）")
        report_sub = group.add_subparsers(dest="report_command", metavar="报表", required=True)
        for register_report in reporters:
            register_report(report_sub, parents)
