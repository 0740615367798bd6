"""Head, neck and jaw presentations: the muscles a clinician would check must be listed.

Every presentation is drawn on the person's right side and again on the left; the side
view used is the one that shows that side (``right-lateral`` or ``left-lateral``).
"""

from __future__ import annotations

import pytest

from bodymap import BodyMap
from tests.strokes import stroke_through

SIDES = pytest.mark.parametrize("side", ["right", "left"])

TEMPLE_MUSCLES = {"temporalis", "upper_trapezius", "sternocleidomastoid"}


def top_muscles(bm: BodyMap, marks: list[str], n: int = 3) -> list[str]:
    return [c.muscle for c in bm.rank(marks, top=n)]


@SIDES
def test_temple_and_upper_teeth_list_temporalis(bm: BodyMap, side: str) -> None:
    lateral = f"{side}-lateral"
    marks = [
        f"{lateral}:{side}-temple",
        f"{lateral}:{side}-upper-teeth",
        f"anterior:{side}-temple",
    ]
    ranking = bm.rank(marks, top=3)
    assert "temporalis" in [c.muscle for c in ranking]
    assert next(c for c in ranking if c.muscle == "temporalis").side == side


@SIDES
def test_brow_eye_and_throat_list_sternocleidomastoid(bm: BodyMap, side: str) -> None:
    marks = [
        stroke_through(bm, "anterior", f"{side}-eyebrow", f"{side}-eye"),
        "anterior:throat",
    ]
    ranking = bm.rank(marks, top=3)
    assert "sternocleidomastoid" in [c.muscle for c in ranking]
    assert next(c for c in ranking if c.muscle == "sternocleidomastoid").side == side


@SIDES
def test_angle_of_the_jaw_and_cheek_list_masseter(bm: BodyMap, side: str) -> None:
    lateral = f"{side}-lateral"
    marks = [stroke_through(bm, lateral, f"{side}-jaw-angle", f"{side}-cheek")]
    ranking = bm.rank(marks, top=3)
    assert ranking[0].muscle == "masseter"
    assert ranking[0].side == side


@SIDES
def test_cheek_on_the_front_view_lists_masseter(bm: BodyMap, side: str) -> None:
    assert "masseter" in top_muscles(bm, [f"anterior:{side}-cheek", f"anterior:{side}-jaw"])


@SIDES
def test_band_under_the_skull_lists_suboccipitals(bm: BodyMap, side: str) -> None:
    marks = [stroke_through(bm, "posterior", "occiput", f"{side}-suboccipital", f"{side}-mastoid")]
    ranking = bm.rank(marks, top=3)
    assert "suboccipitals" in [c.muscle for c in ranking]
    assert next(c for c in ranking if c.muscle == "suboccipitals").side in (side, "both")


def test_band_under_the_skull_on_both_sides_lists_suboccipitals_on_both(bm: BodyMap) -> None:
    marks = [
        stroke_through(
            bm,
            "posterior",
            "left-mastoid",
            "left-suboccipital",
            "occiput",
            "right-suboccipital",
            "right-mastoid",
        )
    ]
    ranking = bm.rank(marks, top=3)
    assert ("suboccipitals", "both") in [(c.muscle, c.side) for c in ranking]


@SIDES
def test_a_mark_on_the_temple_ranks_a_temple_muscle_first(bm: BodyMap, side: str) -> None:
    ranking = bm.rank([f"{side}-lateral:{side}-temple"], top=3)
    assert ranking[0].muscle in TEMPLE_MUSCLES
    assert ranking[0].side == side
    assert "temporalis" in [c.muscle for c in ranking]


@SIDES
def test_thumb_index_finger_and_front_of_chest_list_scalenes(bm: BodyMap, side: str) -> None:
    marks = [
        f"anterior:{side}-thumb",
        f"anterior:{side}-index-finger",
        f"anterior:{side}-upper-chest",
    ]
    ranking = bm.rank(marks, top=3)
    assert "scalenes" in [c.muscle for c in ranking]
    assert next(c for c in ranking if c.muscle == "scalenes").side == side


@SIDES
def test_top_of_the_head_lists_splenius_capitis(bm: BodyMap, side: str) -> None:
    marks = [f"{side}-lateral:{side}-top-of-head"]
    assert "splenius_capitis" in top_muscles(bm, marks)


@SIDES
def test_jaw_joint_lists_a_chewing_muscle_first(bm: BodyMap, side: str) -> None:
    ranking = bm.rank([f"{side}-lateral:{side}-jaw-joint"], top=3)
    assert ranking[0].muscle in {"lateral_pterygoid", "masseter"}
    assert "lateral_pterygoid" in [c.muscle for c in ranking]


@SIDES
def test_neck_pain_alone_does_not_blame_a_jaw_muscle(bm: BodyMap, side: str) -> None:
    jaw = {"masseter", "temporalis", "lateral_pterygoid", "medial_pterygoid", "digastric"}
    marks = [f"posterior:{side}-neck-shoulder-angle"]
    assert not jaw & set(top_muscles(bm, marks, n=5))
