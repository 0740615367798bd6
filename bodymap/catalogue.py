"""The muscle catalogue: trigger points, their referred-pain zones, knowledge cards.

Region files describe the person's right side; a :class:`Pattern` is one muscle's zones
placed on the ``right``, mirrored to the ``left``, or on ``both`` sides at once (which is
all a muscle has when its pattern crosses the midline, like the lower rectus abdominis
band). Patterns are what the ranking scores and what the window draws.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import shapely
from shapely.geometry import Point as ShapelyPoint
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from bodymap.atlas import XY, Atlas
from bodymap.errors import DataError, DataErrors, did_you_mean
from bodymap.ids import MUSCLE_IDS, Side
from bodymap.kinds import PrevalenceLevel, ZoneKind
from bodymap.yamlfile import LocatedYaml, load_yaml, quoted

if TYPE_CHECKING:  # the file schema (pydantic) is imported only to read the files
    from bodymap.schema import MuscleFile

SMOOTHING_PASSES = 3
MIN_INSIDE_FRACTION = 0.4


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    url: str


@dataclass(frozen=True)
class Zone:
    kind: ZoneKind
    view: str
    label: str
    geometry: BaseGeometry
    sources: tuple[str, ...]

    @property
    def weight(self) -> float:
        return self.kind.weight


@dataclass(frozen=True)
class TriggerPoint:
    id: str
    name: str
    location: str
    sites: Mapping[str, XY]
    zones: tuple[Zone, ...]
    crosses_midline: bool = False


@dataclass(frozen=True)
class Card:
    summary: str
    trigger_points: str
    referral: str
    symptoms: tuple[str, ...]
    aggravating: tuple[str, ...]
    check_also: tuple[str, ...]
    similar_patterns: tuple[str, ...]
    mistaken_for: tuple[str, ...]
    self_care: tuple[str, ...]
    red_flags: tuple[str, ...]


@dataclass(frozen=True)
class Prevalence:
    """How often the muscle is the source of pain in its region, and who says so."""

    level: PrevalenceLevel
    note: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Muscle:
    id: str
    name: str
    region: str
    trigger_points: tuple[TriggerPoint, ...]
    card: Card
    sources: Mapping[str, Source]
    path: Path
    prevalence: Prevalence

    @property
    def views(self) -> tuple[str, ...]:
        seen = dict.fromkeys(z.view for t in self.trigger_points for z in t.zones)
        return tuple(seen)


@dataclass(frozen=True)
class Layers:
    """One pattern's zones in one view, split into disjoint layers of equal weight.

    A spot covered by several zones counts once at the highest weight: ``spillover`` is
    spillover minus essential, ``rare`` is rare minus both.
    """

    essential: BaseGeometry
    spillover: BaseGeometry
    rare: BaseGeometry

    def by_kind(self) -> Iterator[tuple[ZoneKind, BaseGeometry]]:
        yield ZoneKind.ESSENTIAL, self.essential
        yield ZoneKind.SPILLOVER, self.spillover
        yield ZoneKind.RARE, self.rare


@dataclass(frozen=True, eq=False)
class Pattern:
    """A muscle's referred-pain pattern on one side of the body (compared by identity)."""

    muscle: Muscle
    side: Side
    trigger_points: tuple[TriggerPoint, ...]
    layers: Mapping[str, Layers] = field(repr=False)

    @property
    def key(self) -> tuple[str, Side]:
        return (self.muscle.id, self.side)

    @cached_property
    def trigger_point_ids(self) -> tuple[str, ...]:
        """Each trigger point once, in file order (a ``both`` pattern holds each twice)."""
        return tuple(dict.fromkeys(t.id for t in self.trigger_points))

    def only(self, trigger_point: str) -> Pattern:
        """The part of this pattern that one trigger point refers (on both sides for a
        ``both`` pattern), to show the trigger points one at a time."""
        cache = self.__dict__.setdefault("_only", {})
        if trigger_point not in cache:
            chosen = tuple(t for t in self.trigger_points if t.id == trigger_point)
            if not chosen:
                raise KeyError(
                    f"{self.muscle.id} has no trigger point '{trigger_point}'"
                    f"{did_you_mean(trigger_point, self.trigger_point_ids)}"
                )
            cache[trigger_point] = Pattern(self.muscle, self.side, chosen, _layers(chosen))
        return cache[trigger_point]

    @cached_property
    def cores(self) -> tuple[tuple[int, str, BaseGeometry], ...]:
        """(trigger point index, view, essential area) of each trigger point, per view."""
        out = []
        for i, trp in enumerate(self.trigger_points):
            by_view: dict[str, list[BaseGeometry]] = {}
            for z in trp.zones:
                if z.kind is ZoneKind.ESSENTIAL:
                    by_view.setdefault(z.view, []).append(z.geometry)
            for view, geoms in by_view.items():
                core = shapely.union_all(geoms)
                shapely.prepare(core)
                out.append((i, view, core))
        return tuple(out)


class Catalogue:
    """Every muscle, and every muscle's pattern on each side it has one."""

    def __init__(self, muscles: Iterable[Muscle], atlas: Atlas) -> None:
        self.atlas = atlas
        self._muscles = {m.id: m for m in sorted(muscles, key=lambda m: m.name.lower())}
        self.patterns: tuple[Pattern, ...] = tuple(
            p for m in self._muscles.values() for p in _patterns_of(m, atlas)
        )
        self._by_key = {p.key: p for p in self.patterns}

    def __iter__(self) -> Iterator[Muscle]:
        return iter(self._muscles.values())

    def __len__(self) -> int:
        return len(self._muscles)

    def __contains__(self, muscle_id: object) -> bool:
        return muscle_id in self._muscles

    def muscle(self, muscle_id: str) -> Muscle:
        try:
            return self._muscles[muscle_id]
        except KeyError:
            raise KeyError(
                f"unknown muscle '{muscle_id}'{did_you_mean(muscle_id, self._muscles)}"
            ) from None

    def pattern(self, muscle_id: str, side: Side) -> Pattern:
        """The pattern of a muscle on a side; a midline-only muscle has just ``both``."""
        for key in ((muscle_id, side), (muscle_id, "both"), (muscle_id, "right")):
            if key in self._by_key:
                return self._by_key[key]
        raise KeyError(f"unknown muscle '{muscle_id}'{did_you_mean(muscle_id, self._muscles)}")

    def patterns_of(self, muscle_id: str) -> tuple[Pattern, ...]:
        return tuple(p for p in self.patterns if p.muscle.id == muscle_id)


def _mirror_trigger_point(trp: TriggerPoint, atlas: Atlas) -> TriggerPoint:
    sites = dict(atlas.mirror_point(view, xy) for view, xy in trp.sites.items())
    zones = []
    for z in trp.zones:
        view, geom = atlas.mirror(z.view, z.geometry)
        zones.append(Zone(z.kind, view, z.label, geom, z.sources))
    return TriggerPoint(trp.id, trp.name, trp.location, sites, tuple(zones), trp.crosses_midline)


def _layers(trigger_points: Sequence[TriggerPoint]) -> dict[str, Layers]:
    by_view: dict[str, dict[ZoneKind, list[BaseGeometry]]] = {}
    for trp in trigger_points:
        for z in trp.zones:
            by_view.setdefault(z.view, {k: [] for k in ZoneKind})[z.kind].append(z.geometry)
    out = {}
    for view, kinds in by_view.items():
        essential = shapely.union_all(kinds[ZoneKind.ESSENTIAL])
        spill = shapely.union_all(kinds[ZoneKind.SPILLOVER]).difference(essential)
        rare = shapely.union_all(kinds[ZoneKind.RARE]).difference(essential).difference(spill)
        layers = Layers(essential, spill, rare)
        for _, g in layers.by_kind():
            shapely.prepare(g)
        out[view] = layers
    return out


def _patterns_of(muscle: Muscle, atlas: Atlas) -> Iterator[Pattern]:
    """Right, left (mirrored) and both sides together; a muscle whose trigger points all
    cross the midline has only the one ``both`` pattern."""
    sided = tuple(t for t in muscle.trigger_points if not t.crosses_midline)
    crossing = tuple(t for t in muscle.trigger_points if t.crosses_midline)
    if not sided:
        yield Pattern(muscle, "both", crossing, _layers(crossing))
        return
    right = sided + crossing
    left = tuple(_mirror_trigger_point(t, atlas) for t in sided) + crossing
    yield Pattern(muscle, "right", right, _layers(right))
    yield Pattern(muscle, "left", left, _layers(left))
    both = sided + left
    yield Pattern(muscle, "both", both, _layers(both))


def smooth_ring(points: Sequence[XY], passes: int = SMOOTHING_PASSES) -> list[XY]:
    """Chaikin corner cutting: a rounded closed curve inside the polygon's corners."""
    ring = list(points)
    for _ in range(passes):
        nxt: list[XY] = []
        for i, (x0, y0) in enumerate(ring):
            x1, y1 = ring[(i + 1) % len(ring)]
            nxt.append((0.75 * x0 + 0.25 * x1, 0.75 * y0 + 0.25 * y1))
            nxt.append((0.25 * x0 + 0.75 * x1, 0.25 * y0 + 0.75 * y1))
        ring = nxt
    return ring


@cache
def _near_outline(atlas: Atlas, view: str) -> BaseGeometry:
    """The body outline of a view, grown by 2 units, for checking trigger point sites."""
    return atlas.view(view).outline.buffer(2.0)


def _build_muscle(
    spec: MuscleFile, path: Path, atlas: Atlas, line_of: Callable[[Sequence[str | int]], int | None]
) -> tuple[Muscle | None, list[DataError]]:
    from bodymap.validation import polygon_problem

    errors: list[DataError] = []

    def err(loc: tuple[str | int, ...], message: str) -> None:
        errors.append(DataError(path, message, line_of(loc)))

    if spec.id != path.stem:
        err(("id",), f"id '{spec.id}' does not match the file name '{path.name}'")
    trigger_points = []
    seen_ids: dict[str, int] = {}
    for ti, t in enumerate(spec.trigger_points):
        if t.id in seen_ids:
            first = line_of(("trigger_points", seen_ids[t.id], "id"))
            also = f" (first at line {first})" if first is not None else ""
            err(("trigger_points", ti, "id"), f"trigger point id '{t.id}' is defined twice{also}")
        seen_ids.setdefault(t.id, ti)
        sites: dict[str, XY] = {}
        for view_name, (x, y) in t.sites.items():
            view = view_name.value
            if view not in atlas:
                err(("trigger_points", ti, "sites", view), f"the {view} view is not drawn yet")
            elif not _near_outline(atlas, view).contains(ShapelyPoint(x, y)):
                err(
                    ("trigger_points", ti, "sites", view),
                    f"trigger point site ({x:g}, {y:g}) lies outside the body",
                )
            else:
                sites[view] = (x, y)
        zones = []
        for zi, z in enumerate(t.zones):
            loc: tuple[str | int, ...] = ("trigger_points", ti, "zones", zi)
            view = z.view.value
            for key in z.sources:
                if key not in spec.sources:
                    err(
                        (*loc, "sources"),
                        f"source {quoted(key)} is not defined under 'sources'"
                        + did_you_mean(key, spec.sources),
                    )
            if view not in atlas:
                err(
                    (*loc, "view"),
                    f"the {view} view is not drawn yet (drawn: {', '.join(atlas.names)})",
                )
                continue
            raw = Polygon(z.polygon)
            problem = polygon_problem(raw)
            if problem is not None:
                err((*loc, "polygon"), problem)
                continue
            outline = atlas.view(view).outline
            inside = raw.intersection(outline).area / raw.area
            if inside < MIN_INSIDE_FRACTION:
                how = "outside" if inside == 0 else "mostly outside"
                err(
                    (*loc, "polygon"),
                    f"the zone lies {how} the body: only {inside:.0%} of it lies on the body"
                    f" in the {view} view (at least {MIN_INSIDE_FRACTION:.0%} must)",
                )
                continue
            geometry = Polygon(smooth_ring(z.polygon)).intersection(outline)
            geometry = shapely.make_valid(geometry) if not geometry.is_valid else geometry
            zones.append(Zone(z.kind, view, z.label, geometry, tuple(z.sources)))
        trigger_points.append(
            TriggerPoint(t.id, t.name, t.location, sites, tuple(zones), t.crosses_midline)
        )
    c = spec.card
    card = Card(
        c.summary.strip(),
        c.trigger_points.strip(),
        c.referral.strip(),
        tuple(c.symptoms),
        tuple(c.aggravating),
        tuple(c.check_also),
        tuple(c.similar_patterns),
        tuple(c.mistaken_for),
        tuple(c.self_care),
        tuple(c.red_flags),
    )
    sources = {k: Source(k, s.title, s.url) for k, s in spec.sources.items()}
    for key in spec.prevalence.sources:
        if key not in spec.sources:
            err(
                ("prevalence", "sources"),
                f"source {quoted(key)} is not defined under 'sources'"
                + did_you_mean(key, spec.sources),
            )
    prevalence = Prevalence(
        spec.prevalence.level, spec.prevalence.note.strip(), tuple(spec.prevalence.sources)
    )
    if errors:
        return None, errors
    muscle = Muscle(
        spec.id, spec.name, spec.region, tuple(trigger_points), card, sources, path, prevalence
    )
    return muscle, []


Reference = tuple[LocatedYaml, tuple[str | int, ...], str]
"""A card's mention of another muscle: the document, where in it, and the muscle id."""

logger = logging.getLogger(__name__)


def _region_files(regions_dir: Path, files: Sequence[Path] | None) -> list[Path]:
    if files is not None:
        return sorted(files)
    return sorted(p for p in regions_dir.glob("*.yaml") if not p.name.startswith("."))


def _load_region(
    path: Path, atlas: Atlas
) -> tuple[Muscle | None, LocatedYaml | None, list[DataError], list[Reference]]:
    """One region file: the muscle, its document, its problems and its references."""
    from bodymap.schema import MuscleFile
    from bodymap.validation import validate_all

    try:
        doc = load_yaml(path)
    except DataError as exc:
        return None, None, [exc], []
    spec, problems = validate_all(doc, MuscleFile)
    if spec is None:
        return None, doc, problems, []
    try:
        muscle, problems = _build_muscle(spec, path, atlas, doc.line_of)
    except Exception as exc:  # a shape shapely cannot handle: the file, not a crash
        logger.debug("building %s failed", path, exc_info=True)
        problem = f"cannot be loaded ({type(exc).__name__}: {' '.join(str(exc).split())})"
        return None, doc, [DataError(path, problem)], []
    references: list[Reference] = [
        (doc, ("card", name, i), ref)
        for name in ("check_also", "similar_patterns")
        for i, ref in enumerate(getattr(spec.card, name))
    ]
    return muscle, doc, problems, references


def _load_regions(
    paths: Sequence[Path], atlas: Atlas
) -> tuple[list[Muscle], dict[Path, list[DataError]], list[Reference]]:
    """The muscles of the valid files, the problems of each bad file (a file that repeats
    an earlier file's muscle id is bad), and the valid files' references."""
    muscles: dict[str, Muscle] = {}
    bad: dict[Path, list[DataError]] = {}
    references: list[Reference] = []
    for path in paths:
        muscle, doc, problems, refs = _load_region(path, atlas)
        if muscle is not None and doc is not None and muscle.id in muscles:
            first = muscles[muscle.id].path
            problems.append(
                doc.error(("id",), f"muscle id '{muscle.id}' is defined twice (also in {first})")
            )
        if problems or muscle is None:
            bad[path] = problems
            continue
        muscles[muscle.id] = muscle
        references.extend(refs)
    return list(muscles.values()), bad, references


def _unknown_references(references: Sequence[Reference], known: set[str]) -> list[DataError]:
    return [
        doc.error(loc, f"unknown muscle id {quoted(ref)}{did_you_mean(ref, known)}")
        for doc, loc, ref in references
        if ref not in known
    ]


def load_catalogue(
    regions_dir: Path, atlas: Atlas, files: Sequence[Path] | None = None
) -> Catalogue:
    """Load and validate every region file; raise :class:`DataErrors` listing all problems."""
    paths = _region_files(regions_dir, files)
    if not paths:
        raise DataErrors([DataError(regions_dir, "no region files (*.yaml) found")])
    muscles, bad, references = _load_regions(paths, atlas)
    errors = [e for problems in bad.values() for e in problems]
    errors += _unknown_references(references, set(MUSCLE_IDS) | {m.id for m in muscles})
    if errors:
        raise DataErrors(errors)
    return Catalogue(muscles, atlas)


def load_catalogue_lenient(
    regions_dir: Path, atlas: Atlas, files: Sequence[Path] | None = None
) -> tuple[Catalogue, list[DataError]]:
    """Every valid region file, and the problems of the files skipped.

    A file with any problem is skipped whole, and so is a file that repeats the muscle id
    of an earlier one (in path order). A card's mention of a muscle that is not loaded
    skips nothing: the muscle may be one of the skipped files; if it is not, the mention
    is logged as a warning. Bad data never raises.
    """
    paths = _region_files(regions_dir, files)
    if not paths:
        return Catalogue([], atlas), [DataError(regions_dir, "no region files (*.yaml) found")]
    muscles, bad, references = _load_regions(paths, atlas)
    skipped = {path.stem for path in bad}
    known = set(MUSCLE_IDS) | {m.id for m in muscles}
    for error in _unknown_references(references, known | skipped):
        logger.warning("%s", error)
    return Catalogue(muscles, atlas), [e for problems in bad.values() for e in problems]
