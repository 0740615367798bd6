"""Foot presentations: the intrinsic foot muscles rank where a clinician expects.

Every presentation is drawn on landmarks of the person's right side and, mirrored, of the
left side (the plantar view shows both soles); the left-side drawing must give the same
muscles on the left.
"""

from __future__ import annotations

import pytest

from bodymap import BodyMap
from tests.strokes import stroke_through

SIDES = ["right", "left"]

FOOT_MUSCLES = {
    "abductor_hallucis",
    "quadratus_plantae",
    "flexor_digitorum_brevis",
    "abductor_digiti_minimi",
    "adductor_hallucis",
    "extensor_digitorum_brevis",
}


def _top(bm: BodyMap, marks: list[str], n: int) -> list[tuple[str, str]]:
    return [(c.muscle, c.side) for c in bm.rank(marks, top=n)]


def _in_front_of_outer_ankle(bm: BodyMap, side: str) -> str:
    """A click on the top-outer foot just in front of and below the outer ankle bone, in the
    side view of that side."""
    view = f"{side}-lateral"
    frame = bm.atlas.view(view)
    x, y = frame.landmark(f"{side}-lateral-ankle")
    forward = 33.0 if side == "right" else -33.0  # the person faces +x in the right view
    return f"{view}:{x + forward:g},{y + 17:g}"


@pytest.mark.parametrize("side", SIDES)
def test_pain_under_the_heel_lists_quadratus_plantae(bm: BodyMap, side: str) -> None:
    top = _top(bm, [f"plantar:{side}-heel-pad"], 3)
    assert top[0] in {("quadratus_plantae", side), ("soleus", side)}, top
    assert ("quadratus_plantae", side) in top


@pytest.mark.parametrize("side", SIDES)
def test_pain_on_the_inner_side_of_the_heel_lists_abductor_hallucis(bm: BodyMap, side: str) -> None:
    top = _top(bm, [f"plantar:{side}-medial-heel"], 3)
    assert ("abductor_hallucis", side) in top, top


@pytest.mark.parametrize("side", SIDES)
def test_the_inner_heel_seen_from_behind_lists_abductor_hallucis(bm: BodyMap, side: str) -> None:
    frame = bm.atlas.view("posterior")
    x, _ = frame.landmark(f"{side}-medial-ankle")
    _, y = frame.landmark(f"{side}-heel")
    inward = 5.0 if side == "right" else -5.0  # toward the inner edge of the heel
    top = _top(bm, [f"plantar:{side}-medial-heel", f"posterior:{x - inward:g},{y:g}"], 3)
    assert ("abductor_hallucis", side) in top, top


@pytest.mark.parametrize("side", SIDES)
def test_the_ball_of_the_foot_lists_the_short_toe_muscles(bm: BodyMap, side: str) -> None:
    marks = [f"plantar:{side}-ball-of-foot"]
    assert {("flexor_digitorum_brevis", side), ("adductor_hallucis", side)} & set(
        _top(bm, marks, 2)
    )
    top = _top(bm, marks, 4)
    assert ("flexor_digitorum_brevis", side) in top and ("adductor_hallucis", side) in top, top


@pytest.mark.parametrize("side", SIDES)
def test_under_the_big_toe_joint_lists_adductor_hallucis(bm: BodyMap, side: str) -> None:
    top = _top(bm, [f"plantar:{side}-big-toe-ball"], 3)
    assert ("adductor_hallucis", side) in top, top


@pytest.mark.parametrize("side", SIDES)
def test_under_the_fifth_metatarsal_head_lists_abductor_digiti_minimi(
    bm: BodyMap, side: str
) -> None:
    top = _top(bm, [f"plantar:{side}-little-toe-ball"], 2)
    assert ("abductor_digiti_minimi", side) in top, top


@pytest.mark.parametrize("side", SIDES)
def test_the_outer_edge_of_the_sole_lists_abductor_digiti_minimi(bm: BodyMap, side: str) -> None:
    assert ("abductor_digiti_minimi", side) in _top(bm, [f"plantar:{side}-lateral-sole"], 3)
    stroke = stroke_through(bm, "plantar", f"{side}-little-toe-ball", f"{side}-lateral-sole")
    assert _top(bm, [stroke], 1) == [("abductor_digiti_minimi", side)]


@pytest.mark.parametrize("side", SIDES)
def test_the_top_of_the_foot_lists_extensor_digitorum_brevis(bm: BodyMap, side: str) -> None:
    assert ("extensor_digitorum_brevis", side) in _top(bm, [f"anterior:{side}-dorsal-foot"], 3)
    first = bm.rank([_in_front_of_outer_ankle(bm, side)], top=1)[0]
    assert (first.muscle, first.side) == ("extensor_digitorum_brevis", side)


@pytest.mark.parametrize("side", SIDES)
def test_the_sole_muscles_stay_off_the_top_of_the_foot(bm: BodyMap, side: str) -> None:
    listed = {c.muscle for c in bm.rank([f"anterior:{side}-dorsal-foot"])}
    assert not listed & (FOOT_MUSCLES - {"extensor_digitorum_brevis"}), listed


@pytest.mark.parametrize("side", SIDES)
def test_the_top_of_the_foot_muscle_stays_off_the_sole(bm: BodyMap, side: str) -> None:
    for place in ("heel-pad", "arch", "ball-of-foot", "lateral-sole"):
        listed = {c.muscle for c in bm.rank([f"plantar:{side}-{place}"])}
        assert "extensor_digitorum_brevis" not in listed, place


@pytest.mark.parametrize("side", SIDES)
def test_calf_pain_is_not_blamed_on_a_foot_muscle(bm: BodyMap, side: str) -> None:
    listed = {c.muscle for c in bm.rank([f"posterior:{side}-calf-mid"])}
    assert not listed & FOOT_MUSCLES, listed
