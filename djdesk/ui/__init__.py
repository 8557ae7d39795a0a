"""The Qt user interface: main window, pages, dialogs, item models and widgets.

Only this package (and :mod:`djdesk.app`) imports Qt. Views talk to the data through service
functions that return frozen dataclasses; they never hold a database session.

Importing the package applies :func:`djdesk.ui.qt_compat.keep_none_alive` (the one thing done at
import time): without it, the pinned PySide6 build crashes CPython 3.11 after some thousands of
Qt calls, and every route into the UI (application, tests, scripts) goes through this package.
"""

from __future__ import annotations

from djdesk.ui.qt_compat import keep_none_alive

keep_none_alive()
