"""Arm and elbow presentations: the upper-arm and elbow muscles rank where a clinician expects.

Every presentation is drawn on landmarks of the person's right side and, mirrored, of the left
side; the left-side drawing must give the same muscles on the left.
"""

from __future__ import annotations

import pytest

from bodymap import BodyMap
from tests.strokes import stroke_through

SIDES = ["right", "left"]

# The muscles that send pain to the outer knob of the elbow ("tennis elbow") from the forearm.
FOREARM_OUTER_ELBOW = {
    "supinator",
    "brachioradialis",
    "extensor_carpi_radialis_longus",
    "extensor_carpi_radialis_brevis",
    "extensor_digitorum",
    "extensor_carpi_ulnaris",
}
THUMB_BASE = {"brachialis", "adductor_pollicis", "opponens_pollicis"}


def _on(side: str, view: str) -> str:
    """The view in which ``side`` is drawn: the front and back views show both sides."""
    return f"{side}-lateral" if view == "lateral" else view


def _top(bm: BodyMap, marks: list[str], n: int) -> list[tuple[str, str]]:
    return [(c.muscle, c.side) for c in bm.rank(marks, top=n)]


@pytest.mark.parametrize("view", ["anterior", "posterior", "lateral"])
@pytest.mark.parametrize("side", SIDES)
def test_a_mark_on_the_outer_elbow_ranks_a_forearm_muscle_first(
    bm: BodyMap, side: str, view: str
) -> None:
    v = _on(side, view)
    first = bm.rank([f"{v}:{side}-lateral-elbow"], top=1)[0]
    assert first.muscle in FOREARM_OUTER_ELBOW, first.muscle
    assert first.side == side


@pytest.mark.parametrize("side", SIDES)
def test_the_outer_elbow_is_not_won_by_the_shoulder(bm: BodyMap, side: str) -> None:
    marks = [
        f"{_on(side, view)}:{side}-lateral-elbow" for view in ("anterior", "posterior", "lateral")
    ]
    first = bm.rank(marks, top=1)[0]
    assert first.muscle in FOREARM_OUTER_ELBOW and first.side == side


@pytest.mark.parametrize("side", SIDES)
def test_a_drawing_over_the_front_of_the_shoulder_lists_the_biceps(bm: BodyMap, side: str) -> None:
    marks = [
        stroke_through(bm, "anterior", f"{side}-anterior-shoulder", f"{side}-anterior-arm"),
        f"anterior:{side}-anterior-shoulder",
    ]
    assert ("biceps_brachii", side) in _top(bm, marks, 5)


@pytest.mark.parametrize("side", SIDES)
def test_a_drawing_at_the_back_of_the_elbow_lists_the_triceps(bm: BodyMap, side: str) -> None:
    assert ("triceps_brachii", side) in _top(bm, [f"posterior:{side}-elbow"], 3)


@pytest.mark.parametrize("side", SIDES)
def test_the_back_of_the_arm_and_elbow_rank_the_triceps_first(bm: BodyMap, side: str) -> None:
    marks = [stroke_through(bm, "posterior", f"{side}-posterior-arm", f"{side}-elbow")]
    assert _top(bm, marks, 1) == [("triceps_brachii", side)]


@pytest.mark.parametrize("side", SIDES)
def test_a_mark_at_the_base_of_the_thumb_lists_a_thumb_muscle(bm: BodyMap, side: str) -> None:
    for mark in (f"anterior:{side}-thenar", f"posterior:{side}-thumb-web"):
        top = _top(bm, [mark], 5)
        assert {(m, side) for m in THUMB_BASE} & set(top), (mark, top)


@pytest.mark.parametrize("side", SIDES)
def test_the_back_of_the_thumb_web_lists_the_brachialis(bm: BodyMap, side: str) -> None:
    top = _top(bm, [f"posterior:{side}-thumb-web"], 6)
    assert ("brachialis", side) in top


@pytest.mark.parametrize("side", SIDES)
def test_a_mark_on_the_inner_elbow_lists_the_triceps(bm: BodyMap, side: str) -> None:
    top = _top(bm, [f"anterior:{side}-medial-elbow"], 5)
    assert ("triceps_brachii", side) in top


@pytest.mark.parametrize("side", SIDES)
def test_the_front_of_the_shoulder_with_the_back_of_arm_and_hand_lists_coracobrachialis(
    bm: BodyMap, side: str
) -> None:
    marks = [
        f"anterior:{side}-anterior-shoulder",
        f"posterior:{side}-posterior-arm",
        f"posterior:{side}-back-of-fingers",
    ]
    assert ("coracobrachialis", side) in _top(bm, marks, 3)


@pytest.mark.parametrize("side", SIDES)
def test_the_outer_elbow_with_the_thumb_web_ranks_a_forearm_muscle_first(
    bm: BodyMap, side: str
) -> None:
    marks = [f"posterior:{side}-lateral-elbow", f"posterior:{side}-thumb-web"]
    top = _top(bm, marks, 3)
    assert top[0][0] in FOREARM_OUTER_ELBOW and top[0][1] == side
    assert {("supinator", side), ("brachioradialis", side)} & set(top), top
