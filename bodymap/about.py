"""What bodymap is: its version, read from one place.

The version is written once, in ``bodymap/_version.py``; the build reads it from there
(``[tool.hatch.version]`` in ``pyproject.toml``), so an installed package's metadata, a
source checkout and a bundle all agree. Importing it is instant, where asking the
installed metadata (``importlib.metadata``) costs some 25 ms of every start. The package
(``bodymap.__version__``), the command line's ``--version``, the compiled data cache's
key and the window's About box all ask :func:`version`.
"""

from __future__ import annotations

from bodymap._version import __version__


def version() -> str:
    """bodymap's version (``0.1.0``)."""
    return __version__
