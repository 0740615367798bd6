"""Ranking latency: the indexed ranker against a brute-force baseline, in one run.

    python benchmarks/bench_rank.py [--repeat 200] [--scale 30]

Scenarios
- click: one fingertip mark at a random landmark, then rank.
- paint: a long painted session (300 strokes, some erasing); each step adds one stroke
  and re-ranks, as the window does on every mouse release. "live" updates the ranking by
  the region the stroke changed (what the window does); "full" re-ranks the whole drawing
  with the index; "baseline" re-ranks the whole drawing without it.
- scaled: the shipped catalogue copied --scale times with small offsets (a catalogue of
  hundreds of muscles), one click per query.

The baseline intersects the pain with every indexed shape, with no spatial index; all
three must return the same ranking, which the script checks.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import replace

import numpy as np
from shapely.affinity import translate
from shapely.geometry.base import BaseGeometry

from bodymap import BodyMap
from bodymap.catalogue import Catalogue, Muscle, Zone
from bodymap.marks import Mark, PainDrawing
from bodymap.ranking import LiveRanking, Ranker


class BruteForceRanker(Ranker):
    """The same scores, with the pain intersected with every indexed shape (no STRtree)."""

    def measure(self, view: str, region: BaseGeometry) -> tuple[np.ndarray, np.ndarray]:
        geoms = self._geoms.get(view)
        if geoms is None or region.is_empty:
            return np.empty(0, dtype=int), np.empty(0)
        areas = np.array([g.area for g in region.intersection(geoms)])
        hits = np.flatnonzero(areas > 0)
        return hits, areas[hits]


def scaled_catalogue(catalogue: Catalogue, copies: int, rng: random.Random) -> Catalogue:
    muscles: list[Muscle] = list(catalogue)
    for n in range(1, copies):
        for m in catalogue:
            dx, dy = rng.uniform(-15, 15), rng.uniform(-15, 15)
            trps = tuple(
                replace(
                    t,
                    zones=tuple(
                        Zone(z.kind, z.view, z.label, translate(z.geometry, dx, dy), z.sources)
                        for z in t.zones
                    ),
                )
                for t in m.trigger_points
            )
            muscles.append(replace(m, id=f"{m.id}_{n}", name=f"{m.name} {n}", trigger_points=trps))
    return Catalogue(muscles, catalogue.atlas)


def percentiles(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    q = statistics.quantiles(ms, n=100)
    return f"p50 {q[49]:7.2f} ms   p95 {q[94]:7.2f} ms   p99 {q[98]:7.2f} ms   max {ms[-1]:7.2f} ms"


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def random_stroke(rng: random.Random, view_names: list[str], bm: BodyMap) -> Mark:
    view = bm.atlas.view("posterior")
    x, y = rng.choice(list(view.landmarks.values()))
    points = [(x, y)]
    for _ in range(rng.randint(5, 40)):
        x += rng.uniform(-8, 8)
        y += rng.uniform(-8, 8)
        points.append((x, y))
    return Mark(
        "posterior", tuple(points), rng.choice((10.0, 18.0, 28.0)), erase=rng.random() < 0.1
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--strokes", type=int, default=300)
    parser.add_argument("--scale", type=int, default=30)
    args = parser.parse_args()
    rng = random.Random(7)
    bm = BodyMap.load()
    view = bm.atlas.view("posterior")
    landmarks = list(view.landmarks.values())
    catalogues = {
        f"shipped ({len(bm.catalogue)} muscles)": bm.catalogue,
        f"scaled x{args.scale} ({len(bm.catalogue) * args.scale} muscles)": scaled_catalogue(
            bm.catalogue, args.scale, rng
        ),
    }
    print(f"bodymap ranking benchmark: {args.repeat} clicks, {args.strokes}-stroke session\n")
    for label, catalogue in catalogues.items():
        start = time.perf_counter()
        indexed, brute = Ranker(catalogue), BruteForceRanker(catalogue)
        print(f"== {label} (index built in {(time.perf_counter() - start) * 1000:.0f} ms)")
        clicks = [
            PainDrawing(bm.atlas, [Mark("posterior", (rng.choice(landmarks),))]).areas
            for _ in range(args.repeat)
        ]
        for name, ranker in (("indexed", indexed), ("baseline", brute)):
            samples = [timed(lambda a=a, r=ranker: r.rank(a, top=10)) for a in clicks]
            print(f"  click   {name:<9} {percentiles(samples)}")
        for a in clicks[:20]:
            # Scores, best first (the scaled copies tie exactly, so names may swap places).
            got = [round(c.score, 6) for c in indexed.rank(a, top=10)]
            want = [round(c.score, 6) for c in brute.rank(a, top=10)]
            assert got == want, (got, want)
        strokes = [
            random_stroke(rng, [view.name], bm)
            for _ in range(args.strokes if catalogue is bm.catalogue else args.strokes // 3)
        ]
        final = None
        for name in ("live", "full", "baseline"):
            ranker = brute if name == "baseline" else indexed
            drawing, live = PainDrawing(bm.atlas), LiveRanking(indexed)
            samples = []
            for mark in strokes:
                start = time.perf_counter()
                change = drawing.add(mark)
                if name == "live":
                    if change is not None:
                        live.apply(change)
                    ranking = live.rank(top=15)
                else:
                    ranking = ranker.rank(drawing.areas, top=15)
                samples.append(time.perf_counter() - start)
            got = [round(c.score, 3) for c in ranking]
            assert final is None or got == final, (name, got, final)  # equal to 0.001
            final = got
            painted = f"{len(strokes)} strokes, {drawing.total_area():.0f} units² painted"
            print(f"  paint   {name:<9} {percentiles(samples)}   ({painted})")
        print()
    print("The indexed and baseline rankings were identical on every compared query.")


if __name__ == "__main__":
    main()
