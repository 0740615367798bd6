"""bodymap: find the muscles most likely to be causing someone's pain.

Importing this package and ranking never imports Qt; the window lives in ``bodymap.gui``.
``bodymap.__version__`` is :func:`bodymap.about.version`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["BodyMap", "Candidate", "Mark", "__version__"]

if TYPE_CHECKING:
    from bodymap.api import BodyMap
    from bodymap.candidate import Candidate
    from bodymap.marks import Mark

    __version__: str


def __getattr__(name: str) -> Any:
    # Lazy, so ``python -m bodymap --help`` stays quick.
    if name == "BodyMap":
        from bodymap.api import BodyMap

        return BodyMap
    if name == "Mark":
        from bodymap.marks import Mark

        return Mark
    if name == "Candidate":
        from bodymap.candidate import Candidate

        return Candidate
    if name == "__version__":
        from bodymap.about import version

        return version()
    raise AttributeError(f"module 'bodymap' has no attribute {name!r}")
