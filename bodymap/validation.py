"""Validate a located YAML document against a pydantic model, naming file and line."""

from __future__ import annotations

from typing import TypeVar

from pydantic import BaseModel, ValidationError

from bodymap.errors import DataError
from bodymap.yamlfile import LocatedYaml

M = TypeVar("M", bound=BaseModel)


def _describe(error: dict) -> str:
    loc = ".".join(str(part) for part in error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"unknown key '{error['loc'][-1]}'" + (
            f" in {'.'.join(map(str, error['loc'][:-1]))}" if len(error["loc"]) > 1 else ""
        )
    if kind == "missing":
        return f"missing key '{loc}'"
    return f"{loc}: {error['msg']}" if loc else str(error["msg"])


def validate_all(doc: LocatedYaml, model: type[M]) -> tuple[M | None, list[DataError]]:
    """The model, or every problem pydantic found, each with its line."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        errors = []
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if isinstance(p, str | int))
            # A missing key is best reported at its parent's line.
            at = loc[:-1] if err["type"] == "missing" else loc
            errors.append(doc.error(at, _describe(dict(err))))
        return None, errors


def validate(doc: LocatedYaml, model: type[M]) -> M:
    """The model, or a :class:`DataError` for the first problem."""
    result, errors = validate_all(doc, model)
    if result is None:
        raise errors[0]
    return result
