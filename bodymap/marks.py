"""Pain marks, and what a mark changes: the vocabulary of the painted drawing.

A click is a disc of a fingertip's radius, a painted stroke is a polyline buffered by the
radius, and an eraser stroke removes painted area. Each mark has an intensity (mild,
moderate or severe). What a mark did to the drawing is a :class:`Change` made of
:class:`Piece` s of each intensity; the drawing itself, which clips marks to the body
outline and keeps them in tiles, is :class:`bodymap.drawing.PainDrawing`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import shapely
from shapely.geometry import LineString
from shapely.geometry import Point as ShapelyPoint
from shapely.geometry.base import BaseGeometry

from bodymap.atlas import XY, Atlas
from bodymap.errors import MarkError
from bodymap.ids import DEFAULT_RADIUS
from bodymap.kinds import DEFAULT_INTENSITY, Intensity

_EMPTY = shapely.Polygon()
GRID = 0.01
"""Precision of the painted area, in view units (about 0.01 mm)."""
MIN_AREA = 0.5
"""Painted area below this many square units (a speck 1/2000 of a fingertip) is noise."""
QUAD_SEGS = 8
"""Segments per quarter circle of a mark's round ends: a fingertip is a 32-gon, round at
any zoom, and its overlays cost a third less than with twice as many."""
NOISE = 1e-4
"""Overlay results smaller than this many square units are floating-point noise (a
sliver along a shared edge), dropped; anything larger is paint and is kept."""
SIMPLIFY = 0.5
"""A stroke's path is simplified to within this many view units before it is widened."""
MAX_COORD = 1e5
MIN_RADIUS, MAX_RADIUS = 0.5, 1e4


def polygonal(geometry: BaseGeometry, min_area: float = MIN_AREA) -> BaseGeometry:
    """Only the areal parts of an overlay result, without specks (parts under
    ``min_area``).

    Clipping a disc to the outline where two parts of the body nearly touch can leave a
    line or a point beside the polygon; later overlays refuse such mixed input.
    """
    if geometry.is_empty:
        return _EMPTY
    if geometry.geom_type == "Polygon" and geometry.area >= min_area:
        return geometry
    parts = [
        p for p in shapely.get_parts(geometry) if p.geom_type == "Polygon" and p.area >= min_area
    ]
    if not parts:
        return _EMPTY
    return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)


@dataclass(frozen=True)
class Mark:
    """One click, painted stroke or eraser stroke on one view."""

    view: str
    points: tuple[XY, ...]
    radius: float = DEFAULT_RADIUS
    erase: bool = False
    intensity: Intensity = DEFAULT_INTENSITY

    def __post_init__(self) -> None:
        if not self.points:
            raise MarkError("a mark needs at least one point")
        if not (MIN_RADIUS <= self.radius <= MAX_RADIUS):
            raise MarkError(
                f"the radius must be between {MIN_RADIUS:g} and {MAX_RADIUS:g} units,"
                f" not {self.radius:g}"
            )
        for x, y in self.points:
            if not (math.isfinite(x) and math.isfinite(y)) or max(abs(x), abs(y)) > MAX_COORD:
                raise MarkError(
                    f"coordinates must be numbers within ±{MAX_COORD:g}, not ({x:g}, {y:g})"
                )

    @property
    def kind(self) -> str:
        if self.erase:
            return "erase"
        return "click" if len(self.points) == 1 else "stroke"

    def geometry(self) -> BaseGeometry:
        if len(self.points) == 1:
            return ShapelyPoint(self.points[0]).buffer(self.radius, quad_segs=QUAD_SEGS)
        # Points closer to the line than half a unit change nothing one can see, but a
        # mouse sends many, and every one costs the buffer time.
        line = LineString(self.points).simplify(SIMPLIFY, preserve_topology=False)
        points = shapely.get_coordinates(line)
        if len(points) > 2 and tuple(points[0]) == tuple(points[-1]):
            # GEOS widens a closed line that crosses itself as a ring and can lose a
            # lobe of it; widen it open, and its last segment on its own.
            return shapely.union(
                LineString(points[:-1]).buffer(self.radius, quad_segs=QUAD_SEGS),
                LineString(points[-2:]).buffer(self.radius, quad_segs=QUAD_SEGS),
            )
        return line.buffer(self.radius, quad_segs=QUAD_SEGS)


_NUMBER = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
_XY = re.compile(rf"^\s*({_NUMBER})\s*,\s*({_NUMBER})\s*$")


def parse_mark(text: str, atlas: Atlas, radius: float = DEFAULT_RADIUS) -> Mark:
    """Parse ``VIEW:LANDMARK``, ``VIEW:X,Y`` or ``VIEW:X1,Y1;X2,Y2;...``."""
    view_name, sep, rest = text.partition(":")
    if not sep or not rest.strip():
        raise MarkError(
            f"malformed mark '{text}': expected VIEW:LANDMARK, VIEW:X,Y or VIEW:X1,Y1;X2,Y2;..."
        )
    view = atlas.view(view_name.strip())
    rest = rest.strip()
    if re.search(r"\d", rest[:1]) or rest[:1] in "-+." or "," in rest or ";" in rest:
        points = []
        for part in rest.split(";"):
            if not part.strip():
                continue
            match = _XY.match(part)
            if not match:
                raise MarkError(
                    f"malformed coordinate '{part.strip()}' in mark '{text}': expected X,Y"
                )
            points.append((float(match[1]), float(match[2])))
        if not points:
            raise MarkError(f"malformed mark '{text}': no coordinates")
        return Mark(view.name, tuple(points), radius)
    return Mark(view.name, (view.landmark(rest),), radius)


Bounds = tuple[float, float, float, float]
"""(min x, min y, max x, max y) in view units, as shapely gives them."""


@dataclass(frozen=True)
class Piece:
    """Area of one intensity that a mark added (``sign`` +1) or took away (-1)."""

    intensity: Intensity
    region: BaseGeometry
    sign: int


@dataclass(frozen=True)
class Change:
    """What one mark did to the drawing: the region it added to the painted area (or,
    erasing, removed), and the pieces of each intensity it added or took away.

    Both are exact (new area minus old, or old minus new), so anything measured against
    the drawing can be kept up to date by measuring the change alone. Painting severe
    pain over moderate pain changes no area but moves a piece from one intensity to the
    other.
    """

    mark: Mark
    region: BaseGeometry
    removed: bool
    pieces: tuple[Piece, ...] = ()

    @property
    def bounds(self) -> Bounds | None:
        """What the change touched, or ``None`` when it changed nothing."""
        parts = [p.region for p in self.pieces if not p.region.is_empty]
        if not self.region.is_empty:
            parts.append(self.region)
        if not parts:
            return None
        boxes = [g.bounds for g in parts]
        return (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )
