"""The Python API (docs/api.md): ``BodyMap.load()`` and ``BodyMap.rank()``. Qt-free.

    >>> from bodymap import BodyMap
    >>> bm = BodyMap.load()
    >>> best = bm.rank(["posterior:right-psis"], top=3)[0]
    >>> best.name, best.side, best.fit          # doctest: +SKIP
    ('Gluteus medius', 'right', 'strong')

A mark is a string (``VIEW:LANDMARK``, ``VIEW:X,Y`` or a stroke ``VIEW:X1,Y1;X2,Y2;...``,
in the view's units; ``bodymap landmarks`` lists the names) or a :class:`Mark`. The
ranking is a list of :class:`~bodymap.candidate.Candidate`, best first; :meth:`BodyMap.notes`
and :meth:`BodyMap.red_flags` say what the ranking cannot. Not a diagnosis.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TypeVar

from bodymap.answers import QUESTIONS_FILE, Answers, Questions, load_questions, nerve_flags, reweigh
from bodymap.atlas import Atlas
from bodymap.candidate import Candidate
from bodymap.catalogue import Catalogue
from bodymap.data import compiled
from bodymap.data.resources import default_data_root
from bodymap.drawing import PainDrawing
from bodymap.errors import DataError, DataErrors, MarkError
from bodymap.ids import DEFAULT_RADIUS
from bodymap.marks import Mark, parse_mark
from bodymap.ranking import Ranker
from bodymap.ranking_notes import notes
from bodymap.redflags import RED_FLAGS_FILE, RedFlag, RedFlagRules, by_urgency, load_red_flags


class BodyMap:
    """The atlas of body views, the muscle catalogue and a ranker over them.

    Make one with :meth:`load` (the data is read once, then cached) and use it for any
    number of rankings; it does not change. ``atlas`` holds the views (outlines and
    landmarks), ``catalogue`` the muscles and their patterns, ``ranker`` the scorer,
    ``red_flag_rules`` the warnings tied to places, ``root`` the data folder it was read
    from, and ``skipped`` the problems of any data files left out.
    """

    def __init__(
        self,
        atlas: Atlas,
        catalogue: Catalogue,
        root: Path | None = None,
        red_flag_rules: RedFlagRules | None = None,
        ranker: Ranker | None = None,
        skipped: Sequence[DataError] = (),
        questions: Questions | None = None,
    ) -> None:
        self.atlas = atlas
        self.catalogue = catalogue
        self.root = root
        self.ranker = ranker if ranker is not None else Ranker(catalogue)
        self.red_flag_rules = red_flag_rules or RedFlagRules(())
        self.skipped = tuple(skipped)
        """Problems of the data files left out (``load(skip_bad=True)`` only)."""
        self.questions = questions if questions is not None else Questions(())
        """The symptom questions the ranking can use (``assets/questions.yaml``)."""
        self.answer_links = {m.id: m.answers for m in catalogue}
        """Each muscle's links to the questions (from its region file)."""

    @classmethod
    def load(cls, path: str | Path | None = None, *, skip_bad: bool = False) -> BodyMap:
        """The shipped data, or a folder with the same ``assets/`` + ``regions/`` layout.

        A bad data file raises :class:`DataErrors` naming it; with ``skip_bad`` the
        region files that are bad (and a bad red-flags file) are left out instead, and
        listed in :attr:`skipped`. The body views cannot be left out. The data is
        compiled once and cached (:mod:`bodymap.data.compiled`) until a file changes.
        """
        root = Path(path) if path is not None else default_data_root()
        atlas, catalogue, rules, ranker, skipped, questions = compiled.cached(
            root, lambda: build_data(root, skip_bad), "lenient" if skip_bad else "strict"
        )
        return cls(atlas, catalogue, root, rules, ranker, skipped, questions)

    def marks(
        self, items: Iterable[str | Mark] | str | Mark, radius: float = DEFAULT_RADIUS
    ) -> list[Mark]:
        """Marks from ``items``: each a MARK string (``posterior:right-psis``,
        ``posterior:412.5,630`` or a stroke ``posterior:430,700;450,720``) read with
        ``radius`` (view units; the default is a fingertip), or a :class:`Mark` kept as it
        is. One string or one Mark alone is taken as a list of one.

        Raises :class:`MarkError` for a string that is not a mark, an unknown view or
        landmark (with the names meant, when close), or an item of another type."""
        if isinstance(items, str | Mark):
            items = [items]
        out = []
        for item in items:
            if isinstance(item, Mark):
                out.append(item)
            elif isinstance(item, str):
                out.append(parse_mark(item, self.atlas, radius))
            else:
                raise MarkError(
                    f"a mark must be a MARK string or a Mark, not {type(item).__name__}"
                )
        return out

    def drawing(self, marks: Sequence[Mark]) -> tuple[PainDrawing, list[Mark]]:
        """The marks painted in order into one drawing (each clipped to the body outline;
        the eraser's marks rub out), and the marks dropped because they miss the body."""
        drawing = PainDrawing(self.atlas)
        dropped = [m for m in marks if not drawing.add(m)]
        return drawing, dropped

    def rank(
        self,
        marks: Iterable[str | Mark] | str | Mark,
        top: int | None = None,
        radius: float = DEFAULT_RADIUS,
        answers: Answers | None = None,
    ) -> list[Candidate]:
        """The muscles whose trigger points most often send pain to ``marks``, best first
        (at most ``top``; all that fit when ``None``).

        ``marks`` and ``radius`` are read as :meth:`marks` reads them; the marks are
        painted together (each clipped to the body outline; a mark wholly outside the
        body is left out) and the drawing ranked as :meth:`rank_drawing` does. Each muscle
        appears once, on the side that fits (or ``both``). An empty drawing, or pain no
        pattern reaches, ranks nothing: ``[]``. Raises :class:`MarkError` for a mark that
        cannot be read. ``answers`` (symptom replies and press tests) re-rank the muscles
        the marks already fit (:mod:`bodymap.answers`); none give the location-only
        ranking."""
        drawing, _ = self.drawing(self.marks(marks, radius))
        return self.rank_drawing(drawing, top, answers)

    def rank_drawing(
        self, drawing: PainDrawing, top: int | None = None, answers: Answers | None = None
    ) -> list[Candidate]:
        """Rank a painted drawing (best first, at most ``top``), each area weighted by how
        much it hurts; the score is explained in :mod:`bodymap.ranking`, the answers'
        part in :mod:`bodymap.answers`."""
        if not answers:
            return self.ranker.rank(drawing.areas, top=top, intensities=drawing.levels)
        ranking = self.ranker.rank(drawing.areas, intensities=drawing.levels)
        return self.answered(ranking, answers)[:top]

    def answered(self, ranking: Sequence[Candidate], answers: Answers | None) -> list[Candidate]:
        """A location ranking re-ranked by ``answers`` (as it is without any)."""
        if not answers:
            return list(ranking)
        return reweigh(ranking, self.answer_links, answers, self.questions)

    def notes(self, drawing: PainDrawing, ranking: Sequence[Candidate]) -> list[str]:
        """Plain notes for a ranking of ``drawing``: widespread pain, a weak best fit, no
        fit at all (the texts are :data:`~bodymap.ranking.NOTE_WIDESPREAD`,
        :data:`~bodymap.ranking.NOTE_WEAK` and :data:`~bodymap.ranking.NOTE_NONE`); none
        for a ranking that speaks for itself."""
        return notes(drawing.view_areas(), ranking, self.atlas)

    def red_flags(self, drawing: PainDrawing, answers: Answers | None = None) -> list[RedFlag]:
        """Warning signs tied to where the pain is (the chest, left arm or jaw, both legs,
        the saddle area, the calf, the flank), each titled by the places marked ("Pain in
        the left arm"), and those the answers raise (numbness or weakness: a nerve may be
        involved), most urgent first (``RedFlag.urgency``)."""
        flags = self.red_flag_rules.check(drawing.areas)
        if answers:
            flags = by_urgency([*flags, *nerve_flags(answers, self.questions)])
        return flags


T = TypeVar("T")

BuiltData = tuple[Atlas, Catalogue, RedFlagRules | None, Ranker, list[DataError], Questions]
"""What :func:`build_data` makes from the data files."""


def build_data(root: Path, skip_bad: bool) -> BuiltData:
    """Read, check and compile the data files under ``root`` (what the cache keeps):
    the atlas, the catalogue, the red-flag rules (``None`` without a red-flags file), the
    ranker, and the problems of the files left out (``skip_bad`` only)."""
    # The readers (the YAML reader, the XML parser, the checks) only when building: a
    # start that finds the compiled copy cached does without them.
    from bodymap.atlas_loader import load_atlas
    from bodymap.catalogue_loader import load_catalogue, load_catalogue_lenient

    atlas = load_atlas(root / "assets")
    skipped: list[DataError] = []
    keep = skipped if skip_bad else None
    rules = load_optional(
        root / "assets" / RED_FLAGS_FILE, lambda p: load_red_flags(p, atlas), keep
    )
    questions = load_optional(root / "assets" / QUESTIONS_FILE, load_questions, keep)
    ids = questions.ids if questions is not None else None
    if skip_bad:
        catalogue, bad = load_catalogue_lenient(root / "regions", atlas, questions=ids)
        skipped.extend(bad)
    else:
        catalogue = load_catalogue(root / "regions", atlas, questions=ids)
    return atlas, catalogue, rules, Ranker(catalogue), skipped, questions or Questions(())


def load_optional(
    path: Path, load: Callable[[Path], T], problems: list[DataError] | None = None
) -> T | None:
    """``load(path)`` for a data file a folder may lack (None when it has no such file;
    a broken link is reported, not taken for no file). A bad file raises, or, given
    ``problems``, adds its problems there and gives None."""
    if not os.path.lexists(path):
        return None
    try:
        return load(path)
    except (DataError, DataErrors) as exc:
        if problems is None:
            raise
        problems.extend(exc.errors if isinstance(exc, DataErrors) else [exc])
        return None
