"""Names the outside world relies on: views and muscle ids (docs/landmarks.md, docs/muscles.md)."""

from __future__ import annotations

from collections.abc import Container, Iterable
from typing import Literal

VIEWS: tuple[str, ...] = ("posterior", "anterior", "right-lateral", "left-lateral", "plantar")

# Where a view's right-side geometry goes when mirrored to the left side: the anterior and
# posterior views (and the soles) mirror onto themselves about the midline; each lateral view
# onto the other.
MIRROR_VIEW: dict[str, str] = {
    "posterior": "posterior",
    "anterior": "anterior",
    "right-lateral": "left-lateral",
    "left-lateral": "right-lateral",
    "plantar": "plantar",
}

SIDE_SHOWN: dict[str, str] = {"right-lateral": "right", "left-lateral": "left"}
"""The one side of the body a side view shows."""

SHOWN_LARGER: dict[str, float] = {"plantar": 2.0}
"""Views drawn larger than the body's scale where views stand side by side (All views,
presentation, exported pictures, the handout): beside a whole body, soles at its own scale
are too small to mark or to show a patient."""

SHOWN_WHEN_MARKED: frozenset[str] = frozenset({"plantar"})
"""Views a picture of a drawing (the handout, a visit in the FHIR export) shows only
when they hold marks: most complaints never reach the soles."""


def views_to_show(views: Iterable[str], marked: Container[str]) -> list[str]:
    """The ``views`` a picture of a drawing marked on ``marked`` shows, in order."""
    return [v for v in views if v not in SHOWN_WHEN_MARKED or v in marked]


# Each view's name in plain words, and what it shows (the orientation rule users get wrong).
VIEW_TITLES: dict[str, str] = {
    "posterior": "Back",
    "anterior": "Front",
    "right-lateral": "Right side",
    "left-lateral": "Left side",
    "plantar": "Soles",
}
VIEW_CAPTIONS: dict[str, str] = {
    view: f"{VIEW_TITLES[view]}: {orientation}"
    for view, orientation in (
        ("posterior", "the person's right is on your right"),
        ("anterior", "the person's right is on your left"),
        ("right-lateral", "the person faces your right"),
        ("left-lateral", "the person faces your left"),
        ("plantar", "seen from below, the right sole is on your right"),
    )
}

Side = Literal["left", "right", "both"]
SIDES: tuple[Side, ...] = ("right", "left", "both")


def muscle_and_side(text: str, default: Side) -> tuple[str, Side]:
    """``MUSCLE[:SIDE]`` (as the command line names a pattern or a press test) as the
    muscle id and the side, ``default`` when none is named; ``ValueError`` for a side
    that is not right, left or both."""
    muscle, _, named = text.strip().partition(":")
    if not named:
        return muscle, default
    for side in SIDES:
        if named == side:
            return muscle, side
    raise ValueError(f"unknown side '{named}' (use right, left or both)")


def side_label(side: str) -> str:
    """How a side reads in a sentence: ``right``, ``left`` or ``both sides``."""
    return "both sides" if side == "both" else side


_ABBREVIATIONS = frozenset({"c7", "t4", "t8", "t12", "l3", "l5", "psis", "asis", "si"})


def landmark_label(name: str) -> str:
    """A landmark name as people read it: ``right-psis`` is "R PSIS", ``l5`` is "L5"."""
    side = ""
    for prefix, short in (("right-", "R "), ("left-", "L ")):
        if name.startswith(prefix):
            side, name = short, name.removeprefix(prefix)
    words = [w.upper() if w in _ABBREVIATIONS else w for w in name.split("-")]
    text = " ".join(words)
    return side + text[:1].upper() + text[1:]


MUSCLE_IDS: tuple[str, ...] = (
    "gluteus_medius",
    "gluteus_minimus",
    "gluteus_maximus",
    "piriformis",
    "quadratus_lumborum",
    "iliocostalis_lumborum",
    "iliocostalis_thoracis",
    "longissimus_thoracis",
    "multifidus",
    "iliopsoas",
    "rectus_abdominis",
    "tensor_fasciae_latae",
    "biceps_femoris",
    "medial_hamstrings",
    "adductor_magnus",
    "adductor_longus",
    "vastus_lateralis",
    "gastrocnemius",
    "soleus",
    "popliteus",
    "obturator_internus",
    "levator_ani",
    "coccygeus",
    "serratus_posterior_inferior",
    "latissimus_dorsi",
    "upper_trapezius",
    "middle_trapezius",
    "lower_trapezius",
    "levator_scapulae",
    "infraspinatus",
    "supraspinatus",
    "rhomboids",
    # added: head to hand, then hip to toe
    "sternocleidomastoid",
    "scalenes",
    "suboccipitals",
    "splenius_capitis",
    "splenius_cervicis",
    "semispinalis_capitis",
    "temporalis",
    "masseter",
    "lateral_pterygoid",
    "medial_pterygoid",
    "digastric",
    "occipitofrontalis",
    "deltoid",
    "subscapularis",
    "teres_minor",
    "teres_major",
    "pectoralis_major",
    "pectoralis_minor",
    "serratus_anterior",
    "serratus_posterior_superior",
    "biceps_brachii",
    "brachialis",
    "triceps_brachii",
    "coracobrachialis",
    "supinator",
    "brachioradialis",
    "extensor_carpi_radialis_longus",
    "extensor_carpi_radialis_brevis",
    "extensor_carpi_ulnaris",
    "extensor_digitorum",
    "flexor_carpi_radialis",
    "flexor_carpi_ulnaris",
    "adductor_pollicis",
    "opponens_pollicis",
    "first_dorsal_interosseous",
    "external_oblique",
    "pectineus",
    "gracilis",
    "sartorius",
    "rectus_femoris",
    "vastus_medialis",
    "vastus_intermedius",
    "peroneus_longus",
    "peroneus_brevis",
    "peroneus_tertius",
    "tibialis_anterior",
    "tibialis_posterior",
    "extensor_digitorum_longus",
    "extensor_hallucis_longus",
    "flexor_digitorum_longus",
    "flexor_hallucis_longus",
    "plantaris",
    "abductor_hallucis",
    "quadratus_plantae",
    "flexor_digitorum_brevis",
    "abductor_digiti_minimi",
    "adductor_hallucis",
    "extensor_digitorum_brevis",
)


REGION_TITLES = {
    "head-neck": "Head, jaw and neck",
    "shoulder": "Shoulder",
    "chest": "Chest and abdomen",
    "arm": "Arm and elbow",
    "forearm-hand": "Forearm and hand",
    "upper-back": "Upper back",
    "low-back": "Low back",
    "hip": "Hip and buttock",
    "pelvic-floor": "Pelvic floor",
    "thigh": "Thigh",
    "leg": "Leg and calf",
    "foot": "Ankle and foot",
}
"""Body regions, head to foot, as the muscle browser groups them."""

SESSION_SUFFIX = ".bodymap"
"""The file name ending of a saved session."""

DEFAULT_RADIUS = 18.0
"""A fingertip on the diagram: 18 units, about 2 cm on a 1.70 m adult (the radius of a
mark when none is given)."""
