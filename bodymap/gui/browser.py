"""The muscle browser: every muscle grouped by body region, with a search box.

The search matches a muscle's name and also where its pain goes ("calf", "temple"), so
a clinician can find the muscles for a spot without painting it. Choosing a muscle
shows its pattern on the side picked below the list, on a view that shows it, and
Enter in the search box goes into the results (on the first one found).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from bodymap.catalogue import Catalogue, Pattern
from bodymap.gui.views import ALL
from bodymap.ids import REGION_TITLES, Side

MuscleRole = Qt.ItemDataRole.UserRole + 1
SearchRole = Qt.ItemDataRole.UserRole + 2
SIDES: tuple[tuple[Side, str], ...] = (("right", "Right"), ("left", "Left"), ("both", "Both"))


def page_for(pattern: Pattern, page: str, pages: Sequence[str]) -> str:
    """The page of the body panel to show ``pattern`` on: ``page`` if it shows any of
    it (the page of all the views always does), else the view where its main area is
    largest."""
    if page == ALL or page in pattern.layers:
        return page
    views = [p for p in pages if p in pattern.layers]
    if not views:
        return page

    def size(view: str) -> tuple[float, float]:
        layers = pattern.layers[view]
        return layers.essential.area, layers.spillover.area + layers.rare.area

    return max(views, key=size)


class MuscleBrowser(QWidget):
    """Emits ``chosen`` with (muscle id, side) when a muscle is picked."""

    chosen = Signal(object)  # (muscle id, side)
    compareRequested = Signal(object)  # a list of (muscle id, side)

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self._quiet = False  # True while the window moves the cursor itself
        self._shown: tuple[str | None, tuple[str, ...]] = (None, ())
        """The muscle shown and those compared with it, highlighted in the tree."""
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search by muscle or by where it hurts…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search muscles")
        self.model = QStandardItemModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(SearchRole)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setHeaderHidden(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.tree.setAccessibleName("Muscles by body region")
        self.tree.setToolTip("Click a muscle to see where its pain goes; Ctrl+click several")
        self._fill()
        self.tree.expandAll()
        self.search.textChanged.connect(self._filter)
        self.search.returnPressed.connect(self.enter_results)
        self.tree.selectionModel().currentChanged.connect(self._on_current)

        self.sides = QButtonGroup(self)
        side_row = QHBoxLayout()
        side_row.setSpacing(2)
        for i, (_, text) in enumerate(SIDES):
            button = QToolButton()
            button.setText(text)
            button.setCheckable(True)
            button.setAccessibleName(f"Show the {text.lower()} side")
            self.sides.addButton(button, i)
            side_row.addWidget(button)
        self.sides.button(0).setChecked(True)
        self.sides.idClicked.connect(lambda _: self._emit_current())
        self.compare_button = QPushButton("Compare")
        self.compare_button.setToolTip("Ctrl+click up to three muscles, then compare them")
        self.compare_button.clicked.connect(self._compare_selected)
        side_row.addStretch(1)
        side_row.addWidget(self.compare_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)
        layout.addLayout(side_row)

    def _fill(self) -> None:
        groups: dict[str, QStandardItem] = {}
        for region, title in REGION_TITLES.items():
            group = QStandardItem(title)
            group.setSelectable(False)
            group.setEditable(False)
            font = QFont(group.font())
            font.setBold(True)
            group.setFont(font)
            group.setData(title, SearchRole)
            groups[region] = group
        for muscle in self.catalogue:
            item = QStandardItem(muscle.name)
            item.setEditable(False)
            item.setData(muscle.id, MuscleRole)
            item.setToolTip(muscle.card.summary)
            words = (muscle.name, muscle.id, REGION_TITLES.get(muscle.region, ""))
            where = " ".join(z.label for t in muscle.trigger_points for z in t.zones)
            item.setData(" ".join((*words, muscle.card.referral, where)), SearchRole)
            groups.setdefault(muscle.region, QStandardItem(muscle.region)).appendRow(item)
        for group in groups.values():
            if group.rowCount():
                self.model.appendRow(group)

    @property
    def side(self) -> Side:
        return SIDES[max(self.sides.checkedId(), 0)][0]

    def set_side(self, side: Side) -> None:
        ids = [s for s, _ in SIDES]
        self.sides.button(ids.index(side)).setChecked(True)

    def visible_muscles(self) -> list[str]:
        """The muscles the search leaves, in the order shown."""
        out = []
        for g in range(self.proxy.rowCount()):
            group = self.proxy.index(g, 0)
            for r in range(self.proxy.rowCount(group)):
                out.append(self.proxy.index(r, 0, group).data(MuscleRole))
        return out

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        self.tree.expandAll()

    def enter_results(self) -> None:
        """Enter in the search box: into the results, on the muscle shown if the search
        kept it, else on the first found (which shows it), so the keys that follow (T
        for the next trigger point) go to the window, not into the search."""
        muscles = self.visible_muscles()
        if not muscles:
            return  # nothing found: the search stays to be changed
        current = self.tree.currentIndex()
        shown = current.isValid() and self.tree.selectionModel().isSelected(current)
        if not shown:
            first = self._index_of(muscles[0])
            self.tree.setCurrentIndex(first)
            if current == first:  # already the cursor, so Qt says nothing
                self._emit_current()
        self.tree.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not self._quiet and current.isValid() and current.data(MuscleRole):
            self.chosen.emit((current.data(MuscleRole), self.side))

    def _emit_current(self) -> None:
        self._on_current(self.tree.currentIndex(), QModelIndex())

    def _compare_selected(self) -> None:
        ids = [i.data(MuscleRole) for i in self.tree.selectionModel().selectedIndexes()]
        keys = [(m, self.side) for m in ids if m]
        if keys:
            self.compareRequested.emit(keys)

    def _index_of(self, muscle: str) -> QModelIndex:
        for g in range(self.proxy.rowCount()):
            group = self.proxy.index(g, 0)
            for r in range(self.proxy.rowCount(group)):
                index = self.proxy.index(r, 0, group)
                if index.data(MuscleRole) == muscle:
                    return index
        return QModelIndex()

    def show_muscle(self, muscle: str | None, compared: Sequence[str] = ()) -> None:
        """Put the cursor on ``muscle`` and highlight it and every muscle ``compared``
        with it, without emitting ``chosen``."""
        self._shown = (muscle, tuple(compared))
        self._show_shown()
        # A click in the tree calls this from inside the tree's own mouse press, which
        # then selects the clicked row alone: highlight again once the click is done.
        QTimer.singleShot(0, self, self._show_shown)

    def _show_shown(self) -> None:
        muscle, compared = self._shown
        self._quiet = True
        try:
            self.tree.clearSelection()
            selection = self.tree.selectionModel()
            if muscle is not None:
                index = self._index_of(muscle)
                if index.isValid():
                    self.tree.setCurrentIndex(index)
                    self.tree.scrollTo(index)
            for other in compared:
                index = self._index_of(other)
                if index.isValid():
                    selection.select(index, QItemSelectionModel.SelectionFlag.Select)
        finally:
            self._quiet = False
