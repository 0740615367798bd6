"""One patient's sessions over time: what was painted at each visit and what changed.

Pain-drawing research follows a patient by the extent of the drawing and by how much two
drawings overlap (the Jaccard index: the area painted both times over the area painted
either time). A visit here is one saved session: its date, the painted area of each view,
its top candidates (ranked with its own answers), and, from the second visit on, the
change since the one before. No Qt: the command line, the window and the exports use it.

Areas are in square view units, and also in square centimetres on an adult of 1.70 m
(the body is 1400 units tall: a unit is about 1.21 mm, a square unit 0.0147 cm²), which
is what a reader of a record can picture.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

import shapely

from bodymap.api import BodyMap
from bodymap.candidate import Candidate
from bodymap.drawing import PainDrawing
from bodymap.files.session import Session, load_session
from bodymap.ids import side_label

ADULT_HEIGHT_MM = 1700.0
BODY_UNITS = 1400.0
CM2_PER_UNIT2 = (ADULT_HEIGHT_MM / BODY_UNITS / 10.0) ** 2
TOP = 3
"""Candidates kept for each visit."""


def cm2(units2: float) -> float:
    """Square view units as square centimetres on a 1.70 m adult."""
    return units2 * CM2_PER_UNIT2


@dataclass(frozen=True)
class Visit:
    """One saved session, read and ranked."""

    path: Path
    session: Session
    drawing: PainDrawing
    top: tuple[Candidate, ...]

    @property
    def area(self) -> Mapping[str, float]:
        """The painted area of each view that has any (square view units)."""
        return self.drawing.view_areas()

    @property
    def total_area(self) -> float:
        return self.drawing.total_area()

    @property
    def landmarks(self) -> list[str]:
        """The landmarks under the marks, view by view (``VIEW:NAME``)."""
        atlas = self.drawing.atlas
        return [
            f"{view}:{name}"
            for view, painted in self.drawing.areas.items()
            for name in atlas.view(view).landmarks_in(painted)
        ]


@dataclass(frozen=True)
class Change:
    """How a visit differs from the one before it."""

    since: str
    """The earlier visit's date (or file name when it has none)."""
    area: float
    """The change in painted area, all views together (square view units)."""
    area_share: float | None
    """That change as a share of the earlier area (None when nothing was painted then)."""
    overlap: float | None
    """The Jaccard index of the two drawings over all views: painted both times over
    painted either time (None when neither painted anything)."""
    by_view: Mapping[str, float]
    """The change in painted area of each view either visit painted."""
    new: tuple[str, ...]
    """Top muscles now that were not among the earlier top (``muscle:side``)."""
    gone: tuple[str, ...]
    """Top muscles then that are not among the top now."""


def read_visits(bm: BodyMap, paths: Iterable[Path]) -> list[Visit]:
    """The sessions of ``paths``, ranked, in date order (undated ones last, by when they
    were saved, then by file name). A file that cannot be read raises
    :class:`~bodymap.errors.SessionError` naming it."""
    visits = []
    for path in paths:
        session = load_session(path)
        drawing, _ = bm.drawing(session.marks)
        top = bm.rank_drawing(drawing, top=TOP, answers=session.answers)
        visits.append(Visit(path, session, drawing, tuple(top)))
    return sorted(visits, key=lambda v: (v.session.date or "9999", v.session.saved_at, v.path.name))


def label(visit: Visit) -> str:
    """How a visit is named in a change: its date, or its file's name."""
    return visit.session.date or visit.path.name


def change(before: Visit, after: Visit) -> Change:
    """What changed from ``before`` to ``after``."""
    views = sorted(set(before.area) | set(after.area))
    by_view = {v: after.area.get(v, 0.0) - before.area.get(v, 0.0) for v in views}
    both = either = 0.0
    for v in views:
        a, b = before.drawing.areas.get(v), after.drawing.areas.get(v)
        if a is not None and b is not None:
            both += shapely.intersection(a, b).area
            either += shapely.union(a, b).area
        else:  # painted at one visit only
            either += sum(g.area for g in (a, b) if g is not None)
    was, now = before.total_area, after.total_area
    keys_then = [f"{c.muscle}:{c.side}" for c in before.top]
    keys_now = [f"{c.muscle}:{c.side}" for c in after.top]
    return Change(
        since=label(before),
        area=now - was,
        area_share=(now - was) / was if was > 0 else None,
        overlap=both / either if either > 0 else None,
        by_view=by_view,
        new=tuple(k for k in keys_now if k not in keys_then),
        gone=tuple(k for k in keys_then if k not in keys_now),
    )


def changes(visits: Sequence[Visit]) -> list[Change | None]:
    """The change of each visit since the one before (None for the first)."""
    return [None, *(change(a, b) for a, b in pairwise(visits))]


def change_words(delta: Change, unit: str = "cm²") -> str:
    """The change in painted area in words: "-40 cm² (-27%)"."""
    share = f" ({delta.area_share:+.0%})" if delta.area_share is not None else ""
    return f"{cm2(delta.area):+.0f} {unit}{share}"


def top_words(visit: Visit) -> str:
    """The visit's top candidates: "Gluteus medius (right), strong fit; ..." ("none")."""
    return "; ".join(f"{c.name} ({side_label(c.side)}), {c.fit} fit" for c in visit.top) or "none"


def _candidate_json(c: Candidate) -> dict[str, Any]:
    return {
        "muscle": c.muscle,
        "name": c.name,
        "side": c.side,
        "score": round(c.score, 4),
        "fit": c.fit,
    }


def _round(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def visits_json(visits: Sequence[Visit]) -> dict[str, Any]:
    """``bodymap visits --json``: each visit with its areas, top candidates and change."""
    out = []
    for visit, delta in zip(visits, changes(visits), strict=True):
        entry: dict[str, Any] = {
            "file": str(visit.path),
            "patient": visit.session.patient,
            "date": visit.session.date,
            "area": {v: round(a, 1) for v, a in visit.area.items()},
            "total_area": round(visit.total_area, 1),
            "total_area_cm2": round(cm2(visit.total_area), 1),
            "top": [_candidate_json(c) for c in visit.top],
            "change": None,
        }
        if delta is not None:
            entry["change"] = {
                "since": delta.since,
                "area": round(delta.area, 1),
                "area_cm2": round(cm2(delta.area), 1),
                "area_share": _round(delta.area_share, 4),
                "overlap": _round(delta.overlap, 4),
                "by_view": {v: round(a, 1) for v, a in delta.by_view.items()},
                "new": list(delta.new),
                "gone": list(delta.gone),
            }
        out.append(entry)
    patients = sorted({v.session.patient for v in visits if v.session.patient})
    return {"patients": patients, "visits": out}
