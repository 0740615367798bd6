"""The window, driven with the mouse and keyboard as a person would (offscreen)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from pytestqt.qtbot import QtBot

from bodymap import BodyMap
from bodymap.files.session import load_session
from bodymap.gui.window import MainWindow
from bodymap.kinds import Intensity
from bodymap.marks import Mark


def viewport_pos(window: MainWindow, x: float, y: float) -> QPoint:
    return window.panel.current.mapFromScene(QPointF(x, y))


def click_landmark(qtbot: QtBot, window: MainWindow, name: str) -> None:
    x, y = window.panel.current_scene.view.landmark(name)
    qtbot.mouseClick(
        window.panel.current.viewport(), Qt.MouseButton.LeftButton, pos=viewport_pos(window, x, y)
    )


def drag(qtbot: QtBot, window: MainWindow, points: list[tuple[float, float]]) -> None:
    viewport = window.panel.current.viewport()
    first = viewport_pos(window, *points[0])
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=first)
    for p in points[1:]:
        qtbot.mouseMove(viewport, viewport_pos(window, *p))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=viewport_pos(window, *points[-1]))


def top(window: MainWindow) -> tuple[str, str]:
    first = window.candidates_panel.model.candidates[0]
    return first.muscle, first.side


def test_clicking_a_landmark_ranks_the_right_muscle_first(qtbot: QtBot, window: MainWindow) -> None:
    assert window.candidates_panel.model.rowCount() == 0
    assert window.candidates_panel.empty.isVisible()
    click_landmark(qtbot, window, "right-popliteal-fossa")
    assert window.candidates_panel.model.rowCount() > 0
    assert window.candidates_panel.list.isVisible()
    assert top(window)[1] == "right"
    assert top(window)[0] in {"popliteus", "gastrocnemius", "biceps_femoris"}
    assert len(window.model.marks) == 1 and window.model.marks[0].kind == "click"


def ranked(window: MainWindow) -> list[tuple[str, str, float]]:
    return [(c.muscle, c.side, round(c.score, 9)) for c in window.candidates_panel.model.candidates]


def test_undo_restores_the_previous_ranking_and_redo_reapplies(
    qtbot: QtBot, window: MainWindow
) -> None:
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


def test_painting_a_stroke_and_erasing_it(qtbot: QtBot, window: MainWindow) -> None:
    view = window.panel.current_scene.view
    path = [
        view.landmark(n)
        for n in ("right-gluteal-fold", "right-posterior-thigh-mid", "right-popliteal-fossa")
    ]
    drag(qtbot, window, path)
    assert window.model.marks[-1].kind == "stroke"
    painted = window.model.drawing.total_area()
    assert painted > 0 and window.candidates_panel.model.rowCount() > 0
    qtbot.keyClick(window, Qt.Key.Key_E)
    assert window.actions["erase"].isChecked()
    drag(qtbot, window, path)
    assert window.model.marks[-1].erase
    assert window.model.drawing.total_area() < painted * 0.2


def test_selecting_a_muscle_draws_its_pattern_and_card(qtbot: QtBot, window: MainWindow) -> None:
    click_landmark(qtbot, window, "right-psis")
    assert window.panel.current_scene.pattern.pattern is None
    window.candidates_panel.list.setCurrentIndex(window.candidates_panel.model.index(0))
    chosen = window.candidates_panel.model.candidates[0]
    shown = window.panel.current_scene.pattern.pattern
    assert shown is not None and (shown.muscle.id, shown.side) == (chosen.muscle, chosen.side)
    assert chosen.name in window.card_panel.card.toPlainText()
    assert "Self-care" in window.card_panel.card.toPlainText()
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.panel.current_scene.pattern.pattern is None


def hover_row(qtbot: QtBot, window: MainWindow, row: int) -> None:
    """Rest the pointer on a row of the candidate list, as the mouse does: the list
    tracks the mouse and says which row it entered (no signal emitted by hand)."""
    listed = window.candidates_panel.list
    assert listed.hasMouseTracking()
    rect = listed.visualRect(window.candidates_panel.model.index(row))
    qtbot.mouseMove(listed.viewport(), rect.center())


def test_hovering_a_candidate_previews_its_pattern(qtbot: QtBot, window: MainWindow) -> None:
    click_landmark(qtbot, window, "right-psis")
    assert window.panel.current_scene.preview.pattern is None
    hover_row(qtbot, window, 1)
    preview = window.panel.current_scene.preview.pattern
    second = window.candidates_panel.model.candidates[1]
    assert preview is not None and preview.muscle.id == second.muscle
    hover_row(qtbot, window, 2)  # the next row: its pattern instead
    preview = window.panel.current_scene.preview.pattern
    third = window.candidates_panel.model.candidates[2]
    assert preview is not None and preview.muscle.id == third.muscle


def test_clear_is_undoable(qtbot: QtBot, window: MainWindow) -> None:
    click_landmark(qtbot, window, "right-psis")
    click_landmark(qtbot, window, "right-heel")
    window.actions["clear"].trigger()
    assert window.model.marks == () and window.candidates_panel.model.rowCount() == 0
    window.actions["undo"].trigger()
    assert len(window.model.marks) == 2


def test_click_outside_the_body_adds_nothing(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.mouseClick(
        window.panel.current.viewport(),
        Qt.MouseButton.LeftButton,
        pos=viewport_pos(window, 20, 1300),
    )
    assert window.model.marks == ()
    assert "outside the body" in window.statusBar().currentMessage()


def test_status_line_names_the_landmark_under_the_cursor(qtbot: QtBot, window: MainWindow) -> None:
    x, y = window.panel.current_scene.view.landmark("right-psis")
    qtbot.mouseMove(window.panel.current.viewport(), viewport_pos(window, x, y))
    assert window.statusBar().currentMessage() == "Back view: near R PSIS"


def test_save_and_reopen_a_session(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    click_landmark(qtbot, window, "right-psis")
    window.candidates_panel.list.setCurrentIndex(window.candidates_panel.model.index(0))
    chosen = (
        window.candidates_panel.model.candidates[0].muscle,
        window.candidates_panel.model.candidates[0].side,
    )
    assert window.isWindowModified()
    path = tmp_path / "patient.bodymap"
    assert window.documents.save_to(path)
    assert not window.isWindowModified()
    assert load_session(path).selected == chosen
    window.undo.clear()
    window.model.set_marks(())
    assert window.documents.open_path(path)
    assert len(window.model.marks) == 1
    assert window.state.selected == chosen
    assert "patient.bodymap" in window.windowTitle()


def test_opening_a_broken_session_keeps_the_current_marks(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    click_landmark(qtbot, window, "right-psis")
    bad = tmp_path / "bad.bodymap"
    bad.write_text("{oops")
    alerts = []
    monkeypatch.setattr(window.dialogs, "alert", lambda *a: alerts.append(a))
    assert not window.documents.open_path(bad)
    ((_title, text, details),) = alerts
    assert text.startswith("This session file is damaged or incomplete")
    assert "{" not in text and "JSON" not in text  # plain words for the patient
    assert "bad.bodymap" in details and "not valid JSON" in details
    assert len(window.model.marks) == 1


def test_export_writes_an_image(window: MainWindow, tmp_path: Path) -> None:
    out = tmp_path / "map.png"
    assert window.exports.export_to(out)
    assert out.read_bytes().startswith(b"\x89PNG")


def test_zoom_and_reset(qtbot: QtBot, window: MainWindow) -> None:
    before = window.panel.current.transform().m11()
    window.actions["zoom_in"].trigger()
    assert window.panel.current.transform().m11() > before
    qtbot.keyClick(window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.panel.current.transform().m11() == before


def test_labels_toggle(qtbot: QtBot, window: MainWindow) -> None:
    assert not window.panel.current_scene.labels.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_L)
    assert window.panel.current_scene.labels.isVisible()


def test_closing_with_unsaved_marks_asks_first(
    qtbot: QtBot, bm: BodyMap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    win = MainWindow(bm, None)
    qtbot.addWidget(win)
    win.show()
    click_landmark(qtbot, win, "right-psis")
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Discard]
    asked: list[str] = []

    def question(*args: Any, **kwargs: Any) -> QMessageBox.StandardButton:
        asked.append(args[2])
        return answers.pop(0)

    monkeypatch.setattr("bodymap.gui.documents.QMessageBox.question", question)
    assert not win.close()  # cancelled: the window and its marks stay
    assert win.isVisible() and len(win.model.marks) == 1
    assert win.close()  # discarded
    assert len(asked) == 2 and "not saved" in asked[0]


def test_a_mark_that_adds_nothing_leaves_undo_history_intact(
    qtbot: QtBot, window: MainWindow
) -> None:
    from bodymap.gui.model import AddMarkCommand
    from bodymap.marks import Mark

    click_landmark(qtbot, window, "right-psis")
    before = window.model.marks
    # A mark wholly off the body, pushed directly as if it had slipped past the check.
    window.undo.push(AddMarkCommand(window.model, Mark("posterior", ((5.0, 5.0),), 5.0)))
    assert window.model.marks == before
    assert window.undo.count() == 1  # the empty command left the history
    window.actions["undo"].trigger()  # undoes the PSIS click
    assert window.model.marks == ()
    assert not window.undo.canUndo()
    window.actions["redo"].trigger()
    assert window.model.marks == before


def test_erasing_everything_empties_the_ranking(qtbot: QtBot, window: MainWindow) -> None:
    from bodymap.marks import Mark

    # The reviewer's sequence that left "Iliocostalis thoracis 0.70" on an empty body.
    window.tools.add_mark(Mark("posterior", ((432, 369), (419, 414)), 18))
    window.tools.add_mark(Mark("posterior", ((425, 382), (437, 383), (427, 408)), 18))
    window.tools.add_mark(Mark("posterior", ((434, 370),), 40, erase=True))
    window.tools.add_mark(Mark("posterior", ((430, 405),), 40, erase=True))
    assert window.model.drawing.is_empty()
    assert window.candidates_panel.model.rowCount() == 0


def test_erasing_bare_skin_leaves_no_undo_step(qtbot: QtBot, window: MainWindow) -> None:
    from bodymap.marks import Mark

    window.tools.add_mark(Mark("posterior", ((430, 450),), 18, erase=True))
    assert window.undo.count() == 0
    assert not window.isWindowModified()
    assert "bare skin" in window.statusBar().currentMessage()


def test_escape_then_clicking_the_same_candidate_shows_it_again(
    qtbot: QtBot, window: MainWindow
) -> None:
    click_landmark(qtbot, window, "right-psis")
    window.candidates_panel.list.setCurrentIndex(window.candidates_panel.model.index(0))
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.panel.current_scene.pattern.pattern is None
    window.candidates_panel.list.setCurrentIndex(window.candidates_panel.model.index(0))
    assert window.panel.current_scene.pattern.pattern is not None


def test_opening_keeps_notes_and_clears_a_stale_selection(
    qtbot: QtBot, window: MainWindow, tmp_path: Path
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
    window.display.select(("soleus", "right"))
    assert window.documents.open_path(path)
    assert window.state.selected is None and window.panel.current_scene.pattern.pattern is None
    assert window.documents.save_to(path)
    assert load_session(path).notes == "worse after tennis"


def test_a_session_that_cannot_be_applied_keeps_the_current_work(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
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
    monkeypatch.setattr(window.dialogs, "alert", lambda *a: None)
    assert not window.documents.open_path(bad)
    assert (
        len(window.model.marks) == 1
        and window.undo.count() == 1
        and window.candidates_panel.model.rowCount() > 0
    )


def test_a_palm_sized_mark_where_hand_meets_thigh_is_painted(
    qtbot: QtBot, window: MainWindow
) -> None:
    from bodymap.marks import Mark

    window.tools.add_mark(Mark("posterior", ((567.1675, 754.4222),), 40))  # once crashed the window
    assert len(window.model.marks) == 1 and window.candidates_panel.model.rowCount() > 0


def test_a_preview_ends_when_the_pointer_moves_onto_the_body(
    qtbot: QtBot, window: MainWindow
) -> None:
    click_landmark(qtbot, window, "right-psis")
    window.candidates_panel.list.setCurrentIndex(window.candidates_panel.model.index(0))
    hover_row(qtbot, window, 1)
    assert window.panel.current_scene.preview.pattern is not None
    qtbot.mouseMove(
        window.panel.current.viewport(), window.panel.current.viewport().rect().center()
    )
    assert window.panel.current_scene.preview.pattern is None
    assert window.panel.current_scene.pattern.pattern is not None  # the selected pattern stays


def test_the_painted_area_is_one_cached_path_per_change(qtbot: QtBot, window: MainWindow) -> None:
    click_landmark(qtbot, window, "right-psis")
    ((level, path, edge),) = window.panel.current_scene.pain.paths
    assert level is Intensity.MODERATE and not path.isEmpty() and not edge.isEmpty()
    window.panel.current.viewport().repaint()  # painting twice must not rebuild the path
    window.panel.current.viewport().repaint()
    assert window.panel.current_scene.pain.paths[0][1] is path
    click_landmark(qtbot, window, "right-calf-mid")
    assert window.panel.current_scene.pain.paths[0][1] is not path
    assert window.panel.current_scene.pain.paths[0][1].boundingRect().contains(path.boundingRect())


def test_each_view_has_a_page_and_a_key(qtbot: QtBot, window: MainWindow) -> None:
    pages = window.panel.pages
    assert pages == ["posterior", "anterior", "right-lateral", "left-lateral", "plantar", "all"]
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert window.panel.page == "anterior" and window.panel.current_scene.view.name == "anterior"
    assert window.panel.tabs.tabText(1) == "Front"
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    assert window.panel.page == "plantar" and window.panel.tabs.tabText(4) == "Soles"
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.ControlModifier)
    assert window.panel.page == "all"
    assert all(v.isVisible() for v in window.panel.side_by_side.values())


def test_marks_on_several_views_rank_together(qtbot: QtBot, window: MainWindow) -> None:
    window.panel.show_page("right-lateral")
    click_landmark(qtbot, window, "right-greater-trochanter")
    window.panel.show_page("anterior")
    click_landmark(qtbot, window, "right-groin")
    assert [m.view for m in window.model.marks] == ["right-lateral", "anterior"]
    views = {m.view for c in window.candidates_panel.model.candidates for m in c.matches}
    assert {"right-lateral", "anterior"} <= views
    window.panel.show_page("all")
    side = window.panel.side_by_side["posterior"]
    x, y = window.scenes["posterior"].view.landmark("left-psis")
    qtbot.mouseClick(side.viewport(), Qt.MouseButton.LeftButton, pos=side.mapFromScene(x, y))
    assert window.model.marks[-1].view == "posterior"
    assert len(window.model.marks) == 3


def test_the_chosen_view_is_remembered(qtbot: QtBot, bm: BodyMap, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    first = MainWindow(bm, settings)
    qtbot.addWidget(first)
    first.panel.show_page("right-lateral")
    second = MainWindow(bm, settings)
    qtbot.addWidget(second)
    assert second.panel.page == "right-lateral"


def test_paint_across_tiles_reads_as_one_area(qtbot: QtBot, window: MainWindow) -> None:
    """The drawing is kept in tiles; the edge drawn is the paint's own edge, never the
    tile lines a stroke crosses."""
    from bodymap.drawing import TILE

    view = window.bm.atlas.view("posterior")
    x, y = view.landmark("right-psis")
    line = round(x / TILE) * TILE  # a tile line near the PSIS
    window.tools.add_mark(Mark("posterior", ((line - 30, y), (line + 30, y)), 18.0))
    assert len(window.model.drawing.tiles("posterior")) >= 2
    ((_level, fill, edge),) = window.panel.current_scene.pain.paths
    area = window.model.drawing.areas["posterior"]
    # The fill covers the whole stroke, and the edge is as long as the stroke's outline
    # (a seam along the tile line would add twice the stroke's width).
    assert fill.boundingRect().width() == pytest.approx(area.bounds[2] - area.bounds[0], abs=0.1)
    assert edge.length() == pytest.approx(area.length, rel=0.01)


def test_every_action_of_the_table_is_on_the_window_and_its_slot_exists(
    window: MainWindow,
) -> None:
    from bodymap.gui.actions import ACTIONS, REDO, UNDO, lookup

    assert list(window.actions) == [spec.name for spec in ACTIONS]
    assert window.actions() == list(window.actions.values())
    for spec in ACTIONS:
        if isinstance(spec.slot, str) and spec.slot not in (UNDO, REDO):
            assert callable(lookup(window, spec.slot)), spec.name


def test_the_shortcuts_box_lists_the_table(window: MainWindow) -> None:
    from bodymap.gui.actions import ACTIONS

    text = window.dialogs.shortcuts_html()
    listed = [what for what, _keys in window.actions.shortcuts()]
    assert listed == [spec.text.replace("&", "") for spec in ACTIONS if spec.name != "about"]
    for what, keys in window.actions.shortcuts():
        assert f"<td>{what}</td><td><b>{keys}</b></td>" in text
    assert dict(window.actions.shortcuts())["Redo"] == "Ctrl+Shift+Z, Ctrl+Y"


def test_the_view_keys_follow_the_views_the_data_has(qtbot: QtBot, bm: BodyMap) -> None:
    from bodymap import BodyMap
    from bodymap.atlas import Atlas

    front_and_back = Atlas({n: bm.atlas.view(n) for n in ("posterior", "anterior")})
    small = BodyMap(front_and_back, bm.catalogue, bm.root, bm.red_flag_rules, bm.ranker)
    win = MainWindow(small)
    qtbot.addWidget(win)
    win.resize(1100, 860)
    win.show()
    qtbot.waitExposed(win)
    pages = [(a.text(), a.shortcut().toString()) for a in win.actions() if a.text() in ALL_TABS]
    assert pages == [("Back", "Ctrl+1"), ("Front", "Ctrl+2"), ("All views", "Ctrl+3")]
    qtbot.waitUntil(win.isActiveWindow)  # the keys go to the window in front
    qtbot.keyClick(win, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert win.panel.page == "all"


ALL_TABS = ("Back", "Front", "Right side", "Left side", "All views")


def test_the_about_box_names_the_installed_version() -> None:
    from bodymap.about import version
    from bodymap.gui.dialogs import about_html

    assert version() and f"bodymap {version()}" in about_html()


def test_a_pause_measures_what_strokes_left_waiting_and_the_list_stays(
    qtbot: QtBot, window: MainWindow, bm: BodyMap
) -> None:
    """After each stroke the list measures only the muscles that can reach it; when the
    user pauses, the window measures the rest, a little at a time. The list does not
    move, and undo afterwards ranks as a fresh computation would."""
    # Strokes over the low back, the shoulder blade and the arm touch more muscles than
    # the list shows, so some of them wait below it.
    for name in (
        *("right-psis", "left-psis", "right-mid-buttock", "right-iliac-crest"),
        *("right-upper-trapezius", "right-infraspinous-fossa", "right-posterior-arm"),
        "right-thoracolumbar",
    ):
        x, y = window.panel.current_scene.view.landmark(name)
        drag(qtbot, window, [(x - 30, y), (x, y + 20), (x + 30, y)])
    shown = ranked(window)
    assert window.model.live.waiting  # the list did not need every muscle measured
    qtbot.waitUntil(lambda: not window.model.live.waiting, timeout=5000)
    assert ranked(window) == shown
    assert [(c.muscle, c.side, round(c.score, 9)) for c in window.model.ranking(top=15)] == shown
    window.undo.undo()
    fresh = bm.rank_drawing(window.model.drawing, top=15)
    assert [(c.muscle, c.side) for c in window.model.ranking(top=15)] == [
        (c.muscle, c.side) for c in fresh
    ]
