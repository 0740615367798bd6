"""Child processes of ``run.py``; each prints its result as the last line on stdout.

    python benchmarks/_child.py load            # seconds that BodyMap.load() takes
    python benchmarks/_child.py first-paint     # time.time() of the window's first paint
    python benchmarks/_child.py gui --seed 7 --strokes 100 --settings FILE

Module-level imports are the standard library only, so that ``first-paint`` starts the
way the ``bodymap`` command does and pays for nothing else.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Any


def load() -> int:
    """The time of ``BodyMap.load()`` alone (the import is not counted)."""
    from bodymap import BodyMap

    start = time.perf_counter()
    BodyMap.load()
    print(time.perf_counter() - start)
    return 0


def first_paint() -> int:
    """Start the window the way ``bodymap`` does; print the wall time of its first paint.

    An application-wide event filter watches for the first paint event of the main
    window (or of anything inside it), prints ``time.time()`` and ends the process at
    once. Nothing in bodymap is changed or hooked.
    """
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if (
                event.type() == QEvent.Type.Paint
                and isinstance(watched, QWidget)
                and isinstance(watched.window(), QMainWindow)
            ):
                print(time.time(), flush=True)
                os._exit(0)
            return False

    app = QApplication(sys.argv[:1])
    watcher = FirstPaint()
    app.installEventFilter(watcher)
    QTimer.singleShot(60_000, lambda: os._exit(3))  # never painted: give up

    from bodymap.cli import main

    main([])
    print("the window closed without painting", file=sys.stderr)
    return 4


def gui(argv: list[str]) -> int:
    """A painting session in the real window, measured through real mouse events."""
    parser = argparse.ArgumentParser(prog="_child.py gui")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--strokes", type=int, default=100, help="strokes measured")
    parser.add_argument("--settings", required=True, help="an INI file for QSettings")
    args = parser.parse_args(argv)

    import random
    import resource

    from _common import SESSION_STROKES, Summary, strokes
    from PySide6.QtCore import QEvent, QObject, QPointF, QSettings, QSize, Qt
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QWidget

    from bodymap import BodyMap
    from bodymap.gui import window as window_module
    from bodymap.gui.window import MainWindow

    app = QApplication(sys.argv[:1])
    bm = BodyMap.load()
    window = MainWindow(bm, QSettings(args.settings, QSettings.Format.IniFormat))
    window.resize(getattr(window_module, "DEFAULT_SIZE", QSize(1320, 880)))
    window.show()
    QTest.qWaitForWindowExposed(window)
    app.processEvents()

    # The session: the same 200 strokes as the engine's, through the method that a
    # finished stroke on the body calls (BodyScene.markDrawn -> MainWindow.add_mark).
    start = time.perf_counter()
    session = strokes(random.Random(args.seed), bm.atlas)
    while len(window.model.marks) < SESSION_STROKES:
        window.add_mark(next(session))
        if len(window.model.marks) % 10 == 0:  # painted now and then: building is not timed
            app.processEvents()
    app.processEvents()
    build_s = time.perf_counter() - start
    # Show the best candidate's pattern and card, so every stroke updates them too.
    window.list.setCurrentIndex(window.ranking.index(0, 0))
    app.processEvents()

    body = window.body
    viewport = body.viewport()
    list_viewport = window.list.viewport()

    class Painted(QObject):
        """Which of the watched widgets got a paint event since the last ``clear``."""

        def __init__(self, widgets: list[QWidget]) -> None:
            super().__init__()
            self.seen: set[int] = set()
            for w in widgets:
                w.installEventFilter(self)

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                self.seen.add(id(watched))
            return False

        def clear(self) -> None:
            self.seen.clear()

        def has(self, widget: QWidget) -> bool:
            return id(widget) in self.seen

    painted = Painted([viewport, list_viewport])

    def settle(required: list[QWidget]) -> None:
        """Process what the event queued; repaint, synchronously, any required widget
        that has not been painted yet."""
        app.processEvents()
        if not all(painted.has(w) for w in required):
            app.processEvents()
        for w in required:
            if not painted.has(w):
                w.repaint()

    def send(kind: QEvent.Type, pos: QPointF, button: Qt.MouseButton, held: bool) -> None:
        event = QMouseEvent(
            kind,
            pos,
            viewport.mapToGlobal(pos),
            button,
            Qt.MouseButton.LeftButton if held else Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(viewport, event)

    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    stroke_samples: list[float] = []
    move_samples: list[float] = []
    moves_painted = 0
    no_ops = 0
    view_name = window.scene.view.name
    measured = strokes(random.Random(args.seed + 201), bm.atlas, view_name)
    while len(stroke_samples) < args.strokes:
        mark = next(measured)
        if mark.erase:
            window.set_erasing(True)
        else:
            window.set_intensity(mark.intensity)
        window.radius_box.setCurrentIndex(window.radius_box.findData(mark.radius))
        app.processEvents()
        transform = body.viewportTransform()
        points = [transform.map(QPointF(x, y)) for x, y in mark.points]
        send(QEvent.Type.MouseButtonPress, points[0], left, held=True)
        app.processEvents()
        for p in points[1:]:
            painted.clear()
            t0 = time.perf_counter()
            send(QEvent.Type.MouseMove, p, none, held=True)
            settle([])
            move_samples.append(time.perf_counter() - t0)
            moves_painted += painted.has(viewport)
        painted.clear()
        t0 = time.perf_counter()
        send(QEvent.Type.MouseButtonRelease, points[-1], left, held=False)
        settle([viewport, list_viewport])
        elapsed = time.perf_counter() - t0
        if len(window.model.marks) > SESSION_STROKES:
            stroke_samples.append(elapsed)
            window.undo.undo()  # back to the 200-stroke drawing
            app.processEvents()
        else:
            no_ops += 1  # erasing bare skin or painting over the same paint
    window.grab()  # one full repaint of everything, as the last step of the session
    peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size = window.size()
    result: dict[str, Any] = {
        "gui_stroke_ms": Summary.of(stroke_samples, 1000).to_json(),
        "drag_move_ms": Summary.of(move_samples, 1000).to_json(),
        "moves_painted": moves_painted,
        "no_op_strokes": no_ops,
        "build_200_strokes_s": round(build_s, 2),
        "peak_rss_mb": round(peak_rss_mb, 1),
        "window": f"{size.width()}x{size.height()}",
        "viewport": f"{viewport.width()}x{viewport.height()}",
        "view": view_name,
        "selected": list(window.state.selected or ()),
    }
    print(json.dumps(result))
    window.undo.setClean()  # nothing to save: close without asking
    window.close()
    return 0


def main() -> int:
    command, rest = (sys.argv[1], sys.argv[2:]) if len(sys.argv) > 1 else ("", [])
    if command == "load":
        return load()
    if command == "first-paint":
        return first_paint()
    if command == "gui":
        return gui(rest)
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
