"""Autosave on its own, without a window: a stand-in document says what to put aside and
whether it is saved, and a stand-in for the status bar and alerts records what it is told.
The debounce, the worker thread, the failure said once, and the recovery question."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from bodymap.errors import SessionError
from bodymap.files.recovery import Recovery
from bodymap.files.session import Session, load_session
from bodymap.gui import autosave as autosave_module
from bodymap.gui.autosave import AUTOSAVE_FAILED, Autosave, when
from tests.gui.test_faults import PAINTED, files, leave_behind, restore_asked


class Document:
    """What autosave sees of the window's session."""

    def __init__(self) -> None:
        self.session = Session()
        self.path: Path | None = None
        self.modified = False
        self.shown: list[tuple[Session, Path | None, bool]] = []
        self.cannot_show: Exception | None = None

    def is_modified(self) -> bool:
        return self.modified

    def snapshot(self) -> tuple[Session, Path | None]:
        return self.session, self.path

    def show_session(self, session: Session, path: Path | None, saved: bool) -> Exception | None:
        if self.cannot_show is not None:
            return self.cannot_show
        self.shown.append((session, path, saved))
        self.session, self.path, self.modified = session, path, not saved
        return None


class Notices:
    def __init__(self) -> None:
        self.alerts: list[tuple[str, str, str]] = []
        self.said: list[str] = []

    def alert(self, title: str, text: str, details: str = "") -> None:
        self.alerts.append((title, text, details))

    def say(self, text: str, timeout: int = 0) -> None:
        self.said.append(text)


@pytest.fixture
def document() -> Document:
    return Document()


@pytest.fixture
def notices() -> Notices:
    return Notices()


@pytest.fixture
def state(tmp_path: Path) -> Path:
    return tmp_path / "state"


@pytest.fixture
def saver(document: Document, notices: Notices, state: Path) -> Iterator[Autosave]:
    autosave = Autosave(Recovery(state), document, notices, delay_ms=50)
    yield autosave
    autosave.close()


def aside(autosave: Autosave) -> Session | None:
    assert autosave.recovery is not None
    path = autosave.recovery.path
    try:
        return load_session(path) if path is not None else None
    except SessionError:
        return None


def test_a_change_is_put_aside_a_moment_later_and_goes_once_saved(
    qtbot: QtBot, saver: Autosave, document: Document, state: Path
) -> None:
    document.session, document.modified = PAINTED, True
    saver.follow(True)  # unsaved: soon, not now
    assert saver.timer.isActive() and aside(saver) is None
    qtbot.waitUntil(lambda: aside(saver) == PAINTED)
    document.modified = False
    saver.follow(False)  # saved: what was put aside goes at once
    qtbot.waitUntil(lambda: aside(saver) is None)
    saver.close()
    assert files(state) == []


def test_an_unchanged_drawing_is_not_handed_to_the_worker_again(
    qtbot: QtBot, saver: Autosave, document: Document
) -> None:
    document.session, document.modified = PAINTED, True
    saver.sync(wait=True)
    assert saver.recovery is not None and saver.recovery.path is not None
    first = saver.recovery.path.stat().st_ino
    saver.sync(wait=True)
    assert saver.recovery.path.stat().st_ino == first  # every write replaces the file
    document.session = Session(PAINTED.marks[:1])
    saver.sync(wait=True)
    assert saver.recovery.path.stat().st_ino != first


def test_changes_that_keep_coming_wait_no_longer_than_ten_delays(
    saver: Autosave, document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each change restarts the wait, but never past ``MAX_WAIT`` delays from the first."""
    clock = [100.0]
    monkeypatch.setattr(autosave_module, "time", SimpleNamespace(monotonic=lambda: clock[0]))
    saver.timer.setInterval(1000)
    document.modified = True
    saver.schedule()
    assert saver.timer.interval() == 1000
    clock[0] = 108.5  # 8.5 s of changes: a whole delay is still within the limit
    saver.schedule()
    assert saver.timer.interval() == 1000
    clock[0] = 109.5  # half a delay to the limit: no later than that
    saver.schedule()
    assert saver.timer.interval() == 500
    clock[0] = 110.25  # past it: now
    saver.schedule()
    assert saver.timer.interval() == 0 and saver.timer.isActive()
    saver.timer.stop()
    saver.timer.setInterval(1000)
    clock[0] = 200.0  # the timer had stopped: a new limit from here
    saver.schedule()
    assert saver.timer.interval() == 1000


def test_a_failure_is_said_once_and_working_again_is_said_too(
    qtbot: QtBot,
    document: Document,
    notices: Notices,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    saver = Autosave(Recovery(blocker / "state"), document, notices, delay_ms=50)
    caplog.set_level(logging.WARNING, "bodymap")
    document.modified = True
    for marks in (PAINTED.marks[:1], PAINTED.marks, PAINTED.marks[1:]):
        document.session = Session(marks)
        saver.sync()
        qtbot.waitUntil(lambda: saver.failing)
        qtbot.wait(20)  # each change tries again, quietly
    assert notices.said == [AUTOSAVE_FAILED] and notices.alerts == []
    failures = [r for r in caplog.records if "autosave failed" in r.getMessage()]
    assert len(failures) == 1
    saver.recovery = Recovery(tmp_path / "state")  # space again
    saver.sync()  # the same drawing: tried again after a failure
    qtbot.waitUntil(lambda: not saver.failing)
    assert notices.said[-1] == "The drawing is put aside for recovery again."
    assert aside(saver) == document.session
    saver.close()


def test_without_recovery_nothing_is_put_aside_or_offered(document: Document) -> None:
    saver = Autosave(None, document, Notices())
    document.modified = True
    saver.schedule()
    assert not saver.timer.isActive()
    saver.sync(wait=True)
    assert not saver.offer_recovery()
    saver.close()


# ----- recovery at start -----------------------------------------------------------------
def test_a_drawing_left_behind_is_offered_and_restored_unsaved(
    qtbot: QtBot,
    saver: Autosave,
    document: Document,
    notices: Notices,
    state: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    belongs = tmp_path / "jane.bodymap"
    leftover = leave_behind(state, PAINTED, belongs)
    asked = restore_asked(monkeypatch, saver)
    assert saver.offer_recovery()
    assert [e.name for e in asked] == [leftover]
    assert document.shown == [(PAINTED, belongs, False)]
    assert aside(saver) == PAINTED  # this window's own copy first...
    assert not any(name.startswith(leftover) for name in files(state))  # ...then the old goes
    assert notices.said[-1].startswith("Restored the drawing from ")
    assert not saver.offer_recovery()  # offered once


def test_a_drawing_that_cannot_be_shown_is_kept_for_next_time(
    saver: Autosave,
    document: Document,
    notices: Notices,
    state: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    leftover = leave_behind(state, PAINTED, None)
    document.cannot_show = ValueError("no such view")
    monkeypatch.setattr(saver, "ask_restore", lambda entry: True)
    assert not saver.offer_recovery()
    ((title, text, details),) = notices.alerts
    assert title == "Cannot restore the drawing" and "It is kept" in text
    assert details == "no such view"
    assert f"{leftover}.bodymap" in files(state)
    assert document.shown == [] and aside(saver) is None


def test_discarding_forgets_the_drawing(
    saver: Autosave, document: Document, state: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    leftover = leave_behind(state, PAINTED, None)
    monkeypatch.setattr(saver, "ask_restore", lambda entry: False)
    assert not saver.offer_recovery()
    assert not any(name.startswith(leftover) for name in files(state))
    assert document.shown == []


def test_the_question_names_the_drawing_and_closing_it_restores(
    saver: Autosave, state: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    leave_behind(state, PAINTED, tmp_path / "jane.bodymap")
    assert saver.recovery is not None
    (entry,) = saver.recovery.recoverable()
    seen: list[tuple[str, str]] = []

    def escape(box: QMessageBox) -> int:
        seen.append((box.text(), box.informativeText()))
        box.escapeButton().click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", escape)
    assert saver.ask_restore(entry)  # closing the question must not throw it away
    ((text, more),) = seen
    assert text.startswith("bodymap closed unexpectedly. Restore the drawing from ")
    assert (
        more
        == "Jane Doe, 2 marks, from jane.bodymap. Discard deletes the drawing put aside for good."
    )


def test_when_says_today_or_the_day() -> None:
    now = datetime.now().replace(hour=14, minute=5)
    assert when(now) == "14:05 today"
    earlier = datetime(2026, 3, 3, 9, 30)
    if earlier.date() != datetime.now().date():
        assert when(earlier) == "09:30 on 3 March"
    assert when(now - timedelta(days=400)).startswith("14:05 on ")
