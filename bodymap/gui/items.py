"""What a body scene draws, in layers from the bottom: the body's art, the pattern of the
muscle shown, the compared muscles, a preview, the patient's pain, the stroke being
drawn, and the landmark labels. Each paints with a routine of painting.py, shared with
the exported pictures and the handout."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QStyleOptionGraphicsItem,
    QWidget,
)
from typing_extensions import override

from bodymap.atlas import View
from bodymap.catalogue import Pattern
from bodymap.drawing import Tile, TileKey
from bodymap.gui import painting
from bodymap.kinds import DEFAULT_INTENSITY, Intensity
from bodymap.marks import Bounds


class _PaintedItem(QGraphicsItem):
    """An item that paints with one of the shared painting functions."""

    def __init__(self, view: View) -> None:
        super().__init__()
        self.view = view

    @override
    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self.view.width, self.view.height)


class ArtItem(_PaintedItem):
    def __init__(self, view: View) -> None:
        super().__init__(view)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    @override
    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painting.paint_art(painter, self.view)


def _rect(bounds: Bounds, grow: float = 3.0) -> QRectF:
    x0, y0, x1, y1 = bounds
    return QRectF(x0 - grow, y0 - grow, x1 - x0 + 2 * grow, y1 - y0 + 2 * grow)


class PainItem(_PaintedItem):
    """The painted area, in one colour per intensity. Its paths are built once per
    change, and a change repaints only the rectangle it touched."""

    def __init__(self, view: View) -> None:
        super().__init__(view)
        self.tiles: Mapping[TileKey, Tile] | None = None
        self.paths: painting.PainPaths = ()
        self._rings: dict[TileKey, tuple[Tile, dict[Intensity, painting.RingArrays]]] = {}
        # Painting a stroke repaints the pain under each new segment: from a cached
        # picture, not by filling every pain path again.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def set_tiles(self, tiles: Mapping[TileKey, Tile] | None, dirty: Bounds | None = None) -> None:
        """Show the paint of ``tiles``; ``dirty`` bounds what changed (everything when
        not given)."""
        if tiles is self.tiles:
            return
        self.tiles = tiles
        # Each tile's rings are turned into path elements once, when the tile changes;
        # a change then only joins the arrays of every tile into one path per level.
        cache = {}
        by_level: dict[Intensity, list[painting.RingArrays]] = {}
        for key, tile in (tiles or {}).items():
            kept = self._rings.get(key)
            if kept is None or kept[0] is not tile:
                kept = (tile, {lv: painting.ring_arrays(g) for lv, g in tile.levels.items()})
            cache[key] = kept
            for level, arrays in kept[1].items():
                by_level.setdefault(level, []).append(arrays)
        self._rings = cache
        self.paths = painting.join_rings(by_level)
        self.update(_rect(dirty) if dirty is not None else self.boundingRect())

    @override
    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painting.paint_pain(painter, self.paths)


class PatternItem(_PaintedItem):
    """A muscle's pattern; ``opacity`` lower for a hover preview."""

    def __init__(self, view: View, opacity: float = 1.0) -> None:
        super().__init__(view)
        self.pattern: Pattern | None = None
        self.alpha = opacity
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    def _bounds(self) -> QRectF:
        if self.pattern is None:
            return QRectF()
        return painting.pattern_paths(self.pattern, self.view.name).bounds

    def set_pattern(self, pattern: Pattern | None) -> None:
        if pattern is self.pattern:
            return
        before = self._bounds()
        self.pattern = pattern
        self.update(before.united(self._bounds()))

    @override
    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self.pattern is not None:
            painting.paint_pattern(painter, self.pattern, self.view.name, self.alpha)


class ComparedItem(_PaintedItem):
    """Several patterns at once, each in its own colour and outline."""

    def __init__(self, view: View) -> None:
        super().__init__(view)
        self.patterns: tuple[Pattern, ...] = ()

    def _bounds(self) -> QRectF:
        bounds = QRectF()
        for pattern in self.patterns:
            bounds = bounds.united(painting.pattern_paths(pattern, self.view.name).bounds)
        return bounds

    def set_patterns(self, patterns: tuple[Pattern, ...]) -> None:
        if patterns == self.patterns:
            return
        before = self._bounds()
        self.patterns = patterns
        self.update(before.united(self._bounds()))

    @override
    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        for index, pattern in enumerate(self.patterns):
            painting.paint_compared(painter, pattern, self.view.name, index)


class StrokeItem(_PaintedItem):
    """The stroke being drawn. Each mouse move adds one segment and repaints only it."""

    def __init__(self, view: View) -> None:
        super().__init__(view)
        self.path = QPainterPath()
        self.pen = QPen()
        self._last: QPointF | None = None
        # Paint lands only on the body (the drawing clips each mark to the outline), so
        # the stroke in progress is shown clipped too, not spilling off until release.
        self.clip = painting.shape_to_path(view.outline)

    def start(
        self,
        point: QPointF,
        radius: float,
        erasing: bool,
        intensity: Intensity = DEFAULT_INTENSITY,
    ) -> None:
        colour = QColor(painting.ERASE_EDGE if erasing else painting.INTENSITY_FILL[intensity])
        colour.setAlpha(110)
        self.pen = QPen(
            colour,
            2 * radius,
            Qt.PenStyle.SolidLine,
            Qt.PenCapStyle.RoundCap,
            Qt.PenJoinStyle.RoundJoin,
        )
        self.path = QPainterPath(point)
        self.path.lineTo(point + QPointF(0.01, 0))  # a click shows as a dot
        self._last = point
        self._update_segment(point, point)

    def extend(self, point: QPointF) -> None:
        if self._last is None:
            return
        self.path.lineTo(point)
        self._update_segment(self._last, point)
        self._last = point

    def finish(self) -> None:
        area = self.path.boundingRect()
        self.path = QPainterPath()
        self._last = None
        self._repaint(area)

    def _update_segment(self, a: QPointF, b: QPointF) -> None:
        self._repaint(QRectF(a, b).normalized())

    def _repaint(self, rect: QRectF) -> None:
        """Repaint ``rect`` and the pen's reach around it."""
        grow = self.pen.widthF()
        self.update(rect.adjusted(-grow, -grow, grow, grow))

    @override
    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if not self.path.isEmpty():
            painter.setClipPath(self.clip, Qt.ClipOperation.IntersectClip)
            painter.strokePath(self.path, self.pen)


class LabelsItem(_PaintedItem):
    @override
    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painting.paint_labels(painter, self.view)
