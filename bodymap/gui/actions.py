"""Every action of the window in one table, and the menus and the toolbar as lists of
names (as napari and qutebrowser register theirs).

An action is declared once: its name, its text, its keys, the tip the status bar shows,
what it does, and whether it is checked. What it does is the name of a method of one of
the window's parts, looked up from the window when the action fires ("documents.save":
``window.documents.save()``), or a function of the window. A checkable action's method
gets whether it is now checked. The window reaches each one by name
(``window.actions["zoom_in"]``), and the shortcuts box (Ctrl+/) lists the same table.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QToolBar, QWidget

from bodymap.closeups import CLOSE_UPS, CloseUp
from bodymap.gui.views import ALL, TAB_NAMES
from bodymap.ids import VIEW_CAPTIONS, VIEWS
from bodymap.kinds import DEFAULT_INTENSITY, Intensity

if TYPE_CHECKING:
    from bodymap.gui.window import MainWindow

Keys = str | QKeySequence.StandardKey
Slot = str | Callable[["MainWindow"], object]
STD = QKeySequence.StandardKey
NATIVE = QKeySequence.SequenceFormat.NativeText


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    slot: Slot
    keys: tuple[Keys, ...] = ()
    tip: str = ""
    """The status tip (and the tool tip, with the keys); the text without "&" and "…"
    when empty."""
    checkable: bool = False
    group: str = ""
    """Checkable actions of one group are exclusive; "pages" are the view tabs."""
    checked: bool = False


UNDO, REDO = "undo.undo", "undo.redo"
"""The undo stack makes these two itself: their text names the step ("Undo Paint")."""
PAGES = (*VIEWS, ALL)
INTENSITY_KEYS = {Intensity.MILD: "1", Intensity.MODERATE: "2", Intensity.SEVERE: "3"}


def _intensity(level: Intensity) -> ActionSpec:
    return ActionSpec(
        level.value,
        level.value.capitalize(),
        lambda w: w.tools.set_intensity(level),
        (INTENSITY_KEYS[level],),
        f"Paint {level.value} pain",
        checkable=True,
        group="intensity",
        checked=level is DEFAULT_INTENSITY,
    )


def _close_up(part: CloseUp) -> ActionSpec:
    again = " (again: the other side)" if part.sided else ""
    return ActionSpec(
        f"closeup_{part.id}",
        f"Close-up: {part.title.lower()}",
        lambda w: w.show_close_up(part),
        (f"Shift+{part.key}",),
        f"Zoom to the {part.title.lower()}{again}",
    )


def _page(page: str) -> ActionSpec:
    return ActionSpec(
        f"page_{page}",
        TAB_NAMES[page],
        lambda w: w.panel.show_page(page),
        tip=VIEW_CAPTIONS.get(page, "All views side by side"),
        group="pages",
    )


ACTIONS: tuple[ActionSpec, ...] = (
    # file
    ActionSpec("new", "&New session", "documents.new_session", (STD.New,)),
    ActionSpec("open", "&Open…", "documents.open_dialog", (STD.Open,)),
    ActionSpec(
        "visits",
        "&Visits…",
        "show_visits",
        ("Ctrl+Shift+V",),
        "Compare one patient's sessions over time",
    ),
    ActionSpec("save", "&Save", "documents.save", (STD.Save,)),
    ActionSpec("save_as", "Save &as…", "documents.save_as", (STD.SaveAs,)),
    ActionSpec(
        "export",
        "&Export image or PDF…",
        "exports.export_dialog",
        ("Ctrl+E",),
        "Save the body map as a picture",
    ),
    ActionSpec(
        "handout",
        "Save &handout as PDF…",
        "exports.handout_dialog",
        ("Ctrl+Shift+E",),
        "A one-page summary for the patient to take home",
    ),
    ActionSpec(
        "print",
        "&Print handout…",
        "exports.print_handout",
        (STD.Print,),
        "Print the one-page handout",
    ),
    ActionSpec("quit", "&Quit", "close", ("Ctrl+Q",)),
    # edit
    ActionSpec("undo", "&Undo", UNDO, (STD.Undo,)),
    # The platform's redo key varies (Ctrl+Y on Windows, Ctrl+Shift+Z elsewhere, and
    # none at all without a desktop theme): offer both everywhere.
    ActionSpec("redo", "&Redo", REDO, ("Ctrl+Shift+Z", "Ctrl+Y")),
    ActionSpec(
        "clear", "&Clear all marks", "tools.clear", ("Ctrl+Shift+Backspace",), "Remove every mark"
    ),
    ActionSpec("preferences", "Pre&ferences…", "preferences_dialog", ("Ctrl+,",)),
    # painting
    ActionSpec(
        "paint",
        "&Paint",
        lambda w: w.tools.set_erasing(False),
        ("P",),
        "Mark where it hurts",
        checkable=True,
        group="tools",
        checked=True,
    ),
    ActionSpec(
        "erase",
        "&Eraser",
        lambda w: w.tools.set_erasing(True),
        ("E",),
        "Rub out painted area",
        checkable=True,
        group="tools",
    ),
    ActionSpec("smaller", "Smaller brush", lambda w: w.tools.step_radius(-1), ("[",)),
    ActionSpec("larger", "Larger brush", lambda w: w.tools.step_radius(1), ("]",)),
    *(_intensity(level) for level in INTENSITY_KEYS),
    # the view
    ActionSpec(
        "labels",
        "Landmark &labels",
        "tools.show_labels",
        ("L",),
        "Show the names of the main landmarks",
        checkable=True,
    ),
    ActionSpec("zoom_in", "Zoom &in", lambda w: w.panel.zoom_by(1.25), (STD.ZoomIn,)),
    ActionSpec("zoom_out", "Zoom &out", lambda w: w.panel.zoom_by(0.8), (STD.ZoomOut,)),
    ActionSpec("fit", "&Fit body to window", lambda w: w.panel.reset_zoom(), ("Ctrl+0",)),
    *(_close_up(part) for part in CLOSE_UPS),
    *(_page(page) for page in PAGES),
    ActionSpec("full_screen", "F&ull screen", "toggle_full_screen", ("F11",), checkable=True),
    ActionSpec(
        "present",
        "&Presentation mode",
        "display.start_presentation",
        ("F5",),
        "Show one muscle at a time in large type, full screen",
    ),
    # the muscle shown
    ActionSpec(
        "hide_pattern",
        "&Hide pattern",
        "display.hide_pattern",
        ("Esc",),
        "Hide the muscle's pattern",
    ),
    ActionSpec(
        "next_trp",
        "&Next trigger point",
        lambda w: w.state.step_trigger_point(1),
        ("T",),
        "Show the muscle's trigger points one at a time",
    ),
    ActionSpec(
        "previous_trp",
        "Pre&vious trigger point",
        lambda w: w.state.step_trigger_point(-1),
        ("Shift+T",),
    ),
    ActionSpec(
        "whole_pattern",
        "&Whole pattern",
        "state.show_whole_pattern",
        ("W",),
        "Show every trigger point",
    ),
    ActionSpec(
        "compare",
        "&Compare",
        "display.set_comparing",
        ("C",),
        "Compare up to three muscles: turn on, then click the muscles",
        checkable=True,
    ),
    ActionSpec(
        "find",
        "&Find a muscle…",
        "find_muscle",
        (STD.Find,),
        "Search the muscles by name or place",
    ),
    # the questions
    ActionSpec(
        "answer_yes",
        "Answer &yes",
        lambda w: w.questions_panel.answer_first("yes"),
        ("Y",),
        "Answer yes to the first question in the Questions panel",
    ),
    ActionSpec(
        "answer_no",
        "Answer &no",
        lambda w: w.questions_panel.answer_first("no"),
        ("N",),
        "Answer no to the first question in the Questions panel",
    ),
    ActionSpec(
        "answer_skip",
        "&Skip the question",
        lambda w: w.questions_panel.answer_first("skip"),
        ("S",),
        "Ask the first question later",
    ),
    # help
    ActionSpec("red_flags", "When to see a &doctor", "dialogs.show_red_flags", (STD.HelpContents,)),
    ActionSpec("shortcuts", "&Keyboard shortcuts", "dialogs.show_shortcuts", ("Ctrl+/",)),
    ActionSpec("about", "&About bodymap", "dialogs.show_about"),
)
"""Every action, in the order the shortcuts box lists them."""

SEPARATOR = "-"
ALL_PAGES = "pages"
"""In a menu: an action for each view tab the window has, Ctrl+1 for the first."""
PANELS = "panels"
"""In a menu: the submenu that shows and hides the panels."""
BRUSH = "brush"
"""In the toolbar: the brush size box."""

MENUS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "&File",
        (
            *("new", "open", "save", "save_as", "-", "visits", "-"),
            *("print", "handout", "export", "-", "quit"),
        ),
    ),
    ("&Edit", ("undo", "redo", "-", "clear", "-", "preferences")),
    ("&Tools", ("paint", "erase", "smaller", "larger", "-", "mild", "moderate", "severe")),
    (
        "&Muscle",
        (
            *("find", "next_trp", "previous_trp", "whole_pattern", "compare", "hide_pattern"),
            *("-", "answer_yes", "answer_no", "answer_skip"),
        ),
    ),
    (
        "&View",
        (
            *(ALL_PAGES, "-", "labels", "zoom_in", "zoom_out", "fit", "-"),
            *(f"closeup_{part.id}" for part in CLOSE_UPS),
            "-",
            *("full_screen", "present", PANELS),
        ),
    ),
    ("&Help", ("red_flags", "shortcuts", "about")),
)
TOOLBAR: tuple[str, ...] = (
    *("paint", "erase", BRUSH, "-", "mild", "moderate", "severe", "-"),
    *("undo", "redo", "clear", "-", "labels", "fit", "-", "compare", "present", "print"),
)
STEADY = {"undo": "Undo", "redo": "Redo"}
"""On the toolbar these show a label that keeps still (see :class:`SteadyAction`)."""


class Actions(dict[str, QAction]):
    """The window's actions by name (``window.actions["zoom_in"]``), in the table's order.

    Called, as ``QWidget.actions()`` would be, it gives them all.
    """

    def __call__(self) -> list[QAction]:
        return list(self.values())

    def shortcuts(self) -> list[tuple[str, str]]:
        """(what, keys) of every action with keys, in the table's order."""
        rows = []
        for name, action in self.items():
            keys = ", ".join(k.toString(NATIVE) for k in action.shortcuts())
            if keys:
                rows.append((_spec(name).text.replace("&", ""), keys))
        return rows


def _spec(name: str) -> ActionSpec:
    return next(spec for spec in ACTIONS if spec.name == name)


def build_actions(window: MainWindow, pages: Sequence[str]) -> Actions:
    """The window's actions; a view tab's (Ctrl+1 …) only for the ``pages`` it has."""
    actions = Actions()
    groups: dict[str, QActionGroup] = {}
    numbers = {page: number for number, page in enumerate(pages, 1)}
    for spec in ACTIONS:
        keys = spec.keys
        if spec.group == "pages":
            page = spec.name.removeprefix("page_")
            if page not in numbers:
                continue
            keys = (f"Ctrl+{numbers[page]}",)
        action = _make(window, spec, keys)
        if spec.group and spec.checkable:
            groups.setdefault(spec.group, QActionGroup(window)).addAction(action)
        action.setChecked(spec.checked)
        actions[spec.name] = action
    return actions


def _make(window: MainWindow, spec: ActionSpec, keys: tuple[Keys, ...]) -> QAction:
    sequences = [QKeySequence(k) for k in keys]
    if spec.slot in (UNDO, REDO):
        make = window.undo.createUndoAction if spec.slot == UNDO else window.undo.createRedoAction
        action = make(window, spec.text)
        action.setShortcuts(sequences)
        return action
    action = QAction(spec.text, window)
    action.setShortcuts(sequences)
    tip = spec.tip or spec.text.replace("&", "").rstrip("…")
    action.setStatusTip(tip)
    shown = action.shortcut().toString(NATIVE)
    action.setToolTip(f"{tip} ({shown})" if shown else tip)
    action.setCheckable(spec.checkable)
    action.triggered.connect(functools.partial(_fire, window, spec, action))
    window.addAction(action)
    return action


def _fire(window: MainWindow, spec: ActionSpec, action: QAction) -> None:
    """Do what ``spec`` says, looked up now (so what a part holds when it fires counts).
    (PySide passes a partial none of the signal's arguments: ``checked`` is read here.)"""
    if callable(spec.slot):
        spec.slot(window)
    elif spec.checkable:
        lookup(window, spec.slot)(action.isChecked())
    else:
        lookup(window, spec.slot)()


def lookup(window: MainWindow, slot: str) -> Callable[..., object]:
    """The method a slot names ("documents.save": ``window.documents.save``)."""
    target: object = window
    for name in slot.split("."):
        target = getattr(target, name)
    if not callable(target):
        raise TypeError(f"{slot} is not a method")
    return target


def build_menus(bar: QMenuBar, actions: Actions) -> QMenu:
    """Fill the menu bar from :data:`MENUS`; returns the *Panels* submenu."""
    panels: QMenu | None = None
    for title, names in MENUS:
        menu = bar.addMenu(title)
        for name in names:
            if name == SEPARATOR:
                menu.addSeparator()
            elif name == ALL_PAGES:
                menu.addActions(
                    [actions[s.name] for s in ACTIONS if s.name in actions and s.group == "pages"]
                )
            elif name == PANELS:
                panels = menu.addMenu("&Panels")
            else:
                menu.addAction(actions[name])
    assert panels is not None
    return panels


class ToolBar(QToolBar):
    """The toolbar of :data:`TOOLBAR`, with the brush size box in it."""

    def __init__(self, window: MainWindow, actions: Actions, brush: QWidget) -> None:
        super().__init__("Tools", window)
        self.setObjectName("tools")
        self.setMovable(False)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.setAccessibleName("Tools")
        self.steady: dict[str, SteadyAction] = {}
        for name in TOOLBAR:
            if name == SEPARATOR:
                self.addSeparator()
            elif name == BRUSH:
                self.addWidget(brush)
            elif name in STEADY:
                self.steady[name] = SteadyAction(actions[name], STEADY[name], window)
                self.addAction(self.steady[name])
            else:
                self.addAction(actions[name])


class SteadyAction(QAction):
    """A toolbar twin of an action with a label that keeps still; its tip says what it
    will do ("Undo Paint") and it is enabled with the action it follows.

    The menu says what will be undone ("Undo Paint"); on the toolbar a label that
    changed length with every step would shift every button after it.
    """

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
        keys = action.shortcut().toString(NATIVE)
        what = action.text().replace("&", "")
        self.setToolTip(f"{what} ({keys})" if keys else what)
        self.setStatusTip(what)
