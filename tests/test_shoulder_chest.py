"""Shoulder, chest and trunk presentations: the muscles a clinician would name come up.

Each presentation is drawn on the person's right side and, mirrored, on the left side, and
must list the expected muscle on that side.
"""

from __future__ import annotations

import pytest

from bodymap import BodyMap
from tests.strokes import stroke_through

SIDES = pytest.mark.parametrize("side", ["right", "left"])


def click(view: str, landmark: str, side: str) -> str:
    return f"{view}:{side}-{landmark}"


def stroke(bm: BodyMap, view: str, side: str, *landmarks: str) -> str:
    """A painted stroke through the landmarks of one side, in order."""
    return stroke_through(bm, view, *(f"{side}-{name}" for name in landmarks))


def point(view: str, x: float, y: float, side: str) -> str:
    """A right-side point of the front or back view, mirrored about the midline for the left."""
    return f"{view}:{x if side == 'right' else 760 - x:g},{y:g}"


def listed(bm: BodyMap, marks: list[str], top: int) -> dict[str, str]:
    """The muscles among the first ``top`` candidates, each with the side it is listed on."""
    return {c.muscle: c.side for c in bm.rank(marks, top=top)}


def assert_listed(found: dict[str, str], muscle: str, side: str) -> None:
    assert muscle in found, f"{muscle} not listed: {sorted(found)}"
    assert found[muscle] in (side, "both")


@SIDES
def test_front_of_the_shoulder_lists_the_deltoid_and_the_infraspinatus(
    bm: BodyMap, side: str
) -> None:
    found = listed(bm, [click("anterior", "anterior-shoulder", side)], top=10)
    assert_listed(found, "deltoid", side)
    assert_listed(found, "infraspinatus", side)


@SIDES
def test_outer_shoulder_cap_seen_from_the_side_lists_the_deltoid(bm: BodyMap, side: str) -> None:
    view = f"{side}-lateral"
    found = listed(bm, [click(view, "lateral-shoulder", side)], top=5)
    assert_listed(found, "deltoid", side)


@SIDES
def test_back_of_the_shoulder_lists_a_teres_or_the_subscapularis(bm: BodyMap, side: str) -> None:
    for marks in (
        [click("posterior", "posterior-shoulder", side)],
        [point("posterior", 566, 376, side)],
        # the back fold of the armpit up to the back of the shoulder
        [point("posterior", 520, 424, side), point("posterior", 560, 380, side)],
    ):
        found = listed(bm, marks, top=5)
        assert {"teres_minor", "teres_major", "subscapularis"} & set(found), marks
        for muscle in {"teres_minor", "teres_major", "subscapularis"} & set(found):
            assert found[muscle] in (side, "both")


@SIDES
def test_front_of_the_chest_lists_the_pectoralis_major(bm: BodyMap, side: str) -> None:
    marks = [
        stroke(bm, "anterior", side, "upper-chest", "chest", "nipple"),
        click("anterior", "chest", side),
    ]
    found = listed(bm, marks, top=3)
    assert_listed(found, "pectoralis_major", side)


@SIDES
def test_back_of_the_wrist_with_the_back_of_the_shoulder_lists_the_subscapularis(
    bm: BodyMap, side: str
) -> None:
    marks = [click("posterior", "wrist", side), click("posterior", "posterior-shoulder", side)]
    found = listed(bm, marks, top=3)
    assert_listed(found, "subscapularis", side)


@SIDES
def test_side_of_the_chest_below_the_armpit_lists_the_serratus_anterior(
    bm: BodyMap, side: str
) -> None:
    found = listed(bm, [click(f"{side}-lateral", "lateral-chest", side)], top=3)
    assert_listed(found, "serratus_anterior", side)


@SIDES
def test_deep_ache_under_the_upper_shoulder_blade_lists_serratus_posterior_superior(
    bm: BodyMap, side: str
) -> None:
    marks = [
        point("posterior", 470, 350, side),
        stroke(bm, "posterior", side, "posterior-shoulder", "posterior-arm", "elbow"),
    ]
    found = listed(bm, marks, top=5)
    assert_listed(found, "serratus_posterior_superior", side)


@SIDES
def test_groin_with_the_lower_belly_lists_the_external_oblique(bm: BodyMap, side: str) -> None:
    marks = [stroke(bm, "anterior", side, "lower-abdomen", "groin")]
    found = listed(bm, marks, top=3)
    assert_listed(found, "external_oblique", side)
