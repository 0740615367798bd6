"""The body diagrams: each view's outline (from its SVG art) and its named landmarks."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import shapely
from shapely.affinity import scale
from shapely.geometry import Point as ShapelyPoint
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry
from svg.path import Close, Line, Move, parse_path

from bodymap.errors import DataError, MarkError, did_you_mean
from bodymap.ids import MIRROR_VIEW, VIEWS
from bodymap.schema import LandmarksFile
from bodymap.validation import validate
from bodymap.yamlfile import load_yaml

XY = tuple[float, float]

OUTLINE_ID = "body-outline"
_SVG_NS = "{http://www.w3.org/2000/svg}"
_CURVE_STEPS = 16


@dataclass(frozen=True)
class View:
    """One body diagram: its frame, its outline polygon and its landmarks."""

    name: str
    art_path: Path
    width: float
    height: float
    midline_x: float
    body_top_y: float
    body_bottom_y: float
    outline: Polygon
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


def read_outline(svg_path: Path) -> tuple[Polygon, float, float]:
    """The body outline polygon and the frame size (viewBox) of an SVG drawing."""
    try:
        root = ET.parse(svg_path).getroot()
    except FileNotFoundError:
        raise DataError(svg_path, "art file not found") from None
    except ET.ParseError as exc:
        raise DataError(svg_path, f"not valid SVG: {exc}", exc.position[0]) from None
    try:
        _, _, width, height = (float(v) for v in root.attrib["viewBox"].replace(",", " ").split())
    except (KeyError, ValueError):
        raise DataError(svg_path, "the <svg> element needs a viewBox of four numbers") from None
    element = next((e for e in root.iter() if e.attrib.get("id") == OUTLINE_ID), None)
    if element is None or element.tag != f"{_SVG_NS}path" or "d" not in element.attrib:
        raise DataError(svg_path, f'no <path id="{OUTLINE_ID}"> with a d attribute')
    try:
        path = parse_path(element.attrib["d"])
    except Exception as exc:  # svg.path raises assorted errors on bad path data
        raise DataError(svg_path, f"cannot parse the outline path: {exc}") from None
    points: list[XY] = []
    for segment in path:
        if isinstance(segment, Move):
            if points:
                raise DataError(svg_path, "the outline must be a single closed path")
            points.append((segment.end.real, segment.end.imag))
        elif isinstance(segment, Line | Close):
            points.append((segment.end.real, segment.end.imag))
        else:
            for i in range(1, _CURVE_STEPS + 1):
                p = segment.point(i / _CURVE_STEPS)
                points.append((p.real, p.imag))
    polygon = Polygon(points)
    if not polygon.is_valid:
        raise DataError(
            svg_path, f"the outline crosses itself ({shapely.is_valid_reason(polygon)})"
        )
    return polygon, width, height


def load_view(yaml_path: Path) -> View:
    doc = load_yaml(yaml_path)
    spec = validate(doc, LandmarksFile)
    if yaml_path.stem != spec.view.value:
        raise doc.error(("view",), f"view '{spec.view.value}' does not match the file name")
    art = yaml_path.parent / spec.art
    outline, width, height = read_outline(art)
    landmarks: dict[str, XY] = {name: (float(x), float(y)) for name, (x, y) in spec.midline.items()}
    for name, (x, y) in spec.right.items():
        landmarks[f"right-{name}"] = (float(x), float(y))
        landmarks[f"left-{name}"] = (2 * spec.midline_x - x, float(y))
    near_outline = outline.buffer(1.0)
    for name, (x, y) in landmarks.items():
        if not near_outline.contains(ShapelyPoint(x, y)):
            section = "midline" if name in spec.midline else "right"
            short = name.removeprefix("right-").removeprefix("left-")
            raise doc.error(
                (section, short), f"landmark '{name}' at ({x:g}, {y:g}) lies outside the body"
            )
    for i, label in enumerate(spec.labels):
        if label not in landmarks:
            raise doc.error(
                ("labels", i), f"label '{label}' is not a landmark{did_you_mean(label, landmarks)}"
            )
    return View(
        name=spec.view.value,
        art_path=art,
        width=width,
        height=height,
        midline_x=spec.midline_x,
        body_top_y=spec.body_top_y,
        body_bottom_y=spec.body_bottom_y,
        outline=outline,
        landmarks=landmarks,
        labels=tuple(spec.labels),
    )


def load_atlas(assets_dir: Path) -> Atlas:
    """Every view in ``assets_dir`` that has a ``<view>.yaml`` beside its art."""
    views: dict[str, View] = {}
    for name in VIEWS:
        yaml_path = assets_dir / f"{name}.yaml"
        if yaml_path.exists():
            views[name] = load_view(yaml_path)
    if not views:
        raise DataError(
            assets_dir, f"no view found (expected one of {', '.join(f'{v}.yaml' for v in VIEWS)})"
        )
    return Atlas(views)
