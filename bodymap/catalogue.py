"""The muscle catalogue: trigger points, their referred-pain zones, knowledge cards.

Region files describe the person's right side; a :class:`Pattern` is one muscle's zones
placed on the ``right``, mirrored to the ``left``, or on ``both`` sides at once (which is
all a muscle has when its pattern crosses the midline, like the lower rectus abdominis
band). Patterns are what the ranking scores and what the window draws.

This is the model; :mod:`bodymap.catalogue_loader` reads it from the region files.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import shapely
from shapely.geometry.base import BaseGeometry

from bodymap.atlas import XY, Atlas
from bodymap.errors import did_you_mean
from bodymap.ids import Side
from bodymap.kinds import PrevalenceLevel, ZoneKind


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    url: str


@dataclass(frozen=True)
class Zone:
    kind: ZoneKind
    view: str
    label: str
    geometry: BaseGeometry
    sources: tuple[str, ...]

    @property
    def weight(self) -> float:
        return self.kind.weight


@dataclass(frozen=True)
class TriggerPoint:
    id: str
    name: str
    location: str
    sites: Mapping[str, XY]
    zones: tuple[Zone, ...]
    crosses_midline: bool = False


@dataclass(frozen=True)
class Card:
    summary: str
    trigger_points: str
    referral: str
    symptoms: tuple[str, ...]
    aggravating: tuple[str, ...]
    check_also: tuple[str, ...]
    similar_patterns: tuple[str, ...]
    mistaken_for: tuple[str, ...]
    self_care: tuple[str, ...]
    red_flags: tuple[str, ...]


@dataclass(frozen=True)
class Prevalence:
    """How often the muscle is the source of pain in its region, and who says so."""

    level: PrevalenceLevel
    note: str
    sources: tuple[str, ...]


FACTORS: Mapping[tuple[str, str], tuple[float, float]] = {
    ("favours", "strong"): (2.0, 0.6),
    ("favours", "moderate"): (1.5, 0.8),
    ("against", "strong"): (0.5, 1.25),
    ("against", "moderate"): (0.75, 1.1),
}
"""The odds factor of a (yes, no) answer, by the link's effect and strength."""


@dataclass(frozen=True)
class AnswerLink:
    """What a yes to ``question`` says about one muscle (from its region file)."""

    question: str
    effect: str  # favours | against
    strength: str  # strong | moderate
    sources: tuple[str, ...]
    note: str | None = None

    def factor(self, reply: str) -> float:
        yes, no = FACTORS[(self.effect, self.strength)]
        return yes if reply == "yes" else no


@dataclass(frozen=True)
class Muscle:
    id: str
    name: str
    region: str
    trigger_points: tuple[TriggerPoint, ...]
    card: Card
    sources: Mapping[str, Source]
    path: Path
    prevalence: Prevalence
    answers: tuple[AnswerLink, ...] = ()
    """Which symptom answers favour it or argue against it (:mod:`bodymap.answers`)."""

    @property
    def views(self) -> tuple[str, ...]:
        seen = dict.fromkeys(z.view for t in self.trigger_points for z in t.zones)
        return tuple(seen)


@dataclass(frozen=True)
class Layers:
    """One pattern's zones in one view, split into disjoint layers of equal weight.

    A spot covered by several zones counts once at the highest weight: ``spillover`` is
    spillover minus essential, ``rare`` is rare minus both.
    """

    essential: BaseGeometry
    spillover: BaseGeometry
    rare: BaseGeometry

    def by_kind(self) -> Iterator[tuple[ZoneKind, BaseGeometry]]:
        yield ZoneKind.ESSENTIAL, self.essential
        yield ZoneKind.SPILLOVER, self.spillover
        yield ZoneKind.RARE, self.rare


@dataclass(frozen=True, eq=False)
class Pattern:
    """A muscle's referred-pain pattern on one side of the body (compared by identity)."""

    muscle: Muscle
    side: Side
    trigger_points: tuple[TriggerPoint, ...]
    layers: Mapping[str, Layers] = field(repr=False)

    @property
    def key(self) -> tuple[str, Side]:
        return (self.muscle.id, self.side)

    @cached_property
    def trigger_point_ids(self) -> tuple[str, ...]:
        """Each trigger point once, in file order (a ``both`` pattern holds each twice)."""
        return tuple(dict.fromkeys(t.id for t in self.trigger_points))

    def only(self, trigger_point: str) -> Pattern:
        """The part of this pattern that one trigger point refers (on both sides for a
        ``both`` pattern), to show the trigger points one at a time."""
        cache: dict[str, Pattern] = self.__dict__.setdefault("_only", {})
        if trigger_point not in cache:
            chosen = tuple(t for t in self.trigger_points if t.id == trigger_point)
            if not chosen:
                raise KeyError(
                    f"{self.muscle.id} has no trigger point '{trigger_point}'"
                    f"{did_you_mean(trigger_point, self.trigger_point_ids)}"
                )
            cache[trigger_point] = Pattern(self.muscle, self.side, chosen, _layers(chosen))
        return cache[trigger_point]

    @cached_property
    def cores(self) -> tuple[tuple[int, str, BaseGeometry], ...]:
        """(trigger point index, view, essential area) of each trigger point, per view."""
        out = []
        for i, trp in enumerate(self.trigger_points):
            by_view: dict[str, list[BaseGeometry]] = {}
            for z in trp.zones:
                if z.kind is ZoneKind.ESSENTIAL:
                    by_view.setdefault(z.view, []).append(z.geometry)
            for view, geoms in by_view.items():
                core = shapely.union_all(geoms)
                shapely.prepare(core)
                out.append((i, view, core))
        return tuple(out)


class Catalogue:
    """Every muscle, and every muscle's pattern on each side it has one."""

    def __init__(self, muscles: Iterable[Muscle], atlas: Atlas) -> None:
        self.atlas = atlas
        self._muscles = {m.id: m for m in sorted(muscles, key=lambda m: m.name.lower())}
        self.patterns: tuple[Pattern, ...] = tuple(
            p for m in self._muscles.values() for p in _patterns_of(m, atlas)
        )
        self._by_key = {p.key: p for p in self.patterns}

    def __iter__(self) -> Iterator[Muscle]:
        return iter(self._muscles.values())

    def __len__(self) -> int:
        return len(self._muscles)

    def __contains__(self, muscle_id: object) -> bool:
        return muscle_id in self._muscles

    def muscle(self, muscle_id: str) -> Muscle:
        try:
            return self._muscles[muscle_id]
        except KeyError:
            raise KeyError(
                f"unknown muscle '{muscle_id}'{did_you_mean(muscle_id, self._muscles)}"
            ) from None

    def pattern(self, muscle_id: str, side: Side) -> Pattern:
        """The pattern of a muscle on a side; a midline-only muscle has just ``both``."""
        for key in ((muscle_id, side), (muscle_id, "both"), (muscle_id, "right")):
            if key in self._by_key:
                return self._by_key[key]
        raise KeyError(f"unknown muscle '{muscle_id}'{did_you_mean(muscle_id, self._muscles)}")

    def patterns_of(self, muscle_id: str) -> tuple[Pattern, ...]:
        return tuple(p for p in self.patterns if p.muscle.id == muscle_id)


def _mirror_trigger_point(trp: TriggerPoint, atlas: Atlas) -> TriggerPoint:
    sites = dict(atlas.mirror_point(view, xy) for view, xy in trp.sites.items())
    zones = []
    for z in trp.zones:
        view, geom = atlas.mirror(z.view, z.geometry)
        zones.append(Zone(z.kind, view, z.label, geom, z.sources))
    return TriggerPoint(trp.id, trp.name, trp.location, sites, tuple(zones), trp.crosses_midline)


def _layers(trigger_points: Sequence[TriggerPoint]) -> dict[str, Layers]:
    by_view: dict[str, dict[ZoneKind, list[BaseGeometry]]] = {}
    for trp in trigger_points:
        for z in trp.zones:
            by_view.setdefault(z.view, {k: [] for k in ZoneKind})[z.kind].append(z.geometry)
    out = {}
    for view, kinds in by_view.items():
        essential = shapely.union_all(kinds[ZoneKind.ESSENTIAL])
        spill = shapely.union_all(kinds[ZoneKind.SPILLOVER]).difference(essential)
        rare = shapely.union_all(kinds[ZoneKind.RARE]).difference(essential).difference(spill)
        layers = Layers(essential, spill, rare)
        for _, g in layers.by_kind():
            shapely.prepare(g)
        out[view] = layers
    return out


def _patterns_of(muscle: Muscle, atlas: Atlas) -> Iterator[Pattern]:
    """Right, left (mirrored) and both sides together; a muscle whose trigger points all
    cross the midline has only the one ``both`` pattern."""
    sided = tuple(t for t in muscle.trigger_points if not t.crosses_midline)
    crossing = tuple(t for t in muscle.trigger_points if t.crosses_midline)
    if not sided:
        yield Pattern(muscle, "both", crossing, _layers(crossing))
        return
    right = sided + crossing
    left = tuple(_mirror_trigger_point(t, atlas) for t in sided) + crossing
    yield Pattern(muscle, "right", right, _layers(right))
    yield Pattern(muscle, "left", left, _layers(left))
    both = sided + left
    yield Pattern(muscle, "both", both, _layers(both))
