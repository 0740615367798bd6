"""How the cost of one stroke, and the memory, grow with the drawing and the catalogue.

    python benchmarks/growth.py [--repeat 100] [--plot docs/growth.png]

One more stroke (``_common.random_stroke``) is added, measured and ranked (``add`` +
``apply`` + ``rank`` top 15, as the window does after a stroke) and undone, ``--repeat``
times, on a drawing the window would have made: every earlier stroke ranked after it.
Two series, each with the stroke's median, 95th and 99th percentile and the process's
resident memory:

- the drawing: 0, 50, 200 and 1000 strokes, shipped catalogue, with the plain
  baseline (a new drawing from every mark, ranked with no index) where it is quick;
- the catalogue: 1, 3, 10 and 30 times the shipped one (``run.big_catalogue``), on a
  drawing of 200 strokes.

``--plot`` draws both series into a PNG (with Qt, offscreen).
"""

from __future__ import annotations

import argparse
import itertools
import math
import os
import random
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import run
from _common import percentile, strokes

from bodymap import BodyMap
from bodymap.drawing import PainDrawing
from bodymap.ranking import LiveRanking, Ranker

TOP = 15
SESSIONS = (0, 50, 200, 1000)
COPIES = (1, 3, 10, 30)


@dataclass(frozen=True)
class Point:
    """One row: what grew (``size``), the stroke's percentiles in ms, memory in MB."""

    size: int
    p50: float
    p95: float
    p99: float
    rss_mb: float
    note: str = ""


def rss_mb() -> float:
    """The process's resident memory now (Linux), or at its peak elsewhere."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 1e6
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3


def one_more(bm: BodyMap, ranker: Ranker, size: int, repeat: int, seed: int) -> list[float]:
    """Milliseconds of a stroke added to a drawing of ``size`` strokes, undone after."""
    marks = strokes(random.Random(seed), bm.atlas)
    drawing = PainDrawing(bm.atlas)
    live = LiveRanking(ranker)
    while len(drawing) < size:
        change = drawing.add(next(marks))
        if change is not None:
            live.apply(change)
            live.rank(TOP, total=drawing.total_area())
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
        live.rank(TOP, total=drawing.total_area())
    return times


def baseline(bm: BodyMap, ranker: Ranker, size: int, seed: int) -> float:
    """Milliseconds to rank a drawing of ``size + 1`` strokes from scratch, no index."""
    marks = strokes(random.Random(seed), bm.atlas)
    chosen = [next(marks) for _ in range(size + 1)]
    start = time.perf_counter()
    drawing = PainDrawing(bm.atlas, chosen)
    ranker.rank(drawing.areas, top=TOP, intensities=drawing.levels)
    return (time.perf_counter() - start) * 1000


def point(size: int, times: list[float], note: str = "") -> Point:
    return Point(
        size,
        percentile(times, 50),
        percentile(times, 95),
        percentile(times, 99),
        rss_mb(),
        note,
    )


def show(title: str, unit: str, rows: list[Point]) -> None:
    print(f"\n{title}\n{unit:>22} | stroke p50 / p95 / p99 ms | memory MB | notes")
    for r in rows:
        print(
            f"{r.size:>22} | {r.p50:>6.2f} / {r.p95:.2f} / {r.p99:.2f}"
            f" | {r.rss_mb:>9.0f} | {r.note}"
        )


def _nice(most: float) -> float:
    """The top of a scale of four steps: a round number at or above ``most``."""
    step = 10.0 ** math.floor(math.log10(max(most, 1e-9) / 4))
    return float(4 * step * next(k for k in (1, 2, 2.5, 5, 10) if 4 * step * k >= most))


def plot(path: Path, drawing: list[Point], catalogue: list[Point]) -> None:
    """Both series side by side: stroke p50 and p99 (left axis) and memory (right)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QGuiApplication, QImage, QPainter, QPen

    _app = QGuiApplication.instance() or QGuiApplication([])
    width, height = 1100, 460
    image = QImage(width, height, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setFont(QFont("Sans", 10))
    panels = (
        ("strokes already in the drawing (shipped catalogue)", drawing, "strokes"),
        ("catalogue, times the shipped one (200 strokes)", catalogue, "times the catalogue"),
    )
    top_ms = _nice(max(r.p99 for r in (*drawing, *catalogue)))
    top_mb = _nice(max(r.rss_mb for r in (*drawing, *catalogue)))
    colours = {"p50": QColor("#1b6ca8"), "p99": QColor("#c0392b"), "MB": QColor("#7f8c8d")}
    for n, (title, rows, unit) in enumerate(panels):
        box = QRectF(70 + n * 540, 50, 400, 330)
        painter.setPen(QPen(QColor("#333"), 1))
        painter.drawRect(box)
        painter.drawText(
            QRectF(box.left(), 12, box.width(), 30), Qt.AlignmentFlag.AlignCenter, title
        )

        # Evenly spaced: the sizes grow by steps of about 3 to 5.
        def at(i: int, value: float, most: float, box: QRectF = box, n: int = len(rows)) -> QPointF:
            x = box.left() + (i + 0.5) * box.width() / n
            return QPointF(x, box.bottom() - value / most * box.height())

        for i, r in enumerate(rows):
            label = f"{r.size}" if unit == "strokes" else f"{r.size}x"
            p = at(i, 0, 1)
            painter.setPen(QColor("#333"))
            painter.drawText(
                QRectF(p.x() - 40, box.bottom() + 4, 80, 18), Qt.AlignmentFlag.AlignCenter, label
            )
        painter.drawText(
            QRectF(box.left(), box.bottom() + 22, box.width(), 18),
            Qt.AlignmentFlag.AlignCenter,
            unit,
        )
        for k in range(5):  # the ms scale on the left, memory on the right
            y = box.bottom() - k / 4 * box.height()
            painter.setPen(QPen(QColor("#ddd"), 1))
            painter.drawLine(QPointF(box.left(), y), QPointF(box.right(), y))
            painter.setPen(QColor("#333"))
            painter.drawText(
                QRectF(box.left() - 62, y - 9, 56, 18),
                Qt.AlignmentFlag.AlignRight,
                f"{top_ms * k / 4:.0f} ms",
            )
            painter.setPen(colours["MB"])
            painter.drawText(
                QRectF(box.right() + 6, y - 9, 70, 18),
                Qt.AlignmentFlag.AlignLeft,
                f"{top_mb * k / 4:.0f} MB",
            )
        series: tuple[tuple[str, Callable[[Point], float], float], ...] = (
            ("p50", lambda r: r.p50, top_ms),
            ("p99", lambda r: r.p99, top_ms),
            ("MB", lambda r: r.rss_mb, top_mb),
        )
        for name, value, most in series:
            pen = QPen(
                colours[name], 2.5, Qt.PenStyle.DashLine if name == "MB" else Qt.PenStyle.SolidLine
            )
            painter.setPen(pen)
            points = [at(i, value(r), most) for i, r in enumerate(rows)]
            for a, b in itertools.pairwise(points):
                painter.drawLine(a, b)
            for p in points:
                painter.drawEllipse(p, 3, 3)
    legend = (("stroke p50", "p50"), ("stroke p99", "p99"), ("resident memory", "MB"))
    for i, (text, name) in enumerate(legend):
        x = 70 + i * 190
        painter.setPen(QPen(colours[name], 3))
        painter.drawLine(QPointF(x, height - 22), QPointF(x + 30, height - 22))
        painter.setPen(QColor("#333"))
        painter.drawText(QPointF(x + 38, height - 17), text)
    painter.end()
    image.save(str(path))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--plot", type=Path, help="draw the curves into this PNG")
    args = parser.parse_args()
    bm = BodyMap.load()
    plain = Ranker(bm.catalogue, indexed=False)
    by_drawing = []
    for size in SESSIONS:
        t = one_more(bm, bm.ranker, size, args.repeat, args.seed)
        note = f"baseline {baseline(bm, plain, size, args.seed):.0f} ms" if size <= 200 else ""
        by_drawing.append(point(size, t, note))
    show("The drawing grows (shipped catalogue)", "strokes in the drawing", by_drawing)
    rng = random.Random(args.seed)
    by_catalogue = []
    for copies in COPIES:
        catalogue = run.big_catalogue(bm.catalogue, bm.atlas, rng, copies)[0]
        start = time.perf_counter()
        ranker = Ranker(catalogue)
        built = time.perf_counter() - start
        t = one_more(bm, ranker, 200, args.repeat, args.seed)
        note = f"{len(catalogue)} muscles, {ranker.shape_count} shapes, index {built:.1f} s"
        by_catalogue.append(point(copies, t, note))
        del ranker, catalogue
    show("The catalogue grows (200 strokes)", "times the catalogue", by_catalogue)
    if args.plot:
        plot(args.plot, by_drawing, by_catalogue)
        print(f"\nplot: {args.plot}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
