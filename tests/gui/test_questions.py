"""The Questions panel and the press test in the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from bodymap.files.session import load_session
from bodymap.gui.window import MainWindow

BELT = ["posterior:right-iliac-crest", "posterior:right-upper-buttock", "posterior:right-psis"]


def _top(window: MainWindow) -> str:
    return window.display.candidates[0].muscle


def _paint(window: MainWindow) -> None:
    for mark in window.bm.marks(BELT):
        window.tools.add_mark(mark)


def test_two_answers_change_the_top_candidate_and_undo_takes_them_back(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
) -> None:
    _paint(window)
    assert _top(window) == "gluteus_medius"
    panel = window.questions_panel
    assert panel.order, "questions are offered once there are candidates"
    # The questions that tell the leaders apart come before the rest.
    assert {"worse-turning-in-bed", "worse-lying-on-side", "worse-walking"} & set(panel.order[:4])
    panel.answer("worse-turning-in-bed", "yes")
    panel.answer("worse-coughing", "yes")
    assert _top(window) == "quadratus_lumborum"
    reason = window.display.candidates[0].plain_reason
    assert "Fits better because the pain is worse when rolling over in bed" in reason
    assert window.model.answers.replies == {"worse-turning-in-bed": "yes", "worse-coughing": "yes"}
    # Saved with the session, and read back.
    path = tmp_path / "answers.bodymap"
    window.documents.save_to(path)
    assert load_session(path).answers == window.model.answers
    window.undo.undo()
    window.undo.undo()
    assert _top(window) == "gluteus_medius" and not window.model.answers


def test_the_keys_answer_the_first_question_shown(qtbot: QtBot, window: MainWindow) -> None:
    _paint(window)
    panel = window.questions_panel
    first, second = panel.order[0], panel.order[1]
    qtbot.keyClick(window.panel.current.viewport(), Qt.Key.Key_S)  # skip: asked later
    assert panel.order[0] == second and first not in panel.order[:1]
    qtbot.keyClick(window.panel.current.viewport(), Qt.Key.Key_Y)
    assert window.model.answers.replies == {second: "yes"}
    qtbot.keyClick(window.panel.current.viewport(), Qt.Key.Key_N)
    assert len(window.model.answers.replies) == 2 and "no" in window.model.answers.replies.values()


def test_numbness_warns_and_moves_no_muscle(qtbot: QtBot, window: MainWindow) -> None:
    _paint(window)
    before = [(c.muscle, round(c.score, 9)) for c in window.display.candidates]
    window.questions_panel.answer("numbness", "yes")
    after = [(c.muscle, round(c.score, 9)) for c in window.display.candidates]
    assert after == before
    assert any(f.id == "nerve_signs" for f in window.model.red_flags())


def test_the_press_test_is_recorded_from_the_card(qtbot: QtBot, window: MainWindow) -> None:
    _paint(window)
    window.display.select(("quadratus_lumborum", "right"))
    assert window.card_panel.press.isVisibleTo(window.card_panel)
    window.card_panel.press_buttons["yes"].click()
    assert window.model.answers.pressed == {("quadratus_lumborum", "right"): "yes"}
    assert _top(window) == "quadratus_lumborum"
    assert window.card_panel.press_buttons["yes"].isChecked()
    window.card_panel.press_buttons[""].click()  # not tried
    assert not window.model.answers.pressed
