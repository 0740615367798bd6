"""Light and dark themes: Qt's Fusion palette plus the few colours bodymap adds.

The body diagram itself stays on white paper in both themes, as it prints; everything
around it follows the theme. Widgets ask :func:`current` for their colours when they
are styled (and are styled again after a switch: the window's ``restyle``), and
:func:`apply` restyles the whole application, style sheets that name ``palette(...)``
colours included, so a theme switched live looks as it does after a restart.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

CHOICES = ("system", "light", "dark")


def saved(settings: QSettings | None) -> str:
    """The theme chosen in the preferences (``system`` when none or unknown)."""
    chosen = str(settings.value("theme", "system")) if settings is not None else "system"
    return chosen if chosen in CHOICES else "system"


@dataclass(frozen=True)
class Theme:
    name: str
    notice_bg: str
    notice_fg: str
    notice_link: str
    note_bg: str
    note_fg: str
    flag_bg: str
    flag_fg: str
    hint_fg: str
    bar_track: str
    bar_fill: str
    hover_bg: str
    rule: str
    secondary_fg: str


LIGHT = Theme(
    name="light",
    notice_bg="#fef3c7",
    notice_fg="#78350f",
    notice_link="#1d4ed8",
    note_bg="#fff7ed",
    note_fg="#7c2d12",
    flag_bg="#fee2e2",
    flag_fg="#7f1d1d",
    hint_fg="#4b5563",
    bar_track="#e5e7eb",
    bar_fill="#dc2626",
    hover_bg="#f3f4f6",
    rule="#e5e7eb",
    secondary_fg="#4b5563",
)
DARK = Theme(
    name="dark",
    notice_bg="#422006",
    notice_fg="#fde68a",
    notice_link="#93c5fd",
    note_bg="#431407",
    note_fg="#fed7aa",
    flag_bg="#450a0a",
    flag_fg="#fecaca",
    hint_fg="#9ca3af",
    bar_track="#374151",
    bar_fill="#f87171",
    hover_bg="#1f2937",
    rule="#374151",
    secondary_fg="#9ca3af",
)
_current = LIGHT


def current() -> Theme:
    return _current


def _system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def _dark_palette() -> QPalette:
    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#111827",
        QPalette.ColorRole.WindowText: "#e5e7eb",
        QPalette.ColorRole.Base: "#1f2937",
        QPalette.ColorRole.AlternateBase: "#273244",
        QPalette.ColorRole.ToolTipBase: "#1f2937",
        QPalette.ColorRole.ToolTipText: "#f9fafb",
        QPalette.ColorRole.Text: "#f3f4f6",
        QPalette.ColorRole.Button: "#1f2937",
        QPalette.ColorRole.ButtonText: "#f3f4f6",
        QPalette.ColorRole.BrightText: "#ffffff",
        QPalette.ColorRole.Highlight: "#2563eb",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#93c5fd",
        QPalette.ColorRole.PlaceholderText: "#9ca3af",
        QPalette.ColorRole.Mid: "#374151",
        QPalette.ColorRole.Dark: "#0b1220",
        QPalette.ColorRole.Light: "#4b5563",
    }
    for role, colour in roles.items():
        p.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        p.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6b7280"))
    return p


def apply(choice: str) -> Theme:
    """Apply ``system``, ``light`` or ``dark`` to the running application."""
    global _current
    app = QApplication.instance()
    dark = choice == "dark" or (choice == "system" and _system_is_dark())
    _current = DARK if dark else LIGHT
    if isinstance(app, QApplication):
        app.setStyle("Fusion")
        app.setPalette(_dark_palette() if dark else app.style().standardPalette())
        _reread_style_sheets(app)
    return _current


def _reread_style_sheets(app: QApplication) -> None:
    """Qt reads a style sheet's ``palette(...)`` colours once, when the sheet is set, so
    a theme switched live left them in the old theme (the view captions dark on dark).
    Setting each such sheet again reads them from the new palette, as a fresh start
    does."""
    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if "palette(" in sheet:
            widget.setStyleSheet(sheet)
