"""Writing a picture file without a window: a Qt that can run, and the file whole or not at
all.

A file is drawn to a temporary file beside it, checked (a PDF writer does not say when
the disk fills up), then moved into place (:mod:`bodymap.files.atomic`): a failed export
leaves any old file as it was. Every failure is a :class:`~bodymap.errors.BodymapError`
that names the file.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bodymap.errors import BodymapError
from bodymap.files.atomic import CannotCreate, replacing

_app: object = None
"""The QGuiApplication made for drawing without a window, kept for the process."""


def prepare_output(out: Path) -> None:
    """Before drawing to ``out`` without a window: a folder that can be written, and a
    Qt that is safe to run (offscreen when there is no display)."""
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise BodymapError(f"{out}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK):
        raise BodymapError(f"{out}: cannot write into {folder}")
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from bodymap.gui.qtcheck import broken_qt_message

    broken = broken_qt_message()
    if broken:
        raise BodymapError(broken)
    if QGuiApplication.instance() is None:
        global _app
        _app = QGuiApplication([])


_ENDINGS = {
    ".pdf": (b"%PDF-", b"%%EOF"),
    ".svg": (b"<?xml", b"</svg>"),
    ".png": (b"\x89PNG\r\n\x1a\n", b"IEND\xaeB`\x82"),
}
"""How a whole file of each kind starts and ends (a PNG ends with its IEND chunk)."""


def check_written(written: Path, out: Path | None = None) -> None:
    """Raise unless ``written`` (the file being written for ``out``, named in the message
    and giving the kind by its suffix) is a whole file of its kind: not empty, and for a
    PDF or an SVG starting and ending as one does. A PDF writer says nothing when the
    disk fills up; this is how it is seen."""
    out = out or written
    try:
        size = written.stat().st_size
        start, end = _ENDINGS.get(out.suffix.lower(), (b"", b""))
        with open(written, "rb") as f:
            head = f.read(len(start))
            f.seek(max(0, size - 64))
            tail = f.read().rstrip()
    except OSError as exc:
        raise BodymapError(f"{out}: could not write the file ({exc.strerror or exc})") from None
    if size == 0 or not head.startswith(start) or not tail.endswith(end):
        raise BodymapError(f"{out}: the file came out incomplete (is the disk full?)")


@contextlib.contextmanager
def written_whole(out: Path) -> Iterator[Path]:
    """A temporary file beside ``out`` to write to, checked by :func:`check_written` and
    only then put in place of ``out``: a failed export leaves any old file as it was."""
    try:
        with replacing(out) as tmp:
            yield tmp
            check_written(tmp, out)
    except CannotCreate as exc:
        raise BodymapError(f"{out}: cannot write into {exc.filename} ({exc.strerror})") from None
    except OSError as exc:
        raise BodymapError(f"{out}: could not write the file ({exc.strerror or exc})") from None


def save_png(image: Any, tmp: Path, out: Path) -> None:
    """Encode in memory, then write with Python: a full disk is an ``OSError`` that says
    so, not a bare False (the temporary file's name does not end in .png either)."""
    from PySide6.QtCore import QBuffer, QIODevice

    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise BodymapError(f"{out}: could not make the image")
    tmp.write_bytes(bytes(buffer.data().data()))


def begin_painting(painter: Any, device: Any, out: Path) -> None:
    if not painter.begin(device):
        raise BodymapError(f"{out}: could not write the file")
