"""What the diagram shows besides the pain: one muscle's pattern, or several compared.

The window, the legend and presentation mode all follow one :class:`DisplayState`, so a
muscle chosen in any of them shows the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from bodymap.catalogue import Catalogue, Pattern
from bodymap.ids import Side

Key = tuple[str, Side]
MAX_COMPARED = 3


@dataclass(frozen=True)
class Shown:
    """A :class:`DisplayState` at one moment: nothing shown, by default."""

    selected: Key | None = None
    trigger_point: str | None = None
    comparing: bool = False
    compared: tuple[Key, ...] = ()


class DisplayState(QObject):
    """The muscle shown (and which of its trigger points), and the comparison.

    In compare mode, choosing a muscle adds it to the comparison (up to three); the
    muscles compared are drawn together, each in its own colour.
    """

    changed = Signal()
    message = Signal(str)  # something the user should read (a full comparison, say)

    def __init__(self, catalogue: Catalogue, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.selected: Key | None = None
        self.trigger_point: str | None = None  # None: the whole pattern
        self.comparing = False
        self.compared: list[Key] = []

    # ----- what to draw --------------------------------------------------------------
    def pattern(self) -> Pattern | None:
        """The pattern to draw alone (none while comparing), narrowed to the trigger
        point being stepped through."""
        if self.selected is None or self.comparing:
            return None
        pattern = self.catalogue.pattern(*self.selected)
        return pattern.only(self.trigger_point) if self.trigger_point else pattern

    def whole_pattern(self) -> Pattern | None:
        """The shown muscle's whole pattern, even while one trigger point is shown."""
        if self.selected is None or self.comparing:
            return None
        return self.catalogue.pattern(*self.selected)

    def compared_patterns(self) -> list[Pattern]:
        return [self.catalogue.pattern(*key) for key in self.compared] if self.comparing else []

    def trigger_point_position(self) -> tuple[int, int] | None:
        """(1-based index, count) of the trigger point shown alone, if one is."""
        if self.selected is None or self.trigger_point is None:
            return None
        ids = self.catalogue.pattern(*self.selected).trigger_point_ids
        return ids.index(self.trigger_point) + 1, len(ids)

    # ----- changes -------------------------------------------------------------------
    def select(self, key: Key | None) -> None:
        if key is not None and key[0] not in self.catalogue:
            key = None
        changed = key != self.selected
        self.selected = key
        if changed:
            self.trigger_point = None
        if self.comparing and key is not None and key not in self.compared:
            if len(self.compared) >= MAX_COMPARED:
                self.message.emit(
                    f"Up to {MAX_COMPARED} muscles can be compared; clear the comparison "
                    "to start again."
                )
            else:
                self.compared.append(key)
                changed = True
        if changed:
            self.changed.emit()

    def set_comparing(self, on: bool) -> None:
        if on == self.comparing:
            return
        self.comparing = on
        self.compared = [self.selected] if on and self.selected else []
        self.trigger_point = None
        self.changed.emit()

    def compare(self, keys: list[Key]) -> None:
        """Compare these muscles (the first three), showing the card of the last."""
        keys = [k for k in dict.fromkeys(keys) if k[0] in self.catalogue][:MAX_COMPARED]
        self.comparing = bool(keys)
        self.compared = keys
        self.selected = keys[-1] if keys else self.selected
        self.trigger_point = None
        self.changed.emit()

    def step_trigger_point(self, step: int) -> None:
        """Show the next (``step`` 1) or previous (-1) trigger point alone; past the last
        (or before the first) the whole pattern shows again."""
        if self.selected is None or self.comparing:
            return
        ids = list(self.catalogue.pattern(*self.selected).trigger_point_ids)
        if len(ids) < 2:
            self.message.emit("This muscle has a single trigger point.")
            return
        cycle: list[str | None] = [None, *ids]
        index = cycle.index(self.trigger_point)
        self.trigger_point = cycle[(index + step) % len(cycle)]
        self.changed.emit()

    def show_whole_pattern(self) -> None:
        if self.trigger_point is not None:
            self.trigger_point = None
            self.changed.emit()

    def reset(self) -> None:
        self.restore(Shown())

    def snapshot(self) -> Shown:
        """What is shown now, to put back later (undoing *Clear all marks*)."""
        return Shown(self.selected, self.trigger_point, self.comparing, tuple(self.compared))

    def restore(self, shown: Shown) -> None:
        self.selected = shown.selected
        self.trigger_point = shown.trigger_point
        self.comparing = shown.comparing
        self.compared = list(shown.compared)
        self.changed.emit()
