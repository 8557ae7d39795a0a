"""Configuring the site: save its identity, then let every area set itself up for it.

The first-run dialog, ``djdesk site set`` and the demo all come through here, so what an area
needs from the start (the exchange's signing key pair, for one) exists as soon as the site
does. The areas' set-up steps do nothing when run again, so saving the identity later is safe.
"""

from __future__ import annotations

from djdesk.actor import Actor
from djdesk.db.session import Database
from djdesk.paths import AppPaths
from djdesk.services.areas import run_site_setup
from djdesk.services.site.identity import SiteInfo, SiteInput, save_site


def set_up_site(
    paths: AppPaths, db: Database, data: SiteInput, *, actor: Actor
) -> tuple[SiteInfo, list[str]]:
    """Save ``data`` as the site's identity (see :func:`save_site`) and run the areas' set-up;
    returns the saved identity and what the areas set up, one Chinese line each."""
    site = save_site(db, data, actor=actor)
    return site, run_site_setup(paths, db, actor=actor)
