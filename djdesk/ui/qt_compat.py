"""Work-arounds for defects of the pinned Qt for Python build; each says when it can go.

``keep_none_alive``: the PySide6 6.12.0 wheels are built for the stable ABI (``cp310-abi3``) and
every Qt method returning ``void`` hands back ``None`` without taking a reference to it. On
CPython 3.12+ ``None`` is immortal and nothing happens; on 3.11 each such call (``setText``,
``update``, ``processEvents`` …) lowers ``None``'s reference count by one, and after some
thousands of calls the interpreter aborts with "Fatal Python error: none_dealloc". Giving
``None`` a very large reference count makes it as good as immortal, which is what CPython 3.12
does. Remove this when djdesk requires Python ≥ 3.12 or a fixed PySide6 is pinned (check with
``tests/ui/test_qt_compat.py``).
"""

from __future__ import annotations

import ctypes
import sys

#: Enough for ~10^12 leaked references: centuries of clerk work.
_NONE_BALLAST = 1 << 40

_applied = False


def needs_none_ballast() -> bool:
    return sys.implementation.name == "cpython" and sys.version_info < (3, 12)


def keep_none_alive() -> bool:
    """Make ``None`` effectively immortal on CPython < 3.12 (once); ``True`` if applied."""
    global _applied
    if _applied or not needs_none_ballast():
        return False
    # ob_refcnt is the first field of every object in a release build of CPython 3.11.
    ctypes.c_ssize_t.from_address(id(None)).value += _NONE_BALLAST
    _applied = True
    return True
