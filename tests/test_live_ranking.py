"""The live ranking of a painting session equals ranking the drawing from scratch."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
import shapely

from bodymap import BodyMap, overlaps
from bodymap.candidate import Candidate
from bodymap.drawing import PainDrawing
from bodymap.kinds import Intensity
from bodymap.marks import Mark
from bodymap.overlaps import overlap_areas
from bodymap.ranking import LiveRanking
from tests.test_drawing import nested_pair

TOLERANCE = 1e-4  # the painted area is snapped to a 0.01-unit grid


def assert_same_ranking(live: list[Candidate], full: list[Candidate]) -> None:
    """Same candidates with the same scores; near-ties may swap places."""
    assert len(live) == len(full)
    for a, b in zip(live, full, strict=True):
        if (a.muscle, a.side) != (b.muscle, b.side):
            assert a.score == pytest.approx(b.score, abs=TOLERANCE)
    full_scores = {(c.muscle, c.side): (c.score, c.explained) for c in full}
    for c in live:
        if (c.muscle, c.side) in full_scores:
            score, explained = full_scores[(c.muscle, c.side)]
            assert c.score == pytest.approx(score, abs=TOLERANCE)
            assert c.explained == pytest.approx(explained, abs=TOLERANCE)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_live_ranking_matches_a_full_ranking_through_paint_erase_and_undo(
    bm: BodyMap, seed: int
) -> None:
    rng = random.Random(seed)
    view = bm.atlas.view("posterior")
    spots = list(view.landmarks.values())
    drawing = PainDrawing(bm.atlas)
    live = LiveRanking(bm.ranker)
    for step in range(60):
        if drawing.marks and rng.random() < 0.2:
            drawing.pop()
            live.revert()
        else:
            x, y = rng.choice(spots)
            points = [(x, y)] + [
                (x + rng.uniform(-40, 40), y + rng.uniform(-40, 40))
                for _ in range(rng.randint(0, 4))
            ]
            mark = Mark(
                "posterior",
                tuple(points),
                rng.choice((10.0, 18.0, 30.0)),
                erase=rng.random() < 0.25,
                intensity=rng.choice(list(Intensity)),
            )
            change = drawing.add(mark)
            assert change is not None
            live.apply(change)
        if step % 5 == 0:
            assert_same_ranking(live.rank(top=10), bm.rank_drawing(drawing, top=10))
    live.reset(drawing.changes)
    assert_same_ranking(live.rank(), bm.rank_drawing(drawing))


def test_marks_anywhere_in_the_frame_never_fail(bm: BodyMap) -> None:
    """Seeded fuzz over the whole frame: edges, hands, between the legs, off the body."""
    rng = random.Random(11)
    view = bm.atlas.view("posterior")
    drawing = PainDrawing(bm.atlas)
    live = LiveRanking(bm.ranker)
    for _ in range(400):
        x, y = rng.uniform(0, view.width), rng.uniform(0, view.height)
        points = [(x, y)] + [
            (x + rng.uniform(-60, 60), y + rng.uniform(-60, 60)) for _ in range(rng.randint(0, 3))
        ]
        change = drawing.add(
            Mark("posterior", tuple(points), rng.uniform(5, 40), erase=rng.random() < 0.3)
        )
        if change is not None:
            live.apply(change)
        area = drawing.areas.get("posterior")
        assert area is None or area.geom_type in ("Polygon", "MultiPolygon")
    assert_same_ranking(live.rank(total=drawing.total_area()), bm.ranker.rank(drawing.areas))


def test_measuring_in_idle_moments_changes_no_ranking_and_leaves_nothing_waiting(
    bm: BodyMap,
) -> None:
    """What the window does when the user pauses: ``settle_some`` measures what earlier
    strokes left waiting, a few shapes at a time. The ranking stays the same throughout,
    nothing waits at the end, and undo afterwards still ranks as a full recompute."""
    rng = random.Random(9)
    drawing = PainDrawing(bm.atlas)
    live = LiveRanking(bm.ranker)
    for view_name in ("posterior", "anterior", "right-lateral"):
        spots = list(bm.atlas.view(view_name).landmarks.values())
        for _ in range(12):
            x, y = rng.choice(spots)
            points = ((x, y), (x + rng.uniform(-40, 40), y + rng.uniform(-40, 40)))
            change = drawing.add(Mark(view_name, points, 28.0, erase=rng.random() < 0.2))
            if change is not None:
                live.apply(change)
                live.rank(top=3, total=drawing.total_area())
    assert live.waiting  # ranking the first three left other muscles unmeasured
    shown = live.rank(top=15, total=drawing.total_area())
    rounds = 0
    while live.settle_some(shapes=8):
        rounds += 1
        assert_same_ranking(live.rank(top=15, total=drawing.total_area()), shown)
    assert rounds > 1 and not live.waiting
    for _ in range(10):
        drawing.pop()
        live.revert()
    assert_same_ranking(live.rank(total=drawing.total_area()), bm.rank_drawing(drawing))


@pytest.mark.parametrize(("pair", "overlap"), [(0, 1836.3359), (1, 1056.3409)])
def test_an_overlap_geos_loses_in_floating_point_is_measured_all_the_same(
    bm: BodyMap, pair: int, overlap: float
) -> None:
    """Paint and a zone that share stretches of the body outline (from a ten-minute soak,
    right side view): GEOS 3.14.1's floating-point overlay returns a line for the first
    pair, and a polygon with 294 of the 1056 square units for the second. The measure
    overlays such pairs again with snap rounding, so the live ranking and the full
    recompute both count what the paint covers."""
    from bodymap.marks import Piece
    from bodymap.overlaps import Overlaps
    from bodymap.ranking_index import build_index

    path = Path(__file__).with_name("data") / "geos-lost-overlap.wkt"
    lines = [line for line in path.read_text().split("\n") if line]
    paint, zone = (shapely.from_wkt(line) for line in lines[2 * pair : 2 * pair + 2])
    assert shapely.relate_pattern(paint, zone, "T********")  # their interiors meet
    index = build_index(bm.catalogue)
    view = "right-lateral"
    near = index.trees[view].query(zone)
    shape = near[shapely.equals(index.geoms[view][near], zone)]
    assert len(shape) == 1  # the zone is one of the indexed shapes
    measure = Overlaps(index)
    measure.add(view, [Piece(Intensity.MODERATE, paint, 1)])
    measure.settle(view, shape)
    assert measure.views[view].area[shape[0]] == pytest.approx(overlap, abs=1e-3)


def test_a_view_whose_marks_are_all_undone_is_left_out_and_counts_exactly_nothing(
    bm: BodyMap,
) -> None:
    drawing = PainDrawing(bm.atlas)
    live = LiveRanking(bm.ranker)
    for mark in bm.marks(["posterior:right-psis", "anterior:right-asis", "anterior:umbilicus"]):
        change = drawing.add(mark)
        assert change is not None
        live.apply(change)
    measure = live._measure
    assert {view for view, _ in measure.painted()} == {"posterior", "anterior"}
    live.rank(15, total=drawing.total_area())  # measures what the list needs
    for _ in range(2):  # both front marks undone
        drawing.pop()
        live.revert()
    assert [view for view, _ in measure.painted()] == ["posterior"]
    front = measure.views["anterior"]
    assert not front.area.any() and not front.weighted.any() and not front.waiting.any()
    assert_same_ranking(
        live.rank(15, total=drawing.total_area()),
        bm.ranker.rank(drawing.areas, 15, intensities=drawing.levels),
    )


def test_an_overlap_geos_misplaces_or_fails_on_is_measured_on_the_grid() -> None:
    outer, inner = nested_pair()
    assert shapely.intersection(outer, inner).area == 0.0  # GEOS, in floating point
    areas = overlap_areas(np.array([outer, outer]), np.array([inner, shapely.box(0, 0, 1, 1)]))
    assert areas[0] == pytest.approx(inner.area, abs=1e-3)
    assert areas[1] == 0.0
    # A pair GEOS raises on (here an invalid one) does not take the series down with it.
    bowtie = shapely.from_wkt("POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))")
    square = shapely.box(2, 2, 8, 8)
    done = overlaps._floating(np.array([bowtie, square]), np.array([square, square]))
    assert done[0] is None and done[1].area == pytest.approx(36.0)
