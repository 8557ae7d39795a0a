"""What the look needs from outside the code: the bundled CJK font, Qt's zh_CN catalogue, and
the chevron image the style sheet draws in combo boxes and date edits.

Screens must not depend on what fonts a PC happens to have, so the bundled WenQuanYi Micro Hei
is registered and made the application font.
"""

from __future__ import annotations

import logging
import tempfile
from functools import cache
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QLibraryInfo, QLocale, QPointF, Qt, QTranslator
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QImage, QPainter, QPen
from PySide6.QtWidgets import QApplication

from djdesk.errors import DjdeskError
from djdesk.resources import resource_path

log = logging.getLogger(__name__)

UI_FONT_FILE = ("fonts", "wqy-microhei.ttc")
FALLBACK_FAMILY = "Microsoft YaHei"


class QtGapsTranslator(QTranslator):
    """Qt strings its bundled zh_CN catalogue lacks (Qt 6 added mnemonics to them, so the old
    translations no longer match and the file dialog read "Look in:" / "Files of type:")."""

    MISSING: ClassVar[dict[tuple[str, str], str]] = {
        ("QFileDialog", "&Look in:"): "查找范围(&L)：",
        ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    }

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        # None (a null string) lets Qt ask the next catalogue; "" would blank the text.
        return self.MISSING.get((context, source))

    def isEmpty(self) -> bool:
        return False


def install_translations(app: QApplication) -> list[QTranslator]:
    """Load Qt's own zh_CN catalogue so standard buttons and dialogs read 确定/取消, and fill
    the strings it lacks (:class:`QtGapsTranslator`)."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed: list[QTranslator] = []
    for name in ("qtbase_zh_CN",):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("Qt translation %s not found in %s", name, folder)
    gaps = QtGapsTranslator(app)
    app.installTranslator(gaps)  # installed last: asked first
    installed.append(gaps)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    return installed


def install_font(app: QGuiApplication, point_size: int) -> str:
    """Register the bundled CJK font and make it the application font; returns its family."""
    family = FALLBACK_FAMILY
    try:
        font_id = QFontDatabase.addApplicationFont(str(resource_path(*UI_FONT_FILE)))
    except DjdeskError as exc:
        log.warning("bundled UI font unavailable: %s", exc)
        font_id = -1
    if font_id >= 0 and (families := QFontDatabase.applicationFontFamilies(font_id)):
        family = families[0]
    else:
        log.warning("could not register the bundled UI font; using %s", family)
    font = QFont(family)
    font.setPointSize(max(8, min(point_size, 24)))
    font.setHintingPreference(QFont.HintingPreference.PreferFullHinting)
    app.setFont(font)
    return family


@cache
def arrow_image(colour: str) -> str:
    """A chevron for combo boxes and date edits, drawn once into a PNG (style sheets need a
    file path).

    Drawn at 3× so it stays crisp on high-DPI screens; written to the user's temp folder rather
    than shipped, so it needs no image plugin and no packaging entry.
    """
    image = QImage(36, 24, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor(colour), 4.5)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    painter.drawPolyline([QPointF(6, 6), QPointF(18, 18), QPointF(30, 6)])
    painter.end()
    for folder in (Path(tempfile.gettempdir()) / "djdesk-ui", Path(tempfile.mkdtemp())):
        target = folder / "chevron-down-v1.png"
        try:
            folder.mkdir(exist_ok=True)
            if target.is_file() or image.save(str(target)):
                return target.as_posix()
        except OSError:
            continue
    log.warning("could not write the combo box arrow image")
    return ""
