"""Reading the muscle catalogue from the region files (``regions/*.yaml``).

Each file is read safely, checked against its schema (pydantic, imported only here and
only to read files), and built into a :class:`~bodymap.catalogue.Muscle`: zones smoothed,
clipped to the body outline and checked to lie on it, sources and cross-references
checked. Every problem is a :class:`DataError` with its file and line; the strict loader
raises them all at once, the lenient one skips the bad files.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import shapely
from shapely.geometry import Point as ShapelyPoint
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from bodymap.atlas import XY, Atlas
from bodymap.catalogue import (
    AnswerLink,
    Card,
    Catalogue,
    Muscle,
    Prevalence,
    Source,
    TriggerPoint,
    Zone,
)
from bodymap.data.yamlfile import LocatedYaml, load_yaml
from bodymap.errors import DataError, DataErrors, did_you_mean, quoted
from bodymap.ids import MUSCLE_IDS

if TYPE_CHECKING:  # the file schema (pydantic) is imported only to read the files
    from bodymap.data.schema import CardFile, MuscleFile, TriggerPointFile, ZoneFile

SMOOTHING_PASSES = 3
MIN_INSIDE_FRACTION = 0.4


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


Loc = tuple[str | int, ...]


def _build_muscle(
    spec: MuscleFile, path: Path, atlas: Atlas, line_of: Callable[[Sequence[str | int]], int | None]
) -> tuple[Muscle | None, list[DataError]]:
    """The muscle of a valid region file, or every problem of its contents."""
    return _MuscleBuilder(spec, path, atlas, line_of).build()


class _MuscleBuilder:
    """A region file's contents built into a :class:`Muscle`, every problem noted with its
    line: sites off the body, zones that are not simple shapes or lie off the body, sources
    that are not defined, a trigger point id given twice, an id that is not the file's."""

    def __init__(
        self,
        spec: MuscleFile,
        path: Path,
        atlas: Atlas,
        line_of: Callable[[Sequence[str | int]], int | None],
    ) -> None:
        self.spec, self.path, self.atlas, self.line_of = spec, path, atlas, line_of
        self.errors: list[DataError] = []

    def err(self, loc: Loc, message: str) -> None:
        self.errors.append(DataError(self.path, message, self.line_of(loc)))

    def build(self) -> tuple[Muscle | None, list[DataError]]:
        spec = self.spec
        if spec.id != self.path.stem:
            self.err(("id",), f"id '{spec.id}' does not match the file name '{self.path.name}'")
        trigger_points = []
        seen_ids: dict[str, int] = {}
        for ti, t in enumerate(spec.trigger_points):
            if t.id in seen_ids:
                first = self.line_of(("trigger_points", seen_ids[t.id], "id"))
                also = f" (first at line {first})" if first is not None else ""
                self.err(
                    ("trigger_points", ti, "id"),
                    f"trigger point id '{t.id}' is defined twice{also}",
                )
            seen_ids.setdefault(t.id, ti)
            trigger_points.append(self.trigger_point(ti, t))
        card = _card(spec.card)
        sources = {k: Source(k, s.title, s.url) for k, s in spec.sources.items()}
        self.check_sources(("prevalence", "sources"), spec.prevalence.sources)
        prevalence = Prevalence(
            spec.prevalence.level, spec.prevalence.note.strip(), tuple(spec.prevalence.sources)
        )
        answers = []
        seen_questions: set[str] = set()
        for ai, a in enumerate(spec.answers):
            self.check_sources(("answers", ai, "sources"), a.sources)
            if a.question in seen_questions:
                self.err(
                    ("answers", ai, "question"), f"question {quoted(a.question)} is given twice"
                )
            seen_questions.add(a.question)
            note = a.note.strip() if a.note else None
            answers.append(AnswerLink(a.question, a.effect, a.strength, tuple(a.sources), note))
        if self.errors:
            return None, self.errors
        muscle = Muscle(
            spec.id,
            spec.name,
            spec.region,
            tuple(trigger_points),
            card,
            sources,
            self.path,
            prevalence,
            tuple(answers),
        )
        return muscle, []

    def check_sources(self, loc: Loc, keys: Sequence[str]) -> None:
        for key in keys:
            if key not in self.spec.sources:
                self.err(
                    loc,
                    f"source {quoted(key)} is not defined under 'sources'"
                    + did_you_mean(key, self.spec.sources),
                )

    def trigger_point(self, ti: int, t: TriggerPointFile) -> TriggerPoint:
        sites: dict[str, XY] = {}
        for view_name, (x, y) in t.sites.items():
            view = view_name.value
            loc: Loc = ("trigger_points", ti, "sites", view)
            if view not in self.atlas:
                self.err(loc, f"the {view} view is not drawn yet")
            elif not _near_outline(self.atlas, view).contains(ShapelyPoint(x, y)):
                self.err(loc, f"trigger point site ({x:g}, {y:g}) lies outside the body")
            else:
                sites[view] = (x, y)
        zones = (self.zone(("trigger_points", ti, "zones", zi), z) for zi, z in enumerate(t.zones))
        kept = tuple(z for z in zones if z is not None)
        return TriggerPoint(t.id, t.name, t.location, sites, kept, t.crosses_midline)

    def zone(self, loc: Loc, z: ZoneFile) -> Zone | None:
        """The zone smoothed and clipped to the body, or None (and why) if it cannot be."""
        from bodymap.data.validation import polygon_problem

        view = z.view.value
        self.check_sources((*loc, "sources"), z.sources)
        if view not in self.atlas:
            drawn = ", ".join(self.atlas.names)
            self.err((*loc, "view"), f"the {view} view is not drawn yet (drawn: {drawn})")
            return None
        raw = Polygon(z.polygon)
        problem = polygon_problem(raw)
        if problem is not None:
            self.err((*loc, "polygon"), problem)
            return None
        outline = self.atlas.view(view).outline
        inside = raw.intersection(outline).area / raw.area
        if inside < MIN_INSIDE_FRACTION:
            how = "outside" if inside == 0 else "mostly outside"
            self.err(
                (*loc, "polygon"),
                f"the zone lies {how} the body: only {inside:.0%} of it lies on the body"
                f" in the {view} view (at least {MIN_INSIDE_FRACTION:.0%} must)",
            )
            return None
        geometry = Polygon(smooth_ring(z.polygon)).intersection(outline)
        geometry = shapely.make_valid(geometry) if not geometry.is_valid else geometry
        return Zone(z.kind, view, z.label, geometry, tuple(z.sources))


def _card(c: CardFile) -> Card:
    return Card(
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
    from bodymap.data.schema import MuscleFile
    from bodymap.data.validation import validate_all

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
    references += [
        (doc, ("answers", i, "question"), a.question) for i, a in enumerate(spec.answers)
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


def _unknown_references(
    references: Sequence[Reference], known: set[str], questions: Collection[str] | None = None
) -> list[DataError]:
    """Card mentions of muscles not in ``known``, and answers to questions not in
    ``questions`` (not checked when it is None)."""
    errors = []
    for doc, loc, ref in references:
        if loc[0] == "answers":
            if questions is not None and ref not in questions:
                hint = did_you_mean(ref, questions)
                errors.append(doc.error(loc, f"unknown question id {quoted(ref)}{hint}"))
        elif ref not in known:
            errors.append(
                doc.error(loc, f"unknown muscle id {quoted(ref)}{did_you_mean(ref, known)}")
            )
    return errors


def load_catalogue(
    regions_dir: Path,
    atlas: Atlas,
    files: Sequence[Path] | None = None,
    questions: Collection[str] | None = None,
) -> Catalogue:
    """Load and validate every region file; raise :class:`DataErrors` listing all problems.
    ``questions`` are the symptom question ids an ``answers:`` entry may name."""
    paths = _region_files(regions_dir, files)
    if not paths:
        raise DataErrors([DataError(regions_dir, "no region files (*.yaml) found")])
    muscles, bad, references = _load_regions(paths, atlas)
    errors = [e for problems in bad.values() for e in problems]
    errors += _unknown_references(references, set(MUSCLE_IDS) | {m.id for m in muscles}, questions)
    if errors:
        raise DataErrors(errors)
    return Catalogue(muscles, atlas)


def load_catalogue_lenient(
    regions_dir: Path,
    atlas: Atlas,
    files: Sequence[Path] | None = None,
    questions: Collection[str] | None = None,
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
    for error in _unknown_references(references, known | skipped, questions):
        logger.warning("%s", error)
    return Catalogue(muscles, atlas), [e for problems in bad.values() for e in problems]
