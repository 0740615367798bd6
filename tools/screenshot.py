"""Grab the window offscreen for the screenshots in docs/.

QT_QPA_PLATFORM=offscreen python tools/screenshot.py docs/screenshot.png
    --session examples/pseudo-sciatica.bodymap --page all [--theme dark]
    [--compare gluteus_medius:right,piriformis:right,gluteus_minimus:right] [--present]

Without ``--session`` it paints the gluteus minimus drawing used in the README, or with
``--at`` fingertip marks where given (as ``bodymap rank --at``). The red-flags box with
five warning signs, as in docs/red-flags-box.png:

QT_QPA_PLATFORM=offscreen python tools/screenshot.py docs/red-flags-box.png --page posterior
    --at posterior:right-calf-mid --at posterior:left-calf-mid --at posterior:coccyx
    --at posterior:left-posterior-arm --at posterior:right-flank --grab candidates
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRect, QSettings
from PySide6.QtWidgets import QApplication, QWidget

from bodymap import BodyMap
from bodymap.closeups import close_up
from bodymap.gui import theme
from bodymap.gui.state import Key
from bodymap.gui.window import MainWindow
from bodymap.ids import Side
from bodymap.kinds import Intensity
from bodymap.marks import Mark


def stroke(
    bm: BodyMap, view: str, *names: str, radius: float = 20.0, level: Intensity = Intensity.SEVERE
) -> Mark:
    frame = bm.atlas.view(view)
    return Mark(view, tuple(frame.landmark(n) for n in names), radius, intensity=level)


def paint_default(window: MainWindow, bm: BodyMap) -> None:
    """Pain in the buttock and down the side of the right leg to the ankle, seen from
    behind, from the side and from the front: gluteus minimus's anterior portion."""
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
            level=Intensity.MODERATE,
        ),
        stroke(
            bm,
            "right-lateral",
            "right-lateral-knee",
            "right-lateral-leg-upper",
            "right-lateral-leg-mid",
            level=Intensity.MILD,
        ),
        stroke(bm, "anterior", "right-anterior-thigh-upper", "right-anterior-thigh-mid", radius=16),
    ):
        window.tools.add_mark(mark)


def _key(text: str) -> Key:
    """``muscle:side`` as the window's key; argparse reports a bad one."""
    sides: dict[str, Side] = {"left": "left", "right": "right", "both": "both"}
    muscle, _, side = text.partition(":")
    if side not in sides:
        raise argparse.ArgumentTypeError(f"{text!r}: expected muscle:left, :right or :both")
    return muscle, sides[side]


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--session", type=Path)
    parser.add_argument("--page", default="all")
    parser.add_argument("--size", default="1600x940")
    parser.add_argument("--theme", default="light", choices=theme.CHOICES)
    parser.add_argument("--compare", default="", help="muscle:side,muscle:side,...")
    parser.add_argument("--select", default="", help="muscle:side (default: the first ranked)")
    parser.add_argument("--trigger-point", default="", help="show one trigger point alone")
    parser.add_argument("--present", action="store_true", help="grab presentation mode")
    parser.add_argument(
        "--answer", action="append", default=[], help="answer a question: ID=yes|no (repeatable)"
    )
    parser.add_argument(
        "--close-up", default="", help="zoom to a part: head-neck, shoulder-arm, hand, knee, foot"
    )
    parser.add_argument("--at", action="append", default=[], help="mark VIEW:LANDMARK (repeatable)")
    parser.add_argument(
        "--grab",
        default="window",
        choices=("window", "candidates", "card", "right"),
        help="the whole window, one panel, or the right-hand panels together",
    )
    return parser.parse_args()


def _draw(window: MainWindow, bm: BodyMap, args: argparse.Namespace) -> None:
    """The drawing, then what the diagram shows beside it."""
    if args.session:
        window.documents.open_path(args.session)
    elif args.at:
        for mark in bm.marks(args.at):
            window.tools.add_mark(mark)
    else:
        paint_default(window, bm)
    window.panel.show_page(args.page)
    for question_id, reply in bm.questions.parse(args.answer).items():
        window.questions_panel.answer(question_id, reply)
    if args.compare:
        window.display.compare([_key(k) for k in args.compare.split(",")])
    elif args.select:
        window.display.select(_key(args.select))
    elif window.display.candidates and not args.at:
        window.candidates_panel.list.setCurrentIndex(window.candidates_panel.model.index(0))
    if args.trigger_point:
        window.state.trigger_point = args.trigger_point
        window.state.changed.emit()
    if args.close_up:
        window.show_close_up(close_up(args.close_up))


def _target(
    app: QApplication, window: MainWindow, args: argparse.Namespace, size: tuple[int, int]
) -> tuple[QWidget, QRect]:
    """What to grab, and which part of it (an empty rect: all of it)."""
    if args.present:
        window.display.start_presentation()
        presentation = window.display.presentation
        assert presentation is not None
        presentation.showNormal()  # offscreen "full screen" is the 800x800 virtual screen
        presentation.resize(*size)
        app.processEvents()
        return presentation, QRect()
    if args.grab == "candidates":
        return window.candidates_dock, QRect()
    if args.grab == "card":
        return window.card_dock, QRect()
    if args.grab == "right":
        return window, window.candidates_dock.geometry().united(window.card_dock.geometry())
    return window, QRect()


def main() -> None:
    args = _arguments()
    app = QApplication([])
    bm = BodyMap.load()
    scratch = tempfile.TemporaryDirectory()  # preferences for this grab only
    settings = QSettings(str(Path(scratch.name) / "bodymap.ini"), QSettings.Format.IniFormat)
    settings.setValue("theme", args.theme)
    window = MainWindow(bm, settings)
    width, height = (int(v) for v in args.size.split("x"))
    window.resize(width, height)
    window.show()
    _draw(window, bm, args)
    app.processEvents()
    target, area = _target(app, window, args, (width, height))
    (target.grab(area) if area.isValid() else target.grab()).save(str(args.out))
    window.undo.setClean()
    window.documents.confirm_discard = lambda: True  # type: ignore[method-assign]
    top = [(c.muscle, c.side, c.fit) for c in window.display.candidates[:3]]
    print(f"wrote {args.out}: top {top}")
    window.close()


if __name__ == "__main__":
    main()
