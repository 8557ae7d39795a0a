"""Look and language of the application: bundled CJK font, Qt's zh_CN strings, style sheet.

Screens must not depend on what fonts a PC happens to have, so the bundled WenQuanYi Micro Hei
is registered and made the application font. The style is Fusion in its light scheme with a
small style sheet: calm greys, one Party-red accent, generous spacing for all-day use.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QPointF, Qt, QTranslator
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QImage, QPainter, QPen
from PySide6.QtWidgets import QApplication

from djdesk.errors import DjdeskError
from djdesk.resources import resource_path

log = logging.getLogger(__name__)

UI_FONT_FILE = ("fonts", "wqy-microhei.ttc")
FALLBACK_FAMILY = "Microsoft YaHei"

ACCENT = "#b8262c"
ACCENT_SOFT = "#fbeeee"
ERROR_COLOR = "#c62828"

STYLE_SHEET = f"""
QMainWindow, QDialog {{ background: #f4f5f7; }}
QWidget#pageRoot, QScrollArea#pageScroll, QWidget#pageScrollBody {{ background: #f4f5f7; }}
QScrollArea#pageScroll {{ border: none; }}

QFrame#navPanel {{ background: #ffffff; border-right: 1px solid #e1e4e8; }}
QLabel#navBrand {{ color: {ACCENT}; font-weight: bold; padding: 18px 18px 2px 18px; }}
QLabel#navSite {{ color: #6b7280; padding: 0 18px 14px 18px; }}
QListWidget#navList {{ border: none; background: transparent; outline: 0; }}
QListWidget#navList::item {{
    padding-left: 14px; margin: 1px 10px; border-radius: 6px; color: #374151;
}}
QListWidget#navList::item:hover {{ background: #f3f4f6; }}
QListWidget#navList::item:selected {{
    background: {ACCENT_SOFT}; color: {ACCENT}; font-weight: bold;
}}

QLabel#pageTitle {{ color: #111827; font-weight: bold; }}
QLabel#pageSubtitle {{ color: #6b7280; }}

QGroupBox {{
    background: #ffffff; border: 1px solid #e1e4e8; border-radius: 8px;
    margin-top: 0; padding: 44px 20px 16px 20px; font-weight: bold;
}}
QGroupBox::title {{
    subcontrol-origin: border; subcontrol-position: top left; left: 20px; top: 14px;
    padding: 0; color: #1f2937; background: transparent;
}}
QGroupBox QLabel, QGroupBox QLineEdit, QGroupBox QComboBox, QGroupBox QPushButton,
QGroupBox QTableView {{ font-weight: normal; }}

QLabel[role="caption"] {{ color: #6b7280; }}
QLabel[role="value"] {{ color: #111827; }}
QLabel[role="siteName"] {{ color: #111827; font-weight: bold; }}
QLabel[role="fieldError"] {{ color: {ERROR_COLOR}; }}
QLabel[role="hint"] {{ color: #6b7280; }}
QLabel[role="success"] {{ color: #2e7d32; }}

QLineEdit, QComboBox {{
    background: #ffffff; border: 1px solid #cfd4da; border-radius: 4px; padding: 5px 8px;
    min-height: 20px;
}}
QLineEdit:focus, QComboBox:focus {{ border: 1px solid {ACCENT}; }}
QComboBox::drop-down {{
    subcontrol-origin: padding; subcontrol-position: center right; width: 24px; border: none;
}}
QComboBox::down-arrow {{ image: url("{{arrow}}"); width: 12px; height: 8px; }}
QComboBox QAbstractItemView {{
    background: #ffffff; border: 1px solid #cfd4da; selection-background-color: {ACCENT_SOFT};
    selection-color: #111827; outline: 0;
}}
QLineEdit[invalid="true"], QComboBox[invalid="true"] {{ border: 1px solid {ERROR_COLOR}; }}
QLineEdit:read-only {{ background: #f7f8fa; color: #374151; }}

QPushButton {{
    background: #ffffff; border: 1px solid #cfd4da; border-radius: 4px;
    padding: 6px 16px; min-height: 20px; color: #1f2937;
}}
QPushButton:hover {{ background: #f3f4f6; }}
QPushButton:pressed {{ background: #e5e7eb; }}
QPushButton:disabled {{ color: #9ca3af; }}
QPushButton[primary="true"] {{ background: {ACCENT}; border-color: {ACCENT}; color: #ffffff; }}
QPushButton[primary="true"]:hover {{ background: #a11f25; }}
QPushButton[primary="true"]:disabled {{ background: #e8b4b6; border-color: #e8b4b6; }}

QTableView {{
    background: #ffffff; border: 1px solid #e1e4e8; border-radius: 4px;
    gridline-color: #eef0f2; selection-background-color: {ACCENT_SOFT};
    selection-color: #111827;
}}
QHeaderView::section {{
    background: #f7f8fa; border: none; border-bottom: 1px solid #e1e4e8;
    padding: 6px 8px; color: #4b5563;
}}
QStatusBar {{ background: #ffffff; border-top: 1px solid #e1e4e8; color: #4b5563; }}
QStatusBar QLabel {{ padding: 0 8px; }}
QMenuBar {{ background: #ffffff; border-bottom: 1px solid #e1e4e8; }}
QScrollBar:vertical {{ background: transparent; width: 12px; margin: 0; }}
QScrollBar::handle:vertical {{
    background: #c9ced6; border-radius: 4px; min-height: 32px; margin: 2px 3px;
}}
QScrollBar::handle:vertical:hover {{ background: #aab1bb; }}
QScrollBar:horizontal {{ background: transparent; height: 12px; margin: 0; }}
QScrollBar::handle:horizontal {{
    background: #c9ced6; border-radius: 4px; min-width: 32px; margin: 3px 2px;
}}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
QPlainTextEdit {{ background: #ffffff; border: 1px solid #cfd4da; border-radius: 4px; }}
"""


def install_translations(app: QApplication) -> list[QTranslator]:
    """Load Qt's own zh_CN catalogue so standard buttons and dialogs read 确定/取消."""
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed: list[QTranslator] = []
    for name in ("qtbase_zh_CN",):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("Qt translation %s not found in %s", name, folder)
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


def _arrow_image() -> str:
    """A chevron for combo boxes, drawn once into a PNG (style sheets need a file path).

    Drawn at 3× so it stays crisp on high-DPI screens; written to the user's temp folder rather
    than shipped, so it needs no image plugin and no packaging entry.
    """
    image = QImage(36, 24, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor("#4b5563"), 4.5)
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


def style_sheet() -> str:
    return STYLE_SHEET.replace("{arrow}", _arrow_image())


def apply_style(app: QApplication) -> None:
    """Fusion in the light scheme plus the house style sheet."""
    app.setStyle("Fusion")
    app.styleHints().setColorScheme(Qt.ColorScheme.Light)
    app.setStyleSheet(style_sheet())


def title_font(base: QFont, delta: int = 5) -> QFont:
    """A larger bold version of ``base`` for page titles."""
    font = QFont(base)
    font.setPointSize(base.pointSize() + delta)
    font.setBold(True)
    return font
