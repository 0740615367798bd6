"""The shapes the ranking measures, indexed once per catalogue (see :mod:`bodymap.ranking`).

Everything the score needs is an area of overlap between the pain and a shape: a
pattern's layer of one weight, a trigger point's core (its essential area, or each half
of it at the midline for a pattern that crosses it), a single zone. Each distinct shape
is kept once per view (the ``both`` pattern holds the right and the left zones again, and
a core is often a single zone) in an STRtree, and flat arrays say which entry (pattern,
role, weight, core) each measured shape stands for, so that scoring a drawing is a
handful of numpy sums.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from enum import Enum

import numpy as np
import shapely
from shapely import STRtree
from shapely.geometry.base import BaseGeometry

from bodymap.catalogue import Catalogue, Pattern
from bodymap.ids import MIRROR_VIEW
from bodymap.kinds import ZoneKind
from bodymap.marks import polygonal


class Role(Enum):
    LAYER = 0  # a pattern's layer of one weight (kind)
    CORE = 1  # the essential area of one trigger point
    ZONE = 2  # one zone, for the reason and the matched trigger point


@dataclass(frozen=True)
class Entry:
    """What one indexed shape stands for in one pattern."""

    pattern: int
    role: Role
    kind: ZoneKind | None = None
    trigger_point: int = -1
    zone: int = -1
    half: str = ""


@dataclass(frozen=True)
class ViewArrays:
    """One view's entries as arrays, by role: for each layer its shape (in the view's
    shapes), pattern and zone weight; for each core its shape and core id; for each zone
    its shape, pattern and weight; and the shapes and patterns of layers and cores
    together, the entries a score is made of."""

    layer_shape: np.ndarray
    layer_pattern: np.ndarray
    layer_weight: np.ndarray
    core_shape: np.ndarray
    core_id: np.ndarray
    zone_shape: np.ndarray
    zone_pattern: np.ndarray
    zone_weight: np.ndarray
    scored_shape: np.ndarray
    scored_pattern: np.ndarray


@dataclass(frozen=True)
class PatternIndex:
    """Every shape of every pattern of a catalogue, per view, with what each stands for.

    A core id is one per trigger point, or one per half for a trigger point whose
    pattern crosses the midline; its area is summed over the views."""

    geoms: dict[str, np.ndarray]
    """Per view, the distinct shapes (prepared), as the STRtree holds them."""
    trees: dict[str, STRtree]
    boxes: dict[str, np.ndarray]
    """Per view, each shape's bounds (min x, min y, max x, max y)."""
    areas: dict[str, np.ndarray]
    """Per view, each shape's area."""
    arrays: dict[str, ViewArrays]
    zone_entries: dict[str, list[Entry]]
    """Per view, the zone entries, in the order of ``ViewArrays.zone_shape``."""
    core_area: np.ndarray
    """The area of each core id."""
    core_trp: np.ndarray
    """The trigger point (numbered over all patterns) of each core id."""
    trp_pattern: np.ndarray
    """The pattern of each trigger point."""
    prior: np.ndarray
    """Each pattern's prior (its muscle's prevalence)."""
    pattern_muscle: np.ndarray
    """Each pattern's muscle (numbered in catalogue order)."""

    @property
    def shape_count(self) -> int:
        """How many distinct shapes are indexed (each is measured once per change)."""
        return sum(len(g) for g in self.geoms.values())


def build_index(catalogue: Catalogue) -> PatternIndex:
    """The index of every pattern of ``catalogue``."""
    builder = _Builder(catalogue)
    for p, pattern in enumerate(catalogue.patterns):
        builder.add_pattern(p, pattern)
    return builder.finish()


class _Builder:
    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.entries: dict[str, list[Entry]] = defaultdict(list)
        self.entry_shape: dict[str, list[int]] = defaultdict(list)
        self.shapes: dict[str, list[BaseGeometry]] = defaultdict(list)
        self.known: dict[str, dict[bytes, int]] = defaultdict(dict)
        self.core_ids: dict[tuple[int, int, str], int] = {}
        self.core_area: list[float] = []

    def add(self, view: str, geometry: BaseGeometry, entry: Entry) -> None:
        """An entry for ``geometry``, indexed once however many entries share it."""
        if geometry.is_empty:
            return
        key = shapely.to_wkb(geometry)
        index = self.known[view].setdefault(key, len(self.shapes[view]))
        if index == len(self.shapes[view]):
            self.shapes[view].append(geometry)
        self.entries[view].append(entry)
        self.entry_shape[view].append(index)

    def add_pattern(self, p: int, pattern: Pattern) -> None:
        """The pattern's layers, its trigger points' cores (or their halves), its zones."""
        for view, layers in pattern.layers.items():
            for kind, geometry in layers.by_kind():
                self.add(view, geometry, Entry(p, Role.LAYER, kind))
        for t, view, core in pattern.cores:
            for half, piece in self.halves(pattern, t, view, core):
                key = (p, t, half)
                if key not in self.core_ids:
                    self.core_ids[key] = len(self.core_area)
                    self.core_area.append(0.0)
                self.core_area[self.core_ids[key]] += piece.area
                self.add(view, piece, Entry(p, Role.CORE, trigger_point=t, half=half))
        for t, trp in enumerate(pattern.trigger_points):
            for z, zone in enumerate(trp.zones):
                self.add(zone.view, zone.geometry, Entry(p, Role.ZONE, zone.kind, t, z))

    def halves(
        self, pattern: Pattern, t: int, view: str, core: BaseGeometry
    ) -> list[tuple[str, BaseGeometry]]:
        """The core whole, or its two halves at the midline for a crossing pattern."""
        # A side view (one that mirrors onto the other side view) shows one side only.
        if not pattern.trigger_points[t].crosses_midline or MIRROR_VIEW[view] != view:
            return [("", core)]
        mid = self.catalogue.atlas.view(view).midline_x
        halves = []
        for name, box in (
            ("viewer-left", shapely.box(-1e4, -1e4, mid, 1e4)),
            ("viewer-right", shapely.box(mid, -1e4, 1e4, 1e4)),
        ):
            piece = polygonal(core.intersection(box))
            if not piece.is_empty:
                shapely.prepare(piece)
                halves.append((name, piece))
        return halves if len(halves) == 2 else [("", core)]

    def view_arrays(self, view: str) -> tuple[ViewArrays, list[Entry]]:
        entries = self.entries[view]
        shape = np.array(self.entry_shape[view], dtype=int)
        pattern = np.array([e.pattern for e in entries], dtype=int)

        def of(role: Role) -> list[int]:
            return [i for i, e in enumerate(entries) if e.role is role]

        layers, cores, zones = of(Role.LAYER), of(Role.CORE), of(Role.ZONE)
        scored = sorted(layers + cores)
        arrays = ViewArrays(
            layer_shape=shape[layers],
            layer_pattern=pattern[layers],
            layer_weight=np.array([k.weight if (k := entries[i].kind) else 0.0 for i in layers]),
            core_shape=shape[cores],
            core_id=np.array(
                [
                    self.core_ids[(entries[i].pattern, entries[i].trigger_point, entries[i].half)]
                    for i in cores
                ],
                dtype=int,
            ),
            zone_shape=shape[zones],
            zone_pattern=pattern[zones],
            zone_weight=np.array([k.weight if (k := entries[i].kind) else 0.0 for i in zones]),
            scored_shape=shape[scored],
            scored_pattern=pattern[scored],
        )
        return arrays, [entries[i] for i in zones]

    def finish(self) -> PatternIndex:
        trp_ids = {
            (p, t): i for i, (p, t) in enumerate(dict.fromkeys(k[:2] for k in self.core_ids))
        }
        arrays: dict[str, ViewArrays] = {}
        zone_entries: dict[str, list[Entry]] = {}
        for view in self.entries:
            arrays[view], zone_entries[view] = self.view_arrays(view)
        geoms = {view: np.array(g, dtype=object) for view, g in self.shapes.items()}
        muscles = {m.id: i for i, m in enumerate(self.catalogue)}
        for g in geoms.values():
            shapely.prepare(g)
        return PatternIndex(
            geoms=geoms,
            trees={view: STRtree(g) for view, g in self.shapes.items()},
            boxes={view: shapely.bounds(g) for view, g in geoms.items()},
            areas={view: shapely.area(g) for view, g in geoms.items()},
            arrays=arrays,
            zone_entries=zone_entries,
            core_area=np.array(self.core_area),
            core_trp=np.array([trp_ids[k[:2]] for k in self.core_ids], dtype=int),
            trp_pattern=np.array([p for p, _ in trp_ids], dtype=int),
            prior=np.array([p.muscle.prevalence.level.prior for p in self.catalogue.patterns]),
            pattern_muscle=np.array([muscles[p.muscle.id] for p in self.catalogue.patterns]),
        )
