"""bodymap's benchmark: every latency and start-up figure, and a plain baseline, in one run.

    python benchmarks/run.py [--json] [--quick] [--seed N] [--tolerance 1e-6]

Prints a table (``--json``: one JSON object) of each figure over many repetitions, with
the targets and whether each is met. Progress goes to stderr. Percentiles are
nearest-rank on the sorted samples, so a percentile is always one of the samples and
never exceeds the maximum; each in-process series starts with a few unmeasured
repetitions, and random marks come from ``--seed``. Run it from a checkout after
``pip install .`` (or ``-e``); the child processes run from a temporary folder, with
their own HOME, XDG folders and bodymap data cache (``BODYMAP_CACHE_DIR``), offscreen.

The figures (JSON keys)

Engine, in this process, shipped catalogue:

- ``click_p50_ms``, ``click_p99_ms``: one fingertip click (one point, default radius) on
  a random landmark of a random view, on an empty drawing: ``PainDrawing.add``,
  ``LiveRanking.apply`` and ``LiveRanking.rank(top=None)``, what the engine does for a
  first click.
- ``stroke201_p50_ms``, ``stroke201_p99_ms``: a session of 200 random strokes (10-40
  points each, a random walk inside the body outline of a random view, about 15 %
  erasing, mixed intensities and brushes) gets a 201st stroke, timed as the window
  handles it: ``drawing.add`` + ``live.apply`` + ``live.rank(top=15, total=...)``. Each
  repetition is a different 201st stroke, undone afterwards. A stroke that changes
  nothing (erasing bare skin) is not counted; the window does not re-rank for it.
- ``undo_p99_ms``: undoing that 201st stroke: ``drawing.pop`` + ``live.revert`` +
  ``live.rank``, back on the 200-stroke drawing.
- ``baseline_stroke201_p50_ms``: the same 201st strokes recomputed from scratch with
  shapely and no index: a new ``PainDrawing`` with all 201 marks, then
  ``Ranker(catalogue, indexed=False).rank`` (the ranker itself is built once, outside
  the timing). The baseline's ranking must equal the engine's (same muscles and sides
  in the same order, scores within 1e-6 or ``--tolerance``; only candidates tied within
  it may swap places); the run fails loudly otherwise. ``speedup`` is the baseline's
  median over the engine's median.

Engine, a catalogue ten times the shipped one (``big_click_p99_ms``,
``big_stroke201_p99_ms``): every muscle copied nine more times (ids ``<id>_<n>``), each
copy's zones in each view moved together by a random offset of up to a quarter of the
view's width and height, clipped to the body outline; a zone with little left is
dropped. Clicks and 201st strokes as above, against ``Ranker(big catalogue)``.

Processes:

- ``load_data_ms``: ``BodyMap.load()`` alone in a fresh process (median).
- ``first_paint_s``: from just before a child process starts to the first paint of the
  main window, offscreen, through the ``bodymap`` command's own start-up
  (``bodymap.cli.main``); median of runs with a warm data cache.
  ``first_paint_cold_s`` is the first run, on an empty cache. The window paints its
  frame (title, size, "Loading…") before it loads the data, so
  ``body_paint_s`` and ``body_paint_cold_s`` time the same runs to the first paint of
  the body diagram, once the data is loaded and the window whole (no target: what it
  adds to the first paint is the engine's import and the data's load).
- ``cli_rank_s``, ``cli_help_s``: a whole ``python -m bodymap rank --at
  posterior:right-psis`` (``--help``) process, median after one warm-up.

The window, in a child process (offscreen, at its default size; ``_child.py gui``):

- the same 200 strokes are added through ``DrawingTools.add_mark`` (what a finished stroke
  on the body calls), and the best candidate is selected so its pattern and card show;
- ``gui_stroke_p99_ms``: strokes painted on the shown view with real mouse events; the
  time from sending the button release until the window has ranked, updated the list,
  the card and the legend, and repainted the body and the list (pending events
  processed, and a synchronous repaint of either if it was not yet painted);
- ``drag_move_p99_ms``: one mouse move with the button held while painting, including
  the repaint it causes;
- ``peak_rss_mb``: the child's peak resident memory after that session (Linux:
  ``VmHWM``, the child's own high-water mark; ``ru_maxrss`` would include the memory of
  this process at the fork, which exec keeps in it).

Machines with few cores shared with other work give noisy figures: compare runs made
on the same machine at the same time.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import shapely
from _common import SESSION_STROKES, Summary, child_env, random_click, strokes
from shapely.affinity import translate
from shapely.geometry.base import BaseGeometry

import bodymap
from bodymap import BodyMap
from bodymap.atlas import Atlas, View
from bodymap.candidate import Candidate
from bodymap.catalogue import Catalogue, Muscle
from bodymap.drawing import PainDrawing
from bodymap.marks import Mark, polygonal
from bodymap.ranking import LiveRanking, Ranker

HERE = Path(__file__).resolve().parent
CHILD = HERE / "_child.py"
TOP = 15
"""Candidates the window lists (and so ranks for) after each stroke."""
TOLERANCE = 1e-6
BIG_COPIES = 10
SPREAD = 0.25
"""A copy's zones move by up to this share of the view's width and height."""
KEEP = 0.3
"""A moved zone with less than this share of its area left on the body is dropped."""
GOOD_OFFSET = 0.6
"""An offset is drawn again (a few times) until every zone keeps this much."""
WARMUP = 5

TARGETS: dict[str, tuple[str, float]] = {
    "click_p99_ms": ("<=", 1.5),
    "stroke201_p99_ms": ("<=", 4.0),
    "speedup": (">=", 20.0),
    "gui_stroke_p99_ms": ("<=", 8.0),
    "drag_move_p99_ms": ("<=", 2.0),
    "big_stroke201_p99_ms": ("<=", 12.0),
    "first_paint_s": ("<=", 0.4),
    "cli_rank_s": ("<=", 0.25),
    "peak_rss_mb": ("<=", 200.0),
}
KEYS = (
    "click_p50_ms",
    "click_p99_ms",
    "stroke201_p50_ms",
    "stroke201_p99_ms",
    "baseline_stroke201_p50_ms",
    "speedup",
    "gui_stroke_p99_ms",
    "drag_move_p99_ms",
    "big_click_p99_ms",
    "big_stroke201_p99_ms",
    "undo_p99_ms",
    "load_data_ms",
    "first_paint_s",
    "first_paint_cold_s",
    "body_paint_s",
    "body_paint_cold_s",
    "cli_rank_s",
    "cli_help_s",
    "peak_rss_mb",
)


@dataclass(frozen=True)
class Plan:
    """How many repetitions of each measurement."""

    clicks: int
    strokes: int
    baseline: int
    big_clicks: int
    big_strokes: int
    gui_strokes: int
    first_paints: int
    loads: int
    cli_runs: int
    warmups: int
    """Unmeasured runs of each process before the measured ones (the first paint's
    cold run has already warmed the data cache)."""


NORMAL = Plan(300, 200, 20, 300, 200, 100, 5, 5, 7, 1)
QUICK = Plan(60, 40, 2, 40, 30, 10, 1, 1, 2, 0)


class RankingMismatch(AssertionError):
    """The engine and the baseline disagree: the benchmark's figures mean nothing."""


@dataclass(frozen=True)
class Row:
    """One measured figure: its percentiles, in ``unit``."""

    key: str
    section: str
    label: str
    summary: Summary
    unit: str


@dataclass
class Report:
    """What the table and the JSON show."""

    figures: dict[str, float] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)

    def row(self, key: str, section: str, label: str, summary: Summary, unit: str = "ms") -> None:
        self.rows.append(Row(key, section, label, summary, unit))


_STARTED = time.perf_counter()


def log(message: str) -> None:
    print(f"[bench {time.perf_counter() - _STARTED:5.1f} s] {message}", file=sys.stderr, flush=True)


# ----- engine --------------------------------------------------------------------------
def measure_clicks(atlas: Atlas, ranker: Ranker, rng: random.Random, count: int) -> list[float]:
    """A first click on an empty drawing: add, apply, rank every candidate."""
    samples: list[float] = []
    for i in range(count + WARMUP):
        mark = random_click(rng, atlas)
        drawing, live = PainDrawing(atlas), LiveRanking(ranker)
        start = time.perf_counter()
        change = drawing.add(mark)
        if change is not None:
            live.apply(change)
        live.rank(None, total=drawing.total_area())
        elapsed = time.perf_counter() - start
        if change is None:
            raise RuntimeError(f"a click on a landmark missed the body: {mark}")
        if i >= WARMUP:
            samples.append(elapsed)
    return samples


def build_session(atlas: Atlas, seed: int) -> PainDrawing:
    """The 200-stroke drawing; strokes that change nothing leave no mark, as in the
    window (``DrawingModel.push_mark``)."""
    drawing = PainDrawing(atlas)
    session = strokes(random.Random(seed), atlas)
    while len(drawing) < SESSION_STROKES:
        change = drawing.add(next(session))
        if change is not None and not change.pieces:
            drawing.pop()
    return drawing


def live_ranking(ranker: Ranker, drawing: PainDrawing) -> LiveRanking:
    live = LiveRanking(ranker)
    for change in drawing.changes:
        live.apply(change)
    return live


@dataclass
class StrokeRun:
    strokes: list[float] = field(default_factory=list)
    undos: list[float] = field(default_factory=list)
    kept: list[tuple[Mark, list[Candidate]]] = field(default_factory=list)
    no_ops: int = 0


def measure_strokes(
    drawing: PainDrawing, live: LiveRanking, marks: Iterator[Mark], count: int, keep: int = 0
) -> StrokeRun:
    """Many different 201st strokes, each added, ranked, then undone (both timed)."""
    run = StrokeRun()
    warm = 0
    while len(run.strokes) < count:
        mark = next(marks)
        start = time.perf_counter()
        change = drawing.add(mark)
        if change is None or not change.pieces:  # changes nothing: the window stops here
            if change is not None:
                drawing.pop()
            run.no_ops += 1
            continue
        live.apply(change)
        ranking = live.rank(TOP, total=drawing.total_area())
        added = time.perf_counter() - start
        start = time.perf_counter()
        drawing.pop()
        live.revert()
        live.rank(TOP, total=drawing.total_area())
        undone = time.perf_counter() - start
        if warm < WARMUP:
            warm += 1
            continue
        run.strokes.append(added)
        run.undos.append(undone)
        if len(run.kept) < keep:
            run.kept.append((mark, ranking))
    return run


def check_same_ranking(
    engine: Sequence[Candidate], baseline: Sequence[Candidate], tolerance: float
) -> tuple[int, float]:
    """Raise unless both rankings list the same muscles and sides in the same order
    with scores within ``tolerance`` (candidates whose scores tie within it may swap);
    the number of such swaps and the largest difference of a score."""

    def fail(why: str) -> RankingMismatch:
        table = "\n".join(
            f"  {i + 1:2}. engine {a.muscle}/{a.side} {a.score:.9f}"
            f"   baseline {b.muscle}/{b.side} {b.score:.9f}"
            for i, (a, b) in enumerate(zip(engine, baseline, strict=False))
        )
        return RankingMismatch(
            f"the engine and the baseline disagree on a 201st stroke: {why} (tolerance"
            f" {tolerance:g}; --tolerance changes it)\n{table}"
        )

    if len(engine) != len(baseline):
        raise fail(f"{len(engine)} candidates against {len(baseline)}")
    swaps, largest = 0, 0.0
    for a, b in zip(engine, baseline, strict=True):
        largest = max(largest, abs(a.score - b.score))
        if (a.muscle, a.side) != (b.muscle, b.side):
            swaps += 1
    by_key = {(c.muscle, c.side): c for c in baseline}
    for a in engine:
        same = by_key.get((a.muscle, a.side))
        if same is not None:
            largest = max(largest, abs(a.score - same.score), abs(a.explained - same.explained))
    if largest > tolerance:
        raise fail(f"scores differ by up to {largest:.3g}")
    return swaps, largest


def measure_baseline(
    atlas: Atlas,
    catalogue: Catalogue,
    drawing: PainDrawing,
    kept: Sequence[tuple[Mark, Sequence[Candidate]]],
    tolerance: float,
) -> tuple[list[float], dict[str, Any]]:
    """Each kept 201st stroke recomputed from scratch without an index, and checked
    against the engine's ranking of it."""
    start = time.perf_counter()
    plain = Ranker(catalogue, indexed=False)
    build = time.perf_counter() - start
    marks = drawing.marks
    samples: list[float] = []
    swaps, largest = 0, 0.0
    for mark, engine in kept:
        start = time.perf_counter()
        fresh = PainDrawing(atlas, (*marks, mark))
        ranking = plain.rank(fresh.areas, top=TOP, intensities=fresh.levels)
        samples.append(time.perf_counter() - start)
        swapped, differ = check_same_ranking(engine, ranking, tolerance)
        swaps, largest = swaps + swapped, max(largest, differ)
    return samples, {
        "checked_strokes": len(samples),
        "tolerance": tolerance,
        "largest_score_difference": float(f"{largest:.3g}"),
        "tied_swaps": swaps,
        "ranker_build_ms": round(build * 1000, 1),
    }


def big_catalogue(
    catalogue: Catalogue, atlas: Atlas, rng: random.Random, copies: int = BIG_COPIES
) -> tuple[Catalogue, dict[str, int]]:
    """The shipped catalogue and ``copies - 1`` copies of every muscle (nine by default)
    spread over the body."""
    muscles: list[Muscle] = list(catalogue)
    stats = {"copied_zones": 0, "dropped_zones": 0, "offsets_drawn": 0}
    for n in range(1, copies):
        for muscle in catalogue:
            by_view: dict[str, list[tuple[int, int]]] = {}
            for t, trp in enumerate(muscle.trigger_points):
                for z, zone in enumerate(trp.zones):
                    by_view.setdefault(zone.view, []).append((t, z))
            moved: dict[tuple[int, int], BaseGeometry | None] = {}
            for view_name, keys in by_view.items():
                shapes = [muscle.trigger_points[t].zones[z].geometry for t, z in keys]
                placed, tries = _place(atlas.view(view_name), shapes, rng)
                moved.update(zip(keys, placed, strict=True))
                stats["offsets_drawn"] += tries
            stats["copied_zones"] += len(moved)
            stats["dropped_zones"] += sum(g is None for g in moved.values())
            trigger_points = tuple(
                replace(
                    trp,
                    zones=tuple(
                        replace(zone, geometry=geometry)
                        for z, zone in enumerate(trp.zones)
                        if (geometry := moved[(t, z)]) is not None
                    ),
                )
                for t, trp in enumerate(muscle.trigger_points)
            )
            muscles.append(
                replace(
                    muscle,
                    id=f"{muscle.id}_{n}",
                    name=f"{muscle.name} {n}",
                    trigger_points=trigger_points,
                )
            )
    return Catalogue(muscles, atlas), stats


def _place(
    view: View, shapes: Sequence[BaseGeometry], rng: random.Random
) -> tuple[list[BaseGeometry | None], int]:
    """Shapes of one view moved together by a random offset and clipped to the body
    outline, and how many offsets were drawn: up to ten, until one leaves every shape
    mostly on the body. A shape left with too little area comes back as ``None``."""
    best: list[BaseGeometry | None] = []
    best_share = -1.0
    tries = 0
    while tries < 10 and best_share < GOOD_OFFSET:
        tries += 1
        dx = rng.uniform(-SPREAD, SPREAD) * view.width
        dy = rng.uniform(-SPREAD, SPREAD) * view.height
        clipped = [polygonal(translate(g, dx, dy).intersection(view.outline)) for g in shapes]
        shares = [c.area / g.area for c, g in zip(clipped, shapes, strict=True)]
        if min(shares) > best_share:
            best_share = min(shares)
            best = [c if s >= KEEP else None for c, s in zip(clipped, shares, strict=True)]
    return best, tries


def run_engine(bm: BodyMap, plan: Plan, seed: int, tolerance: float, report: Report) -> None:
    atlas = bm.atlas
    section = f"engine: shipped catalogue ({len(bm.catalogue)} muscles), in process"
    log("clicks on an empty drawing")
    clicks = Summary.of(measure_clicks(atlas, bm.ranker, random.Random(seed), plan.clicks), 1000)
    report.row("click", section, "click (add + apply + rank all)", clicks)

    log(f"building the {SESSION_STROKES}-stroke session")
    start = time.perf_counter()
    drawing = build_session(atlas, seed)
    live = live_ranking(bm.ranker, drawing)
    report.details["session"] = {
        "strokes": len(drawing),
        "painted_area": round(drawing.total_area()),
        "build_s": round(time.perf_counter() - start, 2),
    }
    log("201st strokes and their undo")
    gc.collect()
    run = measure_strokes(
        drawing, live, strokes(random.Random(seed + 201), atlas), plan.strokes, plan.baseline
    )
    stroke = Summary.of(run.strokes, 1000)
    undo = Summary.of(run.undos, 1000)
    report.row("stroke201", section, "stroke 201 (add + apply + rank top 15)", stroke)
    report.row("undo", section, "undo stroke 201 (pop + revert + rank)", undo)

    log(f"baseline: {len(run.kept)} strokes recomputed from scratch, no index")
    gc.collect()
    samples, checked = measure_baseline(atlas, bm.catalogue, drawing, run.kept, tolerance)
    baseline = Summary.of(samples, 1000)
    report.row("baseline_stroke201", section, "baseline stroke 201 (rebuild, no index)", baseline)
    speedup = baseline.p50 / stroke.p50
    report.details["baseline"] = checked

    log("building the catalogue ten times the shipped one")
    start = time.perf_counter()
    big, stats = big_catalogue(bm.catalogue, atlas, random.Random(seed + 10))
    made = time.perf_counter() - start
    start = time.perf_counter()
    big_ranker = Ranker(big)
    indexed = time.perf_counter() - start
    big_section = f"engine: catalogue x{BIG_COPIES} ({len(big)} muscles, spread), in process"
    report.details["big_catalogue"] = {
        "muscles": len(big),
        "patterns": len(big.patterns),
        **stats,
        "catalogue_build_s": round(made, 2),
        "ranker_build_s": round(indexed, 2),
    }
    log("big catalogue: clicks and 201st strokes")
    gc.collect()
    big_clicks = Summary.of(
        measure_clicks(atlas, big_ranker, random.Random(seed + 1), plan.big_clicks), 1000
    )
    report.row("big_click", big_section, "click (add + apply + rank all)", big_clicks)
    big_live = live_ranking(big_ranker, drawing)
    big_run = measure_strokes(
        drawing, big_live, strokes(random.Random(seed + 202), atlas), plan.big_strokes
    )
    big_stroke = Summary.of(big_run.strokes, 1000)
    report.row("big_stroke201", big_section, "stroke 201 (add + apply + rank top 15)", big_stroke)
    report.details["no_op_strokes_skipped"] = run.no_ops + big_run.no_ops

    report.figures.update(
        click_p50_ms=clicks.p50,
        click_p99_ms=clicks.p99,
        stroke201_p50_ms=stroke.p50,
        stroke201_p99_ms=stroke.p99,
        baseline_stroke201_p50_ms=baseline.p50,
        speedup=speedup,
        big_click_p99_ms=big_clicks.p99,
        big_stroke201_p99_ms=big_stroke.p99,
        undo_p99_ms=undo.p99,
    )


# ----- processes -----------------------------------------------------------------------
def run_child(args: Sequence[str], env: dict[str, str], cwd: Path) -> str:
    """Run a child to the end; its stdout (it must succeed)."""
    done = subprocess.run(
        list(args), env=env, cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"{' '.join(args)} failed with status {done.returncode}:\n{done.stderr.strip()}"
        )
    return done.stdout


def last_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise RuntimeError("a child process printed nothing")
    return lines[-1]


def first_paint(env: dict[str, str], cwd: Path) -> tuple[float, float]:
    """Seconds from the start of a window process to its first paint, and to the first
    paint of the body diagram."""
    start = time.time()
    out = run_child([sys.executable, str(CHILD), "first-paint"], env, cwd)
    first, body = (float(line) for line in out.split()[-2:])
    return first - start, body - start


def process_time(args: Sequence[str], env: dict[str, str], cwd: Path) -> float:
    start = time.perf_counter()
    run_child(args, env, cwd)
    return time.perf_counter() - start


def run_processes(plan: Plan, seed: int, report: Report) -> None:
    python = sys.executable
    section = "processes (offscreen, own HOME and caches)"
    with tempfile.TemporaryDirectory(prefix="bodymap-bench-") as tmp:
        root = Path(tmp)
        env = child_env(root)
        log("first paint of the window: one cold run, then warm runs")
        cold, cold_body = first_paint(env, root)
        runs = [first_paint(env, root) for _ in range(plan.first_paints)]
        warm, warm_body = [r[0] for r in runs], [r[1] for r in runs]
        report.row(
            "first_paint_cold", section, "first paint, cold data cache", Summary.of([cold]), "s"
        )
        report.row("first_paint", section, "first paint, warm data cache", Summary.of(warm), "s")
        report.row(
            "body_paint_cold",
            section,
            "body painted, cold data cache",
            Summary.of([cold_body]),
            "s",
        )
        report.row(
            "body_paint", section, "body painted, warm data cache", Summary.of(warm_body), "s"
        )

        log("BodyMap.load() in fresh processes")
        load = [python, str(CHILD), "load"]
        for _ in range(plan.warmups):
            run_child(load, env, root)
        loads = [float(last_line(run_child(load, env, root))) for _ in range(plan.loads)]
        report.row("load_data", section, "load data: BodyMap.load()", Summary.of(loads, 1000))

        log("bodymap rank and bodymap --help processes")
        rank = [python, "-m", "bodymap", "rank", "--at", "posterior:right-psis"]
        help_ = [python, "-m", "bodymap", "--help"]
        for _ in range(plan.warmups):
            process_time(rank, env, root)
            process_time(help_, env, root)
        ranks = [process_time(rank, env, root) for _ in range(plan.cli_runs)]
        helps = [process_time(help_, env, root) for _ in range(plan.cli_runs)]
        report.row(
            "cli_rank", section, "bodymap rank --at posterior:right-psis", Summary.of(ranks), "s"
        )
        report.row("cli_help", section, "bodymap --help", Summary.of(helps), "s")

        log(f"the window: {SESSION_STROKES}-stroke session, {plan.gui_strokes} strokes measured")
        gui = [
            python,
            str(CHILD),
            "gui",
            f"--seed={seed}",
            f"--strokes={plan.gui_strokes}",
            f"--settings={root / 'gui.ini'}",
        ]
        window: dict[str, Any] = json.loads(last_line(run_child(gui, env, root)))

    stroke = Summary(**window.pop("gui_stroke_ms"))
    move = Summary(**window.pop("drag_move_ms"))
    gui_section = (
        f"window: {window['window']} offscreen, {SESSION_STROKES}-stroke drawing, child process"
    )
    report.row("gui_stroke", gui_section, "stroke: release -> ranked + repainted", stroke)
    report.row("drag_move", gui_section, "drag: one mouse move while painting", move)
    report.details["window"] = window
    report.details["first_paint_warm_s"] = [round(s, 3) for s in warm]
    report.figures.update(
        gui_stroke_p99_ms=stroke.p99,
        drag_move_p99_ms=move.p99,
        load_data_ms=statistics.median(loads) * 1000,
        first_paint_s=statistics.median(warm),
        first_paint_cold_s=cold,
        body_paint_s=statistics.median(warm_body),
        body_paint_cold_s=cold_body,
        cli_rank_s=statistics.median(ranks),
        cli_help_s=statistics.median(helps),
        peak_rss_mb=float(window["peak_rss_mb"]),
    )


# ----- output --------------------------------------------------------------------------
def passed(key: str, value: float) -> bool:
    op, target = TARGETS[key]
    return value <= target if op == "<=" else value >= target


def to_json(report: Report, mode: str, seed: int) -> dict[str, Any]:
    out: dict[str, Any] = {key: round(report.figures[key], 4) for key in KEYS}
    out["targets"] = {
        key: {
            "value": round(report.figures[key], 4),
            "target": f"{op} {target:g}",
            "passed": passed(key, report.figures[key]),
        }
        for key, (op, target) in TARGETS.items()
    }
    out["all_passed"] = all(t["passed"] for t in out["targets"].values())
    out["percentiles"] = {
        row.key: {"unit": row.unit, **row.summary.to_json(4)} for row in report.rows
    }
    out["details"] = report.details
    out["run"] = {"mode": mode, "seed": seed, **environment()}
    return out


def environment() -> dict[str, Any]:
    import numpy
    from PySide6 import __version__ as pyside

    return {
        "python": platform.python_version(),
        "shapely": shapely.__version__,
        "geos": ".".join(map(str, shapely.geos_version)),
        "numpy": numpy.__version__,
        "pyside6": pyside,
        "cpus": os.cpu_count(),
        "machine": platform.machine(),
        "bodymap": str(Path(bodymap.__file__).parent),
    }


def print_table(report: Report, mode: str, seed: int) -> None:
    env = environment()
    print(
        f"bodymap benchmark ({mode}, seed {seed}; Python {env['python']}, shapely "
        f"{env['shapely']}, PySide6 {env['pyside6']}, {env['cpus']} CPUs)"
    )
    section = None
    for row in report.rows:
        if row.section != section:
            section = row.section
            print(f"\n{section}")
            print(f"  {'':<46} {'':>4} {'p50':>9} {'p95':>9} {'p99':>9} {'max':>9} {'n':>5}")
        s = row.summary
        cells = " ".join(f"{v:9.2f}" for v in (s.p50, s.p95, s.p99, s.max))
        print(f"  {row.label:<46} {row.unit:>4} {cells} {s.n:5d}")
    checked = report.details["baseline"]
    print(
        f"\n  The baseline ranked {checked['checked_strokes']} of the 201st strokes the same as"
        f" the engine: scores within {checked['largest_score_difference']:.3g}"
        f" (tolerance {checked['tolerance']:g}), {checked['tied_swaps']} tied places swapped."
    )
    print(f"\n{'figure':<24} {'value':>10} {'target':>10}  result")
    for key, (op, target) in TARGETS.items():
        value = report.figures[key]
        result = "pass" if passed(key, value) else "FAIL"
        print(f"{key:<24} {value:10.3f} {op + ' ' + format(target, 'g'):>10}  {result}")
    for key in KEYS:
        if key not in TARGETS:
            print(f"{key:<24} {report.figures[key]:10.3f}")
    met = sum(passed(k, report.figures[k]) for k in TARGETS)
    print(f"\n{met} of {len(TARGETS)} targets met.")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions: a smoke test")
    parser.add_argument("--seed", type=int, default=7, help="seed of every random mark")
    parser.add_argument(
        "--tolerance",
        type=float,
        default=TOLERANCE,
        help=f"largest score difference allowed between the engine and the baseline"
        f" (default {TOLERANCE:g})",
    )
    args = parser.parse_args(argv)
    plan, mode = (QUICK, "quick") if args.quick else (NORMAL, "normal")
    report = Report()
    started = time.perf_counter()
    log("loading the data")
    bm = BodyMap.load()
    run_engine(bm, plan, args.seed, args.tolerance, report)
    run_processes(plan, args.seed, report)
    report.details["benchmark_s"] = round(time.perf_counter() - started, 1)
    log(f"done in {report.details['benchmark_s']} s")
    if args.json:
        print(json.dumps(to_json(report, mode, args.seed), indent=2))
    else:
        print_table(report, mode, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
