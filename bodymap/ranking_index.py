"""The shapes the ranking measures, indexed once per catalogue (see :mod:`bodymap.ranking`).

Everything the score needs is an area of overlap between the pain and a shape: a
pattern's layer of one weight, a trigger point's core (its essential area, or each half
of it at the midline for a pattern that crosses it), a single zone. Each distinct shape
is kept once per view (the ``both`` pattern holds the right and the left zones again, and
a core is often a single zone) in an STRtree, and flat arrays say which entry (pattern,
role, weight, core) each measured shape stands for, so that scoring a drawing is a
handful of numpy sums.

A layer or a core whose zones do not overlap is their sum, and is measured as its zones
(its *parts*) rather than as one more shape: areas of disjoint parts add up, the zones
are measured anyway for the candidates listed, and they are smaller than the union. A
layer whose zones overlap a little (two essential zones, or a spillover zone and the
essential one it is cut from) is its zones less their overlaps, small *lenses*
(:func:`signed_parts`). Only layers with more tangled zones stay whole.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
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
    """One view's entries as arrays, by role.

    Layers: per layer entry its pattern, zone weight and area, and per part (a shape the
    entry is a sum of) its entry, shape and sign (-1 for a lens taken away). Cores: per
    core entry its core id and area, and its parts likewise. Zones: per zone its shape,
    pattern and weight. And every part of a layer or a core as (shape, pattern): what a
    score is made of."""

    layer_pattern: np.ndarray
    layer_weight: np.ndarray
    layer_area: np.ndarray
    layer_part_entry: np.ndarray
    layer_part_shape: np.ndarray
    layer_part_sign: np.ndarray
    core_id: np.ndarray
    core_area: np.ndarray
    core_part_entry: np.ndarray
    core_part_shape: np.ndarray
    core_part_sign: np.ndarray
    zone_shape: np.ndarray
    zone_pattern: np.ndarray
    zone_weight: np.ndarray
    scored_shape: np.ndarray
    scored_pattern: np.ndarray

    def layers(self, plain: np.ndarray, upper: bool = False) -> np.ndarray:
        """Per layer entry, the signed sum of ``plain`` (a value per shape) over its
        parts; ``upper``: of the parts added only, which bounds it when ``plain`` holds
        upper bounds (what a lens takes away is never less than nothing)."""
        return _signed_sums(
            plain,
            upper,
            self.layer_part_entry,
            self.layer_part_shape,
            self.layer_part_sign,
            len(self.layer_pattern),
        )

    def cores(self, plain: np.ndarray, upper: bool = False) -> np.ndarray:
        """Per core entry, the signed sum of ``plain`` over its parts (as :meth:`layers`)."""
        return _signed_sums(
            plain,
            upper,
            self.core_part_entry,
            self.core_part_shape,
            self.core_part_sign,
            len(self.core_id),
        )


def _signed_sums(
    plain: np.ndarray,
    upper: bool,
    entry: np.ndarray,
    shape: np.ndarray,
    sign: np.ndarray,
    n: int,
) -> np.ndarray:
    """Per entry (of ``n``), the sum of ``plain`` at its parts' ``shape`` times their
    ``sign`` (``upper``: the parts added only)."""
    values = plain[shape] * (sign > 0 if upper else sign)
    summed: np.ndarray = np.bincount(entry, weights=values, minlength=n)
    return summed


ZoneFacts = tuple[str, ZoneKind, str, str]
"""A zone as a candidate names it: its trigger point's id, kind, label and view."""


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
    zone_facts: dict[str, list[ZoneFacts]]
    """Per view, what each zone is, in the order of ``ViewArrays.zone_shape``."""
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
        self.entry_parts: dict[str, list[tuple[tuple[int, int], ...]]] = defaultdict(list)
        self.entry_area: dict[str, list[float]] = defaultdict(list)
        self.shapes: dict[str, list[BaseGeometry]] = defaultdict(list)
        self.known: dict[str, dict[bytes, int]] = defaultdict(dict)
        self.core_ids: dict[tuple[int, int, str], int] = {}
        self.core_area: list[float] = []
        self.wkb: dict[int, bytes] = {}
        self.kept: list[BaseGeometry] = []

    def key(self, geometry: BaseGeometry) -> bytes:
        """The WKB of ``geometry``, made once: the same zones recur in every pattern."""
        wkb = self.wkb.get(id(geometry))
        if wkb is None:
            wkb = self.wkb[id(geometry)] = shapely.to_wkb(geometry)
            self.kept.append(geometry)  # so that its id stays its own while building
        return wkb

    def shape(self, view: str, geometry: BaseGeometry) -> int:
        """The index of ``geometry`` among the view's shapes, each indexed once."""
        key = self.key(geometry)
        index = self.known[view].setdefault(key, len(self.shapes[view]))
        if index == len(self.shapes[view]):
            self.shapes[view].append(geometry)
        return index

    def add(
        self,
        view: str,
        geometry: BaseGeometry,
        entry: Entry,
        zones: Sequence[BaseGeometry] = (),
        higher: Sequence[BaseGeometry] = (),
    ) -> None:
        """An entry for ``geometry``: measured as a signed sum of ``zones`` and their
        lenses when it is one (:func:`signed_parts`; ``higher``: the zones it was cut
        from), else as itself."""
        if geometry.is_empty:
            return
        # Layers and cores are made of these zones (bodymap.catalogue): areas tell.
        parts = signed_parts(geometry, zones, higher, True, self.key) or [(geometry, 1)]
        self.entries[view].append(entry)
        self.entry_parts[view].append(tuple((self.shape(view, g), sign) for g, sign in parts))
        self.entry_area[view].append(float(geometry.area))

    def add_pattern(self, p: int, pattern: Pattern) -> None:
        """The pattern's layers, its trigger points' cores (or their halves), its zones."""
        for view, layers in pattern.layers.items():
            zones = {
                kind: [
                    z.geometry
                    for trp in pattern.trigger_points
                    for z in trp.zones
                    if z.view == view and z.kind is kind
                ]
                for kind in ZoneKind
            }
            for kind, geometry in layers.by_kind():
                # Each layer is its zones less the layers above it (catalogue.Layers).
                higher = [g for k in ZoneKind if k.weight > kind.weight for g in zones[k]]
                self.add(view, geometry, Entry(p, Role.LAYER, kind), zones[kind], higher)
        for t, view, core in pattern.cores:
            essential = [
                z.geometry
                for z in pattern.trigger_points[t].zones
                if z.view == view and z.kind is ZoneKind.ESSENTIAL
            ]
            for half, piece in self.halves(pattern, t, view, core):
                key = (p, t, half)
                if key not in self.core_ids:
                    self.core_ids[key] = len(self.core_area)
                    self.core_area.append(0.0)
                self.core_area[self.core_ids[key]] += piece.area
                entry = Entry(p, Role.CORE, trigger_point=t, half=half)
                self.add(view, piece, entry, essential if not half else ())
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

    def view_arrays(self, view: str) -> tuple[ViewArrays, list[ZoneFacts]]:
        entries = self.entries[view]
        parts = self.entry_parts[view]
        area = np.array(self.entry_area[view])

        def of(role: Role) -> list[int]:
            return [i for i, e in enumerate(entries) if e.role is role]

        def weights(chosen: list[int]) -> np.ndarray:
            return np.array([k.weight if (k := entries[i].kind) else 0.0 for i in chosen])

        def split(chosen: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            """Per part of the ``chosen`` entries: the entry (numbered among them), the
            shape and the sign."""
            rows = [(n, s, sign) for n, i in enumerate(chosen) for s, sign in parts[i]]
            table = np.array(rows, dtype=int).reshape(-1, 3)
            return table[:, 0], table[:, 1], table[:, 2]

        layers, cores, zones = of(Role.LAYER), of(Role.CORE), of(Role.ZONE)
        layer_entry, layer_shape, layer_sign = split(layers)
        core_entry, core_shape, core_sign = split(cores)
        pattern = np.array([e.pattern for e in entries], dtype=int)
        layer_pattern, core_pattern = pattern[layers], pattern[cores]
        arrays = ViewArrays(
            layer_pattern=layer_pattern,
            layer_weight=weights(layers),
            layer_area=area[layers],
            layer_part_entry=layer_entry,
            layer_part_shape=layer_shape,
            layer_part_sign=layer_sign,
            core_id=np.array(
                [
                    self.core_ids[(entries[i].pattern, entries[i].trigger_point, entries[i].half)]
                    for i in cores
                ],
                dtype=int,
            ),
            core_area=area[cores],
            core_part_entry=core_entry,
            core_part_shape=core_shape,
            core_part_sign=core_sign,
            zone_shape=np.array([parts[i][0][0] for i in zones], dtype=int),
            zone_pattern=pattern[zones],
            zone_weight=weights(zones),
            scored_shape=np.concatenate([layer_shape, core_shape]),
            scored_pattern=np.concatenate([layer_pattern[layer_entry], core_pattern[core_entry]]),
        )
        patterns = self.catalogue.patterns
        facts = [
            (trp.id, zone.kind, zone.label, zone.view)
            for e in (entries[i] for i in zones)
            for trp in (patterns[e.pattern].trigger_points[e.trigger_point],)
            for zone in (trp.zones[e.zone],)
        ]
        return arrays, facts

    def finish(self) -> PatternIndex:
        trp_ids = {
            (p, t): i for i, (p, t) in enumerate(dict.fromkeys(k[:2] for k in self.core_ids))
        }
        arrays: dict[str, ViewArrays] = {}
        zone_facts: dict[str, list[ZoneFacts]] = {}
        for view in self.entries:
            arrays[view], zone_facts[view] = self.view_arrays(view)
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
            zone_facts=zone_facts,
            core_area=np.array(self.core_area),
            core_trp=np.array([trp_ids[k[:2]] for k in self.core_ids], dtype=int),
            trp_pattern=np.array([p for p, _ in trp_ids], dtype=int),
            prior=np.array([p.muscle.prevalence.level.prior for p in self.catalogue.patterns]),
            pattern_muscle=np.array([muscles[p.muscle.id] for p in self.catalogue.patterns]),
        )


Key = Callable[[BaseGeometry], bytes]
"""What tells two shapes apart: their WKB."""

PART_SLACK = 1e-6
"""Square units (a millionth of a fingertip's thousand) by which the zones' areas may add
up to more than their union and still count as disjoint: rounding, not overlap."""


def disjoint_parts(
    whole: BaseGeometry,
    zones: Sequence[BaseGeometry],
    built: bool = False,
    key: Key = shapely.to_wkb,
) -> list[BaseGeometry] | None:
    """``zones`` (each once) when ``whole`` is their union and they do not overlap, so
    that an overlap with ``whole`` is the sum of the overlaps with them; else ``None``.
    ``built``: ``whole`` is known to be made of ``zones`` (as :mod:`bodymap.catalogue`
    makes layers and cores), so comparing areas is enough. ``key`` tells shapes apart
    (their WKB)."""
    distinct = _distinct(zones, key)
    if not distinct:
        return None
    area = sum(g.area for g in distinct)
    if abs(area - whole.area) > PART_SLACK:
        return None  # they overlap, or make up something else
    if not built and (
        shapely.symmetric_difference(shapely.union_all(distinct), whole).area > PART_SLACK
    ):
        return None  # they make up something else, of the same area
    return distinct


def signed_parts(
    whole: BaseGeometry,
    zones: Sequence[BaseGeometry],
    higher: Sequence[BaseGeometry] = (),
    built: bool = False,
    key: Key = shapely.to_wkb,
) -> list[tuple[BaseGeometry, int]] | None:
    """``whole``, the union of ``zones`` less the union of ``higher``, as a signed sum of
    shapes: each zone added, and taken away the lens where two zones overlap and where a
    zone meets a higher one. ``None`` when that sum is not ``whole``: no spot may lie in
    three zones, or in two zones and a higher one, and the higher zones must not overlap
    one another (then the sum would count it wrongly), and the areas must agree.
    ``built`` and ``key``: as for :func:`disjoint_parts`."""
    disjoint = disjoint_parts(whole, zones, built, key)
    if disjoint is not None:  # the zones make up the whole: no higher zone cut it
        return [(g, 1) for g in disjoint]
    own, above = _distinct(zones, key), _distinct(higher, key)
    if not own:
        return None
    own_lenses = _lenses(own, own, same=True)
    if len(_lenses(above, above, same=True)) or any(
        len(_lenses([lens], own, same=False)) > 2 for lens in own_lenses
    ):
        return None  # a spot in three zones, or higher zones that overlap
    cuts = _lenses(own, above, same=False)
    if _lenses(own_lenses, above, same=False):
        return None  # a spot in two zones and a higher one
    parts = [(g, 1) for g in own] + [(g, -1) for g in own_lenses + cuts]
    if abs(sum(sign * g.area for g, sign in parts) - whole.area) > PART_SLACK:
        return None
    if not built:
        made = shapely.union_all(own)
        if above:
            made = shapely.difference(made, shapely.union_all(above))
        if shapely.symmetric_difference(made, whole).area > PART_SLACK:
            return None
    return parts


def _distinct(shapes: Sequence[BaseGeometry], key: Key = shapely.to_wkb) -> list[BaseGeometry]:
    """Each shape once (``key``: what tells two apart)."""
    return list({key(g): g for g in shapes if not g.is_empty}.values())


def _lenses(a: Sequence[BaseGeometry], b: Sequence[BaseGeometry], same: bool) -> list[BaseGeometry]:
    """Where a shape of ``a`` overlaps one of ``b`` (``same``: ``a`` and ``b`` are one
    list, each pair once), leaving out overlaps of no more than :data:`PART_SLACK`."""
    out = []
    for i, g in enumerate(a):
        for h in b[i + 1 :] if same else b:
            if shapely.intersects(g, h):
                lens = polygonal(shapely.intersection(g, h), PART_SLACK)
                if lens.area > PART_SLACK:
                    out.append(lens)
    return out
