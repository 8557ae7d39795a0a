"""Sites, packages and database states for the exchange tests.

:func:`new_site` makes a data folder with a saved site (and demo data when asked);
:func:`canonical_dump` reads every travelling record of a database the way a package writes it
(uid references, package value formats), independently of the exchange code, so two databases
can be compared record for record; :func:`state` hashes a whole database (every table, the
audit log and the exchange's own tables included) to prove a refusal changed nothing;
:func:`rewrite_package` makes tampered packages (re-signed with a site's key, or not).
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import sqlite3
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Table

from djdesk.actor import Actor
from djdesk.db.base import Base, SyncMixin
from djdesk.db.session import Database
from djdesk.db.startup import open_database
from djdesk.formats.exchange.keys import sign
from djdesk.paths import AppPaths
from djdesk.services.demo import DemoOptions, fill_demo
from djdesk.services.site.demo_sites import DEMO_DISTRICT, DEMO_NEIGHBOUR, DEMO_STREET
from djdesk.services.site.identity import SiteInput, save_site
from tests.conftest import SAMPLE_SITE

ACTOR = Actor.system()
COMMUNITY = SAMPLE_SITE
SECOND_COMMUNITY = DEMO_NEIGHBOUR
STREET = DEMO_STREET
DISTRICT = DEMO_DISTRICT
#: Columns of travelling tables that stay local (see services/exchange/tables.py).
LOCAL_COLUMNS = {"member": {"latest_checkin_id"}, "room": {"lock_version"}}


@dataclass
class Site:
    paths: AppPaths
    db: Database

    @property
    def file(self) -> Path:
        return self.paths.database_file

    def close(self) -> None:
        self.db.dispose()


def open_site(folder: Path) -> Site:
    paths = AppPaths.resolve(folder)
    return Site(paths, open_database(paths))


def new_site(
    folder: Path, data: SiteInput, *, members: int = 0, seed: int = 1, **counts: int
) -> Site:
    """A data folder with ``data`` saved as its site, and demo data when ``members`` is given
    (``counts`` sizes the other demo parts: ``bookings=…``, ``cases=…``)."""
    site = open_site(folder)
    save_site(site.db, data, actor=ACTOR)
    if members:
        options = DemoOptions(seed=seed, counts={"members": members, **counts})
        fill_demo(site.db, options, actor=ACTOR)
    return site


def state(db_file: Path) -> str:
    """A hash of every row of every table (what "the database is unchanged" means)."""
    conn = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)
    try:
        digest = hashlib.sha256()
        for line in conn.iterdump():
            digest.update(line.encode("utf-8"))
        return digest.hexdigest()
    finally:
        conn.close()


def _tables() -> list[Table]:
    found = []
    for mapper in Base.registry.mappers:
        table = getattr(mapper.class_, "__table__", None)
        if (
            isinstance(table, Table)
            and issubclass(mapper.class_, SyncMixin)
            and table.name != "site"
        ):
            found.append(table)
    return found


def _value(column: Any, raw: Any) -> Any:
    if raw is None:
        return None
    if isinstance(column.type, Boolean):
        return bool(raw)
    if isinstance(column.type, DateTime) or isinstance(
        getattr(column.type, "impl", None), DateTime
    ):
        text = str(raw).replace(" ", "T")
        if "." not in text:
            text += ".000000"
        return text + "Z"
    if isinstance(column.type, Date):
        return str(raw)
    return raw


def canonical_dump(db_file: Path, origins: set[str] | None = None) -> dict[str, dict[str, Any]]:
    """Every travelling record, ``table → uid → line`` in package form (uid references)."""
    conn = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)
    try:
        dump: dict[str, dict[str, Any]] = {}
        for table in _tables():
            local = LOCAL_COLUMNS.get(table.name, set())
            picked, joins, names = [], [], []
            for i, column in enumerate(table.columns):
                if column.primary_key or column.name in local:
                    continue
                fks = list(column.foreign_keys)
                if fks:
                    target = fks[0].column.table.name
                    joins.append(f"LEFT JOIN {target} r{i} ON r{i}.id = t.{column.name}")
                    picked.append((f"r{i}.uid", None))
                    stem = column.name[:-3] if column.name.endswith("_id") else column.name
                    names.append(f"{stem}_uid")
                else:
                    picked.append((f"t.{column.name}", column))
                    names.append(column.name)
            sql = f"SELECT {', '.join(p for p, _ in picked)} FROM {table.name} t {' '.join(joins)}"
            rows: dict[str, Any] = {}
            for raw in conn.execute(sql):
                record = {
                    name: raw[i] if col is None else _value(col, raw[i])
                    for i, (name, (_, col)) in enumerate(zip(names, picked, strict=True))
                }
                if origins is None or record["origin"] in origins:
                    rows[record["uid"]] = record
            dump[table.name] = rows
        return dump
    finally:
        conn.close()


def read_package(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def package_records(path: Path) -> dict[str, dict[str, Any]]:
    """``table → uid → line`` of a (plain) package's table files."""
    members = read_package(path)
    found: dict[str, dict[str, Any]] = {}
    for name, data in members.items():
        if name.startswith("tables/"):
            table = name[len("tables/") : -len(".jsonl")]
            found[table] = {}
            for line in data.decode("utf-8").splitlines():
                record = json.loads(line)
                found[table][record["uid"]] = record
    return found


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    return path


def rewrite_package(
    source: Path,
    target: Path,
    *,
    private_key: bytes | None,
    members: Callable[[dict[str, bytes]], None] | None = None,
    manifest: Callable[[dict[str, Any]], None] | None = None,
    recompute: bool = True,
) -> Path:
    """A copy of ``source`` with its members and manifest edited.

    ``recompute`` brings the manifest's sizes, checksums and record counts in line with the
    edited members; ``private_key`` re-signs the manifest (``None`` keeps the old signature).
    """
    files = read_package(source)
    if members is not None:
        members(files)
    data = json.loads(files["manifest.json"])
    if recompute:
        for entry in data["files"]:
            if entry["name"] in files:
                content = files[entry["name"]]
                entry["size"] = len(content)
                entry["sha256"] = hashlib.sha256(content).hexdigest()
        for table in data["tables"]:
            if table["file"] in files:
                table["records"] = len(files[table["file"]].splitlines())
    if manifest is not None:
        manifest(data)
    text = (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n").encode("utf-8")
    files["manifest.json"] = text
    if private_key is not None and "manifest.sig" in files:
        files["manifest.sig"] = base64.b64encode(sign(private_key, text))
    return write_zip(target, files)


def site_key(site: Site) -> bytes:
    """A site's private signing key (the tests may forge with it)."""
    return (site.paths.data_dir / "keys" / "site-ed25519.pem").read_bytes()


def edit_lines(files: dict[str, bytes], table: str, edit: Callable[[list[str]], list[str]]) -> None:
    name = f"tables/{table}.jsonl"
    lines = files[name].decode("utf-8").splitlines()
    files[name] = ("\n".join(edit(lines)) + "\n").encode("utf-8")
