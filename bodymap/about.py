"""What bodymap is: its version, read from one place.

The version is the one ``pyproject.toml`` gives, as the installed package's metadata
reports it. A source checkout that was never installed has no metadata: its
``pyproject.toml`` is read instead. The package (``bodymap.__version__``), the command
line's ``--version``, the compiled data cache's key and the window's About box all ask
:func:`version`.
"""

from __future__ import annotations

import functools
from pathlib import Path

NAME = "bodymap"
UNKNOWN = "0+unknown"
"""The version of a copy with neither metadata nor a readable ``pyproject.toml``."""


@functools.cache
def version() -> str:
    """bodymap's version (``0.1.0``)."""
    from importlib import metadata

    try:
        return metadata.version(NAME)
    except metadata.PackageNotFoundError:
        return _checkout_version(Path(__file__).resolve().parents[1] / "pyproject.toml")


def _checkout_version(pyproject: Path) -> str:
    """The ``[project] version`` of a source checkout's ``pyproject.toml``."""
    import tomllib

    try:
        with pyproject.open("rb") as f:
            found = tomllib.load(f).get("project", {}).get("version")
    except (OSError, tomllib.TOMLDecodeError):
        return UNKNOWN
    return found if isinstance(found, str) else UNKNOWN
