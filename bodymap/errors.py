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


SIDES = ("left-", "right-")
"""The prefixes of a sided name (``left-heel``, ``right-lateral``)."""


def did_you_mean(word: str, choices: Iterable[str], n: int = 3) -> str:
    """`` (did you mean: a, b?)`` for the closest valid names, or an empty string.

    A name written without a side is compared with the names without theirs, and a
    sided match offers both sides: ``heel`` gives ``left-heel, right-heel`` (not just the
    one that sorts first), ``sacrm`` gives ``sacrum``, and ``hip`` the sided names it is
    a word of (``left-anterior-hip, right-anterior-hip``)."""
    choices = list(choices)
    if word.startswith(SIDES):
        close = difflib.get_close_matches(word, choices, n=n, cutoff=0.6)
        return f" (did you mean: {', '.join(close)}?)" if close else ""
    names: dict[str, list[str]] = {}  # a name without its side -> the names it stands for
    for name in choices:
        side = next((s for s in SIDES if name.startswith(s) and len(name) > len(s)), "")
        names.setdefault(name[len(side) :], []).append(name)
    if word in names and word not in choices:
        best = [word]
    else:
        matcher = difflib.SequenceMatcher(b=word)

        def likeness(key: str) -> float:
            matcher.set_seq1(key)
            return max(matcher.ratio(), 0.6 if word in key.split("-") else 0.0)

        scored = sorted(((likeness(k), k) for k in names), key=lambda sk: -sk[0])
        best = [k for score, k in scored if score >= 0.6][:n]
    close = [name for key in best for name in sorted(names[key])]
    return f" (did you mean: {', '.join(close)}?)" if close else ""
