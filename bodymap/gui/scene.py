"""The body diagram: a scene in view units that turns mouse input into pain marks, and
the view that shows it, fitted, zoomed and panned. What the scene draws is in items.py."""

from __future__ import annotations

import math
from collections.abc import Mapping

import shapely
from PySide6.QtCore import QPoint, QPointF, QRectF, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QStyle,
    QWidget,
)
from typing_extensions import override

from bodymap.atlas import XY, View
from bodymap.drawing import Tile, TileKey
from bodymap.gui import painting
from bodymap.gui.items import (
    ArtItem,
    ComparedItem,
    LabelsItem,
    PainItem,
    PatternItem,
    StrokeItem,
)
from bodymap.ids import DEFAULT_RADIUS
from bodymap.kinds import DEFAULT_INTENSITY
from bodymap.marks import Bounds, Mark

MIN_STEP = 3.0  # view units between recorded stroke points


class BodyScene(QGraphicsScene):
    """One view of the body. Emits ``markDrawn`` when a click or stroke is finished."""

    markDrawn = Signal(object)  # Mark
    markStarted = Signal()  # the button went down on the body: a mark is being drawn
    hovered = Signal(object)  # (x, y, landmark name or None) or None when off the body

    def __init__(self, view: View, parent: QWidget | None = None) -> None:
        super().__init__(QRectF(0, 0, view.width, view.height), parent)
        self.view = view
        self.radius = DEFAULT_RADIUS
        self.erasing = False
        self.intensity = DEFAULT_INTENSITY
        self._stroke: list[XY] = []
        self.art = ArtItem(view)
        self.pattern = PatternItem(view)
        self.compared = ComparedItem(view)
        self.preview = PatternItem(view, opacity=0.55)
        self.pain = PainItem(view)
        self.labels = LabelsItem(view)
        self.labels.setVisible(False)
        self.live = StrokeItem(view)
        for z, item in enumerate(
            (self.art, self.pattern, self.compared, self.preview, self.pain, self.live, self.labels)
        ):
            item.setZValue(z)
            self.addItem(item)

    def set_pain(self, tiles: Mapping[TileKey, Tile] | None, dirty: Bounds | None = None) -> None:
        self.pain.set_tiles(tiles, dirty)

    @override
    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        p = event.scenePos()
        self._stroke = [(p.x(), p.y())]
        self.live.start(p, self.radius, self.erasing, self.intensity)
        self.markStarted.emit()
        event.accept()

    @override
    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        p = event.scenePos()
        x, y = p.x(), p.y()
        if self._stroke:
            lx, ly = self._stroke[-1]
            if math.hypot(x - lx, y - ly) >= MIN_STEP:
                self._stroke.append((x, y))
                self.live.extend(p)
        if self._stroke:
            pass  # while painting, the status bar keeps still (each new text repaints it)
        elif self.view.contains(x, y):
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
        self.live.finish()
        self.markDrawn.emit(Mark(self.view.name, points, self.radius, self.erasing, self.intensity))
        event.accept()


class BodyView(QGraphicsView):
    """Shows a scene fitted to the widget; the wheel zooms about the cursor, and
    dragging with the middle button (or with the space bar held) pans."""

    ZOOM_STEP = 1.15
    MAX_ZOOM = 8.0
    FIT_MARGIN = 24.0
    CLEAR_GAP = 6.0
    """Pixels kept between the body and what floats over the view."""

    def __init__(self, scene: BodyScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setRenderHints(
            QPainter.RenderHint.Antialiasing | QPainter.RenderHint.SmoothPixmapTransform
        )
        self.setMouseTracking(True)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self._show_scroll_bars(False)
        self.setBackgroundBrush(QColor("white"))
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.zoom = 1.0
        self.body_scene = scene
        self.fit_rect = painting.body_rect(scene.view, self.FIT_MARGIN)
        """What "fit" shows: the body and a margin, not the empty frame around it."""
        self.keep_clear: QRectF | None = None
        """Part of the viewport (in its coordinates) that something floats over, such as
        the legend: fitting keeps the body out from under it."""
        self._space = False
        self._pan_from: QPointF | None = None

    def _start_pan(self, event: QMouseEvent) -> bool:
        middle = event.button() == Qt.MouseButton.MiddleButton
        if not (middle or (self._space and event.button() == Qt.MouseButton.LeftButton)):
            return False
        self._pan_from = event.position()
        self.viewport().setCursor(Qt.CursorShape.ClosedHandCursor)
        return True

    @override
    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._start_pan(event):
            event.accept()
            return
        super().mousePressEvent(event)

    @override
    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            delta = event.position() - self._pan_from
            self._pan_from = event.position()
            h, v = self.horizontalScrollBar(), self.verticalScrollBar()
            h.setValue(h.value() - round(delta.x()))
            v.setValue(v.value() - round(delta.y()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    @override
    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._pan_from is not None:
            self._pan_from = None
            self.viewport().unsetCursor()
            event.accept()
            return
        super().mouseReleaseEvent(event)

    @override
    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            event.accept()
            return
        super().keyPressEvent(event)

    @override
    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            self._space = False
            self.viewport().unsetCursor()
            event.accept()
            return
        super().keyReleaseEvent(event)

    def _show_scroll_bars(self, shown: bool) -> None:
        """Scroll bars only when zoomed in: fitted, the body needs none."""
        policy = (
            Qt.ScrollBarPolicy.ScrollBarAsNeeded if shown else Qt.ScrollBarPolicy.ScrollBarAlwaysOff
        )
        self.setHorizontalScrollBarPolicy(policy)
        self.setVerticalScrollBarPolicy(policy)

    def reset_zoom(self) -> None:
        self.zoom = 1.0
        self._show_scroll_bars(False)
        self.fit()

    def set_keep_clear(self, rect: QRectF | None) -> None:
        """Keep the body out from under ``rect`` (viewport coordinates) when fitted."""
        if rect == self.keep_clear:
            return
        self.keep_clear = rect
        if self.zoom != 1.0:
            return
        # The legend changes as muscles and trigger points are shown; the body moves only
        # when the legend would now cover it (or has gone), so it does not jump about.
        origin = self.mapToScene(QPoint(0, 0))
        if rect is not None and not self._covers(rect, self.transform().m11(), origin):
            return
        self.fit()

    def fit(self) -> None:
        """Show the whole body from head to heels, as large as it goes without passing
        under :attr:`keep_clear`: over the whole viewport when it clears it, otherwise
        beside, above or below it, whichever leaves the body largest."""
        port = QRectF(self.viewport().rect()).adjusted(2, 2, -2, -2)
        if port.isEmpty():
            return
        clear = self.keep_clear
        regions = [port]
        if clear is not None and clear.intersects(port):
            gap = self.CLEAR_GAP
            regions += [
                QRectF(port.left(), port.top(), port.width(), clear.top() - gap - port.top()),
                QRectF(
                    port.left(),
                    clear.bottom() + gap,
                    port.width(),
                    port.bottom() - clear.bottom() - gap,
                ),
                QRectF(port.left(), port.top(), clear.left() - gap - port.left(), port.height()),
                QRectF(
                    clear.right() + gap,
                    port.top(),
                    port.right() - clear.right() - gap,
                    port.height(),
                ),
            ]
        best: tuple[float, QPointF] | None = None
        for region in regions:
            if region.width() <= 0 or region.height() <= 0:
                continue
            scale, origin = self._placement(region)
            if region is port and clear is not None and self._covers(clear, scale, origin):
                continue
            if best is None or scale > best[0]:
                best = (scale, origin)
        if best is None:  # nowhere clear of it: the whole body all the same
            best = self._placement(port)
        scale, origin = best
        size = QRectF(self.viewport().rect()).size()
        # Scene as large as the viewport shows at this scale, so that nothing clamps
        # the body to the centre; zoomed in, this is the area one can pan over.
        shown = QRectF(origin, QSizeF(size.width() / scale, size.height() / scale))
        self.setSceneRect(shown)
        self.setTransform(QTransform.fromScale(scale, scale))
        self.centerOn(shown.center())

    def _placement(self, region: QRectF) -> tuple[float, QPointF]:
        """The scale that fits the body in ``region``, and the scene point then at the
        viewport's top left, with the body centred in the region."""
        fit = self.fit_rect
        scale = min(region.width() / fit.width(), region.height() / fit.height())
        return scale, fit.center() - region.center() / scale

    def _covers(self, rect: QRectF, scale: float, origin: QPointF) -> bool:
        """Would ``rect`` (viewport) lie over the body's outline at this placement?"""
        grow = self.CLEAR_GAP
        left = origin.x() + (rect.left() - grow) / scale
        top = origin.y() + (rect.top() - grow) / scale
        right = origin.x() + (rect.right() + grow) / scale
        bottom = origin.y() + (rect.bottom() + grow) / scale
        return bool(self.body_scene.view.outline.intersects(shapely.box(left, top, right, bottom)))

    def show_area(self, left: float, top: float, right: float, bottom: float) -> None:
        """Zoom so that this area of the view (in view units) fills the viewport, centred."""
        self.reset_zoom()
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        # Zoomed in, the scroll bars appear and take their room from the viewport.
        port = QRectF(self.viewport().rect()).adjusted(2, 2, -2 - bar, -2 - bar)
        if port.isEmpty() or right <= left or bottom <= top:
            return
        fitted = self.transform().m11()
        wanted = min(port.width() / (right - left), port.height() / (bottom - top))
        target = min(self.MAX_ZOOM, max(1.0, wanted / fitted))
        if target > 1.0:
            self._show_scroll_bars(True)
            self.scale(target, target)
            self.zoom = target
        self.centerOn(QPointF((left + right) / 2, (top + bottom) / 2))

    def zoom_by(self, factor: float) -> None:
        target = min(self.MAX_ZOOM, max(1.0, self.zoom * factor))
        if target == 1.0:
            self.reset_zoom()
            return
        self._show_scroll_bars(True)
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
            self.fit()

    @override
    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if self.zoom == 1.0:
            self.fit()
