"""The shape of the data files, as pydantic models.

These models describe the *files* (what an author writes); :mod:`bodymap.catalogue` and
:mod:`bodymap.atlas` turn them into the domain objects the engine uses. Unknown keys are
rejected everywhere so that a typo never silently drops data.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION = 1

Coord = Annotated[float, Field(ge=-10_000, le=10_000)]
XY = tuple[Coord, Coord]
Name = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")]
Text = Annotated[str, Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


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


class ZoneFile(_Strict):
    """One area a trigger point sends pain to, in one view, for the person's right side."""

    kind: ZoneKind
    view: ViewName
    label: Text
    polygon: list[XY] = Field(min_length=3)
    sources: list[str] = Field(min_length=1)
    note: Text | None = None  # a choice between sources that disagree, and why


class TriggerPointFile(_Strict):
    """A trigger point: where it lies (per view) and the zones it refers pain to."""

    id: Name
    name: Text
    location: Text
    sites: dict[ViewName, XY] = Field(default_factory=dict)
    crosses_midline: bool = False
    note: Text | None = None  # where the sources disagree on the site or count, the choice
    zones: list[ZoneFile] = Field(min_length=1)


Region = Literal[
    "head-neck", "shoulder", "upper-back", "low-back", "hip", "pelvic-floor", "thigh", "leg"
]


class CardFile(_Strict):
    summary: Text
    trigger_points: Text
    referral: Text
    symptoms: list[Text] = Field(min_length=1)
    aggravating: list[Text] = Field(min_length=1)
    check_also: list[str] = Field(default_factory=list)
    similar_patterns: list[str] = Field(default_factory=list)
    mistaken_for: list[Text] = Field(default_factory=list)
    self_care: list[Text] = Field(min_length=1)
    red_flags: list[Text] = Field(default_factory=list)


class SourceFile(_Strict):
    title: Text
    url: str = ""


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


class PrevalenceFile(_Strict):
    """How often this muscle is the source of pain in its region, and the sources."""

    level: PrevalenceLevel
    note: Text
    sources: list[str] = Field(min_length=1)


class MuscleFile(_Strict):
    """A region file, ``regions/<id>.yaml``: one muscle. Coordinates are for the person's
    right side; the app mirrors them to the left."""

    schema_version: Literal[1]
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    name: Text
    region: Region
    prevalence: PrevalenceFile
    trigger_points: list[TriggerPointFile] = Field(min_length=1)
    card: CardFile
    sources: dict[str, SourceFile] = Field(min_length=1)


_SIDED = re.compile(r"^(left|right)-")


class LandmarksFile(_Strict):
    """``assets/<view>.yaml``. Three kinds, each with one source of truth:

    - a two-sided view (posterior, anterior): ``midline`` landmarks and the person's
      ``right`` side, mirrored about ``midline_x`` for the left side;
    - a one-sided view (``side_shown: right``, right-lateral): only ``right`` landmarks,
      not mirrored within the view; ``midline_x`` is the frame's centre line, the axis
      about which the other lateral view mirrors it;
    - a mirrored view (``mirror_of: right-lateral``, left-lateral): no landmarks of its
      own; they are the other view's, reflected about ``midline_x`` (the frame's centre
      line) and renamed ``right-`` to ``left-``. The frame heights default to the other
      view's.
    The loader (:func:`bodymap.atlas.load_view`) checks which keys each kind allows.
    """

    schema_version: Literal[1]
    view: ViewName
    art: Text
    midline_x: float
    body_top_y: float | None = None
    body_bottom_y: float | None = None
    side_shown: Literal["right"] | None = None
    mirror_of: ViewName | None = None
    labels: list[str] = Field(default_factory=list)
    midline: dict[Name, XY] = Field(default_factory=dict)
    right: dict[Name, XY] = Field(default_factory=dict)

    @field_validator("right")
    @classmethod
    def _no_side_prefix(cls, value: dict[str, XY]) -> dict[str, XY]:
        for name in value:
            if _SIDED.match(name):
                raise ValueError(f"'{name}': write right-side names without the 'right-' prefix")
        return value


def region_json_schema() -> dict[str, Any]:
    """The JSON Schema of a region file, for editors (``bodymap schema``)."""
    schema = MuscleFile.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "bodymap region file",
        **{k: v for k, v in schema.items() if k != "title"},
    }
