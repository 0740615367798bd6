"""Every kind of bad data file gives one line naming the file, the line and the problem.

Region files, landmark files, the SVG art and red-flags.yaml are broken in each way a
file can be broken. The loaders must answer with a :class:`DataError` (never another
exception, never a traceback), the window's lenient loading must skip a bad region file
and keep the others, and ``bodymap check`` must print one line per problem, each naming
its file, and exit with status 2.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from bodymap import BodyMap
from bodymap.atlas import Atlas
from bodymap.atlas_loader import load_atlas
from bodymap.catalogue_loader import load_catalogue, load_catalogue_lenient
from bodymap.cli import main
from bodymap.data.yamlfile import MAX_DEPTH, parse_yaml
from bodymap.errors import DataError, DataErrors
from bodymap.redflags import RED_FLAGS_FILE, load_red_flags

JARGON = (
    "Traceback",
    "pydantic",
    "Input should",
    "[Errno",
    "codec",
    "<unicode string>",
    " object at 0x",
)

REGION = "regions/gluteus_medius.yaml"
LANDMARKS = "assets/posterior.yaml"
ART = "assets/posterior.svg"
FLAGS = f"assets/{RED_FLAGS_FILE}"


def _plain(error: DataError, path: Path, words: str, line: int | None = None) -> None:
    """One readable line: ``path:line: problem``, in words, without Python's jargon."""
    text = str(error)
    assert "\n" not in text and "\r" not in text, text
    assert error.path == path, text
    assert text.startswith(f"{path}:"), text
    assert words in text, text
    if line is not None:
        assert error.line == line, text
        assert text.startswith(f"{path}:{line}: "), text
    assert not any(j in text for j in JARGON), text


def _problems(kind: str, root: Path, atlas: Atlas) -> list[DataError]:
    """Load the data of ``kind`` the way the app does; the problems it reports."""
    if kind == REGION:
        bad, good = root / REGION, root / "regions" / "piriformis.yaml"
        catalogue, skipped = load_catalogue_lenient(root / "regions", atlas, [bad, good])
        assert [m.id for m in catalogue] == ["piriformis"], "the good file still loads"
        assert skipped and {e.path for e in skipped} == {bad}
        with pytest.raises(DataErrors) as strict:
            load_catalogue(root / "regions", atlas, [bad, good])
        assert [str(e) for e in strict.value.errors] == [str(e) for e in skipped]
        return skipped
    with pytest.raises(DataError) as info:
        if kind == FLAGS:
            load_red_flags(root / FLAGS, atlas)
        else:
            load_atlas(root / "assets")
    return [info.value]


def _check(kind: str, root: Path, atlas: Atlas, words: str, line: int | None = None) -> None:
    problems = _problems(kind, root, atlas)
    assert any(words in str(e) for e in problems), [str(e) for e in problems]
    for error in problems:
        _plain(error, root / kind, "", None)
    _plain(next(e for e in problems if words in str(e)), root / kind, words, line)


def _break(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` in the file; the line it was on."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    at = text.index(old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text.count("\n", 0, at) + 1


# -- what can go wrong with any data file ---------------------------------------------

ALL_KINDS = [REGION, LANDMARKS, ART, FLAGS]
YAML_KINDS = [REGION, LANDMARKS, FLAGS]


def _symlink_loop(path: Path) -> None:
    path.unlink()
    path.symlink_to(path.name)


def _dangling(path: Path) -> None:
    path.unlink()
    path.symlink_to("nowhere.yaml")


def _folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


def _pipe(path: Path) -> None:
    """A named pipe: opening it would wait for a writer for ever."""
    path.unlink()
    os.mkfifo(path)


ANY_FILE: list[tuple[str, bytes | Callable[[Path], None], str, int | None]] = [
    ("an empty file", b"", "the file is empty", 1),
    ("only blanks", b"  \n\n", "the file is empty", 1),
    ("binary junk", bytes(range(256)) * 16, "not a text", 1),
    ("a NUL byte", b"schema_version: 1\n\nid: x\x00y\n", "binary data", 3),
    ("UTF-16", "schema_version: 1\n".encode("utf-16"), "it is UTF-16; save it as UTF-8", None),
    ("a huge file", b"#" * 3_000_000, "too large (3 MB; the limit is 2 MB)", None),
    ("a symlink loop", _symlink_loop, "cannot be read: symlink loop", None),
    ("a link to nothing", _dangling, "link to a file that does not exist", None),
    ("a folder", _folder, "is a folder, not a file", None),
    ("a named pipe", _pipe, "cannot be read: not a regular file", None),
]


@pytest.mark.parametrize("kind", ALL_KINDS)
@pytest.mark.parametrize(
    ("content", "words", "line"), [c[1:] for c in ANY_FILE], ids=[c[0] for c in ANY_FILE]
)
def test_any_data_file(
    bm: BodyMap,
    data_copy: Path,
    kind: str,
    content: bytes | Callable[[Path], None],
    words: str,
    line: int | None,
) -> None:
    path = data_copy / kind
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        content(path)
    _check(kind, data_copy, bm.atlas, words, line)


@pytest.mark.parametrize("kind", ALL_KINDS)
def test_a_file_that_cannot_be_read(
    bm: BodyMap, data_copy: Path, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Permission denied (simulated: root reads every file whatever its mode)."""
    path = data_copy / kind
    real_open = Path.open

    def refuse(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    _check(kind, data_copy, bm.atlas, "cannot be read: permission denied")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_a_file_without_read_permission(bm: BodyMap, data_copy: Path) -> None:
    path = data_copy / REGION
    path.chmod(0)
    try:
        _check(REGION, data_copy, bm.atlas, "cannot be read: permission denied")
    finally:
        path.chmod(0o644)


def _deep(levels: int) -> bytes:
    return b"schema_version: 1\nflags: " + b"[" * levels + b"]" * levels + b"\n"


YAML_FILE: list[tuple[str, bytes, str, int | None]] = [
    (
        "a YAML syntax error",
        b"schema_version: 1\nview: [posterior\nart: x\n",
        "YAML syntax error",
        3,
    ),
    ("a tab for indentation", b"schema_version: 1\nflags:\n\t- 1\n", "YAML syntax error", 3),
    (
        "a python object tag",
        b"schema_version: 1\nid: !!python/object/apply:os.system ['true']\n",
        "the tag '!!python/object/apply:os.system' is not allowed",
        2,
    ),
    (
        "a python name tag",
        b"schema_version: 1\nid: !!python/name:os.system\n",
        "the tag '!!python/name:os.system' is not allowed",
        2,
    ),
    (
        "a custom tag",
        b"schema_version: 1\n\nid: !shout hello\n",
        "the tag '!shout' is not allowed",
        3,
    ),
    (
        "Latin-1 text",
        "schema_version: 1\nname: Gluteus m\xe9dius\n".encode("latin-1"),
        "byte 0xe9 is not UTF-8 text",
        2,
    ),
    ("a control character", b"schema_version: 1\nname: a\x07b\n", "control character U+0007", 2),
    ("deep nesting", _deep(1000), "nested more than 100 levels deep", 2),
    (
        "an alias bomb",
        b"a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + b"".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n".encode()
            for i in range(6)
        ),
        "holds more than 200,000 values",
        None,
    ),
    (
        "two documents",
        b"schema_version: 1\n---\nschema_version: 1\n",
        "more than one YAML document",
        2,
    ),
    (
        "a key twice",
        b"schema_version: 1\nid: a\nid: b\n",
        "key 'id' is defined twice (first at line 2)",
        3,
    ),
    ("a list, not keys", b"- schema_version\n- 1\n", "should hold keys and values (a mapping)", 1),
]


@pytest.mark.parametrize("kind", YAML_KINDS)
@pytest.mark.parametrize(
    ("content", "words", "line"), [c[1:] for c in YAML_FILE], ids=[c[0] for c in YAML_FILE]
)
def test_any_yaml_file(
    bm: BodyMap, data_copy: Path, kind: str, content: bytes, words: str, line: int | None
) -> None:
    (data_copy / kind).write_bytes(content)
    _check(kind, data_copy, bm.atlas, words, line)


def test_a_python_tag_runs_nothing(bm: BodyMap, data_copy: Path) -> None:
    marker = data_copy / "pwned"
    path = data_copy / REGION
    _break(
        path, "name: Gluteus medius", f"name: !!python/object/apply:os.system ['touch {marker}']"
    )
    _check(REGION, data_copy, bm.atlas, "is not allowed: data files hold plain values", 3)
    assert not marker.exists()


PARSERS = [
    pytest.param(yaml.SafeLoader, id="python-parser"),
    pytest.param(
        getattr(yaml, "CSafeLoader", None),
        id="libyaml",
        marks=pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml"),
    ),
]


@pytest.mark.parametrize("levels", [101, 999, 1001, 5000, 100_000])
@pytest.mark.parametrize("loader", PARSERS)
def test_deep_nesting_reads_the_same_whichever_parser_stops_it(
    tmp_path: Path, loader: type, levels: int
) -> None:
    """PyYAML 6.0.4's libyaml refuses more than 1000 levels itself, before our builder
    sees them; older ones and the pure-Python parser leave it to the builder. Either way
    the reader gets one sentence with the file and the line, never libyaml's words."""
    path = tmp_path / "deep.yaml"
    text = _deep(levels).decode()
    with pytest.raises(DataError) as caught:
        parse_yaml(path, text, loader)
    assert str(caught.value) == f"{path}:2: nested more than {MAX_DEPTH} levels deep"


def test_nesting_at_the_limit_is_read(tmp_path: Path) -> None:
    data = parse_yaml(tmp_path / "ok.yaml", _deep(MAX_DEPTH - 1).decode()).data
    assert data["schema_version"] == 1


# -- region files -------------------------------------------------------------------

GMED_SITE = "posterior: [446, 648]"
GMED_SPILL = "polygon: [[386, 586], [414, 584], [424, 626], [388, 636]]"
GMED_RARE = "[[372, 728], [392, 728], [394, 758], [374, 758]]"

REGION_CASES: list[tuple[str, str, str, str]] = [
    (
        "wrong type: text for a number",
        GMED_SITE,
        "posterior: [446, abc]",
        "expected a number, not 'abc'",
    ),
    ("wrong type: a word for a list", GMED_SPILL, "polygon: here", "expected a list, not 'here'"),
    (
        "wrong type: yes-no",
        "trigger_points:\n  - id: trp1",
        "trigger_points:\n  - id: trp1\n    crosses_midline: maybe",
        "expected true or false, not 'maybe'",
    ),
    (
        "a point of three numbers",
        GMED_SITE,
        "posterior: [446, 648, 3]",
        "a point is two numbers, [x, y], not 3",
    ),
    ("a number too large", GMED_SITE, "posterior: [446e9, 648]", "must be at most 10000"),
    ("not a number", GMED_SITE, "posterior: [.nan, 648]", "expected a finite number"),
    (
        "a misspelt choice",
        "kind: essential",
        "kind: esential",
        "not 'esential' (did you mean: essential?)",
    ),
    (
        "an unknown key",
        GMED_SPILL,
        GMED_SPILL.replace("polygon", "polgon"),
        "unknown key 'polgon' in trigger_points.0.zones.1 (did you mean: polygon?)",
    ),
    ("a bad id", "id: trp1", "id: TrP 1", "'TrP 1' is not allowed here: use lower-case letters"),
    ("an empty name", "name: Gluteus medius", "name: ''", "name: must not be empty"),
    (
        "a polygon of two points",
        GMED_SPILL,
        "polygon: [[386, 586], [414, 584]]",
        "a polygon needs at least 3 points, not 2",
    ),
    (
        "a polygon that crosses itself",
        GMED_SPILL,
        "polygon: [[386, 586], [424, 626], [414, 584], [388, 636]]",
        "the polygon is not a simple shape: it crosses itself at (",
    ),
    (
        "a polygon on one line",
        GMED_SPILL,
        "polygon: [[386, 586], [400, 600], [414, 614]]",
        "it has no area",
    ),
    (
        "a zone outside the body",
        GMED_RARE,
        "[[5, 5], [40, 5], [40, 40], [5, 40]]",
        "the zone lies outside the body",
    ),
    (
        "a site outside the body",
        GMED_SITE,
        "posterior: [5, 5]",
        "trigger point site (5, 5) lies outside the body",
    ),
    (
        "a trigger point id twice",
        "  - id: trp2",
        "  - id: trp1",
        "trigger point id 'trp1' is defined twice (first at line 10)",
    ),
    (
        "an undefined source",
        "sources: [s26, s13, s27, seed-001]",
        "sources: [s26, s99]",
        "source 's99' is not defined under 'sources'",
    ),
    (
        "a view name that does not exist",
        "view: posterior",
        "view: back",
        "expected one of 'posterior', 'anterior'",
    ),
    (
        "an id that is not the file name",
        "id: gluteus_medius",
        "id: gluteus_mediu",
        "does not match the file name",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "words"), [c[1:] for c in REGION_CASES], ids=[c[0] for c in REGION_CASES]
)
def test_bad_region_file(bm: BodyMap, data_copy: Path, old: str, new: str, words: str) -> None:
    line = _break(data_copy / REGION, old, new) + new.count("\n")
    _check(REGION, data_copy, bm.atlas, words, line)


def test_a_missing_key_is_named_at_its_parent(bm: BodyMap, data_copy: Path) -> None:
    line = _break(data_copy / REGION, "    location: Just under", "    locaton: Just under")
    _check(REGION, data_copy, bm.atlas, "missing key 'trigger_points.0.location'", line - 2)
    _check(REGION, data_copy, bm.atlas, "unknown key 'locaton' in trigger_points.0", line)


def test_a_muscle_defined_twice_skips_the_second_file(bm: BodyMap, data_copy: Path) -> None:
    other = data_copy / "second" / "gluteus_medius.yaml"  # sorts after regions/
    other.parent.mkdir()
    shutil.copy(data_copy / REGION, other)
    files = [data_copy / REGION, other]
    catalogue, skipped = load_catalogue_lenient(data_copy / "regions", bm.atlas, files)
    assert [m.id for m in catalogue] == ["gluteus_medius"]
    assert catalogue.muscle("gluteus_medius").path == data_copy / REGION
    assert len(skipped) == 1
    _plain(
        skipped[0],
        other,
        f"muscle id 'gluteus_medius' is defined twice (also in {data_copy / REGION})",
        2,
    )
    with pytest.raises(DataErrors, match="defined twice"):
        load_catalogue(data_copy / "regions", bm.atlas, files)


def test_the_window_keeps_the_good_files_and_lists_the_bad_ones(
    bm: BodyMap, data_copy: Path
) -> None:
    regions = data_copy / "regions"
    _break(regions / "piriformis.yaml", "name: Piriformis", "name: [Piriformis")
    (regions / "soleus.yaml").write_bytes(b"\x00\x01\x02")
    (regions / "popliteus.yaml").write_text("")
    catalogue, skipped = load_catalogue_lenient(regions, bm.atlas)
    assert {e.path.name for e in skipped} == {"piriformis.yaml", "soleus.yaml", "popliteus.yaml"}
    assert len(catalogue) == len(list(regions.glob("*.yaml"))) - 3
    assert "piriformis" not in catalogue and "gluteus_medius" in catalogue
    app = BodyMap(bm.atlas, catalogue, data_copy, None)
    ranked = app.rank(["posterior:right-psis"], top=3)
    assert ranked and all(c.muscle not in ("piriformis", "soleus", "popliteus") for c in ranked)


def test_no_region_files_is_one_problem_not_a_crash(bm: BodyMap, tmp_path: Path) -> None:
    catalogue, skipped = load_catalogue_lenient(tmp_path, bm.atlas)
    assert len(catalogue) == 0
    _plain(skipped[0], tmp_path, "no region files (*.yaml) found")


def test_editor_lock_files_are_not_region_files(bm: BodyMap, data_copy: Path) -> None:
    lock = data_copy / "regions" / ".#gluteus_medius.yaml"
    lock.symlink_to("user@host.1234")  # what Emacs leaves while a file is being edited
    catalogue, skipped = load_catalogue_lenient(data_copy / "regions", bm.atlas)
    assert skipped == [] and "gluteus_medius" in catalogue


def _muscle_file(data_copy: Path, muscle_id: str) -> Path:
    path = data_copy / "regions" / f"{muscle_id}.yaml"
    text = (data_copy / REGION).read_text(encoding="utf-8")
    path.write_text(text.replace("id: gluteus_medius", f"id: {muscle_id}"), encoding="utf-8")
    return path


def test_a_card_naming_a_skipped_muscle_keeps_its_own_file(
    bm: BodyMap, data_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Strict: a card naming an unknown muscle is an error. Lenient: the named file may
    just be one that was skipped, so nothing more is skipped."""
    new = _muscle_file(data_copy, "gluteus_novus")
    _break(new, "name: Gluteus medius", "name: [broken")
    _break(data_copy / REGION, "check_also: [", "check_also: [gluteus_novus, ")
    with caplog.at_level(logging.WARNING):
        catalogue, skipped = load_catalogue_lenient(data_copy / "regions", bm.atlas)
    assert {e.path for e in skipped} == {new}
    assert "gluteus_medius" in catalogue
    assert not caplog.records
    with pytest.raises(DataErrors) as info:
        load_catalogue(data_copy / "regions", bm.atlas)
    assert any("unknown muscle id 'gluteus_novus'" in str(e) for e in info.value.errors)


def test_a_card_naming_no_muscle_at_all_is_a_warning_when_lenient(
    bm: BodyMap, data_copy: Path, caplog: pytest.LogCaptureFixture
) -> None:
    line = _break(data_copy / REGION, "check_also: [", "check_also: [glutues_minimus, ")
    with caplog.at_level(logging.WARNING):
        catalogue, skipped = load_catalogue_lenient(data_copy / "regions", bm.atlas)
    assert skipped == [] and "gluteus_medius" in catalogue
    assert [r.getMessage() for r in caplog.records] == [
        f"{data_copy / REGION}:{line}: unknown muscle id 'glutues_minimus'"
        " (did you mean: gluteus_minimus, gluteus_maximus, gluteus_medius?)"
    ]


# -- landmark files, art and red flags (a bad view is fatal, in one line) ---------------

LANDMARK_CASES: list[tuple[str, str, str, str]] = [
    (
        "wrong type",
        "midline_x: 380",
        "midline_x: middle",
        "midline_x: expected a number, not 'middle'",
    ),
    ("an unknown key", "labels:", "lables:", "unknown key 'lables' (did you mean: labels?)"),
    (
        "a landmark outside the body",
        "  psis: [429, 666]",
        "  psis: [729, 666]",
        "landmark 'right-psis' at (729, 666) lies outside the body",
    ),
    (
        "an unknown landmark",
        "  [c7, t12,",
        "  [c7, t21,",
        "unknown landmark 't21' in labels (did you mean: t12",
    ),
    (
        "a landmark twice",
        "  psis: [429, 666]",
        "  psis: [429, 666]\n  psis: [430, 666]",
        "key 'psis' is defined twice",
    ),
    (
        "a polygon-like point",
        "  psis: [429, 666]",
        "  psis: [429]",
        "a point is two numbers, [x, y], not 1",
    ),
    (
        "art outside the folder",
        "art: posterior.svg",
        "art: ../../etc/passwd",
        "is not an art file name",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "words"), [c[1:] for c in LANDMARK_CASES], ids=[c[0] for c in LANDMARK_CASES]
)
def test_bad_landmark_file(bm: BodyMap, data_copy: Path, old: str, new: str, words: str) -> None:
    line = _break(data_copy / LANDMARKS, old, new) + new.count("\n")
    _check(LANDMARKS, data_copy, bm.atlas, words, line)


def test_a_missing_landmark_key_names_the_file(bm: BodyMap, data_copy: Path) -> None:
    _break(data_copy / LANDMARKS, "art: posterior.svg\n", "")
    first = _break(data_copy / LANDMARKS, "schema_version: 1", "schema_version: 1")
    _check(LANDMARKS, data_copy, bm.atlas, "missing key 'art'", first)


NS = 'xmlns="http://www.w3.org/2000/svg"'
ART_CASES: list[tuple[str, str, str, int | None]] = [
    ("not XML", "hello, world", "not valid SVG: syntax error", 1),
    ("cut short", f'<svg {NS} viewBox="0 0 760 1500">\n<path', "not valid SVG: unclosed token", 2),
    ("not SVG", "<html></html>", "not an SVG drawing: the top element is <html>", None),
    (
        "no viewBox",
        f'<svg {NS}><path id="body-outline" d="M0 0 L9 0 L9 9 Z"/></svg>',
        "needs a viewBox",
        None,
    ),
    ("no outline", f'<svg {NS} viewBox="0 0 760 1500"/>', 'no <path id="body-outline">', None),
    (
        "an outline of two points",
        f'<svg {NS} viewBox="0 0 760 1500"><path id="body-outline" d="M0 0 L9 0 Z"/></svg>',
        "at least 3 distinct points",
        None,
    ),
    (
        "an outline that crosses itself",
        f'<svg {NS} viewBox="0 0 760 1500"><path id="body-outline" d="M0 0 L700 1400 L700 0 L0 1400 Z"/></svg>',
        "the outline is not a simple shape: it crosses itself at (350, 700)",
        None,
    ),
    (
        "bad path data",
        f'<svg {NS} viewBox="0 0 760 1500"><path id="body-outline" d="M0 0 Q what"/></svg>',
        "cannot parse the outline path",
        None,
    ),
    (
        "an entity bomb",
        '<?xml version="1.0"?>\n<!DOCTYPE s [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>\n<svg>&b;</svg>',
        "entity declarations (<!ENTITY) are not allowed",
        2,
    ),
]


@pytest.mark.parametrize(
    ("content", "words", "line"), [c[1:] for c in ART_CASES], ids=[c[0] for c in ART_CASES]
)
def test_bad_art(bm: BodyMap, data_copy: Path, content: str, words: str, line: int | None) -> None:
    (data_copy / ART).write_text(content, encoding="utf-8")
    _check(ART, data_copy, bm.atlas, words, line)


def test_deeply_nested_art_is_read_without_recursion(bm: BodyMap, data_copy: Path) -> None:
    deep = "<g>" * 100_000 + "</g>" * 100_000
    (data_copy / ART).write_text(f'<svg {NS} viewBox="0 0 760 1500">{deep}</svg>')
    _check(ART, data_copy, bm.atlas, 'no <path id="body-outline">')


FIRST_POLYGON = "polygon: [[381, 792], [386, 800], [420, 810], [462, 808], [498, 786], [545, 780], [545, 1465], [381, 1465]]"
FLAG_CASES: list[tuple[str, str, str, str]] = [
    (
        "a polygon of two points",
        FIRST_POLYGON,
        "polygon: [[381, 792], [386, 800]]",
        "a polygon needs at least 3 points, not 2",
    ),
    (
        "a polygon that crosses itself",
        FIRST_POLYGON,
        "polygon: [[400, 800], [500, 900], [500, 800], [400, 900]]",
        "it crosses itself at (450, 850)",
    ),
    (
        "a polygon off the body",
        FIRST_POLYGON,
        "polygon: [[5, 5], [40, 5], [40, 40]]",
        "the polygon misses the body",
    ),
    ("a flag twice", "  - id: saddle", "  - id: both_legs", "flag 'both_legs' is defined twice"),
    ("an unknown view", "view: anterior", "view: front", "unknown view 'front'"),
    (
        "a misspelt key",
        "    min_overlap: 50",
        "    min_overlap_units: 50",
        "unknown key 'min_overlap_units' in flags.0 (did you mean: min_overlap?)",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "words"), [c[1:] for c in FLAG_CASES], ids=[c[0] for c in FLAG_CASES]
)
def test_bad_red_flags(bm: BodyMap, data_copy: Path, old: str, new: str, words: str) -> None:
    line = _break(data_copy / FLAGS, old, new)
    _check(FLAGS, data_copy, bm.atlas, words, line)


def test_without_its_red_flags_the_app_still_loads(bm: BodyMap, data_copy: Path) -> None:
    """The documented way for a caller to carry on without red flags."""
    (data_copy / FLAGS).write_bytes(b"\xff\xfe\x00")
    try:
        rules = load_red_flags(data_copy / FLAGS, bm.atlas)
    except DataError as problem:
        rules = None
        _plain(problem, data_copy / FLAGS, "UTF-16")
    assert rules is None
    catalogue, skipped = load_catalogue_lenient(data_copy / "regions", bm.atlas)
    assert skipped == [] and len(catalogue) == len(bm.catalogue)


# -- bodymap check ------------------------------------------------------------------


def _bad_files(folder: Path) -> list[Path]:
    """One bad file of each kind a user might hand to ``bodymap check``."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "syntax.yaml": b"schema_version: 1\nid: [syntax\n",
        "python.yaml": b"id: !!python/object/apply:os.system ['true']\n",
        "binary.yaml": bytes(range(256)) * 4,
        "empty.yaml": b"",
        "huge.yaml": b"#" * 2_500_000,
        "deep.yaml": b"[" * 100_000 + b"]" * 100_000,
        "posterior.yaml": b"schema_version: 1\nview: posterior\nart: posterior.svg\nmidline_x: x\n",
        "art.svg": b"<svg",
        RED_FLAGS_FILE: b"schema_version: 1\nflags: []\n",
    }
    paths = []
    for name, content in files.items():
        (folder / name).write_bytes(content)
        paths.append(folder / name)
    loop = folder / "loop.yaml"
    loop.symlink_to(loop.name)
    return [*paths, loop, folder / "missing.yaml"]


def _one_line_each(err: str, bad: list[Path]) -> None:
    lines = err.strip().splitlines()
    assert all(line.startswith("bodymap: ") for line in lines), err
    assert not any(j in err for j in JARGON), err
    for path in bad:
        assert sum(line.startswith(f"bodymap: {path}:") for line in lines) == 1, (path, err)
    assert len(lines) == len(bad), err


def test_check_prints_one_line_per_bad_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = _bad_files(tmp_path / "bad")
    good = tmp_path / "good" / "gluteus_medius.yaml"
    good.parent.mkdir()
    shutil.copy(Path(__file__).resolve().parent.parent / REGION, good)
    assert main(["check", str(good), *map(str, bad)]) == 2
    out, err = capsys.readouterr()
    _one_line_each(err, bad)
    assert str(good) not in err and out == ""


def test_check_in_a_real_process(tmp_path: Path) -> None:
    """The process is not taken down (100 000 nested lists once crashed the C parser)."""
    bad = _bad_files(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "bodymap", "check", *map(str, bad)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    _one_line_each(done.stderr, bad)


def test_check_of_a_data_folder_names_every_bad_file(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _break(data_copy / FLAGS, "    min_overlap: 50", "    min_overlap: lots")
    (data_copy / "regions" / "soleus.yaml").write_bytes(b"\x00")
    _break(data_copy / "regions" / "piriformis.yaml", "name: Piriformis", "nmae: Piriformis")
    assert main(["--data", str(data_copy), "check"]) == 2
    lines = capsys.readouterr().err.strip().splitlines()
    named = {line.split(":")[1].strip() for line in lines}
    assert named == {
        str(data_copy / FLAGS),
        str(data_copy / "regions" / "soleus.yaml"),
        str(data_copy / "regions" / "piriformis.yaml"),
    }, lines


def test_check_of_a_bad_view_is_one_line(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_copy / ART).write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert main(["--data", str(data_copy), "check"]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"bodymap: {data_copy / ART}:3: not a text (SVG) file: it holds binary data"
