"""The body diagrams: each view's outline (from its SVG art) and its named landmarks.

Reading them from the files (SVG and YAML, with their checks) is
:mod:`bodymap.atlas_loader`'s work, imported only when the compiled data is not cached.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import shapely
from shapely.affinity import scale
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry import Point as ShapelyPoint
from shapely.geometry.base import BaseGeometry

from bodymap.errors import MarkError, did_you_mean
from bodymap.ids import MIRROR_VIEW, VIEWS

XY = tuple[float, float]


@dataclass(frozen=True)
class View:
    """One body diagram: its frame, its outline and its landmarks.

    The outline is one polygon for a whole body, or several for a view of separate parts
    (the ``plantar`` view's two soles)."""

    name: str
    art_path: Path
    width: float
    height: float
    midline_x: float
    body_top_y: float
    body_bottom_y: float
    outline: Polygon | MultiPolygon
    landmarks: Mapping[str, XY]
    labels: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        shapely.prepare(self.outline)

    @property
    def body_height(self) -> float:
        return self.body_bottom_y - self.body_top_y

    def landmark(self, name: str) -> XY:
        try:
            return self.landmarks[name]
        except KeyError:
            hint = did_you_mean(name, self.landmarks)
            raise MarkError(f"unknown landmark '{name}' in the {self.name} view{hint}") from None

    def contains(self, x: float, y: float) -> bool:
        return bool(self.outline.contains(ShapelyPoint(x, y)))

    def landmarks_in(self, shape: BaseGeometry) -> list[str]:
        """The landmarks that lie inside ``shape`` (a painted area), in the view's order."""
        shapely.prepare(shape)
        return [n for n, (x, y) in self.landmarks.items() if shape.contains(ShapelyPoint(x, y))]

    def nearest_landmark(self, x: float, y: float, within: float = 40.0) -> str | None:
        """The landmark closest to (x, y), if one lies within ``within`` units."""
        best, best_d = None, within
        for name, (lx, ly) in self.landmarks.items():
            d = math.hypot(lx - x, ly - y)
            if d <= best_d:
                best, best_d = name, d
        return best


class Atlas:
    """All the views that have been drawn, by name."""

    def __init__(self, views: Mapping[str, View]) -> None:
        self._views = dict(views)

    def __iter__(self) -> Iterator[View]:
        return iter(self._views.values())

    def __contains__(self, name: object) -> bool:
        return name in self._views

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._views)

    def view(self, name: str) -> View:
        if name in self._views:
            return self._views[name]
        drawn = ", ".join(self._views) or "none"
        if name in VIEWS:
            raise MarkError(f"the {name} view is not drawn yet (drawn views: {drawn})")
        raise MarkError(f"unknown view '{name}'{did_you_mean(name, VIEWS)}; views: {drawn}")

    def mirror(self, view: str, geometry: BaseGeometry) -> tuple[str, BaseGeometry]:
        """Geometry of the person's one side, reflected onto the other side."""
        target = MIRROR_VIEW[view]
        if target == view:
            axis = self._views[view].midline_x
        else:
            axis = self._views[view].width / 2 if view in self._views else 0.0
        return target, scale(geometry, xfact=-1.0, yfact=1.0, origin=(axis, 0.0))

    def mirror_point(self, view: str, xy: XY) -> tuple[str, XY]:
        target, geom = self.mirror(view, ShapelyPoint(xy))
        return target, (float(geom.x), float(geom.y))
