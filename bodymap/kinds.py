"""The small vocabularies the data files and the engine share: zone kinds, view names and
prevalence levels. Plain enums, with no pydantic, so that the engine (and a compiled
catalogue read back from the cache) never pays for the file schema."""

from __future__ import annotations

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
