"""Print docs/landmarks.md: the body views and every landmark, from the shipped data.

    python tools/landmark_table.py > docs/landmarks.md

The coordinates, the frames and which landmarks exist come from the data the app loads
(``BodyMap.load()``, or ``--data FOLDER``); the plain descriptions and the grouping by
body region are written below. A landmark the data has but this script does not describe
is still listed (under "Other", with a warning on stderr), so the page never leaves one
out; a described landmark the data does not have yet is listed as "not drawn yet".
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from bodymap import BodyMap
from bodymap.atlas import View
from bodymap.ids import VIEWS

SIDES = ("right", "left")


@dataclass(frozen=True)
class Spot:
    """One landmark as people read it: its name without a side, and where it is."""

    name: str
    where: str
    extension: bool = False  # present in this version, but not one of the stable names
    midline: bool = False  # written without a side (the data decides for drawn ones)


def spot(name: str, where: str) -> Spot:
    return Spot(name, where)


def mid(name: str, where: str) -> Spot:
    return Spot(name, where, midline=True)


def extra(name: str, where: str) -> Spot:
    return Spot(name, where, extension=True)


def extra_mid(name: str, where: str) -> Spot:
    return Spot(name, where, extension=True, midline=True)


Groups = Sequence[tuple[str, Sequence[Spot]]]

POSTERIOR: Groups = (
    (
        "Head and spine (midline)",
        (
            mid("vertex", "the crown, the very top of the head"),
            mid("occiput", "the bony bump at the base of the skull"),
            mid("c7", "the knob that stands out most at the base of the neck (7th neck vertebra)"),
            mid("t4", "the spine level with the upper part of the shoulder blades"),
            mid("t8", "the spine in the middle of the back, just below the shoulder-blade tips"),
            mid("t12", "the spine where the lowest ribs join it"),
            mid("l3", "the middle of the lumbar spine, about waist height"),
            mid("l5", "the lowest lumbar vertebra, just above the sacrum"),
            mid("sacrum", "the middle of the flat, triangular bone at the base of the spine"),
            mid("coccyx", "the tip of the tailbone, where the cleft between the buttocks starts"),
        ),
    ),
    (
        "Head, neck and top of the shoulder",
        (
            spot("back-of-head", "the back of the skull, higher than the occiput and to one side"),
            spot(
                "suboccipital",
                "the top of the neck right under the skull, to one side of the spine",
            ),
            spot("mastoid", "the bony bump just behind the ear"),
            spot("neck", "the back of the neck, halfway down, beside the midline"),
            spot("neck-shoulder-angle", "the corner where the neck turns into the shoulder"),
            spot("upper-trapezius", "the ridge of the shoulder, midway out toward its bony point"),
            spot("acromion", "the bony point at the outer end of the shoulder"),
        ),
    ),
    (
        "Shoulder blade",
        (
            spot("supraspinous-fossa", "the hollow above the bony ridge of the shoulder blade"),
            spot("infraspinous-fossa", "the broad flat part of the shoulder blade below the ridge"),
            spot("scapula-medial-border", "the shoulder blade's inner border, at its middle"),
            spot(
                "interscapular",
                "the strip between the spine and the shoulder blade's inner edge, at T4 to T6",
            ),
            spot("scapula-inferior-angle", "the lowest tip of the shoulder blade"),
        ),
    ),
    (
        "Arm and hand",
        (
            spot("posterior-shoulder", "the back of the shoulder, over the rear of the deltoid"),
            spot("posterior-arm", "the back of the upper arm (triceps), halfway down"),
            spot("elbow", "the point of the elbow (olecranon)"),
            spot(
                "medial-elbow", "the bony bump on the inner side of the elbow (medial epicondyle)"
            ),
            spot(
                "lateral-elbow", "the bony bump on the outer side of the elbow (lateral epicondyle)"
            ),
            spot("forearm", "the back of the forearm, halfway down"),
            spot("wrist", "the back of the wrist"),
            spot("hand", "the back of the hand (see the note on the hands above)"),
            extra("thumb", "the back of the thumb, on the outer side of the hand"),
            extra("index-finger", "the back of the index finger"),
            extra("little-finger", "the back of the little finger, on the inner side of the hand"),
            spot("thumb-web", "the back of the hand at the web of the thumb"),
            spot("back-of-fingers", "the middle and ring fingers, from behind"),
        ),
    ),
    (
        "Trunk",
        (
            spot("thoracic-paraspinal", "beside the spine at the T8 level"),
            spot("thoracolumbar", "beside the spine where the chest spine meets the low back"),
            spot(
                "lower-ribs",
                "the lowest ribs at the back, roughly a palm's breadth to the side of the spine",
            ),
            spot("flank", "the soft side of the trunk from the last rib down to the hip bone"),
            spot("lumbar-paraspinal", "beside the spine at the L3 level"),
            spot("iliac-crest", "the upper rim of the pelvic bone behind, where a belt sits"),
            spot("psis", "the dimple over the bony knob at the back of the pelvis (PSIS)"),
            spot(
                "si-joint", "the sacroiliac joint, a little below the PSIS and nearer the midline"
            ),
        ),
    ),
    (
        "Buttock and hip",
        (
            spot(
                "upper-buttock", "the top of the buttock under the pelvic rim, toward the midline"
            ),
            spot("upper-outer-buttock", "the top of the buttock under the rim, toward the side"),
            spot("mid-buttock", "the middle of the buttock"),
            spot("lower-buttock", "the lower buttock, above the crease"),
            spot("greater-trochanter", "the bony bump on the outer side of the hip"),
            spot("ischial-tuberosity", "the sitting bone, low in the buttock"),
            spot("gluteal-fold", "the crease between the buttock and the thigh"),
        ),
    ),
    (
        "Back of the thigh",
        (
            spot("posterior-thigh-upper", "the back of the thigh, just below the buttock crease"),
            spot("posterior-thigh-mid", "the back of the thigh, halfway down"),
            spot("posterior-thigh-lower", "the back of the thigh, just above the knee hollow"),
            spot("posterolateral-thigh", "the back of the thigh toward its outer side, halfway"),
            spot("posteromedial-thigh", "the back of the thigh toward its inner side, halfway"),
        ),
    ),
    (
        "Knee, calf and ankle",
        (
            spot("popliteal-fossa", "the hollow at the back of the knee"),
            spot("calf-upper", "the top of the calf, just below the knee hollow"),
            spot("calf-mid", "the middle of the calf"),
            spot("medial-calf", "the inner side of the calf"),
            spot("lateral-calf", "the outer side of the calf"),
            spot("achilles", "the tendon that runs down into the heel (Achilles)"),
            spot("heel", "the back of the heel"),
            spot("lateral-ankle", "the outer ankle bone"),
            spot("medial-ankle", "the inner ankle bone"),
        ),
    ),
)

ANTERIOR: Groups = (
    (
        "Head, face and neck",
        (
            mid("vertex", "the crown, the very top of the head"),
            spot("forehead", "the forehead"),
            spot("eyebrow", "the eyebrow"),
            spot("eye", "the eye"),
            spot("temple", "the side of the forehead, in front of the ear"),
            spot("cheek", "the cheek"),
            spot("jaw", "the jawbone to one side of the chin"),
            extra_mid("chin", "the point of the chin"),
            mid("throat", "the throat, just below the chin"),
            spot("anterior-neck", "the front of the neck, beside the windpipe"),
            extra_mid("suprasternal-notch", "the dip at the top of the breastbone"),
        ),
    ),
    (
        "Chest and shoulder",
        (
            extra("clavicle", "the middle of the collarbone"),
            spot("upper-chest", "the chest just below the collarbone"),
            spot("anterior-shoulder", "over the front of the shoulder joint"),
            spot("axilla", "the front fold of the armpit"),
            spot("chest", "the upper chest, over the pectoral muscle"),
            extra("nipple", "the nipple"),
            spot("lateral-chest", "the ribs on the side, under the armpit"),
            mid("sternum", "the middle of the breastbone"),
            extra_mid("xiphoid", "the lower tip of the breastbone"),
        ),
    ),
    (
        "Arm",
        (
            spot("anterior-arm", "the front of the upper arm (biceps), halfway down"),
            spot("antecubital", "the inside of the elbow, in its crease"),
            extra("anterior-elbow", "the front of the elbow"),
            spot(
                "medial-elbow", "the bony bump on the inner side of the elbow (medial epicondyle)"
            ),
            spot(
                "lateral-elbow", "the bony bump on the outer side of the elbow (lateral epicondyle)"
            ),
            extra("anterior-forearm", "the front of the forearm, halfway down"),
        ),
    ),
    (
        "Wrist and hand",
        (
            spot("volar-wrist", "the front (palm-side) crease of the wrist"),
            extra("hand", "the hand, seen from the front (see the note on the hands above)"),
            spot("palm", "the palm"),
            spot("thenar", "the fleshy ball of the thumb"),
            spot("hypothenar", "the fleshy heel of the palm below the little finger"),
            spot("thumb", "the thumb"),
            spot("index-finger", "the index finger"),
            spot("little-finger", "the little finger"),
        ),
    ),
    (
        "Abdomen",
        (
            extra("rib-margin", "the lower edge of the rib cage at the front"),
            spot("upper-abdomen", "the upper belly, just under the rib margin"),
            mid("umbilicus", "the navel"),
            spot(
                "lower-abdomen",
                "the lower belly, off to one side of the navel (the right one lies over the appendix)",
            ),
        ),
    ),
    (
        "Hip and groin",
        (
            spot("asis", "the bony point at the front of the pelvic rim (ASIS)"),
            spot("anterior-hip", "over the front of the hip joint, below the ASIS"),
            spot("groin", "the groin crease"),
            mid("pubic-symphysis", "the joint at the front of the pelvis, above the genitals"),
        ),
    ),
    (
        "Thigh",
        (
            spot("anterior-thigh-upper", "the front of the thigh, just below the groin"),
            spot("anterior-thigh-mid", "the front of the thigh, halfway down"),
            spot("anterior-thigh-lower", "the front of the thigh, just above the kneecap"),
            spot("medial-thigh", "the inner thigh, halfway down"),
        ),
    ),
    (
        "Knee, shin and foot",
        (
            spot("anterior-knee", "the kneecap"),
            spot("anteromedial-knee", "beside the kneecap on its inner side"),
            spot("medial-knee", "the inner side of the knee"),
            spot("lateral-knee", "the outer side of the knee"),
            spot("shin", "the front of the shin, halfway down"),
            spot("anterior-ankle", "the front of the ankle"),
            spot("anterolateral-ankle", "the front of the ankle toward the outer side"),
            spot("dorsal-foot", "the top of the foot"),
            spot("big-toe", "the big toe, from above"),
            spot("toes", "the second to fourth toes, from above"),
        ),
    ),
)

LATERAL: Groups = (
    (
        "Head, face and neck",
        (
            spot("top-of-head", "the top of the head"),
            spot("back-of-head", "the back of the head"),
            spot("temple", "the side of the head above and in front of the ear"),
            spot("eye", "the eye"),
            spot("cheek", "the cheek"),
            spot("ear", "the ear"),
            spot("jaw-joint", "the hinge of the jaw, in front of the ear opening"),
            spot("upper-teeth", "the upper molars, behind the cheek"),
            spot("lower-teeth", "the lower molars, behind the cheek"),
            spot("jaw-angle", "the corner of the lower jaw, below the ear"),
            spot("lateral-neck", "the side of the neck"),
        ),
    ),
    (
        "Shoulder and arm",
        (
            spot("lateral-shoulder", "the outer shoulder, over the middle of the deltoid"),
            spot("lateral-arm", "the outer upper arm, halfway down"),
            spot(
                "lateral-elbow", "the bony bump on the outer side of the elbow (lateral epicondyle)"
            ),
            spot("lateral-forearm", "the outer forearm, halfway down"),
            extra("hand", "the hand, seen from the side"),
        ),
    ),
    (
        "Trunk and pelvis",
        (
            spot("lateral-chest", "the side of the rib cage below the armpit"),
            spot("flank", "the side of the waist"),
            spot("lower-back", "the low back, seen from the side (near the rear edge)"),
            spot("iliac-crest", "the top edge of the pelvis at the side"),
            spot("asis", "the bony point at the front of the pelvic rim (ASIS)"),
        ),
    ),
    (
        "Hip and buttock",
        (
            spot("lateral-hip", "the side of the hip, between the pelvic rim and the trochanter"),
            spot("greater-trochanter", "the bony bump on the outer side of the hip"),
            spot("buttock", "the rearmost curve of the buttock, seen from the side"),
        ),
    ),
    (
        "Thigh, knee and leg",
        (
            spot("lateral-thigh-upper", "the outer thigh, upper third"),
            spot("lateral-thigh-mid", "the outer thigh, halfway down"),
            spot("lateral-thigh-lower", "the outer thigh, just above the knee"),
            spot("lateral-knee", "the outer side of the knee"),
            spot("lateral-leg-upper", "the outer lower leg, just below the knee"),
            spot("lateral-leg-mid", "the outer lower leg, halfway down"),
            extra("lateral-calf", "the calf, seen from the outer side"),
        ),
    ),
    (
        "Ankle and foot",
        (
            spot("lateral-ankle", "the outer ankle bone (lateral malleolus)"),
            extra("heel", "the back of the heel, seen from the side"),
            spot("lateral-foot", "the outer edge of the foot"),
        ),
    ),
)

PLANTAR: Groups = (
    (
        "Heel and arch",
        (
            spot("heel-pad", "the fat pad the heel stands on"),
            spot("medial-heel", "the heel's inner side"),
            spot("arch", "the hollow of the sole on its inner side"),
            spot("lateral-sole", "the sole along its outer border"),
        ),
    ),
    (
        "Ball of the foot and toes",
        (
            spot(
                "ball-of-foot", "the middle of the ball of the foot (2nd to 4th metatarsal heads)"
            ),
            spot("big-toe-ball", "the ball under the big toe's knuckle (1st metatarsal head)"),
            spot(
                "little-toe-ball", "the ball under the little toe's knuckle (5th metatarsal head)"
            ),
            spot("big-toe-pad", "the underside of the big toe"),
            spot("toe-pads", "the undersides of the four smaller toes"),
        ),
    ),
)


@dataclass(frozen=True)
class ViewText:
    title: str
    shows: str
    orientation: str


VIEW_TEXT: Mapping[str, ViewText] = {
    "posterior": ViewText(
        "Back",
        "the whole body from behind, standing, arms a little away from the trunk",
        "the person's **right** side is on the viewer's **right** (x greater than the midline)",
    ),
    "anterior": ViewText(
        "Front",
        "the whole body from the front, in the same stance",
        "the person's **right** side is on the viewer's **left** (x less than the midline)",
    ),
    "right-lateral": ViewText(
        "Right side",
        "the person's right side, facing the viewer's right (the nose points toward +x)",
        "only the right side is shown, so every landmark is `right-...`",
    ),
    "left-lateral": ViewText(
        "Left side",
        "the person's left side, facing the viewer's left: the mirror image of `right-lateral`",
        "only the left side is shown, so every landmark is `left-...`",
    ),
    "plantar": ViewText(
        "Soles",
        "the soles of both feet from below, toes up and heels down",
        "the person's **right** sole on the viewer's **right** (as if the person lay face"
        " down and you stood at their feet)",
    ),
}


def fmt(value: float) -> str:
    return f"{value:g}"


def xy(point: tuple[float, float] | None) -> str:
    return "-" if point is None else f"{fmt(point[0])}, {fmt(point[1])}"


def where(s: Spot) -> str:
    return s.where + (" *(extension)*" if s.extension else "")


def bare(name: str) -> str:
    """A landmark's name without its side prefix."""
    for side in SIDES:
        if name.startswith(side + "-"):
            return name[len(side) + 1 :]
    return name


def described(groups: Groups) -> set[str]:
    return {s.name for _, spots in groups for s in spots}


def undescribed(names: Iterable[str], groups: Groups, view: str) -> list[Spot]:
    """The data's landmarks this script has no words for (warned about on stderr)."""
    known = described(groups)
    missing = [n for n in dict.fromkeys(bare(n) for n in names) if n not in known]
    for name in missing:
        print(f"landmark_table: no description for '{name}' ({view})", file=sys.stderr)
    return [Spot(n, "(not described yet)", extension=True) for n in missing]


def frames_table(views: Sequence[View]) -> list[str]:
    out = [
        "| view | shows | frame (width x height) | body from y to y | vertical axis | whose right is where |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for v in views:
        text = VIEW_TEXT[v.name]
        axis = (
            f"x = {fmt(v.midline_x)}, the body's midline"
            if v.name in ("posterior", "anterior")
            else f"x = {fmt(v.midline_x)}, the frame's centre (the mirror axis)"
        )
        out.append(
            f"| `{v.name}` | {text.shows} | {fmt(v.width)} x {fmt(v.height)} | "
            f"{fmt(v.body_top_y)} to {fmt(v.body_bottom_y)} | {axis} | {text.orientation} |"
        )
    return out


def front_back_section(view: View, groups: Groups) -> list[str]:
    marks = view.landmarks
    out: list[str] = []
    planned: list[Spot] = []
    extra_group = ("Other", undescribed(marks, groups, view.name))
    for title, spots in (*groups, extra_group):
        rows = []
        for s in spots:
            if s.name in marks:
                rows.append(f"| `{s.name}` (midline) | {where(s)} | {xy(marks[s.name])} | |")
            elif f"right-{s.name}" in marks or f"left-{s.name}" in marks:
                right, left = f"right-{s.name}", f"left-{s.name}"
                rows.append(
                    f"| `{right}`, `{left}` | {where(s)} | "
                    f"{xy(marks.get(right))} | {xy(marks.get(left))} |"
                )
            else:
                planned.append(s)
        if rows:
            out += ["", f"#### {title}", ""]
            out += ["| name | where it is | x, y (right or midline) | x, y (left) |"]
            out += ["| --- | --- | --- | --- |", *rows]
    return out + planned_list(planned)


def lateral_section(views: Sequence[View], groups: Groups) -> list[str]:
    by_name = {v.name: v.landmarks for v in views}
    right = by_name.get("right-lateral", {})
    left = by_name.get("left-lateral", {})
    out: list[str] = []
    planned: list[Spot] = []
    extra_group = ("Other", undescribed([*right, *left], groups, "lateral"))
    for title, spots in (*groups, extra_group):
        rows = []
        for s in spots:
            r, lt = f"right-{s.name}", f"left-{s.name}"
            if r in right or lt in left:
                rows.append(
                    f"| `{r}` / `{lt}` | {where(s)} | {xy(right.get(r))} | {xy(left.get(lt))} |"
                )
            else:
                planned.append(s)
        if rows:
            out += ["", f"#### {title}", ""]
            out += [
                "| name (right-lateral / left-lateral) | where it is |"
                " x, y in right-lateral | x, y in left-lateral |"
            ]
            out += ["| --- | --- | --- | --- |", *rows]
    return out + planned_list(planned, lateral=True)


def planned_list(spots: Sequence[Spot], lateral: bool = False) -> list[str]:
    if not spots:
        return []
    sides = (
        "each written with the side the view shows, `right-NAME` or `left-NAME`"
        if lateral
        else "sided, `right-NAME` and `left-NAME`, unless marked midline"
    )
    out = [
        "",
        "#### Not drawn yet",
        "",
        "These names belong to the stable interface, but this version's data does not have",
        "them yet: a mark that uses one fails with *unknown landmark*. They are",
        f"{sides}.",
        "",
    ]
    out += [f"- `{s.name}`{' (midline)' if s.midline else ''}: {s.where}" for s in spots]
    return out


INTRO = """\
<!-- Generated by tools/landmark_table.py from the shipped data: edit the script, then run
     python tools/landmark_table.py > docs/landmarks.md -->

# Views and landmarks

bodymap draws the body in a few fixed **views** and names points on each of them,
**landmarks**, that a clinician would name: the PSIS, the greater trochanter, the hollow
behind the knee. Landmarks label the diagram, anchor the referred-pain zones, and let a
script mark pain by name: `bodymap rank --at posterior:right-psis`
([docs/cli.md](cli.md)), or `bm.rank(["posterior:right-psis"])` in Python
([docs/api.md](api.md)). The muscles whose patterns are drawn on these views are in
[docs/muscles.md](muscles.md); the data files behind them in
[docs/data-format.md](data-format.md).

The view names and the landmark names listed here without *(extension)* are the stable
interface: scripts and other programs may rely on them, and they do not change. Names
marked *(extension)* exist in this version and work the same, but are not promised.
`bodymap landmarks [--view VIEW] [--json]` prints what the installed data really has.

## Naming

- A landmark on one side of the body is written `right-NAME` or `left-NAME`. The side is
  always **the person's**, never the viewer's: `left-psis` is the patient's left PSIS,
  whichever side of the picture it is on.
- A landmark on the midline (the spine, the breastbone, the navel) has no prefix:
  `sacrum`, `c7`, `umbilicus`.
- Names are lower case with hyphens. A misspelt name is an error that offers the closest
  names; a name written without its side (`posterior:psis`) offers both sides.

## The views
"""

UNITS = """
**Units.** Coordinates are in the units of the view's drawing (`assets/<view>.svg`): x to
the right, y **down** (Qt's convention), origin at the top left of the frame. The body is
{height} units tall in every view, from the top of the head (y = {top}) to the floor
(y = {bottom}), so one unit is the same length everywhere: about {mm:.1f} mm on a 1.70 m
adult. A mark's default radius, 18 units, is about a fingertip (2 cm).

**Mirroring.** The data for each muscle describes the person's right side; the app makes
the left side by mirroring. In the back and front views a point is mirrored about the
body's midline (x = {midline}), staying in the same view. The two side views mirror
onto each other about their frame's centre line (x = {lateral_axis}): a point (x, y) in
`right-lateral` is (600 - x, y) in `left-lateral` for a 600-wide frame, and `right-` becomes
`left-`. `left-lateral` has no landmark file of its own; it is made from `right-lateral`.

**The hands.** The arms hang a little away from the trunk in the **anatomical position**:
palms forward, so the front view shows the palms and the back view the backs of the hands,
and in both the thumb points away from the body. "Thumb side" (radial) is therefore the
outer side of the forearm and hand in both views, and "little-finger side" (ulnar) the
inner side, as clinicians read them.
"""


def page(views: Sequence[View]) -> str:
    by_name = {v.name: v for v in views}
    out = INTRO.splitlines()
    out += ["", *frames_table(views)]
    post = by_name.get("posterior")
    lat = by_name.get("right-lateral")
    if post is not None:
        out += UNITS.format(
            height=fmt(post.body_bottom_y - post.body_top_y),
            top=fmt(post.body_top_y),
            bottom=fmt(post.body_bottom_y),
            mm=1700 / (post.body_bottom_y - post.body_top_y),
            midline=fmt(post.midline_x),
            lateral_axis=fmt(lat.midline_x) if lat is not None else "300",
        ).splitlines()
    out += ["", "## Landmarks, view by view"]
    counts = ", ".join(f"`{v.name}` {len(v.landmarks)}" for v in views)
    out += ["", f"This version has {sum(len(v.landmarks) for v in views)} landmarks: {counts}."]
    for name, groups in (("posterior", POSTERIOR), ("anterior", ANTERIOR)):
        if name in by_name:
            text = VIEW_TEXT[name]
            out += ["", f"### `{name}` ({text.title.lower()} view)", ""]
            out += [f"Shows {text.shows}; {text.orientation}."]
            out += front_back_section(by_name[name], groups)
    lateral = [by_name[n] for n in ("right-lateral", "left-lateral") if n in by_name]
    if lateral:
        out += ["", "### `right-lateral` and `left-lateral` (side views)", ""]
        out += [
            "Each side view shows one side only, and every landmark carries that side:"
            " `right-lateral:right-greater-trochanter`, `left-lateral:left-greater-trochanter`."
            " The left view's coordinates are the right view's, mirrored."
        ]
        out += lateral_section(lateral, LATERAL)
    if "plantar" in by_name:
        plantar = by_name["plantar"]
        text = VIEW_TEXT["plantar"]
        out += ["", "### `plantar` (soles)", "", f"Shows {text.shows}; {text.orientation}."]
        out += front_back_section(plantar, PLANTAR)
    return "\n".join(out) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--data", type=Path, help="a data folder (default: the shipped one)")
    args = parser.parse_args(argv)
    bm = BodyMap.load(args.data)
    views: list[View] = [bm.atlas.view(n) for n in VIEWS if n in bm.atlas]
    sys.stdout.write(page(views))
    return 0


if __name__ == "__main__":
    sys.exit(main())
