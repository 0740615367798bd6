"""The tiled drawing holds exactly the paint that plain shapely overlays of every mark give."""

from __future__ import annotations

import random

import pytest
import shapely
from shapely.geometry.base import BaseGeometry

from bodymap import BodyMap
from bodymap.atlas import Atlas
from bodymap.kinds import Intensity
from bodymap.marks import TILE, Mark, PainDrawing, tile_box

EMPTY = shapely.Polygon()


def plain_levels(atlas: Atlas, marks: list[Mark]) -> dict[str, dict[Intensity, BaseGeometry]]:
    """Every mark overlaid on the whole drawing, one after the other, as simply as it
    can be said: paint takes its area from the other intensities, the eraser from all."""
    levels: dict[str, dict[Intensity, BaseGeometry]] = {}
    for mark in marks:
        shape = mark.geometry().intersection(atlas.view(mark.view).outline)
        view = levels.setdefault(mark.view, {})
        for level in list(view):
            view[level] = view[level].difference(shape)
        if not mark.erase:
            view[mark.intensity] = view.get(mark.intensity, EMPTY).union(shape)
    return levels


def random_mark(rng: random.Random, bm: BodyMap) -> Mark:
    view = bm.atlas.view(rng.choice(bm.atlas.names))
    x, y = rng.choice(list(view.landmarks.values()))
    points = [(x, y)]
    for _ in range(rng.choice((0, 3, 12))):  # clicks, short and long strokes
        x, y = x + rng.uniform(-45, 45), y + rng.uniform(-45, 45)
        points.append((x, y))
    return Mark(
        view.name,
        tuple(points),
        rng.choice((6.0, 18.0, 45.0)),
        erase=rng.random() < 0.25,
        intensity=rng.choice(list(Intensity)),
    )


def assert_same_paint(
    drawing: PainDrawing, expected: dict[str, dict[Intensity, BaseGeometry]]
) -> None:
    """Equal but for specks: parts under half a square unit are dropped (a mark's corner
    in a tile, a sliver between two strokes), so allow a few, or 1/5000 of the paint."""
    for view in set(expected) | set(drawing.levels):
        want = {k: g for k, g in expected.get(view, {}).items() if g.area > 0.5}
        got = drawing.levels.get(view, {})
        for level in set(want) | set(got):
            a, b = got.get(level, EMPTY), want.get(level, EMPTY)
            assert a.symmetric_difference(b).area < max(3.0, b.area / 5000), (view, level)
        whole = shapely.union_all(list(want.values())) if want else EMPTY
        slack = max(3.0, whole.area / 5000)
        assert drawing.view_areas().get(view, 0.0) == pytest.approx(whole.area, abs=slack)
        assert drawing.areas.get(view, EMPTY).symmetric_difference(whole).area < slack


@pytest.mark.parametrize("seed", range(4))
def test_paint_erase_and_undo_match_plain_overlays(bm: BodyMap, seed: int) -> None:
    rng = random.Random(seed)
    drawing = PainDrawing(bm.atlas)
    marks: list[Mark] = []
    for step in range(50):
        if marks and rng.random() < 0.2:
            drawing.pop()
            marks.pop()
        else:
            mark = random_mark(rng, bm)
            if drawing.add(mark) is not None:
                marks.append(mark)
        if step % 10 == 9:
            assert_same_paint(drawing, plain_levels(bm.atlas, marks))
    assert_same_paint(drawing, plain_levels(bm.atlas, marks))


def test_each_tile_holds_only_its_own_square(bm: BodyMap) -> None:
    rng = random.Random(5)
    drawing = PainDrawing(bm.atlas, [random_mark(rng, bm) for _ in range(40)])
    for view in bm.atlas.names:
        for key, tile in drawing.tiles(view).items():
            box = tile_box(key).buffer(1e-6)
            assert box.contains(tile.area)
            assert tile.area.area == pytest.approx(
                sum(g.area for g in tile.levels.values()), abs=0.5
            )


def test_a_stroke_changes_only_the_tiles_it_covers(bm: BodyMap) -> None:
    drawing = PainDrawing(bm.atlas)
    view = bm.atlas.view("posterior")
    x, y = view.landmark("right-psis")
    drawing.add(Mark("posterior", ((x, y + 300),), 18.0))
    far = dict(drawing.tiles("posterior"))
    drawing.add(Mark("posterior", ((x - 30, y), (x + 30, y)), 18.0))
    tiles = drawing.tiles("posterior")
    assert all(tiles[key] is tile for key, tile in far.items())  # untouched, not copied
    assert len(tiles) > len(far)
    assert TILE > 2 * 18.0  # a fingertip click touches at most four tiles
