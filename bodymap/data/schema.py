"""The shape of the data files, as pydantic models.

These models describe the *files* (what an author writes); :mod:`bodymap.catalogue` and
:mod:`bodymap.atlas` turn them into the domain objects the engine uses. Unknown keys are
rejected everywhere so that a typo never silently drops data.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from bodymap.errors import quoted
from bodymap.kinds import FLAG_MIN_OVERLAP, FLAG_URGENCY, PrevalenceLevel, ViewName, ZoneKind

SCHEMA_VERSION = 1
__all__ = ["PrevalenceLevel", "ViewName", "ZoneKind"]  # re-exported: the files use them

Coord = Annotated[float, Field(ge=-10_000, le=10_000)]
XY = tuple[Coord, Coord]
Name = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")]
Text = Annotated[str, Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


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
    "head-neck",
    "shoulder",
    "chest",
    "arm",
    "forearm-hand",
    "upper-back",
    "low-back",
    "hip",
    "pelvic-floor",
    "thigh",
    "leg",
    "foot",
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


class PrevalenceFile(_Strict):
    """How often this muscle is the source of pain in its region, and the sources."""

    level: PrevalenceLevel
    note: Text
    sources: list[str] = Field(min_length=1)


QuestionId = Annotated[str, Field(pattern=r"^[a-z][a-z0-9-]*$")]


class AnswerLinkFile(_Strict):
    """What a yes to one symptom question says about this muscle, with its sources: it
    ``favours`` the muscle or argues ``against`` it, ``strong`` or ``moderate``; a no
    counts the other way, more weakly (:mod:`bodymap.answers`)."""

    question: QuestionId
    effect: Literal["favours", "against"]
    strength: Literal["strong", "moderate"]
    sources: list[str] = Field(min_length=1)
    note: Text | None = None


class QuestionFile(_Strict):
    """One yes/no question of ``assets/questions.yaml``."""

    id: QuestionId
    text: Text
    if_yes: Text  # how a yes reads in a reason: "the pain is worse when chewing"
    if_no: Text  # and a no: "the pain is not worse when chewing"
    kind: Literal["history", "nerve", "neutral"] = "history"
    flag: Name | None = None  # the warning a yes raises (nerve questions)
    group: Name = "other"


class AnswerFlagFile(_Strict):
    """A warning a nerve question's yes raises (``flags:`` of ``assets/questions.yaml``)."""

    id: Name
    title: Text
    advice: Text
    urgency: Annotated[int, Field(ge=1, le=9)] = 3
    sources: list[FlagSourceFile] = Field(min_length=1)


class QuestionsFile(_Strict):
    """``assets/questions.yaml``: the symptom questions the ranking can use."""

    schema_version: Literal[1]
    questions: list[QuestionFile] = Field(min_length=1)
    flags: list[AnswerFlagFile] = Field(default_factory=list)


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
    answers: list[AnswerLinkFile] = Field(default_factory=list)
    sources: dict[str, SourceFile] = Field(min_length=1)


_SIDED = re.compile(r"^(left|right)-")
_ART = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.svg$")


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
    The loader (:func:`bodymap.atlas_loader.load_view`) checks which keys each kind allows.
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

    @field_validator("art")
    @classmethod
    def _art_beside(cls, value: str) -> str:
        if not _ART.match(value):
            raise ValueError(
                f"{quoted(value, 40)} is not an art file name: name an .svg file beside this"
                " one (letters, digits, '.', '-' and '_')"
            )
        return value

    @field_validator("right")
    @classmethod
    def _no_side_prefix(cls, value: dict[str, XY]) -> dict[str, XY]:
        for name in value:
            if _SIDED.match(name):
                raise ValueError(f"'{name}': write right-side names without the 'right-' prefix")
        return value


# assets/red-flags.yaml (see bodymap.redflags)


class FlagSourceFile(_Strict):
    title: Text
    url: Annotated[str, Field(pattern=r"^https?://\S+$")]


class FlagRegionFile(_Strict):
    group: Name
    view: str
    polygon: list[XY] = Field(min_length=3)


class FlagFile(_Strict):
    id: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    title: Text
    advice: Text
    rule: Literal["any", "each"] = "any"
    min_overlap: float = Field(default=FLAG_MIN_OVERLAP, gt=0)
    urgency: int = Field(default=FLAG_URGENCY, ge=1, le=9)
    places: dict[Name, Text] = Field(default_factory=dict)
    all_places: Text | None = None
    regions: list[FlagRegionFile] = Field(min_length=1)
    sources: list[FlagSourceFile] = Field(min_length=1)


class RedFlagsFile(_Strict):
    schema_version: Literal[1]
    flags: list[FlagFile] = Field(min_length=1)


def region_json_schema() -> dict[str, Any]:
    """The JSON Schema of a region file, for editors (``bodymap schema``)."""
    schema = MuscleFile.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "bodymap region file",
        **{k: v for k, v in schema.items() if k != "title"},
    }
