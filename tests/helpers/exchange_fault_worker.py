"""Subprocess for the exchange's kill -9 test: imports package after package until killed.

Usage: ``python -m tests.helpers.exchange_fault_worker DATA_DIR BASE_PACKAGE KEY_FILE WORK
[reader-process]``.
Package *k* holds every record of ``BASE_PACKAGE`` at version *k* (sequence *k*, following
*k − 1*), signed with ``KEY_FILE`` (the community's private key); the worker starts after the
newest package the street's log holds. Prints ``ready`` once set up, then ``applied k`` after
each commit. With ``reader-process`` every package is read by a worker process, as large
packages are (:mod:`djdesk.services.exchange.package_reader`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from sqlalchemy import func, select

from djdesk.actor import Actor
from djdesk.db.models.exchange import ExchangeImport
from djdesk.db.startup import open_database
from djdesk.paths import AppPaths
from djdesk.services.exchange import package_reader
from djdesk.services.exchange.importing import import_package
from tests.helpers.exchange import edit_lines, rewrite_package


def package_at(base: Path, key: bytes, k: int, target: Path) -> Path:
    def versions(files: dict[str, bytes]) -> None:
        for name in list(files):
            if name.startswith("tables/") and files[name]:
                table = name[len("tables/") : -len(".jsonl")]

                def bump(lines: list[str]) -> list[str]:
                    out = []
                    for line in lines:
                        record = json.loads(line)
                        record["version"] = k
                        out.append(json.dumps(record, ensure_ascii=False, sort_keys=True))
                    return out

                edit_lines(files, table, bump)

    def numbered(data: dict[str, object]) -> None:
        data["sequence"], data["follows"], data["full"] = k, k - 1, k == 1

    return rewrite_package(base, target, private_key=key, members=versions, manifest=numbered)


def main(argv: list[str]) -> None:
    data_dir, base, key_file, work = argv[:4]
    if argv[4:] == ["reader-process"]:
        package_reader.WORKER_RECORDS = 0
    paths = AppPaths.resolve(data_dir)
    db = open_database(paths)
    key = Path(key_file).read_bytes()
    with db.reading() as session:
        k = int(session.scalar(select(func.max(ExchangeImport.sequence))) or 0) + 1
    print("ready", flush=True)
    while True:
        package = package_at(Path(base), key, k, Path(work) / f"p{k}.zip")
        import_package(paths, db, package, actor=Actor.system())
        print("applied", k, flush=True)
        k += 1


if __name__ == "__main__":
    main(sys.argv[1:])
