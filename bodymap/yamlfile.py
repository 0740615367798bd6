"""YAML loading that remembers where every value came from.

Data files are parsed with the C safe loader (never the unsafe one) into plain Python
values, together with a map from each value's path (``("zones", 0, "polygon")``) to its
line, so that a schema error can name the file and the line.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _Loader = yaml.SafeLoader

from bodymap.errors import DataError

PathKey = tuple[str | int, ...]
MAX_DEPTH = 100
"""Deeper nesting than any data file needs; deeper input is refused, not recursed into."""


class LocatedYaml:
    """A parsed YAML document and the line (1-based) of every value in it."""

    def __init__(self, path: Path, data: Any, lines: dict[PathKey, int]) -> None:
        self.path = path
        self.data = data
        self._lines = lines

    def line_of(self, loc: Sequence[str | int]) -> int | None:
        """The line of the value at ``loc``, or of its nearest enclosing value."""
        key = tuple(loc)
        while key:
            if key in self._lines:
                return self._lines[key]
            key = key[:-1]
        return self._lines.get((), None)

    def error(self, loc: Sequence[str | int], message: str) -> DataError:
        return DataError(self.path, message, self.line_of(loc))


def _to_python(node: yaml.Node, here: PathKey, lines: dict[PathKey, int], path: Path) -> Any:
    lines[here] = node.start_mark.line + 1
    if len(here) > MAX_DEPTH:
        raise DataError(path, f"nested more than {MAX_DEPTH} levels deep", lines[here])
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise DataError(
                    path, "a mapping key must be a plain name", key_node.start_mark.line + 1
                )
            name = key_node.value
            if name in out:
                raise DataError(path, f"duplicate key '{name}'", key_node.start_mark.line + 1)
            out[name] = _to_python(value_node, (*here, name), lines, path)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(item, (*here, i), lines, path) for i, item in enumerate(node.value)]
    # A scalar: let the safe constructor resolve its type (int, float, bool, null, str).
    return _scalar(node)


_constructor = yaml.constructor.SafeConstructor()


def _scalar(node: yaml.Node) -> Any:
    # compose() has already resolved the node's tag (int, float, bool, null, str).
    return _constructor.construct_object(node, deep=True)


def load_yaml(path: Path) -> LocatedYaml:
    """Parse ``path``; a syntax error becomes a :class:`DataError` with its line."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError(path, "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DataError(path, f"cannot read the file: {exc}") from None
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        problem = exc.problem or str(exc)
        raise DataError(path, f"YAML syntax error: {problem}", line) from None
    except yaml.YAMLError as exc:
        raise DataError(path, f"YAML error: {exc}") from None
    except RecursionError:
        raise DataError(path, "nested too deeply to read (is it really a data file?)") from None
    if node is None:
        raise DataError(path, "the file is empty", 1)
    lines: dict[PathKey, int] = {}
    data = _to_python(node, (), lines, path)
    return LocatedYaml(path, data, lines)
