"""The command line as docs/cli.md describes it, run as a user runs it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bodymap.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bodymap", *args], capture_output=True, text=True, timeout=120
    )


def test_rank_json_has_the_contract_shape() -> None:
    result = run("rank", "--at", "posterior:right-psis", "--json")
    assert result.returncode == 0, result.stderr
    ranking = json.loads(result.stdout)["ranking"]
    assert ranking
    for entry in ranking:
        assert {"muscle", "name", "side", "score"} <= entry.keys()
        assert entry["side"] in ("left", "right", "both")
        assert 0 <= entry["score"] <= 1
    scores = [e["score"] for e in ranking]
    assert scores == sorted(scores, reverse=True)
    assert ("gluteus_medius", "right") in [(e["muscle"], e["side"]) for e in ranking[:3]]


def test_rank_accepts_coordinates_strokes_radius_and_top(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(
        [
            "rank",
            "--at",
            "posterior:412.5,630",
            "--at",
            "posterior:430,700;450,720;470,760",
            "--radius",
            "25",
            "--top",
            "2",
            "--json",
        ]
    )
    assert code == 0
    assert len(json.loads(capsys.readouterr().out)["ranking"]) == 2


@pytest.mark.parametrize(
    ("mark", "words"),
    [
        ("posterior:right-pisis", ["unknown landmark 'right-pisis'", "right-psis"]),
        ("posterier:right-psis", ["unknown view 'posterier'", "posterior"]),
        ("posterior:12,x", ["malformed coordinate '12,x'"]),
        ("posterior", ["malformed mark"]),
    ],
)
def test_bad_marks_print_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], mark: str, words: list[str]
) -> None:
    assert main(["rank", "--at", mark]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    for w in words:
        assert w in err


def test_mark_outside_the_body_is_dropped_with_a_warning(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["rank", "--at", "posterior:5,5", "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out) == {"ranking": [], "notes": [], "red_flags": []}
    assert "outside the body" in captured.err


def test_marks_outside_the_body_are_summed_up_in_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    outside = ["posterior:5,5", "posterior:8,1400", "anterior:750,20"]
    args = [a for m in outside for a in ("--at", m)]
    assert main(["rank", *args, "--at", "posterior:right-psis", "--json"]) == 0
    captured = capsys.readouterr()
    assert captured.err.splitlines() == ["bodymap: 3 marks lie outside the body and were left out"]
    assert json.loads(captured.out)["ranking"]  # the mark on the body is still ranked
    assert main(["rank", "--at", "posterior:5,5"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "bodymap: a mark at posterior:5,5 lies outside the body and was left out"
    ]


@pytest.mark.parametrize(
    ("mark", "suggested"),
    [
        ("posterior:heel", "left-heel, right-heel"),
        ("posterior:psis", "left-psis, right-psis"),
        ("posterior:glutel-fold", "left-gluteal-fold, right-gluteal-fold"),
        ("anterior:hip", "left-anterior-hip, right-anterior-hip"),
        ("lateral:right-flank", "left-lateral, right-lateral"),
    ],
)
def test_a_name_without_a_side_is_offered_both_sides(
    capsys: pytest.CaptureFixture[str], mark: str, suggested: str
) -> None:
    assert main(["rank", "--at", mark]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert f"(did you mean: {suggested}" in err


def test_a_sided_or_midline_misspelling_keeps_its_closest_names(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["rank", "--at", "posterior:right-hel"]) == 2
    assert "(did you mean: right-heel," in capsys.readouterr().err
    assert main(["rank", "--at", "posterior:sacrm"]) == 2
    assert "(did you mean: sacrum" in capsys.readouterr().err


COMMANDS = ["gui", "rank", "landmarks", "muscles", "check", "render", "schema"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_s_help_has_a_description_and_examples(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0, result.stderr
    usage, description, *_rest = result.stdout.split("\n\n")
    assert usage.startswith(f"usage: bodymap {command}")
    assert len(description.split()) >= 8  # a sentence, not the options list
    assert not description.lstrip().startswith(("options:", "positional"))
    examples = result.stdout.split("examples:\n", 1)[1]
    lines = [line.strip() for line in examples.splitlines() if line.strip()]
    assert lines and all(line.startswith(f"bodymap {command}") for line in lines)
    assert "  bodymap" in examples  # kept as written: one example a line, indented


def test_the_top_level_help_lists_every_command_with_an_example() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in COMMANDS:
        assert command in result.stdout
    assert "examples:\n  bodymap" in result.stdout


def test_unreadable_session_file_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["rank", "--session", str(tmp_path / "missing.bodymap")]) == 2
    err = capsys.readouterr().err
    assert "missing.bodymap" in err and len(err.strip().splitlines()) == 1


def test_landmarks_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["landmarks", "--view", "posterior", "--json"]) == 0
    items = json.loads(capsys.readouterr().out)["landmarks"]
    psis = next(i for i in items if i["name"] == "right-psis")
    assert (
        psis["view"] == "posterior"
        and isinstance(psis["x"], float)
        and isinstance(psis["y"], float)
    )


def test_muscles_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["muscles", "--json"]) == 0
    muscles = json.loads(capsys.readouterr().out)["muscles"]
    gmed = next(m for m in muscles if m["id"] == "gluteus_medius")
    assert gmed["name"] == "Gluteus medius" and "posterior" in gmed["views"]


def test_check_passes_on_shipped_data_and_names_the_file_for_bad_data(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check"]) == 0
    assert "ok" in capsys.readouterr().out
    bad = tmp_path / "piriformis.yaml"
    bad.write_text(
        "schema_version: 1\nid: piriformis\nname: Piriformis\nregion: hip\ncolour: red\n"
    )
    assert main(["check", str(bad)]) == 2
    err = capsys.readouterr().err
    assert f"{bad}:5: unknown key 'colour'" in err
    assert "missing key 'trigger_points'" in err


def test_render_writes_png_svg_and_pdf(tmp_path: Path) -> None:
    for suffix, magic in ((".png", b"\x89PNG"), (".svg", b"<?xml"), (".pdf", b"%PDF")):
        out = tmp_path / f"map{suffix}"
        result = run(
            "render",
            "--at",
            "posterior:right-psis",
            "--muscle",
            "gluteus_medius:right",
            "--out",
            str(out),
        )
        assert result.returncode == 0, result.stderr
        assert out.read_bytes().startswith(magic)


def test_render_rejects_an_unknown_muscle(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["render", "--muscle", "gluteus_medus", "--out", str(tmp_path / "x.png")]) == 2
    assert "gluteus_medius" in capsys.readouterr().err


def test_a_big_brush_where_hand_meets_thigh_ranks_without_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Clipping this disc to the outline once left a line beside the polygon (review find).
    assert main(["rank", "--radius", "40", "--at", "posterior:567.1675,754.4222", "--json"]) == 0
    assert "ranking" in json.loads(capsys.readouterr().out)


def exit_code(args: list[str]) -> int:
    """main()'s status, whether it returns it or argparse exits with it."""
    try:
        return main(args)
    except SystemExit as exc:
        return int(exc.code or 0)


@pytest.mark.parametrize(
    "args",
    [
        ["rank", "--at", "posterior:1e308,1e308;-1e308,-1e308"],
        ["rank", "--at", "posterior:1e999,5"],
        ["rank", "--at", "posterior:right-psis", "--radius", "inf"],
        ["rank", "--at", "posterior:right-psis", "--radius", "1e308"],
        ["rank", "--at", "posterior:right-psis", "--top", "0"],
    ],
)
def test_out_of_range_numbers_are_user_errors(
    capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    assert exit_code(args) == 2
    err = capsys.readouterr().err
    assert (
        len(err.strip().splitlines()) == 1
        and "Traceback" not in err
        and "internal error" not in err
    )


def test_render_into_a_missing_folder_is_one_clear_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "missing" / "map.svg"
    assert main(["render", "--muscle", "soleus", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not exist" in err


def test_check_recognises_a_landmark_file(capsys: pytest.CaptureFixture[str]) -> None:
    from bodymap.data.resources import default_data_root

    assets = default_data_root() / "assets"
    assert main(["check", str(assets / "posterior.yaml")]) == 0
    assert main(["check", str(assets)]) == 0
    assert "ok: 1 file(s) checked" in capsys.readouterr().out


def test_check_names_the_file_of_deeply_nested_yaml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = tmp_path / "deep.yaml"
    deep.write_text("[" * 5000 + "]" * 5000 + "\n")
    assert main(["check", str(deep)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(deep) in err[0] and "nested" in err[0]


def test_a_reader_that_stops_early_gets_no_error_message() -> None:
    """`bodymap rank ... | head -1`: the pipe closes before bodymap writes."""
    with subprocess.Popen(
        [sys.executable, "-m", "bodymap", "rank", "--at", "posterior:right-psis", "--top", "30"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as child:
        assert child.stdout is not None and child.stderr is not None
        child.stdout.close()  # long before the engine has loaded
        err = child.stderr.read().decode()
        child.wait(timeout=120)
    assert err == ""
    assert child.returncode == 2


def test_schema_is_published_and_every_shipped_region_file_meets_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    import jsonschema
    import yaml

    from bodymap.data.resources import default_data_root

    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert {"id", "trigger_points", "card", "sources"} <= set(schema["required"])
    docs = Path(__file__).resolve().parent.parent / "docs" / "region.schema.json"
    assert json.loads(docs.read_text()) == schema, "run: bodymap schema > docs/region.schema.json"
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted((default_data_root() / "regions").glob("*.yaml"))
    assert len(files) >= 28
    for path in files:
        errors = list(validator.iter_errors(yaml.safe_load(path.read_text())))
        assert not errors, f"{path.name}: {errors[0].message}"
    bad = {"schema_version": 1, "id": "x", "colour": "red"}
    assert any("colour" in e.message for e in validator.iter_errors(bad))


def test_rank_names_the_warning_signs_for_where_the_pain_is(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["rank", "--at", "posterior:left-calf-mid", "--json"]) == 0
    flags = json.loads(capsys.readouterr().out)["red_flags"]
    assert [f["id"] for f in flags] == ["calf"]
    assert main(["rank", "--at", "posterior:right-psis"]) == 0
    assert "See a doctor:" not in capsys.readouterr().out
    assert main(["rank", "--at", "posterior:left-calf-mid"]) == 0
    assert "See a doctor: Pain in the left calf." in capsys.readouterr().out


def test_rank_json_flags_name_the_places_marked_most_urgent_first(
    capsys: pytest.CaptureFixture[str],
) -> None:
    marks = ["posterior:left-flank", "anterior:left-anterior-arm", "anterior:chin"]
    assert main(["rank", *(a for m in marks for a in ("--at", m)), "--json"]) == 0
    flags = json.loads(capsys.readouterr().out)["red_flags"]
    assert [(f["id"], f["title"], f["places"]) for f in flags] == [
        ("left_arm_or_jaw", "Pain in the left arm and the jaw", ["the left arm", "the jaw"]),
        ("flank", "Pain in the left side (flank)", ["the left side (flank)"]),
    ]
    assert [f["urgency"] for f in flags] == [1, 4]


def test_check_validates_the_red_flags_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "red-flags.yaml"
    bad.write_text("flags:\n  - id: calf\n    title: Calf\n")
    assert main(["check", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert str(bad) in err and err.count("\n") < 5
