"""Session files: round trip, versions, broken files, safe saving."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bodymap.cli import main
from bodymap.errors import SessionError
from bodymap.files.session import Session, load_session, save_session
from bodymap.kinds import Intensity
from bodymap.marks import Mark

MARKS = (
    Mark("posterior", ((429.0, 666.0),), 18.0, intensity=Intensity.SEVERE),
    Mark("posterior", ((430.0, 700.0), (450.0, 720.0)), 25.0, intensity=Intensity.MILD),
    Mark("posterior", ((440.0, 710.0),), 10.0, erase=True),
)


def test_session_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "patient.bodymap"
    session = Session(
        MARKS,
        ("gluteus_medius", "right"),
        "left after tennis\nworse on stairs",
        patient="Jane Doe",
        date="2026-11-21",
    )
    save_session(path, session)
    loaded = load_session(path)
    assert loaded == session
    assert [m.intensity for m in loaded.marks][:2] == [Intensity.SEVERE, Intensity.MILD]
    assert (loaded.patient, loaded.date) == ("Jane Doe", "2026-11-21")


def test_a_version_1_session_opens_with_moderate_marks(tmp_path: Path) -> None:
    path = tmp_path / "old.bodymap"
    path.write_text(
        json.dumps(
            {
                "format": "bodymap-session",
                "schema_version": 1,
                "saved_at": "2026-10-01T10:00:00+00:00",
                "marks": [{"view": "posterior", "points": [[429, 666]], "radius": 18}],
                "selected": None,
                "notes": "from the first release",
            }
        )
    )
    session = load_session(path)
    assert [m.intensity for m in session.marks] == [Intensity.MODERATE]
    assert (session.notes, session.patient, session.date) == ("from the first release", "", "")


def test_marks_on_the_soles_are_kept_and_a_version_2_file_opens_as_before(tmp_path: Path) -> None:
    path = tmp_path / "heel.bodymap"
    heel = Mark("plantar", ((481.0, 258.0),), 18.0, intensity=Intensity.SEVERE)
    save_session(path, Session((heel, *MARKS[:1])))
    assert json.loads(path.read_text())["schema_version"] == 4
    assert load_session(path).marks == (heel, MARKS[0])

    data = json.loads(path.read_text())
    data["schema_version"] = 2
    del data["answers"], data["pressed"]  # version 4's
    data["marks"] = data["marks"][1:]  # a version 2 file of the four body views
    path.write_text(json.dumps(data))
    assert load_session(path).marks == (MARKS[0],)


def test_a_version_2_file_cannot_hold_marks_on_the_soles(tmp_path: Path) -> None:
    path = tmp_path / "odd.bodymap"
    mark = {"view": "plantar", "points": [[481, 258]], "radius": 18}
    path.write_text(json.dumps({"format": "bodymap-session", "schema_version": 2, "marks": [mark]}))
    with pytest.raises(
        SessionError, match=r"marks\.0\.view: the plantar view came with session version 3"
    ):
        load_session(path)


def test_export_names_come_from_the_session() -> None:
    assert Session(patient="Jane  O'Neil", date="2026-11-21").file_stem() == (
        "bodymap-Jane-O-Neil-2026-11-21"
    )
    assert Session().file_stem() == "bodymap"
    assert Session(patient="../../etc/passwd").file_stem() == "bodymap-etc-passwd"


def test_rank_reads_a_saved_session(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "s.bodymap"
    save_session(path, Session((Mark("posterior", ((429.0, 666.0),)),)))
    assert main(["rank", "--session", str(path), "--json"]) == 0
    from_session = json.loads(capsys.readouterr().out)
    assert main(["rank", "--at", "posterior:429,666", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == from_session


def test_newer_session_versions_are_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "new.bodymap"
    path.write_text(json.dumps({"format": "bodymap-session", "schema_version": 99, "marks": []}))
    with pytest.raises(SessionError, match="newer bodymap"):
        load_session(path)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("{not json", "not valid JSON"),
        ('{"hello": 1}', "not a bodymap session"),
        (
            '{"format": "bodymap-session", "schema_version": true, "marks": []}',
            "unsupported session version",
        ),
        (
            '{"format": "bodymap-session", "schema_version": 1, "marks": [{"view": "front", "points": [[1, 2]]}]}',
            "marks.0.view",
        ),
        (
            '{"format": "bodymap-session", "schema_version": 1, "marks": [{"view": "posterior", "points": []}]}',
            "points",
        ),
        (
            '{"format": "bodymap-session", "schema_version": 2, "marks": [{"view": "posterior", "points": [[1, 2]], "intensity": "agony"}]}',
            "marks.0.intensity",
        ),
        ('{"format": "bodymap-session", "schema_version": 2, "date": "21/11/2026"}', "date"),
    ],
)
def test_broken_sessions_name_the_file_and_the_problem(
    tmp_path: Path, text: str, words: str
) -> None:
    path = tmp_path / "broken.bodymap"
    path.write_text(text)
    with pytest.raises(SessionError) as info:
        load_session(path)
    assert str(path) in str(info.value) and words in str(info.value)


def test_a_failed_save_leaves_the_good_file_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "good.bodymap"
    save_session(path, Session(MARKS))
    good = path.read_bytes()

    def fail(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(SessionError, match="No space left"):
        save_session(path, Session(MARKS[:1]))
    assert path.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir()] == ["good.bodymap"]  # no temporary file left behind


def test_saving_keeps_the_files_permissions(tmp_path: Path) -> None:
    path = tmp_path / "shared.bodymap"
    save_session(path, Session(MARKS))
    os.chmod(path, 0o644)
    save_session(path, Session(MARKS[:1]))
    assert oct(path.stat().st_mode & 0o777) == oct(0o644)


def test_huge_coordinates_in_a_session_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.bodymap"
    path.write_text(
        json.dumps(
            {
                "format": "bodymap-session",
                "schema_version": 1,
                "marks": [{"view": "posterior", "points": [[1e308, 1e308], [-1e308, -1e308]]}],
            }
        )
    )
    with pytest.raises(SessionError, match="within"):
        load_session(path)
