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


def stroke(bm: BodyMap, view: str, *names: str, radius: float = 20.0) -> Mark:
    frame = bm.atlas.view(view)
    return Mark(view, tuple(frame.landmark(n) for n in names), radius)


def main(out: str) -> None:
    app = QApplication([])
    bm = BodyMap.load()
    window = MainWindow(bm, None)
    window.resize(1600, 940)
    window.show()
    window.panel.show_page("all")
    # Pain in the buttock and down the side of the right leg to the ankle, seen from
    # behind, from the side and from the front: gluteus minimus's anterior portion.
    for mark in (
        stroke(bm, "posterior", "right-upper-outer-buttock", "right-greater-trochanter"),
        stroke(
            bm,
            "right-lateral",
            "right-lateral-hip",
            "right-lateral-thigh-upper",
            "right-lateral-thigh-mid",
            "right-lateral-thigh-lower",
            "right-lateral-knee",
            "right-lateral-leg-upper",
            "right-lateral-leg-mid",
        ),
        stroke(bm, "anterior", "right-anterior-thigh-upper", "right-anterior-thigh-mid", radius=16),
    ):
        window.add_mark(mark)
    window.list.setCurrentIndex(window.ranking.index(0))
    app.processEvents()
    window.grab().save(out)
    window.undo.setClean()
    print(
        f"wrote {out}: top {[(c.muscle, c.side, round(c.score, 2)) for c in window.candidates[:3]]}"
    )


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshot.png")
