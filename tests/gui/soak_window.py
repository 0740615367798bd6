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
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from bodymap import BodyMap
from bodymap.gui.window import MainWindow


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
    view = window.body.scene().view  # type: ignore[attr-defined]
    names = sorted(view.landmarks)
    (x0, y0), (x1, y1) = (view.landmark(rng.choice(names)) for _ in range(2))
    points = []
    for i in range(moves + 1):
        t = i / moves
        x = x0 + (x1 - x0) * t + rng.uniform(-12, 12)
        y = y0 + (y1 - y0) * t + rng.uniform(-12, 12)
        points.append(window.body.mapFromScene(QPointF(x, y)))
    return points


def drag(app: QApplication, window: MainWindow, rng: random.Random, moves: int) -> None:
    viewport = window.body.viewport()
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
    viewport = window.list.viewport()
    rows = window.ranking.rowCount()
    for _ in range(min(rows, 6)):
        rect = window.list.visualRect(window.ranking.index(rng.randrange(rows), 0))
        if rect.isValid() and viewport.rect().contains(rect.center()):
            _send_move(viewport, rect.center(), held=False)
            app.processEvents()
    QApplication.sendEvent(viewport, QEvent(QEvent.Type.Leave))
    _send_move(window.body.viewport(), window.body.viewport().rect().center(), held=False)
    app.processEvents()


def select_candidate(app: QApplication, window: MainWindow, rng: random.Random) -> None:
    rows = window.ranking.rowCount()
    if not rows:
        return
    rect = window.list.visualRect(window.ranking.index(rng.randrange(min(rows, 4)), 0))
    if rect.isValid():
        QTest.mouseClick(
            window.list.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            rect.center(),
        )
        app.processEvents()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--drags", type=int, default=120)
    parser.add_argument("--moves", type=int, default=40, help="mouse moves per drag")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--settings", type=Path, default=None)
    args = parser.parse_args(argv)

    app = QApplication.instance() or QApplication([sys.argv[0]])
    assert isinstance(app, QApplication)
    settings_path = args.settings or Path(os.environ.get("TMPDIR", "/tmp")) / "soak.ini"
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    window = MainWindow(BodyMap.load(), settings)
    window.confirm_discard = lambda: True  # type: ignore[method-assign]
    window.resize(1200, 860)
    window.show()
    QTest.qWaitForWindowExposed(window)
    app.processEvents()

    rng = random.Random(args.seed)
    samples = [sys.getrefcount(None)]
    start = time.perf_counter()
    for i in range(1, args.drags + 1):
        window.set_erasing(i % 9 == 0)
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
                "candidates": window.ranking.rowCount(),
                "seconds": round(time.perf_counter() - start, 1),
                "none_refcounts": samples,
            }
        )
    )
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
