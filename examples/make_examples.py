"""Write the example sessions in this folder with bodymap's own session API.

Run it again whenever the session format changes:

    python examples/make_examples.py            # rewrites examples/*.bodymap
    python examples/make_examples.py OUT_DIR    # or writes them somewhere else

Each example is what a patient would paint for a classic presentation: a few strokes
(severe where it hurts most, milder at the edges) on the views they would use. The
drawings are laid out for one side of the body in the person's-right coordinates of
each view and mirrored when the example is on the left.

Views: posterior and anterior are 760 x 1500 units with the midline at x = 380; the
right-lateral view is 600 x 1500 and the left-lateral view is its mirror image.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Literal

from bodymap.files.session import SUFFIX, Session, save_session
from bodymap.kinds import Answers, Intensity
from bodymap.marks import Mark

HERE = Path(__file__).resolve().parent

MILD, MODERATE, SEVERE = Intensity.MILD, Intensity.MODERATE, Intensity.SEVERE

# A stroke laid out on the person's right: (view, points, radius, intensity). The view
# "lateral" means the side view of the painful side.
Stroke = tuple[str, Sequence[tuple[float, float]], float, Intensity]

_WIDTH = {"posterior": 760.0, "anterior": 760.0, "lateral": 600.0}


def _marks(side: Literal["left", "right"], strokes: Sequence[Stroke]) -> tuple[Mark, ...]:
    """The strokes as marks on ``side``: right as laid out, left mirrored."""
    marks = []
    for view, points, radius, intensity in strokes:
        name = f"{side}-lateral" if view == "lateral" else view
        if side == "left":
            points = [(_WIDTH[view] - x, y) for x, y in points]
        marks.append(
            Mark(
                name,
                tuple((float(x), float(y)) for x, y in points),
                float(radius),
                False,
                intensity,
            )
        )
    return tuple(marks)


# The strokes of each example are in the order a patient paints them: the wider, milder
# ache first, then the worst spots on top (a later stroke repaints what it covers).

# Gluteus medius TrP1: a one-sided ache along the belt line beside the PSIS dimple, over
# the SI joint and the side of the sacrum, spilling into the upper inner buttock and a
# little up beside the lower lumbar spine.
GLUTEUS_MEDIUS_LOW_BACK: list[Stroke] = [
    # the ache sometimes creeps up beside the lower lumbar spine
    ("posterior", [(400, 600), (404, 626)], 16, MILD),
    # it spreads into the upper inner buttock
    ("posterior", [(432, 690), (458, 698), (450, 720), (430, 724)], 18, MODERATE),
    # back and forth along the belt line, beside the spine out past the PSIS dimple
    (
        "posterior",
        [(394, 644), (428, 638), (452, 644), (446, 662), (412, 664), (400, 676)],
        16,
        SEVERE,
    ),
    # and down over the SI joint and the side of the sacrum
    ("posterior", [(412, 670), (418, 694), (404, 712)], 18, SEVERE),
]

# Gluteus minimus ("pseudo-sciatica"): deep buttock and outer hip pain running down the
# back-outer and outer thigh to the knee, with a lighter ache down the outer calf to the
# ankle bone. No band into the foot, no numbness: not a nerve-root picture.
PSEUDO_SCIATICA: list[Stroke] = [
    # a lighter ache over the outer knee and down the outer calf
    ("posterior", [(466, 1010), (472, 1080), (472, 1160), (462, 1240), (454, 1310)], 16, MILD),
    ("lateral", [(236, 1050), (238, 1140), (236, 1240), (238, 1340), (242, 1380)], 16, MILD),
    # down the back-outer thigh to the knee
    ("posterior", [(484, 800), (482, 870), (474, 940), (466, 1000)], 22, MODERATE),
    # down the side of the thigh, seen from the side
    ("lateral", [(252, 770), (254, 860), (248, 950), (244, 1030)], 22, MODERATE),
    # deep in the lower outer buttock, painted back and forth
    (
        "posterior",
        [(474, 704), (510, 704), (496, 730), (462, 738), (480, 764), (508, 770)],
        18,
        SEVERE,
    ),
    # and over the side of the hip, around the hip bone
    ("lateral", [(208, 700), (280, 700), (270, 730), (216, 740)], 18, SEVERE),
]

# Upper trapezius TrP1: ache up the back and side of the neck from the top of the
# shoulder to behind the ear, curving over the ear to a temple headache.
NECK_AND_SHOULDER: list[Stroke] = [
    # sometimes at the angle of the jaw
    ("lateral", [(260, 214)], 12, MILD),
    # from the top of the shoulder into the neck
    ("posterior", [(494, 302), (470, 294), (448, 282)], 16, MODERATE),
    # curving behind and over the ear on the way to the temple
    ("lateral", [(230, 190), (228, 160), (236, 134), (256, 118)], 12, MODERATE),
    # up the side and back of the neck to behind the ear
    ("posterior", [(440, 282), (426, 256), (422, 228), (430, 202)], 18, SEVERE),
    ("lateral", [(212, 298), (222, 262), (226, 230), (228, 202)], 20, SEVERE),
    # the temple headache
    ("lateral", [(282, 124), (294, 138)], 16, SEVERE),
]

# Quadratus lumborum (superficial TrP): one-sided low back pain along the top of the
# pelvis into the flank, with a sore outer hip bone and the ache reaching the buttock.
QUADRATUS_LUMBORUM: list[Stroke] = [
    # a lighter ache in the lower buttock and down the outer upper thigh
    ("posterior", [(428, 766), (462, 774)], 16, MILD),
    ("lateral", [(252, 766), (252, 840)], 18, MILD),
    # the outer hip bone, seen from behind
    ("posterior", [(508, 690), (512, 726)], 18, MODERATE),
    # along the iliac crest, from beside the spine out to the flank
    ("posterior", [(440, 640), (462, 624), (490, 614), (512, 620)], 20, SEVERE),
    # from the side: the flank down along the crest
    ("lateral", [(184, 626), (220, 612), (256, 614), (284, 626)], 18, SEVERE),
    # and the sore hip bone (cannot lie on it)
    ("lateral", [(236, 690), (262, 712), (240, 724)], 18, SEVERE),
]


EXAMPLES: dict[str, Session] = {
    "gluteus-medius-low-back": Session(
        marks=_marks("right", GLUTEUS_MEDIUS_LOW_BACK),
        selected=("gluteus_medius", "right"),
        notes=(
            "Ache along the right belt line and over the SI joint for three weeks, since "
            "starting to run on sand. Worse climbing stairs, getting out of the car and "
            "lying on the right side."
        ),
        patient="Example: Ana Ruiz",
        date="2026-03-12",
        answers=Answers({"worse-stairs": "yes", "worse-lying-on-side": "yes"}),
    ),
    "pseudo-sciatica": Session(
        marks=_marks("left", PSEUDO_SCIATICA),
        selected=("gluteus_minimus", "left"),
        notes=(
            "Deep left buttock pain running down the outside of the thigh and calf for a "
            "month, after a weekend of painting a fence on ladders. Worse getting up from a "
            "chair and walking far; no numbness, no weakness, the back itself does not hurt."
        ),
        patient="Example: Tomas Lindqvist",
        date="2026-04-02",
        answers=Answers(
            {"worse-getting-up": "yes", "worse-walking": "yes", "numbness": "no", "weakness": "no"}
        ),
    ),
    "neck-and-shoulder": Session(
        marks=_marks("right", NECK_AND_SHOULDER),
        selected=("upper_trapezius", "right"),
        notes=(
            "Ache up the right side of the neck behind the ear, with a right temple "
            "headache by the afternoon. Worse on long days at the laptop and carrying a "
            "heavy shoulder bag."
        ),
        patient="Example: Mei Tanaka",
        date="2026-05-20",
    ),
    "quadratus-lumborum": Session(
        marks=_marks("left", QUADRATUS_LUMBORUM),
        selected=("quadratus_lumborum", "left"),
        notes=(
            "Sharp left low back pain along the top of the pelvis since lifting a suitcase "
            "two days ago; the outer hip is sore and it hurts to roll over in bed, cough "
            "or stand up straight."
        ),
        patient="Example: Kofi Mensah",
        date="2026-06-08",
        answers=Answers(
            {"worse-turning-in-bed": "yes", "worse-coughing": "yes", "worse-getting-up": "yes"}
        ),
    ),
}


def _easing(strokes: Sequence[Stroke], keep: int, shrink: float, worst: Intensity) -> list[Stroke]:
    """The last ``keep`` strokes (the worst spots), narrower by ``shrink`` and no worse
    than ``worst``: the same pain, easing."""
    order = [MILD, MODERATE, SEVERE]
    return [
        (view, points, radius * shrink, min(level, worst, key=order.index))
        for view, points, radius, level in strokes[-keep:]
    ]


# One made-up patient over six weeks of treatment for a gluteus medius pattern: the pain
# shrinks to the worst spot on the belt line and eases (examples/visits/).
VISITS: dict[str, Session] = {
    f"visit-{n}": Session(
        marks=_marks("right", strokes),
        selected=("gluteus_medius", "right"),
        notes=notes,
        patient="Example: Lena Okafor",
        date=date,
        answers=Answers({"worse-lying-on-side": "yes", "worse-walking": walking}),
    )
    for n, (date, strokes, notes, walking) in enumerate(
        (
            (
                "2026-09-01",
                GLUTEUS_MEDIUS_LOW_BACK,
                "First visit: right low back and buttock ache for five weeks since starting "
                "to run on sand. Cannot lie on the right side.",
                "yes",
            ),
            (
                "2026-09-22",
                _easing(GLUTEUS_MEDIUS_LOW_BACK, 3, 0.8, MODERATE),
                "Three weeks of pressure release and hip strengthening: the ache no longer "
                "creeps up the back; walking is easier.",
                "no",
            ),
            (
                "2026-10-13",
                _easing(GLUTEUS_MEDIUS_LOW_BACK, 1, 0.6, MILD),
                "Six weeks: a mild ache on the belt line after long runs only.",
                "no",
            ),
        ),
        1,
    )
}


def write_visits(folder: Path = HERE / "visits") -> list[Path]:
    """Write the visits example to ``folder``; return the paths."""
    return _write(folder, VISITS)


def write_examples(folder: Path = HERE) -> list[Path]:
    """Write every example to ``folder`` as ``NAME.bodymap``; return the paths."""
    return _write(folder, EXAMPLES)


def _write(folder: Path, sessions: dict[str, Session]) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, session in sessions.items():
        path = folder / f"{name}{SUFFIX}"
        # A fixed time on the visit's date, so that regenerating unchanged examples
        # leaves the files byte for byte as they were.
        save_session(path, replace(session, saved_at=f"{session.date}T09:00:00+00:00"))
        paths.append(path)
    return paths


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    folder = Path(args[0]) if args else HERE
    for path in [*write_examples(folder), *write_visits(folder / "visits")]:
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
