"""Validate a located YAML document against a pydantic model, naming file and line.

pydantic's messages are reworded for the person who wrote the file ("expected a number,
not 'abc'", "a polygon needs at least 3 points, not 2"), one line each; so are shapely's
reasons for a polygon that is not a simple shape.
"""

from __future__ import annotations

import re
import types
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

import shapely
from pydantic import BaseModel, ValidationError
from shapely.geometry import Polygon

from bodymap.data.yamlfile import LocatedYaml
from bodymap.errors import DataError, did_you_mean, in_words, quoted

M = TypeVar("M", bound=BaseModel)

_PATTERNS = {
    r"^[a-z0-9][a-z0-9_-]*$": "use lower-case letters, digits, '-' and '_'",
    r"^[a-z][a-z0-9_]*$": "use lower-case letters, digits and '_', starting with a letter",
    r"^https?://\S+$": "expected a web address starting with http:// or https://",
}
_EXPECTED = {
    "float_type": "a number",
    "float_parsing": "a number",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "finite_number": "a finite number",
    "string_type": "text",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "list_type": "a list",
    "tuple_type": "a list",
    "dict_type": "keys and values (a mapping)",
    "model_type": "keys and values (a mapping)",
    "model_attributes_type": "keys and values (a mapping)",
}
_BOUNDS = {
    "greater_than": ("gt", "more than"),
    "greater_than_equal": ("ge", "at least"),
    "less_than": ("lt", "less than"),
    "less_than_equal": ("le", "at most"),
}


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation = get_args(annotation)[0]
        elif origin is Union or origin is types.UnionType:
            annotation = next(a for a in get_args(annotation) if a is not type(None))
        else:
            return annotation


def _keys_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The keys the model allows at ``loc`` (empty if ``loc`` is not a mapping of fields)."""
    annotation: Any = model
    for part in loc:
        annotation = _unwrap(annotation)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            field = annotation.model_fields.get(str(part))
            if field is None:
                return []
            annotation = field.annotation
        elif get_origin(annotation) in (list, dict) and get_args(annotation):
            annotation = get_args(annotation)[-1]
        else:
            return []
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def _describe(error: dict[str, Any], model: type[BaseModel]) -> str:
    """One pydantic error in the file author's words, with where it is."""
    loc = tuple(p for p in error["loc"] if isinstance(p, str | int))
    where = ".".join(str(part) for part in loc)
    placed = _placed_message(error, loc, model)
    if placed is not None:
        return placed
    message = " ".join(_message(error, loc).split())
    return f"{where}: {message}" if where else message


def _placed_message(
    error: dict[str, Any], loc: tuple[str | int, ...], model: type[BaseModel]
) -> str | None:
    """The messages that say for themselves where the problem is: an unknown key, a
    point, a missing key, a file that is not a mapping."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    where = ".".join(str(part) for part in loc)
    if kind == "extra_forbidden":
        name = str(loc[-1])
        inside = f" in {'.'.join(map(str, loc[:-1]))}" if len(loc) > 1 else ""
        return f"unknown key {quoted(name)}{inside}{did_you_mean(name, _keys_at(model, loc[:-1]))}"
    if ctx.get("field_type") == "Tuple" or (kind == "missing" and isinstance(loc[-1], int)):
        at = ".".join(map(str, loc[:-1])) if kind == "missing" else where
        got = len(value) if isinstance(value, list | tuple) else None
        return f"{at}: a point is two numbers, [x, y]" + (f", not {got}" if got else "")
    if kind == "missing":
        return f"missing key '{where}'"
    if not loc and kind == "model_type":
        return f"the file should hold keys and values (a mapping), not {in_words(value)}"
    return None


def _message(error: dict[str, Any], loc: tuple[str | int, ...]) -> str:
    """What is wrong with a value, in words."""
    kind = error["type"]
    ctx = error.get("ctx") or {}
    value = error.get("input")
    length = _length_message(kind, loc, ctx)
    if length is not None:
        return length
    if kind in _EXPECTED:
        return f"expected {_EXPECTED[kind]}, not {in_words(value)}"
    if kind in ("enum", "literal_error"):
        choices = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        hint = did_you_mean(str(value), choices) if isinstance(value, str) else ""
        some = "one of " if len(choices) > 1 else ""
        return f"expected {some}{ctx.get('expected')}, not {in_words(value)}{hint}"
    if kind == "string_pattern_mismatch":
        rule = _PATTERNS.get(str(ctx.get("pattern")), f"expected the form {ctx.get('pattern')}")
        return f"{in_words(value)} is not allowed here: {rule}"
    if kind in _BOUNDS:
        key, words = _BOUNDS[kind]
        return f"must be {words} {in_words(ctx.get(key))}, not {in_words(value)}"
    if kind == "value_error":
        return str(error["msg"]).removeprefix("Value error, ")
    return str(error["msg"])


def _length_message(kind: str, loc: tuple[str | int, ...], ctx: dict[str, Any]) -> str | None:
    """Too few or too many items (or characters), or None for another problem."""
    if kind == "too_short" and loc and loc[-1] == "polygon":
        return (
            f"a polygon needs at least {ctx.get('min_length')} points, "
            f"not {ctx.get('actual_length')}"
        )
    if kind in ("too_short", "string_too_short") and ctx.get("min_length") == 1:
        return "must not be empty"
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} items, not {ctx.get('actual_length')}"
    if kind == "too_long":
        return f"allows at most {ctx.get('max_length')} items, not {ctx.get('actual_length')}"
    return None


_WHERE = re.compile(r"\[(\S+) (\S+)\]")


def polygon_problem(polygon: Polygon) -> str | None:
    """Why a polygon is not a simple shape, in words, or None if it is one."""
    if polygon.is_valid and polygon.area > 0:
        return None
    reason = shapely.is_valid_reason(polygon) if not polygon.is_valid else ""
    at = _WHERE.search(reason)
    spot = f" at ({float(at[1]):g}, {float(at[2]):g})" if at else ""
    if polygon.convex_hull.area <= 0:
        why = "it has no area (its points lie on one line or repeat)"
    elif reason.startswith("Ring Self-intersection"):
        why = f"its outline touches itself{spot}"
    elif reason.startswith("Self-intersection"):
        why = f"it crosses itself{spot}"
    else:
        why = reason or "it has no area"
    return f"the polygon is not a simple shape: {why}"


def validate_all(doc: LocatedYaml, model: type[M]) -> tuple[M | None, list[DataError]]:
    """The model, or every problem pydantic found, each with its line."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        errors = []
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if isinstance(p, str | int))
            message = _describe(dict(err), model)
            if err["type"] == "extra_forbidden":  # at the misspelt key itself
                errors.append(DataError(doc.path, message, doc.key_line_of(loc)))
            else:  # a missing key is best reported at its parent's line
                at = loc[:-1] if err["type"] == "missing" else loc
                errors.append(doc.error(at, message))
        return None, errors


def validate(doc: LocatedYaml, model: type[M]) -> M:
    """The model, or a :class:`DataError` for the first problem."""
    result, errors = validate_all(doc, model)
    if result is None:
        raise errors[0]
    return result
