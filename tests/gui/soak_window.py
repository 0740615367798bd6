"""Drive the real window through a long session, the way a person uses it.

Long drags across the body (press, many moves with the button held, release), hovers
over the ranking list, clicks on candidates, undo and redo: all through Qt mouse and key
events, with every repaint processed. Every few drags it samples ``sys.getrefcount(None)``;
at the end it prints one JSON line with the samples.

``tests/gui/test_soak.py`` runs this in a child process, so that a fatal error (PySide6
6.12.0 on Python 3.11 takes a reference off ``None`` on every call that returns nothing,
and the process aborts with "none_dealloc") fails the test instead of killing pytest.
By hand::

    QT_QPA_PLATFORM=offscreen python tests/gui/soak_window.py --drags 120

``--mixed N`` runs the other soak: N operations of a painting session mixed as a person
would (clicks, strokes, eraser strokes, Ctrl+Z, Ctrl+Shift+Z, intensity and brush keys,
switching views), all through the window's mouse and key events, starting a new session
every ``--cycle`` operations. Every ``--check-every`` operations it compares the ranking
the window shows with a fresh computation from the window's marks, and after each new
session it samples the resident memory. ``--seconds S`` keeps going (whole cycles) until
S seconds have passed::

    QT_QPA_PLATFORM=offscreen python tests/gui/soak_window.py --mixed 1600
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import json
import os
import random
import sys
import time
import traceback
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from bodymap import BodyMap
from bodymap.drawing import PainDrawing
from bodymap.gui.display import TOP
from bodymap.gui.window import MainWindow
from bodymap.marks import MIN_AREA


def _send_move(widget: QWidget, pos: QPoint, held: bool) -> None:
    """A mouse move; QTest.mouseMove cannot say that a button is held."""
    local = QPointF(pos)
    event = QMouseEvent(
        QEvent.Type.MouseMove,
        local,
        QPointF(widget.mapToGlobal(pos)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.LeftButton if held else Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


def _stroke_points(window: MainWindow, rng: random.Random, moves: int) -> list[QPoint]:
    """A wandering path between two random landmarks of the shown view."""
    view = window.panel.current.scene().view  # type: ignore[attr-defined]
    names = sorted(view.landmarks)
    (x0, y0), (x1, y1) = (view.landmark(rng.choice(names)) for _ in range(2))
    points = []
    for i in range(moves + 1):
        t = i / moves
        x = x0 + (x1 - x0) * t + rng.uniform(-12, 12)
        y = y0 + (y1 - y0) * t + rng.uniform(-12, 12)
        points.append(window.panel.current.mapFromScene(QPointF(x, y)))
    return points


def drag(app: QApplication, window: MainWindow, rng: random.Random, moves: int) -> None:
    viewport = window.panel.current.viewport()
    points = _stroke_points(window, rng, moves)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[0])
    for p in points[1:]:
        _send_move(viewport, p, held=True)
        app.processEvents()
    QTest.mouseRelease(
        viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, points[-1]
    )
    app.processEvents()


def hover_list(app: QApplication, window: MainWindow, rng: random.Random) -> None:
    """Rest the pointer on candidates, then move onto the body (the preview must go)."""
    viewport = window.candidates_panel.list.viewport()
    rows = window.candidates_panel.model.rowCount()
    for _ in range(min(rows, 6)):
        rect = window.candidates_panel.list.visualRect(
            window.candidates_panel.model.index(rng.randrange(rows), 0)
        )
        if rect.isValid() and viewport.rect().contains(rect.center()):
            _send_move(viewport, rect.center(), held=False)
            app.processEvents()
    QApplication.sendEvent(viewport, QEvent(QEvent.Type.Leave))
    _send_move(
        window.panel.current.viewport(), window.panel.current.viewport().rect().center(), held=False
    )
    app.processEvents()


def select_candidate(app: QApplication, window: MainWindow, rng: random.Random) -> None:
    rows = window.candidates_panel.model.rowCount()
    if not rows:
        return
    rect = window.candidates_panel.list.visualRect(
        window.candidates_panel.model.index(rng.randrange(min(rows, 4)), 0)
    )
    if rect.isValid():
        QTest.mouseClick(
            window.candidates_panel.list.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            rect.center(),
        )
        app.processEvents()


# ----- the mixed soak -------------------------------------------------------------------

TOLERANCE = 1e-6
SENSITIVITY = 10.0  # as in tests/test_properties.py: a score moves by about δ/P


def _trim() -> None:
    """Hand the C heap's free pages back to the system (glibc only), so that the resident
    memory measures what is held, not how the allocator's free lists happen to lie: what
    a leak keeps cannot be handed back."""
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to hand back
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def rss_mb() -> float:
    """Resident memory of this process, in MB, after :func:`_trim` (where there is no
    /proc, the peak so far, which a leak raises just the same)."""
    _trim()
    try:
        with open("/proc/self/statm") as f:
            resident = int(f.read().split()[1])
        return resident * os.sysconf("SC_PAGE_SIZE") / 1e6
    except OSError:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB; bytes on macOS
        return peak / (1e6 if sys.platform == "darwin" else 1e3)


def unaccounted(drawing: PainDrawing) -> float:
    """Paint the drawing holds by intensity that its changes do not add up to (the live
    ranking sees only the changes); see tests/test_properties.py."""
    added: dict[tuple[str, Any], float] = {}
    for change in drawing.changes:
        for piece in change.pieces:
            k = (change.mark.view, piece.intensity)
            added[k] = added.get(k, 0.0) + piece.sign * piece.region.area
    held: dict[tuple[str, Any], float] = {
        (v, lv): g.area for v, by in drawing.levels.items() for lv, g in by.items()
    }
    return sum(abs(added.get(k, 0.0) - held.get(k, 0.0)) for k in set(added) | set(held))


def compare(window: MainWindow, bm: BodyMap) -> dict[str, Any]:
    """The list the window shows against a fresh ranking of a drawing rebuilt from the
    window's marks: the same muscles and sides, in the same order, with the same scores
    (to within TOLERANCE, or what paint the changes missed allows)."""
    fresh_drawing = PainDrawing(bm.atlas, window.model.marks)
    fresh = bm.rank_drawing(fresh_drawing)
    shown = list(window.candidates_panel.model.candidates)
    missed = unaccounted(window.model.drawing)
    tolerance = TOLERANCE + SENSITIVITY * missed / max(fresh_drawing.total_area(), MIN_AREA)
    problems = []
    if abs(window.model.drawing.total_area() - fresh_drawing.total_area()) > 1e-6:
        problems.append("painted area differs")
    by_key = {(c.muscle, c.side): c for c in fresh}
    for c in shown:
        f = by_key.get((c.muscle, c.side))
        if f is None or abs(f.score - c.score) > tolerance:
            problems.append(f"{c.muscle}/{c.side}: {c.score} shown, {f and f.score} fresh")
    expected = fresh[:TOP]
    if len(shown) != len(expected):
        problems.append(f"{len(shown)} shown, {len(expected)} expected")
    for a, b in zip(shown, expected, strict=False):  # a swap only between near-ties
        if (a.muscle, a.side) != (b.muscle, b.side) and abs(a.score - b.score) > 2 * tolerance:
            problems.append(f"{a.muscle}/{a.side} shown where {b.muscle}/{b.side} ranks")
    exact = [(c.muscle, c.side) for c in shown] == [(c.muscle, c.side) for c in expected] and all(
        abs(a.score - b.score) <= TOLERANCE for a, b in zip(shown, expected, strict=False)
    )
    return {"problems": problems, "exact": exact, "missed": missed, "marks": len(shown)}


def _key(window: MainWindow, key: Qt.Key, mods: Qt.KeyboardModifier) -> None:
    QTest.keyClick(window, key, mods)


def _spot(window: MainWindow, rng: random.Random) -> QPoint:
    """Somewhere on (mostly) or near the body in the view shown."""
    view = window.panel.current.scene().view  # type: ignore[attr-defined]
    if rng.random() < 0.85:
        x, y = view.landmark(rng.choice(sorted(view.landmarks)))
        x, y = x + rng.uniform(-30, 30), y + rng.uniform(-30, 30)
    else:
        x, y = rng.uniform(0, view.width), rng.uniform(0, view.height)
    return window.panel.current.mapFromScene(QPointF(x, y))


def operate(
    app: QApplication, window: MainWindow, rng: random.Random, counts: dict[str, int]
) -> None:
    """One thing a person does while painting, through the window's events."""
    none, ctrl = Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.ControlModifier
    roll = rng.random()
    before = window.undo.index()
    if roll < 0.30:
        kind = "click"
        QTest.mouseClick(
            window.panel.current.viewport(), Qt.MouseButton.LeftButton, none, _spot(window, rng)
        )
    elif roll < 0.55:
        kind = "stroke"
        drag(app, window, rng, rng.randint(4, 30))
    elif roll < 0.67:
        kind = "erase"
        _key(window, Qt.Key.Key_E, none)
        drag(app, window, rng, rng.randint(4, 20))
        _key(window, Qt.Key.Key_P, none)
    elif roll < 0.82:
        kind = "undo"
        _key(window, Qt.Key.Key_Z, ctrl)
    elif roll < 0.90:
        kind = "redo"
        _key(window, Qt.Key.Key_Z, ctrl | Qt.KeyboardModifier.ShiftModifier)
    elif roll < 0.95:
        kind = "intensity"
        _key(window, rng.choice((Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3)), none)
    elif roll < 0.97:
        kind = "brush"
        _key(window, rng.choice((Qt.Key.Key_BracketLeft, Qt.Key.Key_BracketRight)), none)
    else:
        kind = "view"
        _key(window, rng.choice((Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4)), ctrl)
    app.processEvents()
    counts[kind] = counts.get(kind, 0) + 1
    if window.undo.index() != before:
        counts[f"{kind} changed the drawing"] = counts.get(f"{kind} changed the drawing", 0) + 1


def mixed(
    app: QApplication,
    window: MainWindow,
    bm: BodyMap,
    rng: random.Random,
    operations: int,
    seconds: float,
    cycle: int,
    check_every: int,
) -> dict[str, Any]:
    counts: dict[str, int] = {}
    checks = exact = 0
    problems: list[str] = []
    most_missed = 0.0
    rss: list[float] = []  # after each new session
    held: list[float] = []  # at the end of each session, before the next
    most_marks = 0
    start = time.perf_counter()
    done = 0
    while done < operations or time.perf_counter() - start < seconds:
        if done % cycle == 0:
            if done:
                gc.collect()
                held.append(round(rss_mb(), 1))
            _key(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # a new session
            app.processEvents()
            assert not window.model.marks and window.undo.count() == 0
            gc.collect()
            rss.append(round(rss_mb(), 1))
        operate(app, window, rng, counts)
        done += 1
        most_marks = max(most_marks, len(window.model.marks))
        if done % check_every == 0:
            result = compare(window, bm)
            checks += 1
            exact += result["exact"]
            most_missed = max(most_missed, result["missed"])
            problems.extend(f"operation {done}: {p}" for p in result["problems"])
    gc.collect()
    held.append(round(rss_mb(), 1))
    _key(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    app.processEvents()
    gc.collect()
    rss.append(round(rss_mb(), 1))
    return {
        "operations": done,
        "seconds": round(time.perf_counter() - start, 1),
        "counts": counts,
        "checks": checks,
        "exact": exact,
        "problems": problems[:20],
        "most_unaccounted": most_missed,
        "most_marks": most_marks,
        "rss_mb": rss,
        "rss_mb_session_end": held,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--drags", type=int, default=120)
    parser.add_argument("--moves", type=int, default=40, help="mouse moves per drag")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--settings", type=Path, default=None)
    parser.add_argument("--mixed", type=int, default=0, help="operations of the mixed soak")
    parser.add_argument("--seconds", type=float, default=0.0, help="run the mixed soak this long")
    parser.add_argument("--cycle", type=int, default=250, help="operations per session")
    parser.add_argument("--check-every", type=int, default=20)
    args = parser.parse_args(argv)

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    # An error inside a slot or an overridden method (an undo command's redo) reaches
    # sys.excepthook, which the window's crash handler is in the real app; here each is
    # kept and reported, for the test to fail on.
    errors: list[str] = []
    sys.excepthook = lambda kind, value, tb: errors.append(
        "".join(traceback.format_exception(kind, value, tb))[-2000:]
    )
    settings_path = args.settings or Path(os.environ.get("TMPDIR", "/tmp")) / "soak.ini"
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    window = MainWindow(BodyMap.load(), settings)
    window.documents.confirm_discard = lambda: True  # type: ignore[method-assign]
    window.resize(1200, 860)
    window.show()
    QTest.qWaitForWindowExposed(window)
    app.processEvents()

    rng = random.Random(args.seed)
    if args.mixed or args.seconds:
        report = mixed(
            app, window, window.bm, rng, args.mixed, args.seconds, args.cycle, args.check_every
        )
        report["errors"] = errors
        print(json.dumps(report))
        window.close()
        return 0
    samples = [sys.getrefcount(None)]
    start = time.perf_counter()
    for i in range(1, args.drags + 1):
        window.tools.set_erasing(i % 9 == 0)
        drag(app, window, rng, args.moves)
        hover_list(app, window, rng)
        if i % 3 == 0:
            select_candidate(app, window, rng)
        if i % 10 == 0:
            window.undo.undo()
            app.processEvents()
            window.undo.redo()
            app.processEvents()
        if i % 5 == 0:
            samples.append(sys.getrefcount(None))
    window.grab()  # one last full repaint of everything on screen
    samples.append(sys.getrefcount(None))
    print(
        json.dumps(
            {
                "drags": args.drags,
                "marks": len(window.model.marks),
                "candidates": window.candidates_panel.model.rowCount(),
                "seconds": round(time.perf_counter() - start, 1),
                "none_refcounts": samples,
                "errors": errors,
            }
        )
    )
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
