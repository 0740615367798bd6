"""Nothing is lost if bodymap or the computer stops: a few seconds after each change the
drawing is put aside (:class:`~bodymap.files.recovery.Recovery`), in a worker thread so
painting goes on; the next start offers it back.

:class:`Autosave` needs no window: it asks a :class:`Document` what to put aside and
whether it is unsaved, shows a drawing it restores through it, and speaks through
:class:`~bodymap.gui.dialogs.Notices`.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import functools
import logging
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from bodymap.files.recovery import Recoverable, Recovery
from bodymap.files.session import Session
from bodymap.gui.dialogs import Notices

log = logging.getLogger("bodymap.gui")

AUTOSAVE_FAILED = (
    "Could not put the drawing aside for recovery (the disk may be full). "
    "Your drawing is still here; save the session to keep it."
)
RESCUE_SECONDS = 5.0
"""How long a crash or a close waits for the drawing to be put aside."""


class Document(Protocol):
    """What autosave needs of the session the window holds."""

    def is_modified(self) -> bool: ...

    def snapshot(self) -> tuple[Session, Path | None]:
        """The session, and the file it belongs to."""
        ...

    def show_session(self, session: Session, path: Path | None, saved: bool) -> Exception | None:
        """Show a session (``saved`` False: as unsaved); why it could not, or None."""
        ...


def when(moment: datetime) -> str:
    """Like "14:05 today" or "14:05 on 3 March"."""
    if moment.date() == datetime.now().date():
        return f"{moment:%H:%M} today"
    return f"{moment:%H:%M} on {moment.day} {moment:%B}"


def _nothing() -> None:
    pass


class Autosave(QObject):
    """The drawing put aside ``DELAY_MS`` after the last change, or while changes keep
    coming at least every ``MAX_WAIT`` delays; a failure said once, and again when it
    works; at start, the drawings an earlier bodymap left offered back.

    Without a ``recovery`` it does nothing (as in most tests).
    """

    DELAY_MS = 3000
    """Put the drawing aside this long after the last change..."""
    MAX_WAIT = 10
    """...or, while changes keep coming, at least every this many delays."""

    finished = Signal(object)
    """From the worker thread: None, or the error that stopped the write."""

    def __init__(
        self,
        recovery: Recovery | None,
        document: Document,
        notices: Notices,
        delay_ms: int | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.recovery = recovery
        self.document = document
        self.notices = notices
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(self.DELAY_MS if delay_ms is None else delay_ms)
        self.timer.timeout.connect(self.sync)
        self._deadline = 0.0
        self._worker = (
            concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="bodymap-autosave")
            if recovery is not None
            else None
        )
        self._written: tuple[Session, Path | None] | None = None
        """The last drawing handed to the worker."""
        self._aside = False
        """Whether a drawing may be put aside on disk."""
        self.failing = False
        """Whether the last write failed (said once, until one works again)."""
        self.finished.connect(self._on_finished)

    # ----- putting the drawing aside -------------------------------------------------
    def schedule(self) -> None:
        """Put the drawing aside ``DELAY_MS`` after the last change, and at least every
        ``MAX_WAIT`` delays while the changes keep coming."""
        if self._worker is None:
            return
        delay = self.timer.interval()
        now = time.monotonic()
        if not self.timer.isActive():
            self._deadline = now + delay * self.MAX_WAIT / 1000
        left = max(0, round((self._deadline - now) * 1000))
        self.timer.start(min(delay, left))

    def follow(self, modified: bool) -> None:
        """The document's saved state changed: unsaved work is put aside soon; once it
        is saved (or undone back to what is saved), what was put aside goes."""
        if modified:
            self.schedule()
        else:
            self.sync()

    def sync(self, wait: bool = False) -> None:
        """Put the drawing aside if it changed since the last time, in the worker thread
        (painting goes on); with nothing unsaved, remove what was put aside. ``wait``:
        return once it is on disk (a crash, a close)."""
        recovery, worker = self.recovery, self._worker
        if recovery is None or worker is None:
            return
        self.timer.stop()
        job = self._job(recovery)
        if job is None and not wait:
            return
        future = worker.submit(job or _nothing)
        if job is not None:
            future.add_done_callback(self._done)
        if wait:  # behind whatever the thread is writing
            concurrent.futures.wait([future], timeout=RESCUE_SECONDS)

    def _job(self, recovery: Recovery) -> Callable[[], object] | None:
        """What the worker should do now, if anything."""
        if self.document.is_modified():
            snapshot = self.document.snapshot()
            if snapshot != self._written:
                self._written, self._aside = snapshot, True
                return functools.partial(recovery.write, *snapshot)
        elif self._aside:
            self._written, self._aside = None, False
            return recovery.discard
        return None

    def _done(self, future: concurrent.futures.Future[object]) -> None:
        """In the worker thread: tell the window (Qt queues the signal)."""
        with contextlib.suppress(RuntimeError):  # the window is gone
            self.finished.emit(future.exception())

    def _on_finished(self, error: object) -> None:
        if error is None:
            if self.failing:
                self.failing = False
                log.info("autosave works again")
                self.notices.say("The drawing is put aside for recovery again.", 6000)
            return
        self._written = None  # try again after the next change
        if not self.failing:  # once, not every few seconds
            self.failing = True
            log.warning("autosave failed: %s", error)
            self.notices.say(AUTOSAVE_FAILED, 20000)

    def rescue(self) -> None:
        """After an unexpected error: put the drawing aside now."""
        self.sync(wait=True)

    def close(self) -> None:
        """A clean exit: remove what was put aside and stop the worker thread."""
        worker, self._worker = self._worker, None
        self.timer.stop()
        if worker is None or self.recovery is None:
            return
        worker.submit(self.recovery.close)
        worker.shutdown(wait=True)

    # ----- recovery at start ---------------------------------------------------------
    def offer_recovery(self) -> bool:
        """At start: offer back each drawing a bodymap left when it did not exit
        cleanly, newest first; True when one was restored."""
        if self.recovery is None:
            return False
        entries = self.recovery.recoverable()
        for i, entry in enumerate(entries):
            if self.ask_restore(entry):
                restored = self.restore(entry)
                for other in entries[i + 1 :]:  # offered again next time
                    self.recovery.release(other.name)
                return restored
            self.recovery.forget(entry.name)
        return False

    def ask_restore(self, entry: Recoverable) -> bool:
        """Ask whether to restore a drawing left behind; True: restore it."""
        parent = self.parent()
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Restore the drawing?",
            f"bodymap closed unexpectedly. Restore the drawing from {when(entry.saved)}?",
            QMessageBox.StandardButton.NoButton,
            parent if isinstance(parent, QWidget) else None,
        )
        marks = len(entry.session.marks)
        what = [f"{marks} mark{'s' if marks != 1 else ''}"]
        if entry.session.patient:
            what.insert(0, entry.session.patient)
        if entry.file:
            what.append(f"from {entry.file.name}")
        box.setInformativeText(
            f"{', '.join(what)}. Discard deletes the drawing put aside for good."
        )
        restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(restore)
        box.setEscapeButton(restore)  # closing the question must not throw the drawing away
        box.exec()
        return box.clickedButton() is restore

    def restore(self, entry: Recoverable) -> bool:
        """Show a drawing left behind, unsaved, with the file it belonged to."""
        assert self.recovery is not None
        error = self.document.show_session(entry.session, entry.file, saved=False)
        if error is not None:
            self.recovery.release(entry.name)
            self.notices.alert(
                "Cannot restore the drawing",
                "The drawing put aside could not be restored. It is kept; your current "
                "drawing is unchanged.",
                str(error),
            )
            return False
        self.sync(wait=True)  # this window's copy first, then the old one goes
        self.recovery.forget(entry.name)
        self.notices.say(
            f"Restored the drawing from {when(entry.saved)}. Save it to keep it.", 10000
        )
        return True
