"""Generate the body diagram art in ``assets/`` from proportions.

The SVG files are the source of truth for the app: the drawing *and* the geometry
(``bodymap.atlas`` reads the ``body-outline`` path to build the shapely outline).
This script draws every view from the body proportions of Drillis & Contini and published
anthropometric depths, all held as numbers below; edit the numbers here and rerun it, or edit
the SVG by hand in any vector editor (keep the element ids).

Every view: body height H = 1400 units, top of the head at y = 50, floor at y = 1450,
frame height 1500, ``y(h) = 1450 - 1400 * h`` for a height fraction h.

- ``posterior`` and ``anterior``: frame 760 x 1500, midline x = 380, the same
  silhouette (it is symmetric, so its mirror image is itself); the person's right is on
  the viewer's right from behind and on the viewer's left from the front. The arms are in
  the anatomical position (palms forward): the front view shows the palms, the back view
  the backs of the hands, and in both the thumb stands off the outer side of the hand.
  The front view draws the toes on the feet.
- ``right-lateral``: frame 600 x 1500, the right side, nose toward +x; the plumb line
  (ear, acromion, greater trochanter) at x = 250.
- ``left-lateral``: the exact mirror image of ``right-lateral`` about x = 300 (every
  coordinate is mirrored; the outline reader ignores SVG transforms).

    python tools/draw_body.py [OUT_DIR]    # rewrites the four assets/<view>.svg
"""

from __future__ import annotations

import itertools
import math
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

MIDLINE = 380.0
WIDTH = 760
HEIGHT = 1500
SIDE_WIDTH = 600
PLUMB = 250.0  # x of the plumb line in the right-lateral view

Point = tuple[float, float]
Spec = tuple[float, float] | tuple[float, float, str]  # "c" as third item marks a corner
# Turns (dx from the midline, y) points of the right half into frame points of one side.
Pts = Callable[[Sequence[Point | Spec]], list[Point]]


def along(origin: Spec, angle: float, s: float, d: float, *corner: str) -> Spec:
    """A point ``s`` along a limb axis leaving ``origin`` at ``angle`` degrees from the
    vertical (toward +x), offset ``d`` across it (positive: toward +x)."""
    a = math.radians(angle)
    x = origin[0] + s * math.sin(a) + d * math.cos(a)
    y = origin[1] + s * math.cos(a) - d * math.sin(a)
    if corner:
        return (round(x, 1), round(y, 1), corner[0])
    return (round(x, 1), round(y, 1))


# --- front and back views -------------------------------------------------------------
# Arm of the right half, in (dx from the midline, y): the upper arm hangs 12 degrees away
# from the trunk, the forearm 9 degrees, the hand 5 degrees. Upper arm about 80 units
# (0.057 H) wide, the forearm 70 tapering to 47 at the wrist. The arm is in the anatomical
# position: the palm faces forward, so the thumb lies on the OUTER side of the hand (away
# from the body) in both the front and the back view; the front view shows the palm, the
# back view the back of the hand. The silhouette is the same from both sides.
SHOULDER: Point = (160.0, 330.0)
ELBOW = along(SHOULDER, 12, 243, 0)
WRIST = along(ELBOW, 9, 205, 0)

# The hand, in (s, d) from the wrist crease: s along the hand's axis (5 degrees from the
# vertical), d across it (positive: the outer, thumb side). The hand is 0.108 H (150 units)
# from the wrist crease to the tip of the middle finger, the palm 0.048 H (66) across.
HAND_ANGLE = 5.0
HAND_LENGTH = 150.0
# The thumb leaves the hand at its base (the trapeziometacarpal joint, s = 12 on the outer
# side) and points 28 degrees away from the hand's axis, away from the body: about 20
# units thick, its free part (web to tip) about 58 long.
THUMB_BASE: Point = (10.0, 19.0)
THUMB_ANGLE = 26.0
THUMB_REACH = 108.0  # from its base to the tip
# The four fingers, held together: (centre d, half width, tip s), index to little finger.
FINGERS: tuple[tuple[float, float, float], ...] = (
    (22.5, 8.5, 138.0),  # index
    (5.5, 8.5, HAND_LENGTH),  # middle
    (-10.5, 8.0, 144.0),  # ring
    (-25.5, 7.5, 124.0),  # little
)
FINGER_WEB_S = 95.0  # where the fingers part (the webs between them), palm side


def hand(s: float, d: float, *corner: str) -> Spec:
    """A point of the right hand in (s, d) hand coordinates (see ``HAND_ANGLE``)."""
    return along(WRIST, HAND_ANGLE, s, d, *corner)


def thumb_sd(t: float, e: float) -> Point:
    """(s, d) of a point ``t`` along the thumb's axis from its base, ``e`` across it
    (positive: its outer edge, away from the fingers)."""
    a = math.radians(THUMB_ANGLE)
    s0, d0 = THUMB_BASE
    return (s0 + t * math.cos(a) - e * math.sin(a), d0 + t * math.sin(a) + e * math.cos(a))


def thumb(t: float, e: float, *corner: str) -> Spec:
    return hand(*thumb_sd(t, e), *corner)


def finger_partings() -> list[Point]:
    """(s, d) of the notch where each finger's tip parts from the next one's."""
    out: list[Point] = []
    for (c, w, tip), (c2, w2, tip2) in itertools.pairwise(FINGERS):
        out.append((min(tip - 1.2 * w, tip2 - 1.2 * w2) - 12, (c - w + c2 + w2) / 2))
    return out


def _fingertips() -> list[Spec]:
    """The fingertips from the index to the little finger, with a small notch between
    neighbouring fingers where their rounded tips part."""
    out: list[Spec] = []
    notches = finger_partings()
    for i, (c, w, tip) in enumerate(FINGERS):
        out += [
            hand(tip - 1.2 * w, c + 0.8 * w),
            hand(tip - 0.3 * w, c + 0.62 * w),
            hand(tip, c),
            hand(tip - 0.3 * w, c - 0.62 * w),
            hand(tip - 1.2 * w, c - 0.8 * w),
        ]
        if i < len(notches):
            out.append(hand(*notches[i], "c"))
    return out


HAND_OUTLINE: list[Spec] = [
    hand(0, 24),  # wrist crease, outer (radial) side
    hand(7, 28),
    # the ball of the thumb and the thumb's outer edge, then its tip
    thumb(16, 14.5),
    thumb(38, 13),
    thumb(60, 11),
    thumb(80, 10),
    thumb(THUMB_REACH - 9, 9),
    thumb(THUMB_REACH - 3, 5.5),
    thumb(THUMB_REACH, 0),
    thumb(THUMB_REACH - 3, -5.5),
    thumb(THUMB_REACH - 9, -8.8),
    # the thumb's inner edge back to the web between thumb and index finger
    thumb(78, -9.6),
    thumb(62, -10.2),
    hand(62, 31, "c"),  # the web of the thumb
    # the outer edge of the index finger, the fingertips, the little finger's edge
    hand(76, 31.5),
    hand(98, 31.2),
    hand(118, 30.6),
    *_fingertips(),
    hand(104, -33),
    hand(84, -34),
    # the little-finger (ulnar) edge of the palm, over the hypothenar eminence
    hand(60, -35),
    hand(38, -34),
    hand(18, -30.5),
    hand(3, -25),  # wrist crease, inner (ulnar) side
]

ARM_OUTER: list[Spec] = [
    along(SHOULDER, 12, 80, 42),
    along(SHOULDER, 12, 135, 40),
    along(SHOULDER, 12, 190, 37.5),
    along(SHOULDER, 12, 243, 35),  # elbow
    along(ELBOW, 9, 35, 35),
    along(ELBOW, 9, 100, 30.5),
    along(ELBOW, 9, 165, 25.5),
    along(ELBOW, 9, 190, 23.8),
    *HAND_OUTLINE,
]
ARM_INNER: list[Spec] = [
    along(ELBOW, 9, 190, -24),
    along(ELBOW, 9, 165, -25.5),
    along(ELBOW, 9, 100, -30.5),
    along(ELBOW, 9, 35, -35),
    along(SHOULDER, 12, 243, -35),  # elbow, inner
    along(SHOULDER, 12, 190, -37.5),
    along(SHOULDER, 12, 135, -40),
]

# Right half of the front/back outline (dx from the midline, y), clockwise from the crown.
BODY_HALF: list[Spec] = [
    (0, 50),
    (36, 56),
    (58, 77),
    (67, 110),
    (68, 145),
    (65, 168),
    # ear
    (70, 166, "c"),
    (76, 180),
    (75, 198),
    (66, 212, "c"),
    (58, 222),
    # neck
    (49, 240),
    (47, 256),
    (54, 270),
    # trapezius slope to the acromion
    (78, 283),
    (112, 293),
    (146, 301),
    (170, 309),
    # deltoid
    (190, 319),
    (204, 338),
    (212, 364),
    *ARM_OUTER,
    *ARM_INNER,
    (141, 436, "c"),  # armpit
    # trunk side
    (131, 468),
    (122, 510),
    (113, 550),
    (110, 580),
    (113, 608),
    (123, 638),
    (134, 668),
    (140, 702),
    (141, 735),
    # outer thigh
    (138, 772),
    (133, 822),
    (126, 882),
    (117, 942),
    (106, 1000),
    (98, 1045),
    # knee and calf, outer
    (97, 1075),
    (103, 1115),
    (106, 1160),
    (101, 1215),
    (90, 1282),
    (80, 1340),
    (76, 1380),
    # ankle and foot
    (80, 1402),
    (84, 1428),
    (79, 1446),
    (62, 1452),
    (42, 1452),
    (26, 1446),
    (22, 1428),
    (27, 1402),
    # inner leg
    (30, 1375),
    (30, 1335),
    (25, 1275),
    (17, 1205),
    (14, 1150),
    (18, 1100),
    (22, 1062),
    (20, 1020),
    (16, 962),
    (12, 902),
    (8, 850),
    (3, 808),
    (0, 792, "c"),
]
# Kept for scripts that imported the old name.
POSTERIOR_HALF = BODY_HALF


# --- side view -------------------------------------------------------------------------
# The right side, nose toward +x, in (dx from the plumb line, y). Depths from the
# reference: head 0.115 H, neck 0.07 H, chest 0.148 H, waist 0.12 H, buttocks 0.14 H,
# upper thigh 0.10 H, knee 0.06 H, calf 0.07 H, ankle 0.04 H, foot 0.152 H long. The arm
# hangs a little forward (shoulder 16 degrees, forearm 24 degrees) so that the lateral
# chest, flank, lower back, hip and buttock stay visible behind it.
SIDE_SHOULDER: Point = (2.0, 330.0)
SIDE_ELBOW = along(SIDE_SHOULDER, 16, 243, 0)
SIDE_WRIST = along(SIDE_ELBOW, 24, 204, 0)

SIDE_PROFILE: list[Spec] = [
    (-5, 50),  # crown
    (32, 56),
    (60, 76),
    (74, 104),
    (78, 127),  # brow
    (73, 143),  # root of the nose
    (84, 161),
    (98, 179),  # tip of the nose
    (93, 186),
    (83, 189, "c"),
    (87, 198),  # lips
    (83, 206),
    (86, 212),
    (78, 221),
    (83, 233),  # chin
    (72, 244),
    (50, 251),
    (38, 260),  # throat
    (36, 278),
    (40, 296),
    (50, 312),  # suprasternal notch
    (72, 336),
    (91, 372),
    (101, 410),
    (102, 442),  # chest at the nipple line
    (98, 472),
    (94, 494),
    along(SIDE_SHOULDER, 16, 196, 36, "c"),  # where the arm leaves the chest
    along(SIDE_SHOULDER, 16, 225, 34.5),
    along(SIDE_ELBOW, 24, 0, 33.5),  # front of the elbow
    along(SIDE_ELBOW, 24, 35, 33),
    along(SIDE_ELBOW, 24, 100, 28.5),
    along(SIDE_ELBOW, 24, 165, 23.5),
    along(SIDE_WRIST, 20, 0, 21),  # wrist, front
    # hand seen from the side (back of the hand toward the viewer), thumb in front
    along(SIDE_WRIST, 16, 22, 30),
    along(SIDE_WRIST, 16, 50, 36),
    along(SIDE_WRIST, 16, 76, 34),
    along(SIDE_WRIST, 16, 83, 26, "c"),
    along(SIDE_WRIST, 16, 105, 27),
    along(SIDE_WRIST, 16, 130, 23),
    along(SIDE_WRIST, 16, 146, 11),
    along(SIDE_WRIST, 16, 150, -3),
    along(SIDE_WRIST, 16, 143, -17),
    along(SIDE_WRIST, 16, 118, -27),
    along(SIDE_WRIST, 16, 82, -32),  # knuckles
    along(SIDE_WRIST, 16, 44, -29),
    along(SIDE_WRIST, 20, 2, -21),  # wrist, back
    along(SIDE_ELBOW, 24, 165, -23.5),
    along(SIDE_ELBOW, 24, 130, -26.5),
    along(SIDE_ELBOW, 24, 96, -28.5, "c"),  # the forearm meets the belly
    # belly, groin and the front of the leg
    (83, 690),
    (81, 718),
    (77, 748),
    (79, 790),
    (74, 860),
    (64, 945),
    (52, 1005),
    (43, 1032),  # kneecap
    (42, 1058),
    (33, 1085),
    (30, 1125),
    (28, 1185),
    (23, 1265),
    (18, 1340),
    (18, 1382),  # front of the ankle
    # foot
    (32, 1390),
    (62, 1399),
    (98, 1413),
    (128, 1426),
    (146, 1436),
    (153, 1444),  # toes
    (146, 1450),
    (100, 1451),
    (40, 1451),
    (-20, 1451),
    (-46, 1449),
    (-57, 1440),  # heel
    (-58, 1422),
    (-48, 1403),
    (-38, 1380),  # Achilles tendon
    (-40, 1340),
    (-50, 1280),
    (-62, 1215),
    (-70, 1155),  # calf
    (-66, 1105),
    (-52, 1062),  # back of the knee
    (-53, 1030),
    (-59, 990),
    (-66, 920),
    (-72, 850),
    (-76, 814),
    (-84, 800, "c"),  # gluteal fold
    (-99, 786),
    (-110, 758),
    (-113, 725),  # buttock
    (-106, 690),
    (-94, 652),
    (-86, 615),  # lumbar curve
    (-85, 590),
    (-88, 550),
    (-96, 505),
    (-104, 460),
    (-107, 420),  # upper back
    (-104, 380),
    (-96, 345),
    (-82, 315),
    (-68, 292),  # C7
    (-56, 272),
    (-52, 250),  # back of the neck
    (-56, 226),
    (-66, 205),  # occiput
    (-78, 180),
    (-85, 150),
    (-85, 120),
    (-72, 88),
    (-44, 62),
]


# --- path helpers ------------------------------------------------------------------------


def smooth_closed_path(points: Sequence[Point], corners: set[int], tension: float = 1.0) -> str:
    """A closed Catmull-Rom spline through ``points`` as an SVG path of cubic Béziers.

    At a corner the tangent on both sides is taken along the neighbouring segment, so
    the curve meets the corner without overshoot.
    """
    n = len(points)
    segments = [f"M {points[0][0]:.1f},{points[0][1]:.1f}"]

    def tangent(i: int) -> Point:
        prev, nxt = points[(i - 1) % n], points[(i + 1) % n]
        if i in corners:
            return (0.0, 0.0)
        return ((nxt[0] - prev[0]) * tension / 6, (nxt[1] - prev[1]) * tension / 6)

    for i in range(n):
        p1, p2 = points[i], points[(i + 1) % n]
        t1, t2 = tangent(i), tangent((i + 1) % n)
        c1 = (p1[0] + t1[0], p1[1] + t1[1])
        c2 = (p2[0] - t2[0], p2[1] - t2[1])
        segments.append(
            f"C {c1[0]:.1f},{c1[1]:.1f} {c2[0]:.1f},{c2[1]:.1f} {p2[0]:.1f},{p2[1]:.1f}"
        )
    segments.append("Z")
    return " ".join(segments)


def smooth_open_path(points: Sequence[Point], tension: float = 1.0) -> str:
    """An open Catmull-Rom spline through ``points``."""
    n = len(points)
    parts = [f"M {points[0][0]:.1f},{points[0][1]:.1f}"]
    for i in range(n - 1):
        p0 = points[max(i - 1, 0)]
        p1, p2 = points[i], points[i + 1]
        p3 = points[min(i + 2, n - 1)]
        c1 = (p1[0] + (p2[0] - p0[0]) * tension / 6, p1[1] + (p2[1] - p0[1]) * tension / 6)
        c2 = (p2[0] - (p3[0] - p1[0]) * tension / 6, p2[1] - (p3[1] - p1[1]) * tension / 6)
        parts.append(f"C {c1[0]:.1f},{c1[1]:.1f} {c2[0]:.1f},{c2[1]:.1f} {p2[0]:.1f},{p2[1]:.1f}")
    return " ".join(parts)


def ellipse_path(cx: float, cy: float, rx: float, ry: float) -> str:
    """An ellipse as four cubic Béziers (plain coordinates, so it mirrors like the rest)."""
    k = 0.5523
    return (
        f"M {cx + rx:.1f},{cy:.1f} "
        f"C {cx + rx:.1f},{cy + k * ry:.1f} {cx + k * rx:.1f},{cy + ry:.1f} {cx:.1f},{cy + ry:.1f} "
        f"C {cx - k * rx:.1f},{cy + ry:.1f} {cx - rx:.1f},{cy + k * ry:.1f} {cx - rx:.1f},{cy:.1f} "
        f"C {cx - rx:.1f},{cy - k * ry:.1f} {cx - k * rx:.1f},{cy - ry:.1f} {cx:.1f},{cy - ry:.1f} "
        f"C {cx + k * rx:.1f},{cy - ry:.1f} {cx + rx:.1f},{cy - k * ry:.1f} {cx + rx:.1f},{cy:.1f} Z"
    )


def closed_outline(specs: Sequence[Spec], origin_x: float) -> tuple[list[Point], set[int]]:
    points = [(origin_x + p[0], float(p[1])) for p in specs]
    corners = {i for i, p in enumerate(specs) if len(p) == 3}
    return points, corners


def full_outline(half: Sequence[Spec]) -> tuple[list[Point], set[int]]:
    """Mirror the right half into a closed outline that runs clockwise from the crown."""
    right = [(MIDLINE + p[0], float(p[1])) for p in half]
    right_corners = {i for i, p in enumerate(half) if len(p) == 3}
    # The left half, from the crotch back up to just before the crown (both midline
    # points, crown and crotch, appear once).
    inner = half[1:-1]
    left = [(MIDLINE - p[0], float(p[1])) for p in reversed(inner)]
    left_corners = {len(right) + (len(inner) - 1 - i) for i, p in enumerate(inner) if len(p) == 3}
    return right + left, right_corners | left_corners


def mirrored(points: Sequence[Point]) -> list[Point]:
    return [(2 * MIDLINE - x, y) for x, y in points]


def at(dx: float, y: float) -> Point:
    return (MIDLINE + dx, y)


def xy(p: Spec) -> Point:
    return (p[0], p[1])


@dataclass(frozen=True)
class Guide:
    """One light guide line (or small filled mark) of a drawing."""

    id: str
    d: str
    cls: str


def both_sides(make: Callable[[bool, Pts], list[Guide]]) -> list[Guide]:
    """Guides drawn by ``make(side, pts)`` for the right side and mirrored for the left.

    ``pts`` turns (dx from the midline, y) into frame points: the person's right side is
    drawn at +dx here and mirrored to -dx; the caller names the sides for its view.
    """
    guides: list[Guide] = []
    for flip in (False, True):

        def pts(seq: Sequence[Point | Spec], flip: bool = flip) -> list[Point]:
            p = [at(q[0], q[1]) for q in seq]
            return mirrored(p) if flip else p

        guides.extend(make(flip, pts))
    return guides


def hand_guides(side: str, p: Pts, palm: bool) -> list[Guide]:
    """The fingers' partings and the palm's creases (anterior, ``palm``) or the knuckles
    and nails (posterior, the back of the hand)."""
    out: list[Guide] = []
    for i, (notch, between) in enumerate(finger_partings(), start=1):
        web = FINGER_WEB_S - 2 * i if palm else FINGER_WEB_S - 6 - 2 * i
        parting = [hand(web, between), hand((web + notch) / 2, between), hand(notch, between)]
        out.append(Guide(f"{side}-finger-{i}", smooth_open_path(p(parting)), "crease"))
    if palm:
        thenar = [hand(58, 28), hand(42, 17), hand(24, 10), hand(6, 9)]
        head = [hand(58, 28), hand(62, 8), hand(66, -12), hand(70, -28)]
        heart = [hand(74, -33), hand(78, -14), hand(82, 2), hand(87, 14)]
        base = [hand(FINGER_WEB_S - 1, 30), hand(FINGER_WEB_S + 1, 5), hand(FINGER_WEB_S - 6, -32)]
        wrist = [hand(1, -19), hand(2, 0), hand(1, 19)]
        thumb_joint = [thumb(80, -8.5), thumb(81, 0), thumb(80, 8.5)]
        out += [
            Guide(f"{side}-thenar-crease", smooth_open_path(p(thenar)), "crease"),
            Guide(f"{side}-palmar-crease", smooth_open_path(p(head)), "crease"),
            Guide(f"{side}-distal-palmar-crease", smooth_open_path(p(heart)), "crease"),
            Guide(f"{side}-finger-crease", smooth_open_path(p(base)), "crease"),
            Guide(f"{side}-wrist-crease", smooth_open_path(p(wrist)), "crease"),
            Guide(f"{side}-thumb-crease", smooth_open_path(p(thumb_joint)), "crease"),
        ]
    else:
        knuckles = [hand(84, 26), hand(88, 8), hand(87, -10), hand(80, -27)]
        out.append(Guide(f"{side}-knuckles", smooth_open_path(p(knuckles)), "crease"))
        for i, (c, w, tip) in enumerate(FINGERS, start=1):
            cx, cy = p([hand(tip - 7.5, c)])[0]
            out.append(Guide(f"{side}-nail-{i}", ellipse_path(cx, cy, 0.55 * w, 6.0), "crease"))
        tx, ty = p([thumb(THUMB_REACH - 7.5, 0)])[0]
        out.append(Guide(f"{side}-thumb-nail", ellipse_path(tx, ty, 5.0, 5.5), "crease"))
    return out


def posterior_guides() -> list[Guide]:
    """The light guide lines of the posterior view."""
    guides: list[Guide] = []
    # The spine, from C7 to the top of the sacrum (just below L5).
    guides.append(Guide("spine", smooth_open_path([at(0, 281), at(0, 460), at(0, 638)]), "spine"))

    def make(flip: bool, pts: Pts) -> list[Guide]:
        side = "left" if flip else "right"  # the person's right is the viewer's right
        out = []
        blade = pts([(62, 318), (58, 362), (62, 406), (76, 442), (96, 424), (118, 394), (138, 358)])
        out.append(Guide(f"{side}-scapula", smooth_open_path(blade), "bone"))
        spine_of_scapula = pts([(54, 352), (90, 340), (130, 326), (164, 314)])
        out.append(Guide(f"{side}-scapular-spine", smooth_open_path(spine_of_scapula), "bone"))
        crest = pts([(54, 646), (70, 628), (96, 616), (122, 624)])
        out.append(Guide(f"{side}-iliac-crest", smooth_open_path(crest), "bone"))
        fold = pts([(6, 800), (40, 808), (82, 806), (118, 786)])
        out.append(Guide(f"{side}-gluteal-fold", smooth_open_path(fold), "crease"))
        knee = pts([(34, 1052), (58, 1057), (84, 1052)])
        out.append(Guide(f"{side}-knee-crease", smooth_open_path(knee), "crease"))
        achilles = pts([(44, 1320), (48, 1380), (50, 1420)])
        out.append(Guide(f"{side}-achilles", smooth_open_path(achilles), "crease"))
        elbow = pts(
            [
                along(SHOULDER, 12, 238, -11),
                along(SHOULDER, 12, 246, 0),
                along(SHOULDER, 12, 238, 11),
            ]
        )
        out.append(Guide(f"{side}-elbow", smooth_open_path(elbow), "crease"))
        out.extend(hand_guides(side, pts, palm=False))
        out.append(
            Guide(f"{side}-psis-dimple", ellipse_path(*pts([(49, 666)])[0], 3.5, 3.5), "dimple")
        )
        return out

    guides.extend(both_sides(make))
    # The sacrum, an inverted triangle from just below L5 to its apex at about y = 720,
    # then the short coccyx down to its tip (the coccyx landmark, y = 748), and the
    # gluteal cleft below it.
    sacrum = [(-9, 719), (-20, 704), (-30, 676), (-35, 648), (-18, 641), (0, 640)]
    sacrum += [(-x, y) for x, y in reversed(sacrum[:-1])]
    guides.append(Guide("sacrum", smooth_open_path([at(*p) for p in sacrum], tension=0.5), "bone"))
    guides.append(
        Guide("sacrum-apex", smooth_open_path([at(-9, 719), at(0, 721), at(9, 719)]), "bone")
    )
    coccyx = [(-7, 723), (-5, 735), (0, 747), (5, 735), (7, 723)]
    guides.append(Guide("coccyx", smooth_open_path([at(*p) for p in coccyx], tension=0.5), "bone"))
    guides.append(
        Guide("gluteal-cleft", smooth_open_path([at(0, 752), at(0, 772), at(0, 790)]), "crease")
    )
    return guides


# The toes seen from the front (right half, dx from the midline): the big toe on the inner
# side, then the second to fifth toes, as (inner edge, outer edge, top y, y where the
# toe's sides meet the sole). The foot's outline stays as it is; the toes are drawn on it.
TOES: tuple[tuple[float, float, float], ...] = (
    (25.0, 42.0, 1423.0),  # big toe
    (42.0, 52.0, 1428.0),
    (52.0, 61.5, 1431.0),
    (61.5, 70.5, 1434.0),
    (70.5, 79.0, 1437.0),  # little toe
)
TOE_BASE_Y = {25.0: 1442.0, 42.0: 1449.0, 52.0: 1450.0, 61.5: 1449.5, 70.5: 1448.0, 79.0: 1443.0}


def toe_guides(side: str, p: Pts) -> list[Guide]:
    """The five toes of the front view: each toe's rounded top and sides, and the nail
    of the big toe."""
    out: list[Guide] = []
    for i, (inner, outer, top) in enumerate(TOES, start=1):
        w = outer - inner
        h_in, h_out = TOE_BASE_Y[inner] - top, TOE_BASE_Y[outer] - top
        toe = [
            (inner, TOE_BASE_Y[inner]),
            (inner + 0.04 * w, top + 0.5 * h_in),
            (inner + 0.2 * w, top + 0.12 * h_in),
            (inner + 0.5 * w, top),
            (outer - 0.2 * w, top + 0.12 * h_out),
            (outer - 0.04 * w, top + 0.5 * h_out),
            (outer, TOE_BASE_Y[outer]),
        ]
        out.append(Guide(f"{side}-toe-{i}", smooth_open_path(p(toe)), "crease"))
    inner, outer, top = TOES[0]
    nail = p([((inner + outer) / 2, top + 9.0)])[0]
    out.append(Guide(f"{side}-big-toe-nail", ellipse_path(*nail, 5.0, 4.0), "crease"))
    return out


def anterior_guides() -> list[Guide]:
    """The light guide lines of the anterior view: face, chest, belly, groin, knees."""
    guides: list[Guide] = []

    def make(flip: bool, pts: Pts) -> list[Guide]:
        # Drawn at +dx = the viewer's right = the person's LEFT in this view.
        side = "right" if flip else "left"
        out = []
        eye = pts([(12, 141), (18, 137), (25, 136), (32, 140), (25, 144), (18, 144), (12, 141)])
        out.append(Guide(f"{side}-eye", smooth_open_path(eye, tension=0.8), "crease"))
        out.append(
            Guide(
                f"{side}-brow", smooth_open_path(pts([(10, 129), (22, 124), (36, 128)])), "crease"
            )
        )
        clavicle = pts([(10, 301), (40, 307), (80, 303), (118, 296), (148, 299)])
        out.append(Guide(f"{side}-clavicle", smooth_open_path(clavicle), "bone"))
        pectoral = pts([(6, 474), (48, 482), (96, 470), (130, 438)])
        out.append(Guide(f"{side}-pectoral", smooth_open_path(pectoral), "crease"))
        out.append(Guide(f"{side}-nipple", ellipse_path(*pts([(78, 442)])[0], 3.5, 3.5), "dimple"))
        ribs = pts([(4, 502), (34, 524), (68, 548), (94, 564), (106, 569)])
        out.append(Guide(f"{side}-rib-margin", smooth_open_path(ribs), "bone"))
        groin = pts([(104, 686), (82, 712), (52, 742), (30, 770)])
        out.append(Guide(f"{side}-inguinal-crease", smooth_open_path(groin), "crease"))
        out.append(Guide(f"{side}-kneecap", ellipse_path(*pts([(58, 1044)])[0], 18, 24), "bone"))
        shin = pts([(55, 1092), (53, 1180), (49, 1280), (46, 1360)])
        out.append(Guide(f"{side}-shin", smooth_open_path(shin), "bone"))
        elbow = pts([along(SHOULDER, 12, 236, -14), along(SHOULDER, 12, 242, 0)])
        elbow.append(pts([along(SHOULDER, 12, 236, 14)])[0])
        out.append(Guide(f"{side}-elbow-crease", smooth_open_path(elbow), "crease"))
        out.extend(hand_guides(side, pts, palm=True))
        out.extend(toe_guides(side, pts))
        return out

    guides.extend(both_sides(make))
    nose = [at(-3, 148), at(-5, 166), at(-7, 176)]
    guides.append(Guide("nose", smooth_open_path(nose), "crease"))
    nostrils = [at(-11, 177), at(-5, 182), at(0, 181), at(5, 182), at(11, 177)]
    guides.append(Guide("nostrils", smooth_open_path(nostrils), "crease"))
    mouth = [at(-15, 201), at(-5, 204), at(5, 204), at(15, 201)]
    guides.append(Guide("mouth", smooth_open_path(mouth), "crease"))
    guides.append(Guide("sternum", smooth_open_path([at(0, 312), at(0, 410), at(0, 498)]), "spine"))
    guides.append(Guide("navel", ellipse_path(MIDLINE, 617, 4.0, 5.5), "dimple"))
    pubic = [at(-30, 752), at(-12, 755), at(12, 755), at(30, 752)]
    guides.append(Guide("pubic-line", smooth_open_path(pubic), "crease"))
    return guides


def side(dx: float, y: float) -> Point:
    return (PLUMB + dx, y)


def right_lateral_guides() -> list[Guide]:
    """The light guide lines of the right-lateral view (the person's right side)."""

    def p(seq: Sequence[Spec]) -> list[Point]:
        return [side(q[0], q[1]) for q in seq]

    g: list[Guide] = []
    ear = [(4, 129), (13, 138), (16, 158), (11, 180), (1, 192), (-9, 186), (-14, 164), (-11, 140)]
    g.append(Guide("right-ear", smooth_closed_path(p(ear), set()), "crease"))
    g.append(Guide("right-ear-opening", ellipse_path(*side(2, 158), 3.0, 4.0), "dimple"))
    eye = smooth_closed_path(p([(59, 140), (66, 136.5), (73, 140), (66, 143.5)]), {0, 2})
    g.append(Guide("right-eye", eye, "crease"))
    g.append(Guide("right-brow", smooth_open_path(p([(54, 127), (65, 123), (76, 126)])), "crease"))
    g.append(
        Guide("right-nostril", smooth_open_path(p([(82, 181), (88, 184), (91, 181)])), "crease")
    )
    g.append(Guide("right-mouth", smooth_open_path(p([(74, 206), (83, 206)])), "crease"))
    jaw = [(6, 196), (10, 214), (34, 231), (60, 240), (72, 241)]
    g.append(Guide("right-jaw", smooth_open_path(p(jaw)), "bone"))
    neck = [(-6, 196), (8, 238), (28, 280), (46, 308)]
    g.append(Guide("right-sternocleidomastoid", smooth_open_path(p(neck)), "crease"))
    # The arm in front of the trunk: deltoid and the front of the upper arm down to where
    # it leaves the chest, and the back of the arm down to where the forearm meets the belly.
    deltoid: list[Point] = [(-34, 330), (-16, 306), (10, 302), (34, 318), (50, 348)]
    deltoid += [xy(along(SIDE_SHOULDER, 16, s, 38)) for s in (90, 140, 180)]
    deltoid.append(xy(along(SIDE_SHOULDER, 16, 196, 36)))
    g.append(Guide("right-arm-front", smooth_open_path(p(deltoid)), "crease"))
    back: list[Point] = [(-34, 330), (-26, 380)]
    back += [xy(along(SIDE_SHOULDER, 16, s, -37)) for s in (100, 160, 215)]
    back += [xy(along(SIDE_ELBOW, 24, s, -30)) for s in (20, 60)]
    back.append(xy(along(SIDE_ELBOW, 24, 96, -28.5)))
    g.append(Guide("right-arm-back", smooth_open_path(p(back)), "crease"))
    olecranon = [along(SIDE_ELBOW, 24, -6, -24), along(SIDE_ELBOW, 24, 4, -31)]
    g.append(Guide("right-elbow", smooth_open_path(p(olecranon)), "crease"))
    knuckle_line = [along(SIDE_WRIST, 16, 84, -30), along(SIDE_WRIST, 16, 90, -8)]
    knuckle_line.append(along(SIDE_WRIST, 16, 88, 22))
    g.append(Guide("right-knuckles", smooth_open_path(p(knuckle_line)), "crease"))
    finger = [along(SIDE_WRIST, 16, 92, 4), along(SIDE_WRIST, 16, 140, 2)]
    g.append(Guide("right-fingers", smooth_open_path(p(finger)), "crease"))
    crest = [(-80, 652), (-50, 625), (-15, 615), (25, 622), (52, 643), (62, 668)]
    g.append(Guide("right-iliac-crest", smooth_open_path(p(crest)), "bone"))
    g.append(Guide("right-trochanter", ellipse_path(*side(0, 708), 10.0, 8.0), "bone"))
    fold = [(-84, 800), (-66, 806), (-46, 806)]
    g.append(Guide("right-gluteal-fold", smooth_open_path(p(fold)), "crease"))
    groin = [(77, 748), (60, 742), (44, 728)]
    g.append(Guide("right-inguinal-crease", smooth_open_path(p(groin)), "crease"))
    g.append(Guide("right-kneecap", ellipse_path(*side(28, 1045), 12.0, 22.0), "bone"))
    g.append(Guide("right-knee-crease", smooth_open_path(p([(-52, 1058), (-38, 1060)])), "crease"))
    g.append(Guide("right-fibular-head", ellipse_path(*side(-22, 1092), 6.0, 6.0), "bone"))
    g.append(Guide("right-lateral-malleolus", ellipse_path(*side(-8, 1395), 8.0, 9.0), "bone"))
    g.append(
        Guide(
            "right-achilles", smooth_open_path(p([(-28, 1320), (-30, 1368), (-34, 1398)])), "crease"
        )
    )
    toes = [(112, 1428), (115, 1450)]
    g.append(Guide("right-toes", smooth_open_path(p(toes)), "crease"))
    return g


SVG_STYLE = """
    .body { fill: #f6efe7; stroke: #6b5d52; stroke-width: 2.2; stroke-linejoin: round; }
    .bone { fill: none; stroke: #b8a898; stroke-width: 1.4; stroke-linecap: round; }
    .spine { fill: none; stroke: #b8a898; stroke-width: 1.4; stroke-dasharray: 2 7; stroke-linecap: round; }
    .crease { fill: none; stroke: #c4b4a4; stroke-width: 1.3; stroke-linecap: round; }
    .dimple { fill: #c9b9a9; stroke: none; }
"""

_PAIR = re.compile(r"(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)")


def mirror_d(d: str, width: float) -> str:
    """Path data reflected about x = width / 2 (every coordinate pair, explicitly)."""
    return _PAIR.sub(lambda m: f"{width - float(m.group(1)):.1f},{m.group(2)}", d)


def mirrored_guides(guides: Sequence[Guide], width: float) -> list[Guide]:
    """The person's right side's guides reflected about x = width / 2, as the left's."""
    return [Guide(g.id.replace("right-", "left-", 1), mirror_d(g.d, width), g.cls) for g in guides]


def svg_document(
    view: str,
    width: float,
    outline: str,
    guides: Sequence[Guide],
    note: str,
    height: float = HEIGHT,
    units: str = "",
    script: str = "tools/draw_body.py",
) -> str:
    """A view's SVG: the outline (id ``body-outline``) and the guide lines, with a comment
    saying what made it and in what units (by default, the whole body's)."""
    lines = "\n".join(f'    <path id="{g.id}" class="{g.cls}" d="{g.d}"/>' for g in guides)
    units = (
        units or f"body height 1400, crown at y=50, floor at y=1450, frame {width:g} x {height:g}"
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- bodymap {view} view. Generated by {script}; editable by hand (keep the ids).
     Units: {units}.
     {note} -->
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 {width:g} {height:g}" width="{width:g}" height="{height:g}">
  <title>bodymap: {view} view</title>
  <style>{SVG_STYLE}  </style>
  <g id="body">
    <path id="body-outline" class="body" d="{outline}"/>
  </g>
  <g id="guides">
{lines}
  </g>
</svg>
"""


def front_back_outline() -> str:
    points, corners = full_outline(BODY_HALF)
    return smooth_closed_path(points, corners)


def posterior_svg() -> str:
    note = "Midline x=380; the person's right side is on the viewer's right."
    return svg_document("posterior", WIDTH, front_back_outline(), posterior_guides(), note)


def anterior_svg() -> str:
    note = "Midline x=380; the person's right side is on the viewer's LEFT (x < 380)."
    return svg_document("anterior", WIDTH, front_back_outline(), anterior_guides(), note)


def right_lateral_parts() -> tuple[str, list[Guide]]:
    points, corners = closed_outline(SIDE_PROFILE, PLUMB)
    return smooth_closed_path(points, corners), right_lateral_guides()


def right_lateral_svg() -> str:
    outline, guides = right_lateral_parts()
    note = f"The right side, facing +x; plumb line (ear, acromion, trochanter) at x={PLUMB:g}."
    return svg_document("right-lateral", SIDE_WIDTH, outline, guides, note)


def left_lateral_svg() -> str:
    outline, guides = right_lateral_parts()
    note = f"The exact mirror image of right-lateral about x={SIDE_WIDTH / 2:g}; facing -x."
    return svg_document(
        "left-lateral",
        SIDE_WIDTH,
        mirror_d(outline, SIDE_WIDTH),
        mirrored_guides(guides, SIDE_WIDTH),
        note,
    )


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "assets"
    out.mkdir(parents=True, exist_ok=True)
    for name, make in (
        ("posterior", posterior_svg),
        ("anterior", anterior_svg),
        ("right-lateral", right_lateral_svg),
        ("left-lateral", left_lateral_svg),
    ):
        (out / f"{name}.svg").write_text(make(), encoding="utf-8")
        print(f"wrote {out / f'{name}.svg'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
