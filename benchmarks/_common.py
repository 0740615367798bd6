"""Helpers shared by ``run.py`` and its child processes (``_child.py``).

Only the core (Qt-free) API of bodymap is used here, so the window's child process and
the engine measurements build the very same painting session from the same seed.
"""

from __future__ import annotations

import math
import os
import random
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from bodymap.atlas import XY, Atlas, View
from bodymap.kinds import Intensity
from bodymap.marks import Mark

SESSION_STROKES = 200
"""Strokes in the painting session that the 201st stroke lands on."""
RADII = (10.0, 18.0, 28.0, 40.0)
"""The window's four brush sizes (fine, fingertip, broad, palm), in view units."""
ERASE_SHARE = 0.15
STROKE_POINTS = (10, 40)
STEP = 12.0
"""Largest step of the random walk along each axis, in view units."""


# ----- percentiles -------------------------------------------------------------------
def percentile(samples: Sequence[float], p: float) -> float:
    """Nearest-rank percentile: the smallest sample with at least ``p`` % of the samples
    at or below it. It is always one of the samples, so it never exceeds the maximum."""
    if not samples:
        raise ValueError("no samples")
    ordered = sorted(samples)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


@dataclass(frozen=True)
class Summary:
    """Percentiles of a set of samples, in the samples' unit."""

    p50: float
    p95: float
    p99: float
    max: float
    n: int

    @classmethod
    def of(cls, samples: Sequence[float], scale: float = 1.0) -> Summary:
        values = [s * scale for s in samples]
        return cls(
            percentile(values, 50),
            percentile(values, 95),
            percentile(values, 99),
            max(values),
            len(values),
        )

    def to_json(self, digits: int = 3) -> dict[str, Any]:
        return {
            k: (round(v, digits) if isinstance(v, float) else v) for k, v in asdict(self).items()
        }


# ----- random marks ------------------------------------------------------------------
def inside_landmarks(view: View) -> list[XY]:
    """The view's landmarks that lie on the body, in file order."""
    return [xy for xy in view.landmarks.values() if view.contains(*xy)]


def random_click(rng: random.Random, atlas: Atlas) -> Mark:
    """A fingertip click (default radius) on a random landmark of a random view."""
    view = atlas.view(rng.choice(atlas.names))
    return Mark(view.name, (rng.choice(inside_landmarks(view)),))


def random_stroke(rng: random.Random, atlas: Atlas, view_name: str | None = None) -> Mark:
    """A painted stroke of 10-40 points: a random walk inside the body outline of a
    random view from one of its landmarks; some erase, intensities and brushes mixed."""
    view = atlas.view(view_name or rng.choice(atlas.names))
    x, y = rng.choice(inside_landmarks(view))
    points = [(x, y)]
    wanted = rng.randint(*STROKE_POINTS)
    for _ in range(wanted * 20):  # steps leaving the body are drawn again
        if len(points) >= wanted:
            break
        nx, ny = x + rng.uniform(-STEP, STEP), y + rng.uniform(-STEP, STEP)
        if view.contains(nx, ny):
            x, y = nx, ny
            points.append((x, y))
    return Mark(
        view.name,
        tuple(points),
        rng.choice(RADII),
        erase=rng.random() < ERASE_SHARE,
        intensity=rng.choice(list(Intensity)),
    )


def strokes(rng: random.Random, atlas: Atlas, view_name: str | None = None) -> Iterator[Mark]:
    """An endless series of random strokes."""
    while True:
        yield random_stroke(rng, atlas, view_name)


# ----- child processes ---------------------------------------------------------------
def child_env(root: Path) -> dict[str, str]:
    """The environment of a child process: offscreen Qt, and a home, XDG folders and a
    bodymap data cache of its own under ``root``, so that the user's settings and caches
    play no part (the data cache is warmed by the first run of a series)."""
    env = dict(os.environ)
    for name in ("home", "config", "cache", "data", "state", "runtime"):
        (root / name).mkdir(mode=0o700, parents=True, exist_ok=True)
    env.update(
        HOME=str(root / "home"),
        XDG_CONFIG_HOME=str(root / "config"),
        XDG_CACHE_HOME=str(root / "cache"),
        XDG_DATA_HOME=str(root / "data"),
        XDG_STATE_HOME=str(root / "state"),
        XDG_RUNTIME_DIR=str(root / "runtime"),
        BODYMAP_CACHE_DIR=str(root / "cache" / "bodymap"),
        QT_QPA_PLATFORM="offscreen",
        PYTHONUNBUFFERED="1",
    )
    env.pop("BODYMAP_DEBUG", None)
    return env
