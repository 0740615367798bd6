"""Issue 15, the usability test: warning signs that fit, a date that is one Tab stop,
a live theme switch, a full comparison, the muscle browser and presentation mode."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QPoint, QRect, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QDateTimeEdit, QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from bodymap import BodyMap
from bodymap.gui import theme
from bodymap.gui.browser import MuscleRole
from bodymap.gui.prefs import PreferencesDialog
from bodymap.gui.state import Key
from bodymap.gui.window import DEFAULT_SIZE, MainWindow
from bodymap.ranking_notes import NOTE_WIDESPREAD

FIVE_FLAGS = (  # both legs, the saddle, the calves, the left arm, the flank
    "posterior:right-calf-mid",
    "posterior:left-calf-mid",
    "posterior:coccyx",
    "posterior:left-posterior-arm",
    "posterior:right-flank",
)


def press(
    qtbot: QtBot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key as the user presses it: to the widget that has the focus."""
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    qtbot.keyClick(widget, key, modifier)


def focus(qtbot: QtBot, window: MainWindow, widget: QWidget) -> None:
    window.activateWindow()
    qtbot.waitActive(window)
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(widget.hasFocus)


# ----- 1. the warning signs ------------------------------------------------------------
def test_five_warning_signs_are_all_reachable_in_the_cores_order(
    qtbot: QtBot, window: MainWindow, bm: BodyMap
) -> None:
    window.resize(DEFAULT_SIZE)
    window.default_layout()
    for mark in bm.marks(list(FIVE_FLAGS)):
        window.tools.add_mark(mark)
    qtbot.wait(50)
    flags = window.model.red_flags()
    assert len(flags) == 5
    box = window.candidates_panel.flags
    assert box.isVisible()
    assert "5, most urgent first" in box.heading.text()
    # The core's order (most urgent first) as given, one label a sign.
    assert [label.accessibleName() for label in box.labels] == [f.title for f in flags]
    scroll = box.area
    viewport = scroll.viewport()
    # They do not all fit at this size: the box says so with a scroll bar...
    assert box.body.height() > viewport.height()
    assert scroll.verticalScrollBar().isVisible()
    for flag, label in zip(flags, box.labels, strict=True):
        assert label.isVisibleTo(box) and label.parent() is box.body
        assert flag.title in label.text() and flag.advice in label.text()
        # ...each is whole: as tall as its wrapped text and no wider than the box...
        assert label.height() >= label.heightForWidth(label.width())
        assert label.width() <= viewport.width()
        # ...and scrolling brings each fully into view.
        scroll.ensureWidgetVisible(label, 0, 0)
        qtbot.wait(10)
        shown = QRect(label.mapTo(viewport, label.rect().topLeft()), label.size())
        assert viewport.rect().contains(shown), flag.title
    # The ranking keeps room for a few candidates beside them.
    list_view = window.candidates_panel.list
    rows = window.candidates_panel.model.rowCount()
    whole = [
        r
        for r in range(rows)
        if list_view.viewport()
        .rect()
        .contains(list_view.visualRect(window.candidates_panel.model.index(r)))
    ]
    assert len(whole) >= 3


def test_on_a_laptop_screen_the_list_still_shows_two_muscles_beside_many_signs(
    qtbot: QtBot, window: MainWindow, bm: BodyMap
) -> None:
    # Found in a real-input run at 1366 x 740: with five signs and the note on
    # widespread pain, the list had shrunk to less than one row.
    window.resize(1366, 740)
    window.default_layout()
    for mark in bm.marks(list(FIVE_FLAGS)):
        window.tools.add_mark(mark)
    qtbot.wait(50)
    panel = window.candidates_panel
    panel.show_ranking(window.display.candidates, [NOTE_WIDESPREAD], window.model.red_flags(), True)
    qtbot.wait(50)
    assert panel.notes.isVisible() and panel.flags.isVisible()
    list_view = panel.list
    whole = [
        r
        for r in range(panel.model.rowCount())
        if list_view.viewport().rect().contains(list_view.visualRect(panel.model.index(r)))
    ]
    assert len(whole) >= 2


def test_one_warning_sign_shows_whole_without_a_scroll_bar(
    qtbot: QtBot, window: MainWindow, bm: BodyMap
) -> None:
    window.resize(DEFAULT_SIZE)
    window.default_layout()
    window.tools.add_mark(bm.marks("posterior:right-calf-mid")[0])
    qtbot.wait(50)
    box = window.candidates_panel.flags
    assert len(box.labels) == 1 and box.isVisible()
    assert not box.area.verticalScrollBar().isVisible()
    label = box.labels[0]
    assert label.height() >= label.heightForWidth(label.width())
    # The box is no taller than the sign needs: the list has the rest.
    assert box.height() <= box.natural_height(box.width())


# ----- 2. the date ---------------------------------------------------------------------
def test_the_date_is_one_tab_stop_between_the_name_and_the_notes(
    qtbot: QtBot, window: MainWindow
) -> None:
    details = window.details
    before = details.date.date()
    focus(qtbot, window, details.name)
    qtbot.keyClicks(details.name, "Jane Doe")
    press(qtbot, Qt.Key.Key_Tab)
    assert details.date.hasFocus()
    press(qtbot, Qt.Key.Key_Tab)
    assert details.notes.hasFocus()
    qtbot.keyClicks(QApplication.focusWidget(), "worse on stairs")
    assert details.notes.toPlainText() == "worse on stairs"
    assert details.date.date() == before  # nothing went into the year
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert details.date.hasFocus()  # and back again, in one step
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert details.name.hasFocus()


def test_a_year_6202_is_flagged_and_not_kept(qtbot: QtBot, window: MainWindow) -> None:
    details = window.details
    details.set_values("", "2026-12-07", "")
    focus(qtbot, window, details.name)
    press(qtbot, Qt.Key.Key_Tab)
    assert details.date.hasFocus()
    details.date.setSelectedSection(QDateTimeEdit.Section.YearSection)
    qtbot.keyClicks(QApplication.focusWidget(), "6202")
    assert details.date.date().year() == 6202  # typed...
    note = details.date_note
    assert note.isVisible() and "6202" in note.text() and "check the year" in note.text()
    press(qtbot, Qt.Key.Key_Tab)  # ...and left like that
    assert details.notes.hasFocus()
    assert details.date.date() == QDate(2026, 12, 7)
    assert details.values()[1] == "2026-12-07"
    assert note.isVisible() and "not kept" in note.text() and "7 December 2026" in note.text()
    # Before 1900 cannot be typed at all.
    press(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    details.date.setSelectedSection(QDateTimeEdit.Section.YearSection)
    qtbot.keyClicks(QApplication.focusWidget(), "1850")
    press(qtbot, Qt.Key.Key_Tab)
    assert details.date.date().year() >= 1900
    assert details.values()[1] >= "1900"


def test_a_saved_date_far_ahead_is_flagged_when_opened(window: MainWindow) -> None:
    window.details.set_values("Jane", "6202-12-07", "")
    note = window.details.date_note
    assert not note.isHidden() and "saved date" in note.text() and "6202" in note.text()
    window.details.set_values("Jane", "2026-12-07", "")
    assert note.isHidden()


# ----- 3. the theme switched live ------------------------------------------------------
def _luminance(colour: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF())
        + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF())
    )


def _contrast(a: QColor, b: QColor) -> float:
    light, dark = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _text_contrast(widget: QWidget, pick: Callable[[QColor], bool] = lambda c: True) -> float:
    """The strongest contrast between the widget's drawn text (the pixels ``pick``
    keeps) and its background (its top-left pixel), as the eye sees it: grabbed from
    the window, so a background it does not paint itself is the one behind it."""
    window = widget.window()
    area = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    image = window.grab(area).toImage().convertToFormat(QImage.Format.Format_RGB32)
    background = image.pixelColor(1, 1)
    best = 1.0
    for y in range(0, image.height()):
        for x in range(0, image.width()):
            colour = image.pixelColor(x, y)
            if pick(colour):
                best = max(best, _contrast(colour, background))
    return best


def _bluish(colour: QColor) -> bool:
    return colour.blue() - max(colour.red(), colour.green()) > 40


def _caption(window: MainWindow) -> QLabel:
    return next(
        label
        for label in window.panel.findChildren(QLabel)
        if label.isVisible() and label.text().startswith("Back")
    )


def _colours(qtbot: QtBot, window: MainWindow) -> tuple[float, float]:
    qtbot.wait(20)
    notice = window.candidates_panel.notice
    return _text_contrast(_caption(window)), _text_contrast(notice, _bluish)


def test_switching_to_dark_live_looks_as_after_a_restart(
    qtbot: QtBot, window: MainWindow, bm: BodyMap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QSettings

    try:
        theme.apply("light")
        window.restyle()
        light_caption, light_link = _colours(qtbot, window)
        assert light_caption >= 3 and light_link >= 3

        def choose_dark(dialog: PreferencesDialog) -> int:
            dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
            return QDialog.DialogCode.Accepted

        monkeypatch.setattr(PreferencesDialog, "exec", choose_dark)
        window.actions["preferences"].trigger()
        assert theme.current().name == "dark"
        live_caption, live_link = _colours(qtbot, window)

        settings = QSettings(str(tmp_path / "dark.ini"), QSettings.Format.IniFormat)
        settings.setValue("theme", "dark")
        fresh = MainWindow(bm, settings)
        fresh.documents.confirm_discard = lambda: True  # type: ignore[method-assign]
        qtbot.addWidget(fresh)
        fresh.resize(window.size())
        fresh.show()
        qtbot.waitExposed(fresh)
        fresh_caption, fresh_link = _colours(qtbot, fresh)

        assert fresh_caption >= 3 and fresh_link >= 3  # the restart was always fine
        assert live_caption >= 3, "the view caption is dark on dark"
        assert live_link >= 3, "the 'When to see a doctor' link is dark on dark"
        assert abs(live_caption - fresh_caption) < 0.5
        assert abs(live_link - fresh_link) < 0.5
    finally:
        theme.apply("light")


# ----- 4. a full comparison ------------------------------------------------------------
def test_three_compared_says_full_and_all_three_are_highlighted(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.display.select(("gluteus_medius", "right"))
    qtbot.keyClick(window, Qt.Key.Key_C)
    header = window.card_panel.title
    assert "1 of 3" in header.text() and "click muscles to add" in header.text()
    window.display.select(("piriformis", "right"))
    assert "2 of 3" in header.text()
    window.display.select(("gluteus_minimus", "right"))
    assert "click muscles to add" not in header.text()
    assert "3 of 3" in header.text() and "full" in header.text()
    assert "Esc to stop comparing" in header.text()
    tree = window.browser.tree
    highlighted = {i.data(MuscleRole) for i in tree.selectionModel().selectedIndexes()}
    assert highlighted == {"gluteus_medius", "piriformis", "gluteus_minimus"}
    assert tree.currentIndex().data(MuscleRole) == "gluteus_minimus"
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    highlighted = {i.data(MuscleRole) for i in tree.selectionModel().selectedIndexes()}
    assert highlighted == {"gluteus_minimus"}  # the muscle still shown, alone


# ----- 5. the muscle browser -----------------------------------------------------------
def _choose(window: MainWindow, muscle: str) -> None:
    browser = window.browser
    browser.search.setText(window.bm.catalogue.muscle(muscle).name)
    index = browser._index_of(muscle)
    assert index.isValid()
    browser.tree.setCurrentIndex(index)


def test_a_muscle_from_the_browser_is_shown_on_a_view_with_its_pattern(
    window: MainWindow,
) -> None:
    panel = window.panel
    panel.show_page("anterior")
    _choose(window, "rhomboids")  # drawn on the back only
    assert window.state.selected == ("rhomboids", "right")
    assert panel.page == "posterior"
    _choose(window, "adductor_longus")  # on the front only
    assert panel.page == "anterior"
    panel.show_page("left-lateral")
    _choose(window, "vastus_lateralis")  # right side: front, back and right side
    assert panel.page == "right-lateral"  # where its main area is largest
    _choose(window, "gluteus_medius")  # shown on the right side too: stay
    assert panel.page == "right-lateral"
    panel.show_page("all")
    _choose(window, "rhomboids")  # every view is there
    assert panel.page == "all"


def test_enter_in_the_search_goes_to_the_results_and_t_steps(
    qtbot: QtBot, window: MainWindow
) -> None:
    browser = window.browser
    focus(qtbot, window, browser.search)
    qtbot.keyClicks(browser.search, "no such muscle")
    press(qtbot, Qt.Key.Key_Return)
    assert browser.search.hasFocus()  # nothing found: the search stays to be changed
    browser.search.clear()
    qtbot.keyClicks(browser.search, "gluteus medius")
    press(qtbot, Qt.Key.Key_Return)
    assert browser.tree.hasFocus()
    assert window.state.selected == ("gluteus_medius", "right")
    press(qtbot, Qt.Key.Key_T)
    assert browser.search.text() == "gluteus medius"  # no "t" typed
    assert window.state.trigger_point_position() == (1, 3)
    press(qtbot, Qt.Key.Key_T)
    assert window.state.trigger_point_position() == (2, 3)


# ----- 6. presentation mode ------------------------------------------------------------
def test_presentation_steps_through_a_comparison_and_returns_to_it(
    qtbot: QtBot, window: MainWindow
) -> None:
    keys: list[Key] = [("gluteus_medius", "right"), ("piriformis", "right")]
    window.display.compare(keys)
    assert window.state.selected == keys[1]
    window.actions["present"].trigger()
    shows = window.display.presentation
    assert shows is not None
    qtbot.waitActive(shows)
    assert window.state.selected == keys[0]
    assert "Compared muscle 1 of 2" in shows.subtitle.text()
    qtbot.keyClick(shows, Qt.Key.Key_Right)
    assert window.state.selected == keys[1]
    assert shows.title.text().startswith("Piriformis")
    qtbot.keyClick(shows, Qt.Key.Key_Right)
    assert window.state.selected == keys[0]  # wraps within the two
    qtbot.keyClick(shows, Qt.Key.Key_Left)
    assert window.state.selected == keys[1]
    qtbot.keyClick(shows, Qt.Key.Key_Left)
    qtbot.keyClick(shows, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.display.presentation is None)
    assert window.state.comparing and window.state.compared == keys
    assert window.state.selected == keys[1]  # the card that was on top
    assert [(p.muscle.id, p.side) for p in window.panel.current_scene.compared.patterns] == keys


def test_a_muscle_drawn_on_one_view_fills_the_presentation(
    qtbot: QtBot, window: MainWindow
) -> None:
    window.display.select(("rhomboids", "right"))
    window.actions["present"].trigger()
    shows = window.display.presentation
    assert shows is not None
    shows.showNormal()  # offscreen "full screen" is a small virtual screen
    shows.resize(1600, 940)
    qtbot.wait(50)
    shown = [name for name, view in shows.views.items() if view.isVisible()]
    assert shown == ["posterior"]
    view = shows.views["posterior"]
    assert view.width() >= 0.5 * shows.width()  # not a fifth of it
    body = view.mapFromScene(view.fit_rect).boundingRect()
    assert body.height() >= 0.95 * view.viewport().height()  # scaled up to fill
    qtbot.keyClick(shows, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.display.presentation is None)
