"""Properties of the ranking over random drawings (hypothesis).

Drawings are random, and deliberately awkward: clicks, strokes, zero-length strokes (one
point repeated), strokes that cross themselves, strokes of thousands of points, strokes
along the body outline, marks off the body, on every view, erasures, every intensity
and brush sizes from the smallest to a palm's. For all of them:

* ranking never raises, and every score, explained share, core fill and core coverage is
  a number in [0, 1]; each muscle is listed once, best first;
* the mirror image of the pain ranks as the mirror image of the ranking: the same
  muscles with left and right swapped and the same scores;
* painting the mirrored marks paints the mirror image of the pain, but for the slivers
  where the body outline itself is not symmetric (see ``OUTLINE_ASYMMETRY``) and specks
  the drawing drops; so the whole pipeline, marks to ranking, mirrors exactly where the
  paint does, and otherwise to within what the paint that differs can move;
* erasing every painted view whole leaves no pain and an empty ranking;
* the live ranking, kept up to date mark by mark through strokes, erasures and undos,
  equals a full recompute, and so does the plain baseline ranker with no spatial index;
* a stroke paints everything its brush passes over.

Three properties fail on the engine today and are marked ``xfail(strict=True)`` with a
minimal reproduction each: a closed stroke that crosses itself loses paint; a mark's
part under MIN_AREA in a tile is dropped (so paint depends on the tile grid); and paint
of one intensity left in such specks is in no change's pieces (so the live ranking can
differ from a recompute by what they miss, which the live test allows for).

Each test is derandomized (the same examples on every run) and keeps no database.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import pytest
import shapely
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from shapely.geometry.base import BaseGeometry

from bodymap import BodyMap
from bodymap.candidate import Candidate
from bodymap.drawing import PainDrawing
from bodymap.ids import MIRROR_VIEW
from bodymap.kinds import Intensity
from bodymap.marks import MAX_RADIUS, MIN_AREA, MIN_RADIUS, QUAD_SEGS, SIMPLIFY, Mark
from bodymap.ranking import LiveRanking, Ranker

BM = BodyMap.load()
ATLAS = BM.atlas
VIEWS = ATLAS.names
BASELINE = Ranker(BM.catalogue, indexed=False)
SWAP = {"left": "right", "right": "left", "both": "both"}
TOLERANCE = 1e-6

SETTINGS: dict[str, Any] = {
    "deadline": None,
    "derandomize": True,
    "database": None,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
}


def _outline_asymmetry(view: str) -> BaseGeometry:
    """Where a view's outline and the mirror image of its mirror view's outline differ."""
    target, mirrored = ATLAS.mirror(MIRROR_VIEW[view], ATLAS.view(MIRROR_VIEW[view]).outline)
    assert target == view
    return mirrored.symmetric_difference(ATLAS.view(view).outline)


OUTLINE_ASYMMETRY = {view: _outline_asymmetry(view) for view in VIEWS}
"""The back and front outline is symmetric about x = 380 only to within 0.061 units (its
SVG path is written to 0.1 unit): 16 square units of 354,813 differ, most of it along the
hands and forearms. The side views are exact mirrors of each other."""


# ----- strategies ----------------------------------------------------------------------


def _on_outline(view: str, t: float) -> tuple[float, float]:
    # The outline's boundary (both soles' outlines for the plantar view, end to end).
    p = ATLAS.view(view).outline.boundary.interpolate(t, normalized=True)
    return float(p.x), float(p.y)


@st.composite
def anchors(draw: st.DrawFn, view: str) -> tuple[float, float]:
    """A landmark, a point on the outline, or anywhere in (and a little off) the frame."""
    v = ATLAS.view(view)
    where = draw(st.sampled_from(["landmark", "landmark", "outline", "frame"]))
    if where == "landmark":
        return v.landmark(draw(st.sampled_from(sorted(v.landmarks))))
    if where == "outline":
        return _on_outline(view, draw(st.floats(0, 1)))
    return (
        draw(st.floats(-40, v.width + 40, allow_nan=False)),
        draw(st.floats(-40, v.height + 40, allow_nan=False)),
    )


def _clamp(points: Sequence[tuple[float, float]]) -> tuple[tuple[float, float], ...]:
    return tuple((min(max(x, -1e4), 1e4), min(max(y, -1e4), 1e4)) for x, y in points)


SHAPES = ("click", "stroke", "zero-length", "crossing", "long", "along outline")


@st.composite
def marks(
    draw: st.DrawFn,
    views: Sequence[str] = VIEWS,
    erase: bool | None = None,
    anchor: Callable[[str], st.SearchStrategy[tuple[float, float]]] = anchors,
    shapes: Sequence[str] = SHAPES,
) -> Mark:
    view = draw(st.sampled_from(list(views)))
    x, y = draw(anchor(view))
    shape = draw(st.sampled_from(list(shapes)))
    if shape == "click":
        points: Sequence[tuple[float, float]] = [(x, y)]
    elif shape == "stroke":
        steps = draw(st.lists(st.tuples(st.floats(-60, 60), st.floats(-60, 60)), max_size=10))
        points = [(x, y)]
        for dx, dy in steps:
            points.append((points[-1][0] + dx, points[-1][1] + dy))
    elif shape == "zero-length":
        points = [(x, y)] * draw(st.integers(2, 5))
    elif shape == "crossing":  # a figure of eight, gone round up to three times
        size = draw(st.floats(3, 80))
        n = draw(st.integers(8, 90))
        turns = draw(st.integers(1, 3))
        closed = draw(st.booleans())  # ending exactly where it began, or a step short
        points = [
            (
                x + size * math.sin(2 * math.tau * turns * i / n),
                y + size * math.sin(math.tau * turns * i / n),
            )
            for i in range(n + 1 if closed else n)
        ]
        if closed:
            points[-1] = points[0]
    elif shape == "long":  # thousands of points, as a slow drag records them
        n = draw(st.integers(1000, 4000))
        dx, dy = draw(st.floats(-300, 300)), draw(st.floats(-400, 400))
        wave = draw(st.floats(0, 40))
        points = [
            (x + dx * i / n + wave * math.sin(i / 37), y + dy * i / n + wave * math.cos(i / 53))
            for i in range(n + 1)
        ]
    else:  # along the outline, both ways round
        t = draw(st.floats(0, 1))
        span = draw(st.floats(-0.05, 0.05))
        n = draw(st.integers(2, 200))
        points = [_on_outline(view, (t + span * i / n) % 1.0) for i in range(n + 1)]
    radius = draw(
        st.one_of(
            st.sampled_from([MIN_RADIUS, 2.0, 10.0, 18.0, 30.0, 60.0]),
            st.floats(MIN_RADIUS, 80.0),
        )
    )
    rubs_out = draw(st.sampled_from([False, False, False, True])) if erase is None else erase
    return Mark(view, _clamp(points), radius, rubs_out, draw(st.sampled_from(list(Intensity))))


drawings = st.lists(marks(), min_size=1, max_size=8)


@st.composite
def inside(draw: st.DrawFn, view: str) -> tuple[float, float]:
    v = ATLAS.view(view)
    return v.landmark(draw(st.sampled_from(sorted(v.landmarks))))


def well_inside(mark: Mark) -> bool:
    """The mark lies a unit or more inside the outline."""
    return bool(mark.geometry().within(ATLAS.view(mark.view).outline.buffer(-1.0)))


def _small_click(view: str) -> st.SearchStrategy[Mark]:
    """A fingertip or smaller at a landmark: one that fits even on a sole."""
    return st.builds(
        lambda xy, r, level: Mark(view, (xy,), r, False, level),
        inside(view),
        st.floats(1.0, 4.0),
        st.sampled_from(list(Intensity)),
    )


every_view = st.tuples(
    *(
        # A small click at a landmark fits on every view (a sole, a fingertip); half the
        # time a whole mark is drawn instead, and kept when it lies well inside.
        st.one_of(_small_click(v), marks(views=[v], erase=False, anchor=inside)).filter(
            lambda m: well_inside(m) and m.radius >= 1.0
        )
        for v in VIEWS
    )
).flatmap(lambda first: st.lists(marks(), max_size=4).map(lambda more: [*first, *more]))


# ----- helpers -------------------------------------------------------------------------


def closed_loop(mark: Mark) -> bool:
    """A stroke that ends exactly where it began, round at least a triangle."""
    return len(mark.points) > 3 and mark.points[0] == mark.points[-1] and len(set(mark.points)) > 2


def no_closed_loop(marks: list[Mark]) -> bool:
    return not any(closed_loop(m) for m in marks)


def key(c: Candidate, swap: bool = False) -> tuple[str, str]:
    return c.muscle, SWAP[c.side] if swap else c.side


def assert_same_ranking(
    got: Sequence[Candidate], want: Sequence[Candidate], swap: bool = False, what: str = ""
) -> None:
    """Same muscles and sides (left and right swapped if ``swap``), in the same order,
    with the same figures to within TOLERANCE."""
    assert [key(c) for c in got] == [key(c, swap) for c in want], what
    for a, b in zip(got, want, strict=True):
        for name in ("score", "explained", "core_fill", "core_coverage"):
            assert getattr(a, name) == pytest.approx(getattr(b, name), abs=TOLERANCE), (
                what,
                key(a),
                name,
            )


def mirror_mark(mark: Mark) -> Mark:
    points = []
    target = mark.view
    for xy in mark.points:
        target, p = ATLAS.mirror_point(mark.view, xy)
        points.append(p)
    return Mark(target, tuple(points), mark.radius, mark.erase, mark.intensity)


def mirror_levels(
    levels: Mapping[str, Mapping[Intensity, BaseGeometry]],
) -> dict[str, dict[Intensity, BaseGeometry]]:
    out: dict[str, dict[Intensity, BaseGeometry]] = {}
    for view, by_level in levels.items():
        for level, geometry in by_level.items():
            target, mirrored = ATLAS.mirror(view, geometry)
            out.setdefault(target, {})[level] = mirrored
    return out


def whole(levels: Mapping[Intensity, BaseGeometry]) -> BaseGeometry:
    return shapely.union_all(list(levels.values())) if levels else shapely.Polygon()


def rank_levels(levels: Mapping[str, Mapping[Intensity, BaseGeometry]]) -> list[Candidate]:
    areas = {view: whole(by_level) for view, by_level in levels.items()}
    return BM.ranker.rank(areas, intensities=levels)


# ----- the properties ------------------------------------------------------------------


def check_well_formed(drawing: PainDrawing) -> list[Candidate]:
    ranking = BM.rank_drawing(drawing)
    for c in ranking:
        for name in ("score", "explained", "core_fill", "core_coverage"):
            value = getattr(c, name)
            assert math.isfinite(value) and 0.0 <= value <= 1.0, (c.muscle, c.side, name, value)
        assert c.score <= c.explained + 1e-12  # a pattern must explain the pain to score
        assert c.plain_reason and c.reason
    assert len({c.muscle for c in ranking}) == len(ranking), "a muscle listed twice"
    scores = [round(c.score, 9) for c in ranking]
    assert scores == sorted(scores, reverse=True), "not best first"
    assert BM.rank_drawing(drawing, top=3) == ranking[:3]
    if drawing.is_empty():
        assert ranking == []
    BM.notes(drawing, ranking)
    BM.red_flags(drawing)
    return ranking


@settings(max_examples=60, **SETTINGS)
@given(drawings)
def test_any_drawing_ranks_with_figures_between_0_and_1(marks: list[Mark]) -> None:
    drawing, dropped = BM.drawing(marks)
    assert len(drawing) + len(dropped) == len(marks)
    check_well_formed(drawing)


@settings(max_examples=20, **SETTINGS)
@given(every_view)
def test_marks_on_every_view_rank_together(marks: list[Mark]) -> None:
    """A mark on each view (then a few anywhere): every view is painted, and the one
    ranking draws on them all, each candidate's zones on views that hold pain."""
    first, _ = BM.drawing(marks[: len(VIEWS)])
    assert set(first.areas) == set(VIEWS)
    drawing, _ = BM.drawing(marks)
    ranking = check_well_formed(drawing)
    for c in ranking:
        assert {m.view for m in c.matches} <= set(drawing.areas), c.muscle


@settings(max_examples=40, **SETTINGS)
@given(drawings)
def test_the_mirror_image_of_the_pain_ranks_as_the_mirror_image(marks: list[Mark]) -> None:
    """The pain itself mirrored (no re-painting): exact, outline or not. This is what
    the catalogue's mirrored patterns promise."""
    drawing, _ = BM.drawing(marks)
    ranking = rank_levels(drawing.levels)
    mirrored = rank_levels(mirror_levels(drawing.levels))
    assert_same_ranking(mirrored, ranking, swap=True, what="mirrored pain")


def _tiles(mark: Mark) -> int:
    from bodymap.drawing import TILE

    minx, miny, maxx, maxy = mark.geometry().bounds
    nx = math.floor(maxx / TILE) - math.floor(minx / TILE) + 1
    ny = math.floor(maxy / TILE) - math.floor(miny / TILE) + 1
    return nx * ny  # type: ignore[no-any-return]  # shapely is untyped (bounds)


@settings(max_examples=40, **SETTINGS)
@given(drawings.filter(no_closed_loop))
def test_mirrored_marks_paint_the_mirror_image(marks: list[Mark]) -> None:
    """Painting the mirrored marks gives the mirrored pain, except (a) within a hair of
    where the outline itself is not symmetric and (b) specks under MIN_AREA that the
    drawing drops, which depend on where its tiles fall: at most MIN_AREA per tile a
    mark touches, in either drawing. (Closed loops are left out here: they lose paint,
    which way round depending on their direction, see
    test_a_stroke_paints_all_its_brush_covers.)"""
    drawing, _ = BM.drawing(marks)
    twin, _ = BM.drawing([mirror_mark(m) for m in marks])
    expected = mirror_levels(drawing.levels)
    specks = MIN_AREA * sum(_tiles(m) + _tiles(mirror_mark(m)) for m in marks)
    stray = 0.0
    for view in set(expected) | set(twin.levels):
        sliver = OUTLINE_ASYMMETRY[view].buffer(0.05)
        got, want = twin.levels.get(view, {}), expected.get(view, {})
        for level in set(got) | set(want):
            a = got.get(level, shapely.Polygon())
            b = want.get(level, shapely.Polygon())
            stray += a.symmetric_difference(b).difference(sliver).area
    assert stray <= specks + 1e-6, f"{stray:.3f} square units differ (specks allow {specks})"


def paint_difference(drawing: PainDrawing, twin: PainDrawing) -> float:
    """How much of the mirrored marks' paint differs from the mirror image of the paint,
    by intensity, in square units."""
    expected = mirror_levels(drawing.levels)
    differ = 0.0
    for view in set(expected) | set(twin.levels):
        got, want = twin.levels.get(view, {}), expected.get(view, {})
        for level in set(got) | set(want):
            a = got.get(level, shapely.Polygon())
            differ += a.symmetric_difference(want.get(level, shapely.Polygon())).area
    return differ


SENSITIVITY = 10.0
"""How far a score may move, per share of the pain that changes. The score is a product
of shares of the painted area (and a square root of one); painting δ square units
differently out of P moves it by about δ/P (the worst seen is 0.9 δ/P); allow ten times."""


def assert_close_ranking(
    got: Sequence[Candidate], want: Sequence[Candidate], tolerance: float, swap: bool = True
) -> None:
    """``got`` is ``want`` (mirrored if ``swap``), but for candidates within ``tolerance``
    of nothing and near-ties that may swap places."""
    theirs = {key(c, swap): c for c in want}
    ours = {key(c): c for c in got}
    for k in set(theirs) | set(ours):
        a, b = ours.get(k), theirs.get(k)
        score_a, score_b = (a.score if a else 0.0), (b.score if b else 0.0)
        assert score_a == pytest.approx(score_b, abs=tolerance), (k, score_a, score_b, tolerance)
        if a and b:
            assert a.explained == pytest.approx(b.explained, abs=tolerance), k
    order = [key(c, swap) for c in want if key(c, swap) in ours]
    for earlier, later in itertools.pairwise(order):
        gap = ours[later].score - ours[earlier].score
        assert gap <= 2 * tolerance, f"{later} ranks above {earlier} by {gap}"


@settings(max_examples=40, **SETTINGS)
@given(drawings.filter(no_closed_loop))
@example([Mark("anterior", ((380.0, 502.0), (381.0, 502.0)), 30.0, intensity=Intensity.MILD)])
def test_mirrored_marks_rank_as_the_mirror_image(marks: list[Mark]) -> None:
    """The whole pipeline, marks to ranking. Where the mirrored marks paint exactly the
    mirror image of the pain (most drawings clear of the outline), the ranking mirrors to
    within TOLERANCE, in the same order. Where they do not (the outline's asymmetry, a
    speck a tile dropped: at most what the test above allows), the scores may move by
    SENSITIVITY times the share of the pain that differs. The example is a stroke on the
    midline whose disc leaves a speck of 0.03 square units in a corner tile: one side
    keeps it, the other drops it, and rectus abdominis moves by 8e-6."""
    drawing, _ = BM.drawing(marks)
    twin, _ = BM.drawing([mirror_mark(m) for m in marks])
    ranking, mirrored = BM.rank_drawing(drawing), BM.rank_drawing(twin)
    differ = paint_difference(drawing, twin)
    if differ < 1e-6:
        assert_same_ranking(mirrored, ranking, swap=True, what="mirrored marks")
    painted = max(drawing.total_area(), twin.total_area(), MIN_AREA)
    assert_close_ranking(mirrored, ranking, TOLERANCE + SENSITIVITY * differ / painted)


def eraser_over(view: str) -> Mark:
    """One eraser stroke down the middle of the frame, wide enough to cover it all."""
    v = ATLAS.view(view)
    radius = min(MAX_RADIUS, v.width)
    return Mark(view, ((v.width / 2, 0.0), (v.width / 2, v.height)), radius, erase=True)


@settings(max_examples=30, **SETTINGS)
@given(drawings)
def test_erasing_every_painted_view_leaves_no_pain(marks: list[Mark]) -> None:
    drawing, _ = BM.drawing(marks)
    live = LiveRanking(BM.ranker)
    live.reset(drawing.changes)
    for view in list(drawing.areas):
        change = drawing.add(eraser_over(view))
        assert change is not None
        live.apply(change)
    assert drawing.is_empty() and drawing.total_area() == 0.0
    assert BM.rank_drawing(drawing) == []
    assert live.rank(total=drawing.total_area()) == []
    assert BASELINE.rank(drawing.areas, intensities=drawing.levels) == []


UNDO = "undo"
steps = st.lists(st.one_of(marks(), marks(), st.just(UNDO)), min_size=1, max_size=14)


def unaccounted(drawing: PainDrawing) -> float:
    """Paint of each intensity that the drawing holds but its changes do not add up to,
    or the reverse, in square units. The live ranking knows the drawing only through its
    changes, so this is how far it can be from the truth."""
    added: dict[tuple[str, Intensity], float] = {}
    for change in drawing.changes:
        for piece in change.pieces:
            k = (change.mark.view, piece.intensity)
            added[k] = added.get(k, 0.0) + piece.sign * piece.region.area
    held: dict[tuple[str, Intensity], float] = {
        (v, level): g.area for v, by in drawing.levels.items() for level, g in by.items()
    }
    return sum(abs(added.get(k, 0.0) - held.get(k, 0.0)) for k in set(added) | set(held))


def replay(steps: Sequence[Mark | str]) -> Iterator[tuple[int, PainDrawing, LiveRanking]]:
    """Strokes, erasures and undos (pop + revert), as the window does them."""
    drawing = PainDrawing(ATLAS)
    live = LiveRanking(BM.ranker)
    for i, step in enumerate(steps):
        if step == UNDO:
            if not len(drawing):
                continue
            drawing.pop()
            live.revert()
        else:
            assert isinstance(step, Mark)
            change = drawing.add(step)
            if change is not None:
                live.apply(change)
        yield i, drawing, live
    while len(drawing):  # and undo everything: back to nothing
        drawing.pop()
        live.revert()
    assert live.rank(total=drawing.total_area()) == []


SPECK_LEFT_BEHIND = [
    Mark("posterior", ((380.0, 792.0),), 1.0, intensity=Intensity.MILD),
    Mark(
        "posterior",
        tuple(
            (380.0 + 3 * math.sin(2 * a), 792.0 + 3 * math.sin(a))
            for a in (0.0, 0.785, 1.571, 2.356, 3.142, 3.927, 4.712, 5.498)
        ),
        0.5,
        intensity=Intensity.MODERATE,
    ),
]
"""A mild click, then a moderate figure of eight over it with the finest brush: the mild
paint left over is in slivers, one under MIN_AREA that the drawing drops from its mild
paint but keeps in its whole area and in no change's pieces."""


@settings(max_examples=40, **SETTINGS)
@given(steps)
@example(SPECK_LEFT_BEHIND)
def test_the_live_ranking_equals_a_full_recompute_and_the_plain_baseline(
    steps: list[Mark | str],
) -> None:
    """After every step the unindexed baseline ranks exactly as the full recompute, and
    the live ranking does too, to within TOLERANCE and in the same order whenever the
    changes account for all the paint; paint they miss (see the xfail below) may move a
    score by SENSITIVITY times its share of the pain."""
    for i, drawing, live in replay(steps):
        full = BM.rank_drawing(drawing)
        plain = BASELINE.rank(drawing.areas, intensities=drawing.levels)
        assert_same_ranking(plain, full, what=f"baseline, step {i}")
        shown = live.rank(total=drawing.total_area())
        missed = unaccounted(drawing)
        if missed < 1e-6:
            assert_same_ranking(shown, full, what=f"live, step {i}")
        painted = max(drawing.total_area(), MIN_AREA)
        assert_close_ranking(shown, full, TOLERANCE + SENSITIVITY * missed / painted, swap=False)


@settings(max_examples=30, **SETTINGS)
@given(steps)
@example(SPECK_LEFT_BEHIND)
def test_every_change_accounts_for_all_the_paint_it_moved(steps: list[Mark | str]) -> None:
    for i, drawing, _live in replay(steps):
        assert unaccounted(drawing) < 1e-6, f"step {i}: {unaccounted(drawing):.4f} square units"


@settings(max_examples=25, **SETTINGS)
@given(st.lists(marks(), min_size=1, max_size=6), st.data())
def test_undoing_back_to_any_step_gives_that_steps_ranking(
    marks: list[Mark], data: st.DataObject
) -> None:
    drawing = PainDrawing(ATLAS)
    live = LiveRanking(BM.ranker)
    rankings = [live.rank(total=0.0)]
    for mark in marks:
        change = drawing.add(mark)
        if change is not None:
            live.apply(change)
            rankings.append(live.rank(total=drawing.total_area()))
    back = data.draw(st.integers(0, len(drawing)))
    for _ in range(back):
        drawing.pop()
        live.revert()
    # Undo gives back exactly what was shown at that step...
    assert_same_ranking(live.rank(total=drawing.total_area()), rankings[len(drawing)])
    # ... which is the full recompute's, but for paint the changes missed (see above).
    tolerance = TOLERANCE + SENSITIVITY * unaccounted(drawing) / max(drawing.total_area(), MIN_AREA)
    assert_close_ranking(rankings[len(drawing)], BM.rank_drawing(drawing), tolerance, swap=False)


@settings(max_examples=30, **SETTINGS)
@given(
    st.sampled_from(VIEWS).flatmap(lambda v: anchors(v).map(lambda xy: (v, xy))),
    st.floats(MIN_RADIUS, 60),
    st.integers(2, 6),
)
def test_a_stroke_that_never_moves_is_a_click(
    where: tuple[str, tuple[float, float]], radius: float, repeats: int
) -> None:
    view, xy = where
    click = BM.drawing([Mark(view, (xy,), radius)])[0]
    still = BM.drawing([Mark(view, (xy,) * repeats, radius)])[0]
    assert still.total_area() == pytest.approx(click.total_area(), rel=1e-3, abs=MIN_AREA)
    assert_same_ranking(BM.rank_drawing(still), BM.rank_drawing(click))


def brush_footprint(mark: Mark) -> BaseGeometry:
    """What a brush of the mark's radius drawn along its path covers, segment by segment
    (no single buffer of the whole path, so no question of how a path crosses itself)."""
    points = mark.points
    if len(set(points)) == 1:
        return shapely.Point(points[0]).buffer(mark.radius, quad_segs=QUAD_SEGS)
    segments = [shapely.LineString(points[i : i + 2]) for i in range(len(points) - 1)]
    return shapely.union_all(shapely.buffer(segments, mark.radius, quad_segs=QUAD_SEGS))


@settings(max_examples=40, **SETTINGS)
@given(marks(erase=False).filter(lambda m: len(m.points) > 1 and not closed_loop(m)))
def test_a_stroke_paints_all_its_brush_covers(mark: Mark) -> None:
    """A stroke paints what the brush passed over, to within the path's simplification
    (SIMPLIFY units either side) and the polygon that stands for a round end."""
    assert_paints_its_footprint(mark)


def assert_paints_its_footprint(mark: Mark) -> None:
    painted = mark.geometry()
    covered = brush_footprint(mark)
    slack = (SIMPLIFY + 0.01 * mark.radius) * covered.length + 1.0
    missing = covered.difference(painted).area
    assert missing <= slack, f"{missing:.1f} of {covered.area:.1f} square units not painted"


BOW_TIE = Mark(
    "posterior", ((400.0, 700.0), (410.0, 710.0), (410.0, 700.0), (400.0, 710.0), (400.0, 700.0))
)


@settings(max_examples=20, **SETTINGS)
@given(marks(erase=False, shapes=["crossing"]).filter(closed_loop))
@example(BOW_TIE)
def test_a_closed_stroke_paints_all_its_brush_covers(mark: Mark) -> None:
    assert_paints_its_footprint(mark)


@settings(max_examples=30, **SETTINGS)
@given(marks(anchor=inside, erase=False).filter(well_inside))
@example(Mark("posterior", (ATLAS.view("posterior").landmark("right-flank"),), 0.5))
def test_a_mark_inside_the_body_paints_exactly_its_own_area(mark: Mark) -> None:
    drawing, dropped = BM.drawing([mark])
    assert not dropped
    assert drawing.total_area() == pytest.approx(mark.geometry().area, rel=1e-6)


@settings(max_examples=30, **SETTINGS)
@given(steps, st.lists(st.integers(1, 15), min_size=1, max_size=8))
@example(SPECK_LEFT_BEHIND, [1])
def test_ranking_only_the_first_few_lists_them_as_ranking_all_would(
    steps: list[Mark | str], tops: list[int]
) -> None:
    """Asked for its first ``top`` only, the live ranking measures only the muscles
    that could be among them (:mod:`bodymap.overlaps`), and what is left unmeasured
    waits through later strokes and undos: the first ``top`` are still the first
    ``top`` of the whole ranking, with the same figures and the same zones."""
    everything = LiveRanking(BM.ranker)
    for i, drawing, live in replay(steps):
        everything.reset(drawing.changes)
        top = tops[i % len(tops)]
        shown = live.rank(top, total=drawing.total_area())
        whole = everything.rank(total=drawing.total_area())[:top]
        assert_same_ranking(shown, whole, what=f"top {top}, step {i}")
        for a, b in zip(shown, whole, strict=True):
            assert [(m.trigger_point, m.label) for m in a.matches] == [
                (m.trigger_point, m.label) for m in b.matches
            ]
