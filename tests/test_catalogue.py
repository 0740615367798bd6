"""Shipped region files load; mirroring; bad files name the file, the line and the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from bodymap import BodyMap
from bodymap.errors import DataError, DataErrors
from bodymap.ids import MUSCLE_IDS

REQUIRED = [
    "gluteus_medius",
    "gluteus_minimus",
    "gluteus_maximus",
    "piriformis",
    "quadratus_lumborum",
    "iliocostalis_lumborum",
    "longissimus_thoracis",
    "multifidus",
    "iliopsoas",
    "rectus_abdominis",
    "biceps_femoris",
    "medial_hamstrings",
    "gastrocnemius",
    "soleus",
    "popliteus",
    "obturator_internus",
    "levator_ani",
    "coccygeus",
]


def test_required_muscles_are_shipped_with_posterior_patterns(bm: BodyMap) -> None:
    for muscle_id in REQUIRED:
        muscle = bm.catalogue.muscle(muscle_id)
        assert "posterior" in muscle.views, muscle_id
        kinds = {z.kind.value for t in muscle.trigger_points for z in t.zones}
        assert "essential" in kinds, muscle_id


def test_every_shipped_muscle_has_a_contract_id_and_a_complete_card(bm: BodyMap) -> None:
    for muscle in bm.catalogue:
        assert muscle.id in MUSCLE_IDS
        card = muscle.card
        assert card.summary and card.trigger_points and card.referral
        assert card.symptoms and card.aggravating and card.self_care
        for trp in muscle.trigger_points:
            for zone in trp.zones:
                assert zone.sources and all(s in muscle.sources for s in zone.sources)
                assert not zone.geometry.is_empty


def test_left_pattern_mirrors_the_right_one(bm: BodyMap) -> None:
    view = bm.atlas.view("posterior")
    right = bm.catalogue.pattern("gluteus_medius", "right").layers["posterior"].essential
    left = bm.catalogue.pattern("gluteus_medius", "left").layers["posterior"].essential
    assert left.area == pytest.approx(right.area)
    assert right.centroid.x > view.midline_x > left.centroid.x
    assert left.centroid.x == pytest.approx(2 * view.midline_x - right.centroid.x)
    site_r = bm.catalogue.pattern("gluteus_medius", "right").trigger_points[0].sites["posterior"]
    site_l = bm.catalogue.pattern("gluteus_medius", "left").trigger_points[0].sites["posterior"]
    assert site_l == (2 * view.midline_x - site_r[0], site_r[1])


def test_a_pattern_that_crosses_the_midline_ranks_as_both_sides(bm: BodyMap) -> None:
    rectus = bm.catalogue.muscle("rectus_abdominis")
    crossing = [t for t in rectus.trigger_points if t.crosses_midline]
    assert crossing, "the lower rectus abdominis band crosses the midline"
    assert {p.side for p in bm.catalogue.patterns_of("gluteus_medius")} == {"right", "left", "both"}
    band = bm.catalogue.pattern("rectus_abdominis", "both").layers["posterior"].essential
    midline = bm.atlas.view("posterior").midline_x
    assert band.bounds[0] < midline < band.bounds[2]
    # The band across the back on both sides ranks as both sides; one side of it does not.
    across = bm.rank(["posterior:left-thoracolumbar", "posterior:right-thoracolumbar"], top=5)
    assert ("rectus_abdominis", "both") in [(c.muscle, c.side) for c in across]


def _break(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


def test_unknown_key_names_file_and_line(data_copy: Path) -> None:
    path = data_copy / "regions" / "gluteus_medius.yaml"
    _break(path, "    location: Just under", "    locaton: Just under")
    with pytest.raises(DataErrors) as info:
        BodyMap.load(data_copy)
    unknown = next(e for e in info.value.errors if "unknown key 'locaton'" in str(e))
    assert unknown.path == path
    assert unknown.line == _line_of(path, "locaton:")
    assert any("missing key 'trigger_points.0.location'" in str(e) for e in info.value.errors)


def test_yaml_syntax_error_names_the_line(data_copy: Path) -> None:
    path = data_copy / "regions" / "gluteus_medius.yaml"
    _break(path, "name: Gluteus medius", "name: [Gluteus medius")
    with pytest.raises(DataErrors) as info:
        BodyMap.load(data_copy)
    err = info.value.errors[0]
    assert err.path == path and err.line is not None and "YAML syntax error" in str(err)


def test_dangling_source_and_bad_polygon_are_both_reported(data_copy: Path) -> None:
    path = data_copy / "regions" / "gluteus_medius.yaml"
    _break(path, "sources: [s26, s13, s27, seed-001]", "sources: [s26, s99]")
    _break(
        path,
        "polygon: [[386, 586], [414, 584], [424, 626], [388, 636]]",
        "polygon: [[386, 586], [424, 626], [414, 584], [388, 636]]",
    )
    with pytest.raises(DataErrors) as info:
        BodyMap.load(data_copy)
    messages = [str(e) for e in info.value.errors]
    assert any("source 's99' is not defined" in m for m in messages)
    assert any(
        "not a simple shape" in m and f":{_line_of(path, '[[386, 586], [424, 626]')}:" in m
        for m in messages
    )


def test_zone_off_the_body_is_rejected(data_copy: Path) -> None:
    path = data_copy / "regions" / "gluteus_medius.yaml"
    _break(
        path,
        "[[372, 728], [392, 728], [394, 758], [374, 758]]",
        "[[5, 5], [40, 5], [40, 40], [5, 40]]",
    )
    with pytest.raises(DataErrors, match="lies on the body"):
        BodyMap.load(data_copy)


def test_id_must_match_the_file_name(data_copy: Path) -> None:
    path = data_copy / "regions" / "gluteus_medius.yaml"
    path.rename(data_copy / "regions" / "gmed.yaml")
    with pytest.raises(DataErrors, match="does not match the file name"):
        BodyMap.load(data_copy)


def test_landmark_outside_the_body_names_the_landmark_file(data_copy: Path) -> None:
    path = data_copy / "assets" / "posterior.yaml"
    _break(path, "  psis: [429, 666]", "  psis: [729, 666]")
    with pytest.raises(DataError) as info:
        BodyMap.load(data_copy)
    assert info.value.path == path
    assert info.value.line == _line_of(path, "psis: [729")
    assert "right-psis" in str(info.value)


def test_a_pattern_shows_one_trigger_point_at_a_time(bm: BodyMap) -> None:
    pattern = bm.catalogue.pattern("gluteus_medius", "both")
    assert pattern.trigger_point_ids == ("trp1", "trp2", "trp3")
    first = pattern.only("trp1")
    assert {t.id for t in first.trigger_points} == {"trp1"}
    assert len(first.trigger_points) == 2  # the right one and its mirror
    whole = pattern.layers["posterior"].essential
    part = first.layers["posterior"].essential
    assert part.area < whole.area and whole.buffer(0.5).contains(part)
    assert pattern.only("trp1") is first  # built once
    with pytest.raises(KeyError, match=r"no trigger point .trp4. \(did you mean"):
        pattern.only("trp4")
