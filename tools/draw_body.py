"""Generate the body diagram art in ``assets/`` from proportions.

The SVG files are the source of truth for the app: the drawing *and* the geometry
(``bodymap.atlas`` reads the ``body-outline`` path to build the shapely outline).
This script made the first version of each drawing from the proportions in
``shared/reference/body-proportions.md``; edit the numbers here and rerun it, or edit
the SVG by hand in any vector editor (keep the element ids).

Frame: body height H = 1400 units, top of the head at y = 50, floor at y = 1450,
midline x = 380, frame 760 x 1500. ``y(h) = 1450 - 1400 * h`` for a height fraction h.

    python tools/draw_body.py            # rewrites assets/posterior.svg
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

MIDLINE = 380.0
WIDTH = 760
HEIGHT = 1500

Point = tuple[float, float]

# Right half of the posterior outline (viewer's right = person's right in this view),
# as (dx from the midline, y). Clockwise from the crown. "c" marks a corner.
POSTERIOR_HALF: list[tuple[float, float] | tuple[float, float, str]] = [
    (0, 50),
    (36, 56),
    (58, 77),
    (67, 110),
    (68, 145),
    (65, 168),
    # ear, seen from behind
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
    (170, 311),
    # deltoid
    (186, 326),
    (194, 350),
    (196, 380),
    # upper arm, outer
    (199, 425),
    (206, 475),
    (216, 525),
    (226, 570),
    # forearm, outer
    (237, 612),
    (247, 665),
    (256, 722),
    (262, 770),
    # hand (palm facing back), fingers together
    (270, 800),
    (278, 840),
    (282, 880),
    (280, 910),
    (269, 930),
    (254, 934),
    (242, 924),
    (237, 898),
    (235, 866, "c"),
    # thumb, on the body side with the palm turned back
    (226, 856),
    (218, 838),
    (217, 818),
    (224, 800),
    # wrist and forearm, inner
    (223, 772),
    (219, 735),
    (211, 688),
    (202, 640),
    (194, 602),
    (188, 570),
    # upper arm, inner
    (179, 522),
    (169, 472),
    (160, 432),
    (152, 405, "c"),
    # trunk side
    (140, 428),
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
    # ankle and foot seen from behind
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


def full_outline(
    half: list[tuple[float, float] | tuple[float, float, str]],
) -> tuple[list[Point], set[int]]:
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


def posterior_guides() -> list[tuple[str, str, str]]:
    """(id, path data, css class) of the light guide lines on the posterior view."""
    guides: list[tuple[str, str, str]] = []
    # The spine, from C7 to the top of the sacrum.
    guides.append(("spine", smooth_open_path([at(0, 281), at(0, 460), at(0, 640)]), "spine"))
    for side, flip in (("right", False), ("left", True)):

        def pts(seq: list[Point], flip: bool = flip) -> list[Point]:
            p = [at(dx, y) for dx, y in seq]
            return mirrored(p) if flip else p

        # Shoulder blade: medial border, inferior angle, lateral border.
        blade = pts([(62, 318), (58, 362), (62, 406), (76, 442), (96, 424), (118, 394), (138, 358)])
        guides.append((f"{side}-scapula", smooth_open_path(blade), "bone"))
        spine_of_scapula = pts([(54, 352), (90, 340), (130, 326), (164, 314)])
        guides.append((f"{side}-scapular-spine", smooth_open_path(spine_of_scapula), "bone"))
        crest = pts([(54, 646), (70, 628), (96, 616), (122, 624)])
        guides.append((f"{side}-iliac-crest", smooth_open_path(crest), "bone"))
        fold = pts([(6, 800), (40, 808), (82, 806), (118, 786)])
        guides.append((f"{side}-gluteal-fold", smooth_open_path(fold), "crease"))
        knee = pts([(34, 1052), (58, 1057), (84, 1052)])
        guides.append((f"{side}-knee-crease", smooth_open_path(knee), "crease"))
        achilles = pts([(44, 1320), (48, 1380), (50, 1420)])
        guides.append((f"{side}-achilles", smooth_open_path(achilles), "crease"))
        elbow = pts([(200, 566), (208, 574), (216, 570)])
        guides.append((f"{side}-elbow", smooth_open_path(elbow), "crease"))
    # Sacrum between the PSIS dimples down to the coccyx, and the gluteal cleft.
    sacrum = [at(-34, 676), at(-16, 712), at(0, 742), at(16, 712), at(34, 676)]
    guides.append(("sacrum", smooth_open_path(sacrum, tension=0.6), "bone"))
    guides.append(
        ("gluteal-cleft", smooth_open_path([at(0, 735), at(0, 770), at(0, 790)]), "crease")
    )
    return guides


SVG_STYLE = """
    .body { fill: #f6efe7; stroke: #6b5d52; stroke-width: 2.2; stroke-linejoin: round; }
    .bone { fill: none; stroke: #b8a898; stroke-width: 1.4; stroke-linecap: round; }
    .spine { fill: none; stroke: #b8a898; stroke-width: 1.4; stroke-dasharray: 2 7; stroke-linecap: round; }
    .crease { fill: none; stroke: #c4b4a4; stroke-width: 1.3; stroke-linecap: round; }
    .dimple { fill: #c9b9a9; stroke: none; }
"""


def posterior_svg() -> str:
    points, corners = full_outline(POSTERIOR_HALF)
    outline = smooth_closed_path(points, corners)
    guides = "\n".join(
        f'    <path id="{gid}" class="{cls}" d="{d}"/>' for gid, d, cls in posterior_guides()
    )
    dimples = "\n".join(
        f'    <circle id="{side}-psis-dimple" class="dimple" cx="{MIDLINE + s * 49:.1f}" cy="666" r="3.5"/>'
        for side, s in (("right", 1), ("left", -1))
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- bodymap posterior view. Generated by tools/draw_body.py; editable by hand (keep the ids).
     Units: body height 1400, crown at y=50, floor at y=1450, midline x=380.
     The person's right side is on the viewer's right. -->
<svg xmlns="http://www.w3.org/2000/svg" version="1.1" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" height="{HEIGHT}">
  <title>bodymap: posterior view</title>
  <style>{SVG_STYLE}  </style>
  <g id="body">
    <path id="body-outline" class="body" d="{outline}"/>
  </g>
  <g id="guides">
{guides}
{dimples}
  </g>
</svg>
"""


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parent.parent / "assets"
    out.mkdir(parents=True, exist_ok=True)
    (out / "posterior.svg").write_text(posterior_svg(), encoding="utf-8")
    print(f"wrote {out / 'posterior.svg'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
