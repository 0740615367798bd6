"""Symptom answers and the press test: what makes the pain worse re-ranks the muscles
whose location already fits.

Where it hurts is half of what a clinician asks; the other half is what brings it on.
Each question (``assets/questions.yaml``) is answered yes or no; each muscle's region file
says which answers favour it or argue against it (``answers:``, with sources). The press
test, whether pressing the muscle's trigger point brings on the familiar pain, is
recorded per candidate.

How answers combine with the overlap score
------------------------------------------
The location score ``s`` (:mod:`bodymap.ranking`, in [0, 1], held within
:data:`SCORE_RANGE`) is read as a probability and
updated the way a likelihood ratio updates a pre-test probability: its odds
``s / (1 - s)`` are multiplied by one factor per answer that bears on the muscle, and the
result turned back into a score. Odds keep the score inside (0, 1), let a yes and a no
move it by the same rule, and make the order of answers irrelevant.

The factors are fixed and bounded, not measured likelihood ratios: the sources say *that*
an activity aggravates a muscle's trigger points, never by how much. A yes to a question
that ``favours`` a muscle multiplies its odds by 2 (``strong``: a hallmark the sources name
first) or 1.5 (``moderate``); a no by 0.6 or 0.8, weaker because an absent aggravating
factor says less than a present one. A link ``against`` the muscle mirrors this (a yes
0.5 or 0.75, a no 1.25 or 1.1). A question a muscle's file does not mention leaves it
alone. All the history factors of one muscle together are held within [1/4, 4], so a
pile of answers cannot outweigh where the pain is. The press test is the strongest
clinical sign: a yes multiplies the odds by 4, a no by 0.3, outside that bound.

So an answer moves a muscle only among those whose location already fits: a muscle the
marks do not touch has score 0, and 0 stays 0. No answers give exactly the location-only
ranking (the same objects, untouched). ``nerve`` questions (numbness, weakness) never move
a muscle; a yes raises their warning instead (:func:`nerve_flags`). ``neutral`` ones
(pins and needles, burning) are recorded and move nothing: referred trigger-point pain
can tingle.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from bodymap.candidate import SCORE_RANGE, Candidate, Effect
from bodymap.catalogue import AnswerLink, Catalogue
from bodymap.errors import MarkError, did_you_mean
from bodymap.ids import muscle_and_side
from bodymap.kinds import Answers
from bodymap.redflags import RedFlag, flag_of

__all__ = ["Answers", "Question", "Questions", "load_questions", "nerve_flags", "reweigh"]

Reply = Literal["yes", "no"]
REPLIES: tuple[Reply, ...] = ("yes", "no")
QUESTIONS_FILE = "questions.yaml"

# The odds factors of history answers are each link's (bodymap.catalogue.FACTORS).
HISTORY_BOUND = (0.25, 4.0)
"""All the history factors of one muscle, multiplied, are held within this range."""
PRESSED: Mapping[str, float] = {"yes": 4.0, "no": 0.3}
"""The odds factor of the press test: pressing the trigger point brings on the pain."""


@dataclass(frozen=True)
class Question:
    """A yes/no question a patient can answer (``bodymap questions`` lists them)."""

    id: str
    text: str
    if_yes: str
    """How a yes reads in a reason ("the pain is worse when chewing")."""
    if_no: str
    """How a no reads ("the pain is not worse when chewing")."""
    kind: str = "history"
    """``history`` moves muscles; ``nerve`` raises :attr:`flag`; ``neutral`` moves nothing."""
    flag: str | None = None
    group: str = "other"

    def to_json(self) -> dict[str, Any]:
        """The question as ``bodymap questions --json`` prints it."""
        return {
            "id": self.id,
            "text": self.text,
            "kind": self.kind,
            "group": self.group,
            "if_yes": self.if_yes,
            "if_no": self.if_no,
            **({"flag": self.flag} if self.flag else {}),
        }


class Questions:
    """The questions by id, in the file's order."""

    def __init__(self, questions: Iterable[Question], flags: Iterable[RedFlag] = ()) -> None:
        self._by_id = {q.id: q for q in questions}
        self.position = {question_id: i for i, question_id in enumerate(self._by_id)}
        """Each question's place in the file (reasons list answers in this order)."""
        self.flags = {f.id: f for f in flags}
        """The warnings nerve questions raise, by id."""

    def __iter__(self) -> Iterator[Question]:
        return iter(self._by_id.values())

    def __contains__(self, question_id: object) -> bool:
        return question_id in self._by_id

    def __len__(self) -> int:
        return len(self._by_id)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self._by_id)

    def get(self, question_id: str) -> Question:
        """The question of that id; :class:`MarkError` naming the closest ids otherwise."""
        if question_id in self._by_id:
            return self._by_id[question_id]
        raise MarkError(
            f"unknown question {question_id!r}{did_you_mean(question_id, self._by_id)}; "
            "bodymap questions lists them"
        )

    def parse(self, items: Iterable[str]) -> dict[str, str]:
        """``ID=yes|no`` strings (the command line's ``--answer``) as replies."""
        replies: dict[str, str] = {}
        for item in items:
            question_id, sep, reply = item.partition("=")
            question_id, reply = question_id.strip(), reply.strip().lower()
            if not sep:
                raise MarkError(f"--answer {item!r}: expected ID=yes or ID=no")
            self.get(question_id)
            if reply not in REPLIES:
                raise MarkError(
                    f"--answer {item!r}: the answer must be yes or no, not {reply!r}"
                    f"{did_you_mean(reply, REPLIES)}"
                )
            replies[question_id] = reply
        return replies


def _odds(score: float) -> float:
    low, high = SCORE_RANGE
    s = min(max(score, low), high)
    return s / (1.0 - s)


def _score(odds: float) -> float:
    return odds / (1.0 + odds)


def effects(
    muscle_links: Sequence[AnswerLink],
    muscle: str,
    side: str,
    answers: Answers,
    questions: Questions,
) -> list[Effect]:
    """The answers that bear on one candidate, each with its factor (history first, in
    the question file's order, then the press test)."""
    out: list[Effect] = []
    for link in muscle_links:
        reply = answers.replies.get(link.question)
        if reply is None or link.question not in questions:
            continue
        question = questions.get(link.question)
        if question.kind != "history":
            continue
        words = question.if_yes if reply == "yes" else question.if_no
        out.append(Effect(link.question, reply, link.factor(reply), words))
    out.sort(key=lambda e: questions.position[e.question])
    pressed = answers.pressed_for(muscle, side)
    if pressed is not None:
        does = "brings on" if pressed == "yes" else "does not bring on"
        words = f"pressing it {does} the pain"
        out.append(Effect("pressed", pressed, PRESSED[pressed], words))
    return out


def combined(found: Sequence[Effect]) -> float:
    """The factor all of ``found`` multiply a candidate's odds by: the history answers
    held within :data:`HISTORY_BOUND`, times the press test."""
    history = math.prod(e.factor for e in found if e.question != "pressed")
    low, high = HISTORY_BOUND
    history = min(max(history, low), high)
    return history * math.prod(e.factor for e in found if e.question == "pressed")


def reweigh_score(score: float, found: Sequence[Effect]) -> float:
    """The location ``score`` on the odds scale after the answers in ``found`` (0 stays
    0; with none, the score held within :data:`SCORE_RANGE`)."""
    if score <= 0.0:
        return score
    return _score(_odds(score) * combined(found))


def reweigh(
    ranking: Sequence[Candidate],
    links: Mapping[str, Sequence[AnswerLink]],
    answers: Answers,
    questions: Questions,
) -> list[Candidate]:
    """``ranking`` re-scored by ``answers`` and sorted best first. Without answers it is
    returned as it is. Each candidate keeps its location score in ``location_score`` and
    names the answers that moved it in ``effects``."""
    found_by = [
        effects(links.get(c.muscle, ()), c.muscle, c.side, answers, questions) for c in ranking
    ]
    if not any(found_by):  # no answer bears on these muscles: the ranking as it was
        return list(ranking)
    out = []
    for c, found in zip(ranking, found_by, strict=True):
        # Every candidate goes onto the odds scale, moved or not, so all compare alike.
        score = reweigh_score(c.score, found)
        if not found:
            out.append(replace(c, score=score, location_score=c.score))
            continue
        # Its reasons now say what the answers did (Candidate.reason).
        out.append(replace(c, score=score, location_score=c.score, effects=tuple(found)))
    # Best first; ties keep the location ranking's order.
    ranked = sorted(enumerate(out), key=lambda item: (-round(item[1].score, 12), item[0]))
    return [c for _, c in ranked]


def nerve_flags(answers: Answers, questions: Questions) -> list[RedFlag]:
    """The warnings the answers raise (``nerve_signs`` for numbness or weakness), once
    each, in the question file's order."""
    raised: dict[str, RedFlag] = {}
    for question in questions:
        flag = questions.flags.get(question.flag or "")
        if question.kind == "nerve" and flag and answers.replies.get(question.id) == "yes":
            raised.setdefault(flag.id, flag)
    return list(raised.values())


def separating(
    ranking: Sequence[Candidate],
    links: Mapping[str, Sequence[AnswerLink]],
    questions: Questions,
    answered: Iterable[str] = (),
    top: int = 5,
) -> list[Question]:
    """The unanswered history questions, those that would best tell the ``top``
    candidates apart first: a question scores by how far a yes and a no would spread
    their odds (the variance of the log factors among them). The nerve questions come
    next (a yes warns), then the questions that bear on none of them, in the file's
    order."""
    done = set(answered)
    leaders = list(ranking[:top])

    def spread(question: Question) -> float:
        total = 0.0
        for reply in REPLIES:
            logs = []
            for c in leaders:
                factor = 1.0
                for link in links.get(c.muscle, ()):
                    if link.question == question.id:
                        factor = link.factor(reply)
                logs.append(math.log(factor))
            if logs:
                mean = sum(logs) / len(logs)
                total += sum((x - mean) ** 2 for x in logs) / len(logs)
        return total

    open_questions = [q for q in questions if q.id not in done and q.kind != "neutral"]

    def rank(item: tuple[int, Question]) -> tuple[int, float, int]:
        i, q = item
        if q.kind != "history":  # nerve signs always matter: right after the separating ones
            return (1, 0.0, i)
        s = spread(q)
        return (0, -s, i) if s > 1e-12 else (2, 0.0, i)

    return [q for _, q in sorted(enumerate(open_questions), key=rank)]


def load_questions(path: Path) -> Questions:
    """The questions of ``assets/questions.yaml``; :class:`DataErrors` for a bad file."""
    from bodymap.data.schema import QuestionsFile
    from bodymap.data.validation import validate
    from bodymap.data.yamlfile import load_yaml
    from bodymap.errors import DataErrors

    doc = load_yaml(path)
    spec = validate(doc, QuestionsFile)
    flag_ids = {f.id for f in spec.flags}
    seen: dict[str, int] = {}
    errors = []
    for i, q in enumerate(spec.questions):
        if q.id in seen:
            errors.append(doc.error(("questions", i, "id"), f"question id {q.id!r} is given twice"))
        if q.kind == "nerve" and not q.flag:
            errors.append(doc.error(("questions", i), "a nerve question needs the flag it raises"))
        if q.flag and q.flag not in flag_ids:
            hint = did_you_mean(q.flag, flag_ids)
            errors.append(doc.error(("questions", i, "flag"), f"unknown flag {q.flag!r}{hint}"))
        seen.setdefault(q.id, i)
    if errors:
        raise DataErrors(errors)
    flags = [flag_of(f) for f in spec.flags]
    questions = (
        Question(q.id, q.text.strip(), q.if_yes.strip(), q.if_no.strip(), q.kind, q.flag, q.group)
        for q in spec.questions
    )
    return Questions(questions, flags)


def parse_pressed(items: Iterable[str], catalogue: Catalogue) -> dict[tuple[str, str], str]:
    """``MUSCLE[:SIDE]=yes|no`` strings (the command line's ``--pressed``) as press tests;
    the side is ``both`` when not given."""
    pressed: dict[tuple[str, str], str] = {}
    for item in items:
        key, sep, reply = item.partition("=")
        reply = reply.strip().lower()
        if not sep or reply not in REPLIES:
            raise MarkError(f"--pressed {item!r}: expected MUSCLE[:SIDE]=yes or =no")
        try:
            muscle, side = muscle_and_side(key, "both")
            catalogue.muscle(muscle)
        except ValueError as exc:
            raise MarkError(f"--pressed {item!r}: {exc}") from None
        except KeyError as exc:
            raise MarkError(f"--pressed {item!r}: {exc.args[0]}") from None
        pressed[(muscle, side)] = reply
    return pressed
