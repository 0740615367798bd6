"""Saved sessions: the GUI's own file format, also read by ``bodymap rank --session``.

A session is JSON with a ``format`` tag and a ``schema_version``. Files from a newer
version are refused with a clear message, older ones are read as they were meant;
writes go to a temporary file in the same folder that then replaces the old file, so a
failed save never damages a good file.

Version 2 added each mark's ``intensity`` and the patient's ``patient`` name and visit
``date``; a version 1 file reads as moderate marks with no name or date. Version 3 added
the ``plantar`` view (the soles); an older file holds no marks there. Version 4 added the
symptom ``answers`` (question id to ``yes``/``no``) and the press tests ``pressed`` (a
list of ``{"muscle", "side", "answer"}``); an older file has none.

Reading checks everything explicitly (no pydantic, which would cost the engine's start-up
and give vaguer messages): a file over MAX_BYTES or with more than MAX_POINTS points,
bytes that are not UTF-8, JSON cut short or nested without end, NaN and Infinity (which
Python's json accepts but JSON has not), numbers beyond any float, unknown keys and
views, wrong types. Every problem is a one-line :class:`SessionError` that names the
file (and the line, where the JSON parser gives one) and where in it (``marks.3.radius``),
with a ``plain`` message for the patient: NOT_A_SESSION, DAMAGED, NEWER, TOO_LARGE,
MISSING or UNREADABLE. Marks wholly outside the body are not the file's fault: the
window leaves them out and says how many, ``bodymap rank`` warns once for each.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NoReturn, TypeGuard

from bodymap.errors import MarkError, SessionError, did_you_mean, in_words, shown
from bodymap.files.atomic import CannotCreate, replacing
from bodymap.files.bounded import Problem, Refused, read_bounded
from bodymap.ids import DEFAULT_RADIUS, SESSION_SUFFIX, Side
from bodymap.kinds import DEFAULT_INTENSITY, Answers, Intensity, ViewName
from bodymap.marks import MAX_COORD, MAX_RADIUS, MIN_RADIUS, Mark

FORMAT = "bodymap-session"
SCHEMA_VERSION = 4
READABLE_VERSIONS = (1, 2, 3, 4)
_VIEWS_SINCE = {ViewName.PLANTAR.value: 3}
"""The session version that introduced a view; older files cannot hold marks there."""
SUFFIX = SESSION_SUFFIX

MAX_BYTES = 20_000_000
"""The largest session file bodymap opens (20 MB). The app writes about 40 bytes per
point, so a session of MAX_POINTS painted points is under 10 MB."""
MAX_POINTS = 200_000
"""The most points (over all marks) a session may hold. The window records a point every
3 units along a stroke, so this is some 400 strokes the length of the whole body; a real
session holds a few thousand."""

NOT_A_SESSION = "This file is not a bodymap session."
DAMAGED = "This session file is damaged or incomplete, so it cannot be opened."
NEWER = "This session was saved by a newer bodymap. Update bodymap to open it."
TOO_LARGE = "This file is too large to be a bodymap session, so it was not opened."
MISSING = "This file no longer exists."
UNSAVED = (
    "The session could not be saved there: the disk may be full or the folder read-only. "
    "Your drawing is still in the window; try another folder."
)
UNREADABLE = "This file cannot be read. It may be in use, or you may not have permission."

_KEYS = (
    "format",
    "schema_version",
    "saved_at",
    "marks",
    "selected",
    "notes",
    "patient",
    "date",
    "answers",
    "pressed",
)
_REPLIES = ("yes", "no")
_QUESTION_ID = re.compile(r"^[a-z][a-z0-9-]{0,63}$")
_MARK_KEYS = ("view", "points", "radius", "erase", "intensity")
_SELECTED_KEYS = ("muscle", "side")
_SIDES = ("left", "right", "both")
_VIEWS = tuple(v.value for v in ViewName)
_INTENSITIES = tuple(i.value for i in Intensity)


@dataclass(frozen=True)
class Session:
    """A patient's drawing with their name, the visit's date (ISO ``YYYY-MM-DD``, or
    empty) and free notes, and the muscle whose pattern was shown."""

    marks: tuple[Mark, ...] = ()
    selected: tuple[str, Side] | None = None
    notes: str = ""
    saved_at: str = field(default="", compare=False)
    patient: str = ""
    date: str = ""
    answers: Answers = field(default_factory=Answers)
    """The symptom answers and press tests (:mod:`bodymap.answers`)."""

    def file_stem(self) -> str:
        """A file name for this session's exports: ``bodymap-Jane-Doe-2026-11-21``."""
        words = "-".join(re.findall(r"[^\W_]+", self.patient))
        parts = ["bodymap", words, self.date if _DATE.match(self.date) else ""]
        return "-".join(p for p in parts if p)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "schema_version": SCHEMA_VERSION,
            "saved_at": self.saved_at or datetime.now(UTC).isoformat(timespec="seconds"),
            "marks": [
                {
                    "view": m.view,
                    "points": [list(p) for p in m.points],
                    "radius": m.radius,
                    "erase": m.erase,
                    "intensity": m.intensity.value,
                }
                for m in self.marks
            ],
            "selected": {"muscle": self.selected[0], "side": self.selected[1]}
            if self.selected
            else None,
            "patient": self.patient,
            "date": self.date,
            "notes": self.notes,
            "answers": dict(self.answers.replies),
            "pressed": [
                {"muscle": muscle, "side": side, "answer": answer}
                for (muscle, side), answer in self.answers.pressed.items()
            ],
        }


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_session(data: Any, source: str = "session") -> Session:
    """A session from parsed JSON. Every problem raises :class:`SessionError`, whose
    text names ``source`` and where in the file the problem is (``marks.3.radius``)."""
    if not isinstance(data, dict):
        raise SessionError(
            f"{source}: not a bodymap session file (the JSON is {in_words(data, json=True)}, "
            "not an object)",
            NOT_A_SESSION,
        )
    tag = data.get("format")
    if tag != FORMAT:
        what = "it has no format tag" if tag is None else f"its format is {shown(tag)}"
        raise SessionError(
            f"{source}: not a bodymap session file ({what}; expected {FORMAT!r})", NOT_A_SESSION
        )
    version = data.get("schema_version")
    if _is_int(version) and version > SCHEMA_VERSION:
        raise SessionError(
            f"{source}: saved by a newer bodymap (session version {version}; this one reads up to "
            f"{SCHEMA_VERSION}). Update bodymap to open it.",
            NEWER,
        )
    if not _is_int(version) or version not in READABLE_VERSIONS:
        got = "missing" if "schema_version" not in data else shown(version)
        raise SessionError(
            f"{source}: schema_version: unsupported session version {got} (this bodymap reads "
            f"{', '.join(map(str, READABLE_VERSIONS))})",
            DAMAGED,
        )
    check = _Checker(source, version)
    check.keys(data, _KEYS, ())
    raw_marks = data.get("marks", [])
    if not isinstance(raw_marks, list):
        check.fail(("marks",), f"expected a list of marks, not {in_words(raw_marks, json=True)}")
    _check_size(source, raw_marks)
    marks = tuple(check.mark(m, ("marks", i)) for i, m in enumerate(raw_marks))
    selected = check.selected(data.get("selected"))
    saved_at, notes, patient, date = (
        check.text(data.get(key, ""), (key,)) for key in ("saved_at", "notes", "patient", "date")
    )
    if date and not _DATE.match(date):
        check.fail(("date",), f"expected a date like 2026-11-21, not {shown(date)}")
    if version < 4 and ("answers" in data or "pressed" in data):
        key = "answers" if "answers" in data else "pressed"
        check.fail((key,), f"answers came with session version 4; this file is version {version}")
    answers = Answers(
        check.replies(data.get("answers", {})), check.pressed(data.get("pressed", []))
    )
    return Session(marks, selected, notes, saved_at, patient, date, answers)


def _check_size(source: str, marks: list[Any]) -> None:
    """Refuse a session too large to be real before looking at any mark in detail."""
    if len(marks) > MAX_POINTS:
        raise SessionError(
            f"{source}: marks: {len(marks):,} marks, more than the {MAX_POINTS:,} points a "
            "session may hold",
            TOO_LARGE,
        )
    points = sum(
        len(m["points"]) for m in marks if isinstance(m, dict) and isinstance(m.get("points"), list)
    )
    if points > MAX_POINTS:
        raise SessionError(
            f"{source}: marks: {points:,} points in all, more than the {MAX_POINTS:,} a session "
            "may hold",
            TOO_LARGE,
        )


class _Checker:
    """Explicit checks of a session's parts, each failure naming where it is."""

    def __init__(self, source: str, version: int = SCHEMA_VERSION) -> None:
        self.source = source
        self.version = version

    def fail(self, where: tuple[str | int, ...], problem: str) -> NoReturn:
        place = ".".join(str(p) for p in where)
        raise SessionError(f"{self.source}: {place}: {problem}", DAMAGED)

    def keys(self, data: dict[str, Any], allowed: tuple[str, ...], where: tuple[Any, ...]) -> None:
        for key in data:
            if key not in allowed:
                hint = did_you_mean(str(key), allowed)
                self.fail((*where, key), f"unknown key{hint}; expected {', '.join(allowed)}")

    def replies(self, data: Any) -> dict[str, str]:
        if not isinstance(data, dict):
            self.fail(("answers",), f"expected an object, not {in_words(data, json=True)}")
        for key, reply in data.items():
            if not _QUESTION_ID.match(key):
                self.fail(("answers", key), "not a question id (lower-case words and hyphens)")
            if reply not in _REPLIES:
                self.fail(("answers", key), f"expected yes or no, not {shown(reply)}")
        return dict(data)

    def pressed(self, data: Any) -> dict[tuple[str, str], str]:
        if not isinstance(data, list):
            self.fail(("pressed",), f"expected a list, not {in_words(data, json=True)}")
        out: dict[tuple[str, str], str] = {}
        for i, item in enumerate(data):
            where = ("pressed", i)
            if not isinstance(item, dict):
                self.fail(where, f"expected an object, not {in_words(item, json=True)}")
            self.keys(item, ("muscle", "side", "answer"), where)
            muscle = self.text(item.get("muscle", ""), (*where, "muscle"))
            if not re.match(r"^[a-z][a-z0-9_]{0,63}$", muscle):
                self.fail((*where, "muscle"), f"not a muscle id: {shown(muscle)}")
            side = item.get("side", "both")
            if side not in ("left", "right", "both"):
                self.fail((*where, "side"), f"expected left, right or both, not {shown(side)}")
            answer = item.get("answer")
            if answer not in _REPLIES:
                self.fail((*where, "answer"), f"expected yes or no, not {shown(answer)}")
            out[(muscle, side)] = answer
        return out

    def text(self, value: Any, where: tuple[Any, ...]) -> str:
        if not isinstance(value, str):
            self.fail(where, f"expected text, not {in_words(value, json=True)}")
        return value

    def number(self, value: Any, where: tuple[Any, ...]) -> float:
        if not _is_number(value):
            self.fail(where, f"expected a number, not {in_words(value, json=True)}")
        try:
            number = float(value)
        except OverflowError:  # an int beyond any float
            number = math.inf
        if not math.isfinite(number):
            self.fail(where, "not a number" if math.isnan(number) else "the number is too large")
        return number

    def mark(self, data: Any, where: tuple[Any, ...]) -> Mark:
        if not isinstance(data, dict):
            self.fail(where, f"expected a mark (an object), not {in_words(data, json=True)}")
        self.keys(data, _MARK_KEYS, where)
        for key in ("view", "points"):
            if key not in data:
                self.fail((*where, key), "missing")
        view = self.view(data["view"], (*where, "view"))
        points = self.points(data["points"], (*where, "points"))
        radius = self.number(data.get("radius", DEFAULT_RADIUS), (*where, "radius"))
        if not MIN_RADIUS <= radius <= MAX_RADIUS:
            self.fail(
                (*where, "radius"),
                f"must be from {MIN_RADIUS:g} to {MAX_RADIUS:g} units, not {radius:g}",
            )
        erase = data.get("erase", False)
        if not isinstance(erase, bool):
            self.fail((*where, "erase"), f"expected true or false, not {shown(erase)}")
        intensity = data.get("intensity", DEFAULT_INTENSITY.value)
        if intensity not in _INTENSITIES:
            self.fail(
                (*where, "intensity"),
                f"expected one of {', '.join(_INTENSITIES)}, not {shown(intensity)}",
            )
        try:
            return Mark(view, points, radius, erase, Intensity(intensity))
        except MarkError as exc:  # the checks above should have caught it; still one line
            self.fail(where, str(exc))

    def view(self, view: Any, where: tuple[Any, ...]) -> str:
        if view not in _VIEWS:
            name = view if isinstance(view, str) else ""
            self.fail(
                where,
                f"unknown view {shown(view)}{did_you_mean(name, _VIEWS)}; views: "
                f"{', '.join(_VIEWS)}",
            )
        since = _VIEWS_SINCE.get(view, 1)
        if self.version < since:
            self.fail(
                where,
                f"the {view} view came with session version {since}; this file is version "
                f"{self.version}",
            )
        return str(view)

    def points(self, raw_points: Any, where: tuple[Any, ...]) -> tuple[tuple[float, float], ...]:
        if not isinstance(raw_points, list) or not raw_points:
            got = "an empty list" if raw_points == [] else in_words(raw_points, json=True)
            self.fail(where, f"expected a list of [x, y] points, not {got}")
        points = []
        for i, point in enumerate(raw_points):
            at = (*where, i)
            if not isinstance(point, list) or len(point) != 2:
                self.fail(at, f"expected a point [x, y], not {shown(point)}")
            x, y = (self.number(v, (*at, j)) for j, v in enumerate(point))
            if max(abs(x), abs(y)) > MAX_COORD:
                self.fail(
                    at, f"coordinates must be numbers within ±{MAX_COORD:g}, not ({x:g}, {y:g})"
                )
            points.append((x, y))
        return tuple(points)

    def selected(self, data: Any) -> tuple[str, Side] | None:
        if data is None:
            return None
        if not isinstance(data, dict):
            self.fail(
                ("selected",), f"expected a muscle and a side, not {in_words(data, json=True)}"
            )
        self.keys(data, _SELECTED_KEYS, ("selected",))
        muscle = self.text(data.get("muscle"), ("selected", "muscle"))
        side = data.get("side")
        if side not in _SIDES:
            self.fail(("selected", "side"), f"expected left, right or both, not {shown(side)}")
        return muscle, side


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class _NonFinite(ValueError):
    """``NaN``, ``Infinity`` or ``-Infinity``: Python's json reads them, JSON has none."""


def _reject_constant(name: str) -> NoReturn:
    raise _NonFinite(name)


def _parse_int(text: str) -> int | float:
    # Beyond Python's int-parsing limit (4300 digits) int() raises; no session needs
    # more than 20 digits, and float() makes such a number inf, refused as not finite.
    return int(text) if len(text) <= 20 else float(text)


_BARE_CONSTANT = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)')


def _line_of_constant(text: str) -> int:
    """The line of the first NaN or Infinity outside a string."""
    for match in _BARE_CONSTANT.finditer(text):
        if match.group(1):
            return text.count("\n", 0, match.start()) + 1
    return 1


def _decode(raw: bytes, source: str) -> Any:
    """Parsed JSON from a file's bytes, or a one-line SessionError."""
    looks_like_session = raw.lstrip()[:1] == b"{" or raw.startswith(b"\xef\xbb\xbf{")
    damaged = DAMAGED if looks_like_session else NOT_A_SESSION
    if not raw.strip():
        what = "empty" if not raw else "blank"
        plain = DAMAGED if source.endswith(SUFFIX) else NOT_A_SESSION
        raise SessionError(f"{source}: the file is {what} ({len(raw)} bytes)", plain)
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark (some editors add one) is fine
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise SessionError(
            f"{source}:{line}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start})",
            damaged,
        ) from None
    try:
        return json.loads(text, parse_constant=_reject_constant, parse_int=_parse_int)
    except json.JSONDecodeError as exc:
        # A string left open runs to the end of the file; so does a file cut short.
        cut = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
        detail = f"{exc.msg.removesuffix(' starting at')}, column {exc.colno}"
        why = f"the file ends too early ({detail})" if cut else f"{detail}"
        raise SessionError(f"{source}:{exc.lineno}: not valid JSON: {why}", damaged) from None
    except _NonFinite as exc:
        raise SessionError(
            f"{source}:{_line_of_constant(text)}: not valid JSON: {exc} is not a number JSON "
            "allows",
            damaged,
        ) from None
    except RecursionError:
        raise SessionError(
            f"{source}: not valid JSON for a session: lists or objects nested too deeply",
            damaged,
        ) from None


def load_session(path: Path) -> Session:
    """Read a session file; every problem is a one-line :class:`SessionError` naming the
    file, with a ``plain`` message a patient can read."""
    path = Path(path)
    try:
        raw = read_bounded(path, MAX_BYTES)
    except Refused as refused:
        raise _refusal(refused) from None
    return parse_session(_decode(raw, str(path)), str(path))


def _refusal(refused: Refused) -> SessionError:
    """A file not read, in a session's words."""
    path, problem = refused.path, refused.problem
    if problem in (Problem.MISSING, Problem.BROKEN_LINK):
        return SessionError(f"{path}: file not found", MISSING)
    if problem is Problem.FOLDER:
        return SessionError(f"{path}: is a folder, not a session file", NOT_A_SESSION)
    if problem is Problem.NOT_REGULAR:  # a pipe or a device could block or never end
        return SessionError(f"{path}: not a regular file", NOT_A_SESSION)
    if problem is Problem.TOO_LARGE:
        return SessionError(
            f"{path}: {refused.size / 1e6:.1f} MB, larger than the {MAX_BYTES / 1e6:g} MB a "
            "session file may be",
            TOO_LARGE,
        )
    return SessionError(f"{path}: cannot read the file ({refused.reason})", UNREADABLE)


def _dumps(data: dict[str, Any]) -> str:
    """Indented JSON with one mark per line: readable, and compact for long sessions."""
    lines = []
    for key, value in data.items():
        if key == "marks" and value:
            body = ",\n".join(f"    {json.dumps(m, allow_nan=False)}" for m in value)
            lines.append(f"  {json.dumps(key)}: [\n{body}\n  ]")
        else:
            lines.append(f"  {json.dumps(key)}: {json.dumps(value, allow_nan=False)}")
    return "{\n" + ",\n".join(lines) + "\n}\n"


def save_session(path: Path, session: Session) -> None:
    """Write atomically: the old file stays intact until the new one is complete."""
    path = Path(path)
    text = _dumps(session.to_json())
    try:
        with replacing(path) as tmp, open(tmp, "w", encoding="utf-8") as f:
            f.write(text)
    except CannotCreate as exc:
        raise SessionError(f"{path}: cannot save here ({exc.strerror or exc})", UNSAVED) from None
    except OSError as exc:
        raise SessionError(f"{path}: could not save ({exc.strerror or exc})", UNSAVED) from None
