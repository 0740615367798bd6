"""Clinical presentations the ranking must get right, on every view they need.

Each vignette becomes marks on landmarks: ``"view:landmark"`` for a spot, or a tuple
``(view, landmark, landmark, ...)`` for a painted stroke through them. An expected muscle
must rank in the top three, and the mirror-image presentation on the left side must give
the same muscles on the left.
"""

from __future__ import annotations

import pytest

from bodymap import BodyMap
from tests.strokes import stroke_through

Spot = str | tuple[str, ...]

VIGNETTES: dict[str, tuple[list[Spot], set[str]]] = {
    # id: (marks, expected muscles (any in the top three))
    "V01 belt line both sides and sacrum": (
        [
            (
                "posterior",
                "left-iliac-crest",
                "left-psis",
                "sacrum",
                "right-psis",
                "right-iliac-crest",
            )
        ],
        {"rectus_abdominis", "gluteus_medius"},
    ),
    "V03 SI joint / PSIS": (
        ["posterior:right-psis", "posterior:right-si-joint"],
        {"quadratus_lumborum", "gluteus_medius", "piriformis"},
    ),
    "V05 down the outside of the leg to the ankle": (
        [
            (
                "right-lateral",
                "right-greater-trochanter",
                "right-lateral-thigh-upper",
                "right-lateral-thigh-mid",
                "right-lateral-thigh-lower",
                "right-lateral-knee",
                "right-lateral-leg-upper",
                "right-lateral-leg-mid",
                "right-lateral-ankle",
            )
        ],
        {"gluteus_minimus"},
    ),
    "V07 back of the knee": (
        ["posterior:right-popliteal-fossa"],
        {"gastrocnemius", "biceps_femoris", "popliteus"},
    ),
    "V09 outer hip bone": (
        ["right-lateral:right-greater-trochanter"],
        {"gluteus_minimus", "tensor_fasciae_latae", "quadratus_lumborum"},
    ),
    "V11 groin and upper thigh with low back beside the spine": (
        [
            ("anterior", "right-groin", "right-anterior-thigh-upper"),
            ("posterior", "right-thoracolumbar", "right-lumbar-paraspinal", "right-psis"),
        ],
        {"iliopsoas"},
    ),
    "V13 deep pelvis, down the back of the thigh": (
        ["posterior:coccyx", "posterior:right-posterior-thigh-upper"],
        {"obturator_internus", "levator_ani", "coccygeus"},
    ),
    "V15 acute low back into hip and buttock": (
        [
            "posterior:right-iliac-crest",
            "posterior:right-psis",
            "posterior:right-upper-outer-buttock",
            "posterior:right-lower-buttock",
            "right-lateral:right-lateral-hip",
        ],
        {"quadratus_lumborum"},
    ),
    "V17 lower ribs at the back": (
        ["posterior:right-lower-ribs"],
        {"serratus_posterior_inferior"},
    ),
    "V19 between the shoulder blades": (
        ["posterior:right-interscapular", "posterior:right-scapula-medial-border"],
        {"rhomboids", "middle_trapezius", "lower_trapezius"},
    ),
    "V21 side of the neck, behind the ear, to the temple": (
        [
            ("posterior", "right-neck", "right-mastoid"),
            ("right-lateral", "right-lateral-neck", "right-ear", "right-temple"),
            "right-lateral:right-jaw-angle",
        ],
        {"upper_trapezius"},
    ),
    "V23 outer shoulder to the outer elbow": (
        [("right-lateral", "right-lateral-shoulder", "right-lateral-arm", "right-lateral-elbow")],
        {"supraspinatus"},
    ),
    "V25 calf and behind the knee": (
        ["posterior:right-popliteal-fossa", ("posterior", "right-calf-upper", "right-calf-mid")],
        {"gastrocnemius"},
    ),
    "V27 top of the buttock": (
        ["posterior:right-upper-buttock"],
        {"gluteus_maximus", "gluteus_medius"},
    ),
    "V29 buttock crease, back-inner thigh, knee, inner calf": (
        [
            (
                "posterior",
                "right-gluteal-fold",
                "right-posteromedial-thigh",
                "right-popliteal-fossa",
                "right-medial-calf",
            )
        ],
        {"medial_hamstrings"},
    ),
    "V31 back of the thigh and knee": (
        [
            (
                "posterior",
                "right-posterior-thigh-upper",
                "right-posterior-thigh-mid",
                "right-posterior-thigh-lower",
                "right-popliteal-fossa",
            )
        ],
        {"biceps_femoris", "medial_hamstrings", "gluteus_minimus", "gastrocnemius"},
    ),
    "V33 strips beside the lower spine, both sides": (
        [
            ("posterior", "left-thoracolumbar", "left-lumbar-paraspinal", "left-psis"),
            ("posterior", "right-thoracolumbar", "right-lumbar-paraspinal", "right-psis"),
        ],
        {"iliopsoas", "multifidus", "longissimus_thoracis"},
    ),
    "issue: gluteus minimus down the back of the leg": (
        [
            "posterior:right-lower-buttock",
            "posterior:right-posterior-thigh-mid",
            "posterior:right-calf-upper",
        ],
        {"gluteus_minimus"},
    ),
}


def _mirror(text: str) -> str:
    swapped = text.replace("right-", "\0").replace("left-", "right-").replace("\0", "left-")
    return swapped


def marks(bm: BodyMap, spots: list[Spot], mirrored: bool = False) -> list[str]:
    out = []
    for spot in spots:
        if mirrored:
            spot = _mirror(spot) if isinstance(spot, str) else tuple(map(_mirror, spot))
        if isinstance(spot, str):
            out.append(spot)
        else:
            view, *names = spot
            out.append(stroke_through(bm, view, *names))
    return out


def test_every_vignette_of_the_reference_is_here() -> None:
    numbers = {name.split()[0] for name in VIGNETTES if name.startswith("V")}
    assert numbers == {f"V{n:02d}" for n in range(1, 34, 2)}


@pytest.mark.parametrize("mirrored", [False, True], ids=["right", "left"])
@pytest.mark.parametrize("name", list(VIGNETTES))
def test_an_expected_muscle_ranks_in_the_top_three(bm: BodyMap, name: str, mirrored: bool) -> None:
    spots, expected = VIGNETTES[name]
    top3 = bm.rank(marks(bm, spots, mirrored), top=3)
    assert expected & {c.muscle for c in top3}, f"{name}: top three were {[c.muscle for c in top3]}"
    one_sided = all("left-" not in str(s) for s in spots) or all(
        "right-" not in str(s) for s in spots
    )
    if one_sided and not any("coccyx" in str(s) for s in spots):
        assert top3[0].side in (("left", "both") if mirrored else ("right", "both"))


def test_reasons_name_the_views_that_matched(bm: BodyMap) -> None:
    spots, _ = VIGNETTES["V21 side of the neck, behind the ear, to the temple"]
    first = bm.rank(marks(bm, spots), top=1)[0]
    assert first.muscle == "upper_trapezius"
    assert {m.view for m in first.matches} >= {"posterior", "right-lateral"}
    assert "back and side views" in first.reason


def test_psis_ranks_right_gluteus_medius_in_the_top_three(bm: BodyMap) -> None:
    top3 = [(c.muscle, c.side) for c in bm.rank(["posterior:right-psis"], top=3)]
    assert ("gluteus_medius", "right") in top3


def test_leg_marks_rank_right_gluteus_minimus_first_or_second(bm: BodyMap) -> None:
    marks = [
        "posterior:right-lower-buttock",
        "posterior:right-posterior-thigh-mid",
        "posterior:right-calf-upper",
    ]
    top2 = [(c.muscle, c.side) for c in bm.rank(marks, top=2)]
    assert ("gluteus_minimus", "right") in top2


def test_the_same_marks_on_the_left_rank_the_left_side(bm: BodyMap) -> None:
    top = bm.rank(["posterior:left-psis"], top=3)
    assert all(c.side in ("left", "both") for c in top)


# Corrections from the clinical review of the posterior atlas (read against T&S).
CLASSIC_SPOTS = {
    "si-joint": {"gluteus_medius", "quadratus_lumborum"},
    "psis": {"gluteus_medius", "quadratus_lumborum"},
    "upper-trapezius": {"upper_trapezius"},
    "neck-shoulder-angle": {"upper_trapezius", "levator_scapulae"},
    "calf-mid": {"soleus", "gastrocnemius"},
}


@pytest.mark.parametrize("side", ["right", "left"])
@pytest.mark.parametrize("spot", list(CLASSIC_SPOTS))
def test_a_click_on_a_classic_spot_gives_the_classic_muscle(
    bm: BodyMap, spot: str, side: str
) -> None:
    top3 = bm.rank([f"posterior:{side}-{spot}"], top=3)
    assert CLASSIC_SPOTS[spot] & {c.muscle for c in top3}, [c.muscle for c in top3]
    assert top3[0].side == side


@pytest.mark.parametrize("side", ["right", "left"])
def test_one_sided_pain_at_the_thoracolumbar_spot_ranks_a_one_sided_muscle_first(
    bm: BodyMap, side: str
) -> None:
    first = bm.rank([f"posterior:{side}-thoracolumbar"], top=1)[0]
    assert first.side == side and first.muscle != "rectus_abdominis"


def test_a_mid_calf_click_is_not_a_tie(bm: BodyMap) -> None:
    first, second = bm.rank(["posterior:right-calf-mid"], top=2)
    assert first.score - second.score > 0.05


def test_a_reason_lists_three_views_as_a_sentence_would(bm: BodyMap) -> None:
    marks_ = [
        "anterior:right-groin",
        "posterior:right-psis",
        "right-lateral:right-greater-trochanter",
    ]
    first = bm.rank(marks_, top=1)[0]
    assert first.reason.endswith("(back, front and side views)")
