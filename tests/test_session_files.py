"""Bad session files: every one is refused with one plain message and one technical line.

For each kind of bad file (empty, binary, cut short, the wrong JSON, a newer or a
nonsense version, wrong types, NaN and infinities, huge numbers, unknown views, millions
of points, deep nesting, a folder, a missing or unreadable file) the same three promises
hold:

* ``load_session`` raises :class:`SessionError`: ``str()`` is one line that starts with
  the file's path (and the line, where the JSON parser knows it), ``.plain`` is one of
  the few messages a patient can read;
* ``bodymap rank --session FILE`` exits with status 2 and prints exactly that one line;
* the window says the plain message, puts the technical line one click away (the
  details), and keeps the drawing that was open.

Marks wholly outside the body are not an error: they are left out, and the window and
the command line say how many.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bodymap import BodyMap
from bodymap.cli import main
from bodymap.errors import SessionError
from bodymap.files.session import (
    DAMAGED,
    MAX_BYTES,
    MAX_POINTS,
    MISSING,
    NEWER,
    NOT_A_SESSION,
    TOO_LARGE,
    UNREADABLE,
    Session,
    load_session,
    parse_session,
    save_session,
)
from bodymap.kinds import Intensity
from bodymap.marks import Mark

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "pseudo-sciatica.bodymap"

PATIENT_MESSAGES = {NOT_A_SESSION, DAMAGED, NEWER, TOO_LARGE, MISSING, UNREADABLE}
"""Everything a patient may be told about a file that does not open."""

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


# ----- building bad files -----------------------------------------------------------


def a_mark(**changes: Any) -> dict[str, Any]:
    mark: dict[str, Any] = {
        "view": "posterior",
        "points": [[429, 666], [440, 700]],
        "radius": 18,
        "erase": False,
        "intensity": "severe",
    }
    mark.update(changes)
    return mark


def a_session(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": "bodymap-session",
        "schema_version": 2,
        "saved_at": "2026-11-21T10:00:00+00:00",
        "marks": [a_mark()],
        "selected": None,
        "patient": "Jane Doe",
        "date": "2026-11-21",
        "notes": "worse on stairs",
    }
    data.update(changes)
    return data


def saved_text() -> str:
    """A real session as bodymap saves it: the pseudo-sciatica example, re-saved."""
    return json.dumps(json.loads(EXAMPLE.read_text(encoding="utf-8")), indent=2)


Build = Callable[[Path], Path]


def writes(content: bytes | str | dict[str, Any], name: str = "bad.bodymap") -> Build:
    def build(folder: Path) -> Path:
        path = folder / name
        if isinstance(content, dict):
            path.write_text(json.dumps(content), encoding="utf-8")
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        return path

    return build


def json_error_line(path: Path) -> int:
    """The line Python's JSON parser gives for the file's first error."""
    try:
        json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        return exc.lineno
    raise AssertionError(f"{path} is valid JSON")


def line_of(token: str | bytes) -> Callable[[Path], int]:
    """The line where ``token`` first appears in the file."""
    needle = token.encode() if isinstance(token, str) else token

    def find(path: Path) -> int:
        lines = path.read_bytes().splitlines()
        return next(i for i, line in enumerate(lines, 1) if needle in line)

    return find


def cut(fraction: float) -> Build:
    """The example session cut short after ``fraction`` of its characters."""

    def build(folder: Path) -> Path:
        text = saved_text()
        path = folder / "cut.bodymap"
        path.write_text(text[: max(1, int(len(text) * fraction))], encoding="utf-8")
        return path

    return build


def constant(token: str, where: str) -> Build:
    """A session with a NaN or Infinity token (Python's json reads them; JSON has none)."""

    def build(folder: Path) -> Path:
        mark = a_mark(points=[[429, 666], ["@@", 700]]) if where == "points" else a_mark()
        if where == "radius":
            mark["radius"] = "@@"
        text = json.dumps(a_session(marks=[a_mark(), mark]), indent=2)
        path = folder / "nan.bodymap"
        path.write_text(text.replace('"@@"', token), encoding="utf-8")
        return path

    return build


def bad_utf8_in_notes(folder: Path) -> Path:
    text = json.dumps(a_session(notes="@@"), indent=2).encode()
    path = folder / "latin1.bodymap"
    path.write_bytes(text.replace(b"@@", "caf\u00e9".encode("latin-1")))
    return path


def utf16(folder: Path) -> Path:
    path = folder / "utf16.bodymap"
    path.write_bytes(json.dumps(a_session()).encode("utf-16"))
    return path


def binary_junk(folder: Path) -> Path:
    path = folder / "photo.bodymap"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40)
    return path


def two_million_points(folder: Path) -> Path:
    """2,000,000 points in a compact file of 12 MB: under the size limit, over the
    point limit."""
    path = folder / "millions.bodymap"
    head = '{"format": "bodymap-session", "schema_version": 2, "marks": [{"view": "posterior", "points": ['
    path.write_text(head + ",".join(["[4,7]"] * 2_000_000) + "]}]}", encoding="utf-8")
    assert path.stat().st_size < MAX_BYTES
    return path


def many_marks(folder: Path) -> Path:
    path = folder / "many.bodymap"
    one = '{"view": "posterior", "points": [[400, 700]]}'
    path.write_text(
        '{"format": "bodymap-session", "schema_version": 2, "marks": ['
        + ",".join([one] * (MAX_POINTS + 1))
        + "]}",
        encoding="utf-8",
    )
    return path


def fifty_megabytes(folder: Path) -> Path:
    """A 50 MB file that starts like a session (the rest is never read)."""
    path = folder / "huge.bodymap"
    with path.open("wb") as f:
        f.write(b'{"format": "bodymap-session", "schema_version": 2, "notes": "')
        f.truncate(50_000_000)
    return path


def deep(prefix: str, depth: int) -> Build:
    return writes(prefix + "[" * depth + "]" * depth + ("}" if prefix else ""), "deep.bodymap")


def a_folder(folder: Path) -> Path:
    path = folder / "folder.bodymap"
    path.mkdir()
    return path


def missing(folder: Path) -> Path:
    return folder / "gone.bodymap"


def unreadable(folder: Path) -> Path:
    path = writes(a_session())(folder)
    path.chmod(0)
    return path


def a_pipe(folder: Path) -> Path:
    """A named pipe: opening it to read would wait for a writer forever."""
    path = folder / "pipe.bodymap"
    os.mkfifo(path)
    return path


@dataclass(frozen=True)
class Case:
    build: Build
    plain: str
    words: tuple[str, ...]  # in the technical line
    line: int | Callable[[Path], int] | None = None
    """The line the technical line names, where the JSON parser gives one."""


CASES: dict[str, Case] = {
    # Not a session at all.
    "empty file": Case(writes(b""), DAMAGED, ("the file is empty",)),
    "blank file": Case(writes(b" \n\n  "), DAMAGED, ("the file is blank",)),
    "binary junk": Case(binary_junk, NOT_A_SESSION, ("not UTF-8 text",), 1),
    "UTF-16 text": Case(utf16, NOT_A_SESSION, ("not UTF-8 text",), 1),
    "JSON list": Case(writes("[1, 2, 3]"), NOT_A_SESSION, ("not a bodymap session", "a list")),
    "JSON text": Case(writes('"hello"'), NOT_A_SESSION, ("not a bodymap session",)),
    "JSON null": Case(writes("null"), NOT_A_SESSION, ("not a bodymap session", "null")),
    "JSON number": Case(writes("42"), NOT_A_SESSION, ("not a bodymap session", "42")),
    "YAML file": Case(
        writes("id: gluteus_medius\nname: Gluteus medius\n"), NOT_A_SESSION, ("not valid JSON",), 1
    ),
    "no format tag": Case(
        writes({"schema_version": 2, "marks": []}), NOT_A_SESSION, ("no format tag",)
    ),
    "another format": Case(
        writes({"format": "inkscape-drawing", "schema_version": 2}),
        NOT_A_SESSION,
        ("'inkscape-drawing'",),
    ),
    # Damaged: cut short, bad bytes, nested without end.
    **{
        f"cut at {fraction:.1%}": Case(
            cut(fraction), DAMAGED, ("not valid JSON", "ends too early"), json_error_line
        )
        for fraction in (0.0, 0.1, 0.5, 0.9, 0.999)
    },
    "invalid UTF-8 in the notes": Case(
        bad_utf8_in_notes, DAMAGED, ("not UTF-8 text", "byte 0xe9"), line_of(b"caf\xe9")
    ),
    "a stray comma": Case(
        writes('{"format": "bodymap-session",, }'), DAMAGED, ("not valid JSON",), json_error_line
    ),
    "nested 100,000 deep": Case(deep("", 100_000), NOT_A_SESSION, ("nested too deeply",)),
    "nested 100,000 deep in a session": Case(
        deep('{"format": "bodymap-session", "schema_version": 2, "notes": ', 100_000),
        DAMAGED,
        ("nested too deeply",),
    ),
    "nested 500 deep in the notes": Case(
        deep('{"format": "bodymap-session", "schema_version": 2, "notes": ', 500),
        DAMAGED,
        ("notes: expected text, not a list",),
    ),
    # Versions.
    "newer version": Case(
        writes(a_session(schema_version=5)), NEWER, ("newer bodymap", "session version 5")
    ),
    "far newer version": Case(
        writes(a_session(schema_version=999, marks="anything")), NEWER, ("session version 999",)
    ),
    "no version": Case(
        writes({k: v for k, v in a_session().items() if k != "schema_version"}),
        DAMAGED,
        ("unsupported session version missing",),
    ),
    "version true": Case(
        writes(a_session(schema_version=True)), DAMAGED, ("unsupported session version True",)
    ),
    "version as text": Case(
        writes(a_session(schema_version="2")), DAMAGED, ("unsupported session version '2'",)
    ),
    "version 2.0": Case(
        writes(a_session(schema_version=2.0)), DAMAGED, ("unsupported session version 2.0",)
    ),
    "version 0": Case(
        writes(a_session(schema_version=0)), DAMAGED, ("unsupported session version 0",)
    ),
    "version of 5000 digits": Case(
        writes('{"format": "bodymap-session", "schema_version": 1' + "0" * 5000 + "}"),
        DAMAGED,
        ("unsupported session version",),
    ),
    # Wrong types and values.
    "marks is text": Case(writes(a_session(marks="many")), DAMAGED, ("marks: expected a list",)),
    "a mark is a number": Case(
        writes(a_session(marks=[a_mark(), 7])), DAMAGED, ("marks.1: expected a mark",)
    ),
    "a mark without points": Case(
        writes(a_session(marks=[{"view": "posterior"}])), DAMAGED, ("marks.0.points: missing",)
    ),
    "no points": Case(
        writes(a_session(marks=[a_mark(points=[])])), DAMAGED, ("marks.0.points", "empty list")
    ),
    "points as text": Case(
        writes(a_session(marks=[a_mark(points="429,666")])), DAMAGED, ("marks.0.points",)
    ),
    "a point of three numbers": Case(
        writes(a_session(marks=[a_mark(points=[[1, 2, 3]])])),
        DAMAGED,
        ("marks.0.points.0: expected a point [x, y]",),
    ),
    "a coordinate as text": Case(
        writes(a_session(marks=[a_mark(points=[[429, "666"]])])),
        DAMAGED,
        ("marks.0.points.0.1: expected a number, not the text '666'",),
    ),
    "a coordinate true": Case(
        writes(a_session(marks=[a_mark(points=[[True, 666]])])),
        DAMAGED,
        ("marks.0.points.0.0: expected a number, not true",),
    ),
    "radius as text": Case(
        writes(a_session(marks=[a_mark(radius="big")])), DAMAGED, ("marks.0.radius",)
    ),
    "erase as text": Case(
        writes(a_session(marks=[a_mark(erase="yes")])), DAMAGED, ("marks.0.erase",)
    ),
    "unknown intensity": Case(
        writes(a_session(marks=[a_mark(intensity="agony")])),
        DAMAGED,
        ("marks.0.intensity", "'agony'"),
    ),
    "unknown key": Case(writes(a_session(colour="red")), DAMAGED, ("colour: unknown key",)),
    "notes as a number": Case(writes(a_session(notes=5)), DAMAGED, ("notes: expected text",)),
    "patient as a list": Case(writes(a_session(patient=["Jane"])), DAMAGED, ("patient",)),
    "date in another format": Case(
        writes(a_session(date="21/11/2026")), DAMAGED, ("date: expected a date like",)
    ),
    "selected side up": Case(
        writes(a_session(selected={"muscle": "soleus", "side": "up"})),
        DAMAGED,
        ("selected.side",),
    ),
    # Numbers.
    "NaN coordinate": Case(
        constant("NaN", "points"), DAMAGED, ("NaN is not a number JSON allows",), line_of("NaN")
    ),
    "Infinity coordinate": Case(
        constant("Infinity", "points"), DAMAGED, ("Infinity",), line_of("Infinity")
    ),
    "-Infinity radius": Case(
        constant("-Infinity", "radius"), DAMAGED, ("-Infinity",), line_of("-Infinity")
    ),
    "NaN radius": Case(constant("NaN", "radius"), DAMAGED, ("NaN",), line_of("NaN")),
    "1e400 (beyond any float)": Case(
        writes(
            '{"format": "bodymap-session", "schema_version": 2, "marks": [{"view": "posterior", "points": [[1e400, 700]]}]}'
        ),
        DAMAGED,
        ("marks.0.points.0.0: the number is too large",),
    ),
    "a 400-digit coordinate": Case(
        writes(
            '{"format": "bodymap-session", "schema_version": 2, "marks": [{"view": "posterior", "points": [[1'
            + "0" * 400
            + ", 700]]}]}"
        ),
        DAMAGED,
        ("the number is too large",),
    ),
    "huge coordinates": Case(
        writes(a_session(marks=[a_mark(points=[[1e308, 1e308], [-1e308, -1e308]])])),
        DAMAGED,
        ("marks.0.points.0: coordinates must be numbers within ±100000",),
    ),
    "zero radius": Case(
        writes(a_session(marks=[a_mark(radius=0)])), DAMAGED, ("marks.0.radius", "not 0")
    ),
    "negative radius": Case(
        writes(a_session(marks=[a_mark(radius=-18)])), DAMAGED, ("marks.0.radius", "not -18")
    ),
    "a radius bigger than the frame x 10": Case(
        writes(a_session(marks=[a_mark(radius=1e6)])), DAMAGED, ("marks.0.radius",)
    ),
    # Views.
    "a mark on the pelvis view": Case(
        writes(a_session(marks=[a_mark(), a_mark(view="pelvis")])),
        DAMAGED,
        ("marks.1.view: unknown view 'pelvis'", "posterior, anterior"),
    ),
    # Too large.
    "2 million points": Case(
        two_million_points, TOO_LARGE, ("2,000,000 points", f"{MAX_POINTS:,}")
    ),
    "200,001 marks": Case(many_marks, TOO_LARGE, ("200,001 marks", f"{MAX_POINTS:,}")),
    "a 50 MB file": Case(fifty_megabytes, TOO_LARGE, ("50.0 MB", "20 MB")),
    # Not a file that can be read.
    "a folder": Case(a_folder, NOT_A_SESSION, ("is a folder",)),
    "a named pipe": Case(a_pipe, NOT_A_SESSION, ("not a regular file",)),
    "a missing file": Case(missing, MISSING, ("file not found",)),
    "an unreadable file": Case(
        unreadable, UNREADABLE, ("cannot read the file", "Permission denied")
    ),
}

ROOT_CANNOT_TEST = {"an unreadable file"}  # root reads any file


@pytest.fixture(params=sorted(CASES))
def case(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Case, Path]]:
    if request.param in ROOT_CANNOT_TEST and AS_ROOT:
        pytest.skip("running as root, which can read a file with no permissions")
    if request.param == "a named pipe" and not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    spec = CASES[request.param]
    path = spec.build(tmp_path)
    yield spec, path
    if path.exists() and not path.is_dir():
        path.chmod(0o600)


def technical_line(spec: Case, path: Path, text: str) -> None:
    """What a clinician or developer reads: one line, the file (and line), the problem."""
    assert "\n" not in text, text
    line = spec.line(path) if callable(spec.line) else spec.line
    where = f"{path}:{line}:" if line is not None else f"{path}:"
    assert text.startswith(where), f"expected {where!r} at the start of {text!r}"
    for words in spec.words:
        assert words in text, f"{words!r} not in {text!r}"
    assert len(text) < 400, text  # a one-liner, never a dump of the file


def plain_words(text: str) -> None:
    assert text in PATIENT_MESSAGES, text
    for jargon in ("JSON", "{", "marks.", "/", "schema", "UTF", "NaN", "Error"):
        assert jargon not in text


# ----- the three promises, for every case --------------------------------------------


def test_load_session_refuses_with_one_plain_and_one_technical_line(
    case: tuple[Case, Path],
) -> None:
    spec, path = case
    started = time.perf_counter()
    with pytest.raises(SessionError) as caught:
        load_session(path)
    elapsed = time.perf_counter() - started
    assert caught.value.plain == spec.plain
    plain_words(caught.value.plain)
    technical_line(spec, path, str(caught.value))
    assert elapsed < 5.0, f"refusing {path.name} took {elapsed:.1f} s"


def test_bodymap_rank_exits_2_with_one_line(
    case: tuple[Case, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    spec, path = case
    assert main(["rank", "--session", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("bodymap: ")
    technical_line(spec, path, lines[0].removeprefix("bodymap: "))


@pytest.mark.parametrize("name", ["cut at 50.0%", "NaN coordinate", "2 million points"])
def test_the_real_command_says_one_line_and_exits_2(tmp_path: Path, name: str) -> None:
    spec = CASES[name]
    path = spec.build(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "bodymap", "rank", "--session", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    (line,) = done.stderr.splitlines()
    assert "Traceback" not in done.stderr
    technical_line(spec, path, line.removeprefix("bodymap: "))


# ----- the window ---------------------------------------------------------------------


def what_is_open(window: Any) -> tuple[Any, ...]:
    return (
        window.model.marks,
        [(c.muscle, c.side, c.score) for c in window.candidates_panel.model.candidates],
        window.undo.count(),
        window.documents.path,
        window.windowTitle(),
        window.details.values(),
    )


def test_the_window_says_it_plainly_and_keeps_the_drawing(
    case: tuple[Case, Path], window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec, path = case
    view = window.bm.atlas.view("posterior")
    window.tools.add_mark(
        Mark("posterior", (view.landmark("right-psis"),), intensity=Intensity.SEVERE)
    )
    window.tools.add_mark(Mark("posterior", (view.landmark("left-psis"),)))
    before = what_is_open(window)
    assert window.candidates_panel.model.rowCount() > 0
    alerts: list[tuple[str, ...]] = []
    monkeypatch.setattr(window.dialogs, "alert", lambda *a: alerts.append(a))
    assert window.documents.open_path(path) is False
    ((title, text, details),) = alerts
    assert title == "Cannot open this file"
    assert text == f"{spec.plain} Your current drawing is unchanged."
    name, blank, technical = details.split("\n", 2)
    assert name == path.name and blank == ""
    technical_line(spec, path, technical)
    assert what_is_open(window) == before


def test_reading_a_session_needs_no_pydantic(tmp_path: Path) -> None:
    """The engine starts fast: reading (and refusing) a session imports no file schema."""
    good, bad = tmp_path / "good.bodymap", tmp_path / "bad.bodymap"
    good.write_text(json.dumps(a_session()))
    bad.write_text(json.dumps(a_session(marks=[a_mark(radius=-1)])))
    code = (
        "import sys\n"
        "from bodymap.files.session import load_session\n"
        "from bodymap.errors import SessionError\n"
        f"assert load_session({str(good)!r}).patient == 'Jane Doe'\n"
        "try:\n"
        f"    load_session({str(bad)!r})\n"
        "except SessionError:\n"
        "    pass\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic'))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


# ----- what does open ------------------------------------------------------------------


def test_a_version_1_session_is_migrated(tmp_path: Path, bm: BodyMap) -> None:
    """Version 1 had no intensity, patient or date: its marks are moderate."""
    old = tmp_path / "v1.bodymap"
    marks = [{"view": "posterior", "points": [[429, 666]], "radius": 18, "erase": False}]
    old.write_text(
        json.dumps(
            {
                "format": "bodymap-session",
                "schema_version": 1,
                "saved_at": "2026-01-01T10:00:00+00:00",
                "marks": marks,
                "selected": {"muscle": "gluteus_medius", "side": "right"},
                "notes": "first release",
            }
        )
    )
    session = load_session(old)
    assert [m.intensity for m in session.marks] == [Intensity.MODERATE]
    assert (session.patient, session.date, session.notes) == ("", "", "first release")
    assert session.selected == ("gluteus_medius", "right")
    # Saving writes the current version, with the intensity spelt out.
    new = tmp_path / "v2.bodymap"
    save_session(new, session)
    data = json.loads(new.read_text())
    assert data["schema_version"] == 4 and data["marks"][0]["intensity"] == "moderate"
    assert load_session(new) == session


def test_a_version_1_session_opens_in_the_window(
    tmp_path: Path, window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "v1.bodymap"
    path.write_text(
        json.dumps(
            {
                "format": "bodymap-session",
                "schema_version": 1,
                "marks": [{"view": "posterior", "points": [[429, 666]]}],
            }
        )
    )
    monkeypatch.setattr(window.dialogs, "alert", lambda *a: pytest.fail(f"alert: {a}"))
    assert window.documents.open_path(path)
    assert [m.intensity for m in window.model.marks] == [Intensity.MODERATE]
    assert window.candidates_panel.model.rowCount() > 0


def test_a_byte_order_mark_is_fine(tmp_path: Path) -> None:
    """Some editors start a UTF-8 file with a byte-order mark; the session still opens."""
    path = tmp_path / "bom.bodymap"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(a_session()).encode())
    assert load_session(path).patient == "Jane Doe"


def test_a_session_at_the_point_limit_opens(tmp_path: Path) -> None:
    path = tmp_path / "limit.bodymap"
    per_mark = 1000
    mark = {"view": "posterior", "points": [[400, 700]] * per_mark}
    path.write_text(json.dumps(a_session(marks=[mark] * (MAX_POINTS // per_mark))))
    assert sum(len(m.points) for m in load_session(path).marks) == MAX_POINTS


def test_what_bodymap_saves_stays_well_inside_the_limits(tmp_path: Path) -> None:
    """A session of MAX_POINTS points with full-precision coordinates, as the window
    records them, is saved one mark per line in well under MAX_BYTES."""
    x, y = 429.12345678901234, 666.9876543210987
    stroke = tuple((x + i / 7, y + i / 11) for i in range(500))
    session = Session(tuple(Mark("posterior", stroke) for _ in range(MAX_POINTS // 500)))
    path = tmp_path / "long.bodymap"
    save_session(path, session)
    assert path.stat().st_size < MAX_BYTES / 2
    lines = path.read_text().splitlines()
    assert len(lines) == len(session.marks) + 13  # one line per mark, and the rest
    assert load_session(path) == session


def test_saving_refuses_nothing_it_cannot_read_back(tmp_path: Path) -> None:
    """Every session the app can hold saves and loads to the same session."""
    marks = (
        Mark("posterior", ((429.0, 666.0),), 0.5, intensity=Intensity.MILD),
        Mark("anterior", ((-99999.5, 99999.5), (1e-9, 3.0)), 1e4, erase=True),
        Mark("left-lateral", ((350.0, 708.0),), intensity=Intensity.SEVERE),
    )
    session = Session(
        marks, ("rectus_abdominis", "both"), 'notes with "quotes"\n\u2603', patient="Zoë"
    )
    path = tmp_path / "edge.bodymap"
    save_session(path, session)
    assert load_session(path) == session
    assert parse_session(session.to_json()) == session


# ----- marks outside the body ----------------------------------------------------------

OUTSIDE = [
    a_mark(points=[[429, 666]]),  # on the body (right PSIS)
    a_mark(points=[[5, 5]]),  # the frame's corner
    a_mark(points=[[20, 1400], [60, 1450]], erase=True),  # beside the feet
    a_mark(view="anterior", points=[[-5000, 700]]),  # far off the frame
]


def test_marks_outside_the_body_load_and_are_dropped_from_the_drawing(
    tmp_path: Path, bm: BodyMap
) -> None:
    path = writes(a_session(marks=OUTSIDE))(tmp_path)
    session = load_session(path)
    assert len(session.marks) == 4
    drawing, dropped = bm.drawing(session.marks)
    assert dropped == list(session.marks[1:])
    assert drawing.marks == session.marks[:1]
    assert bm.rank_drawing(drawing)  # the mark on the body still ranks


def test_the_command_line_sums_up_the_marks_outside_the_body_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = writes(a_session(marks=OUTSIDE))(tmp_path)
    assert main(["rank", "--session", str(path), "--json"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["ranking"]
    assert err.splitlines() == ["bodymap: 3 marks lie outside the body and were left out"]


def test_the_window_opens_the_rest_and_counts_what_it_left_out(
    tmp_path: Path, window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = writes(a_session(marks=OUTSIDE))(tmp_path)
    alerts: list[tuple[str, ...]] = []
    monkeypatch.setattr(window.dialogs, "alert", lambda *a: alerts.append(a))
    assert window.documents.open_path(path)
    assert len(window.model.marks) == 1 and window.candidates_panel.model.rowCount() > 0
    assert window.documents.path == path and window.details.values()[0] == "Jane Doe"
    ((title, text, details),) = alerts
    assert title == "Some marks were left out"
    assert text.startswith("3 marks lie outside the body in this session, so they were left out.")
    assert (
        f"{path}: 3 mark(s) wholly outside the body, dropped: marks.1, marks.2, marks.3" in details
    )


def test_a_session_on_a_view_this_data_lacks_is_refused_plainly(
    tmp_path: Path, bm: BodyMap, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Data that draws only the back and the front (``BodyMap.load(path)`` of another
    atlas): a session with a mark on the left side cannot be drawn, and says so."""
    from PySide6.QtCore import QSettings

    from bodymap.atlas import Atlas
    from bodymap.gui.window import MainWindow

    front_and_back = Atlas({n: bm.atlas.view(n) for n in ("posterior", "anterior")})
    small = BodyMap(front_and_back, bm.catalogue, bm.root, bm.red_flag_rules, bm.ranker)
    win = MainWindow(small, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    win.documents.confirm_discard = lambda: True  # type: ignore[method-assign]
    qtbot.addWidget(win)
    win.tools.add_mark(Mark("posterior", ((429.0, 666.0),)))
    before = what_is_open(win)
    path = writes(a_session(marks=[a_mark(), a_mark(view="left-lateral", points=[[350, 708]])]))(
        tmp_path
    )
    alerts: list[tuple[str, ...]] = []
    monkeypatch.setattr(win.dialogs, "alert", lambda *a: alerts.append(a))
    assert not win.documents.open_path(path)
    ((_title, text, details),) = alerts
    assert text == (
        "This session has marks on a body view that this bodymap does not have. "
        "Your current drawing is unchanged."
    )
    technical = details.split("\n")[-1]
    assert technical.startswith(f"{path}: ") and "left-lateral" in technical
    assert what_is_open(win) == before
