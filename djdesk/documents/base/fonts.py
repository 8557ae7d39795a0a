"""The two embedded TrueType faces every printed document uses, and glyph fallback between them.

``DJSong`` (AR PL SungtiL GB) is the formal Song face for titles and body text; ``DJHei``
(WenQuanYi Micro Hei) is the sans face for tables, headings and small print. The Song file only
covers GB 2312 (about 7,500 characters), so text that may hold any character —
names, addresses, dates — goes through :func:`fallback_markup`, which switches single characters
the Song face lacks to the Hei face (about 34,000 characters).
"""

from __future__ import annotations

import threading
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from djdesk.errors import DjdeskError
from djdesk.resources import resource_path

SONG = "DJSong"
HEI = "DJHei"

# (registered name, file in resources/fonts, index inside a .ttc collection, name a clerk knows)
FONT_FILES: tuple[tuple[str, str, int, str], ...] = (
    (SONG, "gbsn00lp.ttf", 0, "宋体（文鼎 PL 简报宋）"),
    (HEI, "wqy-microhei.ttc", 0, "黑体（文泉驿微米黑）"),
)

# Characters a face lacks that it may draw with another of its own glyphs. The Song file has no
# 〇 (U+3007, the zero of 二〇二六年) but has ○ (U+25CB) of the same size and weight; the Hei 〇
# would look too heavy among the thin Song digits. Text extraction still yields 〇.
GLYPH_ALIASES: dict[str, tuple[tuple[int, int], ...]] = {SONG: ((0x3007, 0x25CB),)}

_lock = threading.Lock()


def load_ttf(name: str, path: Path, subfont_index: int = 0, *, label: str = "") -> TTFont:
    """Read one TrueType file (or one face of a collection) into a reportlab font object.

    A missing or unreadable file becomes a :class:`DjdeskError` a clerk can act on.
    """
    shown = f"{label}字体文件 {path.name}" if label else f"字体文件 {path.name}"
    if not path.is_file():
        raise DjdeskError(f"缺少{shown}，无法生成 PDF 文书，安装可能不完整，请重新安装 djdesk。")
    try:
        return TTFont(name, str(path), subfontIndex=subfont_index)
    except (TTFError, OSError, ValueError) as exc:
        raise DjdeskError(
            f"{shown}已损坏或格式不受支持，无法生成 PDF 文书，请重新安装 djdesk。（{exc}）"
        ) from exc


def register_fonts() -> None:
    """Register ``DJSong`` and ``DJHei`` with reportlab; safe to call any number of times.

    ``<b>`` inside a Song paragraph maps to the Hei face: there is no bold Song file, and Chinese
    forms customarily set emphasis in 黑体 anyway. Hei has no bold either and maps to itself.
    """
    with _lock:
        registered = set(pdfmetrics.getRegisteredFontNames())
        for name, filename, index, label in FONT_FILES:
            if name in registered:
                continue
            try:
                path = resource_path("fonts", filename)
            except DjdeskError:
                raise DjdeskError(
                    f"缺少{label}字体文件 fonts/{filename}，无法生成 PDF 文书，"
                    "安装可能不完整，请重新安装 djdesk。"
                ) from None
            font = load_ttf(name, path, index, label=label)
            face = font.face
            for wanted, donor in GLYPH_ALIASES.get(name, ()):
                if wanted not in face.charToGlyph and donor in face.charToGlyph:
                    face.charToGlyph[wanted] = face.charToGlyph[donor]
                    face.charWidths[wanted] = face.charWidths[donor]
            pdfmetrics.registerFont(font)
        pdfmetrics.registerFontFamily(SONG, normal=SONG, bold=HEI, italic=SONG, boldItalic=HEI)
        pdfmetrics.registerFontFamily(HEI, normal=HEI, bold=HEI, italic=HEI, boldItalic=HEI)


def has_glyph(font_name: str, char: str) -> bool:
    """Whether a font (ours, or a standard one) can draw ``char``; whitespace counts as yes."""
    register_fonts()
    return _has_glyph(font_name, char)


def _has_glyph(font_name: str, char: str) -> bool:
    if char.isspace():
        return True
    font = pdfmetrics.getFont(font_name)
    face = getattr(font, "face", None)
    if face is None:  # a standard Type 1 font: Latin only
        return ord(char) < 256
    return ord(char) in face.charToGlyph


def fallback_markup(text: str, font_name: str = SONG, fallback: str = HEI) -> str:
    """Paragraph markup for plain ``text``: XML-escaped, unknown glyphs set in ``fallback``.

    Runs of characters the primary face lacks are wrapped in ``<font name=...>`` so a rare
    character in a name or the 〇 of a Chinese date prints instead of an empty box.
    """
    register_fonts()
    parts: list[str] = []
    run: list[str] = []
    run_is_fallback = False

    def flush() -> None:
        chunk = escape("".join(run))
        parts.append(f'<font name="{fallback}">{chunk}</font>' if run_is_fallback else chunk)
        run.clear()

    for char in text:
        missing = not _has_glyph(font_name, char) and _has_glyph(fallback, char)
        if run and missing != run_is_fallback:
            flush()
        run_is_fallback = missing
        run.append(char)
    if run:
        flush()
    return "".join(parts)
