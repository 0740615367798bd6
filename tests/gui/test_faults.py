"""What the window does when things go wrong: autosave and recovery after a crash or a
kill, a full disk or a read-only folder, an exception inside a Qt slot."""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from bodymap import BodyMap
from bodymap.errors import SessionError
from bodymap.files.recovery import Recoverable, Recovery
from bodymap.files.session import UNSAVED, Session, load_session, save_session
from bodymap.gui import crash
from bodymap.gui.autosave import Autosave
from bodymap.gui.crash import CrashDialog, CrashHandler, setup_log
from bodymap.gui.exports import NOT_WRITTEN
from bodymap.gui.window import MainWindow
from bodymap.marks import Mark


def click(qtbot: QtBot, window: MainWindow, name: str) -> None:
    x, y = window.panel.current_scene.view.landmark(name)
    pos = window.panel.current.mapFromScene(QPointF(x, y))
    qtbot.mouseClick(window.panel.current.viewport(), Qt.MouseButton.LeftButton, pos=pos)


def make_window(qtbot: QtBot, bm: BodyMap, tmp_path: Path, recovery: Recovery | None) -> MainWindow:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(bm, settings, recovery, autosave_ms=50)
    qtbot.addWidget(win)
    win.resize(1100, 860)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "state"


@pytest.fixture
def recovering(qtbot: QtBot, bm: BodyMap, tmp_path: Path, state: Path) -> MainWindow:
    """A window that puts its drawing aside in ``state`` 50 ms after a change."""
    win = make_window(qtbot, bm, tmp_path, Recovery(state))
    win.documents.confirm_discard = lambda: True  # type: ignore[method-assign]
    return win


def aside(window: MainWindow) -> Session | None:
    """The drawing the window has put aside, if any."""
    assert window.autosave.recovery is not None
    path = window.autosave.recovery.path
    try:
        return load_session(path) if path is not None else None
    except SessionError:  # not there (yet, or any more)
        return None


def files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def leave_behind(folder: Path, session: Session, belongs: Path | None) -> str:
    """What a bodymap killed mid-session leaves: its drawing, its note, a lock nobody holds."""
    name = "recovery-4000000"
    folder.mkdir(parents=True, exist_ok=True)
    save_session(folder / f"{name}.bodymap", session)
    note = {"pid": 4000000, "file": str(belongs) if belongs else None}
    (folder / f"{name}.json").write_text(json.dumps(note))
    (folder / f"{name}.lock").touch()
    return name


def restore_asked(monkeypatch: pytest.MonkeyPatch, saver: Autosave) -> list[Recoverable]:
    """Answer "restore" to every recovery question ``saver`` asks, and keep what it asked."""
    asked: list[Recoverable] = []

    def ask_restore(entry: Recoverable) -> bool:
        asked.append(entry)
        return True

    monkeypatch.setattr(saver, "ask_restore", ask_restore)
    return asked


PAINTED = Session(
    (
        Mark("posterior", ((429.0, 666.0),), 18.0),
        Mark("posterior", ((430.0, 700.0), (450.0, 720.0)), 25.0),
    ),
    None,
    "worse on stairs",
    patient="Jane Doe",
    date="2026-11-21",
)


# ----- autosave ----------------------------------------------------------------------
def test_painting_is_put_aside_a_moment_after_the_last_change(
    qtbot: QtBot, recovering: MainWindow
) -> None:
    click(qtbot, recovering, "right-psis")
    assert aside(recovering) is None  # not while painting: a moment after
    qtbot.waitUntil(lambda: (aside(recovering) or Session()).marks == recovering.model.marks)
    click(qtbot, recovering, "right-calf-mid")
    qtbot.waitUntil(lambda: len((aside(recovering) or Session()).marks) == 2)
    qtbot.keyClicks(recovering.details.name, "Jane Doe")
    qtbot.waitUntil(lambda: (aside(recovering) or Session()).patient == "Jane Doe")
    recovering.actions["undo"].trigger()
    qtbot.waitUntil(lambda: len((aside(recovering) or Session()).marks) == 1)
    assert aside(recovering) == recovering.documents.session()


def test_painting_without_a_pause_is_still_put_aside_now_and_then(
    qtbot: QtBot, recovering: MainWindow
) -> None:
    """Each change restarts the wait, but never past ten waits."""
    recovering.autosave.timer.setInterval(100)  # so at least every second
    written_while_painting = False
    started = time.monotonic()
    while time.monotonic() - started < 3 and not written_while_painting:
        erase = len(recovering.model.marks) % 2 == 1  # paint, rub out, paint...: all changes
        recovering.tools.add_mark(Mark("posterior", ((429.0, 666.0),), 18.0, erase=erase))
        qtbot.wait(20)  # well within the wait: without a limit it would never write
        written_while_painting = aside(recovering) is not None
    assert written_while_painting
    assert time.monotonic() - started > 0.8  # not before the limit


def test_an_unchanged_drawing_is_not_written_again(qtbot: QtBot, recovering: MainWindow) -> None:
    click(qtbot, recovering, "right-psis")
    qtbot.waitUntil(lambda: aside(recovering) is not None)
    assert (
        recovering.autosave.recovery is not None and recovering.autosave.recovery.path is not None
    )
    path = recovering.autosave.recovery.path
    before = path.stat()
    recovering.actions["labels"].trigger()  # the view changes, the drawing does not
    recovering.actions["zoom_in"].trigger()
    recovering.autosave.sync(wait=True)
    qtbot.wait(200)
    assert path.stat().st_ino == before.st_ino  # every write replaces the file
    recovering.candidates_panel.list.setCurrentIndex(
        recovering.candidates_panel.model.index(0)
    )  # the chosen muscle is kept
    qtbot.waitUntil(lambda: (aside(recovering) or Session()).selected is not None)
    assert path.stat().st_ino != before.st_ino


def test_saving_or_undoing_to_the_saved_state_removes_the_drawing_put_aside(
    qtbot: QtBot, recovering: MainWindow, tmp_path: Path
) -> None:
    click(qtbot, recovering, "right-psis")
    qtbot.waitUntil(lambda: aside(recovering) is not None)
    assert recovering.documents.save_to(tmp_path / "jane.bodymap")
    qtbot.waitUntil(lambda: aside(recovering) is None)
    click(qtbot, recovering, "right-calf-mid")
    qtbot.waitUntil(lambda: aside(recovering) is not None)
    recovering.actions["undo"].trigger()  # back to what is saved
    qtbot.waitUntil(lambda: aside(recovering) is None)


def test_closing_after_discarding_removes_every_recovery_file(
    qtbot: QtBot, bm: BodyMap, tmp_path: Path, state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    win = make_window(qtbot, bm, tmp_path, Recovery(state))
    click(qtbot, win, "right-psis")
    qtbot.waitUntil(lambda: aside(win) is not None)
    assert any(name.endswith(".lock") for name in files(state))
    monkeypatch.setattr(
        "bodymap.gui.documents.QMessageBox.question",
        lambda *a, **k: QMessageBox.StandardButton.Discard,
    )
    assert win.close()
    assert files(state) == []


# ----- recovery at start -------------------------------------------------------------
def test_a_drawing_left_by_a_killed_bodymap_is_restored_unsaved_with_its_file(
    qtbot: QtBot,
    recovering: MainWindow,
    state: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    belongs = tmp_path / "jane.bodymap"
    leftover = leave_behind(state, PAINTED, belongs)
    asked = restore_asked(monkeypatch, recovering.autosave)
    assert recovering.autosave.offer_recovery()
    assert [e.name for e in asked] == [leftover]
    assert recovering.model.marks == PAINTED.marks
    assert recovering.details.values() == ("Jane Doe", "2026-11-21", "worse on stairs")
    assert recovering.documents.path == belongs and "jane.bodymap" in recovering.windowTitle()
    assert recovering.isWindowModified()  # restored is not saved
    assert recovering.candidates_panel.model.rowCount() > 0
    assert not any(name.startswith(leftover) for name in files(state))
    assert aside(recovering) == recovering.documents.session()  # this window's own copy, at once
    assert recovering.documents.save()  # to the file it belonged to
    assert load_session(belongs) == PAINTED
    assert not recovering.isWindowModified()


def test_a_discarded_drawing_is_gone_and_the_window_stays_empty(
    qtbot: QtBot, recovering: MainWindow, state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    leave_behind(state, PAINTED, None)
    monkeypatch.setattr(recovering.autosave, "ask_restore", lambda entry: False)
    assert not recovering.autosave.offer_recovery()
    assert recovering.model.marks == () and not recovering.isWindowModified()
    assert files(state) == []
    assert not recovering.autosave.offer_recovery()  # asked once only


def test_the_question_names_the_time_and_closing_it_keeps_the_drawing(
    qtbot: QtBot, recovering: MainWindow, state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    leave_behind(state, PAINTED, None)
    asked: list[tuple[str, str, list[str]]] = []

    def answer(box: QMessageBox) -> int:  # the user closes the question (Escape)
        buttons = [b.text() for b in box.buttons()]
        asked.append((box.text(), box.informativeText(), buttons))
        box.escapeButton().click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer)
    assert recovering.autosave.offer_recovery()
    ((text, more, buttons),) = asked
    assert text.startswith("bodymap closed unexpectedly. Restore the drawing from ")
    assert text.endswith(" today?")
    assert "Jane Doe" in more and "2 marks" in more
    assert sorted(buttons) == ["Discard", "Restore"]
    assert recovering.model.marks == PAINTED.marks


def test_a_killed_bodymap_is_offered_back_at_the_next_start(tmp_path: Path) -> None:
    """Two real starts of the app: the first paints and is killed with SIGKILL once its
    drawing is put aside; the second offers it back (answered Restore)."""
    state = tmp_path / "state"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "BODYMAP_STATE_DIR": str(state),
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    with (tmp_path / "first.err").open("w") as err:
        first = subprocess.Popen(
            [sys.executable, "-c", PAINT_THEN_WAIT],
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
            env=env,
        )
        assert first.stdout is not None
        try:
            line = first.stdout.readline()
            assert line, (tmp_path / "first.err").read_text()[-3000:]
            painted = json.loads(line)
        finally:
            os.kill(first.pid, signal.SIGKILL)
            first.wait(timeout=30)
            first.stdout.close()
    assert first.returncode == -signal.SIGKILL
    assert len(painted["marks"]) == 3
    assert any(name.endswith(".bodymap") for name in files(state))

    second = subprocess.run(
        [sys.executable, "-c", RESTORE_THEN_CLOSE],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert second.returncode == 0, second.stderr[-3000:]
    report = json.loads(second.stdout.strip().splitlines()[-1])
    assert report["asked"] == 1 and report["restored"]
    assert report["marks"] == painted["marks"]
    assert report["patient"] == "Jane Doe"
    assert report["modified"]
    # The second start also met an error in a slot: a dialog, a log, and it went on.
    assert report["crash_dialogs"] == 1 and report["marks_after_error"] == 4
    log = (state / "bodymap.log").read_text()
    assert "Traceback" in log and "ZeroDivisionError" in log
    # It closed cleanly: nothing is left to offer.
    assert [n for n in files(state) if n.startswith("recovery-")] == []


_CHILD_START = """
import json, sys
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from bodymap.gui import app, crash
from bodymap.gui.autosave import Autosave
from bodymap.gui.window import MainWindow
from bodymap.files.session import load_session

Autosave.DELAY_MS = 50
qapp = QApplication([sys.argv[0]])

def click(win, name):
    x, y = win.panel.current_scene.view.landmark(name)
    pos = win.panel.current.mapFromScene(QPointF(x, y))
    QTest.mouseClick(win.panel.current.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)

def report(win, **more):
    session = win.documents.session()
    print(json.dumps({"marks": session.to_json()["marks"], "patient": session.patient, **more}), flush=True)
"""

PAINT_THEN_WAIT = (
    _CHILD_START
    + """
def paint():
    win = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
    if not win.ready:  # the frame is on screen; its parts come once the data is loaded
        QTimer.singleShot(10, paint)
        return
    for name in ("right-psis", "right-popliteal-fossa", "right-calf-mid"):
        click(win, name)
    QTest.keyClicks(win.details.name, "Jane Doe")
    def check():
        path = win.autosave.recovery.path
        if path and path.exists() and load_session(path) == win.documents.session():
            report(win)  # put aside: now the test kills this process
        else:
            QTimer.singleShot(20, check)
    check()

QTimer.singleShot(0, paint)
sys.exit(app.run())
"""
)

RESTORE_THEN_CLOSE = (
    _CHILD_START
    + """
asked, shown = [], []
Autosave.ask_restore = lambda self, entry: asked.append(entry) or True
crash.CrashDialog.ask = lambda self: shown.append(self.text()) or False
offer = Autosave.offer_recovery

def offer_then_close(self):
    restored = offer(self)
    win = self.parent()
    modified = win.isWindowModified()
    marks = win.documents.session().to_json()["marks"]
    win.panel.zoom_by = lambda factor: 1 / 0
    win.actions["zoom_in"].trigger()  # an error inside a slot
    click(win, "left-psis")  # the window goes on
    report(
        win, marks=marks, asked=len(asked), restored=restored, modified=modified,
        crash_dialogs=len(shown), marks_after_error=len(win.model.marks),
    )
    win.documents.confirm_discard = lambda: True
    win.close()
    return restored

Autosave.offer_recovery = offer_then_close
sys.exit(app.run())
"""
)


# ----- autosave failures -------------------------------------------------------------
def test_autosave_that_cannot_write_says_so_once_in_the_status_bar(
    qtbot: QtBot,
    bm: BodyMap,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    win = make_window(qtbot, bm, tmp_path, Recovery(blocker / "state"))
    win.documents.confirm_discard = lambda: True  # type: ignore[method-assign]
    alerts: list[tuple[str, ...]] = []
    monkeypatch.setattr(win.dialogs, "alert", lambda *a: alerts.append(a))
    caplog.set_level(logging.WARNING, "bodymap")
    click(qtbot, win, "right-psis")
    qtbot.waitUntil(lambda: "put the drawing aside" in win.statusBar().currentMessage())
    for name in ("right-calf-mid", "left-psis", "right-heel"):
        click(qtbot, win, name)
        qtbot.wait(150)  # each change tries again, quietly
    failures = [r for r in caplog.records if "autosave failed" in r.getMessage()]
    assert len(failures) == 1 and "cannot write the recovery files" in failures[0].getMessage()
    assert alerts == []
    assert len(win.model.marks) == 4 and win.isWindowModified()


def test_autosave_on_a_full_disk_recovers_when_space_returns(
    qtbot: QtBot, recovering: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fsync = os.fsync

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    click(qtbot, recovering, "right-psis")
    qtbot.waitUntil(lambda: "put the drawing aside" in recovering.statusBar().currentMessage())
    assert aside(recovering) is None
    assert recovering.autosave.recovery is not None
    assert not [p for p in recovering.autosave.recovery.folder.iterdir() if p.suffix == ".tmp"]
    monkeypatch.setattr(os, "fsync", real_fsync)
    click(qtbot, recovering, "right-calf-mid")
    qtbot.waitUntil(lambda: "aside for recovery again" in recovering.statusBar().currentMessage())
    assert aside(recovering) == recovering.documents.session()


# ----- saving and exporting to a full disk or a read-only folder ---------------------
@pytest.fixture
def alerts(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, ...]]:
    shown: list[tuple[str, ...]] = []
    monkeypatch.setattr(window.dialogs, "alert", lambda *a: shown.append(a))
    return shown


def test_saving_to_a_full_disk_keeps_the_old_file_and_the_drawing(
    qtbot: QtBot,
    window: MainWindow,
    alerts: list[tuple[str, ...]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "sessions"
    folder.mkdir()
    path = folder / "jane.bodymap"
    save_session(path, PAINTED)
    click(qtbot, window, "right-psis")

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    assert not window.documents.save_to(path)
    ((title, text, details),) = alerts
    assert title == "Cannot save" and text == UNSAVED
    assert "jane.bodymap" in details and "No space left on device" in details
    assert load_session(path) == PAINTED  # the old file, whole
    assert files(folder) == ["jane.bodymap"]  # no half-written file
    assert len(window.model.marks) == 1 and window.isWindowModified()


def test_saving_into_a_read_only_folder_says_so_and_keeps_the_drawing(
    qtbot: QtBot,
    window: MainWindow,
    alerts: list[tuple[str, ...]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    click(qtbot, window, "right-psis")

    def refused(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(tempfile, "mkstemp", refused)  # root ignores a folder's mode
    assert not window.documents.save_to(tmp_path / "locked" / "jane.bodymap")
    ((title, text, details),) = alerts
    assert title == "Cannot save" and text == UNSAVED
    assert "Permission denied" in details
    assert len(window.model.marks) == 1 and window.isWindowModified()
    assert window.documents.path is None and "Untitled" in window.windowTitle()


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="root writes into read-only folders"
)
def test_saving_into_a_folder_without_write_permission(
    qtbot: QtBot, window: MainWindow, alerts: list[tuple[str, ...]], tmp_path: Path
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    click(qtbot, window, "right-psis")
    try:
        assert not window.documents.save_to(folder / "jane.bodymap")
    finally:
        folder.chmod(0o755)
    ((_title, text, _details),) = alerts
    assert text == UNSAVED and window.isWindowModified()


@contextlib.contextmanager
def _no_file_past_4_kb() -> Iterator[None]:
    resource = pytest.importorskip("resource")
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # fail the write, not the process
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, handler)


@pytest.fixture
def disk_fills_up() -> Callable[[], contextlib.AbstractContextManager[None]]:
    """Inside ``with disk_fills_up():`` no file may grow past 4 KB: every write beyond
    that fails (EFBIG), as when the disk fills up part way through a picture. Qt's writers
    see a short write (a PDF writer says nothing), Python an OSError. Small files, such as
    the drawing put aside for recovery, still fit. Only for the export itself: the limit
    holds for the whole process, pytest's own report file or log included."""
    pytest.importorskip("resource")
    if not hasattr(signal, "SIGXFSZ"):
        pytest.skip("needs RLIMIT_FSIZE and SIGXFSZ")
    return _no_file_past_4_kb


OLD_PICTURE = b"the picture exported last week" * 100  # over 4 KB: written before the limit


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_exporting_when_the_disk_fills_up_says_so_and_keeps_the_old_file(
    qtbot: QtBot,
    window: MainWindow,
    alerts: list[tuple[str, ...]],
    tmp_path: Path,
    disk_fills_up: Callable[[], contextlib.AbstractContextManager[None]],
    suffix: str,
) -> None:
    folder = tmp_path / "letters"
    folder.mkdir()
    out = folder / f"map{suffix}"
    out.write_bytes(OLD_PICTURE[:3000])  # under the limit, so it can be written now
    click(qtbot, window, "right-psis")
    with disk_fills_up():
        written = window.exports.export_to(out)
    assert not written
    ((title, text, details),) = alerts
    assert title == "Cannot export" and text == NOT_WRITTEN.format(what="picture")
    assert str(out) in details
    if suffix == ".pdf":  # the PDF writer did not say; the check of the file did
        assert "incomplete" in details
    assert out.read_bytes() == OLD_PICTURE[:3000]  # the old picture, whole
    assert files(folder) == [out.name]  # and no half-written one beside it
    assert len(window.model.marks) == 1 and window.isWindowModified()


def test_the_handout_when_the_disk_fills_up_says_so_and_keeps_the_old_one(
    qtbot: QtBot,
    window: MainWindow,
    alerts: list[tuple[str, ...]],
    tmp_path: Path,
    disk_fills_up: Callable[[], contextlib.AbstractContextManager[None]],
) -> None:
    out = tmp_path / "handout.pdf"
    out.write_bytes(b"%PDF-1.4 last week's handout %%EOF")
    click(qtbot, window, "right-psis")
    with disk_fills_up():
        written = window.exports.save_handout(out)
    assert not written
    ((title, text, details),) = alerts
    assert title == "Cannot save the handout" and text == NOT_WRITTEN.format(what="handout")
    assert str(out) in details and "incomplete" in details
    assert out.read_bytes() == b"%PDF-1.4 last week's handout %%EOF"
    assert [p for p in files(tmp_path) if p.endswith(".tmp")] == []
    assert len(window.model.marks) == 1


@pytest.mark.parametrize("what", ["export", "handout"])
def test_a_folder_that_cannot_be_written_is_a_message_and_nothing_is_left(
    qtbot: QtBot,
    window: MainWindow,
    alerts: list[tuple[str, ...]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    what: str,
) -> None:
    def refused(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(tempfile, "mkstemp", refused)  # root ignores a folder's mode
    click(qtbot, window, "right-psis")
    out = tmp_path / "out.pdf"
    written = (
        window.exports.export_to(out) if what == "export" else window.exports.save_handout(out)
    )
    assert not written
    ((_title, text, details),) = alerts
    assert "could not be saved there" in text and "Permission denied" in details
    assert [p for p in files(tmp_path) if "out.pdf" in p] == []  # nor a temporary file
    assert len(window.model.marks) == 1


@pytest.mark.skipif(
    sys.platform == "win32" or os.geteuid() == 0, reason="root writes into read-only folders"
)
def test_exporting_into_a_folder_without_write_permission_keeps_the_old_file(
    qtbot: QtBot, window: MainWindow, alerts: list[tuple[str, ...]], tmp_path: Path
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    (folder / "map.png").write_bytes(OLD_PICTURE)
    folder.chmod(0o555)
    click(qtbot, window, "right-psis")
    try:
        assert not window.exports.export_to(folder / "map.png")
    finally:
        folder.chmod(0o755)
    ((_title, text, _details),) = alerts
    assert text == NOT_WRITTEN.format(what="picture")
    assert (folder / "map.png").read_bytes() == OLD_PICTURE


def test_a_good_export_replaces_the_old_file_and_keeps_its_permissions(
    qtbot: QtBot, window: MainWindow, alerts: list[tuple[str, ...]], tmp_path: Path
) -> None:
    out = tmp_path / "map.pdf"
    out.write_bytes(OLD_PICTURE)
    out.chmod(0o640)
    click(qtbot, window, "right-psis")
    assert window.exports.export_to(out)
    assert alerts == []
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert (out.stat().st_mode & 0o777) == 0o640
    assert [p for p in files(tmp_path) if p.endswith(".tmp")] == []


@pytest.mark.parametrize("what", ["export", "handout"])
def test_an_os_error_while_writing_a_picture_is_a_message_not_a_crash(
    qtbot: QtBot,
    window: MainWindow,
    alerts: list[tuple[str, ...]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    what: str,
) -> None:
    def full(*args: object, **kwargs: object) -> None:
        (tmp_path / "out.pdf").write_bytes(b"%PDF-1.4 half")  # what a full disk leaves
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    click(qtbot, window, "right-psis")
    if what == "export":
        monkeypatch.setattr("bodymap.gui.render.render_to_file", full)
        assert not window.exports.export_to(tmp_path / "out.pdf")
    else:
        monkeypatch.setattr("bodymap.gui.handout.render_handout", full)
        assert not window.exports.save_handout(tmp_path / "out.pdf")
    ((_title, text, details),) = alerts
    assert "could not be saved there" in text and "No space left" in details
    assert not (tmp_path / "out.pdf").exists()  # no half-written file left
    assert len(window.model.marks) == 1


# ----- an exception inside a Qt slot -------------------------------------------------
@pytest.fixture
def crash_log(state: Path) -> Iterator[Path]:
    logger = logging.getLogger("bodymap")
    level = logger.level
    path = setup_log(state)
    assert path is not None
    yield path
    crash.close_log()
    logger.setLevel(level)


@pytest.fixture
def dialogs(monkeypatch: pytest.MonkeyPatch) -> list[CrashDialog]:
    """Crash dialogs asked for; the user answers Continue unless a test says otherwise."""
    shown: list[CrashDialog] = []

    def ask(dialog: CrashDialog) -> bool:
        shown.append(dialog)
        return False

    monkeypatch.setattr(CrashDialog, "ask", ask)
    return shown


def break_zoom(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(factor: float) -> None:
        raise RuntimeError("the zoom broke")

    monkeypatch.setattr(window.panel, "zoom_by", boom)


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_shows_the_crash_dialog_logs_it_and_the_window_goes_on(
    qtbot: QtBot,
    bm: BodyMap,
    tmp_path: Path,
    state: Path,
    crash_log: Path,
    dialogs: list[CrashDialog],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    win = make_window(qtbot, bm, tmp_path, Recovery(state))
    win.documents.confirm_discard = lambda: True  # type: ignore[method-assign]
    win.autosave.timer.setInterval(60_000)  # only the crash puts the drawing aside
    monkeypatch.setattr(sys, "excepthook", CrashHandler(crash_log, win))
    click(qtbot, win, "right-psis")
    break_zoom(win, monkeypatch)
    win.actions["zoom_in"].trigger()
    (dialog,) = dialogs
    assert "Your drawing is still in the window" in dialog.text()
    assert str(crash_log) in dialog.informativeText()
    assert "RuntimeError: the zoom broke" in dialog.detailedText()
    assert "Traceback" in dialog.detailedText()
    assert {"Save the session…", "Continue"} <= {b.text() for b in dialog.buttons()}
    log = crash_log.read_text()
    assert "unexpected error" in log and "Traceback" in log and "the zoom broke" in log
    assert aside(win) == win.documents.session()  # put aside at once
    click(qtbot, win, "right-calf-mid")  # the window still paints
    assert len(win.model.marks) == 2
    assert win.documents.save_to(tmp_path / "after.bodymap")
    assert len(load_session(tmp_path / "after.bodymap").marks) == 2


@pytest.mark.qt_no_exception_capture
def test_save_the_session_in_the_crash_dialog_saves_it(
    qtbot: QtBot,
    window: MainWindow,
    tmp_path: Path,
    crash_log: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(CrashDialog, "ask", lambda dialog: True)  # "Save the session…"
    out = tmp_path / "rescued.bodymap"
    monkeypatch.setattr(
        "bodymap.gui.documents.QFileDialog.getSaveFileName", lambda *a, **k: (str(out), "")
    )
    monkeypatch.setattr(sys, "excepthook", CrashHandler(crash_log, window))
    click(qtbot, window, "right-psis")
    break_zoom(window, monkeypatch)
    window.actions["zoom_in"].trigger()
    assert load_session(out).marks == window.model.marks
    assert not window.isWindowModified()


@pytest.mark.qt_no_exception_capture
def test_the_same_error_again_shows_no_second_dialog(
    qtbot: QtBot,
    window: MainWindow,
    crash_log: Path,
    dialogs: list[CrashDialog],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "excepthook", CrashHandler(crash_log, window))
    break_zoom(window, monkeypatch)
    for _ in range(3):
        window.actions["zoom_in"].trigger()
    assert len(dialogs) == 1
    assert "again" in window.statusBar().currentMessage()
    assert crash_log.read_text().count("the zoom broke") >= 3  # each one is logged


def test_the_crash_dialog_offers_save_and_continue(monkeypatch: pytest.MonkeyPatch) -> None:
    def click_save(box: QMessageBox) -> int:
        assert isinstance(box, CrashDialog) and box.save_button is not None
        assert box.defaultButton() is box.save_button
        assert box.escapeButton() is box.continue_button  # Escape carries on, saves nothing
        box.save_button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", click_save)
    dialog = CrashDialog("RuntimeError: x", "Traceback ...", Path("/s/bodymap.log"), can_save=True)
    assert dialog.ask()
    assert "/s/bodymap.log" in dialog.informativeText()
    without = CrashDialog("RuntimeError: x", "", None, can_save=False)  # no window yet
    assert without.save_button is None
    assert "could not be written" in without.informativeText()
    assert "drawing" not in without.text()


def test_a_damaged_muscle_file_is_left_out_and_the_window_says_so(
    qtbot: QtBot, data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At start a bad region file costs that muscle only: the window opens, ranks with
    the others, and tells the user in plain words which file was left out."""
    (data_copy / "regions" / "piriformis.yaml").write_bytes(b"\x00\x01 binary junk")
    bm = BodyMap.load(data_copy, skip_bad=True)
    assert "piriformis" not in bm.catalogue and "gluteus_medius" in bm.catalogue
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(bm, settings)
    window.documents.confirm_discard = lambda: True  # type: ignore[method-assign]
    qtbot.addWidget(window)
    alerts: list[tuple[str, str, str]] = []
    monkeypatch.setattr(window.dialogs, "alert", lambda *a: alerts.append(a))
    window.dialogs.report_skipped(bm.skipped)
    ((title, text, details),) = alerts
    assert title == "Some data could not be read"
    assert "piriformis.yaml" in text and "left out" in text
    assert "Traceback" not in text and "piriformis.yaml" in details
    assert "1 data file" in window.dialogs.skipped_label.text()
    window.tools.add_mark(Mark("posterior", (bm.atlas.view("posterior").landmark("right-psis"),)))
    assert window.display.candidates and all(
        c.muscle != "piriformis" for c in window.display.candidates
    )
