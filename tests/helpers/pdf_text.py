"""Reading PDFs back in tests: the text a reader would copy, page count, fonts and metadata."""

from __future__ import annotations

import io
import re
from typing import Any

from pypdf import PdfReader


def _reader(pdf_bytes: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf_bytes))


def pdf_text(pdf_bytes: bytes) -> str:
    """All pages' extracted text, pages separated by a form feed."""
    return "\f".join(page.extract_text() or "" for page in _reader(pdf_bytes).pages)


def flat_text(pdf_bytes: bytes) -> str:
    """The text with all whitespace removed, so wrapped names read as one string again."""
    return re.sub(r"\s+", "", pdf_text(pdf_bytes))


def page_texts(pdf_bytes: bytes) -> list[str]:
    return [page.extract_text() or "" for page in _reader(pdf_bytes).pages]


def page_count(pdf_bytes: bytes) -> int:
    return len(_reader(pdf_bytes).pages)


def metadata(pdf_bytes: bytes) -> dict[str, Any]:
    return dict(_reader(pdf_bytes).metadata or {})


def fonts(pdf_bytes: bytes) -> dict[str, bool]:
    """Every font the pages use: its BaseFont name -> whether a font file is embedded."""
    found: dict[str, bool] = {}
    for page in _reader(pdf_bytes).pages:
        for ref in page["/Resources"].get("/Font", {}).values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            found[str(font["/BaseFont"])] = embedded
    return found


def content_streams(pdf_bytes: bytes) -> list[bytes]:
    """Each page's decompressed drawing operators."""
    return [page.get_contents().get_data() for page in _reader(pdf_bytes).pages]
