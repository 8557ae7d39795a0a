"""Finding the areas' plug-in modules by scanning a package, so a new area edits no shared file.

Each layer has a registry that asks for one module per area: ``services/<area>/area.py``,
``ui/<area>/pages.py``, ``documents/<area>/kinds.py``. :func:`area_modules` imports the module of
that name from every sub-package that has one. It works in a PyInstaller build too: the spec
collects every ``djdesk`` sub-module and PyInstaller's ``pkgutil`` support lists them.
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType


def area_modules(package_name: str, module_name: str) -> list[ModuleType]:
    """``<package>.<area>.<module_name>`` for every area sub-package that has it, by area name.

    A sub-package without the module is skipped; an import error inside the module is not
    (a broken area must fail loudly, not vanish from the program).
    """
    package = importlib.import_module(package_name)
    found: list[ModuleType] = []
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda i: i.name):
        if not info.ispkg:
            continue
        name = f"{package_name}.{info.name}.{module_name}"
        try:
            found.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
    return found
