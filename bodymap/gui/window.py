"""The main window: the body in the middle, panels docked around it, menus and toolbar.

The window only composes (as Qt's diagramscene example does): it builds the parts,
docks the panels, connects them, and keeps its size and layout. Each part does one
thing:

- the body panel (views.py) over one scene per view (scene.py);
- the candidates and card panels (panel.py), the muscle browser (browser.py) and the
  patient's details (details.py), each in a dock;
- :class:`~bodymap.gui.drawing.DrawingTools`: paint, erase, intensity, brush, labels;
  the marks onto the undo stack and the :class:`~bodymap.gui.model.DrawingModel`;
- :class:`~bodymap.gui.display.Display`: the ranking, and what the scenes, legend, card
  and browser show of the :class:`~bodymap.gui.state.DisplayState`; presentation mode;
- :class:`~bodymap.gui.documents.Documents`: the session's file, new, open, save;
- :class:`~bodymap.gui.exports.Exports`: PNG, SVG, PDF, the handout, printing;
- :class:`~bodymap.gui.autosave.Autosave`: the drawing put aside, recovery at start;
- :class:`~bodymap.gui.dialogs.Dialogs`: alerts, status messages and help boxes;
- the actions, menus and toolbar, from the one table in actions.py
  (``window.actions["zoom_in"]``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt
from PySide6.QtGui import QCloseEvent, QGuiApplication, QShowEvent, QUndoStack
from PySide6.QtWidgets import QDialog, QDockWidget, QFileDialog, QMainWindow, QWidget
from typing_extensions import override

from bodymap.answers import nerve_flags
from bodymap.api import BodyMap
from bodymap.closeups import CloseUp
from bodymap.errors import SessionError
from bodymap.files.recovery import Recovery
from bodymap.gui import theme
from bodymap.gui.actions import Actions, ToolBar, build_actions, build_menus
from bodymap.gui.autosave import Autosave
from bodymap.gui.browser import MuscleBrowser
from bodymap.gui.details import SessionDetails
from bodymap.gui.dialogs import Dialogs
from bodymap.gui.display import Display
from bodymap.gui.documents import SESSION_FILTER, Documents
from bodymap.gui.drawing import DrawingTools
from bodymap.gui.exports import Exports
from bodymap.gui.model import AnswersCommand, DrawingModel
from bodymap.gui.panel import CandidatesPanel, CardPanel
from bodymap.gui.prefs import LAST, Preferences, PreferencesDialog
from bodymap.gui.questions import QuestionsPanel
from bodymap.gui.scene import BodyScene
from bodymap.gui.state import DisplayState
from bodymap.gui.views import TAB_NAMES, BodyPanel
from bodymap.gui.visits import VisitsWindow
from bodymap.ids import SIDE_SHOWN
from bodymap.kinds import Answers
from bodymap.ranking_notes import coverage

DEFAULT_SIZE = QSize(1320, 880)
MINIMUM_SIZE = QSize(980, 640)
READY = "Click to mark a spot, drag to paint an area; 1, 2, 3 set how much it hurts."


class MainWindow(QMainWindow):
    actions: Actions
    """The window's actions by name (``window.actions["zoom_in"]``); see actions.py."""

    def __init__(
        self,
        bm: BodyMap,
        settings: QSettings | None = None,
        recovery: Recovery | None = None,
        autosave_ms: int | None = None,
    ) -> None:
        """``recovery``: where the drawing is put aside ``autosave_ms`` after a change
        (none: no autosave, as in most tests)."""
        super().__init__()
        self.setObjectName("bodymap")
        self.bm = bm
        self.settings = settings
        self.prefs = Preferences.load(settings)
        theme.apply(self.prefs.theme)
        self._layout_restored = False
        self._build_parts(bm)
        self._build_roles(recovery, autosave_ms)
        self.panels_menu = build_menus(self.menuBar(), self.actions)
        self.toolbar = ToolBar(self, self.actions, self.tools.radius_box)
        self.addToolBar(self.toolbar)
        self._build_docks()
        self._connect()
        self.tools.set_brush(self.prefs.brush)
        self._close_up: tuple[str, str, str] | None = None  # (id, side, view) last zoomed to
        last = str(settings.value("view", "posterior")) if settings else "posterior"
        self.panel.show_page(last if self.prefs.start_view == LAST else self.prefs.start_view)
        self.statusBar().showMessage(READY)
        self.setMinimumSize(MINIMUM_SIZE)
        self.resize(_fitted(DEFAULT_SIZE))
        self.restyle()
        self.documents.update_title()
        self.display.refresh()
        self.display.show_card()  # nothing chosen yet: no trigger points to step through

    # ----- the parts -----------------------------------------------------------------
    def _build_parts(self, bm: BodyMap) -> None:
        """The drawing, what is shown of it, and the widgets that show it."""
        self.undo: QUndoStack = QUndoStack(self)
        self.model: DrawingModel = DrawingModel(
            bm.atlas,
            bm.ranker,
            self,
            bm.red_flag_rules,
            reweigh=bm.answered,
            raised=lambda answers: nerve_flags(answers, bm.questions),
        )
        self.state: DisplayState = DisplayState(bm.catalogue, self)
        self.scenes: dict[str, BodyScene] = {v.name: BodyScene(v, self) for v in bm.atlas}
        self.panel: BodyPanel = BodyPanel(self.scenes)
        self.panel.setAccessibleName("Body diagram")
        self.setCentralWidget(self.panel)
        covered = coverage(bm.catalogue)
        self.candidates_panel = CandidatesPanel(covered)
        self.card_panel = CardPanel(covered[1])
        self.browser = MuscleBrowser(bm.catalogue)
        self.details = SessionDetails()
        self.questions_panel: QuestionsPanel = QuestionsPanel(bm.questions, bm.answer_links)

    def _build_roles(self, recovery: Recovery | None, autosave_ms: int | None) -> None:
        """The actions, and the parts that do what they say."""
        self.actions = build_actions(self, self.panel.pages)
        self.dialogs: Dialogs = Dialogs(self, self.actions.shortcuts)
        self.tools: DrawingTools = DrawingTools(
            self.model, self.state, self.undo, self.panel, self.actions, self.dialogs, self
        )
        self.display: Display = Display(
            self.bm,
            self.model,
            self.state,
            self.panel,
            self.candidates_panel,
            self.card_panel,
            self.browser,
            self.dialogs,
            self,
        )
        self.documents: Documents = Documents(
            self,
            self.model,
            self.state,
            self.undo,
            self.details,
            self.display,
            self.settings,
            self.dialogs,
        )
        self.exports: Exports = Exports(
            self,
            self.bm,
            self.model,
            self.state,
            list(self.scenes),
            self.documents,
            self.actions["labels"].isChecked,
            self.dialogs,
        )
        self.autosave: Autosave = Autosave(
            recovery, self.documents, self.dialogs, autosave_ms, self
        )

    def _connect(self) -> None:
        for scene in self.scenes.values():
            scene.markDrawn.connect(self.tools.add_mark)
            scene.markStarted.connect(self.candidates_panel.show_painting)
            # After add_mark (slots run in the order connected): a mark that changed
            # nothing left the list, and its "let go of the mouse" hint, as they were.
            scene.markDrawn.connect(self.candidates_panel.end_painting)
        self.candidates_panel.redFlagsRequested.connect(self.dialogs.show_red_flags)
        self.card_panel.previous.setDefaultAction(self.actions["previous_trp"])
        self.card_panel.next.setDefaultAction(self.actions["next_trp"])
        self.card_panel.compare.setDefaultAction(self.actions["compare"])
        self.state.changed.connect(self._follow_comparing)
        self.model.changed.connect(self.autosave.schedule)
        self.state.changed.connect(self.autosave.schedule)
        self.documents.modifiedChanged.connect(self.autosave.follow)
        self.panel.pageChanged.connect(self._on_page)
        self.questions_panel.answered.connect(self._answer)
        self.card_panel.pressedChosen.connect(self._press_test)
        self.model.changed.connect(self._show_questions)
        self._show_questions()

    # ----- questions and the press test ----------------------------------------------
    def _show_questions(self) -> None:
        """The questions for the candidates on screen (the display ranked them already)."""
        self.questions_panel.show_state(self.display.candidates, self.model.answers)

    def _answer(self, answers: Answers) -> None:
        self.undo.push(AnswersCommand(self.model, answers, "Answer"))

    def _press_test(self, reply: str) -> None:
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
            self.undo.push(AnswersCommand(self.model, answers, "Press test"))

    def _follow_comparing(self) -> None:
        self.actions["compare"].setChecked(self.state.comparing)

    # ----- layout --------------------------------------------------------------------
    def _dock(self, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
        )
        self.addDockWidget(area, dock)
        return dock

    def _build_docks(self) -> None:
        right, left = Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.LeftDockWidgetArea
        self.candidates_dock = self._dock(
            "Candidate muscles", "candidates", self.candidates_panel, right
        )
        self.card_dock = self._dock("Muscle card", "card", self.card_panel, right)
        self.details_dock = self._dock("Patient", "patient", self.details, left)
        self.browser_dock = self._dock("Muscles", "muscles", self.browser, left)
        self.questions_dock = self._dock("Questions", "questions", self.questions_panel, left)
        self.tabifyDockWidget(self.browser_dock, self.questions_dock)
        self.questions_dock.raise_()
        for dock in (
            self.details_dock,
            self.questions_dock,
            self.browser_dock,
            self.candidates_dock,
            self.card_dock,
        ):
            self.panels_menu.addAction(dock.toggleViewAction())

    def default_layout(self) -> None:
        """Panels sized so the body gets most of the room and six candidates show."""
        vertical, horizontal = Qt.Orientation.Vertical, Qt.Orientation.Horizontal
        self.resizeDocks([self.candidates_dock, self.card_dock], [55, 45], vertical)
        self.resizeDocks([self.details_dock, self.browser_dock], [28, 72], vertical)
        self.resizeDocks([self.browser_dock], [250], horizontal)
        self.resizeDocks([self.candidates_dock], [370], horizontal)

    def restore_layout(self) -> None:
        """The window's size and panels as the user left them."""
        if self.settings is None:
            return
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = self.settings.value("window_state")
        if isinstance(state, QByteArray):
            self._layout_restored = self.restoreState(state)

    def _on_page(self, page: str) -> None:
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
            f"Close-up of the {what} on the {TAB_NAMES[shown].lower()} view{again}; "
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
        if not self._layout_restored:  # docks can be sized only once they are laid out
            self._layout_restored = True
            self.default_layout()

    @override
    def closeEvent(self, event: QCloseEvent) -> None:
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
