"""What the one-page patient handout says, worked out without Qt.

The page (:mod:`bodymap.gui.handout`) lays this out and paints it; everything it shows
that is computed rather than drawn is made here: the drawing ranked, the best muscles
(at most :data:`MAX_CANDIDATES`) with the fit and the reason in the patient's words, what
may help, the view each picture shows, the patient's name, the date in words, the notes
and the red flags for where the pain is.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bodymap.ids import VIEW_TITLES, side_label

if TYPE_CHECKING:
    from bodymap.api import BodyMap
    from bodymap.atlas import View
    from bodymap.catalogue import Pattern
    from bodymap.drawing import PainDrawing
    from bodymap.files.session import Session

MAX_CANDIDATES = 3
"""The most muscles a handout names."""

NO_PAIN = "No pain was marked on the body diagrams, so there are no muscles to suggest."
NO_MUSCLES = (
    "No muscle that bodymap knows usually sends pain to where you marked it. "
    "Your clinician can look for other causes."
)
INTRO = "Tender spots (trigger points) in these muscles often send pain to where you marked it."

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True)
class HandoutCandidate:
    """One muscle worth having examined, in the words the patient reads."""

    title: str
    fit: str
    reason: str
    self_care: tuple[str, ...]
    pattern: Pattern
    view: View
    """The view its picture shows: where its pattern is largest."""

    @property
    def caption(self) -> str:
        """The words under its picture: ``Back view``."""
        return f"{VIEW_TITLES.get(self.view.name, self.view.name)} view"


@dataclass(frozen=True)
class HandoutContent:
    """Everything the page says; ``flags`` are (title, advice) of location red flags."""

    patient: str
    date: str
    """The visit's date in words ("21 November 2026"), or empty for a line to fill in."""
    notes: str
    drawing: PainDrawing
    candidates: tuple[HandoutCandidate, ...]
    flags: tuple[tuple[str, str], ...] = ()

    @property
    def no_candidates(self) -> str | None:
        """Why no muscle is named, in words, or ``None`` when some are."""
        if self.drawing.is_empty():
            return NO_PAIN
        if not self.candidates:
            return NO_MUSCLES
        return None


def date_in_words(iso: str) -> str:
    """ "2026-11-21" as "21 November 2026", the same in every locale; "" stays ""."""
    try:
        day = datetime.date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def sentence(text: str) -> str:
    """A self-care line as a sentence: capital first, full stop last."""
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


def handout_content(
    bm: BodyMap, session: Session, flags: Sequence[tuple[str, str]] = (), top: int = 3
) -> HandoutContent:
    """The handout of a session: its drawing ranked with its answers, the best ``top`` (at
    most three); the answers are said after the notes."""
    drawing, _ = bm.drawing(session.marks)
    top = max(0, min(top, MAX_CANDIDATES))
    ranking = bm.rank_drawing(drawing, top=top, answers=session.answers)
    candidates = []
    for c in ranking:
        pattern = bm.catalogue.pattern(c.muscle, c.side)
        matched = {m.view for m in c.matches}
        candidates.append(
            HandoutCandidate(
                title=f"{c.name} ({side_label(c.side)})",
                fit=f"{c.fit} fit",
                reason=c.plain_reason,
                self_care=bm.catalogue.muscle(c.muscle).card.self_care,
                pattern=pattern,
                view=bm.atlas.view(picture_view(pattern, matched)),
            )
        )
    notes = "\n\n".join(p for p in (session.notes.strip(), answers_in_words(bm, session)) if p)
    return HandoutContent(
        session.patient.strip(),
        date_in_words(session.date),
        notes,
        drawing,
        tuple(candidates),
        tuple(flags),
    )


def picture_view(pattern: Pattern, matched: set[str]) -> str:
    """Where the pattern is largest, among the views the pain touched when it touched any
    (the picture should show the part of the pattern the patient recognises)."""
    views = [v for v in pattern.layers if v in matched] or list(pattern.layers)
    return max(views, key=lambda v: sum(g.area for _, g in pattern.layers[v].by_kind()))


def answers_in_words(bm: BodyMap, session: Session) -> str:
    """The session's answers and press tests as sentences ("Answers: the pain is worse
    when chewing; ...")."""
    said = []
    for question in bm.questions:
        reply = session.answers.replies.get(question.id)
        if reply is not None:
            said.append(question.if_yes if reply == "yes" else question.if_no)
    for (muscle, side), reply in session.answers.pressed.items():
        name = bm.catalogue.muscle(muscle).name if muscle in bm.catalogue else muscle
        does = "brings on" if reply == "yes" else "does not bring on"
        said.append(f"pressing {name.lower()} ({side_label(side)}) {does} the pain")
    return f"Answers: {'; '.join(said)}." if said else ""
