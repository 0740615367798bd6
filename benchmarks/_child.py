"""Child processes of ``run.py``; each prints its result as the last line on stdout.

    python benchmarks/_child.py load            # seconds that BodyMap.load() takes
    python benchmarks/_child.py first-paint     # time.time() of the first paint, then
                                                # of the body's (two lines)
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
    """Start the window the way ``bodymap`` does; print the wall time of its first paint,
    then that of the first paint of the body diagram.

    An application-wide event filter watches for the first paint event of the main
    window (or of anything inside it) and prints ``time.time()``; then for the first
    paint of the body panel (the window's ``panel``, there once the data is loaded), prints
    the time again and ends the process at once. Nothing in bodymap is changed or hooked.
    """
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

    class FirstPaint(QObject):
        first = True

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() != QEvent.Type.Paint or not isinstance(watched, QWidget):
                return False
            window = watched.window()
            if not isinstance(window, QMainWindow):
                return False
            if self.first:
                self.first = False
                print(time.time(), flush=True)
            body = getattr(window, "panel", None)
            if isinstance(body, QWidget) and (watched is body or body.isAncestorOf(watched)):
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

    import resource

    from _common import Summary

    app, window, build_s = _painted_window(args.settings, args.seed)
    mouse = _Mouse(app, window)
    stroke_samples, move_samples, no_ops = mouse.measure(args.seed + 201, args.strokes)
    window.grab()  # one full repaint of everything, as the last step of the session
    peak_rss_mb = _peak_rss_mb(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    size = window.size()
    result: dict[str, Any] = {
        "gui_stroke_ms": Summary.of(stroke_samples, 1000).to_json(),
        "drag_move_ms": Summary.of(move_samples, 1000).to_json(),
        "moves_painted": mouse.moves_painted,
        "no_op_strokes": no_ops,
        "build_200_strokes_s": round(build_s, 2),
        "peak_rss_mb": round(peak_rss_mb, 1),
        "window": f"{size.width()}x{size.height()}",
        "viewport": f"{mouse.viewport.width()}x{mouse.viewport.height()}",
        "view": mouse.view_name,
        "selected": list(window.state.selected or ()),
    }
    print(json.dumps(result))
    window.undo.setClean()  # nothing to save: close without asking
    window.close()
    return 0


def _peak_rss_mb(fallback: float) -> float:
    """This process's own peak resident memory, in MiB: Linux's ``VmHWM``, the high-water
    mark of the memory this program has mapped since it started. ``ru_maxrss`` is not
    that on Linux: exec keeps the larger of it and the parent's memory at the fork, so a
    child of a big benchmark process reported the parent's size. ``fallback`` elsewhere."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return fallback


def _painted_window(settings: str, seed: int) -> tuple[Any, Any, float]:
    """The application, the window with the 200-stroke drawing and its best candidate
    shown, and the seconds the drawing took to build (not measured further)."""
    import random

    from _common import SESSION_STROKES, strokes
    from PySide6.QtCore import QSettings, QSize
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from bodymap import BodyMap
    from bodymap.gui import window as window_module
    from bodymap.gui.window import MainWindow

    app = QApplication(sys.argv[:1])
    bm = BodyMap.load()
    window = MainWindow(bm, QSettings(settings, QSettings.Format.IniFormat))
    window.resize(getattr(window_module, "DEFAULT_SIZE", QSize(1320, 880)))
    window.show()
    QTest.qWaitForWindowExposed(window)
    app.processEvents()

    # The session: the same 200 strokes as the engine's, through the method that a
    # finished stroke on the body calls (BodyScene.markDrawn -> DrawingTools.add_mark).
    start = time.perf_counter()
    session = strokes(random.Random(seed), bm.atlas)
    while len(window.model.marks) < SESSION_STROKES:
        window.tools.add_mark(next(session))
        if len(window.model.marks) % 10 == 0:  # painted now and then: building is not timed
            app.processEvents()
    app.processEvents()
    build_s = time.perf_counter() - start
    # Show the best candidate's pattern and card, so every stroke updates them too.
    window.candidates_panel.list.setCurrentIndex(window.candidates_panel.model.index(0, 0))
    app.processEvents()
    return app, window, build_s


def _paint_watcher(widgets: list[Any]) -> Any:
    """An event filter that says which of ``widgets`` got a paint event since ``clear``."""
    from PySide6.QtCore import QEvent, QObject

    class Painted(QObject):
        def __init__(self) -> None:
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

        def has(self, widget: object) -> bool:
            return id(widget) in self.seen

    return Painted()


class _Mouse:
    """Strokes drawn on the body with real mouse events, each timed until what it
    changed (the body, the list) has been painted."""

    def __init__(self, app: Any, window: Any) -> None:
        self.app = app
        self.window = window
        self.body = window.panel.current
        self.viewport = self.body.viewport()
        self.list_viewport = window.candidates_panel.list.viewport()
        self.view_name: str = window.panel.current_scene.view.name
        self.painted = _paint_watcher([self.viewport, self.list_viewport])
        self.moves_painted = 0

    def settle(self, required: list[Any]) -> None:
        """Process what the event queued; repaint, synchronously, any required widget
        that has not been painted yet."""
        self.app.processEvents()
        if not all(self.painted.has(w) for w in required):
            self.app.processEvents()
        for w in required:
            if not self.painted.has(w):
                w.repaint()

    def send(self, kind: Any, pos: Any, held: bool) -> None:
        from PySide6.QtCore import QEvent, Qt
        from PySide6.QtGui import QMouseEvent
        from PySide6.QtWidgets import QApplication

        left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
        event = QMouseEvent(
            kind,
            pos,
            self.viewport.mapToGlobal(pos),
            none if kind == QEvent.Type.MouseMove else left,
            left if held else none,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(self.viewport, event)

    def stroke(self, mark: Any, moves: list[float]) -> float:
        """Draw ``mark``; the seconds from the button's release to everything painted
        (each move's own time goes to ``moves``)."""
        from PySide6.QtCore import QEvent, QPointF

        tools = self.window.tools
        if mark.erase:
            tools.set_erasing(True)
        else:
            tools.set_intensity(mark.intensity)
        tools.radius_box.setCurrentIndex(tools.radius_box.findData(mark.radius))
        self.app.processEvents()
        transform = self.body.viewportTransform()
        points = [transform.map(QPointF(x, y)) for x, y in mark.points]
        self.send(QEvent.Type.MouseButtonPress, points[0], held=True)
        self.app.processEvents()
        for p in points[1:]:
            self.painted.clear()
            t0 = time.perf_counter()
            self.send(QEvent.Type.MouseMove, p, held=True)
            self.settle([])
            moves.append(time.perf_counter() - t0)
            self.moves_painted += self.painted.has(self.viewport)
        self.painted.clear()
        t0 = time.perf_counter()
        self.send(QEvent.Type.MouseButtonRelease, points[-1], held=False)
        self.settle([self.viewport, self.list_viewport])
        return time.perf_counter() - t0

    def measure(self, seed: int, count: int) -> tuple[list[float], list[float], int]:
        """``count`` timed strokes, each undone after: (stroke times, move times, strokes
        that changed nothing and were drawn again)."""
        import random

        from _common import SESSION_STROKES, strokes

        stroke_samples: list[float] = []
        move_samples: list[float] = []
        no_ops = 0
        measured = strokes(random.Random(seed), self.window.bm.atlas, self.view_name)
        while len(stroke_samples) < count:
            elapsed = self.stroke(next(measured), move_samples)
            if len(self.window.model.marks) > SESSION_STROKES:
                stroke_samples.append(elapsed)
                self.window.undo.undo()  # back to the 200-stroke drawing
                self.app.processEvents()
            else:
                no_ops += 1  # erasing bare skin or painting over the same paint
        return stroke_samples, move_samples, no_ops


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
