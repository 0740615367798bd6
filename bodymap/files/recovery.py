"""The drawing put aside while the window runs, so that a crash or a kill loses little.

Each running window claims a name (``recovery-<pid>``, or ``recovery-<pid>-<n>`` when
that name is taken) in the state folder and holds an OS lock on ``<name>.lock`` while it
lives; the OS drops the lock when the process dies, however it dies. Beside the lock lie
the drawing (``<name>.bodymap``, a session written atomically by :func:`save_session`)
and ``<name>.json`` (the process id and the session file the drawing belongs to). A
drawing whose lock nobody holds belongs to a process that is gone: it is offered back at
the next start. A clean exit removes all three.

The state folder is :func:`bodymap.files.folders.state_dir` (``$BODYMAP_STATE_DIR``
when set). No Qt here.
"""

from __future__ import annotations

import glob
import itertools
import json
import logging
import os
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from bodymap.errors import SessionError
from bodymap.files.atomic import PRIVATE, replacing
from bodymap.files.folders import state_dir
from bodymap.files.session import SUFFIX, Session, load_session, save_session

PREFIX = "recovery-"
STALE_TEMP_SECONDS = 600.0
"""A save's temporary file older than this was left by a process killed mid-save."""

log = logging.getLogger(__name__)


def clean_stale_temp_files(path: Path, older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Remove ``.NAME.*.tmp`` beside ``path`` (what :func:`save_session` leaves when killed
    mid-save) if older than ``older_than`` seconds; return what was removed."""
    removed = []
    cutoff = time.time() - older_than
    try:
        leftovers = list(path.parent.glob(f".{glob.escape(path.name)}.*.tmp"))
    except OSError:
        return []
    for tmp in leftovers:
        try:
            if tmp.is_file() and tmp.stat().st_mtime < cutoff:
                tmp.unlink()
                removed.append(tmp)
        except OSError:
            continue
    return removed


@dataclass(frozen=True)
class Recoverable:
    """A drawing left behind by a bodymap that did not exit cleanly."""

    name: str
    saved: datetime
    """When it was put aside (local time)."""
    session: Session
    file: Path | None
    """The session file the drawing belonged to, if it had been saved or opened."""
    pid: int | None


class Recovery:
    """This process's recovery files in ``folder`` (by default :func:`state_dir`).

    Thread-safe: the window writes from a worker thread. Nothing touches the disk until
    the first :meth:`write` or :meth:`recoverable`.
    """

    _counter = itertools.count()

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = Path(folder) if folder is not None else state_dir()
        self.name: str | None = None
        self._lock_file: IO[bytes] | None = None
        self._held: dict[str, IO[bytes]] = {}
        """Locks of other processes' leftovers, held while this one offers them."""
        self._meta: tuple[int, str | None] | None = None
        self._closed = False
        self._mutex = threading.RLock()

    # ----- this process's drawing ----------------------------------------------------
    @property
    def path(self) -> Path | None:
        """The drawing put aside, once a name is claimed."""
        return self.folder / f"{self.name}{SUFFIX}" if self.name else None

    def write(self, session: Session, file: Path | None = None) -> Path | None:
        """Put ``session`` aside (atomically); ``file`` is the session file it belongs to.
        Raises :class:`SessionError` when it cannot be written; does nothing once closed."""
        with self._mutex:
            if self._closed:
                return None
            try:
                self._claim()
                assert self.name is not None
                meta = (os.getpid(), str(file) if file else None)
                if meta != self._meta:
                    _write_json(self._file(self.name, ".json"), _meta_json(*meta))
                    self._meta = meta
            except OSError as exc:
                raise SessionError(
                    f"{self.folder}: cannot write the recovery files ({exc.strerror or exc})",
                    "The drawing could not be put aside for recovery.",
                ) from None
            path = self.path
            assert path is not None
            save_session(path, session)
            return path

    def discard(self) -> None:
        """Remove the drawing put aside (it is saved, or there is nothing to keep); the
        name stays claimed for the next :meth:`write`."""
        with self._mutex:
            if self.name:
                for suffix in (SUFFIX, ".json"):
                    self._file(self.name, suffix).unlink(missing_ok=True)
                self._meta = None

    def close(self) -> None:
        """A clean exit: remove this process's files and let go of every lock."""
        with self._mutex:
            self._closed = True
            try:
                self.discard()
            except OSError as exc:
                log.warning("could not remove the recovery files: %s", exc)
            if self._lock_file is not None and self.name:
                _release(self._lock_file)
                self._file(self.name, ".lock").unlink(missing_ok=True)
                self._lock_file = None
            for name in list(self._held):
                self.release(name)

    def _claim(self) -> None:
        if self._lock_file is not None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        pid = os.getpid()
        for n in itertools.count(next(self._counter)):
            name = f"{PREFIX}{pid}" if n == 0 else f"{PREFIX}{pid}-{n}"
            try:
                fd = os.open(self._file(name, ".lock"), os.O_CREAT | os.O_EXCL | os.O_RDWR)
            except FileExistsError:  # a leftover of a dead process with our pid, or ours
                continue
            lock_file = os.fdopen(fd, "r+b")
            if _try_lock(lock_file) is False:  # cannot happen for a file just created
                lock_file.close()
                continue
            self.name, self._lock_file = name, lock_file
            return

    def _file(self, name: str, suffix: str) -> Path:
        return self.folder / f"{name}{suffix}"

    # ----- what others left behind ---------------------------------------------------
    def recoverable(self) -> list[Recoverable]:
        """Drawings of processes that are gone, newest first. Each stays locked by this
        process until :meth:`forget` or :meth:`release`, so two windows starting at once
        do not both offer it."""
        found = []
        with self._mutex:
            for name in self._leftover_names():
                if name == self.name or name in self._held:
                    continue
                lock_file = self._lock_if_dead(name)
                if lock_file is None:
                    continue
                self._held[name] = lock_file
                entry = self._read(name)
                if entry is None:
                    self.release(name)
                else:
                    found.append(entry)
            self._tidy()
        return sorted(found, key=lambda e: e.saved, reverse=True)

    def forget(self, name: str) -> None:
        """Remove a leftover drawing (restored or discarded)."""
        with self._mutex:
            for suffix in (SUFFIX, ".json"):
                self._file(name, suffix).unlink(missing_ok=True)
            lock_file = self._held.pop(name, None)
            if lock_file is not None:
                _release(lock_file)
            self._file(name, ".lock").unlink(missing_ok=True)

    def release(self, name: str) -> None:
        """Leave a leftover for another time (the next start offers it again)."""
        with self._mutex:
            lock_file = self._held.pop(name, None)
            if lock_file is not None:
                _release(lock_file)

    def _leftover_names(self) -> Iterator[str]:
        try:
            paths = sorted(self.folder.glob(f"{PREFIX}*{SUFFIX}"))
        except OSError:
            return
        for path in paths:
            yield path.name[: -len(SUFFIX)]

    def _lock_if_dead(self, name: str) -> IO[bytes] | None:
        """The leftover's lock, now held by us, if its process is gone; else None."""
        try:
            # Made anew if missing: locks are made before drawings, so its owner is gone.
            lock_file = open(self._file(name, ".lock"), "a+b")  # noqa: SIM115
        except OSError:
            return None
        locked = _try_lock(lock_file)
        if locked is None:  # the folder's file system has no locks: ask about the pid
            pid = _pid_of(name)
            locked = pid is not None and not _pid_alive(pid)
        if not locked:
            lock_file.close()
            return None
        return lock_file

    def _read(self, name: str) -> Recoverable | None:
        path = self._file(name, SUFFIX)
        try:
            session = load_session(path)
            saved = datetime.fromtimestamp(path.stat().st_mtime)
        except (SessionError, OSError) as exc:
            log.warning("cannot read the recovery file %s: %s", path, exc)
            return None
        file: Path | None = None
        pid = _pid_of(name)
        try:
            meta = json.loads(self._file(name, ".json").read_text(encoding="utf-8"))
            if isinstance(meta, dict):
                file = Path(meta["file"]) if isinstance(meta.get("file"), str) else None
                pid = meta["pid"] if isinstance(meta.get("pid"), int) else pid
        except (OSError, ValueError):
            pass  # killed before the first meta was written: the drawing is what matters
        return Recoverable(name, saved, session, file, pid)

    def _tidy(self) -> None:
        """Remove what dead processes left that holds no drawing: lock files with no
        drawing, and temporary files of saves that were cut short."""
        cutoff = time.time() - STALE_TEMP_SECONDS
        try:
            candidates = list(self.folder.glob(f".{PREFIX}*.tmp"))
            candidates += [
                p
                for p in self.folder.glob(f"{PREFIX}*.lock")
                if not p.with_suffix(SUFFIX).exists() and p.stem != self.name
            ]
        except OSError:
            return
        for path in candidates:
            try:
                if path.stat().st_mtime < cutoff:
                    if path.suffix == ".lock":
                        held = self._lock_if_dead(path.stem)
                        if held is None:
                            continue
                        _release(held)
                    path.unlink()
            except OSError:
                continue


def _meta_json(pid: int, file: str | None) -> dict[str, Any]:
    return {"pid": pid, "file": file, "started": datetime.now().isoformat(timespec="seconds")}


def _write_json(path: Path, data: dict[str, Any]) -> None:
    with replacing(path, mode=PRIVATE) as tmp:
        tmp.write_text(json.dumps(data), encoding="utf-8")


def _pid_of(name: str) -> int | None:
    digits = name[len(PREFIX) :].split("-")[0]
    return int(digits) if digits.isdigit() else None


def _pid_alive(pid: int) -> bool:
    if sys.platform == "win32":
        return True  # os.kill would end it; without locks, never take another's drawing
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def _try_lock(f: IO[bytes]) -> bool | None:
    """Lock ``f`` without waiting: True (ours now), False (another process holds it),
    None (this file system cannot lock)."""
    try:
        if sys.platform == "win32":
            import msvcrt

            f.seek(0)
            msvcrt.locking(f.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except (BlockingIOError, PermissionError):
        return False
    except OSError as exc:
        if sys.platform == "win32":  # a locked region reports EACCES or EDEADLOCK
            return False
        log.warning("cannot lock %s: %s", getattr(f, "name", "?"), exc)
        return None
    return True


def _release(f: IO[bytes]) -> None:
    try:
        if sys.platform == "win32":
            import msvcrt

            f.seek(0)
            msvcrt.locking(f.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(f.fileno(), fcntl.LOCK_UN)
    except OSError:
        pass
    finally:
        f.close()
