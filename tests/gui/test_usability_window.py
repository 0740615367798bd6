"""What a new user tripped over in the window, each driven as they did it (offscreen).

Clear all marks and start a new complaint; a toolbar that keeps still; a stroke that stays
on the body while it is drawn; a list that does not invite you to do what you are doing.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QToolBar, QToolButton
from pytestqt.qtbot import QtBot

from bodymap.gui.panel import EMPTY
from bodymap.gui.window import MainWindow


def _pos(window: MainWindow, x: float, y: float) -> QPoint:
    return window.panel.current.mapFromScene(QPointF(x, y))


def _click(qtbot: QtBot, window: MainWindow, view: str, landmark: str) -> None:
    window.panel.show_page(view)
    x, y = window.panel.current_scene.view.landmark(landmark)
    qtbot.mouseClick(
        window.panel.current.viewport(), Qt.MouseButton.LeftButton, pos=_pos(window, x, y)
    )


def _shown(window: MainWindow) -> set[str]:
    """The muscles whose pattern is drawn on any view."""
    return {
        scene.pattern.pattern.muscle.id
        for scene in window.scenes.values()
        if scene.pattern.pattern is not None
    }


def test_clear_all_marks_takes_the_old_answer_away_and_undo_brings_it_back(
    qtbot: QtBot, window: MainWindow
) -> None:
    # A leg drawing, and its best muscle chosen from the list.
    for landmark in ("right-lower-buttock", "right-posterior-thigh-mid", "right-calf-upper"):
        _click(qtbot, window, "posterior", landmark)
    window.candidates_panel.list.setCurrentIndex(window.candidates_panel.model.index(0))
    leg = window.candidates_panel.model.candidates[0]
    assert _shown(window) == {leg.muscle} and leg.name in window.card_panel.card.toPlainText()
    assert window.panel.legend.title

    qtbot.keyClick(
        window,
        Qt.Key.Key_Backspace,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.model.marks == ()
    assert _shown(window) == set(), "the old muscle's pattern is still on the body"
    assert window.card_panel.card.toPlainText().strip() == "" and not window.panel.legend.title
    assert window.candidates_panel.empty.isVisible()

    # A headache now: what is drawn is the answer for the headache, nothing older.
    _click(qtbot, window, "right-lateral", "right-temple")
    assert _shown(window) == set() and leg.name not in window.card_panel.card.toPlainText()

    window.actions["undo"].trigger()  # the temple mark
    window.actions["undo"].trigger()  # the clear: the leg drawing and its muscle come back
    assert len(window.model.marks) == 3
    assert _shown(window) == {leg.muscle} and leg.name in window.card_panel.card.toPlainText()
    window.actions["redo"].trigger()
    assert window.model.marks == () and _shown(window) == set()


def test_clear_all_marks_also_ends_a_comparison(qtbot: QtBot, window: MainWindow) -> None:
    _click(qtbot, window, "posterior", "right-psis")
    window.display.compare(
        [(c.muscle, c.side) for c in window.candidates_panel.model.candidates[:2]]
    )
    assert window.state.comparing
    window.actions["clear"].trigger()
    assert not window.state.comparing and all(
        not scene.compared.patterns for scene in window.scenes.values()
    )
    window.actions["undo"].trigger()
    assert window.state.comparing and len(window.state.compared) == 2


def _tool_button(window: MainWindow, text: str) -> QToolButton:
    bar = window.findChild(QToolBar, "tools")
    assert bar is not None
    buttons = [b for b in bar.findChildren(QToolButton) if b.text() == text]
    assert len(buttons) == 1, [b.text() for b in bar.findChildren(QToolButton)]
    return buttons[0]


def test_the_toolbar_keeps_still_as_the_undo_step_changes(qtbot: QtBot, window: MainWindow) -> None:
    undo = _tool_button(window, "Undo")
    clear = _tool_button(window, "Clear all marks")
    assert not undo.isEnabled()
    start = clear.mapTo(window, QPoint(0, 0))
    _click(qtbot, window, "posterior", "right-psis")
    assert undo.isEnabled() and undo.text() == "Undo"
    assert "Undo Mark" in undo.toolTip()
    window.actions["clear"].trigger()
    assert "Undo Clear all marks" in undo.toolTip()
    assert clear.mapTo(window, QPoint(0, 0)) == start, "the buttons after Undo moved"
    undo.click()  # the toolbar button undoes as the menu does
    assert len(window.model.marks) == 1


def _background_at(window: MainWindow, x: float, y: float) -> QColor:
    image = window.panel.current.viewport().grab().toImage()
    return image.pixelColor(_pos(window, x, y))


def test_a_stroke_in_progress_stays_on_the_body(qtbot: QtBot, window: MainWindow) -> None:
    view = window.panel.current_scene.view
    x0, y0 = view.landmark("right-greater-trochanter")
    off = (x0 + 150.0, y0)  # well to the side of the hip: off the body
    assert view.contains(x0, y0) and not view.contains(*off)
    before = _background_at(window, *off)
    viewport = window.panel.current.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=_pos(window, x0, y0))
    for step in range(1, 16):
        qtbot.mouseMove(viewport, _pos(window, x0 + step * 10.0, y0))
    during = _background_at(window, *off)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=_pos(window, *off))
    assert during == before, "the stroke is drawn off the body before it is let go"
    assert window.model.marks, "the part on the body is painted"


def test_the_list_does_not_invite_a_mark_while_one_is_being_drawn(
    qtbot: QtBot, window: MainWindow
) -> None:
    empty = window.candidates_panel.empty
    assert empty.isVisible() and empty.text() == EMPTY
    viewport = window.panel.current.viewport()
    x, y = window.panel.current_scene.view.landmark("right-psis")
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=_pos(window, x, y))
    qtbot.mouseMove(viewport, _pos(window, x, y + 40))
    assert empty.text() != EMPTY and "Let go" in empty.text()
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=_pos(window, x, y + 40))
    assert not empty.isVisible() and window.candidates_panel.model.rowCount() > 0


def test_a_mark_that_changes_nothing_leaves_the_list_saying_what_it_said(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Erasing bare skin changes nothing: once it is let go, the list must not still
    say "let go of the mouse"."""
    empty = window.candidates_panel.empty
    window.tools.set_erasing(True)
    viewport = window.panel.current.viewport()
    x, y = window.panel.current_scene.view.landmark("right-psis")
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=_pos(window, x, y))
    qtbot.mouseMove(viewport, _pos(window, x, y + 40))
    assert "Let go" in empty.text()
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=_pos(window, x, y + 40))
    assert not window.model.marks
    assert empty.isVisible() and empty.text() == EMPTY


def test_the_body_keeps_still_while_stepping_through_trigger_points(
    qtbot: QtBot, window: MainWindow
) -> None:
    """The legend's line for the trigger point changes with every step; the body under it
    must not jump about (it moves only if the legend would cover it)."""
    window.panel.show_page("posterior")
    window.display.select(("infraspinatus", "left"))
    view = window.panel.current
    placed = (view.transform(), view.mapToScene(QPoint(0, 0)))
    for _ in range(4):  # every trigger point, then the whole pattern again
        qtbot.keyClick(window, Qt.Key.Key_T)
        assert (view.transform(), view.mapToScene(QPoint(0, 0))) == placed
    assert window.state.trigger_point is None


def test_muscles_clicked_into_a_comparison_all_stay_highlighted(
    qtbot: QtBot, window: MainWindow
) -> None:
    """Clicked in the tree, as a clinician does, not set from code."""
    from bodymap.gui.browser import MuscleRole

    tree = window.browser.tree
    qtbot.keyClick(window, Qt.Key.Key_C)
    wanted = ["gluteus_medius", "piriformis", "gluteus_minimus"]
    for muscle in wanted:
        index = window.browser._index_of(muscle)
        tree.scrollTo(index)
        qtbot.mouseClick(
            tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualRect(index).center()
        )
        qtbot.wait(10)  # the click's own handling, then the event loop
    assert [key[0] for key in window.state.compared] == wanted
    highlighted = {i.data(MuscleRole) for i in tree.selectionModel().selectedIndexes()}
    assert highlighted == set(wanted)


def test_a_new_window_offers_no_trigger_points_to_step_through(window: MainWindow) -> None:
    assert not window.actions["previous_trp"].isEnabled()
    assert not window.actions["next_trp"].isEnabled()
    window.display.select(("gluteus_medius", "right"))
    assert window.actions["next_trp"].isEnabled()
