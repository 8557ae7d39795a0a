"""Writes the Windows version-info resource file for ``djdesk.exe`` from ``djdesk.__version__``.

PyInstaller's ``EXE(version=...)`` takes the path of a text file holding a ``VSVersionInfo``
expression. The file lands in ``build/`` (git-ignored) and is regenerated on every build, so the
version shown in Explorer's file properties can never drift from the package version.

The version is read from ``djdesk/__init__.py`` with :mod:`ast`, without importing the package.

Usage (from the repository root)::

    .venv/bin/python packaging/version_info.py [--out build/version_info.txt]
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE_INIT = REPO / "djdesk" / "__init__.py"
DEFAULT_OUT = REPO / "build" / "version_info.txt"

# Simplified Chinese (PRC) = 0x0804, Unicode code page 1200 = 0x04B0.
LANG_ZH_CN = 0x0804
CODEPAGE_UNICODE = 1200


def package_constants(init_file: Path = PACKAGE_INIT) -> dict[str, str]:
    """The module-level string constants of ``djdesk/__init__.py`` (version, name, title)."""
    tree = ast.parse(init_file.read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            found[node.targets[0].id] = node.value.value
    if "__version__" not in found:
        raise SystemExit(f"no __version__ string in {init_file}")
    return found


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """Four numbers for the fixed file info: ``"1.2.3rc1"`` gives ``(1, 2, 3, 0)``."""
    match = re.match(r"^\s*(\d+(?:\.\d+)*)", version)
    if not match:
        raise SystemExit(f"version {version!r} does not start with a number")
    numbers = [int(part) for part in match.group(1).split(".")][:4]
    numbers += [0] * (4 - len(numbers))
    return numbers[0], numbers[1], numbers[2], numbers[3]


def render_version_info(constants: dict[str, str]) -> str:
    """The ``VSVersionInfo(...)`` expression PyInstaller evaluates when it builds the EXE.

    Written as text rather than with PyInstaller's classes because their module imports
    ``pefile``, which PyInstaller installs on Windows only; the spec must also load on Linux.
    """
    version = constants["__version__"]
    numbers = version_tuple(version)
    name = constants.get("APP_NAME", "djdesk")
    title = constants.get("APP_TITLE", name)
    strings = [
        ("CompanyName", "djdesk team"),
        ("FileDescription", title),
        ("FileVersion", version),
        ("InternalName", name),
        ("LegalCopyright", "© djdesk team"),
        ("OriginalFilename", f"{name}.exe"),
        ("ProductName", f"{title}（{name}）"),
        ("ProductVersion", version),
    ]
    string_lines = ",\n".join(
        f"          StringStruct({key!r}, {value!r})" for key, value in strings
    )
    table = f"{LANG_ZH_CN:04x}{CODEPAGE_UNICODE:04x}"
    return (
        "VSVersionInfo(\n"
        "  ffi=FixedFileInfo(\n"
        f"    filevers={numbers!r},\n"
        f"    prodvers={numbers!r},\n"
        "    mask=0x3f,\n"
        "    flags=0x0,\n"
        "    OS=0x40004,  # VOS_NT_WINDOWS32\n"
        "    fileType=0x1,  # VFT_APP\n"
        "    subtype=0x0,\n"
        "    date=(0, 0),\n"
        "  ),\n"
        "  kids=[\n"
        "    StringFileInfo([\n"
        f"      StringTable({table!r}, [\n"
        f"{string_lines},\n"
        "      ]),\n"
        "    ]),\n"
        f"    VarFileInfo([VarStruct('Translation', [{LANG_ZH_CN}, {CODEPAGE_UNICODE}])]),\n"
        "  ],\n"
        ")\n"
    )


def write_version_file(out: Path = DEFAULT_OUT) -> Path:
    """Write the version-info text file and return its path."""
    text = render_version_info(package_constants())
    out.parent.mkdir(parents=True, exist_ok=True)
    # The coding cookie lets PyInstaller decode the Chinese strings correctly on any locale.
    out.write_text(f"# -*- coding: utf-8 -*-\n{text}", encoding="utf-8")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="file to write")
    args = parser.parse_args(argv)
    path = write_version_file(args.out)
    print(f"wrote {path} for djdesk {package_constants()['__version__']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
