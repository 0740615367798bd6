"""The window, driven with the mouse and keyboard as a person would (offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

from bodymap.gui.window import MainWindow
from bodymap.marks import Intensity, Mark
from bodymap.session import load_session


def viewport_pos(window: MainWindow, x: float, y: float) -> QPoint:
    return window.body.mapFromScene(QPointF(x, y))


def click_landmark(qtbot, window: MainWindow, name: str) -> None:
    x, y = window.scene.view.landmark(name)
    qtbot.mouseClick(
        window.body.viewport(), Qt.MouseButton.LeftButton, pos=viewport_pos(window, x, y)
    )


def drag(qtbot, window: MainWindow, points: list[tuple[float, float]]) -> None:
    viewport = window.body.viewport()
    first = viewport_pos(window, *points[0])
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=first)
    for p in points[1:]:
        qtbot.mouseMove(viewport, viewport_pos(window, *p))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=viewport_pos(window, *points[-1]))


def top(window: MainWindow) -> tuple[str, str]:
    first = window.ranking.candidates[0]
    return first.muscle, first.side


def test_clicking_a_landmark_ranks_the_right_muscle_first(qtbot, window: MainWindow) -> None:
    assert window.ranking.rowCount() == 0
    assert window.candidates_panel.empty.isVisible()
    click_landmark(qtbot, window, "right-popliteal-fossa")
    assert window.ranking.rowCount() > 0
    assert window.list.isVisible()
    assert top(window)[1] == "right"
    assert top(window)[0] in {"popliteus", "gastrocnemius", "biceps_femoris"}
    assert len(window.model.marks) == 1 and window.model.marks[0].kind == "click"


def ranked(window: MainWindow) -> list[tuple[str, str, float]]:
    return [(c.muscle, c.side, round(c.score, 9)) for c in window.ranking.candidates]


def test_undo_restores_the_previous_ranking_and_redo_reapplies(qtbot, window: MainWindow) -> None:
    click_landmark(qtbot, window, "right-calf-mid")
    first = ranked(window)
    click_landmark(qtbot, window, "left-psis")
    assert ranked(window) != first
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert ranked(window) == first
    shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window, Qt.Key.Key_Z, shift)  # the README's redo key, on every platform
    assert len(window.model.marks) == 2
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)  # and Ctrl+Y
    assert len(window.model.marks) == 2


def test_painting_a_stroke_and_erasing_it(qtbot, window: MainWindow) -> None:
    view = window.scene.view
    path = [
        view.landmark(n)
        for n in ("right-gluteal-fold", "right-posterior-thigh-mid", "right-popliteal-fossa")
    ]
    drag(qtbot, window, path)
    assert window.model.marks[-1].kind == "stroke"
    painted = window.model.drawing.total_area()
    assert painted > 0 and window.ranking.rowCount() > 0
    qtbot.keyClick(window, Qt.Key.Key_E)
    assert window.erase_action.isChecked()
    drag(qtbot, window, path)
    assert window.model.marks[-1].erase
    assert window.model.drawing.total_area() < painted * 0.2


def test_selecting_a_muscle_draws_its_pattern_and_card(qtbot, window: MainWindow) -> None:
    click_landmark(qtbot, window, "right-psis")
    assert window.scene.pattern.pattern is None
    window.list.setCurrentIndex(window.ranking.index(0))
    chosen = window.ranking.candidates[0]
    shown = window.scene.pattern.pattern
    assert shown is not None and (shown.muscle.id, shown.side) == (chosen.muscle, chosen.side)
    assert chosen.name in window.card.toPlainText()
    assert "Self-care" in window.card.toPlainText()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.scene.pattern.pattern is None


def test_hovering_a_candidate_previews_its_pattern(qtbot, window: MainWindow) -> None:
    click_landmark(qtbot, window, "right-psis")
    rect = window.list.visualRect(window.ranking.index(1))
    qtbot.mouseMove(window.list.viewport(), rect.center())
    window.list.entered.emit(window.ranking.index(1))
    preview = window.scene.preview.pattern
    second = window.ranking.candidates[1]
    assert preview is not None and preview.muscle.id == second.muscle


def test_clear_is_undoable(qtbot, window: MainWindow) -> None:
    click_landmark(qtbot, window, "right-psis")
    click_landmark(qtbot, window, "right-heel")
    window.clear_action.trigger()
    assert window.model.marks == () and window.ranking.rowCount() == 0
    window.undo_action.trigger()
    assert len(window.model.marks) == 2


def test_click_outside_the_body_adds_nothing(qtbot, window: MainWindow) -> None:
    qtbot.mouseClick(
        window.body.viewport(), Qt.MouseButton.LeftButton, pos=viewport_pos(window, 20, 1300)
    )
    assert window.model.marks == ()
    assert "outside the body" in window.statusBar().currentMessage()


def test_status_line_names_the_landmark_under_the_cursor(qtbot, window: MainWindow) -> None:
    x, y = window.scene.view.landmark("right-psis")
    qtbot.mouseMove(window.body.viewport(), viewport_pos(window, x, y))
    assert window.statusBar().currentMessage() == "Back view: near R PSIS"


def test_save_and_reopen_a_session(qtbot, window: MainWindow, tmp_path: Path) -> None:
    click_landmark(qtbot, window, "right-psis")
    window.list.setCurrentIndex(window.ranking.index(0))
    chosen = (window.ranking.candidates[0].muscle, window.ranking.candidates[0].side)
    assert window.isWindowModified()
    path = tmp_path / "patient.bodymap"
    assert window.save_to(path)
    assert not window.isWindowModified()
    assert load_session(path).selected == chosen
    window.undo.clear()
    window.model.set_marks(())
    assert window.open_path(path)
    assert len(window.model.marks) == 1
    assert window.selected == chosen
    assert "patient.bodymap" in window.windowTitle()


def test_opening_a_broken_session_keeps_the_current_marks(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    click_landmark(qtbot, window, "right-psis")
    bad = tmp_path / "bad.bodymap"
    bad.write_text("{oops")
    alerts = []
    monkeypatch.setattr(window, "alert", lambda *a: alerts.append(a))
    assert not window.open_path(bad)
    ((_title, text, details),) = alerts
    assert text.startswith("This session file is damaged or incomplete")
    assert "{" not in text and "JSON" not in text  # plain words for the patient
    assert "bad.bodymap" in details and "not valid JSON" in details
    assert len(window.model.marks) == 1


def test_export_writes_an_image(window: MainWindow, tmp_path: Path) -> None:
    out = tmp_path / "map.png"
    assert window.export_to(out)
    assert out.read_bytes().startswith(b"\x89PNG")


def test_zoom_and_reset(qtbot, window: MainWindow) -> None:
    before = window.body.transform().m11()
    window.zoom_in_action.trigger()
    assert window.body.transform().m11() > before
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.body.transform().m11() == before


def test_labels_toggle(qtbot, window: MainWindow) -> None:
    assert not window.scene.labels.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_L)
    assert window.scene.labels.isVisible()


def test_closing_with_unsaved_marks_asks_first(qtbot, bm, tmp_path: Path, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    win = MainWindow(bm, None)
    qtbot.addWidget(win)
    win.show()
    click_landmark(qtbot, win, "right-psis")
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    asked = []

    def question(*args: object, **kwargs: object) -> QMessageBox.StandardButton:
        asked.append(args[2])
        return answers.pop(0)

    monkeypatch.setattr("bodymap.gui.window.QMessageBox.question", question)
    assert not win.close()  # cancelled: the window and its marks stay
    assert win.isVisible() and len(win.model.marks) == 1
    assert win.close()  # discarded
    assert len(asked) == 2 and "not saved" in asked[0]


def test_a_mark_that_adds_nothing_leaves_undo_history_intact(qtbot, window: MainWindow) -> None:
    from bodymap.gui.model import AddMarkCommand
    from bodymap.marks import Mark

    click_landmark(qtbot, window, "right-psis")
    before = window.model.marks
    # A mark wholly off the body, pushed directly as if it had slipped past the check.
    window.undo.push(AddMarkCommand(window.model, Mark("posterior", ((5.0, 5.0),), 5.0)))
    assert window.model.marks == before
    assert window.undo.count() == 1  # the empty command left the history
    window.undo_action.trigger()  # undoes the PSIS click
    assert window.model.marks == ()
    assert not window.undo.canUndo()
    window.redo_action.trigger()
    assert window.model.marks == before


def test_erasing_everything_empties_the_ranking(qtbot, window: MainWindow) -> None:
    from bodymap.marks import Mark

    # The reviewer's sequence that left "Iliocostalis thoracis 0.70" on an empty body.
    window.add_mark(Mark("posterior", ((432, 369), (419, 414)), 18))
    window.add_mark(Mark("posterior", ((425, 382), (437, 383), (427, 408)), 18))
    window.add_mark(Mark("posterior", ((434, 370),), 40, erase=True))
    window.add_mark(Mark("posterior", ((430, 405),), 40, erase=True))
    assert window.model.drawing.is_empty()
    assert window.ranking.rowCount() == 0


def test_erasing_bare_skin_leaves_no_undo_step(qtbot, window: MainWindow) -> None:
    from bodymap.marks import Mark

    window.add_mark(Mark("posterior", ((430, 450),), 18, erase=True))
    assert window.undo.count() == 0
    assert not window.isWindowModified()
    assert "bare skin" in window.statusBar().currentMessage()


def test_escape_then_clicking_the_same_candidate_shows_it_again(qtbot, window: MainWindow) -> None:
    click_landmark(qtbot, window, "right-psis")
    window.list.setCurrentIndex(window.ranking.index(0))
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.scene.pattern.pattern is None
    window.list.setCurrentIndex(window.ranking.index(0))
    assert window.scene.pattern.pattern is not None


def test_opening_keeps_notes_and_clears_a_stale_selection(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    import json

    path = tmp_path / "noted.bodymap"
    path.write_text(
        json.dumps(
            {
                "format": "bodymap-session",
                "schema_version": 1,
                "notes": "worse after tennis",
                "marks": [{"view": "posterior", "points": [[429, 666]]}],
            }
        )
    )
    window.select(("soleus", "right"))
    assert window.open_path(path)
    assert window.selected is None and window.scene.pattern.pattern is None
    assert window.save_to(path)
    assert load_session(path).notes == "worse after tennis"


def test_a_session_that_cannot_be_applied_keeps_the_current_work(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    import json

    click_landmark(qtbot, window, "right-psis")
    bad = tmp_path / "huge.bodymap"
    bad.write_text(
        json.dumps(
            {
                "format": "bodymap-session",
                "schema_version": 1,
                "marks": [{"view": "posterior", "points": [[1e308, 1e308], [-1e308, -1e308]]}],
            }
        )
    )
    monkeypatch.setattr(window, "alert", lambda *a: None)
    assert not window.open_path(bad)
    assert (
        len(window.model.marks) == 1 and window.undo.count() == 1 and window.ranking.rowCount() > 0
    )


def test_a_palm_sized_mark_where_hand_meets_thigh_is_painted(qtbot, window: MainWindow) -> None:
    from bodymap.marks import Mark

    window.add_mark(Mark("posterior", ((567.1675, 754.4222),), 40))  # once crashed the window
    assert len(window.model.marks) == 1 and window.ranking.rowCount() > 0


def test_a_preview_ends_when_the_pointer_moves_onto_the_body(qtbot, window: MainWindow) -> None:
    click_landmark(qtbot, window, "right-psis")
    window.list.setCurrentIndex(window.ranking.index(0))
    rect = window.list.visualRect(window.ranking.index(1))
    qtbot.mouseMove(window.list.viewport(), rect.center())
    window.list.entered.emit(window.ranking.index(1))
    assert window.scene.preview.pattern is not None
    qtbot.mouseMove(window.body.viewport(), window.body.viewport().rect().center())
    assert window.scene.preview.pattern is None
    assert window.scene.pattern.pattern is not None  # the selected pattern stays


def test_the_painted_area_is_one_cached_path_per_change(qtbot, window: MainWindow) -> None:
    click_landmark(qtbot, window, "right-psis")
    ((level, path, edge),) = window.scene.pain.paths
    assert level is Intensity.MODERATE and not path.isEmpty() and not edge.isEmpty()
    window.body.viewport().repaint()  # painting twice must not rebuild the path
    window.body.viewport().repaint()
    assert window.scene.pain.paths[0][1] is path
    click_landmark(qtbot, window, "right-calf-mid")
    assert window.scene.pain.paths[0][1] is not path
    assert window.scene.pain.paths[0][1].boundingRect().contains(path.boundingRect())


def test_each_view_has_a_page_and_a_key(qtbot, window: MainWindow) -> None:
    pages = window.panel.pages
    assert pages == ["posterior", "anterior", "right-lateral", "left-lateral", "all"]
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.panel.page == "anterior" and window.scene.view.name == "anterior"
    assert window.panel.tabs.tabText(1) == "Front"
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.panel.page == "all"
    assert all(v.isVisible() for v in window.panel.side_by_side.values())


def test_marks_on_several_views_rank_together(qtbot, window: MainWindow) -> None:
    window.panel.show_page("right-lateral")
    click_landmark(qtbot, window, "right-greater-trochanter")
    window.panel.show_page("anterior")
    click_landmark(qtbot, window, "right-groin")
    assert [m.view for m in window.model.marks] == ["right-lateral", "anterior"]
    views = {m.view for c in window.ranking.candidates for m in c.matches}
    assert {"right-lateral", "anterior"} <= views
    window.panel.show_page("all")
    side = window.panel.side_by_side["posterior"]
    x, y = window.scenes["posterior"].view.landmark("left-psis")
    qtbot.mouseClick(side.viewport(), Qt.MouseButton.LeftButton, pos=side.mapFromScene(x, y))
    assert window.model.marks[-1].view == "posterior"
    assert len(window.model.marks) == 3


def test_the_chosen_view_is_remembered(qtbot, bm, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    first = MainWindow(bm, settings)
    qtbot.addWidget(first)
    first.panel.show_page("right-lateral")
    second = MainWindow(bm, settings)
    qtbot.addWidget(second)
    assert second.panel.page == "right-lateral"


def test_paint_across_tiles_reads_as_one_area(qtbot, window: MainWindow) -> None:
    """The drawing is kept in tiles; the edge drawn is the paint's own edge, never the
    tile lines a stroke crosses."""
    from bodymap.marks import TILE

    view = window.bm.atlas.view("posterior")
    x, y = view.landmark("right-psis")
    line = round(x / TILE) * TILE  # a tile line near the PSIS
    window.add_mark(Mark("posterior", ((line - 30, y), (line + 30, y)), 18.0))
    assert len(window.model.drawing.tiles("posterior")) >= 2
    ((_level, fill, edge),) = window.scene.pain.paths
    area = window.model.drawing.areas["posterior"]
    # The fill covers the whole stroke, and the edge is as long as the stroke's outline
    # (a seam along the tile line would add twice the stroke's width).
    assert fill.boundingRect().width() == pytest.approx(area.bounds[2] - area.bounds[0], abs=0.1)
    assert edge.length() == pytest.approx(area.length, rel=0.01)
