"""Findings of the usability test (issue 15) in the Qt-free core: red flags only where the
pain is and titled by the place marked, the widespread note, and patient words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bodymap import BodyMap
from bodymap.files.session import load_session
from bodymap.marks import Mark
from bodymap.ranking_notes import NOTE_NONE, NOTE_WEAK, NOTE_WIDESPREAD, WIDESPREAD

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def raised(bm: BodyMap, *marks: str | Mark) -> list[tuple[str, str]]:
    drawing, dropped = bm.drawing(bm.marks(list(marks)))
    assert not dropped
    return [(flag.id, flag.title) for flag in bm.red_flags(drawing)]


# -- A. red flags only where docs/red-flags.md says ------------------------------------

# Each example session and the only flags that make sense for it: the pseudo-sciatica
# drawing runs down the outer calf, so the calf warning is fair; the others are muscle
# pain of the low back, the neck (up to the angle of the jaw) and the belt line.
EXAMPLE_FLAGS = {
    "gluteus-medius-low-back": [],
    "neck-and-shoulder": [],
    "pseudo-sciatica": [("calf", "Pain in the left calf")],
    "quadratus-lumborum": [],
}


@pytest.mark.parametrize("name", sorted(EXAMPLE_FLAGS))
def test_each_example_raises_only_the_flags_that_fit_it(bm: BodyMap, name: str) -> None:
    session = load_session(EXAMPLES / f"{name}.bodymap")
    assert raised(bm, *session.marks) == EXAMPLE_FLAGS[name]


def test_the_neck_and_shoulder_example_raises_no_heart_flag(bm: BodyMap) -> None:
    session = load_session(EXAMPLES / "neck-and-shoulder.bodymap")
    assert "left_arm_or_jaw" not in [flag_id for flag_id, _ in raised(bm, *session.marks)]
    # it does mark the angle of the jaw, where the upper trapezius sends pain
    assert any(m.view == "right-lateral" and m.points[0][1] > 200 for m in session.marks)


def test_a_stroke_along_the_belt_line_raises_no_kidney_flag(bm: BodyMap) -> None:
    assert raised(bm, "posterior:400,610;440,612;470,620") == []


@pytest.mark.parametrize(
    ("mark", "title"),
    [
        ("posterior:right-flank", "Pain in the right side (flank)"),
        ("posterior:left-lower-ribs", "Pain in the left side (flank)"),
        ("right-lateral:right-flank", "Pain in the right side (flank)"),
    ],
)
def test_a_mark_on_the_flank_still_raises_the_kidney_flag(
    bm: BodyMap, mark: str, title: str
) -> None:
    assert raised(bm, mark) == [("flank", title)]


@pytest.mark.parametrize(
    "mark", ["anterior:left-anterior-arm", "posterior:left-elbow", "left-lateral:left-lateral-arm"]
)
def test_a_left_arm_mark_is_titled_the_left_arm(bm: BodyMap, mark: str) -> None:
    assert raised(bm, mark) == [("left_arm_or_jaw", "Pain in the left arm")]


@pytest.mark.parametrize("mark", ["anterior:chin", "right-lateral:312,228", "left-lateral:288,228"])
def test_a_jaw_mark_is_titled_the_jaw(bm: BodyMap, mark: str) -> None:
    assert raised(bm, mark) == [("left_arm_or_jaw", "Pain in the jaw")]


def test_flags_come_most_urgent_first_from_the_python_api(bm: BodyMap) -> None:
    flags = raised(bm, "posterior:left-flank", "posterior:right-calf-mid", "anterior:chin")
    assert flags == [
        ("left_arm_or_jaw", "Pain in the jaw"),
        ("calf", "Pain in the right calf"),
        ("flank", "Pain in the left side (flank)"),
    ]
    drawing, _ = bm.drawing(bm.marks(["posterior:left-flank", "anterior:chin"]))
    urgency = [flag.urgency for flag in bm.red_flags(drawing)]
    assert urgency == sorted(urgency) and urgency[0] == 1


# -- B. widespread pain keeps its note -------------------------------------------------


def _back_then_front(back_radius: float, front_radius: float) -> tuple[list[Mark], list[Mark]]:
    back = [
        Mark("posterior", ((310.0, 320.0), (310.0, 1250.0)), back_radius),
        Mark("posterior", ((450.0, 320.0), (450.0, 1250.0)), back_radius),
    ]
    front = [
        Mark("anterior", ((330.0, 420.0), (430.0, 600.0)), front_radius),
        Mark("anterior", ((300.0, 800.0), (300.0, 1000.0)), front_radius),
        Mark("anterior", ((460.0, 800.0), (460.0, 1000.0)), front_radius),
    ]
    return back, front


def _notes(bm: BodyMap, marks: list[Mark]) -> tuple[list[str], dict[str, float]]:
    drawing, _ = bm.drawing(marks)
    shares = {
        view: area / bm.atlas.view(view).outline.area for view, area in drawing.view_areas().items()
    }
    return bm.notes(drawing, bm.rank_drawing(drawing, top=5)), shares


@pytest.mark.parametrize(("back_radius", "front_radius"), [(34.0, 50.0), (70.0, 50.0)])
def test_painting_the_front_after_much_of_the_back_keeps_the_widespread_note(
    bm: BodyMap, back_radius: float, front_radius: float
) -> None:
    back, front = _back_then_front(back_radius, front_radius)
    notes, shares = _notes(bm, back)
    assert notes == [NOTE_WIDESPREAD] and shares["posterior"] >= WIDESPREAD
    notes, shares = _notes(bm, back + front)
    assert notes == [NOTE_WIDESPREAD]
    assert NOTE_WEAK not in notes and NOTE_NONE not in notes


def test_the_widespread_note_holds_where_the_two_views_together_are_below_the_bound(
    bm: BodyMap,
) -> None:
    """The case the usability test found: the back alone is widespread, the front adds
    less, so the share of the two views together falls below the bound."""
    back, front = _back_then_front(34.0, 50.0)
    drawing, _ = bm.drawing(back + front)
    painted = drawing.view_areas()
    together = sum(painted.values()) / sum(bm.atlas.view(v).outline.area for v in painted)
    assert together < WIDESPREAD
    assert bm.notes(drawing, bm.rank_drawing(drawing, top=5)) == [NOTE_WIDESPREAD]


def test_local_pain_is_not_widespread(bm: BodyMap) -> None:
    notes, _ = _notes(bm, bm.marks(["posterior:right-psis", "anterior:right-groin"]))
    assert NOTE_WIDESPREAD not in notes


# -- D. patient words ------------------------------------------------------------------

NEVER = [r"\bTrPs?\d*\b", r"\bcore zone", r"\bspillover\b", r"\bessential zone"]
"""The app's own jargon: never in a patient's text."""

JARGON = [
    r"\bPSIS\b",
    r"\bASIS\b",
    r"\bSI[- ]joints?\b",
    r"\bsacroiliac\b",
    r"\blumbosacral\b",
    r"\bthoracolumbar\b",
    r"\biliac\b",
    r"\btrochanter(?:ic)?\b",
    r"\bischi(?:al|um)\b",
    r"\bacromi(?:on|al)\b",
    r"\bmastoid\b",
    r"\bepicondyl\w*",
    r"\bperine(?:um|al)\b",
    r"\bspinous\b",
    r"\btransverse process",
    r"\b[CTLS]\d{1,2}\b",
    r"\blumbar\b",
    r"\bthoracic\b",
    r"\bcervical\b",
    r"\bpopliteal\b",
    r"\bmalleol\w*",
    r"\bfibula\b",
    r"\btibia\b",
    r"\bsacrum\b",
    r"\bsacral\b",
    r"\bcoccyx\b",
    r"\bscapula\w*",
    r"\boccipital\b",
    r"\bparaspinal\b",
    r"\b(?:medial|lateral|bilateral|distal|proximal|anterior|posterior)\b",
]
"""Clinicians' terms a patient's text may use only with plain words for them at their
first use: "the top of the hip bone (iliac crest)" or "sacrum (the flat bone at the base
of the spine)"."""


def _explained(text: str, match: re.Match[str]) -> bool:
    """Inside brackets after plain words, or followed (within three words) by them."""
    before = text[: match.start()]
    if before.count("(") > before.count(")"):
        return True
    return re.match(r"(?:\s+[\w'/-]+){0,3}\s*\(", text[match.end() :]) is not None


def unexplained(text: str, muscle_names: list[str]) -> list[str]:
    for name in muscle_names:  # a muscle's own name ("levator scapulae") is its name
        text = re.sub(re.escape(name), "the muscle", text, flags=re.IGNORECASE)
    found = [m.group(0) for rx in NEVER for m in [re.search(rx, text, re.IGNORECASE)] if m]
    for rx in JARGON:
        match = re.search(rx, text, re.IGNORECASE)
        if match and not _explained(text, match):
            found.append(match.group(0))
    return found


def test_the_jargon_check_catches_bare_terms_and_allows_explained_ones() -> None:
    assert unexplained("along the belt line beside the PSIS", []) == ["PSIS"]
    assert unexplained("over the SI joint", []) == ["SI joint"]
    assert unexplained("TrP1 (back)", []) == ["TrP1"]
    assert unexplained("the top of the hip bone (iliac crest), then the crest", []) == []
    assert unexplained("the sacrum (the flat bone at the base of the spine)", []) == []
    assert unexplained("the levator scapulae", ["Levator scapulae"]) == []


def _patient_texts(bm: BodyMap) -> list[tuple[str, str, str]]:
    """(muscle, where, text) for every text a patient may read about a muscle: the plain
    reason for a click on each of its trigger points, every zone's words (any can be the
    plain reason's), each trigger point's name (the legend), and the card."""
    texts = []
    for muscle in bm.catalogue:
        for trp in muscle.trigger_points:
            texts.append((muscle.id, f"{trp.id} name", trp.name))
            for zone in trp.zones:
                texts.append((muscle.id, f"{trp.id} zone", zone.label))
            for view, (x, y) in trp.sites.items():
                for c in bm.rank([Mark(view, ((x, y),), 18.0)]):
                    if c.muscle == muscle.id:
                        texts.append((muscle.id, f"{trp.id} plain reason", c.plain_reason))
        card = muscle.card
        for field in ("summary", "trigger_points", "referral"):
            texts.append((muscle.id, field, getattr(card, field)))
        for field in (
            "symptoms",
            "aggravating",
            "mistaken_for",
            "self_care",
            "red_flags",
        ):
            texts.extend((muscle.id, field, text) for text in getattr(card, field))
    return texts


def test_patient_texts_use_plain_words_or_explain_the_term(bm: BodyMap) -> None:
    names = sorted((m.name for m in bm.catalogue), key=len, reverse=True)
    texts = _patient_texts(bm)
    assert sum(1 for _, where, _ in texts if where.endswith("plain reason")) >= len(bm.catalogue)
    problems = [
        f"{muscle} {where}: {found} in {text!r}"
        for muscle, where, text in texts
        for found in [unexplained(text, names)]
        if found
    ]
    assert problems == [], "\n".join(problems)


def test_the_app_s_own_patient_words_have_no_jargon(bm: BodyMap) -> None:
    from bodymap import advice, ranking_notes, wording

    texts = [
        advice.NOT_A_DIAGNOSIS,
        advice.SEE_A_DOCTOR,
        *advice.RED_FLAGS,
        ranking_notes.NOTE_WIDESPREAD,
        ranking_notes.NOTE_WEAK,
        ranking_notes.NOTE_NONE,
        *wording.FIT_MEANING.values(),
        *(text for _, text in wording.LEGEND),
    ]
    texts += [f"{flag.title}. {flag.advice}" for flag in bm.red_flag_rules.flags]
    problems = [(text, unexplained(text, [])) for text in texts if unexplained(text, [])]
    assert problems == []
