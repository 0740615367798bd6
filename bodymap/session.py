"""Saved sessions: the GUI's own file format, also read by ``bodymap rank --session``.

A session is JSON with a ``format`` tag and a ``schema_version``. Files from a newer
version are refused with a clear message, older ones are read as they were meant;
writes go to a temporary file in the same folder that then replaces the old file, so a
failed save never damages a good file.

Version 2 added each mark's ``intensity`` and the patient's ``patient`` name and visit
``date``; a version 1 file reads as moderate marks with no name or date.
"""

from __future__ import annotations

import json
import os
import re
import stat
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bodymap.errors import MarkError, SessionError
from bodymap.ids import SESSION_SUFFIX, Side
from bodymap.kinds import ViewName
from bodymap.marks import DEFAULT_INTENSITY, DEFAULT_RADIUS, Intensity, Mark

FORMAT = "bodymap-session"
SCHEMA_VERSION = 2
READABLE_VERSIONS = (1, 2)
SUFFIX = SESSION_SUFFIX
NOT_A_SESSION = "This file is not a bodymap session."
DAMAGED = "This session file is damaged or incomplete, so it cannot be opened."
UNSAVED = (
    "The session could not be saved there: the disk may be full or the folder read-only. "
    "Your drawing is still in the window; try another folder."
)
UNREADABLE = "This file cannot be read. It may be in use, or you may not have permission."


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _MarkModel(_Strict):
    view: ViewName
    points: list[tuple[float, float]] = Field(min_length=1)
    radius: float = Field(default=DEFAULT_RADIUS, gt=0)
    erase: bool = False
    intensity: Intensity = DEFAULT_INTENSITY


class _SelectedModel(_Strict):
    muscle: str
    side: Literal["left", "right", "both"]


class _SessionModel(_Strict):
    format: Literal["bodymap-session"]
    schema_version: int
    saved_at: str = ""
    marks: list[_MarkModel] = Field(default_factory=list)
    selected: _SelectedModel | None = None
    notes: str = ""
    patient: str = ""
    date: str = ""


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
        }


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_session(data: Any, source: str = "session") -> Session:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise SessionError(f"{source}: not a bodymap session file", NOT_A_SESSION)
    version = data.get("schema_version")
    if isinstance(version, bool):  # JSON true is not a version number
        version = None
    if isinstance(version, int) and version > SCHEMA_VERSION:
        raise SessionError(
            f"{source}: saved by a newer bodymap (session version {version}; this one reads up to "
            f"{SCHEMA_VERSION}). Update bodymap to open it.",
            "This session was saved by a newer bodymap. Update bodymap to open it.",
        )
    if version not in READABLE_VERSIONS:
        raise SessionError(f"{source}: unsupported session version {version!r}", DAMAGED)
    try:
        model = _SessionModel.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise SessionError(f"{source}: {where}: {first['msg']}", DAMAGED) from None
    try:
        marks = tuple(
            Mark(
                m.view.value,
                tuple((float(x), float(y)) for x, y in m.points),
                m.radius,
                m.erase,
                m.intensity,
            )
            for m in model.marks
        )
    except MarkError as exc:
        raise SessionError(f"{source}: {exc}", DAMAGED) from None
    selected = (model.selected.muscle, model.selected.side) if model.selected else None
    if model.date and not _DATE.match(model.date):
        raise SessionError(
            f"{source}: date: expected a date like 2026-11-21, not {model.date!r}", DAMAGED
        )
    return Session(marks, selected, model.notes, model.saved_at, model.patient, model.date)


def load_session(path: Path) -> Session:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SessionError(f"{path}: file not found", "This file no longer exists.") from None
    except UnicodeDecodeError:
        raise SessionError(f"{path}: not a text file", NOT_A_SESSION) from None
    except OSError as exc:
        raise SessionError(f"{path}: cannot read the file ({exc})", UNREADABLE) from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SessionError(
            f"{path}:{exc.lineno}: not valid JSON ({exc.msg})",
            DAMAGED if text.lstrip().startswith("{") else NOT_A_SESSION,
        ) from None
    return parse_session(data, str(path))


def save_session(path: Path, session: Session) -> None:
    """Write atomically: the old file stays intact until the new one is complete."""
    path = Path(path)
    text = json.dumps(session.to_json(), indent=2) + "\n"
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise SessionError(f"{path}: cannot save here ({exc.strerror or exc})", UNSAVED) from None
    try:
        # mkstemp makes the file private (0600); keep the mode the old file had, or
        # the usual one for a new file.
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise SessionError(f"{path}: could not save ({exc.strerror or exc})", UNSAVED) from None
