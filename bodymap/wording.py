"""A candidate in words: the technical reason for clinicians, a plain one for patients.

The plain reason avoids numbers and jargon ("core zone", "spillover"): it says how much
of the pain lies where the muscle's pain usually goes and how much of its main area is
marked, e.g. "Most of your pain is where this muscle's pain usually goes; its main area
(over the middle and outer buttock) is only partly marked."
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from bodymap.kinds import ZoneKind

FIT_WORDS = ((0.75, "strong"), (0.5, "good"), (0.3, "partial"), (0.0, "weak"))
"""A score in words, so that 0.83 does not read as a probability."""

FIT_MEANING = {
    "strong": "the marks match this muscle's usual pain pattern closely",
    "good": "the marks match much of this muscle's usual pain pattern",
    "partial": "the marks match part of this muscle's usual pain pattern",
    "weak": "the marks match this muscle's usual pain pattern only a little",
}

VIEW_WORDS = {
    "posterior": "back",
    "anterior": "front",
    "right-lateral": "side",
    "left-lateral": "side",
    "plantar": "sole",
}
_VIEW_ORDER = {word: i for i, word in enumerate(dict.fromkeys(VIEW_WORDS.values()))}

LEGEND = (
    ("essential", "Main area: the pain is usually here"),
    ("spillover", "Hatched: the pain may spread here"),
    ("rare", "Faint: seldom here"),
    ("trigger_point", "X: trigger point (the tender spot)"),
    ("pain", "Blue: your marks, mild to severe"),
)
"""What each mark on the diagram means, in the order a legend lists them."""


class Match(Protocol):
    """A zone the pain touches (``candidate.ZoneMatch``)."""

    @property
    def kind(self) -> ZoneKind: ...
    @property
    def label(self) -> str: ...
    @property
    def view(self) -> str: ...


def joined(words: Sequence[str]) -> str:
    """The words as a list in a sentence: "a", "a and b", "a, b and c"."""
    if len(words) < 3:
        return " and ".join(words)
    return f"{', '.join(words[:-1])} and {words[-1]}"


def fit_word(value: float) -> str:
    return next(word for bound, word in FIT_WORDS if value >= bound)


def _views(matches: Sequence[Match]) -> str:
    words = {VIEW_WORDS.get(m.view, m.view) for m in matches}
    views = sorted(words, key=lambda w: _VIEW_ORDER.get(w, len(_VIEW_ORDER)))
    return f"{joined(views)} view{'s' if len(views) > 1 else ''}"


def technical_reason(
    explained: float, coverage: float, fill: float, matches: Sequence[Match]
) -> str:
    """For clinicians: "explains 94% of the marked pain; covers 36% of its core zone
    down the back of the thigh (back view)"."""
    head = f"explains {explained:.0%} of the marked pain"
    core = [m for m in matches if m.kind is ZoneKind.ESSENTIAL]
    if core:
        zone = f"its core zone {core[0].label}"
        if fill >= 0.9 and coverage < 0.5:
            text = f"{head}; the marks lie inside {zone}"
        else:
            text = f"{head}; covers {coverage:.0%} of {zone}"
    elif matches:
        text = f"{head}, only through its {matches[0].kind.value} zone {matches[0].label}"
    else:
        return head
    return f"{text} ({_views(matches)})"


def _share(explained: float) -> str:
    if explained >= 0.9:
        return "Nearly all of your pain"
    if explained >= 0.6:
        return "Most of your pain"
    if explained >= 0.3:
        return "Some of your pain"
    return "A little of your pain"


_WHERE = {
    ZoneKind.ESSENTIAL: "where this muscle's pain usually goes",
    ZoneKind.SPILLOVER: "only where this muscle's pain sometimes spreads",
    ZoneKind.RARE: "only where this muscle's pain seldom goes",
}


def plain_reason(explained: float, coverage: float, fill: float, matches: Sequence[Match]) -> str:
    """For patients: no numbers, no jargon."""
    if not matches:
        return f"{_share(explained)} is where this muscle's pain can go."
    core = [m for m in matches if m.kind is ZoneKind.ESSENTIAL]
    kind = ZoneKind.ESSENTIAL if core else matches[0].kind
    head = f"{_share(explained)} is {_WHERE[kind]}"
    if not core:
        return f"{head} ({matches[0].label}); its main area is not marked."
    area = f"its main area ({core[0].label})"
    if fill >= 0.9 and coverage < 0.5:
        tail = f"your marks lie inside {area}"
    elif coverage >= 0.6:
        tail = f"{area} is mostly marked"
    elif coverage >= 0.25:
        tail = f"{area} is only partly marked"
    else:
        tail = f"only a small part of {area} is marked"
    return f"{head}; {tail}."


class AnswerEffect(Protocol):
    """An answer's part in a score (:class:`bodymap.ranking.Effect`)."""

    @property
    def question(self) -> str: ...
    @property
    def reply(self) -> str: ...
    @property
    def factor(self) -> float: ...
    @property
    def words(self) -> str: ...


def answer_reasons(
    effects: Sequence[AnswerEffect], before: float, after: float, held: float = 1.0
) -> tuple[str, str]:
    """What the answers did to a candidate: a sentence for the patient ("Fits better
    because the pain is worse when chewing.") and one with the figures for a clinician
    (each answer's odds factor, and the score before and after; a location score above
    ``held`` enters the odds at ``held``)."""
    better = [e.words for e in effects if e.factor > 1.0]
    worse = [e.words for e in effects if e.factor < 1.0]
    plain = []
    if better:
        plain.append(f"Fits better because {joined(better)}.")
    if worse:
        plain.append(f"Fits less well because {joined(worse)}.")
    figures = ", ".join(
        f"{'press test' if e.question == 'pressed' else e.question}={e.reply} x{e.factor:g}"
        for e in effects
    )
    kept = f" (held at {held:.2f})" if before > held else ""
    clinical = (
        f"Answers: {figures} on the odds; score {before:.2f} from where it hurts{kept}, "
        f"{after:.2f} with them"
    )
    return " ".join(plain), clinical
