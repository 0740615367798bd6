"""Forearm and hand presentations: the wrist and finger extensors, the wrist flexors and the
thumb and index-finger muscles explain pain where their charts put it, on both sides."""

from __future__ import annotations

import pytest

from bodymap import BodyMap

SIDES = ["right", "left"]

OUTER_ELBOW_SOURCES = {
    "extensor_carpi_radialis_longus",
    "extensor_carpi_radialis_brevis",
    "extensor_digitorum",
    "extensor_carpi_ulnaris",
    "supinator",
    "brachioradialis",
}


def _point(bm: BodyMap, view: str, name: str) -> tuple[float, float]:
    x, y = bm.atlas.view(view).landmark(name)
    return float(x), float(y)


def _ranked(bm: BodyMap, marks: list[str], side: str, top: int) -> list[str]:
    """The muscles in the top places that the marks put on the given side."""
    return [c.muscle for c in bm.rank(marks, top=top) if c.side in (side, "both")]


@pytest.mark.parametrize("side", SIDES)
@pytest.mark.parametrize("view", ["posterior", "anterior"])
def test_outer_elbow_ranks_a_forearm_extensor_first(bm: BodyMap, side: str, view: str) -> None:
    ranking = bm.rank([f"{view}:{side}-lateral-elbow"], top=3)
    assert ranking, "a mark on the outer elbow explains nothing"
    assert ranking[0].side == side
    assert ranking[0].muscle in OUTER_ELBOW_SOURCES, [c.muscle for c in ranking]


@pytest.mark.parametrize("side", SIDES)
def test_outer_elbow_seen_from_the_side(bm: BodyMap, side: str) -> None:
    ranking = bm.rank([f"{side}-lateral:{side}-lateral-elbow"], top=3)
    assert ranking and ranking[0].side == side
    assert ranking[0].muscle in OUTER_ELBOW_SOURCES, [c.muscle for c in ranking]


@pytest.mark.parametrize("side", SIDES)
def test_ball_of_thumb_and_thumb_lists_a_thumb_muscle(bm: BodyMap, side: str) -> None:
    tx, ty = _point(bm, "anterior", f"{side}-thenar")
    ux, uy = _point(bm, "anterior", f"{side}-thumb")
    stroke = f"anterior:{tx},{ty};{(tx + ux) / 2},{(ty + uy) / 2};{ux},{uy}"
    muscles = _ranked(bm, [stroke], side, top=5)
    assert {"opponens_pollicis", "adductor_pollicis"} & set(muscles), muscles


@pytest.mark.parametrize("side", SIDES)
@pytest.mark.parametrize("view", ["posterior", "anterior"])
def test_index_finger_lists_first_dorsal_interosseous(bm: BodyMap, side: str, view: str) -> None:
    muscles = _ranked(bm, [f"{view}:{side}-index-finger"], side, top=5)
    assert {"first_dorsal_interosseous", "extensor_digitorum"} & set(muscles), muscles


@pytest.mark.parametrize("side", SIDES)
def test_little_finger_side_of_back_of_wrist_lists_ecu(bm: BodyMap, side: str) -> None:
    # The back of the wrist, moved a little toward the little finger (the inner side).
    wx, wy = _point(bm, "posterior", f"{side}-wrist")
    lx, _ = _point(bm, "posterior", f"{side}-little-finger")
    x = wx + 0.8 * (lx - wx)
    muscles = _ranked(bm, [f"posterior:{x},{wy}"], side, top=5)
    assert "extensor_carpi_ulnaris" in muscles, muscles


@pytest.mark.parametrize("side", SIDES)
def test_palm_side_of_wrist_lists_a_wrist_flexor(bm: BodyMap, side: str) -> None:
    muscles = _ranked(bm, [f"anterior:{side}-volar-wrist"], side, top=5)
    wrist_sources = {"flexor_carpi_radialis", "flexor_carpi_ulnaris", "opponens_pollicis"}
    assert wrist_sources & set(muscles), muscles


@pytest.mark.parametrize("side", SIDES)
def test_back_of_forearm_into_middle_finger_ranks_extensor_digitorum(
    bm: BodyMap, side: str
) -> None:
    fx, fy = _point(bm, "posterior", f"{side}-forearm")
    wx, wy = _point(bm, "posterior", f"{side}-wrist")
    bx, by = _point(bm, "posterior", f"{side}-back-of-fingers")
    stroke = f"posterior:{fx},{fy};{wx},{wy};{bx},{by}"
    muscles = _ranked(bm, [stroke], side, top=3)
    assert "extensor_digitorum" in muscles, muscles
