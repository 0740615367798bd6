"""Errors a user can act on. ``str(error)`` is one readable line, never a traceback."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path


class BodymapError(Exception):
    """Base class of every error bodymap reports to a person."""


class DataError(BodymapError):
    """A data file (region, landmark or art file) is missing or malformed."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        self.message = message
        where = f"{self.path}:{line}" if line is not None else str(self.path)
        super().__init__(f"{where}: {message}")

    def __reduce__(self) -> tuple[type[DataError], tuple[Path, str, int | None]]:
        # The compiled data cache keeps the problems of the files it left out.
        return (DataError, (self.path, self.message, self.line))


class DataErrors(BodymapError):
    """Several data problems found in one pass (``bodymap check`` lists them all)."""

    def __init__(self, errors: list[DataError]) -> None:
        self.errors = errors
        head = str(errors[0]) if errors else "no errors"
        more = f" (and {len(errors) - 1} more problem(s))" if len(errors) > 1 else ""
        super().__init__(head + more)


class MarkError(BodymapError):
    """A pain mark (``VIEW:LANDMARK``, ``VIEW:X,Y``, a stroke) cannot be understood."""


class SessionError(BodymapError):
    """A saved session cannot be read or written.

    ``str(error)`` names the file and the technical problem; ``plain`` says what it means
    in words a patient could read ("This file is not a bodymap session.").
    """

    def __init__(self, message: str, plain: str = "This session file cannot be used.") -> None:
        super().__init__(message)
        self.plain = plain


def did_you_mean(word: str, choices: Iterable[str], n: int = 3) -> str:
    """`` (did you mean: a, b?)`` for the closest valid names, or an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=n, cutoff=0.6)
    return f" (did you mean: {', '.join(close)}?)" if close else ""
