"""How much of a drawing lies in each indexed shape, measured only where the ranking looks.

The score of a pattern (:mod:`bodymap.ranking`) is made of areas of overlap between the
pain and the shapes of :mod:`bodymap.ranking_index`. Measuring one piece of pain against
one shape is a polygon overlay, some 20 µs in GEOS whatever the sizes, and a stroke over
the low back meets hundreds of shapes, most of them of muscles the list will not show.

So a change to the drawing does not measure its pieces against the shapes it meets. It
*bounds* what it adds to (or, erasing, takes from) each of them, with numpy alone: the
overlap of a piece and a shape is at most the smaller of their areas and of the overlap
of their boxes. The pieces wait on the shape until the ranking asks for it
(:meth:`Overlaps.settle`), and then every piece waiting on the asked shapes is measured
in one vectorised overlay. A score grows with its overlaps, so the bounds say which
muscles cannot reach the list, and those are never measured; a muscle that can is
measured exactly before it is scored. The ranking is the one that measuring everything
would give, and the overlays made per stroke follow the muscles listed, not the
catalogue.

Areas add up, so a change's own measure is what it adds, and undo (:meth:`Overlaps.remove`)
takes away what was measured of it and what still waits.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import shapely

from bodymap.marks import Piece
from bodymap.ranking_index import PatternIndex


@dataclass
class ViewOverlaps:
    """One view's overlaps, aligned with the view's indexed shapes.

    ``area`` and ``weighted`` (by intensity) hold what has been measured; ``up`` and
    ``down`` (and their weighted twins) bound what the waiting pieces may add and take
    away, so the true overlap lies between ``area - down`` and ``area + up``;
    ``waiting`` counts the changes with pieces waiting on each shape."""

    area: np.ndarray
    weighted: np.ndarray
    up: np.ndarray
    up_weighted: np.ndarray
    down: np.ndarray
    down_weighted: np.ndarray
    waiting: np.ndarray
    queue: dict[int, list[Step]] = field(default_factory=dict)
    """Per shape with waiting pieces, the changes they belong to, oldest first."""
    changes: int = 0
    """The changes counted here that met a shape: none, and every overlap is zero."""

    @classmethod
    def empty(cls, n: int) -> ViewOverlaps:
        area, weighted, up, up_weighted, down, down_weighted = (np.zeros(n) for _ in range(6))
        return cls(area, weighted, up, up_weighted, down, down_weighted, np.zeros(n, dtype=int))

    def high(self) -> tuple[np.ndarray, np.ndarray]:
        """The overlaps, plain and weighted, at the most they can be once measured."""
        return self.area + self.up, self.weighted + self.up_weighted


@dataclass
class Step:
    """What one change did to the overlaps of one view, for undo and for settling.

    The change's pieces (``regions``, ``sign``, ``weight``), the pairs of a piece and a
    shape whose boxes meet (``pair_piece``, ``pair_shape``, sorted by shape), and per
    shape met (``shapes``, sorted) the bounds still counted for it in the view's
    ``up``/``down``, with ``open`` saying which still wait. ``measured`` holds the
    (shapes, plain, weighted) overlaps measured so far."""

    view: str
    regions: np.ndarray
    sign: np.ndarray
    weight: np.ndarray
    pair_piece: np.ndarray
    pair_shape: np.ndarray
    shapes: np.ndarray
    bound: np.ndarray
    """Per shape met: plain up, weighted up, plain down, weighted down (4 rows)."""
    open: np.ndarray
    total: float
    weighted_total: float
    measured: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = field(default_factory=list)


class Overlaps:
    """The overlaps of a changing drawing with every shape of a :class:`PatternIndex`.

    ``total`` and ``weighted_total`` are the drawing's area, plain and weighted by
    intensity, summed from the changes. ``indexed=False`` pairs every piece with every
    shape and overlays each pair, with no index and no shortcut: the plain baseline."""

    def __init__(self, index: PatternIndex, indexed: bool = True) -> None:
        self.index = index
        self.indexed = indexed
        self.views = {view: ViewOverlaps.empty(len(g)) for view, g in index.geoms.items()}
        self.total = 0.0
        self.weighted_total = 0.0

    def add(self, view: str, pieces: Sequence[Piece]) -> Step:
        """Count one change's pieces: their areas now, their overlaps as bounds."""
        regions = np.array([p.region for p in pieces], dtype=object)
        shapely.prepare(regions)
        sign = np.array([p.sign for p in pieces], dtype=float)
        weight = np.array([p.intensity.weight for p in pieces])
        own = shapely.area(regions) * sign if len(regions) else np.empty(0)
        tree = self.index.trees.get(view)
        if tree is None or not len(regions):  # a view no pattern reaches
            which = hits = np.empty(0, dtype=int)
        elif not self.indexed:
            hits, which = np.divmod(
                np.arange(len(regions) * len(self.index.geoms[view])), len(regions)
            )
        else:
            which, hits = tree.query(regions)  # boxes that meet: no overlay yet
            order = np.argsort(hits, kind="stable")
            which, hits = which[order], hits[order]
        step = Step(
            view,
            regions,
            sign,
            weight,
            which,
            hits,
            *self._bound(view, regions, own, weight, which, hits),
            total=float(own.sum()),
            weighted_total=float((own * weight).sum()),
        )
        if len(step.shapes):
            v = self.views[view]
            up, up_w, down, down_w = step.bound
            v.up[step.shapes] += up
            v.up_weighted[step.shapes] += up_w
            v.down[step.shapes] += down
            v.down_weighted[step.shapes] += down_w
            v.waiting[step.shapes] += 1
            v.changes += 1
            for s in step.shapes.tolist():
                v.queue.setdefault(s, []).append(step)
        self.total += step.total
        self.weighted_total += step.weighted_total
        return step

    def _bound(
        self,
        view: str,
        regions: np.ndarray,
        own: np.ndarray,
        weight: np.ndarray,
        which: np.ndarray,
        hits: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per shape met: the bounds of what the pieces may add and take away, and the
        shapes still open (all of them)."""
        if not len(hits):
            return np.empty(0, dtype=int), np.zeros((4, 0)), np.empty(0, dtype=bool)
        piece_box = shapely.bounds(regions)[which]
        shape_box = self.index.boxes[view][hits]
        width = np.minimum(piece_box[:, 2], shape_box[:, 2]) - np.maximum(
            piece_box[:, 0], shape_box[:, 0]
        )
        height = np.minimum(piece_box[:, 3], shape_box[:, 3]) - np.maximum(
            piece_box[:, 1], shape_box[:, 1]
        )
        most = np.minimum.reduce(
            [
                np.abs(own[which]),
                self.index.areas[view][hits],
                np.clip(width, 0, None) * np.clip(height, 0, None),
            ]
        )
        shapes, first = np.unique(hits, return_index=True)
        adds = own[which] > 0
        rows = [
            np.where(adds, most, 0.0),
            np.where(adds, most * weight[which], 0.0),
            np.where(adds, 0.0, most),
            np.where(adds, 0.0, most * weight[which]),
        ]
        bound = np.stack([np.add.reduceat(r, first) for r in rows])
        return shapes, bound, np.ones(len(shapes), dtype=bool)

    def remove(self, step: Step) -> None:
        """Undo the last :meth:`add` (``step`` is what it returned)."""
        v = self.views.get(step.view)
        if v is not None and len(step.shapes):
            v.changes -= 1
            for shapes, plain, weighted in step.measured:
                np.subtract.at(v.area, shapes, plain)
                np.subtract.at(v.weighted, shapes, weighted)
            waiting = step.shapes[step.open]
            if len(waiting):
                up, up_w, down, down_w = step.bound[:, step.open]
                v.up[waiting] -= up
                v.up_weighted[waiting] -= up_w
                v.down[waiting] -= down
                v.down_weighted[waiting] -= down_w
                v.waiting[waiting] -= 1
                for s in waiting.tolist():
                    queue = v.queue[s]
                    if queue.pop() is not step:
                        raise RuntimeError("only the last change can be taken away")
                    if not queue:
                        del v.queue[s]
                        self._zero(v, s)
            if not v.changes:  # nothing left here: zero, not the rounding of the sums
                v.area[:] = 0.0
                v.weighted[:] = 0.0
        self.total -= step.total
        self.weighted_total -= step.weighted_total

    @staticmethod
    def _zero(v: ViewOverlaps, shape: int) -> None:
        """No bound left on ``shape``: exactly zero, not the rounding of a running sum."""
        for a in (v.up, v.up_weighted, v.down, v.down_weighted):
            a[shape] = 0.0

    def painted(self) -> Iterator[tuple[str, ViewOverlaps]]:
        """The views where some change met a shape (elsewhere every overlap is zero, and
        nothing waits): a click on one view leaves the others out of the ranking's work."""
        return ((view, v) for view, v in self.views.items() if v.changes)

    def settle_all(self) -> None:
        """Measure every piece still waiting."""
        for view, v in self.painted():
            self.settle(view, np.flatnonzero(v.waiting > 0))

    def settle_some(self, shapes: int) -> bool:
        """Measure what waits on up to ``shapes`` shapes of one view, those with the most
        changes waiting first (work for idle moments, so that no later stroke meets a
        backlog); whether anything is left waiting."""
        for view, v in self.painted():
            waiting = np.flatnonzero(v.waiting > 0)
            if len(waiting):
                self.settle(view, waiting[np.argsort(-v.waiting[waiting], kind="stable")][:shapes])
                break
        return self.waiting()

    def waiting(self) -> bool:
        """Whether any piece still waits to be measured."""
        return any(bool((v.waiting > 0).any()) for _, v in self.painted())

    def settle(self, view: str, shapes: Iterable[int] | np.ndarray) -> None:
        """Measure every piece waiting on ``shapes`` of ``view``, at once."""
        v = self.views.get(view)
        if v is None or not v.queue:
            return
        wanted = np.unique(np.asarray(shapes, dtype=int))
        wanted = wanted[v.waiting[wanted] > 0]
        if not len(wanted):
            return
        steps: dict[int, Step] = {}
        for s in wanted.tolist():
            for step in v.queue.pop(s):
                steps[id(step)] = step
        parts = []
        for step in steps.values():
            mine = np.flatnonzero(step.open & np.isin(step.shapes, wanted))
            step.open[mine] = False
            pairs = np.flatnonzero(np.isin(step.pair_shape, step.shapes[mine]))
            parts.append((step, pairs))
        self._measure(v, view, parts)
        v.waiting[wanted] = 0
        for s in wanted.tolist():
            self._zero(v, s)

    def _measure(self, v: ViewOverlaps, view: str, parts: list[tuple[Step, np.ndarray]]) -> None:
        """Overlay the chosen pairs of each step, all in one vectorised call, and add
        what they measure to the view (and to each step, for undo)."""
        regions = np.concatenate([s.regions[s.pair_piece[p]] for s, p in parts])
        hits = np.concatenate([s.pair_shape[p] for s, p in parts])
        if not len(hits):
            return
        shapes = self.index.geoms[view][hits]
        own = np.abs(shapely.area(regions))
        if not self.indexed:  # the baseline: an overlay for every pair
            areas = overlap_areas(regions, shapes)
        else:
            # Prepared predicates (a few µs) answer most pairs without an overlay (some
            # 20 µs): a shape that holds a whole piece overlaps it by the piece's area,
            # a piece that holds a whole shape by the shape's, and some pairs whose
            # boxes meet do not meet at all.
            areas = np.where(shapely.contains(shapes, regions), own, 0.0)
            rest = areas == 0
            covered = rest & shapely.contains(regions, shapes)
            areas[covered] = self.index.areas[view][hits[covered]]
            rest &= ~covered
            rest[rest] = shapely.intersects(regions[rest], shapes[rest])
            if rest.any():
                areas[rest] = overlap_areas(regions[rest], shapes[rest])
        start = 0
        for step, p in parts:
            end = start + len(p)
            plain = step.sign[step.pair_piece[p]] * areas[start:end]
            weighted = plain * step.weight[step.pair_piece[p]]
            mine = hits[start:end]
            np.add.at(v.area, mine, plain)
            np.add.at(v.weighted, mine, weighted)
            step.measured.append((mine, plain, weighted))
            start = end


SHARED = 48
"""Overlays in one call beyond which the work is shared among the processor's cores."""


RUNNERS = min(
    len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1, 4
)
"""Threads that overlay side by side: the cores this process may use, at most four."""


@cache
def _pool() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(RUNNERS, "overlay")


def overlap_areas(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The area of each pair's overlap (see :func:`_checked_areas`). GEOS lets go of
    Python's lock while it overlays, so a long series is cut into one run per core and
    the runs go side by side. Only the overlays: the checks after them use prepared
    geometries, which GEOS does not let two threads use at once."""
    if RUNNERS < 2 or len(a) < SHARED:
        return _checked_areas(a, b, _floating(a, b))
    runs = np.array_split(np.arange(len(a)), RUNNERS)
    parts = _pool().map(lambda run: _floating(a[run], b[run]), runs)
    return _checked_areas(a, b, np.concatenate(list(parts)))


def _floating(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Each pair's overlap in floating point; should GEOS raise on one pair (a
    topology error), every pair of the series is overlaid on its own, and the one that
    fails is left as ``None``, which :func:`_checked_areas` overlays again on the grid."""
    try:
        return np.asarray(shapely.intersection(a, b))
    except shapely.errors.GEOSException:
        out = np.empty(len(a), dtype=object)
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            with contextlib.suppress(shapely.errors.GEOSException):
                out[i] = shapely.intersection(x, y)
        return out


def _checked_areas(a: np.ndarray, b: np.ndarray, overlap: np.ndarray) -> np.ndarray:
    """The area of each pair's ``overlap``, overlaid in floating point, which is fast;
    again with snap rounding to a fine grid (:data:`FINE`) where the result cannot be
    right.

    GEOS's floating overlay can lose an overlap without a word. Paint and a zone sharing
    stretches of the body outline, whose interiors meet over 1836 square units, came back
    as a line; another pair came back as a polygon and a line, with 294 of its 1056
    square units (``tests/data/geos-lost-overlap.wkt``, GEOS 3.14.1). So a pair whose
    interiors meet but whose overlap came back with lines or points in it, or empty, or
    larger than either polygon, is overlaid again with snap rounding, which does not fail
    that way; so is an overlap that is not a valid area (GEOS once took an area lying in
    another, along a shared edge, for one beside it: ``tests/data/geos-nested-union.wkt``),
    and a pair GEOS raised an error on (``None``)."""
    failed = shapely.is_missing(overlap)
    areas = np.asarray(shapely.area(overlap), dtype=float)
    areas[failed] = 0.0
    kind = shapely.get_type_id(overlap)
    # Sure to be wrong: larger than either polygon, not a valid area, or an error.
    wrong = (areas > np.minimum(shapely.area(a), shapely.area(b)) + LOST) | failed
    wrong[~failed] |= ~shapely.is_valid(overlap[~failed])
    # Wrong if the interiors meet after all: lines or points, or nothing.
    collapsed = (kind != POLYGON) & (kind != MULTIPOLYGON) | (areas <= LOST)
    suspect = np.flatnonzero(collapsed & ~wrong)
    if len(suspect):
        wrong[suspect[shapely.relate_pattern(a[suspect], b[suspect], "T********")]] = True
    if wrong.any():
        areas[wrong] = shapely.area(shapely.intersection(a[wrong], b[wrong], grid_size=FINE))
    return areas


FINE = 1e-6
"""The grid (view units) of the snap-rounded overlay that stands in for a failed one: fine
enough that its area agrees with an exact overlay's to about a millionth of a square
unit (the drawing's own grid, 0.01, would move a score by some 1e-6)."""

POLYGON, MULTIPOLYGON = 3, 6
"""``shapely.get_type_id`` of an overlap that holds areas only."""
LOST = 1e-9
"""An overlap this small (square units) is none; one this much larger than the smaller
polygon is impossible."""
