"""What the ranking lists: a :class:`Candidate` (a muscle on one side, with its figures,
its reasons and the zones the pain touches) and what answers did to it (:class:`Effect`).

The figures are defined, and computed, in :mod:`bodymap.ranking`; these are the plain
values the command line, the API, the window and the handout read.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from bodymap.ids import Side
from bodymap.kinds import ZoneKind
from bodymap.wording import answer_reasons, fit_word, plain_reason, technical_reason


@dataclass(frozen=True)
class ZoneMatch:
    """One zone of a candidate's pattern that the pain touches."""

    trigger_point: str
    """The id of the trigger point the zone belongs to."""
    kind: ZoneKind
    """``essential`` (where its pain usually goes), ``spillover`` or ``rare``."""
    label: str
    """Where the zone is, in words ("outer hip")."""
    overlap: float
    """The area of pain inside the zone, in square view units (a fingertip is ~1000)."""
    view: str


SCORE_RANGE = (0.01, 0.95)
"""Location scores are held within this range on the odds scale. Above 0.95 every fit is
strong (a click inside two muscles' core zones scores 1.0 for both); held there, an answer
can still move a muscle past one that fits only a little better by place."""


@dataclass(frozen=True)
class Effect:
    """One answer's part in a candidate's score (:mod:`bodymap.answers`): ``factor``
    multiplies its odds. ``question`` is a question id, or ``pressed`` for the press test."""

    question: str
    reply: str
    factor: float
    words: str
    """In plain words: "worse when chewing", "pressing it brings on the pain"."""


@dataclass(frozen=True)
class Candidate:
    """A muscle whose referred-pain pattern explains the pain, on one side (or ``both``).

    The figures are shares from 0 to 1, defined in this module's docstring: ``score``
    orders the ranking (:attr:`fit` says it in words); ``explained`` is how much of the
    pain, weighted by zone and intensity, the pattern accounts for; ``core_coverage`` the
    plain share of its best trigger point's essential area the pain covers, and
    ``core_fill`` that share measured against what pain of this size could fill.
    """

    muscle: str
    """The muscle's id (``gluteus_medius``): ``bodymap muscles`` lists them."""
    name: str
    """Its name ("Gluteus medius")."""
    side: Side
    """``right``, ``left`` or ``both`` (pain on both sides, or on the midline)."""
    score: float
    explained: float
    core_coverage: float
    core_fill: float
    trigger_point: str | None
    """The trigger point that explains most of the pain (``None`` if no zone is met)."""
    matches: tuple[ZoneMatch, ...]
    """The zones the pain touches, those that explain most of it first."""
    location_score: float | None = None
    """The score from where it hurts alone, when answers moved it (:mod:`bodymap.answers`)."""
    effects: tuple[Effect, ...] = ()
    """The answers that moved it, each with its factor; empty without answers."""

    # The reasons are worded from the figures and the zones, when first read: the window
    # lists fifteen candidates after every stroke and reads the reasons of one.
    @cached_property
    def reason(self) -> str:
        """Why it is listed, for a clinician: the figures, and the zones the pain is in
        (and what the answers did, with their odds factors)."""
        why = technical_reason(self.explained, self.core_coverage, self.core_fill, self.matches)
        return f"{why} {self._answers[1]}" if self._answers else why

    @cached_property
    def plain_reason(self) -> str:
        """Why it is listed, in words a patient can follow."""
        why = plain_reason(self.explained, self.core_coverage, self.core_fill, self.matches)
        return f"{why} {self._answers[0]}".strip() if self._answers else why

    @property
    def _answers(self) -> tuple[str, str] | None:
        """What the answers did, for the patient and for the clinician."""
        if not self.effects or self.location_score is None:
            return None
        return answer_reasons(self.effects, self.location_score, self.score, SCORE_RANGE[1])

    @property
    def fit(self) -> str:
        """The score in words: ``strong``, ``good``, ``partial`` or ``weak``."""
        return fit_word(self.score)

    def to_json(self) -> dict[str, Any]:
        """The candidate as ``bodymap rank --json`` prints it (figures rounded to 4
        places, the zones without their areas, the fit in words)."""
        return {
            "muscle": self.muscle,
            "name": self.name,
            "side": self.side,
            "score": round(self.score, 4),
            "explained": round(self.explained, 4),
            "core_coverage": round(self.core_coverage, 4),
            "core_fill": round(self.core_fill, 4),
            "trigger_point": self.trigger_point,
            "reason": self.reason,
            "plain_reason": self.plain_reason,
            "fit": self.fit,
            **(
                {
                    "location_score": round(self.location_score, 4),
                    "answers": [
                        {"question": e.question, "answer": e.reply, "factor": e.factor}
                        for e in self.effects
                    ],
                }
                if self.location_score is not None
                else {}
            ),
            "zones": [
                {
                    "trigger_point": m.trigger_point,
                    "view": m.view,
                    "kind": m.kind.value,
                    "label": m.label,
                }
                for m in self.matches
            ],
        }
