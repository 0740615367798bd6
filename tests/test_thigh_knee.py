"""Hip, thigh and knee presentations: the six front-and-inner thigh muscles (pectineus,
gracilis, sartorius, rectus femoris, vastus medialis, vastus intermedius) and the clinical
review's corrections to vastus lateralis, adductor longus, rectus abdominis, piriformis and
iliocostalis lumborum. Every presentation is checked on both sides of the body."""

from __future__ import annotations

import pytest

from bodymap import BodyMap
from tests.strokes import stroke_through

SIDES = ["right", "left"]


def _point(bm: BodyMap, view: str, start: str, end: str, share: float) -> str:
    """A mark at ``share`` of the way from one landmark to another."""
    frame = bm.atlas.view(view)
    (x0, y0), (x1, y1) = frame.landmark(start), frame.landmark(end)
    return f"{view}:{x0 + share * (x1 - x0):g},{y0 + share * (y1 - y0):g}"


def _top(bm: BodyMap, marks: list[str], n: int) -> list[str]:
    return [c.muscle for c in bm.rank(marks, top=n)]


@pytest.mark.parametrize("side", SIDES)
def test_the_inner_edge_of_the_kneecap_lists_vastus_medialis(bm: BodyMap, side: str) -> None:
    ranking = bm.rank([f"anterior:{side}-anteromedial-knee"], top=3)
    assert "vastus_medialis" in [c.muscle for c in ranking], [c.muscle for c in ranking]
    assert ranking[0].side == side


@pytest.mark.parametrize("side", SIDES)
def test_the_middle_of_the_kneecap_is_led_by_rectus_femoris_or_vastus_medialis(
    bm: BodyMap, side: str
) -> None:
    first = bm.rank([f"anterior:{side}-anterior-knee"], top=1)[0]
    assert first.muscle != "vastus_lateralis"
    assert first.muscle in {"rectus_femoris", "vastus_medialis"}, first.muscle
    assert first.side == side


@pytest.mark.parametrize("side", SIDES)
def test_the_outer_knee_still_ranks_vastus_lateralis_first(bm: BodyMap, side: str) -> None:
    first = bm.rank([f"anterior:{side}-lateral-knee"], top=1)[0]
    assert (first.muscle, first.side) == ("vastus_lateralis", side)


@pytest.mark.parametrize("side", SIDES)
@pytest.mark.parametrize(
    "names",
    [("anterior-thigh-mid", "anterior-thigh-lower"), ("anterior-thigh-lower", "anterior-knee")],
    ids=["front-of-thigh", "above-the-knee"],
)
def test_a_front_of_thigh_drawing_lists_rectus_femoris_or_vastus_intermedius(
    bm: BodyMap, side: str, names: tuple[str, str]
) -> None:
    stroke = stroke_through(bm, "anterior", *(f"{side}-{n}" for n in names))
    top3 = _top(bm, [stroke], 3)
    assert {"rectus_femoris", "vastus_intermedius"} & set(top3), top3


@pytest.mark.parametrize("side", SIDES)
def test_mid_front_thigh_pain_ranks_vastus_intermedius_first(bm: BodyMap, side: str) -> None:
    first = bm.rank([f"anterior:{side}-anterior-thigh-mid"], top=1)[0]
    assert (first.muscle, first.side) == ("vastus_intermedius", side)


@pytest.mark.parametrize("side", SIDES)
def test_the_inner_thigh_above_the_knee_lists_gracilis_or_sartorius(bm: BodyMap, side: str) -> None:
    mark = _point(bm, "anterior", f"{side}-medial-thigh", f"{side}-medial-knee", 0.55)
    top3 = _top(bm, [mark], 3)
    assert {"gracilis", "sartorius"} & set(top3), top3


@pytest.mark.parametrize("side", SIDES)
def test_a_deep_groin_mark_lists_pectineus(bm: BodyMap, side: str) -> None:
    below_crease = _point(bm, "anterior", f"{side}-groin", f"{side}-medial-thigh", 0.25)
    ranking = bm.rank([below_crease], top=3)
    assert "pectineus" in [c.muscle for c in ranking], [c.muscle for c in ranking]
    assert all(c.side == side for c in ranking)


@pytest.mark.parametrize("side", SIDES)
def test_adductor_longus_stays_in_the_groin_off_the_front_of_the_hip(
    bm: BodyMap, side: str
) -> None:
    assert "adductor_longus" not in _top(bm, [f"anterior:{side}-anterior-hip"], 5)
    below_crease = _point(bm, "anterior", f"{side}-groin", f"{side}-medial-thigh", 0.25)
    assert "adductor_longus" in _top(bm, [below_crease], 5)


@pytest.mark.parametrize("side", SIDES)
def test_a_mid_buttock_mark_lists_piriformis_and_iliocostalis_lumborum(
    bm: BodyMap, side: str
) -> None:
    ranking = bm.rank([f"posterior:{side}-mid-buttock"], top=3)
    assert {"piriformis", "iliocostalis_lumborum"} <= {c.muscle for c in ranking}
    assert ranking[0].side == side


@pytest.mark.parametrize("side", SIDES)
def test_pain_from_the_mid_low_back_into_the_buttock_ranks_iliocostalis_lumborum_first(
    bm: BodyMap, side: str
) -> None:
    # From beside the third lumbar level, outside the paraspinal strip, down into the buttock.
    start = _point(bm, "posterior", f"{side}-lumbar-paraspinal", f"{side}-flank", 0.4)
    stroke = start + ";" + stroke_through(bm, "posterior", f"{side}-mid-buttock").split(":")[1]
    first = bm.rank([stroke], top=1)[0]
    assert (first.muscle, first.side) == ("iliocostalis_lumborum", side)


def test_the_tailbone_is_not_a_piriformis_presentation(bm: BodyMap) -> None:
    assert "piriformis" not in _top(bm, ["posterior:coccyx"], 5)


def test_a_band_across_the_belt_line_lists_rectus_abdominis_on_both_sides(bm: BodyMap) -> None:
    belt = stroke_through(bm, "posterior", "left-iliac-crest", "l5", "right-iliac-crest")
    top3 = [(c.muscle, c.side) for c in bm.rank([belt], top=3)]
    assert ("rectus_abdominis", "both") in top3, top3
