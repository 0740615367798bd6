"""The painted drawing, built mark by mark and kept in tiles.

Marks (:mod:`bodymap.marks`) are clipped to the body outline. The drawing keeps, per view,
the painted area and its split into intensities; painting over an area gives it the new
mark's intensity, as paint would, and the eraser removes every intensity. Each change is
overlaid only with the paint of the tiles it covers, and checked, since GEOS's floating
overlay can err (:func:`_overlay`, :func:`_paint_tile`).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import shapely
from shapely.geometry.base import BaseGeometry

from bodymap.atlas import Atlas
from bodymap.kinds import Intensity
from bodymap.marks import GRID, NOISE, Change, Mark, Piece, polygonal

_EMPTY = shapely.Polygon()

Levels = dict[Intensity, BaseGeometry]

TILE = 120.0
"""The drawing is kept in square tiles of this many view units (about 13 cm), so a mark
is overlaid only with the paint near it, however much has been painted."""

TileKey = tuple[int, int]


@dataclass(frozen=True)
class Tile:
    """The paint inside one tile: the whole painted area and its split by intensity."""

    area: BaseGeometry
    levels: Levels


_BARE = Tile(_EMPTY, {})


def tile_box(key: TileKey) -> BaseGeometry:
    i, j = key
    return shapely.box(i * TILE, j * TILE, (i + 1) * TILE, (j + 1) * TILE)


def _split_by_tile(shape: BaseGeometry) -> list[tuple[TileKey, BaseGeometry]]:
    """The parts of ``shape`` in each tile it covers."""
    minx, miny, maxx, maxy = shape.bounds
    keys = [
        (i, j)
        for i in range(math.floor(minx / TILE), math.floor(maxx / TILE) + 1)
        for j in range(math.floor(miny / TILE), math.floor(maxy / TILE) + 1)
    ]
    if len(keys) == 1:
        return [(keys[0], shape)]
    # No part is a speck to drop: the grid must not decide what a small mark paints.
    cut = [(k, _overlay(shapely.intersection, shape, tile_box(k))) for k in keys]
    return [(k, g) for k, g in cut if not g.is_empty]


class PainDrawing:
    """The painted area, built mark by mark; undo pops the last mark in O(1).

    Each view's paint is kept in tiles (:data:`TILE`), and each step keeps the tiles
    after it, so adding a mark overlays it only with the few tiles it covers: its cost
    depends on the size of the mark, not on how much has been painted. The whole painted
    area of a view (:attr:`areas`, :attr:`levels`) is put together only when asked for.
    """

    def __init__(self, atlas: Atlas, marks: Iterable[Mark] = ()) -> None:
        self.atlas = atlas
        self._changes: list[Change] = []
        self._tiles: list[dict[str, dict[TileKey, Tile]]] = [{}]
        self._view_area: list[dict[str, float]] = [{}]
        self._whole: tuple[dict[str, BaseGeometry], dict[str, Levels]] | None = None
        for mark in marks:
            self.add(mark)

    @property
    def marks(self) -> tuple[Mark, ...]:
        return tuple(c.mark for c in self._changes)

    @property
    def changes(self) -> tuple[Change, ...]:
        return tuple(self._changes)

    def tiles(self, view: str) -> Mapping[TileKey, Tile]:
        """The painted tiles of a view; a tile object is unchanged until paint in it
        changes, so a painter can cache what it draws per tile."""
        return self._tiles[-1].get(view, {})

    def _assembled(self) -> tuple[dict[str, BaseGeometry], dict[str, Levels]]:
        if self._whole is None:
            areas: dict[str, BaseGeometry] = {}
            levels: dict[str, Levels] = {}
            for view, tiles in self._tiles[-1].items():
                areas[view] = _join([t.area for t in tiles.values()])
                by_level: dict[Intensity, list[BaseGeometry]] = {}
                for t in tiles.values():
                    for level, g in t.levels.items():
                        by_level.setdefault(level, []).append(g)
                levels[view] = {level: _join(gs) for level, gs in by_level.items()}
            self._whole = (areas, levels)
        return self._whole

    @property
    def areas(self) -> Mapping[str, BaseGeometry]:
        """The painted area in each view that has any, clipped to the body."""
        return self._assembled()[0]

    @property
    def levels(self) -> Mapping[str, Mapping[Intensity, BaseGeometry]]:
        """Per view, the painted area of each intensity present (disjoint parts)."""
        return self._assembled()[1]

    def view_areas(self) -> Mapping[str, float]:
        """The painted area of each view that has any, without putting the tiles
        together."""
        return self._view_area[-1]

    def __len__(self) -> int:
        return len(self._changes)

    def is_empty(self) -> bool:
        return not self._tiles[-1]

    def total_area(self) -> float:
        return sum(self._view_area[-1].values())

    def _shape(self, mark: Mark) -> BaseGeometry:
        """The mark's area on the body."""
        outline = self.atlas.view(mark.view).outline
        shape = mark.geometry()
        if shapely.contains_properly(outline, shape):
            return shape  # wholly on the body: no clip
        return _overlay(shapely.intersection, shape, outline)

    def add(self, mark: Mark) -> Change | None:
        """Apply a mark and say what it changed; ``None`` (and nothing changes) if the
        mark lies wholly off the body."""
        shape = self._shape(mark)
        if shape.is_empty:
            return None
        before = self._tiles[-1].get(mark.view, {})
        after = dict(before)
        regions: list[BaseGeometry] = []
        pieces: list[Piece] = []
        area = self._view_area[-1].get(mark.view, 0.0)
        for key, part in _split_by_tile(shape):
            tile = before.get(key, _BARE)
            region, changed, moved = _paint_tile(tile, mark, part)
            if changed is tile:
                continue
            if not region.is_empty:
                regions.append(region)
            pieces.extend(moved)
            area += changed.area.area - tile.area.area
            if changed.area.is_empty:
                after.pop(key, None)
            else:
                after[key] = changed
        tiles = dict(self._tiles[-1])
        view_area = dict(self._view_area[-1])
        if after:
            tiles[mark.view] = after
            view_area[mark.view] = max(area, 0.0)
        else:
            tiles.pop(mark.view, None)
            view_area.pop(mark.view, None)
        region = _EMPTY if not regions else regions[0] if len(regions) == 1 else _collect(regions)
        change = Change(mark, region, mark.erase, tuple(pieces))
        self._whole = None
        self._changes.append(change)
        self._tiles.append(tiles)
        self._view_area.append(view_area)
        return change

    def pop(self) -> Change:
        """Undo the last mark; the change it had made is returned."""
        if not self._changes:
            raise IndexError("no mark to remove")
        self._whole = None
        self._tiles.pop()
        self._view_area.pop()
        return self._changes.pop()

    def clear(self) -> None:
        self._whole = None
        self._changes.clear()
        del self._tiles[1:]
        del self._view_area[1:]


def _overlay(
    op: Callable[..., BaseGeometry], *geometries: object, grid: float | None = None
) -> BaseGeometry:
    """``op(*geometries)`` in floating point, which is fast and nearly always right, or
    with snap rounding to ``grid``, which is slower and does not fail on valid input.

    In floating point GEOS can fail, by an error or, rarely, without one: an area inside
    another, sharing a tile's edge with it, was taken as lying beside it, so their union
    came back invalid and as large as both together, and their intersection as a line
    (``tests/data/geos-nested-union.wkt``, GEOS 3.14.1). So a floating result that is not
    valid, or a floating error, is overlaid again on the grid; what validity cannot see is
    left to the tile's checks (:func:`_paint_tile`)."""
    # Slivers are kept down to rounding noise: dropping a real one from an intensity but
    # not from the whole area (or from a change) would make the bookkeeping disagree.
    if grid is None:
        try:
            result = op(*geometries)
            if shapely.is_valid(result):
                return polygonal(result, NOISE)
        except shapely.errors.GEOSException:
            pass
        grid = GRID
    return polygonal(op(*geometries, grid_size=grid), NOISE)


def _collect(parts: list[BaseGeometry]) -> BaseGeometry:
    """Parts from different tiles as one geometry, without joining them (they meet only
    along tile edges, so their areas add up)."""
    return shapely.MultiPolygon([p for g in parts for p in shapely.get_parts(g)])


def _join(parts: list[BaseGeometry]) -> BaseGeometry:
    """Tiles' paint joined into one area (with the same overlay as the tiles were
    painted with, so the areas agree to rounding)."""
    return parts[0] if len(parts) == 1 else _overlay(shapely.union_all, parts)


Painted = tuple[BaseGeometry, Tile, tuple[Piece, ...]]
"""What a mark did to one tile: the region it changed, the tile after it, the pieces of
each intensity it moved."""


def _paint_tile(tile: Tile, mark: Mark, shape: BaseGeometry) -> Painted:
    """What ``mark`` (its ``shape`` in this tile) adds to or erases from the tile's
    painted area, the tile after it (``tile`` itself when nothing changed) and the
    pieces of each intensity it moved.

    Overlaid in floating point, then checked: the area after must be the area before
    plus (or, erasing, less) the region changed, the intensities must add up to it, and
    the pieces to the change. Should GEOS have erred in a way no single result shows
    (:func:`_overlay`), the whole tile is overlaid again on the grid."""
    painted = _paint_tile_on(tile, mark, shape, None)
    if _adds_up(tile, mark, painted):
        return painted
    return _paint_tile_on(tile, mark, shape, GRID)


def _adds_up(tile: Tile, mark: Mark, painted: Painted) -> bool:
    """Whether a tile's update is consistent: its area moved by the region changed, its
    intensities sum to its area, and its pieces to what the intensities moved. (A tile
    left as it was, as when GEOS takes an overlapping eraser for one beside the paint,
    is consistent: that erases nothing, and corrupts nothing.)"""
    region, after, pieces = painted
    if after is tile:
        return True
    before, now = tile.area.area, after.area.area
    moved = region.area if not mark.erase else -region.area
    slack = TILE_SLACK + 1e-9 * (before + now)
    by_level = sum(g.area for g in after.levels.values())
    by_piece = sum(p.sign * p.region.area for p in pieces)
    return bool(
        abs(now - before - moved) <= slack
        and abs(by_level - now) <= slack
        and abs(by_piece - (by_level - sum(g.area for g in tile.levels.values()))) <= slack
    )


TILE_SLACK = 1e-2
"""Square units by which a tile's sums may disagree (slivers of :data:`NOISE` dropped on
either side); an overlay that went wrong is off by a whole part of the paint."""


def _paint_tile_on(tile: Tile, mark: Mark, shape: BaseGeometry, grid: float | None) -> Painted:
    """:func:`_paint_tile`'s overlays, in floating point (``grid`` None) or on ``grid``."""
    current = tile.area
    if mark.erase:
        if current.is_empty:
            return _EMPTY, tile, ()
        region = _overlay(shapely.intersection, current, shape, grid=grid)
        if region.is_empty:
            return _EMPTY, tile, ()
        updated = _overlay(shapely.difference, current, shape, grid=grid)
    elif current.is_empty:
        region = updated = shape
    else:
        region = _overlay(shapely.difference, shape, current, grid=grid)
        updated = (
            _overlay(shapely.union, current, region, grid=grid) if not region.is_empty else current
        )
    levels, pieces = _repaint(tile.levels, mark, shape, region, updated, grid)
    if not pieces:
        return region, tile, ()
    return region, Tile(updated, levels), pieces


def _repaint(
    before: Levels,
    mark: Mark,
    shape: BaseGeometry,
    region: BaseGeometry,
    updated: BaseGeometry,
    grid: float | None = None,
) -> tuple[Levels, tuple[Piece, ...]]:
    """The intensities of one tile after ``mark``, and the pieces it moved.

    ``region`` and ``updated`` are the change to the tile's painted area and the area
    after it; when the tile holds a single intensity they are that intensity's change and
    area too, and no further overlay is needed (the common case).
    """
    own = None if mark.erase else mark.intensity
    others = [level for level in before if level is not own]
    if not others:  # nothing painted, or only in the mark's own intensity
        if region.is_empty:
            return before, ()
        if own is None:  # erasing the one intensity there is
            (level,) = before
            return ({level: updated} if not updated.is_empty else {}), (Piece(level, region, -1),)
        return {own: updated}, (Piece(own, region, 1),)
    after = dict(before)
    pieces = []
    for level in others:
        area = before[level]
        cut = _overlay(shapely.intersection, area, shape, grid=grid)
        if cut.is_empty:
            continue
        pieces.append(Piece(level, cut, -1))
        left = _overlay(shapely.difference, area, shape, grid=grid)
        if left.is_empty:
            del after[level]
        else:
            after[level] = left
    if own is not None:
        area = before.get(own, _EMPTY)
        added = _overlay(shapely.difference, shape, area, grid=grid)
        if not added.is_empty:
            pieces.append(Piece(own, added, 1))
            after[own] = _overlay(shapely.union, area, added, grid=grid)
    return after, tuple(pieces)
