"""The main window: the body in the middle, panels docked around it, menus and undo.

The window composes parts that each do one thing: the body panel (views.py), the
candidates and card panels (panel.py), the muscle browser (browser.py), the patient's
details (details.py), presentation mode (presentation.py) and the preferences
(prefs.py). What the diagram shows besides the pain lives in one DisplayState
(state.py) that every part follows.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import functools
import html
import logging
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path

import shiboken6
from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QModelIndex,
    QObject,
    QSettings,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QShowEvent,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QToolBar,
    QWidget,
)
from typing_extensions import override

from bodymap.advice import RED_FLAGS
from bodymap.api import BodyMap
from bodymap.errors import BodymapError, DataError, SessionError
from bodymap.gui import theme
from bodymap.gui.browser import MuscleBrowser, page_for
from bodymap.gui.details import SessionDetails
from bodymap.gui.model import AddMarkCommand, ClearCommand, DrawingModel
from bodymap.gui.panel import CandidateRole, CandidatesPanel, CardPanel, card_html, compare_header
from bodymap.gui.prefs import BRUSHES, LAST, Preferences, PreferencesDialog
from bodymap.gui.scene import BodyScene, BodyView
from bodymap.gui.state import DisplayState, Key
from bodymap.gui.views import TAB_NAMES, BodyPanel
from bodymap.ids import VIEW_CAPTIONS, landmark_label
from bodymap.marks import DEFAULT_INTENSITY, Intensity, Mark, PainDrawing
from bodymap.ranking import Candidate
from bodymap.recovery import Recoverable, Recovery, clean_stale_temp_files
from bodymap.session import SUFFIX, Session, load_session, save_session

log = logging.getLogger("bodymap.gui")

RED_FLAGS_HTML = (
    "<h3>See a doctor promptly if the pain comes with</h3><ul>"
    + "".join(f"<li>{html.escape(flag)}</li>" for flag in RED_FLAGS)
    + "</ul>"
)
SESSION_FILTER = f"bodymap sessions (*{SUFFIX});;All files (*)"
RADII = tuple(r for r, _ in BRUSHES)
TOP = 15
DEFAULT_SIZE = QSize(1320, 880)
MINIMUM_SIZE = QSize(980, 640)
INTENSITY_KEYS = {Intensity.MILD: "1", Intensity.MODERATE: "2", Intensity.SEVERE: "3"}
NOT_WRITTEN = (
    "The {what} could not be saved there: the disk may be full, or the folder read-only or "
    "missing. Your drawing is still in the window; try another folder."
)
AUTOSAVE_FAILED = (
    "Could not put the drawing aside for recovery (the disk may be full). "
    "Your drawing is still here; save the session to keep it."
)
RESCUE_SECONDS = 5.0
"""How long a crash or a close waits for the drawing to be put aside."""


class MainWindow(QMainWindow):
    AUTOSAVE_MS = 3000
    """Put the drawing aside this long after the last change..."""
    AUTOSAVE_MAX_WAIT = 10
    """...or, while changes keep coming, at least every this many delays."""

    autosaveFinished = Signal(object)
    """From the autosave thread: None, or the error that stopped the write."""

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
        self.recovery = recovery
        self._autosave_timer = QTimer(self)
        self._autosave_timer.setSingleShot(True)
        self._autosave_timer.setInterval(self.AUTOSAVE_MS if autosave_ms is None else autosave_ms)
        self._autosave_timer.timeout.connect(self.autosave)
        self._autosave_deadline = 0.0
        self._autosaver = (
            concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="bodymap-autosave")
            if recovery is not None
            else None
        )
        self._autosaved: tuple[Session, Path | None] | None = None
        """The last drawing handed to the autosave thread."""
        self._aside = False
        """Whether a drawing may be put aside on disk."""
        self._autosave_failing = False
        self.prefs = Preferences.load(settings)
        theme.apply(self.prefs.theme)
        self.path: Path | None = None
        self.candidates: list[Candidate] = []
        self.presentation: QWidget | None = None
        self._details_dirty = False
        self._layout_restored = False
        self._card_html = ""
        self.undo = QUndoStack(self)
        self.model = DrawingModel(bm.atlas, bm.ranker, self, bm.red_flag_rules)
        self.state = DisplayState(bm.catalogue, self)
        self.scenes = {v.name: BodyScene(v, self) for v in bm.atlas}
        self.panel = BodyPanel(self.scenes)
        self.panel.setAccessibleName("Body diagram")
        for scene in self.scenes.values():
            scene.markDrawn.connect(self.add_mark)
            scene.markStarted.connect(self._on_mark_started)
            scene.hovered.connect(lambda info, name=scene.view.name: self._show_hover(name, info))
        self.setCentralWidget(self.panel)

        self.candidates_panel = CandidatesPanel()
        self.list = self.candidates_panel.list
        self.ranking = self.candidates_panel.model
        self.list.selectionModel().currentChanged.connect(self._on_current_changed)
        self.list.entered.connect(self._on_entered)
        self.list.viewportEntered.connect(self._clear_preview)
        # Leaving the list (for the body, say) ends the preview too; Qt says nothing.
        self.list.viewport().installEventFilter(self)
        self.candidates_panel.redFlagsRequested.connect(self.show_red_flags)
        self.card_panel = CardPanel()
        self.card = self.card_panel.card
        self.browser = MuscleBrowser(bm.catalogue)
        self.browser.chosen.connect(self.choose_from_browser)
        self.browser.compareRequested.connect(self.compare)
        self.details = SessionDetails()
        self.details.edited.connect(self._on_details_edited)

        self._build_actions()
        self._build_docks()
        self.card_panel.previous.setDefaultAction(self.previous_trp_action)
        self.card_panel.next.setDefaultAction(self.next_trp_action)
        self.card_panel.compare.setDefaultAction(self.compare_action)
        self.state.changed.connect(self._on_display_changed)
        self.state.message.connect(self._show_message)
        self.model.changed.connect(self.refresh)
        self.model.changed.connect(self._schedule_autosave)
        self.state.changed.connect(self._schedule_autosave)
        self.autosaveFinished.connect(self._on_autosave_finished)
        self.undo.cleanChanged.connect(self._on_clean_changed)
        self.panel.pageChanged.connect(self._on_page)
        self._apply_preferences()
        last = str(settings.value("view", "posterior")) if settings else "posterior"
        self.panel.show_page(last if self.prefs.start_view == LAST else self.prefs.start_view)
        self.statusBar().showMessage(
            "Click to mark a spot, drag to paint an area; 1, 2, 3 set how much it hurts."
        )
        self.skipped_label = QLabel()  # data files left out at start (report_skipped)
        self.skipped_label.setStyleSheet("color: #b45309")
        self.skipped_label.hide()
        self.statusBar().addPermanentWidget(self.skipped_label)
        self.setMinimumSize(MINIMUM_SIZE)
        self.resize(_fitted(DEFAULT_SIZE))
        self.restyle()
        self._update_title()
        self.refresh()
        self._show_card()  # nothing chosen yet: no trigger points to step through

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
        for dock in (self.details_dock, self.browser_dock, self.candidates_dock, self.card_dock):
            self.panels_menu.addAction(dock.toggleViewAction())

    def default_layout(self) -> None:
        """Panels sized so the body gets most of the room and six candidates show."""
        vertical, horizontal = Qt.Orientation.Vertical, Qt.Orientation.Horizontal
        self.resizeDocks([self.candidates_dock, self.card_dock], [55, 45], vertical)
        self.resizeDocks([self.details_dock, self.browser_dock], [28, 72], vertical)
        self.resizeDocks([self.browser_dock], [250], horizontal)
        self.resizeDocks([self.candidates_dock], [370], horizontal)

    def restyle(self) -> None:
        """Colours that follow the theme (the diagram stays on white paper)."""
        self.candidates_panel.restyle()
        self._card_html = ""  # its links took the old theme's colour: set it again
        if self.state.selected:
            self._show_card()

    # ----- actions -------------------------------------------------------------------
    def _action(
        self,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        tip: str = "",
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        tip = tip or text.replace("&", "").rstrip("…")
        action.setStatusTip(tip)
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({keys})" if keys else tip)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        std = QKeySequence.StandardKey
        self.new_action = self._action("&New session", self.new_session, std.New)
        self.open_action = self._action("&Open…", self.open_dialog, std.Open)
        self.save_action = self._action("&Save", self.save, std.Save)
        self.save_as_action = self._action("Save &as…", self.save_as, std.SaveAs)
        self.export_action = self._action(
            "&Export image or PDF…", self.export_dialog, "Ctrl+E", "Save the body map as a picture"
        )
        self.handout_action = self._action(
            "Save &handout as PDF…",
            self.handout_dialog,
            "Ctrl+Shift+E",
            "A one-page summary for the patient to take home",
        )
        self.print_action = self._action(
            "&Print handout…", self.print_handout, std.Print, "Print the one-page handout"
        )
        quit_action = self._action("&Quit", self.close, "Ctrl+Q")

        self.undo_action = self.undo.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(std.Undo)
        self.redo_action = self.undo.createRedoAction(self, "&Redo")
        # The platform's redo key varies (Ctrl+Y on Windows, Ctrl+Shift+Z elsewhere, and
        # none at all without a desktop theme): offer both everywhere.
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.clear_action = self._action(
            "&Clear all marks", self.clear, "Ctrl+Shift+Backspace", "Remove every mark"
        )
        self.prefs_action = self._action("Pre&ferences…", self.preferences_dialog, "Ctrl+,")

        tools = QActionGroup(self)
        self.paint_action = self._action(
            "&Paint", lambda: self.set_erasing(False), "P", "Mark where it hurts"
        )
        self.erase_action = self._action(
            "&Eraser", lambda: self.set_erasing(True), "E", "Rub out painted area"
        )
        for a in (self.paint_action, self.erase_action):
            a.setCheckable(True)
            tools.addAction(a)
        self.paint_action.setChecked(True)
        self.smaller_action = self._action("Smaller brush", lambda: self.step_radius(-1), "[")
        self.larger_action = self._action("Larger brush", lambda: self.step_radius(1), "]")
        levels = QActionGroup(self)
        self.intensity_actions: dict[Intensity, QAction] = {}
        for level, key in INTENSITY_KEYS.items():
            action = self._action(
                level.value.capitalize(),
                lambda _=False, level=level: self.set_intensity(level),
                key,
                f"Paint {level.value} pain",
            )
            action.setCheckable(True)
            levels.addAction(action)
            self.intensity_actions[level] = action
        self.intensity_actions[DEFAULT_INTENSITY].setChecked(True)

        self.labels_action = self._action(
            "Landmark &labels", self.toggle_labels, "L", "Show the names of the main landmarks"
        )
        self.labels_action.setCheckable(True)
        self.zoom_in_action = self._action("Zoom &in", lambda: self.panel.zoom_by(1.25), std.ZoomIn)
        self.zoom_out_action = self._action(
            "Zoom &out", lambda: self.panel.zoom_by(0.8), std.ZoomOut
        )
        self.reset_zoom_action = self._action(
            "&Fit body to window", lambda: self.panel.reset_zoom(), "Ctrl+0"
        )
        self.view_actions = [
            self._action(
                TAB_NAMES[page],
                lambda _=False, page=page: self.panel.show_page(page),
                f"Ctrl+{number}",
                VIEW_CAPTIONS.get(page, "All four views side by side"),
            )
            for number, page in enumerate(self.panel.pages, 1)
        ]
        self.full_screen_action = self._action("F&ull screen", self.toggle_full_screen, "F11")
        self.full_screen_action.setCheckable(True)
        self.present_action = self._action(
            "&Presentation mode",
            self.start_presentation,
            "F5",
            "Show one muscle at a time in large type, full screen",
        )
        self.hide_pattern_action = self._action(
            "&Hide pattern", self.hide_pattern, "Esc", "Hide the muscle's pattern"
        )
        self.next_trp_action = self._action(
            "&Next trigger point",
            lambda: self.state.step_trigger_point(1),
            "T",
            "Show the muscle's trigger points one at a time",
        )
        self.previous_trp_action = self._action(
            "Pre&vious trigger point", lambda: self.state.step_trigger_point(-1), "Shift+T"
        )
        self.whole_pattern_action = self._action(
            "&Whole pattern", self.state.show_whole_pattern, "W", "Show every trigger point"
        )
        self.compare_action = self._action(
            "&Compare",
            self._toggle_compare,
            "C",
            "Compare up to three muscles: turn on, then click the muscles",
        )
        self.compare_action.setCheckable(True)
        self.find_action = self._action(
            "&Find a muscle…", self.find_muscle, std.Find, "Search the muscles by name or place"
        )
        red_flags = self._action("When to see a &doctor", self.show_red_flags, std.HelpContents)
        shortcuts = self._action("&Keyboard shortcuts", self.show_shortcuts, "Ctrl+/")
        about = self._action("&About bodymap", self.show_about)

        menu = self.menuBar()
        file_menu = menu.addMenu("&File")
        for a in (self.new_action, self.open_action, self.save_action, self.save_as_action):
            file_menu.addAction(a)
        file_menu.addSeparator()
        for a in (self.print_action, self.handout_action, self.export_action):
            file_menu.addAction(a)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        edit_menu = menu.addMenu("&Edit")
        for a in (self.undo_action, self.redo_action):
            edit_menu.addAction(a)
        edit_menu.addSeparator()
        edit_menu.addAction(self.clear_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.prefs_action)
        tool_menu = menu.addMenu("&Tools")
        for a in (self.paint_action, self.erase_action, self.smaller_action, self.larger_action):
            tool_menu.addAction(a)
        tool_menu.addSeparator()
        for a in self.intensity_actions.values():
            tool_menu.addAction(a)
        muscle_menu = menu.addMenu("&Muscle")
        for a in (
            self.find_action,
            self.next_trp_action,
            self.previous_trp_action,
            self.whole_pattern_action,
            self.compare_action,
            self.hide_pattern_action,
        ):
            muscle_menu.addAction(a)
        view_menu = menu.addMenu("&View")
        for a in self.view_actions:
            view_menu.addAction(a)
        view_menu.addSeparator()
        for a in (
            self.labels_action,
            self.zoom_in_action,
            self.zoom_out_action,
            self.reset_zoom_action,
        ):
            view_menu.addAction(a)
        view_menu.addSeparator()
        view_menu.addAction(self.full_screen_action)
        view_menu.addAction(self.present_action)
        self.panels_menu: QMenu = view_menu.addMenu("&Panels")
        help_menu = menu.addMenu("&Help")
        for a in (red_flags, shortcuts, about):
            help_menu.addAction(a)

        bar = QToolBar("Tools")
        bar.setObjectName("tools")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        bar.setAccessibleName("Tools")
        for a in (self.paint_action, self.erase_action):
            bar.addAction(a)
        self.radius_box = QComboBox()
        for r, name in BRUSHES:
            self.radius_box.addItem(name, r)
        self.radius_box.setToolTip("Brush size ([ and ])")
        self.radius_box.setAccessibleName("Brush size")
        self.radius_box.currentIndexChanged.connect(self._apply_radius)
        bar.addWidget(self.radius_box)
        bar.addSeparator()
        for a in self.intensity_actions.values():
            bar.addAction(a)
        bar.addSeparator()
        # The menu says what will be undone ("Undo Paint"); on the toolbar a label that
        # changed length with every step would shift every button after it.
        self.undo_tool = _SteadyAction(self.undo_action, "Undo", self)
        self.redo_tool = _SteadyAction(self.redo_action, "Redo", self)
        for a in (self.undo_tool, self.redo_tool, self.clear_action):
            bar.addAction(a)
        bar.addSeparator()
        for a in (self.labels_action, self.reset_zoom_action):
            bar.addAction(a)
        bar.addSeparator()
        for a in (self.compare_action, self.present_action, self.print_action):
            bar.addAction(a)
        self.addToolBar(bar)

    # ----- drawing -------------------------------------------------------------------
    def add_mark(self, mark: Mark) -> None:
        command = AddMarkCommand(self.model, mark)
        self.undo.push(command)  # runs redo(); a mark that changes nothing leaves no step
        if not command.applied:
            where = "on bare skin" if mark.erase else "outside the body or already painted"
            self.statusBar().showMessage(f"That mark is {where}; nothing changed.", 4000)

    def _on_mark_started(self) -> None:
        self.candidates_panel.show_painting()

    def clear(self) -> None:
        """Every mark goes, and the muscle shown for them (undoable, as one step)."""
        if self.model.marks:
            self.undo.push(ClearCommand(self.model, self.state))

    def set_erasing(self, erasing: bool) -> None:
        for scene in self.scenes.values():
            scene.erasing = erasing
        (self.erase_action if erasing else self.paint_action).setChecked(True)
        self.panel.set_cursor(
            Qt.CursorShape.PointingHandCursor if erasing else Qt.CursorShape.CrossCursor
        )

    def set_intensity(self, level: Intensity) -> None:
        """Paint the next marks at this intensity (and leave the eraser)."""
        for scene in self.scenes.values():
            scene.intensity = level
        self.intensity_actions[level].setChecked(True)
        self.set_erasing(False)

    def step_radius(self, step: int) -> None:
        index = min(max(self.radius_box.currentIndex() + step, 0), self.radius_box.count() - 1)
        self.radius_box.setCurrentIndex(index)

    def _apply_radius(self, _index: int = 0) -> None:
        for scene in self.scenes.values():
            scene.radius = float(self.radius_box.currentData())

    def toggle_labels(self) -> None:
        for scene in self.scenes.values():
            scene.labels.setVisible(self.labels_action.isChecked())

    # ----- ranking and patterns -----------------------------------------------------
    def refresh(self) -> None:
        drawing = self.model.drawing
        dirty = self.model.dirty
        for name, scene in self.scenes.items():
            if dirty is None or name in dirty:
                scene.set_pain(drawing.tiles(name), dirty[name] if dirty else None)
        self.candidates = self.model.ranking(top=TOP)
        self.candidates_panel.show_ranking(
            self.candidates,
            self.bm.notes(drawing, self.candidates),
            self.model.red_flags(),
            has_marks=bool(self.model.marks),
        )
        self.candidates_panel.show_current(self.state.selected)
        self._show_legend()
        if self.state.selected:
            self._show_card()

    @property
    def selected(self) -> Key | None:
        return self.state.selected

    def select(self, key: Key | None) -> None:
        """Show a muscle's pattern on the body and its card (in compare mode, add it to
        the comparison)."""
        self.state.select(tuple(key) if key else None)  # type: ignore[arg-type]

    def choose_from_browser(self, key: Key) -> None:
        """A muscle picked in the *Muscles* panel: shown as :meth:`select` does, on a
        view that shows its pattern if the one in front does not."""
        self.select(key)
        if key[0] in self.bm.catalogue:
            pattern = self.bm.catalogue.pattern(*key)
            self.panel.show_page(page_for(pattern, self.panel.page, self.panel.pages))

    def compare(self, keys: list[Key]) -> None:
        self.state.compare(keys)

    def _toggle_compare(self, on: bool) -> None:
        self.state.set_comparing(on)

    def hide_pattern(self) -> None:
        if self.state.comparing:
            self.state.set_comparing(False)
        else:
            self.state.select(None)

    def _on_display_changed(self) -> None:
        state = self.state
        pattern = state.pattern()
        compared = tuple(state.compared_patterns())
        for scene in self.scenes.values():
            scene.pattern.set_pattern(pattern)
            scene.compared.set_patterns(compared)
            scene.preview.set_pattern(None)
        shown = [pattern] if pattern else list(compared)
        self.panel.mark_tabs({v for p in shown for v in p.layers})
        self.compare_action.setChecked(state.comparing)
        self.candidates_panel.show_current(state.selected)
        self.browser.show_muscle(
            state.selected[0] if state.selected else None,
            [key[0] for key in state.compared] if state.comparing else (),
        )
        if state.selected:
            self.browser.set_side(state.selected[1])
        self._show_legend()
        self._show_card()

    def _show_legend(self) -> None:
        self.panel.legend.show_state(
            self.state.pattern(),
            self.state.compared_patterns(),
            self.state.trigger_point_position(),
            not self.model.drawing.is_empty(),
            self.state.whole_pattern(),
        )
        self.panel.place_legend()

    def candidate(self, key: Key | None) -> Candidate | None:
        return next((c for c in self.candidates if (c.muscle, c.side) == key), None)

    def card_for(self, key: Key, heading: bool = True) -> str:
        muscle = self.bm.catalogue.muscle(key[0])
        return card_html(muscle, self.bm.catalogue, key[1], self.candidate(key), heading)

    def _show_card(self) -> None:
        key = self.state.selected
        if key is None:
            self._card_html = ""
            self.card.clear()
            self.card_panel.show_pattern("", can_step=False)
            return
        pattern = self.bm.catalogue.pattern(*key)
        position = self.state.trigger_point_position()
        if self.state.comparing:
            text = compare_header(len(self.state.compared))
        elif position:
            trp = pattern.only(self.state.trigger_point or "").trigger_points[0]
            text = f"Trigger point {position[0]} of {position[1]}: {trp.name}"
        else:
            count = len(pattern.trigger_point_ids)
            text = f"Whole pattern: {count} trigger point{'s' if count > 1 else ''}"
        self.card_panel.show_pattern(
            text, can_step=len(pattern.trigger_point_ids) > 1 and not self.state.comparing
        )
        card = self.card_for(key)
        if card != self._card_html:  # refresh runs on every stroke; most leave it as it was
            self._card_html = card
            scroll = self.card.verticalScrollBar().value()
            self.card.setHtml(card)
            self.card.verticalScrollBar().setValue(scroll)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        candidate: Candidate | None = current.data(CandidateRole) if current.isValid() else None
        if candidate is not None:
            self.select((candidate.muscle, candidate.side))

    def _on_entered(self, index: QModelIndex) -> None:
        candidate: Candidate | None = index.data(CandidateRole)
        self.preview((candidate.muscle, candidate.side) if candidate else None)

    def _clear_preview(self) -> None:
        self.preview(None)

    def preview(self, key: Key | None) -> None:
        """A lighter overlay while the pointer rests on a candidate."""
        shown = key and (key == self.state.selected or key in self.state.compared)
        pattern = self.bm.catalogue.pattern(*key) if key and not shown else None
        for scene in self.scenes.values():
            scene.preview.set_pattern(pattern)

    def find_muscle(self) -> None:
        self.browser_dock.show()
        self.browser_dock.raise_()
        self.browser.search.setFocus()
        self.browser.search.selectAll()

    def _show_hover(self, view: str, info: tuple[float, float, str | None] | None) -> None:
        if info is None:
            self.statusBar().showMessage("Outside the body")
            return
        _, _, name = info
        where = f"near {landmark_label(name)}" if name else "on the body"
        self.statusBar().showMessage(f"{TAB_NAMES.get(view, view)} view: {where}")

    def _on_page(self, page: str) -> None:
        if self.settings is not None:
            self.settings.setValue("view", page)
        self.panel.place_legend()

    @property
    def body(self) -> BodyView:
        """The body view in front (the back view on the "All views" page)."""
        return self.panel.current

    @property
    def scene(self) -> BodyScene:
        scene = self.body.scene()
        assert isinstance(scene, BodyScene)
        return scene

    # ----- modes ---------------------------------------------------------------------
    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self.full_screen_action.setChecked(self.isFullScreen())

    _presented_comparison: tuple[list[Key], Key | None] | None = None
    """While presenting after a comparison: its muscles, and the one that was on top."""

    def _presentation_order(self) -> list[Key]:
        """The muscles presentation mode steps through: the compared ones, the ranked
        ones, or every muscle the browser lists."""
        if self._presented_comparison:
            return list(self._presented_comparison[0])
        if self.candidates:
            return [(c.muscle, c.side) for c in self.candidates]
        side = self.browser.side
        return [(m, side) for m in self.browser.visible_muscles()]

    def start_presentation(self) -> None:
        """Full screen, one muscle at a time; after a comparison, its muscles one at a
        time (from the first), and Esc comes back to the comparison."""
        from bodymap.gui.presentation import PresentationWindow

        if self.presentation is not None:
            self.presentation.raise_()
            return
        self._presented_comparison = None
        if self.state.comparing:
            compared = list(self.state.compared)
            if compared:
                self._presented_comparison = (compared, self.state.selected)
            self.state.set_comparing(False)
            if compared:
                self.state.select(compared[0])
        if self.state.selected is None:
            order = self._presentation_order()
            if order:
                self.state.select(order[0])
        window = PresentationWindow(
            self.state,
            self.scenes,
            self._presentation_order,
            lambda key: self.card_for(key, heading=False),
            comparing=self._presented_comparison is not None,
        )
        window.closed.connect(self._end_presentation)
        self.presentation = window
        window.showFullScreen()
        window.activateWindow()
        window.setFocus()

    def _end_presentation(self) -> None:
        if self.presentation is not None:
            self.presentation.deleteLater()
        self.presentation = None
        if self._presented_comparison:  # the comparison as it was, the same card on top
            compared, selected = self._presented_comparison
            self._presented_comparison = None
            self.state.compare(compared)
            if selected in compared:
                self.state.select(selected)
        self.panel.reset_zoom()

    # ----- preferences ---------------------------------------------------------------
    def preferences_dialog(self) -> None:
        dialog = PreferencesDialog(self.prefs, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.prefs = dialog.preferences()
            self.prefs.save(self.settings)
            self._apply_preferences()
            theme.apply(self.prefs.theme)
            self.restyle()

    def _apply_preferences(self) -> None:
        self.radius_box.setCurrentIndex(max(0, RADII.index(self.prefs.brush)))
        self._apply_radius()

    # ----- files ----------------------------------------------------------------------
    def _on_details_edited(self) -> None:
        self._details_dirty = True
        self._update_modified()

    def is_modified(self) -> bool:
        """Whether the window holds changes that are not saved."""
        return not self.undo.isClean() or self._details_dirty

    def _update_modified(self) -> None:
        self._on_clean_changed(self.undo.isClean())

    def _on_clean_changed(self, _clean: bool) -> None:
        modified = self.is_modified()
        self.setWindowModified(modified)
        if modified:
            self._schedule_autosave()
        else:
            self.autosave()  # saved (or back where it was): nothing to put aside

    def _show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 6000)

    def _mark_saved(self) -> None:
        self.undo.setClean()
        self._details_dirty = False
        self._update_modified()

    def _update_title(self) -> None:
        patient = self.details.values()[0]
        name = self.path.name if self.path else "Untitled"
        who = f"{patient} — " if patient else ""
        self.setWindowTitle(f"{who}{name}[*] — bodymap")

    def session(self) -> Session:
        patient, date, notes = self.details.values()
        return Session(self.model.marks, self.state.selected, notes, "", patient, date)

    def new_session(self) -> None:
        if not self.confirm_discard():
            return
        self.undo.clear()
        self.model.set_marks(())
        self.state.reset()
        self.details.clear()
        self.panel.reset_zoom(everywhere=True)
        self.path = None
        self._mark_saved()
        self._update_title()

    def open_dialog(self) -> None:
        if not self.confirm_discard():
            return
        name, _ = QFileDialog.getOpenFileName(
            self, "Open session", self._last_dir(), SESSION_FILTER
        )
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path) -> bool:
        """Open a session; if anything in it is wrong, the current work stays as it was.

        Marks that lie wholly outside the body are left out, and a message says how many.
        """
        try:
            session = load_session(path)
            # The model builds the new drawing before it lets go of the old one, so a
            # mark that cannot be applied leaves the drawing on screen as it was (and it
            # is built once, not once to check and again to show).
            self.model.set_marks(session.marks)
        except Exception as exc:  # a bad file must never cost the open session
            self._refuse(path, exc)
            return False
        self.undo.clear()
        self.path = path
        clean_stale_temp_files(path)  # what a save killed long ago left beside it
        self.details.set_values(session.patient, session.date, session.notes)
        self._remember_dir(path)
        self.state.reset()
        self.select(session.selected)
        self.panel.reset_zoom(everywhere=True)
        self.refresh()
        self._mark_saved()
        self._update_title()
        kept = set(map(id, self.model.marks))
        dropped = [i for i, mark in enumerate(session.marks) if id(mark) not in kept]
        if dropped:
            n = len(dropped)
            which = ", ".join(f"marks.{i}" for i in dropped[:10]) + (", …" if n > 10 else "")
            self.alert(
                "Some marks were left out",
                f"{n} mark{' lies' if n == 1 else 's lie'} outside the body in this session, "
                f"so {'it was' if n == 1 else 'they were'} left out. The rest of the drawing "
                "is open.",
                f"{path.name}\n\n{path}: {n} mark(s) wholly outside the body, dropped: {which}",
            )
        return True

    def _refuse(self, path: Path, exc: Exception) -> None:
        """Say in plain words why a file did not open; the details (one line naming the
        file) are one click away."""
        from bodymap.errors import MarkError

        if isinstance(exc, SessionError):
            plain, technical = exc.plain, str(exc)
        elif isinstance(exc, MarkError):  # a view that this bodymap's data does not draw
            plain = "This session has marks on a body view that this bodymap does not have."
            technical = f"{path}: {exc}"
        else:  # the engine could not apply the marks
            plain = "This session could not be drawn, so it was not opened."
            technical = f"{path}: {type(exc).__name__}: {exc}"
        one_line = technical.replace("\n", " ")
        self.alert(
            "Cannot open this file",
            f"{plain} Your current drawing is unchanged.",
            f"{path.name}\n\n{one_line}",
        )

    def report_skipped(self, problems: Sequence[DataError]) -> None:
        """Say which data files were left out at start, and that the rest works."""
        files = sorted({p.path.name for p in problems})
        lines = "\n".join(" ".join(str(p).split()) for p in problems)  # each on one line
        self.skipped_label.setText(f"{len(files)} data file(s) left out")
        self.skipped_label.setToolTip(lines)
        self.skipped_label.show()
        self.alert(
            "Some data could not be read",
            f"Some of bodymap's data files are damaged, so they are left out: "
            f"{', '.join(files)}. The muscles in them are missing from the list and the "
            "ranking; everything else works as usual. Please tell whoever looks after this "
            "computer.",
            lines,
        )

    def alert(self, title: str, text: str, details: str = "") -> None:
        """A warning in plain words, with the technical details one click away."""
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self
        )
        if details:
            box.setDetailedText(details)
        box.exec()

    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self.save_to(self.path)

    def save_as(self) -> bool:
        stem = self.session().file_stem()
        start = str(self.path) if self.path else str(Path(self._last_dir()) / f"{stem}{SUFFIX}")
        name, _ = QFileDialog.getSaveFileName(self, "Save session", start, SESSION_FILTER)
        if not name:
            return False
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(SUFFIX)
            # The dialog asked about the name without the suffix; ask about this one.
            if path.exists() and (
                QMessageBox.question(
                    self, "Replace file?", f"{path.name} already exists. Replace it?"
                )
                != QMessageBox.StandardButton.Yes
            ):
                return False
        return self.save_to(path)

    def save_to(self, path: Path) -> bool:
        try:
            save_session(path, self.session())
        except SessionError as exc:
            self.alert("Cannot save", exc.plain, str(exc))
            return False
        self.path = path
        self._remember_dir(path)
        self._mark_saved()
        self._update_title()
        self.statusBar().showMessage(f"Saved {path}", 4000)
        clean_stale_temp_files(path)  # what a save killed long ago left beside it
        return True

    def _export_start(self, suffix: str) -> str:
        return str(Path(self._last_dir()) / f"{self.session().file_stem()}{suffix}")

    def export_dialog(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Export",
            self._export_start(".png"),
            "PNG image (*.png);;PDF (*.pdf);;SVG (*.svg)",
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> bool:
        from bodymap.gui.render import render_to_file

        if path.suffix.lower() not in (".png", ".pdf", ".svg"):
            path = path.with_suffix(".png")
        pattern = self.state.pattern()
        existed = path.exists()
        session = self.session()
        try:
            render_to_file(
                self.bm,
                self.model.drawing,
                pattern,
                list(self.scenes),
                path,
                labels=self.labels_action.isChecked(),
                patient=session.patient,
                date=session.date,
            )
        except (BodymapError, OSError) as exc:
            _remove_partial(path, existed)
            self.alert("Cannot export", NOT_WRITTEN.format(what="picture"), str(exc))
            return False
        self.statusBar().showMessage(f"Exported {path}", 4000)
        return True

    def _flag_texts(self) -> list[tuple[str, str]]:
        return [(f.title, f.advice) for f in self.model.red_flags()]

    def handout_dialog(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Save handout", self._export_start("-handout.pdf"), "PDF (*.pdf)"
        )
        if name:
            self.save_handout(Path(name))

    def save_handout(self, path: Path) -> bool:
        from bodymap.gui.handout import render_handout

        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        existed = path.exists()
        try:
            render_handout(self.bm, self.session(), path, flags=self._flag_texts())
        except (BodymapError, OSError) as exc:
            _remove_partial(path, existed)
            self.alert("Cannot save the handout", NOT_WRITTEN.format(what="handout"), str(exc))
            return False
        self.statusBar().showMessage(f"Saved the handout to {path}", 4000)
        return True

    def print_handout(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from bodymap.gui.handout import handout_content, handout_page_layout, print_handout

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(handout_page_layout())
        printer.setDocName(self.session().file_stem())
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Print handout")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            content = handout_content(self.bm, self.session(), flags=self._flag_texts())
            print_handout(printer, content)
        except BodymapError as exc:
            self.alert("Cannot print", str(exc))
            return
        self.statusBar().showMessage("Sent the handout to the printer", 4000)

    def confirm_discard(self) -> bool:
        """True when there is nothing unsaved, or the user chose to save or discard it."""
        if not self.is_modified():
            return True
        answer = QMessageBox.question(
            self,
            "Unsaved changes",
            "This session has changes that are not saved. Save them first?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # ----- autosave and recovery -----------------------------------------------------
    def _schedule_autosave(self) -> None:
        """Autosave ``AUTOSAVE_MS`` after the last change, and at least every
        ``AUTOSAVE_MAX_WAIT`` delays while the changes keep coming."""
        if self._autosaver is None:
            return
        delay = self._autosave_timer.interval()
        now = time.monotonic()
        if not self._autosave_timer.isActive():
            self._autosave_deadline = now + delay * self.AUTOSAVE_MAX_WAIT / 1000
        left = max(0, round((self._autosave_deadline - now) * 1000))
        self._autosave_timer.start(min(delay, left))

    def autosave(self, wait: bool = False) -> None:
        """Put the drawing aside for recovery if it changed since the last time, in a
        worker thread (painting goes on); with nothing unsaved, remove what was put
        aside. ``wait``: return once it is on disk (a crash, a close)."""
        recovery, autosaver = self.recovery, self._autosaver
        if recovery is None or autosaver is None:
            return
        self._autosave_timer.stop()
        job: Callable[[], object] | None = None
        if self.is_modified():
            snapshot = (self.session(), self.path)
            if snapshot != self._autosaved:
                self._autosaved, self._aside = snapshot, True
                job = functools.partial(recovery.write, *snapshot)
        elif self._aside:
            self._autosaved, self._aside = None, False
            job = recovery.discard
        if job is None and not wait:
            return
        future = autosaver.submit(job or _nothing)
        if job is not None:
            future.add_done_callback(self._autosave_done)
        if wait:  # behind whatever the thread is writing
            concurrent.futures.wait([future], timeout=RESCUE_SECONDS)

    def _autosave_done(self, future: concurrent.futures.Future[object]) -> None:
        """In the autosave thread: tell the window (Qt queues the signal)."""
        with contextlib.suppress(RuntimeError):  # the window is gone
            self.autosaveFinished.emit(future.exception())

    def _on_autosave_finished(self, error: object) -> None:
        if error is None:
            if self._autosave_failing:
                self._autosave_failing = False
                log.info("autosave works again")
                self.statusBar().showMessage("The drawing is put aside for recovery again.", 6000)
            return
        self._autosaved = None  # try again after the next change
        if not self._autosave_failing:  # once, not every few seconds
            self._autosave_failing = True
            log.warning("autosave failed: %s", error)
            self.statusBar().showMessage(AUTOSAVE_FAILED, 20000)

    def rescue(self) -> None:
        """After an unexpected error: put the drawing aside now."""
        self.autosave(wait=True)

    def offer_recovery(self) -> bool:
        """At start: offer back each drawing a bodymap left when it did not exit
        cleanly, newest first; True when one was restored."""
        if self.recovery is None:
            return False
        entries = self.recovery.recoverable()
        for i, entry in enumerate(entries):
            if self.ask_restore(entry):
                restored = self.restore(entry)
                for other in entries[i + 1 :]:  # offered again next time
                    self.recovery.release(other.name)
                return restored
            self.recovery.forget(entry.name)
        return False

    def ask_restore(self, entry: Recoverable) -> bool:
        """Ask whether to restore a drawing left behind; True: restore it."""
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Restore the drawing?",
            f"bodymap closed unexpectedly. Restore the drawing from {_when(entry.saved)}?",
            QMessageBox.StandardButton.NoButton,
            self,
        )
        what = [f"{len(entry.session.marks)} mark{'s' if len(entry.session.marks) != 1 else ''}"]
        if entry.session.patient:
            what.insert(0, entry.session.patient)
        if entry.file:
            what.append(f"from {entry.file.name}")
        box.setInformativeText(
            f"{', '.join(what)}. Discard deletes the drawing put aside for good."
        )
        restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(restore)
        box.setEscapeButton(restore)  # closing the question must not throw the drawing away
        box.exec()
        return box.clickedButton() is restore

    def restore(self, entry: Recoverable) -> bool:
        """Show a drawing left behind, unsaved, with the file it belonged to."""
        assert self.recovery is not None
        session = entry.session
        try:
            PainDrawing(self.bm.atlas, session.marks)  # every mark can be applied
        except Exception as exc:
            self.recovery.release(entry.name)
            self.alert(
                "Cannot restore the drawing",
                "The drawing put aside could not be restored. It is kept; your current "
                "drawing is unchanged.",
                str(exc),
            )
            return False
        self.undo.clear()
        self.model.set_marks(session.marks)
        self.path = entry.file
        self.details.set_values(session.patient, session.date, session.notes)
        self.state.reset()
        self.select(session.selected)
        self.panel.reset_zoom(everywhere=True)
        self.refresh()
        self._details_dirty = False
        self.undo.resetClean()  # unsaved until the user saves it
        self._update_modified()
        self._update_title()
        self.autosave(wait=True)  # this window's copy first, then the old one goes
        self.recovery.forget(entry.name)
        self.statusBar().showMessage(
            f"Restored the drawing from {_when(entry.saved)}. Save it to keep it.", 10000
        )
        return True

    def _close_recovery(self) -> None:
        """A clean exit: remove what was put aside and stop the autosave thread."""
        autosaver, self._autosaver = self._autosaver, None
        self._autosave_timer.stop()
        if autosaver is None or self.recovery is None:
            return
        autosaver.submit(self.recovery.close)
        autosaver.shutdown(wait=True)

    def _last_dir(self) -> str:
        value = self.settings.value("last_dir", "") if self.settings else ""
        return str(value) if value else str(Path.home())

    def _remember_dir(self, path: Path) -> None:
        if self.settings is not None:
            self.settings.setValue("last_dir", str(path.parent))

    # ----- dialogs and window events ------------------------------------------------
    @override
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.list.viewport() and event.type() == QEvent.Type.Leave:
            self._clear_preview()
        return super().eventFilter(watched, event)

    def show_red_flags(self) -> None:
        QMessageBox.information(self, "When to see a doctor", RED_FLAGS_HTML)

    def show_shortcuts(self) -> None:
        rows = "".join(
            f"<tr><td>{html.escape(a.text().replace('&', ''))}</td>"
            f"<td><b>{html.escape(a.shortcut().toString(QKeySequence.SequenceFormat.NativeText))}"
            "</b></td></tr>"
            for a in self.actions()
            if not a.shortcut().isEmpty()
        )
        QMessageBox.information(
            self, "Keyboard shortcuts", f"<table cellspacing='6'>{rows}</table>"
        )

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "About bodymap",
            "<h3>bodymap 0.1</h3><p>Marks where it hurts and lists the muscles whose trigger "
            "points most often refer pain there, from published referred-pain descriptions "
            "drawn in our own words. It is an aid to examination, not a diagnosis.</p>",
        )

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

    @override
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._layout_restored:  # docks can be sized only once they are laid out
            self._layout_restored = True
            self.default_layout()

    @override
    def closeEvent(self, event: QCloseEvent) -> None:
        if self.confirm_discard():
            if self.presentation is not None:
                self.presentation.close()
            if self.settings is not None:
                self.settings.setValue("geometry", self.saveGeometry())
                self.settings.setValue("window_state", self.saveState())
            self._close_recovery()
            event.accept()
        else:
            event.ignore()


class _SteadyAction(QAction):
    """A toolbar twin of an action with a label that keeps still; its tip says what it
    will do ("Undo Paint") and it is enabled with the action it follows."""

    def __init__(self, action: QAction, text: str, parent: QObject) -> None:
        super().__init__(text, parent)
        self._action = action
        self.triggered.connect(action.trigger)
        action.changed.connect(self._follow)  # a method: Qt disconnects it with self
        self._follow()

    def _follow(self) -> None:
        action = self._action
        if not shiboken6.isValid(action):  # the undo stack goes first at shutdown
            return
        self.setEnabled(action.isEnabled())
        keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        what = action.text().replace("&", "")
        self.setToolTip(f"{what} ({keys})" if keys else what)
        self.setStatusTip(what)


def _nothing() -> None:
    pass


def _when(moment: datetime) -> str:
    """Like "14:05 today" or "14:05 on 3 March"."""
    if moment.date() == datetime.now().date():
        return f"{moment:%H:%M} today"
    return f"{moment:%H:%M} on {moment.day} {moment:%B}"


def _remove_partial(path: Path, existed: bool) -> None:
    """A file an export began and could not finish is not a picture; remove it."""
    if not existed:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


def _fitted(size: QSize) -> QSize:
    """``size``, or less on a small screen."""
    screen = QGuiApplication.primaryScreen()
    if screen is None:
        return size
    room = screen.availableGeometry().size()
    return QSize(min(size.width(), room.width()), min(size.height(), room.height()))
