"""Reading a whole file that must not be too large, refusing anything else in one step.

Data files and session files are read the same way: the path must name a regular file
(not a folder, a device or a pipe, which could block or never end) no larger than a
limit, checked before reading and again while reading (a file that grows, or whose size
is not known, as in ``/proc``). Each refusal is a :class:`Refused` with the
:class:`Problem`; the caller words it for its own reader (a data file's author, a
patient). No Qt here.
"""

from __future__ import annotations

import errno
import stat
from enum import Enum
from pathlib import Path


class Problem(Enum):
    """Why a file was not read."""

    MISSING = "missing"
    BROKEN_LINK = "broken link"
    """A link to a file that does not exist."""
    LINK_LOOP = "link loop"
    FOLDER = "folder"
    NOT_REGULAR = "not a regular file"
    TOO_LARGE = "too large"
    PERMISSION = "permission denied"
    UNREADABLE = "unreadable"
    """Any other refusal of the system: :attr:`Refused.error` says which."""


class Refused(Exception):
    """A file that :func:`read_bounded` did not read, and why.

    ``size`` is the file's size for :attr:`Problem.TOO_LARGE` (``at_least`` when only
    that much was seen: the file grew, or had no size); ``error`` is the system's
    refusal, when there was one.
    """

    def __init__(
        self,
        path: Path,
        problem: Problem,
        *,
        size: int = 0,
        at_least: bool = False,
        error: OSError | None = None,
    ) -> None:
        super().__init__(f"{path}: {problem.value}")
        self.path = path
        self.problem = problem
        self.size = size
        self.at_least = at_least
        self.error = error

    @property
    def reason(self) -> str:
        """The system's words for the refusal (``Permission denied``), or the problem's."""
        if self.error is not None:
            return self.error.strerror or str(self.error)
        return self.problem.value


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them; raise
    :class:`Refused` for anything else."""
    try:
        info = path.stat()
    except FileNotFoundError as exc:
        problem = Problem.BROKEN_LINK if path.is_symlink() else Problem.MISSING
        raise Refused(path, problem, error=exc) from None
    except OSError as exc:
        problem = Problem.LINK_LOOP if exc.errno == errno.ELOOP else Problem.UNREADABLE
        raise Refused(path, problem, error=exc) from None
    if stat.S_ISDIR(info.st_mode):
        raise Refused(path, Problem.FOLDER)
    if not stat.S_ISREG(info.st_mode):
        raise Refused(path, Problem.NOT_REGULAR)
    if info.st_size > limit:
        raise Refused(path, Problem.TOO_LARGE, size=info.st_size)
    try:
        with path.open("rb") as stream:
            data = stream.read(limit + 1)
    except FileNotFoundError as exc:  # removed since stat()
        raise Refused(path, Problem.MISSING, error=exc) from None
    except PermissionError as exc:
        raise Refused(path, Problem.PERMISSION, error=exc) from None
    except OSError as exc:
        raise Refused(path, Problem.UNREADABLE, error=exc) from None
    if len(data) > limit:  # it grew since stat(), or its size was not known
        raise Refused(path, Problem.TOO_LARGE, size=len(data), at_least=True)
    return data
