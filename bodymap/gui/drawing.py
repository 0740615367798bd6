"""The painting tools: paint or rub out, how much it hurts, the brush size and the landmark
labels; and the marks they make, each one step on the undo stack."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QUndoStack
from PySide6.QtWidgets import QComboBox

from bodymap.gui.dialogs import Notices
from bodymap.gui.model import AddMarkCommand, ClearCommand, DrawingModel
from bodymap.gui.prefs import BRUSHES
from bodymap.gui.scene import BodyScene
from bodymap.gui.state import DisplayState
from bodymap.gui.views import BodyPanel
from bodymap.kinds import Intensity
from bodymap.marks import Mark

RADII = tuple(r for r, _ in BRUSHES)


class DrawingTools(QObject):
    """What the next mark will be, and the marks: to the model through the undo stack.

    ``actions``: the window's, by name; the tools keep the checked paint, eraser and
    intensity actions in step when they are set from elsewhere (a key, a test).
    """

    def __init__(
        self,
        model: DrawingModel,
        state: DisplayState,
        undo: QUndoStack,
        panel: BodyPanel,
        actions: Mapping[str, QAction],
        notices: Notices,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.state = state
        self.undo = undo
        self.panel = panel
        self.scenes: Mapping[str, BodyScene] = panel.scenes
        self.actions = actions
        self.notices = notices
        self.radius_box = QComboBox()
        for r, name in BRUSHES:
            self.radius_box.addItem(name, r)
        self.radius_box.setToolTip("Brush size ([ and ])")
        self.radius_box.setAccessibleName("Brush size")
        self.radius_box.currentIndexChanged.connect(self.apply_radius)

    def add_mark(self, mark: Mark) -> None:
        command = AddMarkCommand(self.model, mark)
        self.undo.push(command)  # runs redo(); a mark that changes nothing leaves no step
        if not command.applied:
            where = "on bare skin" if mark.erase else "outside the body or already painted"
            self.notices.say(f"That mark is {where}; nothing changed.", 4000)

    def clear(self) -> None:
        """Every mark goes, and the muscle shown for them (undoable, as one step)."""
        if self.model.marks:
            self.undo.push(ClearCommand(self.model, self.state))

    def set_erasing(self, erasing: bool) -> None:
        for scene in self.scenes.values():
            scene.erasing = erasing
        self.actions["erase" if erasing else "paint"].setChecked(True)
        self.panel.set_cursor(
            Qt.CursorShape.PointingHandCursor if erasing else Qt.CursorShape.CrossCursor
        )

    def set_intensity(self, level: Intensity) -> None:
        """Paint the next marks at this intensity (and leave the eraser)."""
        for scene in self.scenes.values():
            scene.intensity = level
        self.actions[level.value].setChecked(True)
        self.set_erasing(False)

    def step_radius(self, step: int) -> None:
        box = self.radius_box
        box.setCurrentIndex(min(max(box.currentIndex() + step, 0), box.count() - 1))

    def set_brush(self, radius: float) -> None:
        """The brush of the preferences."""
        self.radius_box.setCurrentIndex(max(0, RADII.index(radius)))
        self.apply_radius()

    def apply_radius(self, _index: int = 0) -> None:
        for scene in self.scenes.values():
            scene.radius = float(self.radius_box.currentData())

    def show_labels(self, shown: bool) -> None:
        for scene in self.scenes.values():
            scene.labels.setVisible(shown)
