"""A compiled copy of the data files, so that most starts skip YAML, validation and
geometry building.

Reading the data means parsing some forty YAML files, validating them and building
(smoothing, clipping, mirroring, joining) every zone's geometry. The result depends on
nothing but the files, so it is kept, pickled, in the user's cache folder under a key
made of the files' contents (and of the engine's own source, the versions of shapely and
Python, and where the data lives). The next start that finds the same key loads it in a few
milliseconds; a changed, added or removed file gives another key, and the data is built
again. A cache that cannot be read, or written, is never an error: the data is built
from the files, as without a cache.

The pickle is only ever read from the user's own cache folder, which only they can write
(it is created private); it holds the parsed data, never code.
"""

from __future__ import annotations

import hashlib
import io
import logging
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from bodymap.files.atomic import PRIVATE, replacing
from bodymap.files.folders import cache_dir

log = logging.getLogger(__name__)

FORMAT = 2
"""Bump to drop every cached copy (the key also holds the engine's source files)."""
KEEP = 4
"""Compiled copies kept (one per data folder and version in use); older ones are removed."""

T = TypeVar("T")


def data_key(root: Path, *variant: str) -> str:
    """A digest of every file under ``root``'s ``assets/`` and ``regions/`` (names and
    contents), of where ``root`` is, and of the versions the pickle depends on."""
    import shapely

    from bodymap.about import version

    digest = hashlib.sha256()
    root = root.resolve()
    for part in (FORMAT, version(), shapely.__version__, sys.version, root):
        digest.update(f"{part}\0".encode())
    digest.update("\0".join(variant).encode() + b"\1")
    # The engine's own modules: a changed class must not meet an old pickle of it.
    for module in _engine_sources():
        digest.update(module.read_bytes())
    for folder in ("assets", "regions"):
        for path in sorted((root / folder).rglob("*")):
            if path.is_file():
                digest.update(f"{path.relative_to(root).as_posix()}\0".encode())
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:32]


def _engine_sources() -> list[Path]:
    """Every module of the Qt-free engine (the package but its window), in a fixed order."""
    package = Path(__file__).resolve().parents[1]  # bodymap/data/compiled.py
    return sorted(
        path for path in package.rglob("*.py") if path.relative_to(package).parts[0] != "gui"
    )


def cached(root: Path, build: Callable[[], T], *variant: str) -> T:
    """``build()``, or its result from an earlier run on the same files.

    ``variant`` tells apart different builds of the same files (strict or lenient).
    Errors that ``build`` raises are not cached: they are raised again, each time,
    until the files are fixed.
    """
    folder = cache_dir()
    if folder is None:
        return build()
    try:
        path = folder / f"data-{data_key(root, *variant)}.pickle"
    except OSError as exc:  # a data file that cannot be read: let the loader say so
        log.debug("no cache key for %s: %s", root, exc)
        return build()
    try:
        found: T = _read(path)
        return found
    except FileNotFoundError:
        pass
    except Exception as exc:  # a damaged or stale pickle is rebuilt, whatever it raises
        log.warning("ignoring the unreadable data cache %s: %s", path, exc)
    result = build()
    _store(path, result)
    return result


def _store(path: Path, value: object) -> None:
    """Write ``value`` atomically; a cache that cannot be written is only logged."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        with replacing(path, mode=PRIVATE) as tmp, tmp.open("wb") as f:
            _write(f, value)
        _prune(path.parent)
    except (OSError, pickle.PicklingError) as exc:
        log.warning("could not write the data cache %s: %s", path, exc)


class _Pickler(pickle.Pickler):
    """Sets every shapely geometry aside, to be written as one array of WKB."""

    def __init__(self, file: io.BytesIO) -> None:
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self.geometries: list[Any] = []
        self._index: dict[int, int] = {}

    def persistent_id(self, obj: Any) -> int | None:
        from shapely.geometry.base import BaseGeometry

        if not isinstance(obj, BaseGeometry):
            return None
        key = id(obj)
        if key not in self._index:
            self._index[key] = len(self.geometries)
            self.geometries.append(obj)
        return self._index[key]


class _Unpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, geometries: Any) -> None:
        super().__init__(file)
        self.geometries = geometries

    def persistent_load(self, pid: Any) -> Any:
        return self.geometries[pid]


def _write(f: Any, value: object) -> None:
    # Geometries one by one would each pay for a call into shapely when read; as one
    # array they are read in one call, several times faster.
    import numpy as np
    import shapely

    body = io.BytesIO()
    pickler = _Pickler(body)
    pickler.dump(value)
    geometries = np.array(pickler.geometries, dtype=object)
    wkb = shapely.to_wkb(geometries).tolist()
    prepared = shapely.is_prepared(geometries).tolist()
    pickle.dump((wkb, prepared, body.getvalue()), f, protocol=pickle.HIGHEST_PROTOCOL)


def _read(path: Path) -> Any:
    import numpy as np
    import shapely

    with path.open("rb") as f:
        wkb, prepared, body = pickle.load(f)
    geometries = shapely.from_wkb(wkb)
    # WKB does not carry GEOS's prepared state: prepare again what was prepared.
    shapely.prepare(geometries[np.array(prepared, dtype=bool)])
    return _Unpickler(io.BytesIO(body), geometries).load()


def _prune(folder: Path) -> None:
    """Keep the :data:`KEEP` most recently written copies."""
    copies = sorted(folder.glob("data-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in copies[KEEP:]:
        old.unlink(missing_ok=True)
