"""ORM models, one module per area (``db/models/<area>.py``) plus the shared ones.

Importing this package imports every module in it, so ``Base.metadata`` holds every table
(Alembic's environment and the schema checks rely on that); a new area's module is found
without editing this file. Import model classes from their own module.
"""

from __future__ import annotations

import importlib
import pkgutil

for _info in pkgutil.iter_modules(__path__):
    importlib.import_module(f"{__name__}.{_info.name}")
