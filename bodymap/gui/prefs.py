"""Preferences kept with QSettings: brush size, the view to start on, the theme."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QWidget,
)

from bodymap.gui import theme
from bodymap.gui.views import TAB_NAMES
from bodymap.ids import DEFAULT_RADIUS

BRUSHES = ((10.0, "Fine"), (DEFAULT_RADIUS, "Fingertip"), (28.0, "Broad"), (40.0, "Palm"))
LAST = "last"
THEME_NAMES = {"system": "Same as the system", "light": "Light", "dark": "Dark"}


@dataclass
class Preferences:
    brush: float = DEFAULT_RADIUS
    start_view: str = LAST  # a page name, or "last" for the page used last
    theme: str = "system"

    @classmethod
    def load(cls, settings: QSettings | None) -> Preferences:
        if settings is None:
            return cls()
        radii = [r for r, _ in BRUSHES]
        try:
            brush = float(str(settings.value("brush", DEFAULT_RADIUS)))
        except ValueError:
            brush = DEFAULT_RADIUS
        start = str(settings.value("start_view", LAST))
        return cls(
            brush if brush in radii else DEFAULT_RADIUS,
            start if start == LAST or start in TAB_NAMES else LAST,
            theme.saved(settings),
        )

    def save(self, settings: QSettings | None) -> None:
        if settings is not None:
            settings.setValue("brush", self.brush)
            settings.setValue("start_view", self.start_view)
            settings.setValue("theme", self.theme)


class PreferencesDialog(QDialog):
    def __init__(self, prefs: Preferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Preferences")
        self.brush = QComboBox()
        for radius, name in BRUSHES:
            self.brush.addItem(name, radius)
        self.brush.setCurrentIndex(max(0, self.brush.findData(prefs.brush)))
        self.brush.setAccessibleName("Brush size")
        self.start_view = QComboBox()
        self.start_view.addItem("The view used last", LAST)
        for page, name in TAB_NAMES.items():
            self.start_view.addItem(name, page)
        self.start_view.setCurrentIndex(max(0, self.start_view.findData(prefs.start_view)))
        self.start_view.setAccessibleName("View to start on")
        self.theme = QComboBox()
        for key, name in THEME_NAMES.items():
            self.theme.addItem(name, key)
        self.theme.setCurrentIndex(max(0, self.theme.findData(prefs.theme)))
        self.theme.setAccessibleName("Theme")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("&Brush size", self.brush)
        form.addRow("&Start on", self.start_view)
        form.addRow("&Theme", self.theme)
        form.addRow(buttons)

    def preferences(self) -> Preferences:
        return Preferences(
            float(self.brush.currentData()),
            str(self.start_view.currentData()),
            str(self.theme.currentData()),
        )
