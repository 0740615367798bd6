"""The posterior diagram: outline from the SVG, landmarks, orientation, proportions."""

from __future__ import annotations

import pytest

from bodymap import BodyMap
from bodymap.atlas import read_outline
from bodymap.errors import MarkError

# Every posterior landmark named in shared/contract.md, section 2.
MIDLINE = ["occiput", "c7", "t4", "t8", "t12", "l3", "l5", "sacrum", "coccyx"]
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
]


@pytest.fixture(scope="module")
def view(bm: BodyMap):
    return bm.atlas.view("posterior")


def test_every_contract_landmark_exists_inside_the_body(view) -> None:
    names = MIDLINE + [f"{side}-{n}" for n in SIDED for side in ("left", "right")]
    missing = [n for n in names if n not in view.landmarks]
    assert missing == []
    outside = [n for n in names if not view.contains(*view.landmark(n))]
    assert outside == []


def test_persons_right_is_on_the_viewers_right_in_the_posterior_view(view) -> None:
    for name in SIDED:
        rx, ry = view.landmark(f"right-{name}")
        lx, ly = view.landmark(f"left-{name}")
        assert rx > view.midline_x > lx, name
        assert ry == ly
        assert rx - view.midline_x == pytest.approx(view.midline_x - lx)


def test_midline_landmarks_run_down_the_spine_in_order(view) -> None:
    ys = [view.landmark(n)[1] for n in MIDLINE]
    assert ys == sorted(ys)
    assert all(view.landmark(n)[0] == view.midline_x for n in MIDLINE)


def test_levels_follow_the_body_proportions(view) -> None:
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


def test_outline_is_read_from_the_svg_art(view) -> None:
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


def test_views_not_drawn_yet_are_named_as_such(bm: BodyMap) -> None:
    with pytest.raises(MarkError, match="not drawn yet"):
        bm.atlas.view("anterior")
    with pytest.raises(MarkError, match="unknown view"):
        bm.atlas.view("front")
