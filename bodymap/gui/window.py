"""The main window: the body in the middle, panels docked around it, menus and toolbar.

The window is built in two steps, so that it is on screen before the data is loaded:

1. ``MainWindow(None, settings)`` is the frame alone: its title, size and place as the
   user left them, the theme, and a line saying what is being loaded. This module
   imports Qt and nothing of the engine, so the frame paints a few tenths of a second
   after the process starts.
2. :meth:`MainWindow.attach` builds the parts for the loaded data (assembly.py, which
   imports the engine) and restores the panels' layout.

``MainWindow(bm, settings)`` does both at once, as the tests and tools do. The window
only composes (as Qt's diagramscene example does): the parts are listed in assembly.py;
the window keeps its size and layout and holds the few slots that join two parts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QPaintEvent, QShowEvent, QUndoStack
from PySide6.QtWidgets import QDialog, QDockWidget, QFileDialog, QLabel, QMainWindow, QMenu
from typing_extensions import override

from bodymap.gui import theme
from bodymap.ids import SIDE_SHOWN, VIEW_TITLES
from bodymap.kinds import Answers

if TYPE_CHECKING:
    from bodymap.api import BodyMap
    from bodymap.closeups import CloseUp
    from bodymap.files.recovery import Recovery
    from bodymap.gui.actions import Actions, ToolBar
    from bodymap.gui.autosave import Autosave
    from bodymap.gui.browser import MuscleBrowser
    from bodymap.gui.details import SessionDetails
    from bodymap.gui.dialogs import Dialogs
    from bodymap.gui.display import Display
    from bodymap.gui.documents import Documents
    from bodymap.gui.drawing import DrawingTools
    from bodymap.gui.exports import Exports
    from bodymap.gui.model import DrawingModel
    from bodymap.gui.panel import CandidatesPanel, CardPanel
    from bodymap.gui.prefs import Preferences
    from bodymap.gui.questions import QuestionsPanel
    from bodymap.gui.scene import BodyScene
    from bodymap.gui.state import DisplayState
    from bodymap.gui.views import BodyPanel
    from bodymap.gui.visits import VisitsWindow

DEFAULT_SIZE = QSize(1320, 880)
MINIMUM_SIZE = QSize(980, 640)
READY = "Click to mark a spot, drag to paint an area; 1, 2, 3 set how much it hurts."
LOADING = "Loading the body diagrams and the muscles…"


class MainWindow(QMainWindow):
    """The window. Its parts (set by assembly.py once the data is loaded):"""

    bm: BodyMap
    prefs: Preferences
    actions: Actions
    """The window's actions by name (``window.actions["zoom_in"]``); see actions.py."""
    undo: QUndoStack
    model: DrawingModel
    state: DisplayState
    scenes: dict[str, BodyScene]
    panel: BodyPanel
    candidates_panel: CandidatesPanel
    card_panel: CardPanel
    browser: MuscleBrowser
    details: SessionDetails
    questions_panel: QuestionsPanel
    dialogs: Dialogs
    tools: DrawingTools
    display: Display
    documents: Documents
    exports: Exports
    autosave: Autosave
    panels_menu: QMenu
    toolbar: ToolBar
    candidates_dock: QDockWidget
    card_dock: QDockWidget
    details_dock: QDockWidget
    browser_dock: QDockWidget
    questions_dock: QDockWidget

    def __init__(
        self,
        bm: BodyMap | None,
        settings: QSettings | None = None,
        recovery: Recovery | None = None,
        autosave_ms: int | None = None,
    ) -> None:
        """``bm``: the data, or ``None`` for the frame alone (then :meth:`attach` it).
        ``recovery``: where the drawing is put aside ``autosave_ms`` after a change
        (none: no autosave, as in most tests)."""
        super().__init__()
        self.setObjectName("bodymap")
        self.setWindowTitle("bodymap")
        self.settings = settings
        self.ready = False
        """Whether the parts are built (:meth:`attach`)."""
        self._layout_restored = False
        self._close_up: tuple[str, str, str] | None = None  # (id, side, view) last zoomed to
        theme.apply(theme.saved(settings))
        self.setMinimumSize(MINIMUM_SIZE)
        self.resize(_fitted(DEFAULT_SIZE))
        if bm is None:
            self._loading = _Loading()
            self.setCentralWidget(self._loading)
            self.statusBar().showMessage(LOADING)
        else:
            self.attach(bm, recovery, autosave_ms)

    def when_painted(self, then: Callable[[], None]) -> None:
        """Call ``then`` once the frame (``MainWindow(None, ...)``) has been painted, or
        after a second, should it not be painted (as when it starts minimised)."""
        once = _Once(then)
        self._loading.painted.connect(lambda: QTimer.singleShot(0, once))
        QTimer.singleShot(1000, once)

    def attach(
        self, bm: BodyMap, recovery: Recovery | None = None, autosave_ms: int | None = None
    ) -> None:
        """Build the parts for ``bm`` into the frame, and lay out the panels as the user
        left them."""
        from bodymap.gui.assembly import assemble  # the engine: only now
        from bodymap.gui.prefs import LAST

        assemble(self, bm, recovery, autosave_ms)
        self.ready = True
        last = str(self.settings.value("view", "posterior")) if self.settings else "posterior"
        self.panel.show_page(last if self.prefs.start_view == LAST else self.prefs.start_view)
        self.statusBar().showMessage(READY)
        self.restyle()
        self.documents.update_title()
        self.display.refresh()
        self.display.show_card()  # nothing chosen yet: no trigger points to step through
        self._restore_panels()
        if self.isVisible() and not self._layout_restored:
            # Docks added to a window on screen are laid out (and tabbed) by the next
            # pass of its layout; they can be sized and raised once it has run.
            self._layout_restored = True
            QTimer.singleShot(0, self.default_layout)

    # ----- what joins two parts (connected in assembly.py) -----------------------------
    # The few engine names these need are imported where they are used, so that this
    # module stays light (see the module docstring).
    def show_questions(self) -> None:
        """The questions for the candidates on screen (the display ranked them already)."""
        self.questions_panel.show_state(self.display.candidates, self.model.answers)

    def answer(self, answers: Answers) -> None:
        from bodymap.gui.model import AnswersCommand

        self.undo.push(AnswersCommand(self.model, answers, "Answer"))

    def press_test(self, reply: str) -> None:
        """The card's press test for the muscle shown: ``yes``, ``no`` or ``""`` (not
        tried)."""
        key = self.state.selected
        if key is None:
            return
        pressed = {k: v for k, v in self.model.answers.pressed.items() if k != key}
        if reply:
            pressed[key] = reply
        answers = Answers(dict(self.model.answers.replies), pressed)
        if answers != self.model.answers:
            from bodymap.gui.model import AnswersCommand

            self.undo.push(AnswersCommand(self.model, answers, "Press test"))

    def follow_comparing(self) -> None:
        self.actions["compare"].setChecked(self.state.comparing)

    # ----- layout --------------------------------------------------------------------
    def default_layout(self) -> None:
        """Panels sized so the body gets most of the room and six candidates show; the
        questions in front of the muscle list."""
        self.questions_dock.raise_()
        vertical, horizontal = Qt.Orientation.Vertical, Qt.Orientation.Horizontal
        self.resizeDocks([self.candidates_dock, self.card_dock], [55, 45], vertical)
        self.resizeDocks([self.details_dock, self.browser_dock], [28, 72], vertical)
        self.resizeDocks([self.browser_dock], [250], horizontal)
        self.resizeDocks([self.candidates_dock], [370], horizontal)

    def restore_layout(self) -> None:
        """The window's size and place as the user left them, and its panels once they
        are built."""
        if self.settings is None:
            return
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        self._restore_panels()

    def _restore_panels(self) -> None:
        state = self.settings.value("window_state") if self.settings is not None else None
        if self.ready and isinstance(state, QByteArray):
            self._layout_restored = self.restoreState(state)

    def on_page(self, page: str) -> None:
        if self.settings is not None:
            self.settings.setValue("view", page)
        self.panel.place_legend()

    def find_muscle(self) -> None:
        self.browser_dock.show()
        self.browser_dock.raise_()
        self.browser.search.setFocus()
        self.browser.search.selectAll()

    def show_close_up(self, part: CloseUp) -> None:
        """Zoom to a part of the body; the same key again shows the other side's."""
        side = self._close_up_side(part)
        shown = self.panel.show_close_up(part, side)
        if shown is None:
            self.statusBar().showMessage(f"No view shows the {part.title.lower()}.", 4000)
            return
        self._close_up = (part.id, side, shown)
        what = part.title.lower()
        if part.sided and shown not in SIDE_SHOWN:
            what = f"{side} {what}"
        again = f"; Shift+{part.key} again for the other side" if part.sided else ""
        self.statusBar().showMessage(
            f"Close-up of the {what} on the {VIEW_TITLES[shown].lower()} view{again}; "
            "Ctrl+0 shows the whole body.",
            6000,
        )

    def _close_up_side(self, part: CloseUp) -> str:
        """The side a close-up shows: the other one when the same close-up is pressed again
        on the view it is shown on, else the side of the muscle shown, else the right."""
        last = self._close_up
        again = last is not None and last[0] == part.id and last[2] == self.panel.page
        if last is not None and again and self.panel.current.zoom > 1.0:
            return "left" if last[1] == "right" else "right"
        selected = self.state.selected
        return selected[1] if selected is not None and selected[1] != "both" else "right"

    def show_visits(self, paths: Sequence[Path] | None = None) -> VisitsWindow | None:
        """Choose a patient's session files (from the current session's folder) and show
        them over time; a file that cannot be read is refused plainly."""
        from bodymap.errors import SessionError
        from bodymap.gui.documents import SESSION_FILTER
        from bodymap.gui.visits import VisitsWindow

        if paths is None:
            names, _ = QFileDialog.getOpenFileNames(
                self, "Visits: choose a patient's sessions", self.documents.last_dir(),
                SESSION_FILTER,
            )  # fmt: skip
            paths = [Path(n) for n in names]
        if not paths:
            return None
        try:
            visits = VisitsWindow(self.bm, paths, self.exports.write, self)
        except SessionError as exc:
            self.dialogs.alert("Visits", exc.plain, str(exc))
            return None
        visits.show()
        return visits

    def toggle_full_screen(self, _checked: bool = False) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self.actions["full_screen"].setChecked(self.isFullScreen())

    # ----- preferences and theme -----------------------------------------------------
    def preferences_dialog(self) -> None:
        from bodymap.gui.prefs import PreferencesDialog

        dialog = PreferencesDialog(self.prefs, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.prefs = dialog.preferences()
            self.prefs.save(self.settings)
            self.tools.set_brush(self.prefs.brush)
            theme.apply(self.prefs.theme)
            self.restyle()

    def restyle(self) -> None:
        """Colours that follow the theme (the diagram stays on white paper)."""
        self.candidates_panel.restyle()
        self.display.restyle()

    # ----- window events -------------------------------------------------------------
    @override
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if (
            self.ready and not self._layout_restored
        ):  # docks can be sized only once they are laid out
            self._layout_restored = True
            self.default_layout()

    @override
    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.ready:  # still loading: nothing drawn, nothing to keep
            event.accept()
            return
        if not self.documents.confirm_discard():
            event.ignore()
            return
        if self.display.presentation is not None:
            self.display.presentation.close()
        if self.settings is not None:
            self.settings.setValue("geometry", self.saveGeometry())
            self.settings.setValue("window_state", self.saveState())
        self.autosave.close()
        event.accept()


def _fitted(size: QSize) -> QSize:
    """``size``, or less on a small screen."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return size
    room = screen.availableGeometry().size()
    return QSize(min(size.width(), room.width()), min(size.height(), room.height()))


class _Loading(QLabel):
    """What the frame shows while the data loads; says when it has been painted."""

    painted = Signal()

    def __init__(self) -> None:
        super().__init__(LOADING)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAccessibleName("Loading")

    @override
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.painted.emit()


class _Once:
    """A call that runs at most once, however often it is made."""

    def __init__(self, then: Callable[[], None]) -> None:
        self._then: Callable[[], None] | None = then

    def __call__(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            then()
