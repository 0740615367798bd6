"""The posterior presentations of shared/reference/example-vignettes.md.

Each vignette becomes marks on landmarks (painted strokes where the pain runs along a
line); an expected muscle must rank in the top three.
"""

from __future__ import annotations

import pytest

from bodymap import BodyMap


def stroke(bm: BodyMap, *names: str) -> str:
    view = bm.atlas.view("posterior")
    return "posterior:" + ";".join("{:g},{:g}".format(*view.landmark(n)) for n in names)


VIGNETTES = {
    # id: (marks as landmark names or strokes, expected muscles (any in top 3))
    "V01 belt line both sides and sacrum": (
        [("left-iliac-crest", "left-psis", "sacrum", "right-psis", "right-iliac-crest")],
        {"rectus_abdominis", "gluteus_medius"},
    ),
    "V03 SI joint / PSIS": (
        ["right-psis", "right-si-joint"],
        {"quadratus_lumborum", "gluteus_medius", "piriformis"},
    ),
    "V07 back of the knee": (
        ["right-popliteal-fossa"],
        {"gastrocnemius", "biceps_femoris", "popliteus"},
    ),
    "V13 deep pelvis, down the back of the thigh": (
        ["coccyx", "right-posterior-thigh-upper"],
        {"obturator_internus", "levator_ani", "coccygeus"},
    ),
    "V15 acute low back into hip and buttock": (
        [
            "right-lumbar-paraspinal",
            "right-psis",
            "right-upper-outer-buttock",
            "right-lower-buttock",
        ],
        {"quadratus_lumborum"},
    ),
    "V17 lower ribs at the back": (["right-lower-ribs"], {"serratus_posterior_inferior"}),
    "V19 between the shoulder blades": (
        ["right-interscapular", "right-scapula-medial-border"],
        {"rhomboids", "middle_trapezius", "lower_trapezius"},
    ),
    "V21 up the side of the neck to behind the ear": (
        [("right-neck", "right-mastoid")],
        {"upper_trapezius"},
    ),
    "V25 calf and behind the knee": (
        ["right-popliteal-fossa", ("right-calf-upper", "right-calf-mid")],
        {"gastrocnemius"},
    ),
    "V27 top of the buttock": (["right-upper-buttock"], {"gluteus_maximus", "gluteus_medius"}),
    "V29 buttock crease, back-inner thigh, knee, inner calf": (
        [
            (
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
            ("left-thoracolumbar", "left-lumbar-paraspinal", "left-psis"),
            ("right-thoracolumbar", "right-lumbar-paraspinal", "right-psis"),
        ],
        {"iliopsoas", "multifidus", "longissimus_thoracis"},
    ),
    "issue: gluteus minimus down the back of the leg": (
        ["right-lower-buttock", "right-posterior-thigh-mid", "right-calf-upper"],
        {"gluteus_minimus"},
    ),
}


@pytest.mark.parametrize("name", list(VIGNETTES))
def test_an_expected_muscle_ranks_in_the_top_three(bm: BodyMap, name: str) -> None:
    spots, expected = VIGNETTES[name]
    marks = [stroke(bm, *s) if isinstance(s, tuple) else f"posterior:{s}" for s in spots]
    top3 = [c.muscle for c in bm.rank(marks, top=3)]
    assert expected & set(top3), f"{name}: top three were {top3}"


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
