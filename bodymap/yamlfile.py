"""Reading data files safely, and YAML that remembers where every value came from.

A data file is read whole only after checking that it is a regular file of a sane size;
bytes that are not UTF-8 text are refused before any parser sees them. YAML is parsed
with the C safe parser into a stream of events, and plain Python values are built from
those events without recursion, together with a map from each value's path
(``("zones", 0, "polygon")``) to its line, so that a schema error can name the file and
the line. Only plain values are built: any tag other than YAML's own scalar, list and
mapping tags is refused, so ``!!python/object`` never runs anything.
"""

from __future__ import annotations

import errno
import re
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bodymap.errors import DataError

PathKey = tuple[str | int, ...]
MAX_DEPTH = 100
"""Deeper nesting than any data file needs; deeper input is refused, not recursed into."""
MAX_BYTES = 2_000_000
"""The largest data file read (the shipped ones are under 20 kB)."""
MAX_VALUES = 200_000
"""The most values one YAML file may hold, aliases counted at every use."""

# Characters YAML does not allow in a stream (C0 and C1 controls but tab, newline, CR, NEL).
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def quoted(text: object, limit: int = 60) -> str:
    """``text`` in single quotes, on one line and cut to ``limit`` characters."""
    shown = str(text)
    if len(shown) > limit:
        shown = shown[: limit - 3] + "..."
    escaped = shown.encode("unicode_escape").decode("ascii") if not shown.isprintable() else shown
    return f"'{escaped}'"


def _megabytes(size: int) -> str:
    shown = f"{size / 1_000_000:.1f}".removesuffix(".0")
    if size > MAX_BYTES and float(shown) * 1_000_000 <= MAX_BYTES:
        return f"{size:,} bytes"
    return f"{shown} MB"


def _too_large(size: int, more: str = "") -> str:
    return f"too large ({more}{_megabytes(size)}; the limit is {_megabytes(MAX_BYTES)})"


def read_bytes(path: Path) -> bytes:
    """The bytes of a data file; a :class:`DataError` says in words why it cannot be read."""
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise DataError(
                path, "cannot be read: it is a link to a file that does not exist"
            ) from None
        raise DataError(path, "file not found") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise DataError(
                path, "cannot be read: symlink loop (the link leads back to itself)"
            ) from None
        raise DataError(path, f"cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise DataError(path, "is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise DataError(path, "cannot be read: not a regular file (a device or a pipe?)")
    if info.st_size > MAX_BYTES:
        raise DataError(path, _too_large(info.st_size))
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)
    except PermissionError:
        raise DataError(path, "cannot be read: permission denied") from None
    except OSError as exc:
        raise DataError(path, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_BYTES:  # it grew, or its size was not known (e.g. /proc)
        raise DataError(path, _too_large(len(data), "more than "))
    return data


def _line_at(data: bytes | str, index: int) -> int:
    if isinstance(data, bytes):
        return data.count(b"\n", 0, index) + 1
    return data.count("\n", 0, index) + 1


def binary_data(path: Path, data: bytes, kind: str) -> DataError | None:
    """The error for bytes that are not a text file (a NUL byte, UTF-16), if they are not."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return DataError(path, f"not a UTF-8 text ({kind}) file: it is UTF-16; save it as UTF-8")
    nul = data.find(b"\x00")
    if nul >= 0:
        return DataError(
            path, f"not a text ({kind}) file: it holds binary data", _line_at(data, nul)
        )
    return None


def read_text(path: Path, kind: str = "YAML") -> str:
    """A data file's text; binary data, bytes that are not UTF-8 and control characters
    are refused with the line they are on."""
    data = read_bytes(path)
    error = binary_data(path, data, kind)
    if error is not None:
        raise error
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        byte = data[exc.start]
        raise DataError(
            path,
            f"not a text ({kind}) file: byte 0x{byte:02x} is not UTF-8 text; save it as UTF-8",
            _line_at(data, exc.start),
        ) from None
    bad = _NOT_PRINTABLE.search(text)
    if bad is not None:
        raise DataError(
            path,
            f"not a text ({kind}) file: it holds the control character U+{ord(bad[0]):04X}",
            _line_at(text, bad.start()),
        )
    return text


class LocatedYaml:
    """A parsed YAML document and the line (1-based) of every value in it."""

    def __init__(
        self,
        path: Path,
        data: Any,
        lines: dict[PathKey, int],
        key_lines: dict[PathKey, int] | None = None,
    ) -> None:
        self.path = path
        self.data = data
        self._lines = lines
        self._key_lines = key_lines or {}

    def line_of(self, loc: Sequence[str | int]) -> int | None:
        """The line of the value at ``loc``, or of its nearest enclosing value."""
        key = tuple(loc)
        while key:
            if key in self._lines:
                return self._lines[key]
            key = key[:-1]
        return self._lines.get((), None)

    def key_line_of(self, loc: Sequence[str | int]) -> int | None:
        """The line of the key of the value at ``loc`` (where a misspelt key is)."""
        return self._key_lines.get(tuple(loc)) or self.line_of(loc)

    def error(self, loc: Sequence[str | int], message: str) -> DataError:
        return DataError(self.path, message, self.line_of(loc))


def parse_yaml(path: Path, text: str) -> LocatedYaml:
    """``text`` (the contents of ``path``) as plain values with the line of each."""
    # PyYAML is imported only when a file is parsed: a start that reads the compiled
    # data cache never pays for it.
    from bodymap.yamlevents import parse

    return parse(path, text)


def load_yaml(path: Path) -> LocatedYaml:
    """Read and parse ``path``; any problem becomes a :class:`DataError` with its line."""
    return parse_yaml(path, read_text(path))
