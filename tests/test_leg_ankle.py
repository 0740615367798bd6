"""The leg, ankle and foot: clicks and strokes a patient would draw, on both sides.

Each presentation is drawn on the right and on the left; a muscle whose pain chart covers
the spot must be among the first three, on the side that was marked.
"""

from __future__ import annotations

import pytest

from bodymap import BodyMap

SIDES = ["right", "left"]


def top3(bm: BodyMap, marks: list[str]) -> list[tuple[str, str]]:
    return [(c.muscle, c.side) for c in bm.rank(marks, top=3)]


def listed(bm: BodyMap, marks: list[str], side: str, muscles: set[str]) -> bool:
    """Whether one of ``muscles`` is in the top three, on ``side``."""
    return any(muscle in muscles and where == side for muscle, where in top3(bm, marks))


def shin_stroke(bm: BodyMap, side: str) -> str:
    """A stroke down the front of the shin, from below the knee to just above the ankle."""
    view = bm.atlas.view("anterior")
    kx, ky = view.landmark(f"{side}-anterior-knee")
    sx, sy = view.landmark(f"{side}-shin")
    ax, ay = view.landmark(f"{side}-anterior-ankle")
    points = [
        ((kx + sx) / 2, (ky + sy) / 2 + 20),
        (sx, sy),
        ((sx + ax) / 2, (sy + ay) / 2),
        (ax, ay - 25),
    ]
    return "anterior:" + ";".join(f"{x:g},{y:g}" for x, y in points)


@pytest.mark.parametrize("side", SIDES)
def test_the_top_of_the_big_toe_lists_tibialis_anterior_or_the_long_big_toe_extensor(
    bm: BodyMap, side: str
) -> None:
    marks = [f"anterior:{side}-big-toe"]
    assert listed(bm, marks, side, {"tibialis_anterior", "extensor_hallucis_longus"}), top3(
        bm, marks
    )


@pytest.mark.parametrize("side", SIDES)
@pytest.mark.parametrize("view", ["lateral", "posterior"])
def test_the_outer_ankle_bone_lists_the_peronei(bm: BodyMap, side: str, view: str) -> None:
    name = f"{side}-lateral" if view == "lateral" else "posterior"
    marks = [f"{name}:{side}-lateral-ankle"]
    assert listed(bm, marks, side, {"peroneus_longus", "peroneus_brevis"}), top3(bm, marks)


@pytest.mark.parametrize("side", SIDES)
def test_a_stroke_down_the_shin_lists_tibialis_anterior(bm: BodyMap, side: str) -> None:
    marks = [shin_stroke(bm, side)]
    assert listed(bm, marks, side, {"tibialis_anterior"}), top3(bm, marks)


@pytest.mark.parametrize("side", SIDES)
def test_the_tops_of_the_toes_list_the_long_toe_extensor(bm: BodyMap, side: str) -> None:
    marks = [f"anterior:{side}-toes"]
    assert listed(bm, marks, side, {"extensor_digitorum_longus"}), top3(bm, marks)


@pytest.mark.parametrize("side", SIDES)
def test_a_mark_under_the_big_toe_lists_the_long_big_toe_flexor(bm: BodyMap, side: str) -> None:
    marks = [f"plantar:{side}-big-toe-pad"]
    assert listed(bm, marks, side, {"flexor_hallucis_longus"}), top3(bm, marks)


@pytest.mark.parametrize("side", SIDES)
def test_a_click_under_the_heel_lists_soleus(bm: BodyMap, side: str) -> None:
    marks = [f"plantar:{side}-heel-pad"]
    assert listed(bm, marks, side, {"soleus"}), top3(bm, marks)


@pytest.mark.parametrize("side", SIDES)
def test_the_inner_arch_of_the_sole_lists_gastrocnemius(bm: BodyMap, side: str) -> None:
    marks = [f"plantar:{side}-arch"]
    assert listed(bm, marks, side, {"gastrocnemius"}), top3(bm, marks)


@pytest.mark.parametrize("side", SIDES)
def test_the_gastrocnemius_arch_zone_is_on_the_sole_not_the_front_of_the_foot(
    bm: BodyMap, side: str
) -> None:
    front = bm.rank([f"anterior:{side}-big-toe"])
    assert "gastrocnemius" not in {c.muscle for c in front}
