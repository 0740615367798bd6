"""Replacing a file all at once, so that a failed write never damages a good file.

The new content goes to a temporary file in the same folder (``.NAME.XXXXXXXX.tmp``:
hidden, and not mistaken for the real thing), is flushed to the disk, checked by the
caller, and only then renamed over the old file, which is one step on every system
bodymap runs on. Until then the old file is as it was; after a failure, or an error
inside the ``with`` block, the temporary file is removed. A process killed mid-write
may leave one behind: :func:`bodymap.files.recovery.clean_stale_temp_files`
clears old ones.

Every file bodymap writes goes through :func:`replacing`: sessions, exported pictures and
handouts, the recovery files and the compiled data cache. Each is synced to the disk
before it replaces the old one; its mode is the old file's (or a new file's usual one),
or :data:`PRIVATE` for what only its owner should read. No Qt here.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

PRIVATE = 0o600
"""The mode of a file only its owner may read and write (recovery files, the cache)."""


class CannotCreate(OSError):
    """The temporary file could not be made: the folder is missing or cannot be written.
    Nothing was written; ``errno`` and ``strerror`` are those of the refusal."""


@contextlib.contextmanager
def replacing(path: Path, mode: int | None = None) -> Iterator[Path]:
    """Yield a new empty temporary file beside ``path`` to write to. When the block ends
    without an error, the file is given ``mode`` (by default the old file's mode, or the
    usual one for a new file), synced to the disk and moved over ``path``. Raise
    :class:`CannotCreate` when the temporary file cannot be made, and any ``OSError`` of
    syncing or moving; on every error the temporary file is removed and ``path`` is left
    untouched."""
    path = Path(path)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise CannotCreate(exc.errno, exc.strerror or str(exc), str(path.parent)) from exc
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, _mode(path) if mode is None else mode)  # mkstemp makes it 0600
        _sync(tmp)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def _mode(path: Path) -> int:
    """The mode the old file had, or the one a new file gets under the umask."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _sync(path: Path) -> None:
    """Make sure what was written is on the disk before it replaces the old file: a
    full disk or a failing device reports here if it has not already."""
    fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
