"""Red flags tied to where the pain is marked. Qt-free.

Some places on the body map call for a specific warning on top of the general notice
(:data:`bodymap.advice.RED_FLAGS`): pain in both legs or the saddle area (nerve
compression), the calf (a blood clot), the chest, left arm or jaw (the heart), the flank
(a kidney). ``assets/red-flags.yaml`` holds each flag's words, sources and areas: polygons
in view units, each in a named group. A flag applies when the painted area covers at least
``min_overlap`` square units of any group (``rule: any``) or of every group
(``rule: each``, e.g. the left leg *and* the right leg).

A raised flag's title names the places that were marked: a flag with ``places`` (words
for each group, e.g. ``left-arm: the left arm``) is titled "Pain in " and the places of
the groups that hold enough pain ("Pain in the left arm and the jaw"), or its
``all_places`` when every group is marked ("Pain in both calves"); a flag without them
keeps its ``title``. Flags come most urgent first: ``urgency`` 1 (call an ambulance)
before 2, and so on, in file order within one urgency (:func:`by_urgency`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np
import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from bodymap.atlas import Atlas
from bodymap.errors import did_you_mean, quoted
from bodymap.kinds import FLAG_URGENCY
from bodymap.marks import Change
from bodymap.overlaps import overlap_areas
from bodymap.wording import joined

if TYPE_CHECKING:  # the file's reader and schema are imported only to read the file
    from bodymap.data.schema import AnswerFlagFile, FlagFile, FlagRegionFile
    from bodymap.data.yamlfile import LocatedYaml

RED_FLAGS_FILE = "red-flags.yaml"
"""The file name, in the ``assets/`` folder."""


DEFAULT_URGENCY = FLAG_URGENCY
"""A flag's urgency when its file gives none: 1 is the most urgent (call an ambulance)."""

MARKED_TITLE = "Pain in {places}"
"""The title of a raised flag that has ``places``: the marked groups' places, joined."""

FRAMES: Mapping[str, tuple[float, float]] = {
    "posterior": (760.0, 1500.0),
    "anterior": (760.0, 1500.0),
    "right-lateral": (600.0, 1500.0),
    "left-lateral": (600.0, 1500.0),
    "plantar": (760.0, 360.0),
}
"""Each view's frame (width, height), as drawn in ``assets/*.svg``; used without an atlas."""


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class RedFlag:
    """A warning to show: a short title and one or two plain sentences of advice.

    ``urgency`` orders flags (1 first: the most urgent). A flag raised by a drawing
    names, in ``places``, the places of its groups that were marked, and its ``title``
    says them ("Pain in the left arm"); a flag listed without a drawing
    (:attr:`RedFlagRules.flags`) has no places and the general title ("Pain in the
    chest, left arm or jaw").
    """

    id: str
    title: str
    advice: str
    sources: tuple[Source, ...]
    urgency: int = DEFAULT_URGENCY
    places: tuple[str, ...] = ()


def flag_of(spec: FlagFile | AnswerFlagFile) -> RedFlag:
    """The flag a red-flags or questions file describes, its words with spacing tidied."""
    return RedFlag(
        spec.id,
        spec.title.strip(),
        " ".join(spec.advice.split()),
        tuple(Source(s.title, s.url) for s in spec.sources),
        spec.urgency,
    )


def by_urgency(flags: Iterable[RedFlag]) -> list[RedFlag]:
    """``flags`` most urgent first; flags of one urgency keep their order."""
    return sorted(flags, key=lambda f: f.urgency)


@dataclass(frozen=True)
class FlagRule:
    """Where one flag applies: per group, the area of each view it covers."""

    flag: RedFlag
    rule: Literal["any", "each"]
    min_overlap: float
    groups: Mapping[str, Mapping[str, BaseGeometry]]
    places: Mapping[str, str] = field(default_factory=dict)
    all_places: str = ""
    """The words for every group marked at once ("both calves"), if they say it better
    than the groups' places joined."""
    """The words for each group's place ("the left arm"), for the title; may be empty."""

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
        return self.holds(self.overlaps(pain))

    def marked(self, pain_by_group: Mapping[str, float]) -> list[str]:
        """The groups that hold enough pain, in file order."""
        return [g for g in self.groups if pain_by_group.get(g, 0.0) >= self.min_overlap]

    def holds(self, pain_by_group: Mapping[str, float]) -> bool:
        """Whether the flag applies, given the square units of pain in each group."""
        marked = self.marked(pain_by_group)
        return len(marked) == len(self.groups) if self.rule == "each" else bool(marked)

    def raised(self, pain_by_group: Mapping[str, float]) -> RedFlag | None:
        """The flag, titled by the places marked, if it applies; otherwise ``None``."""
        if not self.holds(pain_by_group):
            return None
        if not self.places:
            return self.flag
        marked = self.marked(pain_by_group)
        places = tuple(self.places[g] for g in marked)
        together = self.all_places and len(marked) == len(self.groups)
        title = MARKED_TITLE.format(places=self.all_places if together else joined(list(places)))
        return replace(self.flag, title=title, places=places)


class RedFlagRules:
    """Every flag of a red-flags file, most urgent first (in file order within one
    urgency); so every list of flags it gives is in that order too."""

    def __init__(self, rules: tuple[FlagRule, ...]) -> None:
        self.rules = tuple(sorted(rules, key=lambda r: r.flag.urgency))
        # Every (rule, group, view) shape, for keeping the overlaps of a changing drawing.
        self._shapes: dict[str, list[tuple[int, str, BaseGeometry]]] = defaultdict(list)
        for r, rule in enumerate(self.rules):
            for group, views in rule.groups.items():
                for view, shape in views.items():
                    self._shapes[view].append((r, group, shape))

    @property
    def flags(self) -> tuple[RedFlag, ...]:
        return tuple(r.flag for r in self.rules)

    def check(self, pain: Mapping[str, BaseGeometry]) -> list[RedFlag]:
        """The flags that apply to the painted area (view name -> area), most urgent
        first, each titled by the places marked."""
        raised = (r.raised(r.overlaps(pain)) for r in self.rules)
        return [flag for flag in raised if flag is not None]

    def overlaps(self, view: str, region: BaseGeometry) -> list[tuple[int, str, float]]:
        """(rule, group, area) for each group shape of ``view`` that ``region`` overlaps."""
        shapes = self._shapes.get(view, ())
        met = [(r, group, shape) for r, group, shape in shapes if shape.intersects(region)]
        if not met:
            return []
        areas = overlap_areas(
            np.array([shape for _, _, shape in met], dtype=object),
            np.full(len(met), region, dtype=object),
        )
        return [(r, group, float(area)) for (r, group, _), area in zip(met, areas, strict=True)]

    def flags_for(self, areas: Mapping[tuple[int, str], float]) -> list[RedFlag]:
        """The flags that apply, given the pain in each (rule, group), most urgent first,
        each titled by the places marked."""
        raised = (
            rule.raised({g: areas.get((r, g), 0.0) for g in rule.groups})
            for r, rule in enumerate(self.rules)
        )
        return [flag for flag in raised if flag is not None]


class LiveFlags:
    """The red flags of a drawing that changes one mark at a time: each change adds or
    takes away only its own overlaps (the same idea as ``LiveRanking``)."""

    def __init__(self, rules: RedFlagRules) -> None:
        self.rules = rules
        self._areas: dict[tuple[int, str], float] = defaultdict(float)
        self._log: list[list[tuple[tuple[int, str], float]]] = []

    def apply(self, change: Change) -> None:
        step = []
        for piece in change.pieces:
            for r, group, area in self.rules.overlaps(change.mark.view, piece.region):
                step.append(((r, group), piece.sign * area))
        for key, area in step:
            self._areas[key] += area
        self._log.append(step)

    def revert(self) -> None:
        for key, area in self._log.pop():
            self._areas[key] -= area

    def reset(self, changes: Iterable[Change] = ()) -> None:
        self._areas.clear()
        self._log.clear()
        for change in changes:
            self.apply(change)

    def flags(self) -> list[RedFlag]:
        return self.rules.flags_for(self._areas)


def load_red_flags(path: Path | str, atlas: Atlas | None = None) -> RedFlagRules:
    """Read ``assets/red-flags.yaml``; a :class:`DataError` names the file and line.

    With an ``atlas`` the views and frames are the drawn ones, and every polygon must
    cover part of the body; without one, the four standard :data:`FRAMES`. Bad data
    raises only :class:`DataError`, so a caller that can do without red flags catches
    that and carries on (``except DataError as problem: rules = None``).
    """
    from bodymap.data.schema import RedFlagsFile
    from bodymap.data.validation import validate
    from bodymap.data.yamlfile import load_yaml

    doc = load_yaml(Path(path))
    spec = validate(doc, RedFlagsFile)
    frames = {v.name: (v.width, v.height) for v in atlas} if atlas is not None else FRAMES
    rules = []
    seen: set[str] = set()
    for fi, f in enumerate(spec.flags):
        if f.id in seen:
            raise doc.error(("flags", fi, "id"), f"flag '{f.id}' is defined twice")
        seen.add(f.id)
        groups: Groups = defaultdict(lambda: defaultdict(list))
        for ri, r in enumerate(f.regions):
            polygon = _region(doc, ("flags", fi, "regions", ri), r, frames, atlas)
            groups[r.group][r.view].append(polygon)
        _check_groups(doc, fi, f, groups)
        shapes = {
            g: {v: _prepared(shapely.union_all(p)) for v, p in views.items()}
            for g, views in groups.items()
        }
        flag = flag_of(f)
        places = {g: " ".join(words.split()) for g, words in f.places.items()}
        together = " ".join((f.all_places or "").split())
        rules.append(FlagRule(flag, f.rule, f.min_overlap, shapes, places, together))
    return RedFlagRules(tuple(rules))


Groups = dict[str, dict[str, list[Polygon]]]
"""A flag's regions: per group, per view, the polygons."""


def _region(
    doc: LocatedYaml,
    loc: tuple[str | int, ...],
    region: FlagRegionFile,
    frames: Mapping[str, tuple[float, float]],
    atlas: Atlas | None,
) -> Polygon:
    """A flag region's polygon: on a known view, inside its frame, a simple shape, and
    on the body (when the views are known)."""
    from bodymap.data.validation import polygon_problem

    if region.view not in frames:
        raise doc.error(
            (*loc, "view"),
            f"unknown view {quoted(region.view)}{did_you_mean(region.view, frames)};"
            f" views: {', '.join(frames)}",
        )
    width, height = frames[region.view]
    for pi, (x, y) in enumerate(region.polygon):
        if not (0 <= x <= width and 0 <= y <= height):
            raise doc.error(
                (*loc, "polygon", pi),
                f"point ({x:g}, {y:g}) lies outside the {region.view} frame"
                f" (0..{width:g} x 0..{height:g})",
            )
    polygon = Polygon(region.polygon)
    problem = polygon_problem(polygon)
    if problem is not None:
        raise doc.error((*loc, "polygon"), problem)
    if atlas is not None and polygon.intersection(atlas.view(region.view).outline).area <= 0:
        raise doc.error((*loc, "polygon"), f"the polygon misses the body in {region.view}")
    return polygon


def _check_groups(doc: LocatedYaml, fi: int, f: FlagFile, groups: Groups) -> None:
    """A flag's groups agree with its rule and its ``places``."""
    if f.rule == "each" and len(groups) < 2:
        raise doc.error(("flags", fi, "rule"), "rule 'each' needs regions in at least two groups")
    for group in f.places:
        if group not in groups:
            raise doc.error(
                ("flags", fi, "places", group),
                f"places names the group {quoted(group)}, which has no regions"
                f"{did_you_mean(group, groups)}; groups: {', '.join(groups)}",
            )
    unnamed = [g for g in groups if f.places and g not in f.places]
    if unnamed:
        raise doc.error(
            ("flags", fi, "places"),
            f"places has no words for the group(s) {', '.join(map(quoted, unnamed))}",
        )


def _prepared(geometry: BaseGeometry) -> BaseGeometry:
    shapely.prepare(geometry)
    return geometry
