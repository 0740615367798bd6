"""The Python API of the contract: ``BodyMap.load()`` and ``BodyMap.rank()``. Qt-free."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from bodymap import compiled
from bodymap.atlas import Atlas, load_atlas
from bodymap.catalogue import Catalogue, load_catalogue, load_catalogue_lenient
from bodymap.errors import DataError, DataErrors, MarkError
from bodymap.marks import DEFAULT_RADIUS, Mark, PainDrawing, parse_mark
from bodymap.ranking import Candidate, Ranker, notes
from bodymap.redflags import RED_FLAGS_FILE, RedFlag, RedFlagRules, load_red_flags
from bodymap.resources import default_data_root


class BodyMap:
    """The atlas of body views, the muscle catalogue and a ranker over them."""

    def __init__(
        self,
        atlas: Atlas,
        catalogue: Catalogue,
        root: Path | None = None,
        red_flag_rules: RedFlagRules | None = None,
        ranker: Ranker | None = None,
        skipped: Sequence[DataError] = (),
    ) -> None:
        self.atlas = atlas
        self.catalogue = catalogue
        self.root = root
        self.ranker = ranker if ranker is not None else Ranker(catalogue)
        self.red_flag_rules = red_flag_rules or RedFlagRules(())
        self.skipped = tuple(skipped)
        """Problems of the data files left out (``load(skip_bad=True)`` only)."""

    @classmethod
    def load(cls, path: str | Path | None = None, *, skip_bad: bool = False) -> BodyMap:
        """The shipped data, or a folder with the same ``assets/`` + ``regions/`` layout.

        A bad data file raises :class:`DataErrors` naming it; with ``skip_bad`` the
        region files that are bad (and a bad red-flags file) are left out instead, and
        listed in :attr:`skipped`. The body views cannot be left out. The data is
        compiled once and cached (:mod:`bodymap.compiled`) until a file changes.
        """
        root = Path(path) if path is not None else default_data_root()
        atlas, catalogue, rules, ranker, skipped = compiled.cached(
            root, lambda: _build(root, skip_bad), "lenient" if skip_bad else "strict"
        )
        return cls(atlas, catalogue, root, rules, ranker, skipped)

    def marks(
        self, items: Iterable[str | Mark] | str | Mark, radius: float = DEFAULT_RADIUS
    ) -> list[Mark]:
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
        """The painted drawing, and the marks dropped because they miss the body."""
        drawing = PainDrawing(self.atlas)
        dropped = [m for m in marks if not drawing.add(m)]
        return drawing, dropped

    def rank(
        self,
        marks: Iterable[str | Mark] | str | Mark,
        top: int | None = None,
        radius: float = DEFAULT_RADIUS,
    ) -> list[Candidate]:
        drawing, _ = self.drawing(self.marks(marks, radius))
        return self.rank_drawing(drawing, top)

    def rank_drawing(self, drawing: PainDrawing, top: int | None = None) -> list[Candidate]:
        """Rank a painted drawing, each area weighted by how much it hurts."""
        return self.ranker.rank(drawing.areas, top=top, intensities=drawing.levels)

    def notes(self, drawing: PainDrawing, ranking: Sequence[Candidate]) -> list[str]:
        """Plain notes for a ranking: widespread pain, a weak best fit, no fit at all."""
        return notes(drawing.view_areas(), ranking, self.atlas)

    def red_flags(self, drawing: PainDrawing) -> list[RedFlag]:
        """Warning signs tied to where the pain is (the chest, left arm or jaw, both legs,
        the saddle area, the calf, the flank), most urgent first (``RedFlag.urgency``),
        each titled by the places marked ("Pain in the left arm")."""
        return self.red_flag_rules.check(drawing.areas)


_Built = tuple[Atlas, Catalogue, RedFlagRules | None, Ranker, list[DataError]]


def _build(root: Path, skip_bad: bool) -> _Built:
    """Read, check and compile the data files (what the cache keeps)."""
    atlas = load_atlas(root / "assets")
    skipped: list[DataError] = []
    flags = root / "assets" / RED_FLAGS_FILE
    rules = None
    if os.path.lexists(flags):  # a broken link is reported, not taken for no file
        try:
            rules = load_red_flags(flags, atlas)
        except (DataError, DataErrors) as exc:
            if not skip_bad:
                raise
            skipped.extend(exc.errors if isinstance(exc, DataErrors) else [exc])
    if skip_bad:
        catalogue, bad = load_catalogue_lenient(root / "regions", atlas)
        skipped.extend(bad)
    else:
        catalogue = load_catalogue(root / "regions", atlas)
    return atlas, catalogue, rules, Ranker(catalogue), skipped
