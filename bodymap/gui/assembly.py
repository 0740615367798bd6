"""The window's parts, built into a :class:`~bodymap.gui.window.MainWindow` once the data
is loaded (:meth:`~bodymap.gui.window.MainWindow.attach`).

This module imports the engine (numpy, shapely, the catalogue) and every panel, which
takes longer than Qt needs to put the window's frame on screen; so the window module
does not import it until the frame has been painted. Each part does one thing:

- the body panel (views.py) over one scene per view (scene.py);
- the candidates and card panels (panel.py), the muscle browser (browser.py), the
  patient's details (details.py) and the questions (questions.py), each in a dock;
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

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QDockWidget, QWidget

from bodymap.answers import nerve_flags
from bodymap.api import BodyMap
from bodymap.files.recovery import Recovery
from bodymap.gui.actions import ToolBar, build_actions, build_menus
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
from bodymap.ranking_notes import coverage

if TYPE_CHECKING:
    from bodymap.gui.window import MainWindow


def assemble(
    window: MainWindow, bm: BodyMap, recovery: Recovery | None, autosave_ms: int | None
) -> None:
    """Build every part of ``window`` for ``bm`` and connect them; ``recovery``: where
    the drawing is put aside ``autosave_ms`` after a change (none: no autosave)."""
    window.bm = bm
    window.prefs = Preferences.load(window.settings)
    _build_parts(window, bm)
    _build_roles(window, recovery, autosave_ms)
    window.panels_menu = build_menus(window.menuBar(), window.actions)
    window.toolbar = ToolBar(window, window.actions, window.tools.radius_box)
    window.addToolBar(window.toolbar)
    _build_docks(window)
    _connect(window)
    window.tools.set_brush(window.prefs.brush)


def _build_parts(window: MainWindow, bm: BodyMap) -> None:
    """The drawing, what is shown of it, and the widgets that show it."""
    window.undo = QUndoStack(window)
    window.model = DrawingModel(
        bm.atlas,
        bm.ranker,
        window,
        bm.red_flag_rules,
        reweigh=bm.answered,
        raised=lambda answers: nerve_flags(answers, bm.questions),
    )
    window.state = DisplayState(bm.catalogue, window)
    window.scenes = {v.name: BodyScene(v, window) for v in bm.atlas}
    window.panel = BodyPanel(window.scenes)
    window.panel.setAccessibleName("Body diagram")
    window.setCentralWidget(window.panel)
    covered = coverage(bm.catalogue)
    window.candidates_panel = CandidatesPanel(covered)
    window.card_panel = CardPanel(covered[1])
    window.browser = MuscleBrowser(bm.catalogue)
    window.details = SessionDetails()
    window.questions_panel = QuestionsPanel(bm.questions, bm.answer_links)


def _build_roles(window: MainWindow, recovery: Recovery | None, autosave_ms: int | None) -> None:
    """The actions, and the parts that do what they say."""
    window.actions = build_actions(window, window.panel.pages)
    window.dialogs = Dialogs(window, window.actions.shortcuts)
    window.tools = DrawingTools(
        window.model,
        window.state,
        window.undo,
        window.panel,
        window.actions,
        window.dialogs,
        window,
    )
    window.display = Display(
        window.bm,
        window.model,
        window.state,
        window.panel,
        window.candidates_panel,
        window.card_panel,
        window.browser,
        window.dialogs,
        window,
    )
    window.documents = Documents(
        window,
        window.model,
        window.state,
        window.undo,
        window.details,
        window.display,
        window.settings,
        window.dialogs,
    )
    window.exports = Exports(
        window,
        window.bm,
        window.model,
        window.state,
        list(window.scenes),
        window.documents,
        window.actions["labels"].isChecked,
        window.dialogs,
    )
    window.autosave = Autosave(recovery, window.documents, window.dialogs, autosave_ms, window)


def _dock(
    window: MainWindow, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea
) -> QDockWidget:
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(widget)
    dock.setFeatures(
        QDockWidget.DockWidgetFeature.DockWidgetMovable
        | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        | QDockWidget.DockWidgetFeature.DockWidgetClosable
    )
    window.addDockWidget(area, dock)
    return dock


def _build_docks(window: MainWindow) -> None:
    right, left = Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.LeftDockWidgetArea
    window.candidates_dock = _dock(
        window, "Candidate muscles", "candidates", window.candidates_panel, right
    )
    window.card_dock = _dock(window, "Muscle card", "card", window.card_panel, right)
    window.details_dock = _dock(window, "Patient", "patient", window.details, left)
    window.browser_dock = _dock(window, "Muscles", "muscles", window.browser, left)
    window.questions_dock = _dock(window, "Questions", "questions", window.questions_panel, left)
    window.tabifyDockWidget(window.browser_dock, window.questions_dock)
    for dock in (
        window.details_dock,
        window.questions_dock,
        window.browser_dock,
        window.candidates_dock,
        window.card_dock,
    ):
        window.panels_menu.addAction(dock.toggleViewAction())


def _connect(window: MainWindow) -> None:
    for scene in window.scenes.values():
        scene.markDrawn.connect(window.tools.add_mark)
        scene.markStarted.connect(window.candidates_panel.show_painting)
        # After add_mark (slots run in the order connected): a mark that changed
        # nothing left the list, and its "let go of the mouse" hint, as they were.
        scene.markDrawn.connect(window.candidates_panel.end_painting)
    window.candidates_panel.redFlagsRequested.connect(window.dialogs.show_red_flags)
    window.card_panel.previous.setDefaultAction(window.actions["previous_trp"])
    window.card_panel.next.setDefaultAction(window.actions["next_trp"])
    window.card_panel.compare.setDefaultAction(window.actions["compare"])
    window.state.changed.connect(window.follow_comparing)
    window.model.changed.connect(window.autosave.schedule)
    window.state.changed.connect(window.autosave.schedule)
    window.documents.modifiedChanged.connect(window.autosave.follow)
    window.panel.pageChanged.connect(window.on_page)
    window.questions_panel.answered.connect(window.answer)
    window.card_panel.pressedChosen.connect(window.press_test)
    window.model.changed.connect(window.show_questions)
    window.show_questions()
