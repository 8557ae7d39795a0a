"""Draws the application icon and writes ``resources/icons/djdesk.png`` and ``djdesk.ico``.

The icon is a Party-red rounded square with a white “党” set in the bundled WenQuanYi Micro
Hei font. Every size is painted at its own resolution (not scaled down from 256 px) so the small
sizes stay crisp. The ICO container is written by hand: Qt's ``ico`` image plugin writes one
image per file only, and Pillow is not a dependency. Entries below 256 px are stored as 32-bit
DIBs (what every Windows tool reads); the 256 px entry is stored as PNG, as Windows Vista and
later expect.

Run from the repository root::

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icon.py
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path
from typing import cast

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QImage,
    QPainter,
    QPainterPath,
)

REPO = Path(__file__).resolve().parent.parent
FONT_FILE = REPO / "resources" / "fonts" / "wqy-microhei.ttc"
OUT_DIR = REPO / "resources" / "icons"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
PNG_SIZE = 256
PARTY_RED = QColor("#C8161D")
GLYPH = "党"


def load_font_family() -> str:
    font_id = QFontDatabase.addApplicationFont(str(FONT_FILE))
    if font_id < 0:
        raise SystemExit(f"cannot load font {FONT_FILE}")
    return QFontDatabase.applicationFontFamilies(font_id)[0]


def draw_icon(size: int, family: str) -> QImage:
    """Paint the icon at ``size`` x ``size`` pixels on a transparent background."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    # Small sizes get a thinner margin so the glyph keeps as many pixels as possible.
    margin = 0.0 if size <= 24 else size * 0.04
    box = QRectF(margin, margin, size - 2 * margin, size - 2 * margin)
    radius = box.width() * 0.18
    path = QPainterPath()
    path.addRoundedRect(box, radius, radius)
    painter.fillPath(path, PARTY_RED)

    font = QFont(family)
    font.setPixelSize(round(box.height() * (0.82 if size <= 24 else 0.70)))
    font.setBold(True)
    font.setHintingPreference(QFont.HintingPreference.PreferFullHinting)
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, GLYPH)
    painter.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # PySide6 takes the format as str at run time; its stubs say bytes.
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise SystemExit("PNG encoding failed")
    buffer.close()
    return bytes(data.data())


def dib_bytes(image: QImage) -> bytes:
    """A 32-bit BGRA device-independent bitmap as ICO entries store it (with AND mask)."""
    size = image.width()
    argb = image.convertToFormat(QImage.Format.Format_ARGB32)
    # BITMAPINFOHEADER: the height counts the XOR image and the AND mask together.
    header = struct.pack("<IiiHHIIiiII", 40, size, size * 2, 1, 32, 0, 0, 0, 0, 0, 0)
    rows = []
    for y in range(size - 1, -1, -1):  # DIB rows run bottom-up
        # Format_ARGB32 is 0xAARRGGBB per pixel; little-endian bytes are B, G, R, A.
        line = cast(memoryview, argb.constScanLine(y))
        rows.append(line.tobytes()[: size * 4])
    # The AND mask is ignored for 32-bit images but must be present; rows pad to 4 bytes.
    mask_row = ((size + 31) // 32) * 4
    mask = bytes(mask_row * size)
    return header + b"".join(rows) + mask


def ico_bytes(images: list[QImage]) -> bytes:
    entries: list[tuple[int, bytes]] = []
    for image in images:
        size = image.width()
        payload = png_bytes(image) if size >= 256 else dib_bytes(image)
        entries.append((size, payload))
    out = bytearray(struct.pack("<HHH", 0, 1, len(entries)))
    offset = 6 + 16 * len(entries)
    for size, payload in entries:
        dim = 0 if size >= 256 else size  # 0 means 256 in the directory entry
        out += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(payload), offset)
        offset += len(payload)
    for _, payload in entries:
        out += payload
    return bytes(out)


def main() -> int:
    if sys.byteorder != "little":
        raise SystemExit("DIB writer assumes a little-endian host")
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    family = load_font_family()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    images = [draw_icon(size, family) for size in ICO_SIZES]
    (OUT_DIR / "djdesk.png").write_bytes(png_bytes(draw_icon(PNG_SIZE, family)))
    (OUT_DIR / "djdesk.ico").write_bytes(ico_bytes(images))
    print(f"wrote {OUT_DIR / 'djdesk.png'} and {OUT_DIR / 'djdesk.ico'} ({len(images)} sizes)")
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
