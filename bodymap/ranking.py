"""Rank muscles by how well their referred-pain patterns explain the painted area.

For each (muscle, side) pattern, with pain area P (all views together) split by the
pattern's disjoint layers:

* ``explained``: the share of the pain that the pattern accounts for, each part weighted
  by the zone it falls in (essential 1.0, spillover 0.45, rare 0.15) and by how much it
  hurts (severe 1, moderate 2/3, mild 1/3, as a share of the drawing's weighted area; a
  drawing in one intensity is ranked as if it had none);
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
(a pattern's weight layer, a trigger point's core, a single zone). Because overlap areas
add up, :class:`LiveRanking` keeps them current for a painting session from the region
each new mark changes; and because a score only grows with its overlaps, the changes are
measured only for the muscles that can reach the list, the rest kept as bounds
(:mod:`bodymap.overlaps`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import ArrayLike
from shapely.geometry.base import BaseGeometry

from bodymap.candidate import Candidate, ZoneMatch
from bodymap.catalogue import Catalogue, Pattern
from bodymap.kinds import DEFAULT_INTENSITY, Intensity
from bodymap.marks import Change, Piece
from bodymap.overlaps import Overlaps, Step
from bodymap.ranking_index import ZoneFacts, build_index

BASE = 0.7
SATURATION = 0.5
BOTH_SIDES_MARGIN = 0.1  # the pair must explain this much more of the pain than one side
TIE = 0.02
MIN_OVERLAP = 0.5  # square units (a fingertip is ~1000); smaller overlaps are rounding noise


def score(explained: ArrayLike, core_fill: ArrayLike, prior: ArrayLike = 1.0) -> Any:
    """The score of the module docstring, for numbers or numpy arrays alike."""
    fill = np.sqrt(np.minimum(1.0, np.asarray(core_fill) / SATURATION))
    return np.asarray(prior) * np.asarray(explained) * (BASE + (1.0 - BASE) * fill)


IntensityAreas = Mapping[str, Mapping[Intensity, BaseGeometry]]
"""Per view, the painted area of each intensity (``PainDrawing.levels``)."""

NEAR = 1e-9
"""A muscle whose bound comes this close to the last listed score is measured: equal
scores are ordered by further figures, which only a measure gives."""


@dataclass(frozen=True)
class _Figures:
    """Per pattern, the figures of the score (see the module docstring)."""

    weighted: np.ndarray
    """The pain in the pattern's layers, weighted by zone and intensity."""
    explained: np.ndarray
    coverage: np.ndarray
    plain: np.ndarray
    scores: np.ndarray


class Ranker:
    """Scores every pattern of a catalogue against a painted area."""

    def __init__(self, catalogue: Catalogue, indexed: bool = True) -> None:
        """``indexed=False`` intersects the pain with every shape, with no spatial index
        and no shortcut: the plain baseline the benchmark and the tests compare with."""
        self.catalogue = catalogue
        self.indexed = indexed
        self.index = build_index(catalogue)
        self._both = np.array([p.side == "both" for p in catalogue.patterns], dtype=bool)

    @property
    def shape_count(self) -> int:
        """How many distinct shapes are indexed."""
        return self.index.shape_count

    def new_measure(self) -> Overlaps:
        return Overlaps(self.index, indexed=self.indexed)

    def measure_all(
        self, pain: Mapping[str, BaseGeometry], intensities: IntensityAreas | None = None
    ) -> Overlaps:
        """The overlaps of a painted area, split by intensity when ``intensities`` is given
        (otherwise all of it is of the default intensity)."""
        m = self.new_measure()
        if intensities is None:
            intensities = {view: {DEFAULT_INTENSITY: g} for view, g in pain.items()}
        for view, levels in intensities.items():
            m.add(view, [Piece(level, g, 1) for level, g in levels.items()])
        return m

    def rank(
        self,
        pain: Mapping[str, BaseGeometry],
        top: int | None = None,
        intensities: IntensityAreas | None = None,
    ) -> list[Candidate]:
        """Rank for a painted area (per view); ``intensities`` splits it by how much it
        hurts (``PainDrawing.levels``)."""
        m = self.measure_all(pain, intensities)
        return self.rank_measure(m, top, total=sum(g.area for g in pain.values()))

    def rank_measure(
        self, m: Overlaps, top: int | None = None, total: float | None = None
    ) -> list[Candidate]:
        """The ranking for a drawing with these overlaps (``total``: its area, when
        known better than the running sum of its changes). Only the muscles that can
        reach the first ``top`` are measured (:mod:`bodymap.overlaps`)."""
        total = m.total if total is None else total
        if total <= MIN_OVERLAP or m.weighted_total <= 0:
            return []
        if top is None or not self.indexed:
            m.settle_all()
            kept = self._kept(self._figures(m, total), None)
        else:
            kept = self._top(m, max(top, 0), total)
        if top is not None:
            kept = kept[: max(top, 0)]
        chosen = np.zeros(len(self.catalogue.patterns), dtype=bool)
        chosen[[r.pattern for r in kept]] = True
        for view, v in m.painted():
            if v.queue:
                a = self.index.arrays[view]
                m.settle(view, a.zone_shape[chosen[a.zone_pattern]])
        touched = self._zones_touched(m, chosen)
        return [self._candidate(r, touched.get(r.pattern, ())) for r in kept]

    def _top(self, m: Overlaps, top: int, total: float) -> list[_Scored]:
        """The first ``top`` entries, exactly, measuring muscles in the order of their
        bounds until none left unmeasured could be listed."""
        if not top:
            return []
        n_muscles = len(self.catalogue)
        muscle_of = self.index.pattern_muscle
        while True:
            waiting = np.bincount(muscle_of, weights=self._waiting(m), minlength=n_muscles) > 0
            kept = self._kept(self._figures(m, total), ~waiting, top)
            last = kept[top - 1].score if len(kept) >= top else -np.inf
            high = self._figures(m, total, upper=True)
            bound = np.full(n_muscles, -1.0)
            np.maximum.at(bound, muscle_of, np.where(high.weighted > 0, high.scores, -1.0))
            rivals = np.flatnonzero(waiting & (bound > 0) & (bound >= last - NEAR))
            if not len(rivals):
                return kept
            # The likeliest first: most of them make the list, and their scores raise
            # the bar that the rest must reach.
            batch = rivals[np.argsort(-bound[rivals], kind="stable")][:top]
            chosen = np.isin(muscle_of, batch)
            for view, v in m.painted():
                if v.queue:
                    a = self.index.arrays[view]
                    m.settle(view, a.scored_shape[chosen[a.scored_pattern]])

    def _waiting(self, m: Overlaps) -> np.ndarray:
        """Per pattern, 1 where a layer or core of it has pieces waiting, else 0."""
        n_patterns = len(self.catalogue.patterns)
        waiting = np.zeros(n_patterns)
        for view, v in m.painted():
            a = self.index.arrays[view]
            open_ = v.waiting[a.scored_shape] > 0
            waiting += np.bincount(a.scored_pattern, weights=open_, minlength=n_patterns)
        return np.minimum(waiting, 1.0)

    def _figures(self, m: Overlaps, total: float, upper: bool = False) -> _Figures:
        """Every pattern's figures from the measured overlaps (``upper``: from their
        bounds, the most each figure could be once all is measured)."""
        n_patterns = len(self.catalogue.patterns)
        weighted = np.zeros(n_patterns)
        core = np.zeros(len(self.index.core_area))
        for view, v in m.painted():
            a = self.index.arrays[view]
            plain, by_weight = v.high() if upper else (v.area, v.weighted)
            in_layer, layer_weighted = a.layers(plain, upper), a.layers(by_weight, upper)
            in_core = a.cores(plain, upper)
            if upper:  # a sum of its parts' bounds, but never more than the whole
                in_layer = np.minimum(in_layer, a.layer_area)
                layer_weighted = np.minimum(layer_weighted, in_layer)  # weights are <= 1
                in_core = np.minimum(in_core, a.core_area)
            weighted += np.bincount(
                a.layer_pattern,
                weights=np.where(in_layer > MIN_OVERLAP, layer_weighted, 0.0) * a.layer_weight,
                minlength=n_patterns,
            )
            core += np.bincount(
                a.core_id,
                weights=np.where(in_core > MIN_OVERLAP, in_core, 0.0),
                minlength=len(core),
            )
        explained = np.minimum(1.0, weighted / m.weighted_total)
        # Filled, as a share of what pain of this size could fill; and plainly.
        area = self.index.core_area
        fillable = np.minimum(area, total)
        ratio = np.minimum(
            1.0, np.divide(core, fillable, out=np.zeros_like(core), where=fillable > 0)
        )
        plain_share = np.minimum(
            1.0, np.divide(core, area, out=np.zeros_like(core), where=area > 0)
        )
        coverage = self._best_trigger_point(ratio, n_patterns)
        return _Figures(
            weighted,
            explained,
            coverage,
            self._best_trigger_point(plain_share, n_patterns),
            score(explained, coverage, self.index.prior),
        )

    def _reachable(self, scores: np.ndarray, present: np.ndarray, top: int) -> np.ndarray:
        """Per pattern, whether its muscle can be among the first ``top`` (a cheap cut
        before the entries are built one by one).

        A muscle's entry is its best single side or its ``both`` pattern, so its score is
        at least the lower of those two: once ``top`` muscles are sure of a score, a
        muscle none of whose patterns reaches it is out."""
        n_muscles = len(self.catalogue)
        muscle_of = self.index.pattern_muscle
        single = present & ~self._both
        best_single = np.full(n_muscles, -np.inf)
        np.maximum.at(best_single, muscle_of[single], scores[single])
        both = present & self._both
        sure = best_single.copy()
        sure[muscle_of[both]] = np.minimum(
            np.where(
                np.isfinite(best_single[muscle_of[both]]), best_single[muscle_of[both]], np.inf
            ),
            scores[both],
        )
        sure = np.sort(sure[np.isfinite(sure)])
        if len(sure) < top:
            return present
        most = np.full(n_muscles, -np.inf)
        np.maximum.at(most, muscle_of[present], scores[present])
        reachable: np.ndarray = (most >= sure[-top] - NEAR)[muscle_of]
        return reachable

    def _kept(
        self, f: _Figures, muscles: np.ndarray | None, top: int | None = None
    ) -> list[_Scored]:
        """One entry per muscle (of ``muscles``, a mask; all when ``None``), best first;
        with ``top``, at least the first ``top`` of them and maybe a few more."""
        present = f.weighted > 0
        muscle_of = self.index.pattern_muscle
        if muscles is not None:
            present &= muscles[muscle_of]
        if top:
            present &= self._reachable(f.scores, present, top)
        results = [
            _Scored(
                float(f.scores[p]),
                float(f.explained[p]),
                float(f.coverage[p]),
                int(p),
                float(f.plain[p]),
            )
            for p in np.flatnonzero(present)
        ]
        kept = _one_entry_per_muscle(results, self.catalogue.patterns)
        # Figures equal but for rounding (two muscles whose zones the pain meets alike,
        # summed in another order) are equal: the name decides, not the last bit.
        kept.sort(
            key=lambda r: (
                -round(r.score, 9),
                -round(r.plain, 9),
                -round(r.explained, 9),
                *self._name_side(r.pattern),
            )
        )
        return kept

    def _best_trigger_point(self, per_core: np.ndarray, n_patterns: int) -> np.ndarray:
        """Per pattern, from a value per core id: a trigger point counts its less filled
        half, and a pattern its best trigger point."""
        by_trp = np.full(len(self.index.trp_pattern), np.inf)
        np.minimum.at(by_trp, self.index.core_trp, per_core)
        best = np.zeros(n_patterns)
        np.maximum.at(best, self.index.trp_pattern, by_trp)
        return best

    def _zones_touched(
        self, m: Overlaps, wanted: np.ndarray
    ) -> dict[int, list[tuple[float, ZoneFacts, float]]]:
        """Per pattern asked for (``wanted``, a mask), each zone the pain touches: (its
        weight times the pain in it weighted by intensity, what the zone is, the plain
        area of pain in it)."""
        out: dict[int, list[tuple[float, ZoneFacts, float]]] = defaultdict(list)
        for view, v in m.painted():
            a = self.index.arrays[view]
            shape = a.zone_shape
            chosen = np.flatnonzero((v.area[shape] > MIN_OVERLAP) & wanted[a.zone_pattern])
            facts = self.index.zone_facts[view]
            patterns = a.zone_pattern[chosen].tolist()
            area = v.area[shape[chosen]].tolist()
            weighted = (v.weighted[shape[chosen]] * a.zone_weight[chosen]).tolist()
            for i, p, plain, by_weight in zip(
                chosen.tolist(), patterns, area, weighted, strict=True
            ):
                out[p].append((by_weight, facts[i], plain))
        return out

    def _name_side(self, p: int) -> tuple[str, str]:
        pattern = self.catalogue.patterns[p]
        return pattern.muscle.name, pattern.side

    def _candidate(
        self, r: _Scored, touched: Iterable[tuple[float, ZoneFacts, float]]
    ) -> Candidate:
        pattern = self.catalogue.patterns[r.pattern]
        touched = sorted(touched, key=lambda z: -z[0])  # what explains most first
        by_trp: dict[str, float] = defaultdict(float)
        for weighted, (trp, *_), _area in touched:
            by_trp[trp] += weighted
        matches = tuple(
            ZoneMatch(trp, kind, label, area, view) for _, (trp, kind, label, view), area in touched
        )
        return Candidate(
            muscle=pattern.muscle.id,
            name=pattern.muscle.name,
            side=pattern.side,
            score=r.score,
            explained=r.explained,
            core_coverage=r.plain,
            core_fill=r.coverage,
            trigger_point=max(by_trp, key=by_trp.__getitem__) if by_trp else None,
            matches=matches,
        )


class LiveRanking:
    """The ranking of a drawing that changes one mark at a time.

    ``apply`` counts a mark's change (its overlaps are bounded now and measured when the
    ranking needs them, :mod:`bodymap.overlaps`); ``revert`` undoes the last ``apply``.
    The cost of a step depends on the size of the mark and on the muscles listed, not on
    how much has been painted.
    """

    def __init__(self, ranker: Ranker) -> None:
        self.ranker = ranker
        self._measure = ranker.new_measure()
        self._log: list[Step] = []

    def apply(self, change: Change) -> None:
        self._log.append(self._measure.add(change.mark.view, change.pieces))

    def revert(self) -> None:
        self._measure.remove(self._log.pop())

    def reset(self, changes: Iterable[Change] = ()) -> None:
        self._measure = self.ranker.new_measure()
        self._log.clear()
        for change in changes:
            self.apply(change)

    def rank(self, top: int | None = None, total: float | None = None) -> list[Candidate]:
        """The ranking; pass the drawing's own ``total_area()`` as ``total`` to avoid the
        rounding that a running sum of many changes accumulates."""
        return self.ranker.rank_measure(self._measure, top, total)

    def settle_some(self, shapes: int = 16) -> bool:
        """Measure some of what is waiting (up to ``shapes`` shapes), for idle moments:
        the ranking stays as it is, and later strokes find less to measure. Whether
        anything is left."""
        return self._measure.settle_some(shapes)

    @property
    def waiting(self) -> bool:
        """Whether some overlaps are still only bounded, not measured."""
        return self._measure.waiting()


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
