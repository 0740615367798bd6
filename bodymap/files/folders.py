"""Where bodymap keeps what is not the user's own files, on each system.

The state folder (recovery drawings, the log) and the cache folder (the compiled data)
are the system's usual ones, as :mod:`platformdirs` knows them:

* Linux: ``$XDG_STATE_HOME/bodymap`` (``~/.local/state/bodymap``) and
  ``$XDG_CACHE_HOME/bodymap`` (``~/.cache/bodymap``);
* Windows: ``%LOCALAPPDATA%\\bodymap`` and ``%LOCALAPPDATA%\\bodymap\\Cache``;
* macOS: ``~/Library/Application Support/bodymap`` and ``~/Library/Caches/bodymap``
  (or the ``$XDG_*`` folders, when those are set).

``$BODYMAP_STATE_DIR`` and ``$BODYMAP_CACHE_DIR`` override them (tests, benchmarks); an
empty ``$BODYMAP_CACHE_DIR`` turns the cache off. No Qt here.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from platformdirs.api import PlatformDirsABC

APP = "bodymap"
STATE_ENV = "BODYMAP_STATE_DIR"
"""Where the state lives instead of the usual folder."""
CACHE_ENV = "BODYMAP_CACHE_DIR"
"""Where the cache lives instead of the usual folder; empty to use no cache at all."""


def state_dir() -> Path:
    """Where bodymap keeps what is not the user's own files: recovery drawings, the log."""
    override = os.environ.get(STATE_ENV)
    if override:
        return Path(override).expanduser()
    return Path(_system_folders().user_state_dir)


def cache_dir() -> Path | None:
    """The folder for compiled data, or ``None`` when caching is turned off."""
    if CACHE_ENV in os.environ:
        return Path(os.environ[CACHE_ENV]) if os.environ[CACHE_ENV] else None
    return Path(_system_folders().user_cache_dir)


def _system_folders() -> PlatformDirsABC:
    """The folders of the system ``sys.platform`` names (asked each time, not at import)."""
    if sys.platform == "win32":
        from platformdirs.windows import Windows as Folders
    elif sys.platform == "darwin":
        from platformdirs.macos import MacOS as Folders
    else:
        from platformdirs.unix import Unix as Folders
    return Folders(APP, appauthor=False)
