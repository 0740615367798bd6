"""Close-ups: one key zooms to the head, an arm, a hand, a knee or a foot, so that the
landmarks there are far enough apart to mark on a small laptop screen."""

from __future__ import annotations

import itertools
import math

import pytest
from PySide6.QtCore import QPointF, Qt
from pytestqt.qtbot import QtBot

from bodymap.closeups import CLOSE_UPS, close_up
from bodymap.gui.window import MainWindow

FINGERTIP_PX = 30.0
"""A fingertip on a 1366x768 laptop screen: about 8 mm at its 100 dpi."""
SAME_PLACE = {
    frozenset({"right-hand", "right-palm"}),  # the front view's older name for the palm
    frozenset({"right-anterior-elbow", "right-antecubital"}),
}
"""Two names for one place: nobody needs to tell them apart."""


def _on_screen(window: MainWindow, names: list[str]) -> dict[str, QPointF]:
    view = window.panel.current
    landmarks = view.body_scene.view.landmarks
    return {n: QPointF(view.mapFromScene(QPointF(*landmarks[n]))) for n in names if n in landmarks}


@pytest.mark.parametrize(
    ("part", "view"),
    [(c.id, v) for c in CLOSE_UPS for v in ("posterior", "anterior", "right-lateral", "plantar")],
)
def test_one_key_frames_the_part_with_its_landmarks_a_fingertip_apart(
    qtbot: QtBot, window: MainWindow, part: str, view: str
) -> None:
    c = close_up(part)
    window.resize(1366, 768)
    window.panel.show_page(view)
    qtbot.waitExposed(window)
    qtbot.keyClick(window.panel.current.viewport(), c.key, Qt.KeyboardModifier.ShiftModifier)
    box = c.box(window.bm.atlas, view, "right")
    if box is None:  # this view does not show the part: its preferred view does
        assert window.panel.page == c.preferred_view
        box = c.box(window.bm.atlas, c.preferred_view, "right")
    else:
        assert window.panel.page == view
    shown_view = window.panel.current
    assert shown_view.zoom > 1.0 and box is not None
    points = _on_screen(window, c.names(window.panel.page, "right"))
    assert len(points) >= 3
    port = shown_view.viewport().rect()
    assert all(port.contains(p.toPoint()) for p in points.values()), "a landmark is off screen"
    # Every landmark of the part's area (not only the framing ones) is a fingertip apart.
    left, top, right, bottom = box
    inside = [
        n
        for n, (x, y) in shown_view.body_scene.view.landmarks.items()
        if left <= x <= right and top <= y <= bottom
    ]
    shown = _on_screen(window, inside)
    closest, a, b = min(
        (math.dist((pa.x(), pa.y()), (pb.x(), pb.y())), a, b)
        for (a, pa), (b, pb) in itertools.combinations(shown.items(), 2)
        if frozenset({a, b}) not in SAME_PLACE
    )
    assert closest >= FINGERTIP_PX, f"{a} and {b} are {closest:.0f} px apart on {view}"


def test_the_same_key_again_shows_the_other_hand_and_ctrl_0_the_whole_body(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.resize(1366, 768)
    window.panel.show_page("posterior")
    qtbot.waitExposed(window)
    viewport = window.panel.current.viewport()
    qtbot.keyClick(viewport, "N", Qt.KeyboardModifier.ShiftModifier)
    right = window.panel.current.mapToScene(viewport.rect().center())
    assert window.panel.page == "posterior" and right.x() > 380  # the person's right, behind
    qtbot.keyClick(viewport, "N", Qt.KeyboardModifier.ShiftModifier)
    left = window.panel.current.mapToScene(viewport.rect().center())
    assert left.x() < 380 and abs(left.y() - right.y()) < 1
    assert "right hand" not in window.statusBar().currentMessage()
    qtbot.keyClick(viewport, "0", Qt.KeyboardModifier.ControlModifier)
    assert window.panel.current.zoom == 1.0


def test_a_mark_made_in_a_close_up_is_the_same_mark(qtbot: QtBot, window: MainWindow) -> None:
    window.resize(1366, 768)
    window.panel.show_page("anterior")
    qtbot.waitExposed(window)
    view = window.panel.current
    qtbot.keyClick(view.viewport(), "N", Qt.KeyboardModifier.ShiftModifier)
    thumb = view.body_scene.view.landmark("right-thumb")
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(*thumb))
    (mark,) = window.model.marks
    assert mark.view == "anterior"
    assert math.dist(mark.points[0], thumb) < 1.0
