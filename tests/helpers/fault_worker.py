"""Subprocess for the kill -9 fault tests: backs up or restores in a loop until it is killed.

Usage: python -m tests.helpers.fault_worker backup|restore DATA_DIR [SOURCE_A SOURCE_B]
Prints ``ready`` once set up, then one line per completed operation.
"""

from __future__ import annotations

import sys
from pathlib import Path

from djdesk.actor import Actor
from djdesk.db import backup as files
from djdesk.db.startup import open_database
from djdesk.paths import AppPaths
from djdesk.services.accounts import backups


def main(argv: list[str]) -> None:
    mode, data_dir = argv[0], argv[1]
    paths = AppPaths.resolve(data_dir)
    db = open_database(paths)
    actor = Actor.system()
    print("ready", flush=True)
    if mode == "backup":
        while True:
            info = files.write_backup(paths.database_file, paths.backup_dir, reason="manual")
            print("backup", info.path.name, flush=True)
    sources = [Path(argv[2]), Path(argv[3])]
    turn = 0
    while True:
        result = backups.restore(paths, db, sources[turn % 2], actor)
        db = result.db
        print("restored", sources[turn % 2].name, flush=True)
        turn += 1


if __name__ == "__main__":
    main(sys.argv[1:])
