"""The window in front of a patient: browse, demonstrate, compare, describe, fit."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, QSettings, QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QStyleOptionViewItem,
    QTextBrowser,
    QTreeView,
)
from pytestqt.qtbot import QtBot

from bodymap import BodyMap
from bodymap.files.session import load_session
from bodymap.gui import theme
from bodymap.gui.browser import MuscleRole
from bodymap.gui.prefs import Preferences
from bodymap.gui.state import Key
from bodymap.gui.window import DEFAULT_SIZE, MainWindow
from bodymap.kinds import Intensity
from tests.gui.test_window import click_landmark


def shown(window: MainWindow) -> tuple[str, str] | None:
    pattern = window.panel.current_scene.pattern.pattern
    return (pattern.muscle.id, pattern.side) if pattern else None


# ----- demonstrate ---------------------------------------------------------------------
def test_the_browser_finds_muscles_by_where_it_hurts(window: MainWindow) -> None:
    browser = window.browser
    every = browser.visible_muscles()
    assert len(every) == len(window.bm.catalogue)
    browser.search.setText("calf")
    found = browser.visible_muscles()
    assert {"gastrocnemius", "soleus"} <= set(found)
    assert "upper_trapezius" not in found and len(found) < len(every)
    browser.search.setText("TRAPEZ")  # by name, any case (and triceps, whose card names it)
    trapezius = {"upper_trapezius", "middle_trapezius", "lower_trapezius"}
    assert trapezius <= set(browser.visible_muscles()) and len(browser.visible_muscles()) <= 5


def test_choosing_a_muscle_in_the_browser_names_it_on_the_diagram(
    qtbot: QtBot, window: MainWindow
) -> None:
    browser = window.browser
    browser.search.setText("soleus")
    group = browser.proxy.index(0, 0)
    index = browser.proxy.index(0, 0, group)
    assert index.data(MuscleRole) == "soleus"
    browser.tree.setCurrentIndex(index)
    assert shown(window) == ("soleus", "right")
    assert window.panel.legend.isVisible() and window.panel.legend.title == "Soleus (right)"
    browser.sides.button(1).click()  # Left
    assert shown(window) == ("soleus", "left")
    assert window.panel.legend.title == "Soleus (left)"
    assert "Soleus (left)" in window.card_panel.card.toPlainText()


def test_trigger_points_step_one_at_a_time(qtbot: QtBot, window: MainWindow) -> None:
    window.display.select(("gluteus_medius", "right"))
    whole = window.panel.current_scene.pattern.pattern
    assert whole is not None and len(whole.trigger_points) == 3
    seen = []
    for _ in range(3):
        qtbot.keyClick(window, Qt.Key.Key_T)
        pattern = window.panel.current_scene.pattern.pattern
        assert pattern is not None and len(pattern.trigger_points) == 1
        seen.append(pattern.trigger_points[0].id)
        assert window.panel.legend.subtitle.startswith(f"Trigger point {len(seen)} of 3")
    assert seen == ["trp1", "trp2", "trp3"]
    qtbot.keyClick(window, Qt.Key.Key_T)  # past the last: the whole pattern again
    assert window.panel.current_scene.pattern.pattern is whole
    qtbot.keyClick(window, Qt.Key.Key_T, Qt.KeyboardModifier.ShiftModifier)
    assert window.panel.current_scene.pattern.pattern.trigger_points[0].id == "trp3"


def test_presentation_mode_steps_through_the_ranked_muscles(
    qtbot: QtBot, window: MainWindow
) -> None:
    click_landmark(qtbot, window, "right-psis")
    ranked = [(c.muscle, c.side) for c in window.display.candidates]
    window.actions["present"].trigger()
    shows = window.display.presentation
    assert shows is not None and shows.isVisible() and shows.isFullScreen()
    qtbot.waitActive(shows)  # the keys go to it, not to the window behind
    assert window.state.selected == ranked[0]
    assert shows.title.text().startswith(window.bm.catalogue.muscle(ranked[0][0]).name)
    assert shows.title.font().pointSizeF() >= 24 and shows.card.font().pointSizeF() >= 16
    qtbot.keyClick(shows, Qt.Key.Key_Right)
    assert window.state.selected == ranked[1]
    qtbot.keyClick(shows, Qt.Key.Key_Left)
    qtbot.keyClick(shows, Qt.Key.Key_Left)
    assert window.state.selected == ranked[-1]  # wraps round
    qtbot.keyClick(shows, Qt.Key.Key_Right)
    qtbot.keyClick(shows, Qt.Key.Key_Down)
    assert window.state.trigger_point is not None
    assert "Trigger point 1 of" in shows.subtitle.text()
    qtbot.keyClick(shows, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.display.presentation is None)
    assert window.state.selected == ranked[0]  # what was shown stays shown


def test_full_screen_toggles_with_f11(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert window.isFullScreen()
    qtbot.keyClick(window, Qt.Key.Key_F11)
    assert not window.isFullScreen()


# ----- compare -------------------------------------------------------------------------
def test_three_muscles_compared_in_their_own_colours(qtbot: QtBot, window: MainWindow) -> None:
    keys: list[Key] = [
        ("gluteus_medius", "right"),
        ("piriformis", "right"),
        ("gluteus_minimus", "right"),
    ]
    click_landmark(qtbot, window, "right-upper-outer-buttock")
    window.display.compare(keys)
    compared = window.panel.current_scene.compared.patterns
    assert [(p.muscle.id, p.side) for p in compared] == keys
    assert window.panel.current_scene.pattern.pattern is None  # no single pattern in red on top
    legend = window.panel.legend
    assert legend.title == "Comparing"
    rows = [e for e in legend.entries if e[0] == "compare"]
    assert [text for _, _, text in rows] == [
        "Gluteus medius (right)",
        "Piriformis (right)",
        "Gluteus minimus (right)",
    ]
    assert [index for _, index, _ in rows] == [0, 1, 2]  # three colours and line styles
    assert any(e[0] == "pain" for e in legend.entries)  # over the patient's own drawing
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert not window.state.comparing and window.panel.current_scene.compared.patterns == ()


def test_in_compare_mode_clicking_candidates_adds_them(qtbot: QtBot, window: MainWindow) -> None:
    click_landmark(qtbot, window, "right-psis")
    window.candidates_panel.list.setCurrentIndex(window.candidates_panel.model.index(0))
    qtbot.keyClick(window, Qt.Key.Key_C)
    assert window.state.comparing
    for row in (1, 2, 3):
        window.candidates_panel.list.setCurrentIndex(window.candidates_panel.model.index(row))
    assert len(window.state.compared) == 3  # the fourth was refused
    assert "Up to 3" in window.statusBar().currentMessage()
    qtbot.keyClick(window, Qt.Key.Key_C)
    assert not window.state.comparing and window.panel.current_scene.pattern.pattern is not None


# ----- pain detail ---------------------------------------------------------------------
def test_a_severe_mark_outweighs_a_mild_one(qtbot: QtBot, window: MainWindow) -> None:
    def first_after(calf: Qt.Key, neck: Qt.Key) -> str:
        window.tools.clear()
        qtbot.keyClick(window, calf)
        click_landmark(qtbot, window, "right-calf-mid")
        qtbot.keyClick(window, neck)
        click_landmark(qtbot, window, "right-upper-trapezius")
        return window.display.candidates[0].muscle

    calf_first = first_after(Qt.Key.Key_3, Qt.Key.Key_1)
    neck_first = first_after(Qt.Key.Key_1, Qt.Key.Key_3)
    assert calf_first in {"gastrocnemius", "soleus"}
    assert neck_first in {"upper_trapezius", "levator_scapulae"}
    levels = [m.intensity for m in window.model.marks]
    assert levels == [Intensity.MILD, Intensity.SEVERE]
    assert {lv for lv, _, _ in window.panel.current_scene.pain.paths} == {
        Intensity.MILD,
        Intensity.SEVERE,
    }


def test_name_date_and_notes_round_trip(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    click_landmark(qtbot, window, "right-psis")
    details = window.details
    qtbot.keyClicks(details.name, "Jane Doe")
    assert window.isWindowModified()
    details.set_values("Jane Doe", "2026-11-21", "")
    qtbot.keyClicks(details.notes, "worse on stairs")
    path = tmp_path / "jane.bodymap"
    assert window.documents.save_to(path)
    assert not window.isWindowModified()
    saved = load_session(path)
    assert (saved.patient, saved.date, saved.notes) == ("Jane Doe", "2026-11-21", "worse on stairs")
    window.documents.new_session()
    assert details.values()[0] == "" and details.values()[2] == ""
    assert window.documents.open_path(path)
    assert details.values() == ("Jane Doe", "2026-11-21", "worse on stairs")
    assert "Jane Doe" in window.windowTitle()
    assert window.documents.session().file_stem() == "bodymap-Jane-Doe-2026-11-21"


# ----- explain -------------------------------------------------------------------------
def test_the_card_says_why_in_plain_words(qtbot: QtBot, window: MainWindow) -> None:
    click_landmark(qtbot, window, "right-psis")
    assert window.candidates_panel.hint.isVisible()
    assert "Click a muscle" in window.candidates_panel.hint.text()
    window.candidates_panel.list.setCurrentIndex(window.candidates_panel.model.index(0))
    text = window.card_panel.card.toPlainText()
    best = window.display.candidates[0]
    assert best.plain_reason in text
    assert f"{best.fit.capitalize()} fit." in text
    assert text.index(best.name) < text.index(best.plain_reason)  # under the heading
    # Another stroke changes the figures: the card says the new ones, once.
    click_landmark(qtbot, window, "right-iliac-crest")
    now = window.display.candidate(window.state.selected)
    assert now is not None and now.reason != best.reason
    text = window.card_panel.card.toPlainText()
    assert now.reason in text and best.reason not in text
    assert text.count("For clinicians") == 1
    # Just as a card shown afresh for the new figures would be.
    shown = window.card_panel.card.document().toHtml()
    window.card_panel.clear_card()
    window.display.show_card()
    assert window.card_panel.card.document().toHtml() == shown
    # Clearing the drawing lists nothing, and the card says no more why.
    window.actions["clear"].trigger()
    assert not window.display.candidates
    assert "For clinicians" not in window.card_panel.card.toPlainText()


def test_warning_signs_follow_where_the_pain_is(qtbot: QtBot, window: MainWindow) -> None:
    flags = window.candidates_panel.flags
    click_landmark(qtbot, window, "right-psis")
    assert not flags.isVisible()
    click_landmark(qtbot, window, "right-calf-mid")
    assert flags.isVisible() and "calf" in flags.text().lower()
    window.actions["undo"].trigger()
    assert not flags.isVisible()


# ----- a window that fits --------------------------------------------------------------
def test_six_candidates_show_at_the_default_size(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(DEFAULT_SIZE)
    window.default_layout()
    qtbot.wait(50)
    for name in ("right-psis", "right-mid-buttock", "right-greater-trochanter"):
        click_landmark(qtbot, window, name)
    assert window.candidates_panel.model.rowCount() >= 6
    viewport = window.candidates_panel.list.viewport().rect()
    whole = [
        r
        for r in range(window.candidates_panel.model.rowCount())
        if viewport.contains(
            window.candidates_panel.list.visualRect(window.candidates_panel.model.index(r))
        )
    ]
    assert len(whole) >= 6


def test_a_long_name_wraps_instead_of_being_cut(window: MainWindow) -> None:
    window.tools.add_mark(window.bm.marks("posterior:right-posterior-thigh-mid")[0])
    rows = {c.muscle: r for r, c in enumerate(window.display.candidates)}
    assert "medial_hamstrings" in rows and "biceps_femoris" in rows
    option = QStyleOptionViewItem()
    window.candidates_panel.list.initViewItemOption(option)
    option.rect = QRect(0, 0, 260, 40)  # a narrow panel
    delegate = window.candidates_panel.list.itemDelegate()
    long = delegate.sizeHint(option, window.candidates_panel.model.index(rows["medial_hamstrings"]))
    short = delegate.sizeHint(option, window.candidates_panel.model.index(rows["biceps_femoris"]))
    assert long.height() > short.height()  # a second line, not an ellipsis


def test_the_window_has_a_sensible_minimum_size(window: MainWindow) -> None:
    assert window.minimumSize().width() >= 900 and window.minimumSize().height() >= 600
    window.resize(QSize(400, 300))
    assert window.width() >= 900 and window.height() >= 600


def test_dragging_with_the_middle_button_pans(qtbot: QtBot, window: MainWindow) -> None:
    view = window.panel.current
    start = view.viewport().rect().center()
    # Zooming keeps the point under the pointer; with the pointer where a test before left
    # it (near the top), the view would already be at the top, with no room to pan up.
    qtbot.mouseMove(view.viewport(), start)
    for _ in range(4):
        window.actions["zoom_in"].trigger()
    bar = view.verticalScrollBar()
    before = bar.value()
    qtbot.mousePress(view.viewport(), Qt.MouseButton.MiddleButton, pos=start)
    qtbot.mouseMove(view.viewport(), start + QPoint(0, 120))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.MiddleButton, pos=start + QPoint(0, 120))
    assert bar.value() < before
    assert window.model.marks == ()  # panning paints nothing


def test_new_session_resets_the_view(qtbot: QtBot, window: MainWindow) -> None:
    fitted = window.panel.current.transform().m11()
    window.actions["zoom_in"].trigger()
    window.display.select(("soleus", "right"))
    window.details.set_values("Someone", "2026-01-02", "notes")
    window.documents.new_session()
    assert window.panel.current.transform().m11() == fitted
    assert window.state.selected is None and window.details.values()[0] == ""


def test_preferences_are_kept(qtbot: QtBot, bm: BodyMap, tmp_path: Path) -> None:
    settings = QSettings(str(tmp_path / "prefs.ini"), QSettings.Format.IniFormat)
    Preferences(brush=40.0, start_view="anterior", theme="dark").save(settings)
    window = MainWindow(bm, settings)
    qtbot.addWidget(window)
    window.show()
    try:
        assert window.tools.radius_box.currentData() == 40.0
        assert window.panel.current_scene.radius == 40.0
        assert window.panel.page == "anterior"
        assert theme.current().name == "dark"
        qtbot.wait(20)
        window_colour = window.palette().color(QPalette.ColorRole.Window)
        assert window_colour.lightness() < 80
    finally:
        theme.apply("light")


def test_every_widget_has_an_accessible_name(window: MainWindow) -> None:
    kinds = (QLineEdit, QPlainTextEdit, QListView, QTreeView, QTextBrowser, QComboBox, QDateEdit)
    unnamed = [
        type(w).__name__
        for kind in kinds
        for w in window.findChildren(kind)
        if not w.accessibleName()
        and w.isVisibleTo(window)
        and not isinstance(w.parent(), (QDateEdit, QComboBox))
    ]
    assert unnamed == []


def test_every_menu_action_shows_a_shortcut(window: MainWindow) -> None:
    missing = []
    for menu in window.menuBar().findChildren(type(window.panels_menu)):
        if menu is window.panels_menu:
            continue
        for action in menu.actions():
            if action.isSeparator() or action.menu() or "About" in action.text():
                continue
            if action.shortcut().isEmpty():
                missing.append(action.text())
    assert missing == []


# ----- hand over a page ----------------------------------------------------------------
def test_the_handout_saves_and_prints_from_the_window(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6 import QtPrintSupport
    from PySide6.QtPrintSupport import QPrinter
    from PySide6.QtWidgets import QDialog

    from tests.gui.test_handout import pdf_pages

    click_landmark(qtbot, window, "right-psis")
    window.details.set_values("Jane Doe", "2026-11-21", "worse on stairs")
    assert window.exports.suggested_path("-handout.pdf").endswith(
        "bodymap-Jane-Doe-2026-11-21-handout.pdf"
    )
    saved = tmp_path / "handout.pdf"
    assert window.exports.save_handout(saved)
    assert pdf_pages(saved) == 1
    printed = tmp_path / "printed.pdf"

    class PrintToFile:  # the system's print dialog, answered "Print" to a PDF printer
        def __init__(self, printer: QPrinter, _parent: object) -> None:
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setOutputFileName(str(printed))

        def setWindowTitle(self, _title: str) -> None:
            pass

        def exec(self) -> QDialog.DialogCode:
            return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QtPrintSupport, "QPrintDialog", PrintToFile)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert printed.exists() and pdf_pages(printed) == 1


def test_the_browser_follows_the_muscle_shown(qtbot: QtBot, window: MainWindow) -> None:
    tree = window.browser.tree
    window.display.select(("latissimus_dorsi", "right"))
    window.display.select(("supraspinatus", "left"))
    selected = [i.data(MuscleRole) for i in tree.selectionModel().selectedIndexes()]
    assert selected == ["supraspinatus"] and window.browser.side == "left"
    assert window.state.selected == ("supraspinatus", "left")  # following it chose nothing else
