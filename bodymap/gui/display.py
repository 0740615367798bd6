"""What the window shows of the drawing and the muscles: the ranking, and on the scenes,
the legend, the card and the muscle browser, the muscle of the :class:`DisplayState`
(or the muscles compared); a preview while the pointer rests on a candidate; where the
pointer is on the body; presentation mode.

Every change of the drawing refreshes the ranking; every change of the state redraws
what follows it. The muscle is chosen here (from the list, the browser or the keys) and
shown everywhere at once.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QEvent, QModelIndex, QObject
from typing_extensions import override

from bodymap.api import BodyMap
from bodymap.candidate import Candidate
from bodymap.gui.browser import MuscleBrowser, page_for
from bodymap.gui.dialogs import Notices
from bodymap.gui.model import DrawingModel
from bodymap.gui.panel import (
    CandidateRole,
    CandidatesPanel,
    CardPanel,
    card_html,
    card_sections,
    compare_header,
    joined_card,
    why_html,
)
from bodymap.gui.presentation import PresentationWindow
from bodymap.gui.scene import BodyScene
from bodymap.gui.state import DisplayState, Key
from bodymap.gui.views import TAB_NAMES, BodyPanel
from bodymap.ids import landmark_label

TOP = 15
"""How many candidates the list shows."""


class Display(QObject):
    """Keeps the list, the scenes, the legend, the card and the browser showing the
    drawing's ranking and the state's muscle."""

    def __init__(
        self,
        bm: BodyMap,
        model: DrawingModel,
        state: DisplayState,
        panel: BodyPanel,
        candidates_panel: CandidatesPanel,
        card_panel: CardPanel,
        browser: MuscleBrowser,
        notices: Notices,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.bm = bm
        self.model = model
        self.state = state
        self.panel = panel
        self.scenes: Mapping[str, BodyScene] = panel.scenes
        self.candidates_panel = candidates_panel
        self.card_panel = card_panel
        self.browser = browser
        self.notices = notices
        self.candidates: list[Candidate] = []
        self.presentation: PresentationWindow | None = None
        self._presented_comparison: tuple[list[Key], Key | None] | None = None
        """While presenting after a comparison: its muscles, and the one that was on top."""
        listed = candidates_panel.list
        listed.selectionModel().currentChanged.connect(self._on_current_changed)
        listed.entered.connect(self._on_entered)
        listed.viewportEntered.connect(self.clear_preview)
        # Leaving the list (for the body, say) ends the preview too; Qt says nothing.
        listed.viewport().installEventFilter(self)
        browser.chosen.connect(self.choose_from_browser)
        browser.compareRequested.connect(self.compare)
        for scene in self.scenes.values():
            scene.hovered.connect(lambda info, name=scene.view.name: self.show_hover(name, info))
        state.changed.connect(self.follow_state)
        state.message.connect(lambda text: notices.say(text, 6000))
        model.changed.connect(self.refresh)

    # ----- the ranking ---------------------------------------------------------------
    def refresh(self) -> None:
        """The changed tiles, the ranking, its notes and warnings, the legend and card."""
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
        self.show_legend()
        if self.state.selected:
            self.show_card()

    def candidate(self, key: Key | None) -> Candidate | None:
        return next((c for c in self.candidates if (c.muscle, c.side) == key), None)

    # ----- choosing the muscle shown -------------------------------------------------
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

    def set_comparing(self, on: bool) -> None:
        self.state.set_comparing(on)

    def hide_pattern(self) -> None:
        if self.state.comparing:
            self.state.set_comparing(False)
        else:
            self.state.select(None)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        candidate: Candidate | None = current.data(CandidateRole) if current.isValid() else None
        if candidate is not None:
            self.select((candidate.muscle, candidate.side))

    # ----- what follows the state ----------------------------------------------------
    def follow_state(self) -> None:
        state = self.state
        pattern = state.pattern()
        compared = tuple(state.compared_patterns())
        for scene in self.scenes.values():
            scene.pattern.set_pattern(pattern)
            scene.compared.set_patterns(compared)
            scene.preview.set_pattern(None)
        shown = [pattern] if pattern else list(compared)
        self.panel.mark_tabs({v for p in shown for v in p.layers})
        self.candidates_panel.show_current(state.selected)
        self.browser.show_muscle(
            state.selected[0] if state.selected else None,
            [key[0] for key in state.compared] if state.comparing else (),
        )
        if state.selected:
            self.browser.set_side(state.selected[1])
        self.show_legend()
        self.show_card()

    def show_legend(self) -> None:
        self.panel.legend.show_state(
            self.state.pattern(),
            self.state.compared_patterns(),
            self.state.trigger_point_position(),
            not self.model.drawing.is_empty(),
            self.state.whole_pattern(),
        )
        self.panel.place_legend()

    def card_for(self, key: Key, heading: bool = True) -> str:
        muscle = self.bm.catalogue.muscle(key[0])
        return card_html(muscle, self.bm.catalogue, key[1], self.candidate(key), heading)

    def show_card(self) -> None:
        key = self.state.selected
        if key is None:
            self.card_panel.clear_card()
            self.card_panel.show_pattern("", can_step=False)
            self.card_panel.show_press_test(False, None)
            return
        self.card_panel.show_press_test(
            not self.state.comparing, self.model.answers.pressed.get(key)
        )
        pattern = self.bm.catalogue.pattern(*key)
        self.card_panel.show_pattern(
            self._card_title(key),
            can_step=len(pattern.trigger_point_ids) > 1 and not self.state.comparing,
        )
        # Built once in parts: the card panel replaces only why, when only why changed.
        title, body = card_sections(self.bm.catalogue.muscle(key[0]), self.bm.catalogue, key[1])
        candidate = self.candidate(key)
        why = why_html(candidate) if candidate is not None else ""
        self.card_panel.show_card(joined_card(title, why, body), why, joined_card(title, "", body))

    def _card_title(self, key: Key) -> str:
        pattern = self.bm.catalogue.pattern(*key)
        position = self.state.trigger_point_position()
        if self.state.comparing:
            return compare_header(len(self.state.compared))
        if position:
            trp = pattern.only(self.state.trigger_point or "").trigger_points[0]
            return f"Trigger point {position[0]} of {position[1]}: {trp.name}"
        count = len(pattern.trigger_point_ids)
        return f"Whole pattern: {count} trigger point{'s' if count > 1 else ''}"

    def restyle(self) -> None:
        """The card again in the new theme (its links took the old theme's colour)."""
        self.card_panel.restyle()
        self.card_panel.clear_card()
        if self.state.selected:
            self.show_card()

    # ----- the pointer ---------------------------------------------------------------
    def _on_entered(self, index: QModelIndex) -> None:
        candidate: Candidate | None = index.data(CandidateRole)
        self.preview((candidate.muscle, candidate.side) if candidate else None)

    def clear_preview(self) -> None:
        self.preview(None)

    def preview(self, key: Key | None) -> None:
        """A lighter overlay while the pointer rests on a candidate."""
        shown = key and (key == self.state.selected or key in self.state.compared)
        pattern = self.bm.catalogue.pattern(*key) if key and not shown else None
        for scene in self.scenes.values():
            scene.preview.set_pattern(pattern)

    @override
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.candidates_panel.list.viewport() and event.type() == QEvent.Type.Leave:
            self.clear_preview()
        return super().eventFilter(watched, event)

    def show_hover(self, view: str, info: tuple[float, float, str | None] | None) -> None:
        if info is None:
            self.notices.say("Outside the body")
            return
        _, _, name = info
        where = f"near {landmark_label(name)}" if name else "on the body"
        self.notices.say(f"{TAB_NAMES.get(view, view)} view: {where}")

    # ----- presentation mode ---------------------------------------------------------
    def presentation_order(self) -> list[Key]:
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
        if self.presentation is not None:
            self.presentation.raise_()
            return
        self._presented_comparison = None
        state = self.state
        if state.comparing:
            compared = list(state.compared)
            if compared:
                self._presented_comparison = (compared, state.selected)
            state.set_comparing(False)
            if compared:
                state.select(compared[0])
        if state.selected is None:
            order = self.presentation_order()
            if order:
                state.select(order[0])
        self._show_presentation(self._presented_comparison is not None)

    def _show_presentation(self, comparing: bool) -> None:
        window = PresentationWindow(
            self.state, self.scenes, self.presentation_order, self._card_alone, comparing=comparing
        )
        window.closed.connect(self._end_presentation)
        self.presentation = window
        window.showFullScreen()
        window.activateWindow()
        window.setFocus()

    def _card_alone(self, key: Key) -> str:
        """The card in presentation mode, under its own large title."""
        return self.card_for(key, heading=False)

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
