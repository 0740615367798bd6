"""The body panel: the views (back, front, both sides, the soles), one at a time or side by
side, each named in words.

Every view has one :class:`BodyScene` (its marks, pattern and labels); the panel shows
each scene in a page of its own and all of them together on an "All views" page. A
QGraphicsScene can be shown by several QGraphicsViews, so both pages paint and draw on
the same scenes, and nothing is kept twice.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from PySide6.QtCore import QPoint, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QTabBar,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from bodymap.atlas import Atlas
from bodymap.closeups import CloseUp
from bodymap.gui.legend import LegendOverlay
from bodymap.gui.scene import BodyScene, BodyView
from bodymap.ids import SHOWN_LARGER, SIDE_SHOWN, VIEW_CAPTIONS, VIEW_TITLES, VIEWS

ALL = "all"
TAB_NAMES = {**VIEW_TITLES, ALL: "All views"}


def _captioned(view: BodyView, caption: str) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    label = QLabel(caption.replace(": ", ":\n", 1))
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(placeholder-text); padding: 2px;")
    # Captions of one height, so the four bodies start level.
    label.setMinimumHeight(label.fontMetrics().lineSpacing() * 3 + 4)
    layout.addWidget(label)
    layout.addWidget(view, 1)
    return box


class BodyPanel(QWidget):
    """Tabs over a stack of pages: one per view, then all views side by side."""

    pageChanged = Signal(str)  # a view name, or "all"

    def __init__(self, scenes: Mapping[str, BodyScene], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scenes = dict(scenes)
        self.pages: list[str] = [v for v in VIEWS if v in self.scenes]
        if len(self.pages) > 1:
            self.pages.append(ALL)
        self.tabs = QTabBar()
        self.tabs.setAccessibleName("Body views")
        self.tabs.setExpanding(False)
        self.stack = QStackedWidget()
        self.single: dict[str, BodyView] = {}
        self.side_by_side: dict[str, BodyView] = {}
        for page in self.pages:
            index = self.tabs.addTab(TAB_NAMES.get(page, page))
            if page == ALL:
                row = QWidget()
                columns = QHBoxLayout(row)
                columns.setContentsMargins(0, 0, 0, 0)
                columns.setSpacing(4)
                for name in self.pages[:-1]:
                    view = BodyView(self.scenes[name])
                    view.setAccessibleName(f"{TAB_NAMES[name]} view")
                    self.side_by_side[name] = view
                    # Columns as wide as the bodies, so the body views are drawn one
                    # size (the soles larger: at the body's scale they are a sliver).
                    width = round(view.fit_rect.width() * SHOWN_LARGER.get(name, 1.0))
                    columns.addWidget(_captioned(view, VIEW_CAPTIONS[name]), width)
                self.stack.addWidget(row)
            else:
                view = BodyView(self.scenes[page])
                view.setAccessibleName(f"{TAB_NAMES[page]} view")
                self.single[page] = view
                self.stack.addWidget(_captioned(view, VIEW_CAPTIONS[page]))
            self.tabs.setTabToolTip(index, VIEW_CAPTIONS.get(page, "All views side by side"))
        self.tabs.currentChanged.connect(self._on_tab)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.tabs)
        layout.addWidget(self.stack, 1)
        self.legend = LegendOverlay(self)

    def place_legend(self) -> None:
        """Keep the legend in the bottom corner of the diagram, and the bodies on the page
        out from under it: where it would cover a body, that body is fitted beside or
        above it instead (a heel under the legend could not be marked)."""
        self.legend.resize(self.legend.sizeHint())
        stack = self.stack.geometry()
        place = QPoint(stack.left() + 6, stack.bottom() - self.legend.height() - 6)
        if self.legend.pos() != place:
            self.legend.move(place)
            self.legend.raise_()
        self._keep_views_clear()

    def _keep_views_clear(self) -> None:
        shown = not self.legend.isHidden()
        for view in self.visible_views():
            clear = None
            if shown:
                corner = view.viewport().mapFrom(self, self.legend.pos())
                clear = QRectF(QRect(corner, self.legend.size()))
            view.set_keep_clear(clear)

    @override
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.place_legend()

    @property
    def page(self) -> str:
        return self.pages[self.tabs.currentIndex()]

    def show_page(self, page: str) -> None:
        if page in self.pages:
            self.tabs.setCurrentIndex(self.pages.index(page))

    def show_close_up(self, close_up: CloseUp, side: str) -> str | None:
        """Zoom to ``close_up`` on the view in front, or turn to its preferred view when the
        view in front does not show it; the view shown, or None when no view shows it."""
        atlas = Atlas({name: scene.view for name, scene in self.scenes.items()})
        current = None if self.page == ALL else self.page
        side = SIDE_SHOWN.get(current or "", side)
        name = close_up.view_for(atlas, current, side)
        box = close_up.box(atlas, name, side)
        if box is None or name not in self.single:
            return None
        self.show_page(name)
        self.single[name].show_area(*box)
        return name

    def _on_tab(self, index: int) -> None:
        self.stack.setCurrentIndex(index)
        self._keep_views_clear()
        for view in self.visible_views():
            view.reset_zoom()
        self.pageChanged.emit(self.pages[index])

    def visible_views(self) -> Iterator[BodyView]:
        """The views on the page shown."""
        if self.page == ALL:
            yield from self.side_by_side.values()
        else:
            yield self.single[self.page]

    def all_views(self) -> Iterator[BodyView]:
        yield from self.single.values()
        yield from self.side_by_side.values()

    @property
    def current(self) -> BodyView:
        """The view in front: the page's one, or the back view on the "All" page."""
        if self.page == ALL:
            return self.side_by_side.get("posterior") or next(iter(self.side_by_side.values()))
        return self.single[self.page]

    @property
    def current_scene(self) -> BodyScene:
        """The scene of the view in front."""
        return self.current.body_scene

    def mark_tabs(self, names: set[str]) -> None:
        """Put a dot on the tabs of the views where ``names`` (a pattern's views) show."""
        for i, page in enumerate(self.pages):
            text = TAB_NAMES.get(page, page)
            self.tabs.setTabText(i, f"{text} •" if page in names else text)

    def zoom_by(self, factor: float) -> None:
        for view in self.visible_views():
            view.zoom_by(factor)

    def reset_zoom(self, everywhere: bool = False) -> None:
        self._keep_views_clear()
        for view in self.all_views() if everywhere else self.visible_views():
            view.reset_zoom()

    def set_cursor(self, shape: Qt.CursorShape) -> None:
        for view in self.all_views():
            view.setCursor(shape)
