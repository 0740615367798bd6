"""Pain marks and the painted drawing they build up.

A click is a disc of a fingertip's radius, a painted stroke is a polyline buffered by the
radius, and an eraser stroke removes painted area. Marks are clipped to the body outline.

Each mark has an intensity (mild, moderate or severe). The drawing keeps, per view, the
painted area and its split into intensities; painting over an area gives it the new
mark's intensity, as paint would, and the eraser removes every intensity.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

import shapely
from shapely.geometry import LineString
from shapely.geometry import Point as ShapelyPoint
from shapely.geometry.base import BaseGeometry

from bodymap.atlas import XY, Atlas
from bodymap.errors import MarkError

DEFAULT_RADIUS = 18.0
"""A fingertip on the diagram: 18 units, about 2 cm on a 1.70 m adult."""

_EMPTY = shapely.Polygon()
GRID = 0.01
"""Precision of the painted area, in view units (about 0.01 mm)."""
MIN_AREA = 0.5
"""Painted area below this many square units (a speck 1/2000 of a fingertip) is noise."""
MAX_COORD = 1e5
MIN_RADIUS, MAX_RADIUS = 0.5, 1e4


def polygonal(geometry: BaseGeometry) -> BaseGeometry:
    """Only the areal parts of an overlay result, without specks.

    Clipping a disc to the outline where two parts of the body nearly touch can leave a
    line or a point beside the polygon; later overlays refuse such mixed input.
    """
    if geometry.is_empty:
        return _EMPTY
    if geometry.geom_type == "Polygon" and geometry.area >= MIN_AREA:
        return geometry
    parts = [
        p for p in shapely.get_parts(geometry) if p.geom_type == "Polygon" and p.area >= MIN_AREA
    ]
    if not parts:
        return _EMPTY
    return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)


class Intensity(StrEnum):
    """How much a marked area hurts; it weighs the area in the ranking."""

    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"

    @property
    def weight(self) -> float:
        """Severe pain counts three times as much as mild pain of the same size."""
        return INTENSITY_WEIGHTS[self]


INTENSITY_WEIGHTS = {Intensity.MILD: 1 / 3, Intensity.MODERATE: 2 / 3, Intensity.SEVERE: 1.0}
DEFAULT_INTENSITY = Intensity.MODERATE


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
            return ShapelyPoint(self.points[0]).buffer(self.radius, quad_segs=12)
        return LineString(self.points).buffer(self.radius, quad_segs=12)


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


Levels = dict[Intensity, BaseGeometry]


class PainDrawing:
    """The painted area, built mark by mark; undo pops the last mark in O(1).

    Each step keeps the area after it, per view and per intensity, so adding a mark
    costs one union (or difference) with the current area, however long the session has
    grown; a view painted in one intensity only shares one geometry for both.
    """

    def __init__(self, atlas: Atlas, marks: Iterable[Mark] = ()) -> None:
        self.atlas = atlas
        self._changes: list[Change] = []
        self._states: list[dict[str, BaseGeometry]] = [{}]
        self._levels: list[dict[str, Levels]] = [{}]
        for mark in marks:
            self.add(mark)

    @property
    def marks(self) -> tuple[Mark, ...]:
        return tuple(c.mark for c in self._changes)

    @property
    def changes(self) -> tuple[Change, ...]:
        return tuple(self._changes)

    @property
    def areas(self) -> Mapping[str, BaseGeometry]:
        """The painted area in each view that has any, clipped to the body."""
        return self._states[-1]

    @property
    def levels(self) -> Mapping[str, Mapping[Intensity, BaseGeometry]]:
        """Per view, the painted area of each intensity present (disjoint parts)."""
        return self._levels[-1]

    def __len__(self) -> int:
        return len(self._changes)

    def is_empty(self) -> bool:
        return not self._states[-1]

    def total_area(self) -> float:
        return sum(g.area for g in self._states[-1].values())

    def add(self, mark: Mark) -> Change | None:
        """Apply a mark and say what it changed; ``None`` (and nothing changes) if the
        mark lies wholly off the body."""
        view = self.atlas.view(mark.view)
        # Fixed-precision overlay (snap rounding) is robust: it never fails on the
        # slivers and near-coincident edges that hundreds of strokes produce.
        shape = polygonal(mark.geometry().intersection(view.outline, grid_size=GRID))
        if shape.is_empty:
            return None
        state = dict(self._states[-1])
        current = state.get(mark.view, _EMPTY)
        if mark.erase:
            region = polygonal(current.intersection(shape, grid_size=GRID))
            updated = current.difference(shape, grid_size=GRID) if not region.is_empty else current
        else:
            region = polygonal(shape.difference(current, grid_size=GRID))
            updated = current.union(region, grid_size=GRID) if not region.is_empty else current
        updated = polygonal(updated)
        if updated.is_empty:
            state.pop(mark.view, None)
        else:
            state[mark.view] = updated
        levels = dict(self._levels[-1])
        before = levels.get(mark.view, {})
        after, pieces = _repaint_levels(before, mark, shape, region, updated)
        if after:
            levels[mark.view] = after
        else:
            levels.pop(mark.view, None)
        change = Change(mark, region, mark.erase, pieces)
        self._changes.append(change)
        self._states.append(state)
        self._levels.append(levels)
        return change

    def pop(self) -> Change:
        """Undo the last mark; the change it had made is returned."""
        if not self._changes:
            raise IndexError("no mark to remove")
        self._states.pop()
        self._levels.pop()
        return self._changes.pop()

    def clear(self) -> None:
        self._changes.clear()
        del self._states[1:]
        del self._levels[1:]


def _repaint_levels(
    before: Levels, mark: Mark, shape: BaseGeometry, region: BaseGeometry, updated: BaseGeometry
) -> tuple[Levels, tuple[Piece, ...]]:
    """The intensities of one view after ``mark``, and the pieces it moved.

    ``region`` and ``updated`` are the change to the whole painted area and the area
    after it; when the view holds a single intensity they are that intensity's change and
    area too, and no further overlay is needed (the common case).
    """
    own = None if mark.erase else mark.intensity
    others = [level for level in before if level is not own]
    if not others:  # nothing painted, or only in the mark's own intensity
        if region.is_empty:
            return before, ()
        if own is None:  # erasing the one intensity there is
            (level,) = before
            return ({level: updated} if not updated.is_empty else {}), (Piece(level, region, -1),)
        return {own: updated}, (Piece(own, region, 1),)
    after = dict(before)
    pieces = []
    for level in others:
        area = before[level]
        cut = polygonal(area.intersection(shape, grid_size=GRID))
        if cut.is_empty:
            continue
        pieces.append(Piece(level, cut, -1))
        left = polygonal(area.difference(shape, grid_size=GRID))
        if left.is_empty:
            del after[level]
        else:
            after[level] = left
    if own is not None:
        area = before.get(own, _EMPTY)
        added = polygonal(shape.difference(area, grid_size=GRID))
        if not added.is_empty:
            pieces.append(Piece(own, added, 1))
            after[own] = polygonal(area.union(added, grid_size=GRID))
    return after, tuple(pieces)
