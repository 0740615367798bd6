"""The small vocabularies the data files and the engine share: zone kinds, view names,
prevalence levels, pain intensities, the red flags' defaults and the symptom answers.
Plain enums and values, with no pydantic, so that the engine (and a compiled catalogue
read back from the cache) never pays for the file schema."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum


class ZoneKind(StrEnum):
    ESSENTIAL = "essential"
    SPILLOVER = "spillover"
    RARE = "rare"

    @property
    def weight(self) -> float:
        return _WEIGHTS[self]


_WEIGHTS = {ZoneKind.ESSENTIAL: 1.0, ZoneKind.SPILLOVER: 0.45, ZoneKind.RARE: 0.15}


class ViewName(StrEnum):
    POSTERIOR = "posterior"
    ANTERIOR = "anterior"
    RIGHT_LATERAL = "right-lateral"
    LEFT_LATERAL = "left-lateral"
    PLANTAR = "plantar"


class PrevalenceLevel(StrEnum):
    """How often a muscle is the source of pain in its region, as clinicians see it."""

    VERY_COMMON = "very_common"
    COMMON = "common"
    OCCASIONAL = "occasional"
    UNCOMMON = "uncommon"

    @property
    def prior(self) -> float:
        """The factor the ranking multiplies a muscle's score by (see ranking.py)."""
        return _PRIORS[self]


_PRIORS = {
    PrevalenceLevel.VERY_COMMON: 1.0,
    PrevalenceLevel.COMMON: 0.92,
    PrevalenceLevel.OCCASIONAL: 0.84,
    PrevalenceLevel.UNCOMMON: 0.76,
}


class Intensity(StrEnum):
    """How much a marked area hurts; it weighs the area in the ranking."""

    MILD = "mild"
    MODERATE = "moderate"
    SEVERE = "severe"

    @property
    def weight(self) -> float:
        """Severe pain counts three times as much as mild pain of the same size."""
        return INTENSITY_WEIGHTS[self]


INTENSITY_WEIGHTS = {Intensity.MILD: 1 / 3, Intensity.MODERATE: 2 / 3, Intensity.SEVERE: 1.0}
DEFAULT_INTENSITY = Intensity.MODERATE


FLAG_MIN_OVERLAP = 50.0
"""Square view units of pain a red flag's group needs: a fingertip mark is about 1000, so
a mark that only grazes the edge of an area does not raise its flag."""

FLAG_URGENCY = 3
"""A red flag's urgency when its file gives none: 1 is the most urgent (call an ambulance)."""


@dataclass(frozen=True)
class Answers:
    """The replies given so far (question id to ``yes``/``no``) and the press tests
    (``(muscle, side)`` to ``yes``/``no``). Empty by default: the location-only ranking."""

    replies: Mapping[str, str] = field(default_factory=dict)
    pressed: Mapping[tuple[str, str], str] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.replies or self.pressed)

    def pressed_for(self, muscle: str, side: str) -> str | None:
        """The press test of ``muscle`` on ``side``: a test on one side counts for a
        candidate on both sides, and one on both sides for either."""
        for (m, s), reply in self.pressed.items():
            if m == muscle and (s == side or "both" in (s, side)):
                return reply
        return None
