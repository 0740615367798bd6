"""Reading data files safely, and YAML that remembers where every value came from.

A data file is read whole only after checking that it is a regular file of a sane size
(:mod:`bodymap.files.bounded`, as session files are); bytes that are not UTF-8 text are
refused before any parser sees them. YAML is parsed with the C safe parser into a stream
of events, and plain Python values are built from those events without recursion,
together with a map from each value's path (``("zones", 0, "polygon")``) to its line, so
that a schema error can name the file and the line. Only plain values are built: any tag
other than YAML's own scalar, list and mapping tags is refused, so ``!!python/object``
never runs anything. PyYAML is imported only when a file is parsed.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bodymap.errors import DataError, quoted
from bodymap.files.bounded import Problem, Refused, read_bounded

if TYPE_CHECKING:
    import yaml

PathKey = tuple[str | int, ...]
MAX_DEPTH = 100
"""Deeper nesting than any data file needs; deeper input is refused, not recursed into."""
MAX_BYTES = 2_000_000
"""The largest data file read (the shipped ones are under 20 kB)."""
MAX_VALUES = 200_000
"""The most values one YAML file may hold, aliases counted at every use."""

# Characters YAML does not allow in a stream (C0 and C1 controls but tab, newline, CR, NEL).
_NOT_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _megabytes(size: int) -> str:
    shown = f"{size / 1_000_000:.1f}".removesuffix(".0")
    if size > MAX_BYTES and float(shown) * 1_000_000 <= MAX_BYTES:
        return f"{size:,} bytes"
    return f"{shown} MB"


def _too_large(size: int, more: str = "") -> str:
    return f"too large ({more}{_megabytes(size)}; the limit is {_megabytes(MAX_BYTES)})"


_REFUSED = {
    Problem.MISSING: "file not found",
    Problem.BROKEN_LINK: "cannot be read: it is a link to a file that does not exist",
    Problem.LINK_LOOP: "cannot be read: symlink loop (the link leads back to itself)",
    Problem.FOLDER: "is a folder, not a file",
    Problem.NOT_REGULAR: "cannot be read: not a regular file (a device or a pipe?)",
    Problem.PERMISSION: "cannot be read: permission denied",
}


def read_bytes(path: Path) -> bytes:
    """The bytes of a data file; a :class:`DataError` says in words why it cannot be read."""
    try:
        return read_bounded(path, MAX_BYTES)
    except Refused as refused:
        if refused.problem is Problem.TOO_LARGE:
            problem = _too_large(refused.size, "more than " if refused.at_least else "")
        else:
            problem = _REFUSED.get(refused.problem) or f"cannot be read ({refused.reason})"
        raise DataError(path, problem) from None


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


# The YAML half: plain values built from PyYAML's event stream, without recursion, with
# the line of every value. PyYAML is imported only when a file is parsed (by
# :func:`_pyyaml`): a start that reads the compiled data cache never pays for it.

_YAML = "tag:yaml.org,2002:"
_SCALAR_TAGS: set[str | None] = {
    f"{_YAML}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")
}
_STR = f"{_YAML}str"
_SEQ_TAGS: set[str | None] = {None, "!", f"{_YAML}seq"}
_MAP_TAGS: set[str | None] = {None, "!", f"{_YAML}map"}
_TOO_DEEP = "maximum nesting depth"
"""libyaml's own words (PyYAML 6.0.4 on) when a file nests deeper than it will follow."""


class _PyYaml:
    """The parts of PyYAML the builder uses, made once, on the first parse."""

    def __init__(self) -> None:
        import yaml

        self.yaml = yaml
        self.loader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # without libyaml
        # Both untyped in PyYAML's stubs.
        self.resolver: Any = yaml.resolver.Resolver()
        self.constructor: Any = yaml.constructor.SafeConstructor()
        self.values = (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)
        self.closing = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


@functools.cache
def _pyyaml() -> _PyYaml:
    return _PyYaml()


def _line(event: yaml.Event) -> int | None:
    return event.start_mark.line + 1 if event.start_mark is not None else None


class _Open:
    """A list or mapping still being read."""

    __slots__ = ("anchor", "before", "deepest", "depth", "here", "is_map", "key", "value")

    def __init__(self, value: Any, here: PathKey, depth: int, before: int, anchor: str | None):
        self.value = value
        self.here = here
        self.depth = depth
        self.deepest = depth
        self.before = before
        self.anchor = anchor
        self.is_map = isinstance(value, dict)
        self.key: str | None = None


class _Builder:
    """Plain values from a stream of parser events, with a loop instead of recursion."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.py = _pyyaml()
        self.lines: dict[PathKey, int] = {}
        self.key_lines: dict[PathKey, int] = {}
        self.anchors: dict[str, tuple[Any, int, int]] = {}  # value, values in it, depth
        self.count = 0
        self.stack: list[_Open] = []
        self.top: _Open | None = None
        self.root: Any = None
        self.documents = 0

    def fail(self, event: yaml.Event, message: str) -> DataError:
        return DataError(self.path, message, _line(event))

    def refuse_tag(self, event: yaml.Event, tag: str | None, allowed: set[str | None]) -> None:
        if tag not in allowed:
            shown = quoted(str(tag).replace(_YAML, "!!"))
            raise self.fail(event, f"the tag {shown} is not allowed: data files hold plain values")

    def scalar(self, event: yaml.ScalarEvent) -> Any:
        yaml = self.py.yaml
        tag = event.tag
        implicit = tag is None or tag == "!"
        if implicit:
            if not event.implicit[0]:  # quoted or a block: text
                return event.value
            tag = self.py.resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
            if tag == _STR or tag not in _SCALAR_TAGS:  # '<<' and '=' have tags of their own
                return event.value
        self.refuse_tag(event, tag, _SCALAR_TAGS)
        assert tag is not None
        constructor = self.py.constructor
        try:
            return constructor.yaml_constructors[tag](
                constructor, yaml.ScalarNode(tag, event.value)
            )
        except Exception:  # '!!int abc'; a date like 2024-02-31 is left as text
            if implicit:
                return event.value
            kind = tag.removeprefix(_YAML)
            raise self.fail(event, f"{quoted(event.value)} is not a valid {kind}") from None

    def key(self, event: yaml.Event, open_map: _Open) -> str:
        if not isinstance(event, self.py.yaml.ScalarEvent):
            raise self.fail(event, "a mapping key must be a plain name")
        if event.tag is not None:
            self.refuse_tag(event, event.tag, {"!", _STR})
        name: str = event.value
        here = (*open_map.here, name)
        if name in open_map.value:
            first = self.key_lines.get(here)
            also = f" (first at line {first})" if first is not None else ""
            raise self.fail(event, f"key {quoted(name)} is defined twice{also}")
        line = _line(event)
        if line is not None:
            self.key_lines[here] = line
        return name

    def build(self, events: Iterator[yaml.Event]) -> Any:
        """The document's root value; raises :class:`DataError` with the line."""
        yaml = self.py.yaml
        values, closing = self.py.values, self.py.closing
        for event in events:
            kind = type(event)
            if kind in values or kind is yaml.AliasEvent:
                self.add(event)
            elif kind in closing:
                self.close()
            elif kind is yaml.DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:
                    raise self.fail(event, "holds more than one YAML document (a second '---')")
        if self.root is None:
            raise DataError(self.path, "the file is empty", 1)
        return self.root

    def close(self) -> None:
        """The end of a list or mapping."""
        done = self.stack.pop()
        if done.anchor is not None:
            inner = done.deepest - done.depth + 1
            self.anchors[done.anchor] = (done.value, self.count - done.before, inner)
        top = self.top = self.stack[-1] if self.stack else None
        if top is not None and done.deepest > top.deepest:
            top.deepest = done.deepest

    def add(self, event: yaml.Event) -> None:
        """A scalar, an alias or the start of a list or mapping: a key, or a value."""
        top = self.top
        if top is not None and top.is_map and top.key is None:
            top.key = self.key(event, top)
            return
        here: PathKey = ()
        if top is not None:
            here = (*top.here, len(top.value) if top.key is None else top.key)
        line = _line(event)
        if line is not None:
            self.lines[here] = line
        self.count += 1
        value, depth = self.value(event, len(self.stack))
        if depth > MAX_DEPTH:
            raise self.fail(event, f"nested more than {MAX_DEPTH} levels deep")
        if self.count > MAX_VALUES:
            raise self.fail(event, f"holds more than {MAX_VALUES:,} values (the limit)")
        self.place(value, depth)
        if isinstance(event, self.py.yaml.CollectionStartEvent):
            self.top = _Open(value, here, depth, self.count, event.anchor)
            self.stack.append(self.top)

    def value(self, event: yaml.Event, depth: int) -> tuple[Any, int]:
        """The value an event starts and the depth it reaches (an alias's, inside it)."""
        yaml = self.py.yaml
        if isinstance(event, yaml.ScalarEvent):
            value = self.scalar(event)
            if event.anchor is not None:
                self.anchors[event.anchor] = (value, 1, 1)
            return value, depth
        if isinstance(event, yaml.AliasEvent):
            if event.anchor not in self.anchors:
                raise self.fail(event, f"the alias *{event.anchor} names no anchor above it")
            value, size, inner = self.anchors[event.anchor]
            self.count += size
            return value, depth + inner - 1
        assert isinstance(event, yaml.CollectionStartEvent)
        is_map = isinstance(event, yaml.MappingStartEvent)
        self.refuse_tag(event, event.tag, _MAP_TAGS if is_map else _SEQ_TAGS)
        return ({} if is_map else []), depth

    def place(self, value: Any, depth: int) -> None:
        """Put ``value`` where it belongs: the root, or into the list or mapping open."""
        top = self.top
        if top is None:
            self.root = value
            return
        if depth > top.deepest:
            top.deepest = depth
        if top.is_map:
            top.value[top.key] = value
            top.key = None
        else:
            top.value.append(value)


def parse_yaml(path: Path, text: str, loader: type | None = None) -> LocatedYaml:
    """``text`` (the contents of ``path``) as plain values with the line of each.

    ``loader`` is PyYAML's C loader where PyYAML has one; tests also pass the pure-Python
    one, so both parsers are held to the same messages."""
    py = _pyyaml()
    yaml = py.yaml
    builder = _Builder(path)
    try:
        data = builder.build(yaml.parse(text, Loader=loader or py.loader))
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        problem = " ".join(str(exc.problem or exc).split())
        if _TOO_DEEP in problem:
            # libyaml scans ahead and may refuse deep nesting before the builder has seen
            # it: whichever layer stops it, the reader gets the same sentence.
            raise DataError(path, f"nested more than {MAX_DEPTH} levels deep", line) from None
        raise DataError(path, f"YAML syntax error: {problem}", line) from None
    except yaml.YAMLError as exc:
        problem = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise DataError(path, f"YAML error: {problem}") from None
    return LocatedYaml(path, data, builder.lines, builder.key_lines)


def load_yaml(path: Path) -> LocatedYaml:
    """Read and parse ``path``; any problem becomes a :class:`DataError` with its line."""
    return parse_yaml(path, read_text(path))
