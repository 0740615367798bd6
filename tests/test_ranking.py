"""Scoring on hand-made geometry: a private catalogue of square zones."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import yaml

from bodymap import BodyMap
from bodymap.drawing import PainDrawing
from bodymap.kinds import Intensity
from bodymap.marks import GRID, Mark
from bodymap.ranking import score

MakeMap = Callable[..., BodyMap]

ROOT = Path(__file__).resolve().parent.parent
CARD = {
    "summary": "s",
    "trigger_points": "t",
    "referral": "r",
    "symptoms": ["a"],
    "aggravating": ["b"],
    "self_care": ["c"],
}


def square(x: float, y: float, size: float) -> list[list[float]]:
    return [[x, y], [x + size, y], [x + size, y + size], [x, y + size]]


def region(
    muscle_id: str,
    zones: list[tuple[str, list[list[float]]]],
    crosses: bool = False,
    prevalence: str = "common",
) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "id": muscle_id,
        "name": muscle_id.replace("_", " ").capitalize(),
        "region": "hip",
        "prevalence": {"level": prevalence, "note": "n", "sources": ["s1"]},
        "trigger_points": [
            {
                "id": "trp1",
                "name": "TrP1",
                "location": "here",
                "crosses_midline": crosses,
                "zones": [
                    {
                        "kind": kind,
                        "view": "posterior",
                        "label": f"{kind} {i}",
                        "polygon": poly,
                        "sources": ["s1"],
                    }
                    for i, (kind, poly) in enumerate(zones)
                ],
            }
        ],
        "card": CARD,
        "sources": {"s1": {"title": "test"}},
    }


@pytest.fixture
def make_map(tmp_path: Path) -> MakeMap:
    def make(*regions: dict[str, Any]) -> BodyMap:
        shutil.copytree(ROOT / "assets", tmp_path / "assets", dirs_exist_ok=True)
        folder = tmp_path / "regions"
        folder.mkdir(exist_ok=True)
        for r in regions:
            (folder / f"{r['id']}.yaml").write_text(yaml.safe_dump(r))
        return BodyMap.load(tmp_path)

    return make


# Squares on the right buttock, well inside the outline (right side: x > 380).
A_ESS = square(420, 680, 80)
A_SPILL = square(420, 780, 80)


def test_pain_inside_an_essential_zone_is_fully_explained(make_map: MakeMap) -> None:
    bm = make_map(region("piriformis", [("essential", A_ESS), ("spillover", A_SPILL)]))
    [top, *_] = bm.rank(["posterior:460,720"])
    assert (top.muscle, top.side) == ("piriformis", "right")
    assert top.explained == pytest.approx(1.0)
    assert "core zone essential 0" in top.reason
    assert 0 < top.score <= 1


def test_spillover_counts_less_than_essential(make_map: MakeMap) -> None:
    bm = make_map(
        region("piriformis", [("essential", A_ESS), ("spillover", A_SPILL)]),
        region("soleus", [("essential", A_SPILL)]),
    )
    ranking = bm.rank(["posterior:460,820"])
    assert [c.muscle for c in ranking] == ["soleus", "piriformis"]
    piriformis = ranking[1]
    assert piriformis.explained == pytest.approx(0.45)
    assert piriformis.core_coverage == 0
    assert "only through its spillover zone" in piriformis.reason


def test_the_pattern_whose_core_the_pain_fills_best_ranks_first(make_map: MakeMap) -> None:
    small = square(440, 700, 40)
    bm = make_map(
        region("piriformis", [("essential", A_ESS)]),
        region("soleus", [("essential", small)]),
    )
    ranking = bm.rank(["posterior:460,720"])
    assert [c.muscle for c in ranking] == ["soleus", "piriformis"]
    assert ranking[0].explained == ranking[1].explained == pytest.approx(1.0)
    assert ranking[0].core_coverage > ranking[1].core_coverage


def test_pain_outside_every_zone_halves_the_explained_share(make_map: MakeMap) -> None:
    bm = make_map(region("piriformis", [("essential", A_ESS)]))
    [top] = bm.rank(["posterior:460,720", "posterior:430,450"])  # second mark: mid-back
    assert top.explained == pytest.approx(0.5, abs=0.01)


def test_left_side_pain_ranks_the_mirrored_pattern(make_map: MakeMap) -> None:
    bm = make_map(region("piriformis", [("essential", A_ESS)]))
    [top] = bm.rank(["posterior:300,720"])  # 2 * 380 - 460
    assert top.side == "left"
    assert top.explained == pytest.approx(1.0)


def test_midline_pattern_explains_both_sides_at_once(make_map: MakeMap) -> None:
    band: list[list[float]] = [[290, 610], [470, 610], [470, 710], [290, 710]]
    bm = make_map(
        region("rectus_abdominis", [("essential", band)], crosses=True),
        # Covers the right mark; its mirror image misses the left mark, which sits lower.
        region("piriformis", [("essential", [[395, 620], [455, 620], [455, 660], [395, 660]])]),
    )
    ranking = bm.rank(["posterior:335,682", "posterior:425,640"])
    assert [c.side for c in ranking if c.muscle == "rectus_abdominis"] == ["both"]
    assert (ranking[0].muscle, ranking[0].explained) == ("rectus_abdominis", pytest.approx(1.0))  # type: ignore[comparison-overlap]  # pytest.approx is typed as not a float
    piriformis = next(c for c in ranking if c.muscle == "piriformis")
    assert piriformis.side == "right" and piriformis.explained == pytest.approx(0.5, abs=0.05)


def test_pain_on_both_sides_lists_the_muscle_once_for_both_sides(make_map: MakeMap) -> None:
    bm = make_map(region("piriformis", [("essential", A_ESS)]))
    ranking = bm.rank(["posterior:460,720", "posterior:300,720"])
    assert [(c.muscle, c.side) for c in ranking] == [("piriformis", "both")]
    assert ranking[0].explained == pytest.approx(1.0)


def test_midline_pain_that_either_side_explains_is_listed_once(make_map: MakeMap) -> None:
    bm = make_map(
        region("piriformis", [("essential", [[340, 700], [420, 700], [420, 760], [340, 760]])])
    )
    ranking = bm.rank(["posterior:380,730"])
    assert [(c.muscle, c.side) for c in ranking] == [("piriformis", "both")]


def test_mostly_one_sided_pain_names_that_side(make_map: MakeMap) -> None:
    bm = make_map(region("piriformis", [("essential", A_ESS)]))
    ranking = bm.rank([Mark("posterior", ((460, 720),), 30), Mark("posterior", ((300, 720),), 6)])
    assert [(c.muscle, c.side) for c in ranking] == [("piriformis", "right")]


def test_no_pain_and_pain_off_every_pattern_rank_nothing(make_map: MakeMap) -> None:
    bm = make_map(region("piriformis", [("essential", A_ESS)]))
    assert bm.rank([]) == []
    assert bm.rank(["posterior:430,450"]) == []
    assert bm.rank(["posterior:5,5"]) == []  # wholly outside the body: dropped


def test_eraser_removes_painted_area(make_map: MakeMap) -> None:
    bm = make_map(
        region("piriformis", [("essential", A_ESS)]), region("soleus", [("essential", A_SPILL)])
    )
    paint = Mark("posterior", ((460, 720), (460, 820)), 18)
    drawing, _ = bm.drawing([paint])
    both = bm.ranker.rank(drawing.areas)
    assert {c.muscle for c in both} == {"piriformis", "soleus"}
    drawing.add(Mark("posterior", ((440, 800), (480, 800), (480, 840), (440, 840)), 25, erase=True))
    after = bm.ranker.rank(drawing.areas)
    assert next(c.muscle for c in after) == "piriformis"
    assert after[0].explained > both[0].explained or after[0].muscle != both[0].muscle
    drawing.add(Mark("posterior", ((460, 700), (460, 850)), 40, erase=True))
    assert drawing.is_empty()
    assert bm.ranker.rank(drawing.areas) == []


def test_marks_are_clipped_to_the_body(bm: BodyMap) -> None:
    view = bm.atlas.view("posterior")
    x, y = view.landmark("right-greater-trochanter")
    drawing, dropped = bm.drawing([Mark("posterior", ((x + 14, y),), 18)])  # straddles the hip edge
    assert dropped == []
    assert 0 < drawing.total_area() < Mark("posterior", ((x, y),), 18).geometry().area
    assert view.outline.buffer(GRID).contains(drawing.areas["posterior"])


def test_undoing_a_mark_restores_the_previous_area(bm: BodyMap) -> None:
    drawing, _ = bm.drawing(bm.marks(["posterior:right-psis"]))
    before = drawing.areas["posterior"]
    drawing.add(bm.marks(["posterior:right-calf-mid"])[0])
    assert drawing.total_area() > before.area
    drawing.pop()
    assert drawing.areas["posterior"].equals(before)


@pytest.mark.parametrize(("explained", "coverage"), [(0, 0), (1, 0), (1, 1), (0.5, 0.25), (1, 5)])
def test_score_is_bounded_and_monotonic(explained: float, coverage: float) -> None:
    s = score(explained, coverage)
    assert 0 <= s <= 1
    assert score(explained, coverage + 0.1) >= s
    assert score(min(1, explained + 0.1), coverage) >= s


def test_rank_accepts_a_single_mark_string(bm: BodyMap) -> None:
    assert bm.rank("posterior:right-psis", top=3) == bm.rank(["posterior:right-psis"], top=3)


def test_a_weak_best_fit_and_widespread_pain_are_said_plainly(bm: BodyMap) -> None:
    from bodymap.ranking_notes import NOTE_WEAK, NOTE_WIDESPREAD

    # The rib margin at the front: only the edges of some patterns reach it.
    drawing, _ = bm.drawing(bm.marks(["anterior:right-rib-margin"]))
    ranking = bm.ranker.rank(drawing.areas)
    assert ranking and ranking[0].fit == "weak"
    assert NOTE_WEAK in bm.notes(drawing, ranking)
    everywhere = [
        Mark(view.name, ((view.width * 0.25, 150.0), (view.width * 0.75, 1400.0)), 400.0)
        for view in bm.atlas
    ]
    drawing, _ = bm.drawing(everywhere)
    assert NOTE_WIDESPREAD in bm.notes(drawing, bm.ranker.rank(drawing.areas))
    drawing, _ = bm.drawing(bm.marks(["posterior:right-psis"]))
    assert bm.notes(drawing, bm.ranker.rank(drawing.areas)) == []


def test_among_equal_fits_the_commoner_source_ranks_first(make_map: MakeMap) -> None:
    bm = make_map(
        region("piriformis", [("essential", A_ESS)], prevalence="occasional"),
        region("soleus", [("essential", A_ESS)], prevalence="very_common"),
    )
    first, second = bm.rank(["posterior:460,720"])
    assert (first.muscle, second.muscle) == ("soleus", "piriformis")
    assert second.score == pytest.approx(first.score * 0.84)


def test_a_click_inside_a_large_core_fills_all_it_can(make_map: MakeMap) -> None:
    """A fingertip inside a big core is as good a fit as inside a small one; a painted
    area larger than the small core still prefers the core it fills."""
    small = square(440, 700, 40)
    bm = make_map(
        region("piriformis", [("essential", A_ESS)]),
        region("soleus", [("essential", small)]),
    )
    click = bm.rank([Mark("posterior", ((460.0, 720.0),), 8.0)])
    assert [c.score for c in click] == pytest.approx([click[0].score] * 2)
    assert click[0].core_fill == pytest.approx(1.0)


def test_a_bilateral_only_band_cannot_win_one_sided_pain(make_map: MakeMap) -> None:
    band: list[list[float]] = [[300, 530], [460, 530], [460, 600], [300, 600]]
    one_side = square(400, 575, 48)
    bm = make_map(
        region("rectus_abdominis", [("essential", band)], crosses=True),
        region("iliocostalis_lumborum", [("essential", one_side)]),
    )
    right = bm.rank(["posterior:424,596"])
    assert right[0].muscle == "iliocostalis_lumborum"
    assert right[1].muscle == "rectus_abdominis" and right[1].core_fill == 0
    both = bm.rank(["posterior:336,550", "posterior:424,550"])
    assert (both[0].muscle, both[0].side) == ("rectus_abdominis", "both")


def test_a_severe_mark_outweighs_a_mild_one(bm: BodyMap) -> None:
    """Two marks of equal size: the muscle behind the severe one ranks first, whichever
    is drawn first; both moderate, the order is the plain ranking's."""
    calf = bm.marks("posterior:right-calf-mid")[0]
    neck = bm.marks("posterior:right-upper-trapezius")[0]

    def first(calf_level: Intensity, neck_level: Intensity) -> str:
        marks = [replace(calf, intensity=calf_level), replace(neck, intensity=neck_level)]
        drawing, _ = bm.drawing(marks)
        ranking = bm.rank_drawing(drawing)
        return ranking[0].muscle

    calf_muscles = {c.muscle for c in bm.rank([calf], top=3)}
    neck_muscles = {c.muscle for c in bm.rank([neck], top=3)}
    assert first(Intensity.SEVERE, Intensity.MILD) in calf_muscles
    assert first(Intensity.MILD, Intensity.SEVERE) in neck_muscles


def test_painting_over_a_mark_changes_its_intensity_not_its_area(bm: BodyMap) -> None:
    spot = bm.marks("posterior:right-psis")[0]
    drawing = PainDrawing(bm.atlas, [replace(spot, intensity=Intensity.MILD)])
    area = drawing.total_area()
    change = drawing.add(replace(spot, intensity=Intensity.SEVERE))
    assert change is not None and change.region.is_empty and change.pieces
    assert drawing.total_area() == pytest.approx(area)
    assert set(drawing.levels["posterior"]) == {Intensity.SEVERE}
    drawing.pop()
    assert set(drawing.levels["posterior"]) == {Intensity.MILD}


def test_one_intensity_throughout_ranks_as_the_plain_drawing(bm: BodyMap) -> None:
    marks = bm.marks(["posterior:right-psis", "posterior:right-mid-buttock"])
    plain = bm.rank(marks)
    for level in Intensity:
        drawing, _ = bm.drawing([replace(m, intensity=level) for m in marks])
        ranked = bm.rank_drawing(drawing)
        assert [(c.muscle, c.side) for c in ranked] == [(c.muscle, c.side) for c in plain]
        assert [c.score for c in ranked] == pytest.approx([c.score for c in plain])


def test_the_plain_reason_has_no_numbers_or_jargon(bm: BodyMap) -> None:
    ranking = bm.rank(["posterior:right-psis", "posterior:right-upper-buttock"], top=8)
    assert ranking
    for c in ranking:
        assert c.plain_reason.endswith(".")
        assert not any(ch.isdigit() for ch in c.plain_reason), c.plain_reason
        for jargon in ("core", "spillover", "essential", "%", "explains"):
            assert jargon not in c.plain_reason
    best = ranking[0]
    assert best.plain_reason.startswith(("Nearly all of your pain", "Most of your pain"))
    assert "where this muscle's pain usually goes" in best.plain_reason


# ----- layers and cores measured as their zones ------------------------------------------
def test_a_union_of_zones_that_do_not_overlap_is_measured_as_those_zones() -> None:
    import shapely

    from bodymap.ranking_index import disjoint_parts

    left, right = shapely.box(0, 0, 10, 10), shapely.box(10, 0, 20, 10)  # they share an edge
    assert disjoint_parts(shapely.union(left, right), [left, right, left]) == [left, right]
    overlapping = shapely.box(5, 0, 15, 10)
    assert disjoint_parts(shapely.union(left, overlapping), [left, overlapping]) is None
    # Zones that add up to the right area but are not what the layer is made of.
    assert disjoint_parts(shapely.box(100, 0, 120, 10), [left, right]) is None
    # One zone stands for the layer only if it is the layer.
    assert disjoint_parts(left, [left]) == [left]
    assert disjoint_parts(shapely.box(0, 0, 10, 5), [left]) is None


def test_overlapping_zones_are_their_sum_less_the_lenses() -> None:
    import shapely

    from bodymap.ranking_index import signed_parts

    a, b = shapely.box(0, 0, 10, 10), shapely.box(5, 0, 15, 10)  # overlap in 5 x 10
    parts = signed_parts(shapely.union(a, b), [a, b])
    assert parts is not None
    assert sorted(round(g.area, 6) * sign for g, sign in parts) == [-50, 100, 100]
    # A spillover zone cut by the essential zone above it: the zone less the cut.
    essential = shapely.box(8, 0, 20, 10)
    spill = signed_parts(shapely.difference(a, essential), [a], [essential])
    assert spill is not None and sum(g.area * s for g, s in spill) == 80
    # A spot in three zones would be counted wrongly: the whole is measured instead.
    c = shapely.box(7, 0, 12, 10)
    assert signed_parts(shapely.union_all([a, b, c]), [a, b, c]) is None


def test_every_layer_and_core_overlaps_pain_as_the_sum_of_its_parts(bm: BodyMap) -> None:
    """The index measures a layer or core as its parts (zones added, lenses taken away):
    for pain over every view, the signed sum of the parts' overlaps is the whole's own
    overlap, for every layer and core of the catalogue."""
    import numpy as np
    import shapely

    from bodymap.ranking_index import _Builder

    index = bm.ranker.index
    patterns = bm.catalogue.patterns
    builder = _Builder(bm.catalogue)  # for the halves of the cores, as the index has them
    checked = 0
    for view, a in index.arrays.items():
        outline = bm.atlas.view(view).outline
        x0, y0, x1, y1 = outline.bounds
        # Pain in stripes across the whole view: it cuts most shapes, covers some.
        stripes = shapely.union_all(
            [shapely.box(x0, y, x1, y + 23) for y in np.arange(y0, y1, 61.0)]
        ).intersection(outline)
        overlap = shapely.area(shapely.intersection(index.geoms[view], stripes))
        layers = [  # each layer entry's own geometry, in the index's order
            g
            for pattern in patterns
            for layer_view, by_kind in pattern.layers.items()
            if layer_view == view
            for _, g in by_kind.by_kind()
            if not g.is_empty
        ]
        cores = [
            piece
            for pattern in patterns
            for t, core_view, core in pattern.cores
            if core_view == view
            for _, piece in builder.halves(pattern, t, view, core)
        ]
        for wholes, summed in ((layers, a.layers(overlap)), (cores, a.cores(overlap))):
            assert len(wholes) == len(summed)
            direct = shapely.area(shapely.intersection(wholes, stripes))
            assert np.allclose(summed, direct, rtol=0, atol=1e-6)
            checked += len(wholes)
    assert checked > 1500
    # Lenses are taken away somewhere, and whole layers are fewer than layers.
    signs = np.concatenate([a.layer_part_sign for a in index.arrays.values()])
    assert (signs < 0).any()
