"""Errors a user can act on. ``str(error)`` is one readable line, never a traceback.

Also the words such a line is made of: a value quoted (:func:`quoted`, :func:`shown`) or
described (:func:`in_words`), and the names the user may have meant
(:func:`did_you_mean`).
"""

from __future__ import annotations

import datetime
import difflib
import math
from collections.abc import Iterable
from pathlib import Path
from typing import Any


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


def quoted(text: object, limit: int = 60) -> str:
    """``text`` in single quotes, on one line and cut to ``limit`` characters."""
    shown = str(text)
    if len(shown) > limit:
        shown = shown[: limit - 3] + "..."
    escaped = shown.encode("unicode_escape").decode("ascii") if not shown.isprintable() else shown
    return f"'{escaped}'"


def shown(value: Any, limit: int = 40) -> str:
    """A JSON value as written, for a one-line message: quoted, escaped, and cut short if
    long; a list or an object (and a number beyond reading) said in words instead."""
    if isinstance(value, dict | list):
        return in_words(value, json=True)
    if isinstance(value, float) and not math.isfinite(value):
        return "not a number" if math.isnan(value) else "a number too large to read"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**limit:
        return f"a number of {len(str(abs(value)))} digits"
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


_YAML_WORDS: dict[type, str] = {list: "a list", dict: "keys and values (a mapping)"}


def in_words(value: Any, *, json: bool = False) -> str:
    """What a value is, for "expected a number, not ...": a YAML value as its author
    wrote it (``'abc'``, ``2.5``, ``an empty value``, ``a list``) or, with ``json``, a
    JSON value by its kind (``the text 'abc'``, ``the number 2.5``, ``null``,
    ``a list of 3``, ``an object``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if json:
        return _json_in_words(value)
    if value is None:
        return "an empty value"
    if isinstance(value, str):
        return quoted(value, 40)
    if isinstance(value, int | float):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, datetime.date):
        return f"the date {value.isoformat()}"
    return _YAML_WORDS.get(type(value), type(value).__name__)


def _json_in_words(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, str):
        return f"the text {shown(value)}"
    if isinstance(value, int | float):
        return f"the number {shown(value)}"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return f"a list of {len(value)}" if value else "an empty list"
    return type(value).__name__
