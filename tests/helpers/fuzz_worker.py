"""Worker process of :mod:`tests.helpers.fuzz_harness`: runs cases and prints one JSON line each.

Usage: ``python -m tests.helpers.fuzz_worker KIND SETUP CASES START WORK``. ``SETUP`` is a
template data folder (copied, never changed), ``CASES`` the JSON list written by the harness,
``START`` the first case to run, ``WORK`` a scratch folder. Kinds: ``roster`` (import a roster
file), ``restore`` (restore a backup file over a fresh copy of the template), ``live`` (run
``info``, ``demo`` and a write on a damaged copy of the live database).

An exception that is not a :class:`~djdesk.errors.DjdeskError` is a traceback (the outcome the
suites must never see); a refusal that changed the database (hash of the file and its WAL)
is "changed".
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import resource
import shutil
import sqlite3
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from djdesk import cli
from djdesk.actor import Actor
from djdesk.errors import DjdeskError
from djdesk.paths import AppPaths

Result = dict[str, Any]


def state_hash(db_file: Path) -> str:
    """What a commit changes: the database file and its write-ahead log."""
    digest = hashlib.sha256()
    for path in (db_file, Path(f"{db_file}-wal")):
        if path.exists():
            digest.update(path.read_bytes())
        digest.update(b"|")
    return digest.hexdigest()


def fresh_data_dir(template: Path, target: Path, db_file: Path | None = None) -> AppPaths:
    """A data folder holding a copy of the template's database (or of ``db_file``)."""
    shutil.rmtree(target, ignore_errors=True)
    (target / "backups").mkdir(parents=True)
    shutil.copyfile(db_file or template / "djdesk.sqlite3", target / "djdesk.sqlite3")
    return AppPaths.resolve(target)


def guarded(fn: Callable[[], Result]) -> Result:
    try:
        return fn()
    except DjdeskError as exc:  # a refusal that escaped the case's own handling
        return {"outcome": "refused", "detail": exc.message}
    except Exception:
        return {"outcome": "traceback", "detail": traceback.format_exc()[-1500:]}


# -- roster ---------------------------------------------------------------------------------------

_STORED_PROBLEMS = (
    "SELECT count(*) FROM member WHERE length(building) > 20 OR length(name) > 20"
    " OR name LIKE '#%' OR estate LIKE '#%' OR branch LIKE '#%'",
    "SELECT count(*) FROM checkin WHERE checked_in_on < '2000-01-01'",
    "SELECT count(*) FROM member WHERE joined_party_on < '1921-07-01'",
)
_INVISIBLE = [chr(c) for c in (*range(0, 32), 0x7F, 0x200B, 0x200D, 0x202E, 0x2066, 0xFEFF)]


def stored_problems(db_file: Path) -> str:
    """Text or dates the import must never store (names with invisible characters …)."""
    conn = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)
    try:
        for query in _STORED_PROBLEMS:
            if conn.execute(query).fetchone()[0]:
                return query
        for name, remarks, estate in conn.execute("SELECT name, remarks, estate FROM member"):
            if any(ch in f"{name}{remarks}{estate}" for ch in _INVISIBLE):
                return f"invisible character stored in {name!r}"
    finally:
        conn.close()
    return ""


class RosterRunner:
    def __init__(self, template: Path, work: Path) -> None:
        from djdesk.services.store import open_database

        self.paths = fresh_data_dir(template, work / "roster-data")
        self.db = open_database(self.paths)
        self.imports = 0

    def run(self, case: dict[str, Any]) -> Result:
        from djdesk.services.checkin.roster_import import import_roster

        before = state_hash(self.paths.database_file)
        try:
            report = import_roster(
                self.db, Path(case["path"]), actor=Actor.system(), paths=self.paths
            )
        except DjdeskError as exc:
            changed = state_hash(self.paths.database_file) != before
            return {"outcome": "refused", "detail": exc.message[:300], "changed": changed}
        self.imports += 1
        problem = stored_problems(self.paths.database_file)
        wrong = bool(problem) or case.get("expect") == "refuse"
        detail = problem or report.summary()
        return {"outcome": "accepted", "detail": detail, "wrong": wrong}


# -- restore --------------------------------------------------------------------------------------


def _leftovers(paths: AppPaths) -> list[str]:
    found = [p.name for p in paths.data_dir.glob("*.restore-partial*")]
    found += [p.name for p in paths.backup_dir.glob("*.partial*")]
    return found


class RestoreRunner:
    def __init__(self, template: Path, work: Path) -> None:
        self.template = template
        self.target = work / "restore-data"

    def run(self, case: dict[str, Any]) -> Result:
        from djdesk.services.accounts.backups import restore
        from djdesk.services.site.identity import get_site
        from djdesk.services.store import open_database

        paths = fresh_data_dir(self.template, self.target)
        db = open_database(paths)
        before = state_hash(paths.database_file)
        try:
            result = restore(paths, db, Path(case["path"]), Actor.system())
        except DjdeskError as exc:
            db.dispose()
            changed = state_hash(paths.database_file) != before
            detail = exc.message[:300]
            if case.get("expect") == "accept":
                return {"outcome": "refused", "detail": detail, "wrong": True}
            again = open_database(paths)
            try:
                usable = again.damage is None and get_site(again) is not None
            finally:
                again.dispose()
            left = _leftovers(paths)
            if not usable or left:
                detail = f"data folder after refusal: usable={usable}, leftovers={left}: {detail}"
            return {
                "outcome": "refused",
                "detail": detail,
                "changed": changed or not usable or bool(left),
            }
        try:
            site = get_site(result.db)
            conn = sqlite3.connect(paths.database_file)
            sound = conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            conn.close()
        finally:
            result.db.dispose()
        wrong = case.get("expect") == "refuse" or site is None or not sound
        detail = f"site={site is not None} sound={sound}"
        return {"outcome": "accepted", "detail": detail, "wrong": wrong}


# -- live database damage --------------------------------------------------------------------------


def _integrity(db_file: Path) -> bool:
    """Whether SQLite finds the file sound (read without creating side files)."""
    try:
        conn = sqlite3.connect(f"file:{db_file}?mode=ro&immutable=1", uri=True)
        try:
            return conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        finally:
            conn.close()
    except (sqlite3.Error, UnicodeDecodeError):  # a report quoting damaged bytes: not sound
        return False


def _command(argv: list[str]) -> tuple[str, str]:
    """(outcome, detail) of one command run in-process."""
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.run(argv)
    except Exception:
        return "traceback", traceback.format_exc()[-1500:]
    return ("accepted" if code == 0 else "refused"), err.getvalue()[-300:]


def _write(paths: AppPaths) -> tuple[str, str]:
    """Open the database as the program does and change the site (a write)."""
    from dataclasses import replace

    from djdesk.services.site.identity import get_site, save_site
    from djdesk.services.store import open_database

    try:
        db = open_database(paths)
        try:
            site = get_site(db)
            if site is not None:
                save_site(
                    db, replace(site.as_input(), address="改过的地址8号"), actor=Actor.system()
                )
        finally:
            db.dispose()
    except DjdeskError as exc:
        return "refused", exc.message[:300]
    except Exception:
        return "traceback", traceback.format_exc()[-1500:]
    return "accepted", ""


class LiveRunner:
    def __init__(self, template: Path, work: Path) -> None:
        self.template = template
        self.target = work / "live-data"

    def run(self, case: dict[str, Any]) -> Result:
        paths = fresh_data_dir(self.template, self.target, Path(case["path"]))
        damaged = not _integrity(paths.database_file)
        where = ["--data-dir", str(paths.data_dir)]
        steps: list[tuple[str, Callable[[], tuple[str, str]]]] = [
            ("info", lambda: _command(["info", *where])),
            ("demo", lambda: _command(["demo", *where, "--members", "3", "--again"])),
            ("write", lambda: _write(paths)),
        ]
        outcomes, details, changed, wrong = [], [], False, False
        for name, step in steps:
            before = state_hash(paths.database_file)
            outcome, detail = step()
            after = state_hash(paths.database_file)
            outcomes.append(outcome)
            details.append(f"{name}: {outcome} {detail.strip()[:200]}")
            if outcome == "refused" and after != before:
                changed = True
            if damaged and outcome == "accepted":
                wrong = True  # a file SQLite finds damaged was used as if sound
        worst = next((o for o in ("traceback", "refused") if o in outcomes), "accepted")
        return {
            "outcome": worst,
            "detail": f"damaged={damaged}; " + " | ".join(details),
            "changed": changed,
            "wrong": wrong,
        }


class SelfTestRunner:
    """Cases that misbehave on purpose, so the harness is seen to count them."""

    def __init__(self, template: Path, work: Path) -> None:
        pass

    def run(self, case: dict[str, Any]) -> Result:
        mode = case["mode"]
        if mode == "raise":
            raise KeyError("id_number")
        if mode == "hang":
            time.sleep(3600)
        if mode == "crash":
            os._exit(3)
        if mode == "memory":
            blob = bytearray(4 * 1024**3)  # beyond the cap: MemoryError
            return {"outcome": "accepted", "detail": str(len(blob))}
        if mode == "refuse":
            raise DjdeskError("拒绝")
        return {"outcome": "accepted", "detail": "", "wrong": mode == "wrong"}


RUNNERS = {
    "roster": RosterRunner,
    "restore": RestoreRunner,
    "live": LiveRunner,
    "selftest": SelfTestRunner,
}


def main(argv: list[str]) -> None:
    kind, setup, case_file, start, work = argv
    limit = int(os.environ.get("DJDESK_FUZZ_MEMORY_MB", "2048")) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    cases = json.loads(Path(case_file).read_text(encoding="utf-8"))
    runner = RUNNERS[kind](Path(setup), Path(work))
    for case in cases[int(start) :]:
        began = time.monotonic()
        result = guarded(lambda case=case: runner.run(case))
        result.update(id=case["id"], seconds=round(time.monotonic() - began, 3))
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
