"""The embedded faces: registration, bold mapping, glyph fallback and missing-file errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.fonts import tt2ps
from reportlab.pdfbase import pdfmetrics

from djdesk.documents.base import fonts
from djdesk.documents.base.fonts import (
    HEI,
    SONG,
    fallback_markup,
    has_glyph,
    load_ttf,
    register_fonts,
)
from djdesk.errors import DjdeskError
from djdesk.resources import resource_path


def test_register_fonts_is_idempotent() -> None:
    register_fonts()
    song = pdfmetrics.getFont(SONG)
    register_fonts()
    assert pdfmetrics.getFont(SONG) is song
    assert {SONG, HEI} <= set(pdfmetrics.getRegisteredFontNames())


def test_faces_are_the_shipped_files() -> None:
    register_fonts()
    assert pdfmetrics.getFont(SONG).face.name == b"BousungEG-Light-GB"
    assert pdfmetrics.getFont(HEI).face.name == b"WenQuanYiMicroHei"


def test_bold_maps_to_a_registered_face() -> None:
    register_fonts()
    assert tt2ps(SONG, 1, 0) == HEI  # <b> in Song text is set in Hei
    assert tt2ps(SONG, 0, 0) == SONG
    assert tt2ps(HEI, 1, 1) == HEI


def test_song_borrows_its_own_circle_for_ling() -> None:
    register_fonts()
    face = pdfmetrics.getFont(SONG).face
    assert has_glyph(SONG, "〇")
    assert face.charToGlyph[0x3007] == face.charToGlyph[0x25CB]
    assert face.charWidths[0x3007] == face.charWidths[0x25CB]


def test_has_glyph() -> None:
    assert has_glyph(SONG, "党")
    assert not has_glyph(SONG, "堃")  # outside GB 2312
    assert has_glyph(HEI, "堃")
    assert has_glyph(SONG, " ")


def test_fallback_markup_escapes_and_switches_faces() -> None:
    markup = fallback_markup("张堃喆 & <李四>")
    assert markup == f'张<font name="{HEI}">堃喆</font> &amp; &lt;李四&gt;'


def test_fallback_markup_leaves_text_alone_when_nothing_is_missing() -> None:
    assert fallback_markup("东风社区", HEI) == "东风社区"
    assert fallback_markup("") == ""


def test_load_ttf_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DjdeskError, match=r"缺少宋体字体文件 nope\.ttf"):
        load_ttf("DJTestMissing", tmp_path / "nope.ttf", label="宋体")


def test_load_ttf_broken_file_is_a_clear_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"this is not a font")
    with pytest.raises(DjdeskError, match="已损坏或格式不受支持"):
        load_ttf("DJTestBroken", broken)


def test_load_ttf_reads_a_collection_face() -> None:
    font = load_ttf("DJTestHei", resource_path("fonts", "wqy-microhei.ttc"), 0)
    assert font.face.name == b"WenQuanYiMicroHei"


def test_register_fonts_reports_a_missing_shipped_file(monkeypatch: pytest.MonkeyPatch) -> None:
    missing = ("DJTestNotShipped", "not-shipped.ttf", 0, "测试")
    monkeypatch.setattr(fonts, "FONT_FILES", (*fonts.FONT_FILES, missing))
    with pytest.raises(DjdeskError, match=r"缺少测试字体文件 fonts/not-shipped\.ttf") as info:
        register_fonts()
    assert "重新安装" in info.value.message
    assert "DJTestNotShipped" not in pdfmetrics.getRegisteredFontNames()
