"""The Python API of the contract: ``BodyMap.load()`` and ``BodyMap.rank()``. Qt-free."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from bodymap.atlas import Atlas, load_atlas
from bodymap.catalogue import Catalogue, load_catalogue
from bodymap.errors import MarkError
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
    ) -> None:
        self.atlas = atlas
        self.catalogue = catalogue
        self.root = root
        self.ranker = Ranker(catalogue)
        self.red_flag_rules = red_flag_rules or RedFlagRules(())

    @classmethod
    def load(cls, path: str | Path | None = None) -> BodyMap:
        """The shipped data, or a folder with the same ``assets/`` + ``regions/`` layout."""
        root = Path(path) if path is not None else default_data_root()
        atlas = load_atlas(root / "assets")
        flags = root / "assets" / RED_FLAGS_FILE
        rules = load_red_flags(flags, atlas) if flags.exists() else None
        return cls(atlas, load_catalogue(root / "regions", atlas), root, rules)

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
        return notes(drawing.areas, ranking, self.atlas)

    def red_flags(self, drawing: PainDrawing) -> list[RedFlag]:
        """Warning signs tied to where the pain is (both legs, the calf, the left arm or
        jaw, the flank, the saddle area), in the data's order."""
        return self.red_flag_rules.check(drawing.areas)
