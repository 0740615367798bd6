"""Rank muscles by how well their referred-pain patterns explain the painted area.

For each (muscle, side) pattern, with pain area P split by the pattern's disjoint layers:

* ``explained``: the share of the pain that the pattern accounts for, each part weighted
  by the zone it falls in (essential 1.0, spillover 0.45, rare 0.15);
* ``core_coverage``: the share of a trigger point's essential zone that the pain covers,
  for the trigger point whose core the pain fills best (each trigger point is its own
  source, so a muscle with three trigger points is not diluted by the other two).

``score = explained * (BASE + (1 - BASE) * min(1, core_coverage / SATURATION) ** 0.5)``

Each muscle is listed once: on ``both`` sides when the pair explains clearly more of the
pain than either side alone (pain on both sides) or when the two sides explain it equally
(pain on the midline), otherwise on the side that explains it better.

So a pattern must explain the pain to score at all, and among patterns that explain it
equally, the one whose core zone the pain fills best ranks first. Zones are held in one
STRtree per view, so only zones near the pain are ever intersected.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from shapely import STRtree
from shapely.geometry.base import BaseGeometry

from bodymap.catalogue import Catalogue, Pattern, TriggerPoint, Zone
from bodymap.ids import Side
from bodymap.schema import ZoneKind

BASE = 0.7
SATURATION = 0.5
BOTH_SIDES_MARGIN = 0.1  # the pair must explain this much more of the pain than one side
TIE = 0.02


@dataclass(frozen=True)
class ZoneMatch:
    """One zone that the pain touches."""

    trigger_point: str
    kind: ZoneKind
    label: str
    overlap: float  # area of pain inside the zone, in square view units


@dataclass(frozen=True)
class Candidate:
    muscle: str
    name: str
    side: Side
    score: float
    explained: float
    core_coverage: float
    reason: str
    trigger_point: str | None
    matches: tuple[ZoneMatch, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "muscle": self.muscle,
            "name": self.name,
            "side": self.side,
            "score": round(self.score, 4),
            "explained": round(self.explained, 4),
            "core_coverage": round(self.core_coverage, 4),
            "trigger_point": self.trigger_point,
            "reason": self.reason,
            "zones": [
                {"trigger_point": m.trigger_point, "kind": m.kind.value, "label": m.label}
                for m in self.matches
            ],
        }


def score(explained: float, core_coverage: float) -> float:
    fill = min(1.0, core_coverage / SATURATION) ** 0.5
    return explained * (BASE + (1.0 - BASE) * fill)


class Ranker:
    """Scores every pattern of a catalogue against a painted area."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        # Each indexed shape is a weight layer of a pattern (kind set) or the essential
        # core of one trigger point (kind None, with the trigger point's index).
        self._entries: dict[str, list[tuple[int, ZoneKind | None, int]]] = defaultdict(list)
        geoms: dict[str, list[BaseGeometry]] = defaultdict(list)
        for index, pattern in enumerate(catalogue.patterns):
            for view, layers in pattern.layers.items():
                for kind, geometry in layers.by_kind():
                    if not geometry.is_empty:
                        self._entries[view].append((index, kind, -1))
                        geoms[view].append(geometry)
            for trp_index, view, core in pattern.cores:
                if not core.is_empty:
                    self._entries[view].append((index, None, trp_index))
                    geoms[view].append(core)
        self._geoms = {view: np.array(g, dtype=object) for view, g in geoms.items()}
        self._trees = {view: STRtree(g) for view, g in geoms.items()}

    def rank(self, pain: Mapping[str, BaseGeometry], top: int | None = None) -> list[Candidate]:
        total = sum(g.area for g in pain.values())
        if total <= 0:
            return []
        overlap: dict[int, dict[ZoneKind, float]] = defaultdict(
            lambda: dict.fromkeys(ZoneKind, 0.0)
        )
        core_overlap: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
        for view, area in pain.items():
            tree = self._trees.get(view)
            if tree is None or area.is_empty:
                continue
            hits = tree.query(area, predicate="intersects")
            if len(hits) == 0:
                continue
            areas = area.intersection(self._geoms[view][hits])
            for hit, shape in zip(hits, areas, strict=True):
                index, kind, trp_index = self._entries[view][hit]
                if kind is None:
                    core_overlap[index][trp_index] += shape.area
                else:
                    overlap[index][kind] += shape.area
        results = []
        for index, by_kind in overlap.items():
            pattern = self.catalogue.patterns[index]
            weighted = sum(kind.weight * a for kind, a in by_kind.items())
            explained = min(1.0, weighted / total)
            if explained <= 0:
                continue
            areas = pattern.core_areas
            coverage = max(
                (a / areas[t] for t, a in core_overlap[index].items() if areas[t] > 0), default=0.0
            )
            coverage = min(1.0, coverage)
            results.append((score(explained, coverage), explained, coverage, pattern))
        results = _one_entry_per_muscle(results)
        results.sort(key=lambda r: (-r[0], -r[1], r[3].muscle.name, r[3].side))
        if top is not None:
            results = results[: max(top, 0)]
        return [self._candidate(s, e, c, p, pain) for s, e, c, p in results]

    def _candidate(
        self,
        score_: float,
        explained: float,
        coverage: float,
        pattern: Pattern,
        pain: Mapping[str, BaseGeometry],
    ) -> Candidate:
        matches: list[tuple[float, TriggerPoint, Zone, float]] = []
        for trp, zone in pattern.zones():
            area = pain.get(zone.view)
            if area is None or not area.intersects(zone.geometry):
                continue
            shared = area.intersection(zone.geometry).area
            if shared > 0:
                matches.append((shared * zone.weight, trp, zone, shared))
        matches.sort(key=lambda m: -m[0])
        by_trp: dict[str, float] = defaultdict(float)
        for weighted, trp, _, _ in matches:
            by_trp[trp.id] += weighted
        best_trp = max(by_trp, key=by_trp.__getitem__) if by_trp else None
        return Candidate(
            muscle=pattern.muscle.id,
            name=pattern.muscle.name,
            side=pattern.side,
            score=score_,
            explained=explained,
            core_coverage=coverage,
            reason=_reason(explained, coverage, matches),
            trigger_point=best_trp,
            matches=tuple(ZoneMatch(t.id, z.kind, z.label, shared) for _, t, z, shared in matches),
        )


_Result = tuple[float, float, float, Pattern]


def _one_entry_per_muscle(results: list[_Result]) -> list[_Result]:
    by_muscle: dict[str, dict[str, _Result]] = defaultdict(dict)
    for result in results:
        by_muscle[result[3].muscle.id][result[3].side] = result
    kept = []
    for sides in by_muscle.values():
        both = sides.get("both")
        singles = [sides[s] for s in ("right", "left") if s in sides]
        if not singles:
            if both is not None:
                kept.append(both)
            continue
        best = max(singles, key=lambda r: (r[0], r[1]))
        if both is not None and both[1] >= best[1] + BOTH_SIDES_MARGIN:
            kept.append(both)  # pain on both sides that only the pair explains
        elif (
            both is not None
            and len(singles) == 2
            and all(abs(a - b) <= TIE for a, b in zip(singles[0][:2], singles[1][:2], strict=True))
        ):
            kept.append(both)  # midline pain: either side fits as well
        else:
            kept.append(best)
    return kept


def _reason(
    explained: float, coverage: float, matches: list[tuple[float, TriggerPoint, Zone, float]]
) -> str:
    head = f"explains {explained:.0%} of the marked pain"
    core = [z for _, _, z, _ in matches if z.kind is ZoneKind.ESSENTIAL]
    if core:
        return f"{head}; covers {coverage:.0%} of its core zone {core[0].label}"
    if matches:
        zone = matches[0][2]
        return f"{head}, only through its {zone.kind.value} zone {zone.label}"
    return head
