"""This site's signing key: created at site set-up (or on first use by a site set up before
keys existed), kept in the data folder, never exported.

The private key is ``keys/site-ed25519.pem`` in the data folder (owner-only permissions); its
public half and fingerprint are also stored in the database (``exchange_key``, audited), so a
replaced or lost key file is noticed: a new key is made and the event audited, and the street
has to register the new key. Only the public key leaves the machine — in every package and in
the key file (:func:`write_key_file`) a community hands its street.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from djdesk.actor import WRITERS, Actor
from djdesk.db.audit import record_event
from djdesk.db.models.exchange import ExchangeKey
from djdesk.db.session import Database
from djdesk.errors import DjdeskError, SiteNotConfiguredError
from djdesk.formats.exchange.keys import (
    KeyFile,
    encode_key,
    fingerprint,
    generate_private_key,
    key_file_bytes,
    public_key_of,
)
from djdesk.paths import AppPaths
from djdesk.services.exchange.files import write_bytes
from djdesk.services.exchange.types import KeyInfo
from djdesk.services.origin import load_site

KEY_FOLDER = "keys"
KEY_FILE = "site-ed25519.pem"


def private_key_path(paths: AppPaths) -> Path:
    return paths.data_dir / KEY_FOLDER / KEY_FILE


def _read_private(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise DjdeskError(f"无法读取本机签名私钥“{path}”：{exc.strerror or exc}。") from exc


def _info(row: ExchangeKey, path: Path, created: bool) -> KeyInfo:
    return KeyInfo(row.fingerprint, row.public_key, row.created_at, str(path), created)


def ensure_site_key(paths: AppPaths, db: Database, *, actor: Actor) -> KeyInfo:
    """This site's key, created (and audited) when there is none yet or the file was lost."""
    path = private_key_path(paths)
    private = _read_private(path)
    created = private is None
    if private is None:
        private = generate_private_key()
    public = public_key_of(private)
    with db.unit_of_work(actor, roles=WRITERS, what="生成本机签名密钥") as session:
        row = session.get(ExchangeKey, 1)
        if row is not None and row.public_key == encode_key(public):
            return _info(row, path, False)
        if created:
            write_bytes(path, private, "保存本机签名私钥", private=True)
        if row is None:
            row = ExchangeKey(id=1, public_key=encode_key(public), fingerprint=fingerprint(public))
            session.add(row)
        else:
            row.public_key, row.fingerprint = encode_key(public), fingerprint(public)
            row.created_at = datetime.now(UTC)
        session.flush()
        record_event(
            session,
            "key",
            table="exchange_key",
            uid=row.fingerprint,
            summary=f"本机签名密钥{'已生成' if created else '已更换'}（指纹 {row.fingerprint}）",
        )
        return _info(row, path, True)


def site_private_key(paths: AppPaths, db: Database, *, actor: Actor) -> bytes:
    """The private key to sign with (made first when there is none)."""
    ensure_site_key(paths, db, actor=actor)
    private = _read_private(private_key_path(paths))
    if private is None:
        raise DjdeskError("本机签名私钥文件丢失，请重试。")
    return private


def stored_key(session: Session) -> ExchangeKey | None:
    return session.scalar(select(ExchangeKey).where(ExchangeKey.id == 1))


def write_key_file(paths: AppPaths, db: Database, out: Path, *, actor: Actor) -> KeyInfo:
    """Write this site's public-key file (code, name, level, key, fingerprint) to ``out``."""
    info = ensure_site_key(paths, db, actor=actor)
    with db.reading() as session:
        site = load_site(session)
        if site is None:
            raise SiteNotConfiguredError()
        key = KeyFile(
            level=site.level,
            code=site.code,
            name=site.name,
            public_key=public_key_of(site_private_key(paths, db, actor=actor)),
            created_at=info.created_at,
        )
    write_bytes(out, key_file_bytes(key), "导出公钥文件")
    return info
