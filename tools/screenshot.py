"""Grab the window offscreen with a painted session, for docs/screenshot.png.

QT_QPA_PLATFORM=offscreen python tools/screenshot.py docs/screenshot.png
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from bodymap import BodyMap
from bodymap.gui.window import MainWindow
from bodymap.marks import Mark


def main(out: str) -> None:
    app = QApplication([])
    bm = BodyMap.load()
    window = MainWindow(bm, None)
    window.resize(1280, 900)
    window.show()
    view = bm.atlas.view("posterior")
    # Pain down the back of the right leg: lower buttock, back of the thigh, upper calf.
    path = [
        view.landmark(n)
        for n in (
            "right-lower-buttock",
            "right-gluteal-fold",
            "right-posterior-thigh-upper",
            "right-posterior-thigh-mid",
        )
    ]
    window.add_mark(Mark("posterior", tuple(path), 22.0))
    window.add_mark(Mark("posterior", (view.landmark("right-calf-upper"),), 18.0))
    window.list.setCurrentIndex(window.ranking.index(0))
    window.labels_action.setChecked(True)
    window.toggle_labels()
    app.processEvents()
    window.grab().save(out)
    window.undo.setClean()
    print(
        f"wrote {out}: top {[(c.muscle, c.side, round(c.score, 2)) for c in window.candidates[:3]]}"
    )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshot.png")
