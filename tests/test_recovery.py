"""Recovery files without Qt: where they live, who owns them, what a dead process left."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bodymap.errors import SessionError
from bodymap.files.folders import state_dir
from bodymap.files.recovery import Recovery, clean_stale_temp_files
from bodymap.files.session import Session, load_session, save_session
from bodymap.kinds import Intensity
from bodymap.marks import Mark

SESSION = Session(
    (
        Mark("posterior", ((429.0, 666.0),), 18.0, intensity=Intensity.SEVERE),
        Mark("posterior", ((430.0, 700.0), (450.0, 720.0)), 25.0),
    ),
    ("gluteus_medius", "right"),
    "worse on stairs",
    patient="Jane Doe",
    date="2026-11-21",
)

# A bodymap that puts its drawing aside, then dies without cleaning up (or waits).
CHILD = """
import os, sys, time
from pathlib import Path
from bodymap.files.recovery import Recovery
from bodymap.files.session import load_session
folder, source, belongs, mode = sys.argv[1:5]
recovery = Recovery(Path(folder))
recovery.write(load_session(Path(source)), Path(belongs))
print(recovery.name, flush=True)
if mode == "wait":
    sys.stdin.readline()
os._exit(0)
"""


def spawn(folder: Path, tmp_path: Path, mode: str) -> subprocess.Popen[str]:
    source = tmp_path / "source.bodymap"
    save_session(source, SESSION)
    return subprocess.Popen(
        [
            sys.executable,
            "-c",
            CHILD,
            str(folder),
            str(source),
            str(tmp_path / "jane.bodymap"),
            mode,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


@pytest.fixture
def opened() -> Iterator[list[Recovery]]:
    """Recovery objects a test opens, closed at its end (they hold locks)."""
    recoveries: list[Recovery] = []
    yield recoveries
    for recovery in recoveries:
        recovery.close()


def leave_behind(folder: Path, name: str = "recovery-4000000") -> None:
    """What a killed bodymap leaves: the drawing, its note, an unlocked lock file."""
    folder.mkdir(parents=True, exist_ok=True)
    save_session(folder / f"{name}.bodymap", SESSION)
    (folder / f"{name}.json").write_text(json.dumps({"pid": 4000000, "file": "/x/jane.bodymap"}))
    (folder / f"{name}.lock").touch()


def test_the_state_folder_follows_each_platform(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("BODYMAP_STATE_DIR", raising=False)
    monkeypatch.delenv("XDG_STATE_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setattr(sys, "platform", "linux")
    assert state_dir() == tmp_path / ".local" / "state" / "bodymap"
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg"))
    assert state_dir() == tmp_path / "xdg" / "bodymap"
    monkeypatch.setenv("XDG_STATE_HOME", "relative/xdg")  # not absolute: ignored
    assert state_dir() == tmp_path / ".local" / "state" / "bodymap"
    # platformdirs lets $XDG_STATE_HOME choose on macOS too; the usual folder is without it.
    monkeypatch.delenv("XDG_STATE_HOME")
    monkeypatch.setattr(sys, "platform", "darwin")
    assert state_dir() == tmp_path / "Library" / "Application Support" / "bodymap"
    monkeypatch.setattr(sys, "platform", "win32")
    # Windows' Local AppData folder as the shell gives it; platformdirs' own stand-in for
    # that answer, so the check runs on any system.
    local = "C:\\Users\\jane\\AppData\\Local"
    monkeypatch.setenv("WIN_PD_OVERRIDE_LOCAL_APPDATA", local)
    assert state_dir() == Path(local) / "bodymap"
    monkeypatch.setenv("BODYMAP_STATE_DIR", str(tmp_path / "override"))
    assert state_dir() == tmp_path / "override"


def test_the_drawing_put_aside_reads_back_and_a_clean_exit_removes_it(
    tmp_path: Path, opened: list[Recovery]
) -> None:
    recovery = Recovery(tmp_path)
    assert recovery.path is None and not any(tmp_path.iterdir())  # nothing until a change
    path = recovery.write(SESSION, tmp_path / "jane.bodymap")
    assert path is not None and path.name.startswith(f"recovery-{os.getpid()}")
    assert load_session(path) == SESSION
    other = Recovery(tmp_path)
    opened.append(other)
    assert other.recoverable() == []  # alive: nobody else may take it
    recovery.close()
    assert not any(tmp_path.iterdir())
    assert recovery.write(SESSION) is None  # closed: a late autosave writes nothing
    assert not any(tmp_path.iterdir())


def test_discard_removes_the_drawing_and_keeps_the_name(tmp_path: Path) -> None:
    recovery = Recovery(tmp_path)
    path = recovery.write(SESSION)
    recovery.discard()
    assert path is not None and not path.exists()
    assert recovery.write(SESSION) == path
    recovery.close()


def test_a_drawing_of_a_dead_process_is_offered_with_its_file(
    tmp_path: Path, opened: list[Recovery]
) -> None:
    folder = tmp_path / "state"
    child = spawn(folder, tmp_path, "exit")
    name = child.communicate(timeout=60)[0].strip()
    recovery = Recovery(folder)
    opened.append(recovery)
    (entry,) = recovery.recoverable()
    assert entry.name == name and entry.pid == child.pid
    assert entry.session == SESSION
    assert entry.file == tmp_path / "jane.bodymap"
    assert abs(entry.saved.timestamp() - time.time()) < 60
    recovery.forget(entry.name)
    assert not any(folder.iterdir())
    assert recovery.recoverable() == []


def test_a_running_process_keeps_its_drawing_until_it_dies(
    tmp_path: Path, opened: list[Recovery]
) -> None:
    folder = tmp_path / "state"
    child = spawn(folder, tmp_path, "wait")
    assert child.stdout is not None and child.stdin is not None
    name = child.stdout.readline().strip()
    recovery = Recovery(folder)
    opened.append(recovery)
    try:
        assert recovery.recoverable() == []
    finally:
        child.kill()
        child.wait(timeout=30)
        child.stdin.close()
        child.stdout.close()
    assert [e.name for e in recovery.recoverable()] == [name]


def test_two_starts_at_once_do_not_both_offer_a_drawing(
    tmp_path: Path, opened: list[Recovery]
) -> None:
    leave_behind(tmp_path)
    first, second = Recovery(tmp_path), Recovery(tmp_path)
    opened.append(first)
    (entry,) = first.recoverable()
    assert second.recoverable() == []  # the first one is asking about it
    first.release(entry.name)  # "ask me next time"
    assert [e.name for e in second.recoverable()] == [entry.name]
    second.close()
    assert (tmp_path / f"{entry.name}.bodymap").exists()  # released, not removed


def test_a_leftover_with_this_process_id_is_not_taken_over(tmp_path: Path) -> None:
    stale = f"recovery-{os.getpid()}"  # a dead process that had our pid
    leave_behind(tmp_path, stale)
    recovery = Recovery(tmp_path)
    path = recovery.write(Session())
    assert path is not None and path.name != f"{stale}.bodymap"
    assert load_session(tmp_path / f"{stale}.bodymap") == SESSION
    assert [e.name for e in recovery.recoverable()] == [stale]
    recovery.close()


def test_several_leftovers_come_newest_first(tmp_path: Path, opened: list[Recovery]) -> None:
    leave_behind(tmp_path, "recovery-4000001")
    leave_behind(tmp_path, "recovery-4000002")
    os.utime(tmp_path / "recovery-4000002.bodymap", (1, 1))
    recovery = Recovery(tmp_path)
    opened.append(recovery)
    names = [e.name for e in recovery.recoverable()]
    assert names == ["recovery-4000001", "recovery-4000002"]


def test_a_damaged_leftover_is_skipped_and_kept(tmp_path: Path) -> None:
    leave_behind(tmp_path)
    (tmp_path / "recovery-4000000.bodymap").write_text("{oops")
    assert Recovery(tmp_path).recoverable() == []
    assert (tmp_path / "recovery-4000000.bodymap").exists()


def test_a_folder_that_cannot_be_written_is_a_session_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(SessionError) as caught:
        Recovery(blocker / "state").write(SESSION)
    assert caught.value.plain == "The drawing could not be put aside for recovery."
    assert "cannot write the recovery files" in str(caught.value)


def test_old_temporary_files_of_cut_short_saves_are_cleaned(
    tmp_path: Path, opened: list[Recovery]
) -> None:
    path = tmp_path / "jane.bodymap"
    save_session(path, SESSION)
    old = tmp_path / ".jane.bodymap.abc123.tmp"
    fresh = tmp_path / ".jane.bodymap.def456.tmp"
    other = tmp_path / ".john.bodymap.abc123.tmp"
    for leftover in (old, fresh, other):
        leftover.write_text('{"format": "bodymap-sess')
    os.utime(old, (1, 1))
    os.utime(other, (1, 1))
    assert clean_stale_temp_files(path) == [old]
    assert fresh.exists() and other.exists() and load_session(path) == SESSION
    state = tmp_path / "state"
    leave_behind(state)
    stale_tmp = state / ".recovery-4000000.bodymap.x1y2.tmp"
    stale_tmp.write_text("{")
    os.utime(stale_tmp, (1, 1))
    recovery = Recovery(state)
    opened.append(recovery)
    (entry,) = recovery.recoverable()  # the leftover, never the temporary file
    assert entry.session == SESSION and not stale_tmp.exists()


def test_recovery_imports_no_qt() -> None:
    code = "import sys, bodymap.files.recovery; print(any(m.startswith('PySide6') for m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.strip() == "False", result.stderr
