"""The four body diagrams: outlines from the SVG art, landmarks, orientation, proportions,
and the landmark-file kinds (two-sided, one-sided, mirrored)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from shapely.affinity import scale
from shapely.geometry import LineString

from bodymap import BodyMap
from bodymap.atlas import View
from bodymap.atlas_loader import load_atlas, read_outline
from bodymap.errors import DataError, MarkError

ROOT = Path(__file__).resolve().parent.parent

# Every posterior landmark that docs/landmarks.md promises.
MIDLINE = ["vertex", "occiput", "c7", "t4", "t8", "t12", "l3", "l5", "sacrum", "coccyx"]
SIDED = [
    "mastoid",
    "neck",
    "neck-shoulder-angle",
    "upper-trapezius",
    "acromion",
    "supraspinous-fossa",
    "infraspinous-fossa",
    "scapula-medial-border",
    "interscapular",
    "scapula-inferior-angle",
    "posterior-shoulder",
    "posterior-arm",
    "elbow",
    "forearm",
    "hand",
    "thoracic-paraspinal",
    "thoracolumbar",
    "lower-ribs",
    "flank",
    "lumbar-paraspinal",
    "iliac-crest",
    "psis",
    "si-joint",
    "upper-buttock",
    "upper-outer-buttock",
    "mid-buttock",
    "lower-buttock",
    "greater-trochanter",
    "ischial-tuberosity",
    "gluteal-fold",
    "posterior-thigh-upper",
    "posterior-thigh-mid",
    "posterior-thigh-lower",
    "posterolateral-thigh",
    "posteromedial-thigh",
    "popliteal-fossa",
    "calf-upper",
    "calf-mid",
    "medial-calf",
    "lateral-calf",
    "achilles",
    "heel",
    "lateral-ankle",
    "medial-ankle",
    # added: head, elbow, wrist and the back of the hand (palms forward)
    "back-of-head",
    "suboccipital",
    "medial-elbow",
    "lateral-elbow",
    "wrist",
    "thumb-web",
    "back-of-fingers",
]


@pytest.fixture(scope="module")
def view(bm: BodyMap) -> View:
    return bm.atlas.view("posterior")


def test_every_contract_landmark_exists_inside_the_body(view: View) -> None:
    names = MIDLINE + [f"{side}-{n}" for n in SIDED for side in ("left", "right")]
    missing = [n for n in names if n not in view.landmarks]
    assert missing == []
    outside = [n for n in names if not view.contains(*view.landmark(n))]
    assert outside == []


def test_persons_right_is_on_the_viewers_right_in_the_posterior_view(view: View) -> None:
    for name in SIDED:
        rx, ry = view.landmark(f"right-{name}")
        lx, ly = view.landmark(f"left-{name}")
        assert rx > view.midline_x > lx, name
        assert ry == ly
        assert rx - view.midline_x == pytest.approx(view.midline_x - lx)


def test_midline_landmarks_run_down_the_spine_in_order(view: View) -> None:
    ys = [view.landmark(n)[1] for n in MIDLINE]
    assert ys == sorted(ys)
    assert all(view.landmark(n)[0] == view.midline_x for n in MIDLINE)


def test_levels_follow_the_body_proportions(view: View) -> None:
    height = view.body_height
    assert height == 1400

    def level(name: str) -> float:  # height above the floor, as a fraction of H
        return (view.body_bottom_y - view.landmark(name)[1]) / height

    assert level("c7") == pytest.approx(0.835, abs=0.01)
    assert level("right-iliac-crest") == pytest.approx(0.595, abs=0.01)
    assert level("right-psis") == pytest.approx(0.56, abs=0.01)
    assert level("right-greater-trochanter") == pytest.approx(0.53, abs=0.01)
    assert level("coccyx") == pytest.approx(0.50, abs=0.01)
    assert level("right-popliteal-fossa") == pytest.approx(0.285, abs=0.01)
    # lateral landmarks lie further from the midline than medial ones
    assert view.landmark("right-lateral-calf")[0] > view.landmark("right-medial-calf")[0]
    assert view.landmark("right-greater-trochanter")[0] > view.landmark("right-psis")[0]


def test_outline_is_read_from_the_svg_art(view: View) -> None:
    outline, width, height = read_outline(view.art_path)
    assert (width, height) == (view.width, view.height)
    assert outline.equals(view.outline)
    minx, miny, maxx, maxy = outline.bounds
    assert miny == pytest.approx(view.body_top_y, abs=1)
    assert maxy == pytest.approx(view.body_bottom_y, abs=4)
    # symmetric about the midline, and the hands are part of the body
    assert (minx + maxx) / 2 == pytest.approx(view.midline_x, abs=1)
    assert view.contains(*view.landmark("left-hand"))


def test_unknown_landmark_suggests_the_closest_names(bm: BodyMap) -> None:
    with pytest.raises(MarkError, match="right-psis"):
        bm.atlas.view("posterior").landmark("right-pisis")


def test_views_not_drawn_yet_are_named_as_such(bm: BodyMap, tmp_path: Path) -> None:
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    (tmp_path / "assets" / "anterior.yaml").unlink()
    atlas = load_atlas(tmp_path / "assets")
    with pytest.raises(MarkError, match="not drawn yet"):
        atlas.view("anterior")
    with pytest.raises(MarkError, match="unknown view"):
        bm.atlas.view("front")


# --- the posterior arm (clinical review: a real arm's width) ---------------------------


def _width_at(view: View, name: str) -> float:
    """Width of the body outline along the horizontal through a landmark, on its piece."""
    x, y = view.landmark(name)
    cut = view.outline.intersection(LineString([(0, y), (view.width, y)]))
    pieces = getattr(cut, "geoms", [cut])
    piece = next(p for p in pieces if p.bounds[0] <= x <= p.bounds[2])
    return piece.length  # type: ignore[no-any-return]  # shapely is untyped


def test_posterior_arm_is_a_real_arms_width(view: View) -> None:
    # 0.055-0.06 H across the upper arm (the horizontal cut of a 12-degree limb is a
    # little wider), the forearm narrower, tapering to the wrist
    upper = _width_at(view, "right-posterior-arm")
    forearm = _width_at(view, "right-forearm")
    assert 77 <= upper <= 90
    assert 55 <= forearm < upper


# --- all four views -------------------------------------------------------------------

ALL_VIEWS = ("posterior", "anterior", "right-lateral", "left-lateral")

# Every anterior landmark that docs/landmarks.md promises.
ANTERIOR_MIDLINE = ["vertex", "throat", "sternum", "umbilicus", "pubic-symphysis"]
ANTERIOR_SIDED = [
    "anterior-neck",
    "anterior-shoulder",
    "chest",
    "anterior-arm",
    "upper-abdomen",
    "lower-abdomen",
    "asis",
    "anterior-hip",
    "groin",
    "anterior-thigh-upper",
    "anterior-thigh-mid",
    "anterior-thigh-lower",
    "medial-thigh",
    "anterior-knee",
    "medial-knee",
    "lateral-knee",
    "shin",
    "anterior-ankle",
    "dorsal-foot",
    # added: face and head
    "forehead",
    "eyebrow",
    "eye",
    "cheek",
    "jaw",
    "temple",
    # added: chest and arm
    "upper-chest",
    "axilla",
    "lateral-chest",
    "antecubital",
    "medial-elbow",
    "lateral-elbow",
    # added: forearm and hand, palm side
    "volar-wrist",
    "palm",
    "thenar",
    "thumb",
    "index-finger",
    "little-finger",
    "hypothenar",
    # added: leg and foot
    "anteromedial-knee",
    "anterolateral-ankle",
    "big-toe",
    "toes",
]
# Every lateral landmark that docs/landmarks.md promises (sided with the side the view shows).
LATERAL = [
    "temple",
    "jaw-angle",
    "lateral-neck",
    "lateral-shoulder",
    "lateral-arm",
    "lateral-elbow",
    "lateral-forearm",
    "lateral-chest",
    "flank",
    "lower-back",
    "iliac-crest",
    "asis",
    "lateral-hip",
    "greater-trochanter",
    "buttock",
    "lateral-thigh-upper",
    "lateral-thigh-mid",
    "lateral-thigh-lower",
    "lateral-knee",
    "lateral-leg-upper",
    "lateral-leg-mid",
    "lateral-ankle",
    "lateral-foot",
    # added: the head and face
    "ear",
    "jaw-joint",
    "cheek",
    "upper-teeth",
    "lower-teeth",
    "eye",
    "back-of-head",
    "top-of-head",
]
CONTRACT = {
    "posterior": MIDLINE + [f"{s}-{n}" for n in SIDED for s in ("left", "right")],
    "anterior": ANTERIOR_MIDLINE + [f"{s}-{n}" for n in ANTERIOR_SIDED for s in ("left", "right")],
    "right-lateral": [f"right-{n}" for n in LATERAL],
    "left-lateral": [f"left-{n}" for n in LATERAL],
}


def _level(view: View, name: str) -> float:
    """Height of a landmark above the floor, as a fraction of the body height."""
    return (view.body_bottom_y - view.landmark(name)[1]) / view.body_height


@pytest.mark.parametrize("name", ALL_VIEWS)
def test_every_view_is_drawn_with_every_contract_landmark_inside_the_body(
    bm: BodyMap, name: str
) -> None:
    view = bm.atlas.view(name)
    missing = [n for n in CONTRACT[name] if n not in view.landmarks]
    assert missing == []
    outside = [n for n, xy in view.landmarks.items() if not view.contains(*xy)]
    assert outside == []
    assert set(view.labels) <= set(view.landmarks)


@pytest.mark.parametrize("name", ALL_VIEWS)
def test_every_view_has_the_same_body_height_and_frame(bm: BodyMap, name: str) -> None:
    view = bm.atlas.view(name)
    assert (view.body_top_y, view.body_bottom_y) == (50, 1450)
    assert view.height == 1500
    minx, miny, maxx, maxy = view.outline.bounds
    assert miny == pytest.approx(50, abs=1)
    assert maxy == pytest.approx(1450, abs=4)
    assert minx > 0 and maxx < view.width
    outline, width, height = read_outline(view.art_path)
    assert outline.equals(view.outline) and (width, height) == (view.width, view.height)


def test_frames_and_midlines(bm: BodyMap) -> None:
    front, back = bm.atlas.view("anterior"), bm.atlas.view("posterior")
    right, left = bm.atlas.view("right-lateral"), bm.atlas.view("left-lateral")
    assert (front.width, front.midline_x) == (back.width, back.midline_x) == (760, 380)
    assert right.width == left.width
    # in a lateral view midline_x is the frame's centre line, the axis of Atlas.mirror
    assert right.midline_x == left.midline_x == right.width / 2


def test_anterior_and_posterior_share_the_silhouette(bm: BodyMap) -> None:
    front, back = bm.atlas.view("anterior"), bm.atlas.view("posterior")
    mirrored = scale(back.outline, xfact=-1.0, yfact=1.0, origin=(back.midline_x, 0))
    assert front.outline.symmetric_difference(mirrored).area < 0.002 * front.outline.area


def test_persons_right_is_on_the_viewers_left_in_the_anterior_view(bm: BodyMap) -> None:
    view = bm.atlas.view("anterior")
    assert view.landmark("right-asis")[0] < 380 < view.landmark("left-asis")[0]
    for name in ANTERIOR_SIDED:
        rx, ry = view.landmark(f"right-{name}")
        lx, ly = view.landmark(f"left-{name}")
        assert rx < view.midline_x < lx, name
        assert ry == ly and rx + lx == pytest.approx(2 * view.midline_x)
    assert all(view.landmark(n)[0] == view.midline_x for n in ANTERIOR_MIDLINE)
    # the outer knee is further from the midline than the inner knee
    assert view.landmark("right-lateral-knee")[0] < view.landmark("right-medial-knee")[0]


def test_posterior_and_anterior_agree_on_the_persons_right(bm: BodyMap) -> None:
    back, front = bm.atlas.view("posterior"), bm.atlas.view("anterior")
    assert back.landmark("right-greater-trochanter")[0] > 380
    assert front.landmark("right-asis")[0] < 380


def test_anterior_levels_follow_the_body_proportions(bm: BodyMap) -> None:
    view = bm.atlas.view("anterior")
    assert 0.59 <= _level(view, "umbilicus") <= 0.60
    assert 0.55 <= _level(view, "right-asis") <= 0.56
    assert 0.49 <= _level(view, "right-groin") <= 0.51
    assert 0.49 <= _level(view, "pubic-symphysis") <= 0.51
    assert _level(view, "right-anterior-knee") == pytest.approx(0.29, abs=0.005)
    assert _level(view, "right-chest") > _level(view, "right-upper-abdomen")
    assert _level(view, "right-upper-abdomen") > _level(view, "umbilicus")
    assert _level(view, "umbilicus") > _level(view, "right-lower-abdomen")
    assert _level(view, "right-lower-abdomen") > _level(view, "right-asis")
    assert _level(view, "right-anterior-ankle") == pytest.approx(0.04, abs=0.01)


def test_lateral_levels_and_posture_follow_the_body_proportions(bm: BodyMap) -> None:
    view = bm.atlas.view("right-lateral")
    assert _level(view, "right-greater-trochanter") == pytest.approx(0.53, abs=0.005)
    assert _level(view, "right-iliac-crest") == pytest.approx(0.595, abs=0.01)
    assert 0.55 <= _level(view, "right-asis") <= 0.56
    assert _level(view, "right-lateral-knee") == pytest.approx(0.285, abs=0.01)
    assert _level(view, "right-lateral-ankle") == pytest.approx(0.039, abs=0.01)
    # the view faces the viewer's right: the front of the pelvis at larger x than the
    # trochanter, the buttock behind it, the toes in front of the heel
    x = {n: view.landmark(f"right-{n}")[0] for n in ("asis", "greater-trochanter", "buttock")}
    assert x["asis"] > x["greater-trochanter"] > x["buttock"]
    assert view.landmark("right-lateral-foot")[0] > view.landmark("right-lateral-ankle")[0]
    # the plumb line passes through the shoulder and the greater trochanter
    assert view.landmark("right-lateral-shoulder")[0] == pytest.approx(
        view.landmark("right-greater-trochanter")[0], abs=10
    )


def test_lateral_trunk_landmarks_are_not_under_the_arm(bm: BodyMap) -> None:
    """The arm hangs a little forward, so the trunk behind it stays markable."""
    view = bm.atlas.view("right-lateral")
    arm_x = view.landmark("right-lateral-arm")[0]
    elbow_x = view.landmark("right-lateral-elbow")[0]
    for name in ("lateral-chest", "flank", "lower-back", "buttock", "greater-trochanter"):
        assert view.landmark(f"right-{name}")[0] < min(arm_x, elbow_x) - 25, name


def test_lateral_views_show_only_their_own_side(bm: BodyMap) -> None:
    for name, side in (("right-lateral", "right-"), ("left-lateral", "left-")):
        assert all(n.startswith(side) for n in bm.atlas.view(name).landmarks), name


def test_left_lateral_is_the_mirror_image_of_right_lateral(bm: BodyMap) -> None:
    right, left = bm.atlas.view("right-lateral"), bm.atlas.view("left-lateral")
    axis = right.width / 2
    assert left.outline.area == pytest.approx(right.outline.area, rel=1e-6)
    mirrored = scale(right.outline, xfact=-1.0, yfact=1.0, origin=(axis, 0))
    assert left.outline.symmetric_difference(mirrored).area < 1e-3 * right.outline.area
    assert len(left.landmarks) == len(right.landmarks)
    for name, (x, y) in right.landmarks.items():
        assert left.landmark("left-" + name.removeprefix("right-")) == (2 * axis - x, y)
    assert left.labels == tuple("left-" + n.removeprefix("right-") for n in right.labels)
    # and Atlas.mirror maps one onto the other
    target, xy = bm.atlas.mirror_point("right-lateral", right.landmark("right-asis"))
    assert (target, xy) == ("left-lateral", left.landmark("left-asis"))


# --- the landmark-file kinds: errors name the file and the line ------------------------


@pytest.fixture
def assets(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    return tmp_path / "assets"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _error(assets: Path) -> str:
    with pytest.raises(DataError) as info:
        load_atlas(assets)
    return str(info.value)


def test_a_mirrored_view_holds_no_landmarks_of_its_own(assets: Path) -> None:
    path = assets / "left-lateral.yaml"
    path.write_text(path.read_text() + "right:\n  temple: [300, 130]\n", encoding="utf-8")
    message = _error(assets)
    assert "left-lateral.yaml:" in message and "'right' comes from right-lateral.yaml" in message


def test_a_mirrored_view_needs_mirrored_art(assets: Path) -> None:
    shutil.copy(assets / "right-lateral.svg", assets / "left-lateral.svg")
    message = _error(assets)
    assert "left-lateral.yaml:" in message and "not the mirror image" in message


def test_a_mirrored_views_axis_is_the_frame_centre(assets: Path) -> None:
    _edit(assets / "left-lateral.yaml", "midline_x: 300", "midline_x: 280")
    assert "must be 300" in _error(assets)


def test_a_one_sided_view_has_no_midline_landmarks(assets: Path) -> None:
    _edit(assets / "right-lateral.yaml", "right:\n", "midline:\n  navel: [330, 620]\nright:\n")
    message = _error(assets)
    assert "right-lateral.yaml:" in message and "no midline landmarks" in message


def test_a_one_sided_view_is_not_mirrored_within_itself(bm: BodyMap) -> None:
    view = bm.atlas.view("right-lateral")
    assert "left-asis" not in view.landmarks and "right-asis" in view.landmarks


def test_a_landmark_outside_the_body_names_its_line(assets: Path) -> None:
    _edit(assets / "anterior.yaml", "  groin: [328, 742]", "  groin: [20, 742]")
    message = _error(assets)
    assert "anterior.yaml:" in message and "'right-groin'" in message and "outside" in message


def test_the_soles_are_seen_from_below_with_the_right_sole_on_the_right(bm: BodyMap) -> None:
    view = bm.atlas.view("plantar")
    mid = view.midline_x
    for side, outward in (("right", 1), ("left", -1)):

        def at(name: str, side: str = side) -> tuple[float, float]:
            return view.landmark(f"{side}-{name}")

        assert (at("heel-pad")[0] - mid) * outward > 0  # the right sole on the viewer's right
        assert at("big-toe-pad")[1] < at("ball-of-foot")[1] < at("arch")[1] < at("heel-pad")[1]
        # The inner heel, the arch and the big toe lie toward the midline.
        for inner, outer in (("medial-heel", "heel-pad"), ("arch", "lateral-sole")):
            assert abs(at(inner)[0] - mid) < abs(at(outer)[0] - mid)
        assert abs(at("big-toe-ball")[0] - mid) < abs(at("little-toe-ball")[0] - mid)
    # One unit means the same everywhere: a sole is as long as the foot in the side view.
    soles = view.outline.bounds
    assert 200 <= soles[3] - soles[1] <= 230
