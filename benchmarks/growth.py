"""How the cost of one stroke grows with the drawing and with the catalogue.

    python benchmarks/growth.py [--repeat 60]

For drawings of 0 to 1600 random strokes (``_common.random_stroke``), the median and 95th
percentile of one more stroke in the engine (``add`` + ``apply`` + ``rank`` top 15),
against the plain baseline (a new drawing from every mark, ranked with no index) where it
is quick enough to run; then one stroke on a 200-stroke drawing with the shipped
catalogue and with it copied 2, 5 and 10 times (``run.big_catalogue``).
"""

from __future__ import annotations

import argparse
import random
import time

import run
from _common import percentile, strokes

from bodymap import BodyMap
from bodymap.marks import PainDrawing
from bodymap.ranking import LiveRanking, Ranker

TOP = 15


def one_more(bm: BodyMap, ranker: Ranker, size: int, repeat: int, seed: int) -> list[float]:
    """Milliseconds of a stroke added to a drawing of ``size`` strokes, undone after."""
    rng = random.Random(seed)
    marks = strokes(rng, bm.atlas)
    drawing = PainDrawing(bm.atlas)
    live = LiveRanking(ranker)
    while len(drawing) < size:
        change = drawing.add(next(marks))
        if change is not None:
            live.apply(change)
    times: list[float] = []
    while len(times) < repeat:
        start = time.perf_counter()
        change = drawing.add(next(marks))
        if change is None:
            continue
        live.apply(change)
        live.rank(TOP, total=drawing.total_area())
        times.append((time.perf_counter() - start) * 1000)
        drawing.pop()
        live.revert()
    return times


def baseline(bm: BodyMap, ranker: Ranker, size: int, seed: int) -> float:
    """Milliseconds to rank a drawing of ``size + 1`` strokes from scratch, no index."""
    rng = random.Random(seed)
    marks = strokes(rng, bm.atlas)
    chosen = [next(marks) for _ in range(size + 1)]
    start = time.perf_counter()
    drawing = PainDrawing(bm.atlas, chosen)
    ranker.rank(drawing.areas, top=TOP, intensities=drawing.levels)
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    bm = BodyMap.load()
    plain = Ranker(bm.catalogue, indexed=False)
    print("strokes in the drawing | one more stroke p50 / p95 ms | baseline, from scratch ms")
    for size in (0, 50, 200, 800, 1600):
        t = one_more(bm, bm.ranker, size, args.repeat, args.seed)
        base = f"{baseline(bm, plain, size, args.seed):.0f}" if size <= 200 else "-"
        print(f"{size:>22} | {percentile(t, 50):>12.2f} / {percentile(t, 95):.2f} | {base}")
    print("\ncatalogue (muscles) | one more stroke on 200, p50 / p95 ms | indexed shapes")
    rng = random.Random(args.seed)
    for copies in (1, 2, 5, 10):
        catalogue = run.big_catalogue(bm.catalogue, bm.atlas, rng, copies)[0]
        ranker = Ranker(catalogue)
        t = one_more(bm, ranker, 200, args.repeat, args.seed)
        muscles = len(catalogue)
        print(
            f"{muscles:>19} | {percentile(t, 50):>12.2f} / {percentile(t, 95):.2f}"
            f" | {ranker.shape_count}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
