"""Drawing the body, the pain and a muscle's pattern with QPainter.

Shared by the window's scene items and by ``bodymap render`` so that what is printed is
exactly what is on screen. Geometry comes from shapely and is turned into
``QPainterPath`` only here, at the GUI edge.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPainterPath, QPen
from PySide6.QtSvg import QSvgRenderer
from shapely.geometry.base import BaseGeometry

from bodymap.atlas import View
from bodymap.catalogue import Pattern
from bodymap.schema import ZoneKind

PAIN_FILL = QColor(37, 99, 235, 110)
PAIN_EDGE = QColor(29, 78, 216, 220)
ERASE_EDGE = QColor(90, 90, 90, 200)
ZONE_FILL = {
    ZoneKind.ESSENTIAL: QColor(220, 38, 38, 170),
    ZoneKind.SPILLOVER: QColor(220, 38, 38, 60),
    ZoneKind.RARE: QColor(234, 88, 12, 35),
}
ZONE_EDGE = {
    ZoneKind.ESSENTIAL: QColor(185, 28, 28, 230),
    ZoneKind.SPILLOVER: QColor(220, 38, 38, 170),
    ZoneKind.RARE: QColor(234, 88, 12, 150),
}
TRP_COLOUR = QColor(17, 24, 39)
LABEL_COLOUR = QColor(55, 65, 81)


def shape_to_path(geometry: BaseGeometry) -> QPainterPath:
    """A shapely (multi)polygon as a QPainterPath, holes included (odd-even fill)."""
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    for polygon in _polygons(geometry):
        for ring in (polygon.exterior, *polygon.interiors):
            coords = list(ring.coords)
            if len(coords) < 3:
                continue
            path.moveTo(QPointF(*coords[0]))
            for x, y in coords[1:]:
                path.lineTo(QPointF(x, y))
            path.closeSubpath()
    return path


def _polygons(geometry: BaseGeometry) -> Iterable[BaseGeometry]:
    if geometry.is_empty:
        return
    kind = geometry.geom_type
    if kind == "Polygon":
        yield geometry
    elif kind in ("MultiPolygon", "GeometryCollection"):
        for part in geometry.geoms:
            yield from _polygons(part)


def paint_art(painter: QPainter, renderer: QSvgRenderer, view: View) -> None:
    renderer.render(painter, QRectF(0, 0, view.width, view.height))


def paint_pain(painter: QPainter, area: BaseGeometry) -> None:
    painter.setPen(QPen(PAIN_EDGE, 1.6))
    painter.setBrush(PAIN_FILL)
    painter.drawPath(shape_to_path(area))


def paint_pattern(painter: QPainter, pattern: Pattern, view: str, opacity: float = 1.0) -> None:
    """Essential zones solid, spillover light and hatched, rare ones faint; TrPs as X."""
    layers = pattern.layers.get(view)
    if layers is None:
        return
    painter.save()
    painter.setOpacity(opacity)
    for kind, geometry in reversed(list(layers.by_kind())):
        if geometry.is_empty:
            continue
        path = shape_to_path(geometry)
        painter.setPen(
            QPen(
                ZONE_EDGE[kind],
                1.2,
                Qt.PenStyle.SolidLine if kind is ZoneKind.ESSENTIAL else Qt.PenStyle.DashLine,
            )
        )
        painter.setBrush(ZONE_FILL[kind])
        painter.drawPath(path)
        if kind is ZoneKind.SPILLOVER:
            hatch = QBrush(ZONE_EDGE[kind], Qt.BrushStyle.BDiagPattern)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(hatch)
            painter.drawPath(path)
    painter.setPen(QPen(TRP_COLOUR, 3.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
    for trp in pattern.trigger_points:
        site = trp.sites.get(view)
        if site is None:
            continue
        x, y = site
        painter.drawLine(QPointF(x - 7, y - 7), QPointF(x + 7, y + 7))
        painter.drawLine(QPointF(x - 7, y + 7), QPointF(x + 7, y - 7))
    painter.restore()


def paint_labels(painter: QPainter, view: View, names: Iterable[str] | None = None) -> None:
    """Small dots and names for the view's main landmarks, placed away from the midline."""
    painter.save()
    font = QFont()
    font.setPointSizeF(9.0)
    painter.setFont(font)
    for name in names if names is not None else view.labels:
        x, y = view.landmark(name)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(LABEL_COLOUR)
        painter.drawEllipse(QPointF(x, y), 2.6, 2.6)
        painter.setPen(LABEL_COLOUR)
        text = name.replace("right-", "R ").replace("left-", "L ").replace("-", " ")
        metrics = painter.fontMetrics()
        width = metrics.horizontalAdvance(text)
        anchor = QPointF(x + 6, y + 4) if x >= view.midline_x else QPointF(x - 6 - width, y + 4)
        painter.drawText(anchor, text)
    painter.restore()
