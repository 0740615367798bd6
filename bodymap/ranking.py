"""Rank muscles by how well their referred-pain patterns explain the painted area.

For each (muscle, side) pattern, with pain area P (all views together) split by the
pattern's disjoint layers:

* ``explained``: the share of the pain that the pattern accounts for, each part weighted
  by the zone it falls in (essential 1.0, spillover 0.45, rare 0.15);
* ``core_fill``: how much of a trigger point's essential area (its core, summed over
  the views) the pain fills, *as a share of what pain of this size could fill*:
  ``overlap / min(core area, P)``. A fingertip click wholly inside a large core fills all
  it can, so a point mark does not favour muscles with small cores; a drawing larger than
  the core must cover the core to count. The trigger point whose core is filled best
  counts (each trigger point is its own source). ``core_coverage``, the plain
  ``overlap / core area``, orders equal scores and is what the reason reports.
* A pattern that is only ever bilateral (the lower rectus abdominis band across the back)
  has its core split at the midline, and counts the *less* filled half: one-sided pain
  leaves the other half empty, so such a pattern cannot win one-sided pain.
* ``prior``: how often the muscle is the source in its region (``prevalence`` in its
  region file, with sources): very common 1.0, common 0.92, occasional 0.84, uncommon
  0.76. When several patterns explain a click equally, the commonest source ranks first.

``score = prior * explained * (BASE + (1 - BASE) * min(1, core_fill / SATURATION) ** 0.5)``

Each muscle is listed once: on ``both`` sides when the pair explains clearly more of the
pain than either side alone (pain on both sides) or when the two sides explain it equally
(pain on the midline), otherwise on the side that explains it better.

So a pattern must explain the pain to score at all, and among patterns that explain it
equally, the commoner one whose core the pain fills best ranks first. Equal scores are
ordered by the plain share of the core covered, then by name.

Everything the score needs is an area of overlap between the pain and an indexed shape
(a pattern's weight layer, a trigger point's core, a single zone). The shapes of each
view sit in one STRtree, so only shapes near the pain are intersected; and because
overlap areas add up, :class:`LiveRanking` keeps them current for a painting session by
measuring only the region each new mark changes.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

import numpy as np
import shapely
from numpy.typing import ArrayLike
from shapely import STRtree
from shapely.geometry.base import BaseGeometry

from bodymap.atlas import Atlas
from bodymap.catalogue import Catalogue, Pattern
from bodymap.ids import MIRROR_VIEW, Side
from bodymap.marks import Change, polygonal
from bodymap.schema import ZoneKind

BASE = 0.7
SATURATION = 0.5
BOTH_SIDES_MARGIN = 0.1  # the pair must explain this much more of the pain than one side
TIE = 0.02
MIN_OVERLAP = 0.5  # square units (a fingertip is ~1000); smaller overlaps are rounding noise


@dataclass(frozen=True)
class ZoneMatch:
    """One zone that the pain touches."""

    trigger_point: str
    kind: ZoneKind
    label: str
    overlap: float  # area of pain inside the zone, in square view units
    view: str


@dataclass(frozen=True)
class Candidate:
    muscle: str
    name: str
    side: Side
    score: float
    explained: float
    core_coverage: float
    core_fill: float
    reason: str
    trigger_point: str | None
    matches: tuple[ZoneMatch, ...]

    @property
    def fit(self) -> str:
        """The score in words: ``strong``, ``good``, ``partial`` or ``weak``."""
        return fit_word(self.score)

    def to_json(self) -> dict[str, Any]:
        return {
            "muscle": self.muscle,
            "name": self.name,
            "side": self.side,
            "score": round(self.score, 4),
            "explained": round(self.explained, 4),
            "core_coverage": round(self.core_coverage, 4),
            "core_fill": round(self.core_fill, 4),
            "trigger_point": self.trigger_point,
            "reason": self.reason,
            "fit": self.fit,
            "zones": [
                {
                    "trigger_point": m.trigger_point,
                    "view": m.view,
                    "kind": m.kind.value,
                    "label": m.label,
                }
                for m in self.matches
            ],
        }


def score(explained: ArrayLike, core_fill: ArrayLike, prior: ArrayLike = 1.0) -> Any:
    """The score of the module docstring, for numbers or numpy arrays alike."""
    fill = np.sqrt(np.minimum(1.0, np.asarray(core_fill) / SATURATION))
    return np.asarray(prior) * np.asarray(explained) * (BASE + (1.0 - BASE) * fill)


FIT_WORDS = ((0.75, "strong"), (0.5, "good"), (0.3, "partial"), (0.0, "weak"))
"""A score in words, so that 0.83 does not read as a probability."""


def fit_word(value: float) -> str:
    return next(word for bound, word in FIT_WORDS if value >= bound)


class Role(Enum):
    LAYER = 0  # a pattern's layer of one weight (kind)
    CORE = 1  # the essential area of one trigger point
    ZONE = 2  # one zone, for the reason and the matched trigger point


@dataclass(frozen=True)
class _Entry:
    pattern: int
    role: Role
    kind: ZoneKind | None = None
    trigger_point: int = -1
    zone: int = -1
    half: str = ""


Overlaps = dict[str, np.ndarray]
"""Per view, the area of pain inside each indexed shape (aligned with the index)."""


class Ranker:
    """Scores every pattern of a catalogue against a painted area."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self._entries: dict[str, list[_Entry]] = defaultdict(list)
        geoms: dict[str, list[BaseGeometry]] = defaultdict(list)

        def add(view: str, geometry: BaseGeometry, entry: _Entry) -> None:
            if not geometry.is_empty:
                self._entries[view].append(entry)
                geoms[view].append(geometry)

        # Core ids: one per trigger point, or one per half (at the midline) for a trigger
        # point whose pattern crosses it; each core id's area is summed over the views.
        self._core_ids: dict[tuple[int, int, str], int] = {}
        core_area: list[float] = []
        for p, pattern in enumerate(catalogue.patterns):
            for view, layers in pattern.layers.items():
                for kind, geometry in layers.by_kind():
                    add(view, geometry, _Entry(p, Role.LAYER, kind))
            for t, view, core in pattern.cores:
                for half, piece in self._halves(pattern, t, view, core):
                    key = (p, t, half)
                    if key not in self._core_ids:
                        self._core_ids[key] = len(core_area)
                        core_area.append(0.0)
                    core_area[self._core_ids[key]] += piece.area
                    add(view, piece, _Entry(p, Role.CORE, trigger_point=t, half=half))
            for t, trp in enumerate(pattern.trigger_points):
                for z, zone in enumerate(trp.zones):
                    add(zone.view, zone.geometry, _Entry(p, Role.ZONE, zone.kind, t, z))
        # Flat arrays describing every entry, so scoring is a handful of numpy sums.
        patterns = catalogue.patterns
        trp_ids = {
            (p, t): i for i, (p, t) in enumerate(dict.fromkeys(k[:2] for k in self._core_ids))
        }
        self._core_trp = np.array([trp_ids[k[:2]] for k in self._core_ids], dtype=int)
        self._trp_pattern = np.array([p for p, _ in trp_ids], dtype=int)
        self._core_area = np.array(core_area)
        self._prior = np.array([p.muscle.prevalence.level.prior for p in patterns])
        self._arrays: dict[str, dict[str, np.ndarray]] = {}
        for view, entries in self._entries.items():
            self._arrays[view] = {
                "pattern": np.array([e.pattern for e in entries], dtype=int),
                "layer_weight": np.array(
                    [e.kind.weight if e.role is Role.LAYER and e.kind else 0.0 for e in entries]
                ),
                "core_id": np.array(
                    [
                        self._core_ids[(e.pattern, e.trigger_point, e.half)]
                        if e.role is Role.CORE
                        else -1
                        for e in entries
                    ],
                    dtype=int,
                ),
                "is_zone": np.array([e.role is Role.ZONE for e in entries]),
            }
        self._geoms = {view: np.array(g, dtype=object) for view, g in geoms.items()}
        for shapes in self._geoms.values():
            shapely.prepare(shapes)
        self._trees = {view: STRtree(g) for view, g in geoms.items()}

    def _halves(
        self, pattern: Pattern, t: int, view: str, core: BaseGeometry
    ) -> list[tuple[str, BaseGeometry]]:
        """The core whole, or its two halves at the midline for a crossing pattern."""
        # A side view (one that mirrors onto the other side view) shows one side only.
        if not pattern.trigger_points[t].crosses_midline or MIRROR_VIEW[view] != view:
            return [("", core)]
        mid = self.catalogue.atlas.view(view).midline_x
        halves = []
        for name, box in (
            ("viewer-left", shapely.box(-1e4, -1e4, mid, 1e4)),
            ("viewer-right", shapely.box(mid, -1e4, 1e4, 1e4)),
        ):
            piece = polygonal(core.intersection(box))
            if not piece.is_empty:
                shapely.prepare(piece)
                halves.append((name, piece))
        return halves if len(halves) == 2 else [("", core)]

    def empty(self) -> Overlaps:
        return {view: np.zeros(len(entries)) for view, entries in self._entries.items()}

    def measure(self, view: str, region: BaseGeometry) -> tuple[np.ndarray, np.ndarray]:
        """Indices of the shapes that ``region`` overlaps in ``view``, and the areas."""
        tree = self._trees.get(view)
        if tree is None or region.is_empty:
            return np.empty(0, dtype=int), np.empty(0)
        hits = tree.query(region, predicate="intersects")
        if len(hits) == 0:
            return hits, np.empty(0)
        shapes = self._geoms[view][hits]
        # A shape that holds the whole region overlaps it by the region's own area: a
        # prepared containment test answers that without computing an intersection.
        inside = shapely.contains_properly(shapes, region)
        areas = np.full(len(hits), region.area)
        if not inside.all():
            rest = ~inside
            areas[rest] = shapely.area(shapely.intersection(region, shapes[rest]))
        return hits, areas

    def overlaps(self, pain: Mapping[str, BaseGeometry]) -> Overlaps:
        vectors = self.empty()
        for view, area in pain.items():
            hits, areas = self.measure(view, area)
            if len(hits):
                vectors[view][hits] += areas
        return vectors

    def rank(self, pain: Mapping[str, BaseGeometry], top: int | None = None) -> list[Candidate]:
        total = sum(g.area for g in pain.values())
        return self.rank_overlaps(self.overlaps(pain), total, top)

    def rank_overlaps(
        self, vectors: Overlaps, total: float, top: int | None = None
    ) -> list[Candidate]:
        """The ranking for a painted area of ``total`` square units with these overlaps."""
        if total <= MIN_OVERLAP:
            return []
        n_patterns = len(self.catalogue.patterns)
        weighted = np.zeros(n_patterns)
        core = np.zeros(len(self._core_area))
        for view, raw in vectors.items():
            a = self._arrays[view]
            vector = np.where(raw > MIN_OVERLAP, raw, 0.0)
            weighted += np.bincount(
                a["pattern"], weights=vector * a["layer_weight"], minlength=n_patterns
            )
            cores = a["core_id"] >= 0
            core += np.bincount(a["core_id"][cores], weights=vector[cores], minlength=len(core))
        explained = np.minimum(1.0, weighted / total)
        # Filled, as a share of what pain of this size could fill; and plainly.
        fillable = np.minimum(self._core_area, total)
        ratio = np.minimum(
            1.0, np.divide(core, fillable, out=np.zeros_like(core), where=fillable > 0)
        )
        plain = np.minimum(
            1.0,
            np.divide(core, self._core_area, out=np.zeros_like(core), where=self._core_area > 0),
        )
        coverage = self._best_trigger_point(ratio, n_patterns)
        plain_coverage = self._best_trigger_point(plain, n_patterns)
        scores = score(explained, coverage, self._prior)
        results = [
            _Scored(
                float(scores[p]),
                float(explained[p]),
                float(coverage[p]),
                int(p),
                float(plain_coverage[p]),
            )
            for p in np.flatnonzero(weighted > 0)
        ]
        kept = _one_entry_per_muscle(results, self.catalogue.patterns)
        kept.sort(
            key=lambda r: (-round(r.score, 9), -r.plain, -r.explained, *self._name_side(r.pattern))
        )
        if top is not None:
            kept = kept[: max(top, 0)]
        return [self._candidate(r, self._zones_touched(vectors, r.pattern)) for r in kept]

    def _best_trigger_point(self, per_core: np.ndarray, n_patterns: int) -> np.ndarray:
        """Per pattern, from a value per core id: a trigger point counts its less filled
        half, and a pattern its best trigger point."""
        by_trp = np.full(len(self._trp_pattern), np.inf)
        np.minimum.at(by_trp, self._core_trp, per_core)
        best = np.zeros(n_patterns)
        np.maximum.at(best, self._trp_pattern, by_trp)
        return best

    def _zones_touched(self, vectors: Overlaps, p: int) -> list[tuple[int, int, float]]:
        touched = []
        for view, vector in vectors.items():
            a = self._arrays[view]
            for i in np.flatnonzero(a["is_zone"] & (a["pattern"] == p) & (vector > MIN_OVERLAP)):
                e = self._entries[view][i]
                touched.append((e.trigger_point, e.zone, float(vector[i])))
        return touched

    def _name_side(self, p: int) -> tuple[str, str]:
        pattern = self.catalogue.patterns[p]
        return pattern.muscle.name, pattern.side

    def _candidate(self, r: _Scored, touched: Iterable[tuple[int, int, float]]) -> Candidate:
        pattern = self.catalogue.patterns[r.pattern]
        matches = []
        for t, z, area in touched:
            trp = pattern.trigger_points[t]
            zone = trp.zones[z]
            matches.append(
                (area * zone.weight, ZoneMatch(trp.id, zone.kind, zone.label, area, zone.view))
            )
        matches.sort(key=lambda m: -m[0])
        by_trp: dict[str, float] = defaultdict(float)
        for weighted, match in matches:
            by_trp[match.trigger_point] += weighted
        return Candidate(
            muscle=pattern.muscle.id,
            name=pattern.muscle.name,
            side=pattern.side,
            score=r.score,
            explained=r.explained,
            core_coverage=r.plain,
            core_fill=r.coverage,
            reason=_reason(r.explained, r.plain, r.coverage, [m for _, m in matches]),
            trigger_point=max(by_trp, key=by_trp.__getitem__) if by_trp else None,
            matches=tuple(m for _, m in matches),
        )


class LiveRanking:
    """The ranking of a drawing that changes one mark at a time.

    ``apply`` measures only the region a mark changed and adds (or, for the eraser,
    subtracts) its overlaps; ``revert`` undoes the last ``apply``. The cost of a step
    depends on the size of the mark, not on how much has been painted.
    """

    def __init__(self, ranker: Ranker) -> None:
        self.ranker = ranker
        self._vectors = ranker.empty()
        self._total = 0.0
        self._log: list[tuple[str, np.ndarray, np.ndarray, float]] = []

    def apply(self, change: Change) -> None:
        view = change.mark.view
        sign = -1.0 if change.removed else 1.0
        hits, areas = self.ranker.measure(view, change.region)
        delta = sign * areas
        if len(hits):
            self._vectors[view][hits] += delta
        area = sign * change.region.area
        self._total += area
        self._log.append((view, hits, delta, area))

    def revert(self) -> None:
        view, hits, delta, area = self._log.pop()
        if len(hits):
            self._vectors[view][hits] -= delta
        self._total -= area

    def reset(self, changes: Iterable[Change] = ()) -> None:
        self._vectors = self.ranker.empty()
        self._total = 0.0
        self._log.clear()
        for change in changes:
            self.apply(change)

    def rank(self, top: int | None = None, total: float | None = None) -> list[Candidate]:
        """The ranking; pass the drawing's own ``total_area()`` as ``total`` to avoid the
        rounding that a running sum of many changes accumulates."""
        return self.ranker.rank_overlaps(
            self._vectors, self._total if total is None else total, top
        )


@dataclass(frozen=True)
class _Scored:
    score: float
    explained: float
    coverage: float
    pattern: int
    plain: float  # the plain share of the best core covered, to order equal scores


def _one_entry_per_muscle(results: list[_Scored], patterns: tuple[Pattern, ...]) -> list[_Scored]:
    by_muscle: dict[str, dict[str, _Scored]] = defaultdict(dict)
    for r in results:
        pattern = patterns[r.pattern]
        by_muscle[pattern.muscle.id][pattern.side] = r
    kept = []
    for sides in by_muscle.values():
        both = sides.get("both")
        singles = [sides[s] for s in ("right", "left") if s in sides]
        if not singles:
            if both is not None:
                kept.append(both)
            continue
        best = max(singles, key=lambda r: (r.score, r.explained))
        if both is not None and both.explained >= best.explained + BOTH_SIDES_MARGIN:
            kept.append(both)  # pain on both sides that only the pair explains
        elif (
            both is not None
            and len(singles) == 2
            and abs(singles[0].score - singles[1].score) <= TIE
            and abs(singles[0].explained - singles[1].explained) <= TIE
        ):
            kept.append(both)  # midline pain: either side fits as well
        else:
            kept.append(best)
    return kept


WIDESPREAD = 0.3
"""Pain over this share of the body (in the views marked) is not a trigger-point pattern."""
WEAK = 0.3

NOTE_WIDESPREAD = (
    "The pain covers much of the body. Pain this widespread is not a trigger-point "
    "pattern; it needs a doctor's assessment."
)
NOTE_WEAK = (
    "No muscle in the catalogue explains this pain well (the best fit is weak). It may "
    "come from a muscle that is not in the catalogue, or from something other than a "
    "muscle."
)
NOTE_NONE = "No muscle in the catalogue refers pain to the marked area."


def notes(
    pain: Mapping[str, BaseGeometry], ranking: Sequence[Candidate], atlas: Atlas
) -> list[str]:
    """Plain notes on what the ranking cannot say: widespread pain, weak or no fits."""
    out = []
    marked = [v for v, g in pain.items() if not g.is_empty and v in atlas]
    body = sum(atlas.view(v).outline.area for v in marked)
    painted = sum(pain[v].area for v in marked)
    if body and painted / body >= WIDESPREAD:
        out.append(NOTE_WIDESPREAD)
    if marked and not ranking:
        out.append(NOTE_NONE)
    elif ranking and ranking[0].score < WEAK:
        out.append(NOTE_WEAK)
    return out


VIEW_WORDS = {
    "posterior": "back",
    "anterior": "front",
    "right-lateral": "side",
    "left-lateral": "side",
}


_VIEW_ORDER = {word: i for i, word in enumerate(dict.fromkeys(VIEW_WORDS.values()))}


def _reason(explained: float, coverage: float, fill: float, matches: list[ZoneMatch]) -> str:
    head = f"explains {explained:.0%} of the marked pain"
    core = [m for m in matches if m.kind is ZoneKind.ESSENTIAL]
    if core:
        zone = f"its core zone {core[0].label}"
        if fill >= 0.9 and coverage < 0.5:
            text = f"{head}; the marks lie inside {zone}"
        else:
            text = f"{head}; covers {coverage:.0%} of {zone}"
    elif matches:
        text = f"{head}, only through its {matches[0].kind.value} zone {matches[0].label}"
    else:
        return head
    words = {VIEW_WORDS.get(m.view, m.view) for m in matches}
    views = sorted(words, key=lambda w: _VIEW_ORDER.get(w, len(_VIEW_ORDER)))
    listed = " and ".join(views) if len(views) < 3 else f"{', '.join(views[:-1])} and {views[-1]}"
    return f"{text} ({listed} view{'s' if len(views) > 1 else ''})"
