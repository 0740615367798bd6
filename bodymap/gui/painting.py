"""Drawing the body, the pain and a muscle's pattern with QPainter.

Shared by the window's scene items and by ``bodymap render`` so that what is printed is
exactly what is on screen. Geometry comes from shapely and is turned into
``QPainterPath`` only here, at the GUI edge, in one call per shape: the coordinates are
packed with numpy into Qt's own serialised form of a path and read back in one go,
never fed to Qt one vertex at a time.

Everything is measured in view units, fonts included (pixel sizes in view units), so a
drawing looks the same on screen, in a PNG at one pixel per unit and on a PDF page at
1200 dots per inch.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import shapely
from PySide6.QtCore import QByteArray, QDataStream, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen
from PySide6.QtSvg import QSvgRenderer
from shapely.geometry.base import BaseGeometry

from bodymap.atlas import View
from bodymap.catalogue import Pattern
from bodymap.drawing import TILE
from bodymap.ids import landmark_label
from bodymap.kinds import Intensity, ZoneKind
from bodymap.wording import LEGEND

PAIN_FILL = QColor(37, 99, 235, 110)
PAIN_EDGE = QColor(29, 78, 216, 220)
INTENSITY_FILL = {
    Intensity.MILD: QColor(96, 165, 250, 80),
    Intensity.MODERATE: PAIN_FILL,
    Intensity.SEVERE: QColor(30, 27, 145, 175),
}
"""Pain in blues that darken with intensity (apart in lightness, so they read in grey)."""
INTENSITY_EDGE = {
    Intensity.MILD: QColor(59, 130, 246, 200),
    Intensity.MODERATE: PAIN_EDGE,
    Intensity.SEVERE: QColor(23, 20, 110, 235),
}
ERASE_EDGE = QColor(90, 90, 90, 200)
ZONE_FILL = {
    ZoneKind.ESSENTIAL: QColor(220, 38, 38, 170),
    ZoneKind.SPILLOVER: QColor(220, 38, 38, 40),
    ZoneKind.RARE: QColor(234, 88, 12, 35),
}
ZONE_EDGE = {
    ZoneKind.ESSENTIAL: QColor(185, 28, 28, 230),
    ZoneKind.SPILLOVER: QColor(220, 38, 38, 170),
    ZoneKind.RARE: QColor(234, 88, 12, 150),
}
HATCH_SPACING = 9.0  # view units between the lines of a spillover zone's hatching
HATCH_WIDTH = 1.3
TRP_COLOUR = QColor(17, 24, 39)
TRP_ARM = 7.0
LABEL_COLOUR = QColor(55, 65, 81)
LABEL_SIZE = 15  # view units (about 11 px on screen when the body fits the window)

_RECORD = np.dtype([("type", ">i4"), ("x", ">f8"), ("y", ">f8")])
_MOVE_TO, _LINE_TO = 0, 1
_ODD_EVEN = 0


def _path_from_lines(lines: np.ndarray) -> QPainterPath:
    """One path through an array of linestrings or linear rings (a subpath each)."""
    coords, index = shapely.get_coordinates(lines, return_index=True)
    return _path_from_records(coords, _element_types(index))


def _element_types(index: np.ndarray) -> np.ndarray:
    """Line-to for every point, but move-to where a new line (``index``) begins."""
    types = np.full(len(index), _LINE_TO, dtype=">i4")
    types[np.flatnonzero(np.diff(index, prepend=-1))] = _MOVE_TO
    return types


def _path_from_records(coords: np.ndarray, types: np.ndarray) -> QPainterPath:
    """A path of move-to and line-to elements, built in one go from arrays."""
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    if len(coords) == 0:
        return path
    records = np.empty(len(coords), dtype=_RECORD)
    records["type"] = types
    records["x"], records["y"] = coords[:, 0], coords[:, 1]
    last_move = int(np.flatnonzero(types == _MOVE_TO)[-1])
    # QDataStream's QPainterPath: element count, (type, x, y) per element, the index of
    # the current subpath's start, and the fill rule; big-endian, doubles.
    data = (
        np.array([len(coords)], ">i4").tobytes()
        + records.tobytes()
        + np.array([last_move, _ODD_EVEN], ">i4").tobytes()
    )
    stream = QDataStream(QByteArray(data))
    stream >> path
    return path


def _parts(geometry: BaseGeometry, kind: shapely.GeometryType) -> np.ndarray:
    """The parts of ``geometry`` of one type (a clip can leave points and lines)."""
    parts = shapely.get_parts(geometry)
    chosen: np.ndarray = parts[shapely.get_type_id(parts) == kind]
    return chosen


def shape_to_path(geometry: BaseGeometry) -> QPainterPath:
    """A shapely (multi)polygon as a QPainterPath, holes included (odd-even fill)."""
    return _path_from_lines(shapely.get_rings(_parts(geometry, shapely.GeometryType.POLYGON)))


def hatch(geometry: BaseGeometry, spacing: float = HATCH_SPACING) -> BaseGeometry:
    """Diagonal lines (rising to the right) across ``geometry``, clipped to it."""
    if geometry.is_empty:
        return geometry
    x0, y0, x1, y1 = geometry.bounds
    span = (x1 - x0) + (y1 - y0)
    offsets = np.arange(0.0, span + spacing, spacing)
    # Lines x + y = x0 + y0 + offset, from the bottom-left to the top-right of the box.
    starts = np.column_stack([x0 + offsets - (y1 - y0), np.full(len(offsets), y1)])
    ends = np.column_stack([x0 + offsets, np.full(len(offsets), y0)])
    lines = shapely.linestrings(np.stack([starts, ends], axis=1))
    return shapely.intersection(shapely.multilinestrings(lines), geometry)


def lines_to_path(geometry: BaseGeometry) -> QPainterPath:
    return _path_from_lines(_parts(geometry, shapely.GeometryType.LINESTRING))


def crosses_path(points: Iterable[tuple[float, float]], arm: float = TRP_ARM) -> QPainterPath:
    """An X at each point, as one path."""
    xy = np.asarray(list(points), dtype=float).reshape(-1, 2)
    if not len(xy):
        return QPainterPath()
    d1, d2 = np.array([arm, arm]), np.array([arm, -arm])
    down = np.stack([xy - d1, xy + d1], axis=1)
    up = np.stack([xy - d2, xy + d2], axis=1)
    return _path_from_lines(shapely.linestrings(np.concatenate([down, up])))


@dataclass(frozen=True)
class _ZonePaths:
    kind: ZoneKind
    fill: QPainterPath
    hatch: QPainterPath | None


@dataclass(frozen=True)
class PatternPaths:
    """A pattern in one view, ready to paint: built once, painted many times."""

    zones: tuple[_ZonePaths, ...]
    trigger_points: QPainterPath
    bounds: QRectF


_pattern_paths: weakref.WeakKeyDictionary[Pattern, dict[str, PatternPaths]] = (
    weakref.WeakKeyDictionary()
)


def pattern_paths(pattern: Pattern, view: str) -> PatternPaths:
    """The paths of ``pattern`` in ``view``, cached for as long as the pattern lives."""
    by_view = _pattern_paths.setdefault(pattern, {})
    if view not in by_view:
        zones = []
        layers = pattern.layers.get(view)
        if layers is not None:
            for kind, geometry in reversed(list(layers.by_kind())):
                if geometry.is_empty:
                    continue
                lines = lines_to_path(hatch(geometry)) if kind is ZoneKind.SPILLOVER else None
                zones.append(_ZonePaths(kind, shape_to_path(geometry), lines))
        sites = [t.sites[view] for t in pattern.trigger_points if view in t.sites]
        crosses = crosses_path(sites)
        bounds = QRectF()
        for z in zones:
            bounds = bounds.united(z.fill.boundingRect())
        bounds = bounds.united(crosses.boundingRect())
        by_view[view] = PatternPaths(tuple(zones), crosses, bounds.adjusted(-4, -4, 4, 4))
    return by_view[view]


def body_rect(view: View, margin: float) -> QRectF:
    """The body's bounds in ``view`` and a margin: its frame without the empty sides."""
    x0, y0, x1, y1 = view.outline.bounds
    return QRectF(x0 - margin, y0 - margin, x1 - x0 + 2 * margin, y1 - y0 + 2 * margin)


@functools.cache
def _art(path: str) -> QSvgRenderer:
    """One renderer per art file for the process: the window's views, the exports, the
    handout and the visits report all draw the same five bodies."""
    return QSvgRenderer(path)


def paint_art(painter: QPainter, view: View) -> None:
    """The view's body art, in view units."""
    _art(str(view.art_path)).render(painter, QRectF(0, 0, view.width, view.height))


PainPaths = tuple[tuple[Intensity, QPainterPath, QPainterPath], ...]
"""Per intensity present, mildest first: the fill, and the edge to stroke."""


def pain_paths(
    levels: Mapping[Intensity, BaseGeometry | Sequence[BaseGeometry]] | None,
) -> PainPaths:
    """The painted area of each intensity (one area, or the pieces of its tiles) as a
    fill and an edge, mildest first."""
    if not levels:
        return ()
    return join_rings({level: [ring_arrays(g)] for level, g in levels.items()})


@dataclass(frozen=True)
class RingArrays:
    """The rings of an area as path elements: points, and the element types for its
    fill and for its edge (which leaves out the seams along tile lines)."""

    coords: np.ndarray
    fill: np.ndarray
    edge: np.ndarray


def ring_arrays(geometry: BaseGeometry | Sequence[BaseGeometry]) -> RingArrays:
    rings = shapely.get_rings(_parts(geometry, shapely.GeometryType.POLYGON))
    coords, index = shapely.get_coordinates(rings, return_index=True)
    fill = _element_types(index)
    x, y = coords[:, 0], coords[:, 1]
    seam = (index[1:] == index[:-1]) & (
        ((x[1:] == x[:-1]) & _on_tile_line(x[1:])) | ((y[1:] == y[:-1]) & _on_tile_line(y[1:]))
    )
    edge = fill.copy()
    edge[1:][seam] = _MOVE_TO
    return RingArrays(coords, fill, edge)


def join_rings(levels: Mapping[Intensity, Sequence[RingArrays]]) -> PainPaths:
    """One fill path and one edge path per intensity, from the rings of its pieces."""
    out = []
    for level in Intensity:
        parts = [p for p in levels.get(level, ()) if len(p.coords)]
        if parts:
            coords = np.concatenate([p.coords for p in parts])
            fill = _path_from_records(coords, np.concatenate([p.fill for p in parts]))
            edge = _path_from_records(coords, np.concatenate([p.edge for p in parts]))
            out.append((level, fill, edge))
    return tuple(out)


def _on_tile_line(values: np.ndarray) -> np.ndarray:
    return np.abs(values - np.round(values / TILE) * TILE) < 1e-6


def paint_pain(painter: QPainter, paths: PainPaths) -> None:
    """The pain in blues that darken with intensity."""
    for level, fill, edge in paths:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(INTENSITY_FILL[level])
        painter.drawPath(fill)
        painter.setPen(QPen(INTENSITY_EDGE[level], 1.6))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(edge)


def paint_pattern(painter: QPainter, pattern: Pattern, view: str, opacity: float = 1.0) -> None:
    """Essential zones solid, spillover light and hatched, rare ones faint; TrPs as X."""
    paths = pattern_paths(pattern, view)
    painter.save()
    painter.setOpacity(opacity)
    for zone in paths.zones:
        style = Qt.PenStyle.SolidLine if zone.kind is ZoneKind.ESSENTIAL else Qt.PenStyle.DashLine
        painter.setPen(QPen(ZONE_EDGE[zone.kind], 1.2, style))
        painter.setBrush(ZONE_FILL[zone.kind])
        painter.drawPath(zone.fill)
        if zone.hatch is not None and not zone.hatch.isEmpty():
            painter.setPen(QPen(ZONE_EDGE[zone.kind], HATCH_WIDTH))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(zone.hatch)
    if not paths.trigger_points.isEmpty():  # an SVG reader refuses an empty path
        painter.setPen(QPen(TRP_COLOUR, 3.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawPath(paths.trigger_points)
    painter.restore()


COMPARE_COLOURS = (QColor("#D55E00"), QColor("#009E73"), QColor("#CC79A7"))
"""Vermilion, bluish green and reddish purple (Okabe and Ito's colour-blind-safe set),
apart from the pain's blues."""
COMPARE_LINES = (Qt.PenStyle.SolidLine, Qt.PenStyle.DashLine, Qt.PenStyle.DotLine)
"""Each compared muscle's outline also has its own line, so the legend reads in grey."""


def compare_style(index: int) -> tuple[QColor, Qt.PenStyle]:
    return COMPARE_COLOURS[index % 3], COMPARE_LINES[index % 3]


def paint_compared(painter: QPainter, pattern: Pattern, view: str, index: int) -> None:
    """One of several compared patterns, in its own colour and outline: the main area
    tinted, the spread hatched, trigger points as X."""
    colour, line = compare_style(index)
    paths = pattern_paths(pattern, view)
    painter.save()
    for zone in paths.zones:
        fill = QColor(colour)
        fill.setAlpha({ZoneKind.ESSENTIAL: 95, ZoneKind.SPILLOVER: 30}.get(zone.kind, 15))
        painter.setPen(QPen(colour, 3.0 if zone.kind is ZoneKind.ESSENTIAL else 1.6, line))
        painter.setBrush(fill)
        painter.drawPath(zone.fill)
        if zone.hatch is not None and not zone.hatch.isEmpty():
            painter.setPen(QPen(colour, HATCH_WIDTH))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPath(zone.hatch)
    if not paths.trigger_points.isEmpty():
        painter.setPen(
            QPen(colour.darker(140), 3.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        )
        painter.drawPath(paths.trigger_points)
    painter.restore()


def paint_swatch(painter: QPainter, rect: QRectF, kind: str, index: int = 0) -> None:
    """A legend's sample of one kind of mark, in ``rect``: ``essential``, ``spillover``,
    ``rare``, ``trigger_point``, ``pain`` (its three intensities), or ``compare``."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    shape = shapely.box(rect.left(), rect.top(), rect.right(), rect.bottom())
    path = shape_to_path(shape)
    if kind in {k.value for k in ZoneKind}:
        zone = ZoneKind(kind)
        style = Qt.PenStyle.SolidLine if zone is ZoneKind.ESSENTIAL else Qt.PenStyle.DashLine
        painter.setPen(QPen(ZONE_EDGE[zone], 1.2, style))
        painter.setBrush(ZONE_FILL[zone])
        painter.drawPath(path)
        if zone is ZoneKind.SPILLOVER:
            painter.setPen(QPen(ZONE_EDGE[zone], 1.0))
            painter.drawPath(lines_to_path(hatch(shape, 4.0)))
    elif kind == "trigger_point":
        centre = rect.center()
        painter.setPen(QPen(TRP_COLOUR, 2.0, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap))
        painter.drawPath(crosses_path([(centre.x(), centre.y())], min(rect.height(), 10) / 2.4))
    elif kind == "pain":  # the three intensities side by side, mild to severe
        third = rect.width() / 3
        for i, level in enumerate(Intensity):
            part = QRectF(rect.left() + i * third, rect.top(), third, rect.height())
            painter.setPen(QPen(INTENSITY_EDGE[level], 1.0))
            painter.setBrush(INTENSITY_FILL[level])
            painter.drawRect(part)
    elif kind == "compare":
        colour, line = compare_style(index)
        fill = QColor(colour)
        fill.setAlpha(95)
        painter.setPen(QPen(colour, 2.4, line))
        painter.setBrush(fill)
        painter.drawPath(path)
    painter.restore()


def unit_font(size: float, bold: bool = False) -> QFont:
    """A font ``size`` view units tall, the same on every device."""
    font = QFont()
    font.setPixelSize(max(1, round(size)))
    font.setBold(bold)
    return font


@functools.cache
def layout_font(size: float, bold: bool = False) -> QFont:
    """A font ``size`` page units tall, unhinted so that what is measured is what prints
    (shared: not to be changed by whoever uses it)."""
    font = unit_font(size, bold)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return font


def pattern_legend(pattern: Pattern, views: Iterable[str] | None = None) -> list[tuple[str, str]]:
    """The rows of :data:`~bodymap.wording.LEGEND` for ``pattern`` shown in ``views`` (all
    its views when None): the kinds of zone it has there, and its trigger points."""
    shown = pattern.layers.keys() if views is None else [v for v in views if v in pattern.layers]
    kinds = {
        str(kind)
        for view in shown
        for kind, zone in pattern.layers[view].by_kind()
        if not zone.is_empty
    }
    return [(k, words) for k, words in LEGEND if k in kinds or k == "trigger_point"]


def _label_places(
    view: View, names: Iterable[str] | None, size: float
) -> Iterable[tuple[QPointF, QPointF, str, QRectF]]:
    """For each landmark named (the view's main ones when ``names`` is None): its dot,
    where its name is written (away from the midline), the name, and the name's box."""
    metrics = QFontMetricsF(unit_font(size))
    for name in names if names is not None else view.labels:
        x, y = view.landmark(name)
        text = landmark_label(name)
        width = metrics.horizontalAdvance(text)
        gap = size * 0.4
        left = x >= view.midline_x
        anchor = (
            QPointF(x + gap, y + size * 0.35) if left else QPointF(x - gap - width, y + size * 0.35)
        )
        box = QRectF(anchor.x(), anchor.y() - metrics.ascent(), width, metrics.height())
        yield QPointF(x, y), anchor, text, box


def labels_rect(view: View, size: float = LABEL_SIZE) -> QRectF:
    """The part of ``view`` its main landmarks' dots and names cover (empty if none)."""
    rect = QRectF()
    for dot, _anchor, _text, box in _label_places(view, None, size):
        rect = rect.united(box).united(QRectF(dot.x() - 3, dot.y() - 3, 6, 6))
    return rect


def paint_labels(
    painter: QPainter, view: View, names: Iterable[str] | None = None, size: float = LABEL_SIZE
) -> None:
    """Small dots and readable names ("R PSIS", "L5") for the view's main landmarks,
    each written away from the midline."""
    painter.save()
    painter.setFont(unit_font(size))
    for dot, anchor, text, _box in _label_places(view, names, size):
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(LABEL_COLOUR)
        painter.drawEllipse(dot, 2.6, 2.6)
        painter.setPen(LABEL_COLOUR)
        painter.drawText(anchor, text)
    painter.restore()
