"""The YAML half of :mod:`bodymap.yamlfile`: plain values built from PyYAML's event
stream, without recursion, with the line of every value. Imported only to parse a file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from bodymap.errors import DataError
from bodymap.yamlfile import MAX_DEPTH, MAX_VALUES, LocatedYaml, PathKey, quoted

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

_YAML = "tag:yaml.org,2002:"
_SCALAR_TAGS: set[str | None] = {
    f"{_YAML}{t}" for t in ("str", "int", "float", "bool", "null", "timestamp")
}
_STR = f"{_YAML}str"
_OPENING = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSING = (yaml.SequenceEndEvent, yaml.MappingEndEvent)
_SEQ_TAGS: set[str | None] = {None, "!", f"{_YAML}seq"}
_MAP_TAGS: set[str | None] = {None, "!", f"{_YAML}map"}


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

    _resolver = yaml.resolver.Resolver()
    _constructor = yaml.constructor.SafeConstructor()

    def __init__(self, path: Path) -> None:
        self.path = path
        self.lines: dict[PathKey, int] = {}
        self.key_lines: dict[PathKey, int] = {}
        self.anchors: dict[str, tuple[Any, int, int]] = {}  # value, values in it, depth
        self.count = 0

    def fail(self, event: yaml.Event, message: str) -> DataError:
        return DataError(self.path, message, _line(event))

    def refuse_tag(self, event: yaml.Event, tag: str | None, allowed: set[str | None]) -> None:
        if tag not in allowed:
            shown = quoted(str(tag).replace(_YAML, "!!"))
            raise self.fail(event, f"the tag {shown} is not allowed: data files hold plain values")

    def scalar(self, event: yaml.ScalarEvent) -> Any:
        tag = event.tag
        implicit = tag is None or tag == "!"
        if implicit:
            if not event.implicit[0]:  # quoted or a block: text
                return event.value
            tag = self._resolver.resolve(yaml.ScalarNode, event.value, event.implicit)
            if tag == _STR or tag not in _SCALAR_TAGS:  # '<<' and '=' have tags of their own
                return event.value
        self.refuse_tag(event, tag, _SCALAR_TAGS)
        assert tag is not None
        try:
            return self._constructor.yaml_constructors[tag](
                self._constructor, yaml.ScalarNode(tag, event.value)
            )
        except Exception:  # '!!int abc'; a date like 2024-02-31 is left as text
            if implicit:
                return event.value
            kind = tag.removeprefix(_YAML)
            raise self.fail(event, f"{quoted(event.value)} is not a valid {kind}") from None

    def key(self, event: yaml.Event, open_map: _Open) -> str:
        if not isinstance(event, yaml.ScalarEvent):
            raise self.fail(event, "a mapping key must be a plain name")
        if event.tag is not None:
            self.refuse_tag(event, event.tag, {"!", _STR})
        name = event.value
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
        stack: list[_Open] = []
        top: _Open | None = None
        root: Any = None
        documents = 0
        lines = self.lines
        for event in events:
            kind = type(event)
            if kind is yaml.ScalarEvent or kind in _OPENING or kind is yaml.AliasEvent:
                pass
            elif kind in _CLOSING:
                done = stack.pop()
                if done.anchor is not None:
                    inner = done.deepest - done.depth + 1
                    self.anchors[done.anchor] = (done.value, self.count - done.before, inner)
                top = stack[-1] if stack else None
                if top is not None and done.deepest > top.deepest:
                    top.deepest = done.deepest
                continue
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise self.fail(event, "holds more than one YAML document (a second '---')")
                continue
            else:
                continue
            if top is not None and top.is_map and top.key is None:
                top.key = self.key(event, top)
                continue
            here: PathKey = ()
            if top is not None:
                here = (*top.here, len(top.value) if top.key is None else top.key)
            depth = len(stack)
            line = _line(event)
            if line is not None:
                lines[here] = line
            self.count += 1
            value: Any
            if isinstance(event, yaml.ScalarEvent):
                value = self.scalar(event)
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1, 1)
            elif isinstance(event, yaml.AliasEvent):
                if event.anchor not in self.anchors:
                    raise self.fail(event, f"the alias *{event.anchor} names no anchor above it")
                value, size, inner = self.anchors[event.anchor]
                self.count += size
                depth += inner - 1
            else:
                assert isinstance(event, yaml.CollectionStartEvent)
                is_map = kind is yaml.MappingStartEvent
                self.refuse_tag(event, event.tag, _MAP_TAGS if is_map else _SEQ_TAGS)
                value = {} if is_map else []
            if depth > MAX_DEPTH:
                raise self.fail(event, f"nested more than {MAX_DEPTH} levels deep")
            if self.count > MAX_VALUES:
                raise self.fail(event, f"holds more than {MAX_VALUES:,} values (the limit)")
            if top is None:
                root = value
            else:
                if depth > top.deepest:
                    top.deepest = depth
                if top.is_map:
                    top.value[top.key] = value
                    top.key = None
                else:
                    top.value.append(value)
            if isinstance(event, yaml.CollectionStartEvent):
                top = _Open(value, here, depth, self.count, event.anchor)
                stack.append(top)
        if root is None:
            raise DataError(self.path, "the file is empty", 1)
        return root


_TOO_DEEP = "maximum nesting depth"
"""libyaml's own words (PyYAML 6.0.4 on) when a file nests deeper than it will follow."""


def parse(path: Path, text: str, loader: type = _Loader) -> LocatedYaml:
    """``text`` (the contents of ``path``) as plain values with the line of each.

    ``loader`` is PyYAML's C loader where PyYAML has one; tests also pass the pure-Python
    one, so both parsers are held to the same messages."""
    builder = _Builder(path)
    try:
        data = builder.build(yaml.parse(text, Loader=loader))
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
