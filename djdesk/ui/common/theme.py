"""Look of the application: colour tokens and the house style sheet built from them.

Every colour the screens use is a named token here; widgets never carry a hex code of their
own. The style sheet and painted items (status badges, the search results) read the same
tokens, so a colour changes in one place. The style is Fusion in its light scheme with the
house style sheet: calm greys, one Party-red accent, generous spacing for all-day use.

Widgets choose a look by a dynamic property rather than a style sheet of their own:
``role`` on labels (``caption``, ``value``, ``hint``, ``fieldError``, ``success``,
``sectionTitle``, ``summary``, ``banner``, ``placeholder``) and on frames (``card``,
``notice``, ``tile``), ``primary`` / ``danger`` / ``chip`` / ``role="link"`` on buttons, and
``invalid`` on an editor whose field has an error. Every editor (line edit, combo box, spin
box, plain text) shares one look; the focus ring is blue and two pixels wide, an error is a
red border on a tinted background, and a field in error that has the focus shows the blue ring
on the tinted background, so focus and error never read alike. A destructive button
(``danger``) is outlined in red and is never the default one.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from djdesk.ui.common.assets import arrow_image, install_font, install_translations

#: ``djdesk.app`` sets the application up through this module.
__all__ = ["apply_style", "install_font", "install_translations", "status_badge", "title_font"]

# -- colour tokens -----------------------------------------------------------------------------

#: The Party-red accent: primary buttons, the brand, the selected navigation item.
ACCENT = "#b8262c"
ACCENT_HOVER = "#a11f25"
ACCENT_DISABLED = "#e8b4b6"
#: Selection and highlighted backgrounds.
ACCENT_SOFT = "#fbeeee"

#: The keyboard focus ring: blue, so it never reads as an error (red) or the accent.
FOCUS = "#2563eb"

#: Text, strongest to faintest.
TEXT_STRONG = "#111827"
TEXT_HEADING = "#1f2937"
TEXT_BODY = "#374151"
TEXT_SECONDARY = "#4b5563"
TEXT_MUTED = "#6b7280"
TEXT_DISABLED = "#9ca3af"
TEXT_ON_ACCENT = "#ffffff"

#: Backgrounds.
WINDOW_BG = "#f4f5f7"
SURFACE = "#ffffff"
SURFACE_ALT = "#fafbfc"
SURFACE_SUNKEN = "#f7f8fa"
HOVER_BG = "#f3f4f6"
PRESSED_BG = "#e5e7eb"
#: Behind the pages of a PDF preview.
PREVIEW_BACKDROP = "#d9dce1"

#: Lines.
BORDER = "#e1e4e8"
INPUT_BORDER = "#cfd4da"
INPUT_BORDER_HOVER = TEXT_DISABLED
GRIDLINE = "#eef0f2"
SCROLL_HANDLE = "#c9ced6"
SCROLL_HANDLE_HOVER = "#aab1bb"

#: Feedback: errors, success, notices and information.
ERROR = "#c62828"
ERROR_BG = "#fdf0f0"
SUCCESS = "#2e7d32"
SUCCESS_STRONG = "#1b5e20"
SUCCESS_BG = "#e8f5e9"
NOTICE_BG = "#fff8e6"
NOTICE_BORDER = "#f3dfa8"
WARNING = "#8a5a00"
INFO = "#1565c0"


@dataclass(frozen=True)
class Badge:
    """The colours of a status badge: text on a soft background."""

    fg: str
    bg: str


#: Badge tones; a status word maps to one of them in :data:`STATUS_TONES`.
BADGE_OK = Badge(SUCCESS_STRONG, "#e3f1e4")
BADGE_OFF = Badge(TEXT_SECONDARY, "#eceef1")
BADGE_PENDING = Badge(WARNING, "#fdf1d8")
BADGE_ALERT = Badge(ERROR, "#fbe4e4")
BADGE_NEUTRAL = Badge(TEXT_BODY, "#eceef1")

#: Status words shown as badges (在册 / 迁出 / 未报到 / 撤销 …) and their tone.
STATUS_TONES: dict[str, Badge] = {
    "在册": BADGE_OK,
    "启用": BADGE_OK,
    "迁出": BADGE_OFF,
    "撤销": BADGE_OFF,
    "停用": BADGE_OFF,
    "未报到": BADGE_PENDING,
    "锁定": BADGE_ALERT,
    # rooms and bookings (场地预约)
    "开放": BADGE_OK,
    "维修": BADGE_PENDING,
    "待审批": BADGE_PENDING,
    "已批准": BADGE_OK,
    "已使用": BADGE_NEUTRAL,
    "已驳回": BADGE_OFF,
    "已取消": BADGE_OFF,
    "爽约": BADGE_ALERT,
    # 服务事项: results, certificates, items at the counter, catalogue changes
    "办结": BADGE_OK,
    "转办": BADGE_PENDING,
    "不予办理": BADGE_OFF,
    "有效": BADGE_OK,
    "作废": BADGE_OFF,
    "已作废": BADGE_ALERT,
    "不是本社区出具": BADGE_PENDING,
    "校验码不符": BADGE_ALERT,
    "查无登记": BADGE_ALERT,
    "现行": BADGE_OK,
    "已停用": BADGE_OFF,
    "不予出具": BADGE_ALERT,
    "新增": BADGE_OK,
    "恢复": BADGE_OK,
    "修改": BADGE_PENDING,
    # agreements
    "草稿": BADGE_PENDING,
    "已签订": BADGE_OK,
    "已到期": BADGE_ALERT,
    "已终止": BADGE_OFF,
}


@dataclass(frozen=True)
class BlockTone:
    """A booking block in the room views: fill, border and text; ``dashed`` for tentative."""

    fill: str
    border: str
    text: str
    dashed: bool = False


#: Booking blocks by status: a request waiting for approval is tentative (pale, dashed), an
#: approved booking holds the room (solid blue), a used one is done (grey-green).
BOOKING_TONES: dict[str, BlockTone] = {
    "待审批": BlockTone("#fff6e0", "#d69e2e", WARNING, dashed=True),
    "已批准": BlockTone("#dbeafe", "#3b6fd4", "#1e3a8a"),
    "已使用": BlockTone("#e3efe4", "#6a9c6e", SUCCESS_STRONG),
}
#: An official Party meeting: a red bar at the block's left edge.
BOOKING_OFFICIAL = ACCENT
#: Hours a room is not open (and closed days), behind the grid.
ROOM_CLOSED_BG = "#eceef1"
ROOM_CLOSED_HATCH = "#d5d9df"
#: Cells the clerk is selecting: free (a booking can start) and clashing with a booking.
GRID_SELECTION = "#c7dcfb"
GRID_SELECTION_CLASH = "#f7c9c9"
#: Hour lines of the time grid (half hours use :data:`GRIDLINE`).
GRID_HOUR_LINE = "#d7dbe0"


def booking_tone(status: str) -> BlockTone:
    """The block colours of a booking status (approved for any other live status)."""
    return BOOKING_TONES.get(status, BOOKING_TONES["已批准"])


def status_badge(status: str) -> Badge:
    """The badge colours of a status word (neutral grey for a word without a tone)."""
    return STATUS_TONES.get(status, BADGE_NEUTRAL)


def badge_style(status: str) -> str:
    """A style sheet that draws a label as the status badge (the member card's header)."""
    badge = status_badge(status)
    return f"color: {badge.fg}; background: {badge.bg}; border-radius: 11px; padding: 2px 12px;"


# -- the style sheet ---------------------------------------------------------------------------

_EDITORS = ("QLineEdit", "QComboBox", "QAbstractSpinBox", "QPlainTextEdit")
# Menus are drawn by the style sheet (QMenu::item below): Fusion's own drawing elides item
# texts at some font sizes (打开数据…(D) at 11 pt) because it measures and draws them apart.


def _each(states: str) -> str:
    """``QLineEdit{states}, QComboBox{states}, …`` for every editor class."""
    return ", ".join(f"{editor}{states}" for editor in _EDITORS)


def _editor_rules() -> str:
    return f"""
{_each("")} {{
    background: {SURFACE}; border: 1px solid {INPUT_BORDER}; border-radius: 4px;
    padding: 5px 8px; min-height: 20px; color: {TEXT_STRONG};
    selection-background-color: {FOCUS}; selection-color: {TEXT_ON_ACCENT};
}}
QPlainTextEdit {{ padding: 2px; }}
{_each(":hover")} {{ border-color: {INPUT_BORDER_HOVER}; }}
{_each(":focus")} {{ border: 2px solid {FOCUS}; padding: 4px 7px; }}
QPlainTextEdit:focus {{ padding: 1px; }}
{_each(":disabled")} {{ background: {SURFACE_SUNKEN}; color: {TEXT_DISABLED}; }}
QLineEdit:read-only {{ background: {SURFACE_SUNKEN}; color: {TEXT_BODY}; }}
{_each('[invalid="true"]')} {{ border: 1px solid {ERROR}; background: {ERROR_BG}; }}
{_each('[invalid="true"]:focus')} {{ border: 2px solid {FOCUS}; padding: 4px 7px; }}

QComboBox::drop-down {{
    subcontrol-origin: padding; subcontrol-position: center right; width: 24px; border: none;
}}
QComboBox::down-arrow {{ image: url("{{arrow}}"); width: 12px; height: 8px; }}
QFrame#calendarPopup {{ background: {SURFACE}; border: 1px solid {INPUT_BORDER}; }}
QCalendarWidget QAbstractItemView {{
    selection-background-color: {ACCENT}; selection-color: {TEXT_ON_ACCENT};
}}
QComboBox QAbstractItemView {{
    background: {SURFACE}; border: 1px solid {INPUT_BORDER};
    selection-background-color: {ACCENT_SOFT}; selection-color: {TEXT_STRONG}; outline: 0;
}}
QSpinBox::up-button, QSpinBox::down-button {{ width: 0px; border: none; }}
QLineEdit#counterSearch {{ padding: 6px 12px; border-radius: 6px; }}
QLineEdit#counterSearch:focus {{ padding: 5px 11px; }}
"""


def _button_rules() -> str:
    return f"""
QPushButton {{
    background: {SURFACE}; border: 1px solid {INPUT_BORDER}; border-radius: 4px;
    padding: 6px 16px; min-height: 20px; color: {TEXT_HEADING};
}}
QPushButton:hover {{ background: {HOVER_BG}; }}
QPushButton:pressed {{ background: {PRESSED_BG}; }}
QPushButton:focus {{ border: 2px solid {FOCUS}; padding: 5px 15px; }}
QPushButton:disabled {{ color: {TEXT_DISABLED}; }}
QPushButton[primary="true"] {{
    background: {ACCENT}; border-color: {ACCENT}; color: {TEXT_ON_ACCENT};
}}
QPushButton[primary="true"]:hover {{ background: {ACCENT_HOVER}; }}
QPushButton[primary="true"]:focus {{ border-color: {FOCUS}; }}
QPushButton[primary="true"]:disabled {{
    background: {ACCENT_DISABLED}; border-color: {ACCENT_DISABLED};
}}
QPushButton[danger="true"] {{ color: {ERROR}; border: 1px solid {ERROR}; background: {SURFACE}; }}
QPushButton[danger="true"]:hover {{ background: {ERROR_BG}; }}
QPushButton[danger="true"]:focus {{ border: 2px solid {FOCUS}; padding: 5px 15px; }}
QPushButton[chip="true"] {{
    border: 1px solid {INPUT_BORDER}; border-radius: 13px; padding: 3px 12px;
    min-height: 18px; background: {SURFACE}; color: {TEXT_BODY};
}}
QPushButton[chip="true"]:hover {{ border-color: {INPUT_BORDER_HOVER}; }}
QPushButton[chip="true"]:checked {{
    background: {ACCENT_SOFT}; border-color: {ACCENT}; color: {ACCENT}; font-weight: bold;
}}
QPushButton[chip="true"]:focus {{ border: 2px solid {FOCUS}; padding: 2px 11px; }}
QPushButton[chip="true"]:disabled {{ color: {TEXT_DISABLED}; }}
QPushButton[role="link"] {{
    color: {ACCENT}; border: none; background: transparent; padding: 4px 6px;
}}
QPushButton[role="link"]:hover {{ text-decoration: underline; }}
QPushButton[role="link"]:focus {{ border: 2px solid {FOCUS}; padding: 2px 4px; }}
"""


def _label_and_frame_rules() -> str:
    return f"""
QLabel#pageTitle {{ color: {TEXT_STRONG}; font-weight: bold; }}
QLabel#pageSubtitle {{ color: {TEXT_MUTED}; }}
QLabel[role="caption"] {{ color: {TEXT_MUTED}; }}
QLabel[role="value"] {{ color: {TEXT_STRONG}; }}
QLabel[role="siteName"] {{ color: {TEXT_STRONG}; font-weight: bold; }}
QLabel[role="fieldError"] {{ color: {ERROR}; }}
QLabel[role="hint"] {{ color: {TEXT_MUTED}; }}
QLabel[role="success"] {{ color: {SUCCESS}; }}
QLabel[role="sectionTitle"], QLabel[role="summary"] {{
    color: {TEXT_HEADING}; font-weight: bold;
}}
QLabel[role="banner"] {{
    background: {SUCCESS_BG}; color: {SUCCESS_STRONG}; border-radius: 6px;
    padding: 8px 12px;
}}
QLabel[role="placeholder"] {{
    color: {TEXT_MUTED}; border: 1px dashed {INPUT_BORDER}; border-radius: 8px;
    padding: 24px;
}}
QFrame[role="card"] {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 8px;
}}
QFrame[role="notice"] {{
    background: {NOTICE_BG}; border: 1px solid {NOTICE_BORDER}; border-radius: 8px;
}}
QFrame[role="tile"] {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 8px;
}}
QFrame[role="tile"][attention="true"] {{
    background: {ACCENT_SOFT}; border: 1px solid {ACCENT};
}}
QFrame[role="tile"][link="true"]:hover {{ border: 1px solid {INPUT_BORDER_HOVER}; }}
QFrame[role="tile"]:focus {{ border: 2px solid {FOCUS}; }}
QLabel[role="tileValue"] {{ color: {TEXT_STRONG}; font-weight: bold; }}
QFrame[role="tile"][attention="true"] QLabel[role="tileValue"] {{ color: {ACCENT}; }}
"""


def _chrome_rules() -> str:
    return f"""
QMainWindow, QDialog {{ background: {WINDOW_BG}; }}
QWidget#pageRoot, QScrollArea#pageScroll, QWidget#pageScrollBody {{
    background: {WINDOW_BG};
}}
QScrollArea#pageScroll {{ border: none; }}

QFrame#navPanel {{ background: {SURFACE}; border-right: 1px solid {BORDER}; }}
QLabel#navBrand {{ color: {ACCENT}; font-weight: bold; padding: 18px 18px 2px 18px; }}
QLabel#navSite {{ color: {TEXT_MUTED}; padding: 0 18px 14px 18px; }}
QListWidget#navList {{ border: none; background: transparent; outline: 0; }}
QListWidget#navList::item {{
    padding-left: 12px; margin: 1px 10px; border-radius: 6px; color: {TEXT_BODY};
    border: 2px solid transparent;
}}
QListWidget#navList::item:hover {{ background: {HOVER_BG}; }}
QListWidget#navList::item:selected {{
    background: {ACCENT_SOFT}; color: {ACCENT}; font-weight: bold;
}}
QListWidget#navList::item:focus {{ border: 2px solid {FOCUS}; }}  /* keyboard in the sidebar */

QGroupBox {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 8px;
    margin-top: 0; padding: 44px 20px 16px 20px; font-weight: bold;
}}
QGroupBox::title {{
    subcontrol-origin: border; subcontrol-position: top left; left: 20px; top: 14px;
    padding: 0; color: {TEXT_HEADING}; background: transparent;
}}
QGroupBox QLabel, QGroupBox QLineEdit, QGroupBox QComboBox, QGroupBox QPushButton,
QGroupBox QAbstractSpinBox, QGroupBox QTableView {{ font-weight: normal; }}

QTableView, QListView#searchResults {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 4px;
    gridline-color: {GRIDLINE}; selection-background-color: {ACCENT_SOFT};
    selection-color: {TEXT_STRONG}; alternate-background-color: {SURFACE_ALT};
}}
QListView#searchResults {{ border-radius: 8px; outline: 0; }}
QTableView:focus, QListView#searchResults:focus {{ border: 1px solid {FOCUS}; }}
QTableView#frozenColumn {{
    border: none; border-right: 1px solid {BORDER}; border-radius: 0;
}}
QHeaderView::section {{
    background: {SURFACE_SUNKEN}; border: none; border-bottom: 1px solid {BORDER};
    padding: 6px 8px; color: {TEXT_SECONDARY};
}}
QPdfView {{ background: {PREVIEW_BACKDROP}; border: none; }}
QStatusBar {{
    background: {SURFACE}; border-top: 1px solid {BORDER}; color: {TEXT_SECONDARY};
}}
QStatusBar QLabel {{ padding: 0 8px; }}
QMenuBar {{ background: {SURFACE}; border-bottom: 1px solid {BORDER}; }}
QMenuBar::item {{ padding: 4px 10px; background: transparent; }}
QMenuBar::item:selected {{ background: {HOVER_BG}; }}
QMenu {{ background: {SURFACE}; border: 1px solid {INPUT_BORDER}; padding: 4px 0; }}
QMenu::item {{ padding: 6px 28px 6px 20px; color: {TEXT_STRONG}; }}
QMenu::item:selected {{ background: {ACCENT_SOFT}; }}
QMenu::item:disabled {{ color: {TEXT_DISABLED}; }}
QMenu::separator {{ height: 1px; background: {BORDER}; margin: 4px 8px; }}
QScrollBar:vertical {{ background: transparent; width: 12px; margin: 0; }}
QScrollBar::handle:vertical {{
    background: {SCROLL_HANDLE}; border-radius: 4px; min-height: 32px; margin: 2px 3px;
}}
QScrollBar::handle:vertical:hover, QScrollBar::handle:horizontal:hover {{
    background: {SCROLL_HANDLE_HOVER};
}}
QScrollBar:horizontal {{ background: transparent; height: 12px; margin: 0; }}
QScrollBar::handle:horizontal {{
    background: {SCROLL_HANDLE}; border-radius: 4px; min-width: 32px; margin: 3px 2px;
}}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
"""


def style_sheet() -> str:
    """The whole house style sheet."""
    text = _chrome_rules() + _label_and_frame_rules() + _editor_rules() + _button_rules()
    return text.replace("{arrow}", arrow_image(TEXT_SECONDARY))


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
