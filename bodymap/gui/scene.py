"""The body diagram: a scene in view units that turns mouse input into pain marks."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QWheelEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)
from shapely.geometry.base import BaseGeometry
from typing_extensions import override

from bodymap.atlas import XY, View
from bodymap.catalogue import Pattern
from bodymap.gui import painting
from bodymap.marks import DEFAULT_RADIUS, Mark

MIN_STEP = 3.0  # view units between recorded stroke points


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
        self.renderer = QSvgRenderer(str(view.art_path))
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    @override
    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painting.paint_art(painter, self.renderer, self.view)


class PainItem(_PaintedItem):
    def __init__(self, view: View) -> None:
        super().__init__(view)
        self.area: BaseGeometry | None = None

    def set_area(self, area: BaseGeometry | None) -> None:
        self.area = area
        self.update()

    @override
    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self.area is not None and not self.area.is_empty:
            painting.paint_pain(painter, self.area)


class PatternItem(_PaintedItem):
    """A muscle's pattern; ``opacity`` lower for a hover preview."""

    def __init__(self, view: View, opacity: float = 1.0) -> None:
        super().__init__(view)
        self.pattern: Pattern | None = None
        self.alpha = opacity

    def set_pattern(self, pattern: Pattern | None) -> None:
        self.pattern = pattern
        self.update()

    @override
    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self.pattern is not None:
            painting.paint_pattern(painter, self.pattern, self.view.name, self.alpha)


class LabelsItem(_PaintedItem):
    @override
    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painting.paint_labels(painter, self.view)


class BodyScene(QGraphicsScene):
    """One view of the body. Emits ``markDrawn`` when a click or stroke is finished."""

    markDrawn = Signal(object)  # Mark
    hovered = Signal(object)  # (x, y, landmark name or None) or None when off the body

    def __init__(self, view: View, parent: QWidget | None = None) -> None:
        super().__init__(QRectF(0, 0, view.width, view.height), parent)
        self.view = view
        self.radius = DEFAULT_RADIUS
        self.erasing = False
        self._stroke: list[XY] = []
        self.art = ArtItem(view)
        self.pattern = PatternItem(view)
        self.preview = PatternItem(view, opacity=0.55)
        self.pain = PainItem(view)
        self.labels = LabelsItem(view)
        self.labels.setVisible(False)
        self.live = QGraphicsPathItem()
        for z, item in enumerate(
            (self.art, self.pattern, self.preview, self.pain, self.live, self.labels)
        ):
            item.setZValue(z)
            self.addItem(item)

    def set_pain(self, area: BaseGeometry | None) -> None:
        self.pain.set_area(area)

    def _update_live(self) -> None:
        path = QPainterPath()
        if self._stroke:
            path.moveTo(QPointF(*self._stroke[0]))
            for x, y in self._stroke[1:]:
                path.lineTo(QPointF(x, y))
            if len(self._stroke) == 1:
                path.lineTo(QPointF(self._stroke[0][0] + 0.01, self._stroke[0][1]))
        colour = QColor(painting.ERASE_EDGE if self.erasing else painting.PAIN_FILL)
        colour.setAlpha(110)
        pen = QPen(
            colour,
            2 * self.radius,
            Qt.PenStyle.SolidLine,
            Qt.PenCapStyle.RoundCap,
            Qt.PenJoinStyle.RoundJoin,
        )
        self.live.setPen(pen)
        self.live.setPath(path)

    @override
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        p = event.scenePos()
        self._stroke = [(p.x(), p.y())]
        self._update_live()
        event.accept()

    @override
    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        p = event.scenePos()
        x, y = p.x(), p.y()
        if self._stroke:
            lx, ly = self._stroke[-1]
            if math.hypot(x - lx, y - ly) >= MIN_STEP:
                self._stroke.append((x, y))
                self._update_live()
        if self.view.contains(x, y):
            self.hovered.emit((x, y, self.view.nearest_landmark(x, y)))
        else:
            self.hovered.emit(None)
        event.accept()

    @override
    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton or not self._stroke:
            super().mouseReleaseEvent(event)
            return
        p = event.scenePos()
        last = self._stroke[-1]
        if (p.x(), p.y()) != last and math.hypot(p.x() - last[0], p.y() - last[1]) >= 1.0:
            self._stroke.append((p.x(), p.y()))
        points = tuple(self._stroke)
        self._stroke = []
        self._update_live()
        self.markDrawn.emit(Mark(self.view.name, points, self.radius, self.erasing))
        event.accept()


class BodyView(QGraphicsView):
    """Shows a scene fitted to the widget; the wheel zooms about the cursor."""

    ZOOM_STEP = 1.15
    MAX_ZOOM = 8.0

    def __init__(self, scene: BodyScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setMouseTracking(True)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setBackgroundBrush(QColor("white"))
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.zoom = 1.0

    def reset_zoom(self) -> None:
        self.zoom = 1.0
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def zoom_by(self, factor: float) -> None:
        target = min(self.MAX_ZOOM, max(1.0, self.zoom * factor))
        if target == 1.0:
            self.reset_zoom()
            return
        self.scale(target / self.zoom, target / self.zoom)
        self.zoom = target

    @override
    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_by(self.ZOOM_STEP**steps)
        event.accept()

    @override
    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]
        if self.zoom == 1.0:
            self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    @override
    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if self.zoom == 1.0:
            self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
