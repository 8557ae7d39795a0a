"""Shared pieces of the command-line commands: parent parsers, database opening, output."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from djdesk.commands.argparse_zh import ChineseArgumentParser
from djdesk.instance import InstanceLock
from djdesk.logs import setup_logging
from djdesk.paths import AppPaths
from djdesk.services.store import Database, open_database

Handler = Callable[[argparse.Namespace, AppPaths], int]


@dataclass(frozen=True)
class Parents:
    """Parent parsers every sub-command inherits options from."""

    common: argparse.ArgumentParser  # --data-dir
    reporting: argparse.ArgumentParser  # --json


def make_parents() -> Parents:
    common = ChineseArgumentParser(add_help=False)
    common.add_argument(
        "--data-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="数据文件夹（默认取环境变量 DJDESK_DATA_DIR，否则为本用户的应用数据文件夹）",
    )
    reporting = ChineseArgumentParser(add_help=False)
    reporting.add_argument("--json", action="store_true", help="以 JSON 输出结果")
    return Parents(common, reporting)


def print_json(data: Any) -> None:
    if sys.stdout is None:  # the windowed Windows program has no console
        return
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")


@contextmanager
def database(paths: AppPaths, *, write: bool = False) -> Iterator[Database]:
    """Open the database for one command; a writing command first takes the data folder's
    single-writer lock, so it is refused while the program window is open on the same folder."""
    paths.ensure()
    lock = InstanceLock(paths.data_dir).acquire() if write else None
    try:
        db = open_database(paths)
        setup_logging(paths.log_file, stderr=False)
        try:
            yield db
        finally:
            db.dispose()
    finally:
        if lock is not None:
            lock.release()
