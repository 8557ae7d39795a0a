"""Check codes that make a certificate verifiable: the line in its QR code and under it.

The line reads ``DJZ1-511502003012-2026-015-20261123-7KQ3XM2A``: a marker with the format
version, the issuing site's code, the serial's year and number, the issue date and eight
characters of an HMAC-SHA256 over those fields with the site's secret key. It holds only ASCII
capitals, digits and hyphens because a handheld scanner types like a keyboard and cannot type
Chinese (and QR's alphanumeric mode stores exactly these characters compactly); the Chinese
serial is rebuilt from the register. Changing any digit changes the HMAC, so a forged or
mistyped line fails.

The key is 32 random bytes generated the first time the site issues a certificate and kept in
the local ``case_secret`` table, which has no sync columns: it never goes into an exported
package, so the street can read a line but only the issuing community can vouch for it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from djdesk.db.models.cases import CaseSecret

MARKER = "DJZ1"
CODE_LENGTH = 8
# Crockford's base-32 alphabet: no I, L, O or U, so a misread character is rarely another one.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_B32_TO_CROCKFORD = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", _ALPHABET)
_TYPED_FIXES = str.maketrans({"O": "0", "I": "1", "L": "1", "U": "V"})
_LINE = re.compile(
    rf"{MARKER}-(\d{{6,12}})-(\d{{4}})-(\d{{1,6}})-(\d{{8}})-([0-9A-Z]{{{CODE_LENGTH}}})"
)


@dataclass(frozen=True)
class CheckLine:
    """The fields of a certificate's check line."""

    site_code: str
    year: int
    number: int
    issued_on: date
    code: str

    @property
    def text(self) -> str:
        return (
            f"{MARKER}-{self.site_code}-{self.year}-{self.number:03d}-"
            f"{self.issued_on:%Y%m%d}-{self.code}"
        )


def _message(site_code: str, year: int, number: int, issued_on: date) -> bytes:
    return f"{MARKER}|{site_code}|{year}|{number}|{issued_on:%Y%m%d}".encode("ascii")


def compute_code(secret: bytes, site_code: str, year: int, number: int, issued_on: date) -> str:
    """The eight-character check code of these fields under ``secret`` (40 bits of HMAC)."""
    digest = hmac.new(secret, _message(site_code, year, number, issued_on), hashlib.sha256)
    return base64.b32encode(digest.digest()[:5]).decode("ascii").translate(_B32_TO_CROCKFORD)


def make_line(secret: bytes, site_code: str, year: int, number: int, issued_on: date) -> CheckLine:
    code = compute_code(secret, site_code, year, number, issued_on)
    return CheckLine(site_code, year, number, issued_on, code)


def _clean(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).upper()


def has_line_shape(text: str) -> bool:
    """Whether ``text`` holds something shaped like a check line (its date may be impossible)."""
    return _LINE.search(_clean(text)) is not None


def parse_line(text: str) -> CheckLine | None:
    """The check line found in ``text`` (as a scanner or a clerk typed it), else ``None``.

    Full-width characters (a Chinese input method left on), lower case and spaces are
    forgiven, and so are the letters Crockford's alphabet leaves out (O for 0, I or L for 1).
    """
    m = _LINE.search(_clean(text))
    if m is None:
        return None
    site, year, number, day, code = m.groups()
    try:
        issued = date(int(day[:4]), int(day[4:6]), int(day[6:]))
    except ValueError:
        return None
    return CheckLine(site, int(year), int(number), issued, code.translate(_TYPED_FIXES))


def code_matches(secret: bytes, line: CheckLine) -> bool:
    expected = compute_code(secret, line.site_code, line.year, line.number, line.issued_on)
    return hmac.compare_digest(expected, line.code)


def site_secret(session: Session, origin: str, *, create: bool = False) -> bytes | None:
    """The site's key; generated (in the caller's unit of work) when ``create`` and missing."""
    row = session.get(CaseSecret, origin)
    if row is None:
        if not create:
            return None
        row = CaseSecret(origin=origin, secret=secrets.token_hex(32))
        session.add(row)
        session.flush()
    return bytes.fromhex(row.secret)
