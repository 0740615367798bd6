"""Generate ``assets/plantar.svg``: both soles seen from below, toes up, heels down.

The person's right sole is on the viewer's right (as if the person lay face down and
you looked at the soles), so each big toe is on the side toward the midline x = 380.
The unit is the other views' unit: the body is 1400 units tall, so a sole is
0.152 H = 213 units long (heel to the tip of the big toe) and 0.055 H = 77 to 90 units
wide across the ball of the foot, as long as the foot in the side view.

The outline is one closed path per sole (two sub-paths of ``body-outline``); the app
reads them as one shape of two parts. Each sole is drawn in foot coordinates (u across,
positive toward the little toe; v along, from the back of the heel toward the toes) and
placed with the heel's back at ``HEEL_Y`` and the foot's axis at ``MIDLINE + AXIS_DX``.

    python tools/draw_soles.py [OUT_DIR]    # rewrites assets/plantar.svg
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from draw_body import (
    Guide,
    ellipse_path,
    mirror_d,
    mirrored_guides,
    smooth_closed_path,
    smooth_open_path,
    svg_document,
)

MIDLINE = 380.0
WIDTH = 760
HEIGHT = 360
AXIS_DX = 100.0  # the foot's long axis, from the midline
HEEL_Y = 292.0  # the back of the heel
FOOT_LENGTH = 213.0

Point = tuple[float, float]

# (u, v, corner?) around the right sole, clockwise on screen starting at the back of the
# heel. Toes, from the little toe in: tip v, centre u, half width.
TOES: list[tuple[float, float, float]] = [
    (180.0, 36.0, 7.5),  # 5th
    (190.0, 22.5, 7.8),  # 4th
    (197.0, 8.5, 8.0),  # 3rd
    (203.0, -6.5, 8.0),  # 2nd
    (213.0, -26.5, 13.5),  # big toe
]
WEB_DEPTH = 11.0  # how far the clefts between the toes reach down from the tips


def _toe_points() -> list[tuple[Point, bool]]:
    """The tips and clefts of the toes, little toe to big toe (outer edge to inner edge)."""
    out: list[tuple[Point, bool]] = []
    for i, (tip, u, half) in enumerate(TOES):
        if i == 0:
            out.append(((u + half, tip - 9.0), False))
        out.append(((u + half * 0.7, tip - 2.5), False))
        out.append(((u, tip), False))
        out.append(((u - half * 0.7, tip - 2.5), False))
        if i + 1 < len(TOES):
            nxt_tip, nxt_u, nxt_half = TOES[i + 1]
            cleft_v = min(tip, nxt_tip) - WEB_DEPTH
            out.append((((u - half + nxt_u + nxt_half) / 2, cleft_v), True))
    return out


def sole_points() -> tuple[list[Point], set[int]]:
    """The right sole's outline in (u, v) with its corner indices."""
    outer_heel_to_ball: list[tuple[Point, bool]] = [
        ((1.0, 0.0), False),  # back of the heel
        ((21.0, 6.0), False),
        ((30.5, 24.0), False),
        ((31.5, 44.0), False),
        ((31.0, 70.0), False),
        ((34.5, 102.0), False),
        ((40.5, 132.0), False),
        ((45.5, 154.0), False),  # the 5th metatarsal head, the outer edge
        ((45.0, 166.0), False),
    ]
    inner_ball_to_heel: list[tuple[Point, bool]] = [
        ((-40.0, 188.0), False),
        ((-44.5, 168.0), False),
        ((-45.5, 150.0), False),  # the 1st metatarsal head, the inner edge
        ((-40.0, 126.0), False),
        ((-31.5, 100.0), False),  # the inner arch, curving in
        ((-27.0, 76.0), False),
        ((-28.0, 52.0), False),
        ((-28.5, 28.0), False),
        ((-19.0, 7.0), False),
    ]
    spec = outer_heel_to_ball + _toe_points() + inner_ball_to_heel
    return [p for p, _ in spec], {i for i, (_, corner) in enumerate(spec) if corner}


def to_frame(u: float, v: float) -> Point:
    """Foot coordinates of the right sole to frame coordinates."""
    return (MIDLINE + AXIS_DX + u, HEEL_Y - v)


def _frame_points(points: Sequence[Point]) -> list[Point]:
    return [to_frame(u, v) for u, v in points]


def right_sole_guides() -> list[Guide]:
    """Light lines on the right sole: the toe crease, the heel pad and the arch."""
    crease = smooth_open_path(
        _frame_points([(39.0, 164.0), (20.0, 176.0), (0.0, 181.0), (-18.0, 180.0), (-38.0, 172.0)])
    )
    big_toe = smooth_open_path(_frame_points([(-14.0, 186.0), (-25.0, 184.0), (-36.0, 185.0)]))
    heel = smooth_open_path(
        _frame_points([(-25.0, 62.0), (-10.0, 70.0), (8.0, 71.0), (24.0, 66.0), (29.0, 58.0)])
    )
    arch = smooth_open_path(
        _frame_points(
            [(-31.0, 74.0), (-20.0, 92.0), (-17.0, 112.0), (-22.0, 132.0), (-37.0, 144.0)]
        )
    )
    cx, cy = to_frame(-25.5, 153.0)
    ball = ellipse_path(cx, cy, 15.0, 11.0)
    return [
        Guide("right-toe-crease", crease, "crease"),
        Guide("right-big-toe-crease", big_toe, "crease"),
        Guide("right-heel-pad", heel, "crease"),
        Guide("right-arch", arch, "crease"),
        Guide("right-big-toe-ball", ball, "crease"),
    ]


def plantar_outline() -> str:
    points, corners = sole_points()
    right = smooth_closed_path(_frame_points(points), corners)
    return f"{right} {mirror_d(right, WIDTH)}"


def plantar_svg() -> str:
    right = right_sole_guides()
    units = (
        f"those of the other views (body height 1400), a sole {FOOT_LENGTH:g} long; "
        f"frame {WIDTH} x {HEIGHT}"
    )
    note = (
        "Both soles from below, toes up; the person's right sole on the viewer's right "
        f"(x > {MIDLINE:g})."
    )
    guides = [*right, *mirrored_guides(right, WIDTH)]
    return svg_document(
        "plantar", WIDTH, plantar_outline(), guides, note, HEIGHT, units, "tools/draw_soles.py"
    )


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "assets"
    out.mkdir(parents=True, exist_ok=True)
    (out / "plantar.svg").write_text(plantar_svg(), encoding="utf-8")
    print(f"wrote {out / 'plantar.svg'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
