"""Reading the body diagrams from their files: each view's outline from its SVG art,
its landmarks and frame from its YAML, every problem named with the file and the line.

Imported only when the data is built from the files (not when the compiled copy is
cached, :mod:`bodymap.data.compiled`), so that a cached start pays for neither the XML
parser nor the YAML reader.
"""

from __future__ import annotations

import math
import os
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from shapely.affinity import scale
from shapely.geometry import MultiPolygon, Polygon
from shapely.geometry import Point as ShapelyPoint

from bodymap.atlas import XY, Atlas, View
from bodymap.data.yamlfile import LocatedYaml, binary_data, load_yaml, read_bytes
from bodymap.errors import DataError, did_you_mean, quoted
from bodymap.ids import VIEWS

if TYPE_CHECKING:  # the file schema (pydantic) is imported only to read the files
    from bodymap.data.schema import LandmarksFile

OUTLINE_ID = "body-outline"
_SVG_NS = "{http://www.w3.org/2000/svg}"
_CURVE_STEPS = 16


def read_outline(svg_path: Path) -> tuple[Polygon | MultiPolygon, float, float]:
    """The body outline and the frame size (viewBox) of an SVG drawing.

    Each closed sub-path of the outline is one part (the soles are two); parts must not
    overlap."""
    root = _svg_root(svg_path)
    width, height = _frame(svg_path, root)
    parts = [_simple_polygon(svg_path, ring) for ring in _outline_rings(svg_path, root)]
    if len(parts) == 1:
        return parts[0], width, height
    outline = MultiPolygon(parts)
    if not outline.is_valid:
        raise DataError(svg_path, "the parts of the outline overlap or touch")
    return outline, width, height


def _simple_polygon(svg_path: Path, ring: list[XY]) -> Polygon:
    polygon = Polygon(ring)
    if not polygon.is_valid or polygon.area <= 0:
        from bodymap.data.validation import polygon_problem

        problem = polygon_problem(polygon) or "it has no area"
        why = problem.removeprefix("the polygon is not a simple shape: ")
        raise DataError(svg_path, f"the outline is not a simple shape: {why}")
    return polygon


def _svg_root(svg_path: Path) -> ET.Element:
    """The top element of an SVG file: text, with no entities, well formed, an <svg>."""
    data = read_bytes(svg_path)
    binary = binary_data(svg_path, data, "SVG")
    if binary is not None:
        raise binary
    if not data.strip():
        raise DataError(svg_path, "the file is empty", 1)
    if b"<!ENTITY" in data:
        line = data.count(b"\n", 0, data.index(b"<!ENTITY")) + 1
        raise DataError(svg_path, "entity declarations (<!ENTITY) are not allowed in art", line)
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        problem = str(exc).split(": line")[0]
        raise DataError(svg_path, f"not valid SVG: {problem}", exc.position[0]) from None
    if root.tag != f"{_SVG_NS}svg":
        name = root.tag.rpartition("}")[2]
        raise DataError(
            svg_path,
            f'not an SVG drawing: the top element is <{name}>, not <svg xmlns="{_SVG_NS[1:-1]}">',
        )
    return root


def _frame(svg_path: Path, root: ET.Element) -> tuple[float, float]:
    """The width and height of the drawing's viewBox."""
    try:
        _, _, width, height = (float(v) for v in root.attrib["viewBox"].replace(",", " ").split())
    except (KeyError, ValueError):
        raise DataError(svg_path, "the <svg> element needs a viewBox of four numbers") from None
    if not (math.isfinite(width) and math.isfinite(height) and width > 0 and height > 0):
        raise DataError(svg_path, "the viewBox needs a positive width and height")
    return width, height


def _outline_rings(svg_path: Path, root: ET.Element) -> list[list[XY]]:
    """The points along each closed sub-path of the outline (curves followed in short
    straight steps)."""
    from svg.path import Close, Line, Move, parse_path  # only to read art files

    element = next((e for e in root.iter() if e.attrib.get("id") == OUTLINE_ID), None)
    if element is None or element.tag != f"{_SVG_NS}path" or "d" not in element.attrib:
        raise DataError(svg_path, f'no <path id="{OUTLINE_ID}"> with a d attribute')
    try:
        path = parse_path(element.attrib["d"])
    except Exception as exc:  # svg.path raises assorted errors on bad path data
        problem = " ".join(str(exc).split())[:80]
        raise DataError(svg_path, f"cannot parse the outline path: {problem}") from None
    rings: list[list[XY]] = []
    points: list[XY] = []
    for segment in path:
        if isinstance(segment, Move) and points:
            if not _closed(points):
                raise DataError(svg_path, "each part of the outline must be a closed path")
            rings.append(points)
            points = []
        if isinstance(segment, Move | Line | Close):
            points.append((segment.end.real, segment.end.imag))
        else:
            steps = (segment.point(i / _CURVE_STEPS) for i in range(1, _CURVE_STEPS + 1))
            points.extend((p.real, p.imag) for p in steps)
    rings.append(points)
    for ring in rings:
        if len(set(ring)) < 3 or not all(map(math.isfinite, (c for xy in ring for c in xy))):
            raise DataError(svg_path, "the outline needs at least 3 distinct points of finite size")
    return rings


def _closed(points: Sequence[XY]) -> bool:
    """Whether a sub-path ends where it began (an SVG ``Z`` returns to the start)."""
    return len(points) > 2 and math.dist(points[0], points[-1]) < 1e-6


def load_view(yaml_path: Path, known: Mapping[str, View] | None = None) -> View:
    """One view from its ``<view>.yaml`` and the art it names.

    A two-sided view (posterior, anterior) mirrors its ``right`` landmarks about
    ``midline_x`` to the left side; a one-sided view (``side_shown: right``) keeps them
    as they are; a mirrored view (``mirror_of: right-lateral``) takes the other view's
    landmarks, reflected about the frame's centre line and renamed right- to left-.
    ``known`` holds views already loaded, so that a mirrored view need not reload its source.
    """
    doc = load_yaml(yaml_path)
    from bodymap.data.schema import LandmarksFile
    from bodymap.data.validation import validate

    spec = validate(doc, LandmarksFile)
    if yaml_path.stem != spec.view.value:
        raise doc.error(("view",), f"view '{spec.view.value}' does not match the file name")
    art = yaml_path.parent / spec.art
    outline, width, height = read_outline(art)
    if spec.mirror_of is not None:
        return _mirrored_view(yaml_path, doc, spec, art, outline, (width, height), known or {})
    for key in ("body_top_y", "body_bottom_y"):
        if getattr(spec, key) is None:
            raise doc.error((), f"missing key '{key}'")
    landmarks: dict[str, XY] = {name: (float(x), float(y)) for name, (x, y) in spec.midline.items()}
    if spec.side_shown is not None:
        if spec.midline:
            raise doc.error(
                ("midline",),
                f"a view that shows only the {spec.side_shown} side has no midline landmarks; "
                f"write them under '{spec.side_shown}'",
            )
        _check_mirror_axis(doc, spec.midline_x, width, "side_shown")
    for name, (x, y) in spec.right.items():
        landmarks[f"right-{name}"] = (float(x), float(y))
        if spec.side_shown is None:
            landmarks[f"left-{name}"] = (2 * spec.midline_x - x, float(y))
    outside = _first_outside(outline, landmarks)
    if outside is not None:
        name, x, y = outside
        section = "midline" if name in spec.midline else "right"
        short = name.removeprefix("right-").removeprefix("left-")
        raise doc.error(
            (section, short), f"landmark '{name}' at ({x:g}, {y:g}) lies outside the body"
        )
    _check_labels(doc, spec.labels, landmarks)
    assert spec.body_top_y is not None and spec.body_bottom_y is not None
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


# How far a mirrored view's art may differ from the exact mirror image of its source's
# outline, as a fraction of the outline's area (rounding of the path coordinates).
_MIRROR_TOLERANCE = 0.002


def _check_mirror_axis(doc: LocatedYaml, midline_x: float, width: float, why: str) -> None:
    if not math.isclose(midline_x, width / 2, abs_tol=0.01):
        raise doc.error(
            ("midline_x",),
            f"with '{why}', midline_x is the frame's centre line, the axis the lateral views "
            f"mirror about: it must be {width / 2:g} (half the art's width), not {midline_x:g}",
        )


def _first_outside(
    outline: Polygon, landmarks: Mapping[str, XY]
) -> tuple[str, float, float] | None:
    """The first landmark more than a unit outside ``outline``, if any."""
    near_outline = outline.buffer(1.0)
    for name, (x, y) in landmarks.items():
        if not near_outline.contains(ShapelyPoint(x, y)):
            return name, x, y
    return None


def _check_labels(doc: LocatedYaml, labels: Sequence[str], landmarks: Mapping[str, XY]) -> None:
    for i, label in enumerate(labels):
        if label not in landmarks:
            raise doc.error(
                ("labels", i),
                f"unknown landmark {quoted(label)} in labels{did_you_mean(label, landmarks)}",
            )


def _mirrored_view(
    yaml_path: Path,
    doc: LocatedYaml,
    spec: LandmarksFile,
    art: Path,
    outline: Polygon,
    frame: tuple[float, float],
    known: Mapping[str, View],
) -> View:
    """A view whose art and landmarks are the mirror image of another view's."""
    assert spec.mirror_of is not None
    source_name = spec.mirror_of.value
    source = _mirror_source(yaml_path, doc, spec, known)
    width, height = frame
    _check_mirror_image(doc, spec, art, outline, frame, source)
    axis = spec.midline_x

    def renamed(name: str) -> str:
        return "left-" + name.removeprefix("right-")

    landmarks = {renamed(n): (2 * axis - x, y) for n, (x, y) in source.landmarks.items()}
    outside = _first_outside(outline, landmarks)
    if outside is not None:
        name, x, y = outside
        raise doc.error(
            ("mirror_of",),
            f"landmark '{name}' at ({x:g}, {y:g}), mirrored from {source_name}, "
            "lies outside the body",
        )
    return View(
        name=spec.view.value,
        art_path=art,
        width=width,
        height=height,
        midline_x=axis,
        body_top_y=source.body_top_y,
        body_bottom_y=source.body_bottom_y,
        outline=outline,
        landmarks=landmarks,
        labels=tuple(renamed(n) for n in source.labels),
    )


def _mirror_source(
    yaml_path: Path, doc: LocatedYaml, spec: LandmarksFile, known: Mapping[str, View]
) -> View:
    """The view a mirrored view mirrors: one already loaded, or read from beside it."""
    assert spec.mirror_of is not None
    source_name = spec.mirror_of.value
    for key in ("side_shown", "labels", "midline", "right"):
        if key in spec.model_fields_set:
            raise doc.error(
                (key,),
                f"'{key}' comes from {source_name}.yaml in a view with 'mirror_of'; remove it here",
            )
    if source_name == spec.view.value:
        raise doc.error(("mirror_of",), "a view cannot be the mirror of itself")
    source_path = yaml_path.parent / f"{source_name}.yaml"
    if source_name in known and known[source_name].art_path.parent == yaml_path.parent:
        return known[source_name]
    if not os.path.lexists(source_path):
        raise doc.error(("mirror_of",), f"{source_path.name} not found beside this file")
    from bodymap.data.schema import LandmarksFile
    from bodymap.data.validation import validate

    source_doc = validate(load_yaml(source_path), LandmarksFile)
    if source_doc.mirror_of is not None:
        raise doc.error(
            ("mirror_of",),
            f"{source_name}.yaml is itself a mirror (of {source_doc.mirror_of.value}); "
            "name the view that holds the landmarks",
        )
    return load_view(source_path)


def _check_mirror_image(
    doc: LocatedYaml,
    spec: LandmarksFile,
    art: Path,
    outline: Polygon,
    frame: tuple[float, float],
    source: View,
) -> None:
    """A mirrored view's art and frame are the mirror image of its source's."""
    assert spec.mirror_of is not None
    source_name = spec.mirror_of.value
    width, height = frame
    if (width, height) != (source.width, source.height):
        raise doc.error(
            ("art",),
            f"{art.name} is {width:g} x {height:g} but {source.art_path.name} is "
            f"{source.width:g} x {source.height:g}; a mirror image has the same frame",
        )
    one_sided = all(name.startswith("right-") for name in source.landmarks)
    if not one_sided:
        raise doc.error(
            ("mirror_of",),
            f"{source_name} is not a one-sided view (side_shown: right); only such a view "
            "can be mirrored into another",
        )
    _check_mirror_axis(doc, spec.midline_x, width, "mirror_of")
    axis = spec.midline_x
    expected = scale(source.outline, xfact=-1.0, yfact=1.0, origin=(axis, 0.0))
    mismatch = expected.symmetric_difference(outline).area / max(expected.area, 1e-9)
    if mismatch > _MIRROR_TOLERANCE:
        raise doc.error(
            ("art",),
            f"{art.name} is not the mirror image of {source.art_path.name} about x = {axis:g} "
            f"({mismatch:.1%} of the area differs); regenerate it with tools/draw_body.py",
        )
    frame_y = {"body_top_y": source.body_top_y, "body_bottom_y": source.body_bottom_y}
    for key, value in frame_y.items():
        given = getattr(spec, key)
        if given is not None and given != value:
            raise doc.error((key,), f"{key} is {given:g} here but {value:g} in {source_name}.yaml")


def load_atlas(assets_dir: Path) -> Atlas:
    """Every view in ``assets_dir`` that has a ``<view>.yaml`` beside its art."""
    views: dict[str, View] = {}
    for name in VIEWS:
        yaml_path = assets_dir / f"{name}.yaml"
        if os.path.lexists(yaml_path):  # a broken link or a loop is an error, not "no view"
            views[name] = load_view(yaml_path, views)
    if not views:
        raise DataError(
            assets_dir, f"no view found (expected one of {', '.join(f'{v}.yaml' for v in VIEWS)})"
        )
    return Atlas(views)
