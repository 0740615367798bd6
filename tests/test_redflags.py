"""Red flags tied to where the pain is marked (assets/red-flags.yaml, bodymap.redflags)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from shapely.geometry import Point

from bodymap import BodyMap
from bodymap.errors import DataError
from bodymap.redflags import FRAMES, RED_FLAGS_FILE, RedFlagRules, load_red_flags

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "assets" / RED_FLAGS_FILE


@pytest.fixture(scope="module")
def rules(bm: BodyMap) -> RedFlagRules:
    return load_red_flags(SHIPPED, bm.atlas)


def flags(bm: BodyMap, rules: RedFlagRules, *marks: str, radius: float = 18.0) -> list[str]:
    drawing, dropped = bm.drawing(bm.marks(list(marks), radius=radius))
    assert not dropped
    return [flag.id for flag in rules.check(drawing.areas)]


# -- the shipped file ------------------------------------------------------------------


def test_the_shipped_file_loads_with_words_and_sources(rules: RedFlagRules) -> None:
    # most urgent first: call an ambulance, then the emergency department, then same day
    assert [f.id for f in rules.flags] == [
        "left_arm_or_jaw",
        "both_legs",
        "saddle",
        "calf",
        "flank",
    ]
    assert [f.urgency for f in rules.flags] == [1, 2, 2, 3, 4]
    for flag in rules.flags:
        assert flag.title and len(flag.title) <= 40
        assert flag.advice.endswith(".") and "\n" not in flag.advice
        assert flag.sources and all(s.url.startswith("https://") for s in flag.sources)


def test_it_loads_without_an_atlas_and_the_frames_match_the_art(
    bm: BodyMap, rules: RedFlagRules
) -> None:
    assert dict(FRAMES) == {v.name: (v.width, v.height) for v in bm.atlas}
    plain = load_red_flags(SHIPPED)
    assert plain.flags == rules.flags
    assert flags(bm, plain, "posterior:left-calf-mid") == ["calf"]


def test_no_pain_raises_no_flag(rules: RedFlagRules) -> None:
    assert rules.check({}) == []
    assert rules.check({"posterior": Point(0, 0).buffer(0)}) == []


@pytest.mark.parametrize(
    "marks",
    [
        ["posterior:right-psis"],
        ["posterior:right-mid-buttock", "posterior:right-lower-buttock"],
        ["posterior:right-psis", "posterior:right-si-joint"],
        ["posterior:sacrum"],
        ["posterior:left-lumbar-paraspinal", "posterior:right-lumbar-paraspinal"],
        ["posterior:left-iliac-crest", "posterior:right-iliac-crest"],
        ["posterior:right-ischial-tuberosity"],
        ["posterior:right-interscapular", "posterior:left-interscapular"],
        ["posterior:right-upper-trapezius", "posterior:left-upper-trapezius"],
        ["right-lateral:right-greater-trochanter"],
        ["anterior:right-groin", "anterior:pubic-symphysis"],
    ],
    ids=lambda marks: "+".join(marks),
)
def test_a_typical_muscle_presentation_raises_nothing(
    bm: BodyMap, rules: RedFlagRules, marks: list[str]
) -> None:
    assert flags(bm, rules, *marks) == []


# -- both legs -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "marks",
    [
        ["posterior:right-posterior-thigh-mid"],
        ["posterior:right-posterior-thigh-mid", "posterior:right-popliteal-fossa"],
        # the same (right) leg from the back and from the front, where it is on your left
        ["posterior:right-posterior-thigh-mid", "anterior:right-anterior-thigh-mid"],
        ["posterior:right-posterior-thigh-mid", "right-lateral:right-lateral-thigh-mid"],
        ["left-lateral:left-lateral-thigh-mid", "anterior:left-shin"],
    ],
    ids=lambda marks: "+".join(marks),
)
def test_pain_in_one_leg_is_not_both_legs(
    bm: BodyMap, rules: RedFlagRules, marks: list[str]
) -> None:
    assert "both_legs" not in flags(bm, rules, *marks)


@pytest.mark.parametrize(
    "marks",
    [
        ["posterior:right-posterior-thigh-mid", "posterior:left-posterior-thigh-mid"],
        ["anterior:right-shin", "anterior:left-anterior-thigh-mid"],
        # one leg on the back view, the other on the front view
        ["posterior:left-posterior-thigh-mid", "anterior:right-anterior-thigh-mid"],
        ["posterior:right-popliteal-fossa", "anterior:left-anterior-knee"],
        ["right-lateral:right-lateral-thigh-mid", "left-lateral:left-lateral-leg-upper"],
        ["right-lateral:right-lateral-knee", "posterior:left-posterior-thigh-lower"],
        # a coordinate mark: viewer's left in the front view is the person's right leg
        ["anterior:300,900", "posterior:320,900"],
    ],
    ids=lambda marks: "+".join(marks),
)
def test_pain_in_both_legs_raises_both_legs(
    bm: BodyMap, rules: RedFlagRules, marks: list[str]
) -> None:
    assert "both_legs" in flags(bm, rules, *marks)


def test_both_buttocks_are_not_both_legs(bm: BodyMap, rules: RedFlagRules) -> None:
    assert "both_legs" not in flags(
        bm, rules, "posterior:right-lower-buttock", "posterior:left-lower-buttock"
    )


# -- saddle ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "mark", ["posterior:coccyx", "posterior:380,790", "anterior:380,790", "anterior:380,815"]
)
def test_pain_in_the_saddle_area_raises_saddle(bm: BodyMap, rules: RedFlagRules, mark: str) -> None:
    assert "saddle" in flags(bm, rules, mark)


@pytest.mark.parametrize(
    "mark",
    [
        "posterior:sacrum",
        "posterior:right-ischial-tuberosity",
        "posterior:left-lower-buttock",
        "anterior:pubic-symphysis",
        "anterior:left-groin",
        "anterior:right-medial-thigh",
    ],
)
def test_pain_beside_the_saddle_area_does_not(bm: BodyMap, rules: RedFlagRules, mark: str) -> None:
    assert "saddle" not in flags(bm, rules, mark)


# -- calf ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "mark",
    [
        "posterior:left-calf-mid",
        "posterior:right-calf-upper",
        "posterior:right-medial-calf",
        "right-lateral:right-lateral-calf",
        "left-lateral:left-lateral-calf",
    ],
)
def test_pain_in_a_calf_raises_calf(bm: BodyMap, rules: RedFlagRules, mark: str) -> None:
    assert flags(bm, rules, mark) == ["calf"]


@pytest.mark.parametrize(
    "mark",
    [
        "posterior:right-popliteal-fossa",
        "posterior:right-achilles",
        "posterior:right-heel",
        "anterior:right-shin",
        "right-lateral:right-lateral-leg-upper",
    ],
)
def test_pain_near_the_calf_does_not(bm: BodyMap, rules: RedFlagRules, mark: str) -> None:
    assert "calf" not in flags(bm, rules, mark)


def test_a_speck_on_the_calf_is_below_the_minimum(bm: BodyMap, rules: RedFlagRules) -> None:
    assert flags(bm, rules, "posterior:right-calf-mid", radius=3) == []
    assert flags(bm, rules, "posterior:right-calf-mid", radius=6) == ["calf"]


# -- left arm, jaw, chest --------------------------------------------------------------


@pytest.mark.parametrize(
    "mark",
    [
        "posterior:left-posterior-arm",
        "posterior:left-elbow",
        "anterior:left-anterior-arm",
        "anterior:left-anterior-forearm",
        "left-lateral:left-lateral-arm",
        "left-lateral:left-lateral-shoulder",
        "anterior:chin",
        # the body of the lower jaw, in front of its angle
        "right-lateral:312,228",
        "left-lateral:288,228",
        "anterior:sternum",
        "anterior:left-chest",
    ],
)
def test_left_arm_jaw_or_chest_raises_the_heart_flag(
    bm: BodyMap, rules: RedFlagRules, mark: str
) -> None:
    assert flags(bm, rules, mark) == ["left_arm_or_jaw"]


@pytest.mark.parametrize(
    "mark",
    [
        "posterior:right-posterior-arm",
        "posterior:right-forearm",
        "anterior:right-anterior-arm",
        "anterior:right-anterior-elbow",
        "right-lateral:right-lateral-arm",
        "right-lateral:right-lateral-shoulder",
        "anterior:right-chest",
        "posterior:left-infraspinous-fossa",
        "right-lateral:right-lateral-neck",
        # the angle of the jaw below the ear: where neck and jaw muscles send pain
        "right-lateral:right-jaw-angle",
        "left-lateral:left-jaw-angle",
        "right-lateral:right-temple",
    ],
)
def test_the_right_arm_and_the_back_of_the_shoulder_do_not(
    bm: BodyMap, rules: RedFlagRules, mark: str
) -> None:
    assert "left_arm_or_jaw" not in flags(bm, rules, mark)


# -- flank -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "mark",
    [
        "posterior:right-flank",
        "posterior:left-flank",
        "posterior:left-lower-ribs",
        "right-lateral:right-flank",
        "left-lateral:left-flank",
    ],
)
def test_pain_in_the_flank_raises_flank(bm: BodyMap, rules: RedFlagRules, mark: str) -> None:
    assert flags(bm, rules, mark) == ["flank"]


@pytest.mark.parametrize(
    "mark",
    [
        "posterior:right-lumbar-paraspinal",
        "posterior:right-thoracolumbar",
        "posterior:right-iliac-crest",
        "left-lateral:left-iliac-crest",
        # a stroke along the belt line, either side
        "posterior:400,610;440,612;470,620",
        "posterior:360,610;320,612;290,620",
        "right-lateral:200,612;230,614;262,618",
        "right-lateral:right-lower-back",
        "right-lateral:right-lateral-chest",
    ],
)
def test_pain_beside_the_spine_or_on_the_crest_is_not_flank(
    bm: BodyMap, rules: RedFlagRules, mark: str
) -> None:
    assert "flank" not in flags(bm, rules, mark)


# -- several at once -------------------------------------------------------------------


def test_several_flags_come_most_urgent_first(bm: BodyMap, rules: RedFlagRules) -> None:
    marks = ["posterior:right-flank", "posterior:left-calf-mid", "anterior:right-shin"]
    assert flags(bm, rules, *marks) == ["both_legs", "calf", "flank"]
    marks = ["posterior:right-flank", "posterior:left-calf-mid", "anterior:left-anterior-arm"]
    assert flags(bm, rules, *marks) == ["left_arm_or_jaw", "calf", "flank"]


def test_the_live_flags_come_most_urgent_first_too(bm: BodyMap, rules: RedFlagRules) -> None:
    from bodymap.drawing import PainDrawing
    from bodymap.redflags import LiveFlags

    live, drawing = LiveFlags(rules), PainDrawing(bm.atlas)
    for mark in bm.marks(["posterior:right-flank", "anterior:left-anterior-arm", "anterior:chin"]):
        drawing.add(mark)
        live.apply(drawing.changes[-1])
    assert [(f.id, f.title) for f in live.flags()] == [
        ("left_arm_or_jaw", "Pain in the left arm and the jaw"),
        ("flank", "Pain in the right side (flank)"),
    ]
    assert live.flags() == rules.check(drawing.areas)


def test_by_urgency_puts_the_most_urgent_first_and_keeps_ties_in_order(
    rules: RedFlagRules,
) -> None:
    from bodymap.redflags import by_urgency

    calf, flank, heart = (
        next(f for f in rules.flags if f.id == i) for i in ("calf", "flank", "left_arm_or_jaw")
    )
    legs, saddle = (next(f for f in rules.flags if f.id == i) for i in ("both_legs", "saddle"))
    assert by_urgency([flank, saddle, calf, legs, heart]) == [heart, saddle, legs, calf, flank]


# -- titles name the places marked -----------------------------------------------------


def titles(bm: BodyMap, rules: RedFlagRules, *marks: str) -> list[str]:
    drawing, _ = bm.drawing(bm.marks(list(marks)))
    return [flag.title for flag in rules.check(drawing.areas)]


@pytest.mark.parametrize(
    ("marks", "title"),
    [
        (["anterior:left-anterior-arm"], "Pain in the left arm"),
        (["posterior:left-elbow"], "Pain in the left arm"),
        (["anterior:chin"], "Pain in the jaw"),
        (["right-lateral:312,228"], "Pain in the jaw"),
        (["anterior:left-chest"], "Pain in the chest"),
        (["anterior:left-anterior-arm", "anterior:chin"], "Pain in the left arm and the jaw"),
        (
            ["anterior:chin", "anterior:sternum", "posterior:left-elbow"],
            "Pain in the chest, the left arm and the jaw",
        ),
        (["posterior:left-calf-mid"], "Pain in the left calf"),
        (["posterior:right-calf-mid"], "Pain in the right calf"),
        (["posterior:left-flank"], "Pain in the left side (flank)"),
        (["posterior:left-flank", "posterior:right-flank"], "Pain in both sides (flank)"),
        (["posterior:coccyx"], "Pain in the saddle area"),
    ],
    ids=lambda v: "+".join(v) if isinstance(v, list) else v,
)
def test_a_flag_title_names_the_place_marked(
    bm: BodyMap, rules: RedFlagRules, marks: list[str], title: str
) -> None:
    assert titles(bm, rules, *marks) == [title]


def test_both_calves_are_named_together_beside_the_both_legs_warning(
    bm: BodyMap, rules: RedFlagRules
) -> None:
    both = titles(bm, rules, "posterior:left-calf-mid", "posterior:right-calf-mid")
    assert both == ["Pain in both legs", "Pain in both calves"]  # most urgent first


def test_the_general_titles_are_kept_for_the_list_of_every_flag(rules: RedFlagRules) -> None:
    heart = next(f for f in rules.flags if f.id == "left_arm_or_jaw")
    assert heart.title == "Pain in the chest, left arm or jaw" and heart.places == ()


def test_views_without_regions_are_ignored(rules: RedFlagRules) -> None:
    assert rules.check({"dorsal": Point(400, 900).buffer(50)}) == []


# -- malformed files -------------------------------------------------------------------


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / RED_FLAGS_FILE
    path.write_text(SHIPPED.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def _replace_first(path: Path, startswith: str, new: str) -> int:
    """Replace the first line that starts (after indentation) with ``startswith``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if line.strip().startswith(startswith))
    indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
    lines[at] = indent + new
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return at + 1


def _error(path: Path) -> DataError:
    with pytest.raises(DataError) as info:
        load_red_flags(path)
    assert info.value.path == path
    assert "\n" not in str(info.value)
    return info.value


def test_a_polygon_of_two_points_names_file_and_line(broken: Path) -> None:
    line = _replace_first(broken, "polygon:", "polygon: [[381, 792], [386, 800]]")
    err = _error(broken)
    assert err.line == line and "at least 3" in str(err)
    assert str(err).startswith(f"{broken}:{line}: ")


def test_an_unknown_view_names_file_and_line(broken: Path) -> None:
    line = _replace_first(broken, "view: anterior", "view: anteror")
    err = _error(broken)
    assert err.line == line
    assert "unknown view 'anteror'" in str(err) and "did you mean: anterior" in str(err)


def test_a_yaml_syntax_error_names_file_and_line(broken: Path) -> None:
    line = _replace_first(broken, "title: Pain in the calf", "title: [Pain in the calf")
    err = _error(broken)
    assert "YAML syntax error" in str(err) and err.line is not None and err.line >= line


def test_an_unknown_key_names_file_and_line(broken: Path) -> None:
    line = _replace_first(broken, "min_overlap: 50", "min_overlap_units: 50")
    err = _error(broken)
    assert err.line == line and "unknown key 'min_overlap_units'" in str(err)


@pytest.mark.parametrize(
    ("polygon", "message"),
    [
        ("[[381, 792], [800, 792], [800, 900]]", "outside the posterior frame"),
        ("[[400, 800], [500, 900], [500, 800], [400, 900]]", "not a simple shape"),
        ("[[400, 800], [450, 800], [500, 800]]", "not a simple shape"),
    ],
)
def test_a_bad_polygon_names_file_and_line(broken: Path, polygon: str, message: str) -> None:
    line = _replace_first(broken, "polygon:", f"polygon: {polygon}")
    err = _error(broken)
    assert err.line == line and message in str(err)


def test_a_polygon_off_the_body_is_refused_given_the_atlas(bm: BodyMap, broken: Path) -> None:
    line = _replace_first(broken, "polygon:", "polygon: [[5, 5], [40, 5], [40, 40]]")
    with pytest.raises(DataError, match="misses the body") as info:
        load_red_flags(broken, bm.atlas)
    assert info.value.line == line


def test_a_flag_defined_twice_is_refused(broken: Path) -> None:
    line = _replace_first(broken, "- id: saddle", "- id: both_legs")
    err = _error(broken)
    assert err.line == line and "defined twice" in str(err)


def test_each_needs_two_groups(broken: Path) -> None:
    text = broken.read_text(encoding="utf-8").replace("group: left-leg", "group: right-leg")
    broken.write_text(text, encoding="utf-8")
    assert "at least two groups" in str(_error(broken))


def test_places_must_name_the_flags_own_groups(broken: Path) -> None:
    line = _replace_first(broken, "left-arm: the left arm", "left-arms: the left arm")
    err = _error(broken)
    assert err.line == line
    assert "group 'left-arms', which has no regions" in str(err) and "left-arm" in str(err)


def test_places_must_give_words_for_every_group(broken: Path) -> None:
    text = broken.read_text(encoding="utf-8").replace("      jaw: the jaw\n", "", 1)
    broken.write_text(text, encoding="utf-8")
    assert "no words for the group(s) 'jaw'" in str(_error(broken))


def test_an_urgency_below_one_is_refused(broken: Path) -> None:
    line = _replace_first(broken, "urgency: 1", "urgency: 0")
    err = _error(broken)
    assert err.line == line and "urgency" in str(err)


def test_bodymap_check_reports_bad_places(broken: Path) -> None:
    _replace_first(broken, "left-arm: the left arm", "left-arms: the left arm")
    result = subprocess.run(
        [sys.executable, "-m", "bodymap", "check", str(broken)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert f"{broken}:" in result.stderr and "'left-arms'" in result.stderr


def test_a_missing_file_is_a_data_error(tmp_path: Path) -> None:
    assert "not found" in str(_error(tmp_path / RED_FLAGS_FILE))


# -- Qt-free ---------------------------------------------------------------------------


def test_checking_red_flags_does_not_import_qt() -> None:
    code = (
        "import sys\n"
        "from bodymap import BodyMap\n"
        "from bodymap.redflags import load_red_flags\n"
        "from bodymap.data.resources import default_data_root\n"
        "bm = BodyMap.load()\n"
        "rules = load_red_flags(default_data_root() / 'assets' / 'red-flags.yaml', bm.atlas)\n"
        "drawing, _ = bm.drawing(bm.marks(['posterior:left-calf-mid']))\n"
        "assert [f.id for f in rules.check(drawing.areas)] == ['calf']\n"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
