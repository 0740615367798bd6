"""Red flags tied to where the pain is marked. Qt-free.

Some places on the body map call for a specific warning on top of the general notice
(:data:`bodymap.advice.RED_FLAGS`): pain in both legs or the saddle area (nerve
compression), the calf (a blood clot), the chest, left arm or jaw (the heart), the flank
(a kidney). ``assets/red-flags.yaml`` holds each flag's words, sources and areas: polygons
in view units, each in a named group. A flag applies when the painted area covers at least
``min_overlap`` square units of any group (``rule: any``) or of every group
(``rule: each``, e.g. the left leg *and* the right leg).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from bodymap.atlas import Atlas
from bodymap.errors import did_you_mean
from bodymap.yamlfile import load_yaml

RED_FLAGS_FILE = "red-flags.yaml"
"""The file name, in the ``assets/`` folder."""

DEFAULT_MIN_OVERLAP = 50.0
"""Square view units of pain a group needs: a fingertip mark is about 1000, so a mark that
only grazes the edge of an area does not raise its flag."""

FRAMES: Mapping[str, tuple[float, float]] = {
    "posterior": (760.0, 1500.0),
    "anterior": (760.0, 1500.0),
    "right-lateral": (600.0, 1500.0),
    "left-lateral": (600.0, 1500.0),
}
"""Each view's frame (width, height), as drawn in ``assets/*.svg``; used without an atlas."""


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class RedFlag:
    """A warning to show: a short title and one or two plain sentences of advice."""

    id: str
    title: str
    advice: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class FlagRule:
    """Where one flag applies: per group, the area of each view it covers."""

    flag: RedFlag
    rule: Literal["any", "each"]
    min_overlap: float
    groups: Mapping[str, Mapping[str, BaseGeometry]]

    def overlaps(self, pain: Mapping[str, BaseGeometry]) -> dict[str, float]:
        """Square units of pain in each group, over all the views that show it."""
        areas = {
            view: area if area.is_valid else shapely.make_valid(area)
            for view, area in pain.items()
            if not area.is_empty
        }
        out = {}
        for group, shapes in self.groups.items():
            total = 0.0
            for view, shape in shapes.items():
                area = areas.get(view)
                if area is not None and shape.intersects(area):
                    total += shape.intersection(area).area
            out[group] = total
        return out

    def applies(self, pain: Mapping[str, BaseGeometry]) -> bool:
        touched = [a >= self.min_overlap for a in self.overlaps(pain).values()]
        return all(touched) if self.rule == "each" else any(touched)


class RedFlagRules:
    """Every flag of a red-flags file, in file order."""

    def __init__(self, rules: tuple[FlagRule, ...]) -> None:
        self.rules = rules

    @property
    def flags(self) -> tuple[RedFlag, ...]:
        return tuple(r.flag for r in self.rules)

    def check(self, pain: Mapping[str, BaseGeometry]) -> list[RedFlag]:
        """The flags that apply to the painted area (view name -> area), in file order."""
        return [r.flag for r in self.rules if r.applies(pain)]


def load_red_flags(path: Path | str, atlas: Atlas | None = None) -> RedFlagRules:
    """Read ``assets/red-flags.yaml``; a :class:`DataError` names the file and line.

    With an ``atlas`` the views and frames are the drawn ones, and every polygon must
    cover part of the body; without one, the four standard :data:`FRAMES`.
    """
    from bodymap.schema import RedFlagsFile
    from bodymap.validation import validate

    doc = load_yaml(Path(path))
    spec = validate(doc, RedFlagsFile)
    frames = {v.name: (v.width, v.height) for v in atlas} if atlas is not None else FRAMES
    rules = []
    seen: set[str] = set()
    for fi, f in enumerate(spec.flags):
        if f.id in seen:
            raise doc.error(("flags", fi, "id"), f"flag '{f.id}' is defined twice")
        seen.add(f.id)
        groups: dict[str, dict[str, list[Polygon]]] = defaultdict(lambda: defaultdict(list))
        for ri, r in enumerate(f.regions):
            loc = ("flags", fi, "regions", ri)
            if r.view not in frames:
                raise doc.error(
                    (*loc, "view"),
                    f"unknown view '{r.view}'{did_you_mean(r.view, frames)};"
                    f" views: {', '.join(frames)}",
                )
            width, height = frames[r.view]
            for pi, (x, y) in enumerate(r.polygon):
                if not (0 <= x <= width and 0 <= y <= height):
                    raise doc.error(
                        (*loc, "polygon", pi),
                        f"point ({x:g}, {y:g}) lies outside the {r.view} frame"
                        f" (0..{width:g} x 0..{height:g})",
                    )
            polygon = Polygon(r.polygon)
            if not polygon.is_valid or polygon.area <= 0:
                reason = shapely.is_valid_reason(polygon) if not polygon.is_valid else "no area"
                raise doc.error((*loc, "polygon"), f"the polygon is not a simple shape ({reason})")
            if atlas is not None and polygon.intersection(atlas.view(r.view).outline).area <= 0:
                raise doc.error((*loc, "polygon"), f"the polygon misses the body in {r.view}")
            groups[r.group][r.view].append(polygon)
        if f.rule == "each" and len(groups) < 2:
            raise doc.error(
                ("flags", fi, "rule"), "rule 'each' needs regions in at least two groups"
            )
        shapes = {
            g: {v: _prepared(shapely.union_all(p)) for v, p in views.items()}
            for g, views in groups.items()
        }
        flag = RedFlag(
            f.id,
            f.title.strip(),
            " ".join(f.advice.split()),
            tuple(Source(s.title, s.url) for s in f.sources),
        )
        rules.append(FlagRule(flag, f.rule, f.min_overlap, shapes))
    return RedFlagRules(tuple(rules))


def _prepared(geometry: BaseGeometry) -> BaseGeometry:
    shapely.prepare(geometry)
    return geometry
