"""Where the shipped data lives: inside the wheel, or at the top of a source checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from bodymap.errors import DataError


def default_data_root() -> Path:
    """A folder holding ``assets/`` and ``regions/``."""
    packaged = Path(str(resources.files("bodymap") / "_data"))
    if (packaged / "assets").is_dir() and (packaged / "regions").is_dir():
        return packaged
    checkout = Path(__file__).resolve().parents[2]  # bodymap/data/resources.py
    if (checkout / "assets").is_dir() and (checkout / "regions").is_dir():
        return checkout
    raise DataError(
        packaged, "the shipped data (assets/ and regions/) is missing from this install"
    )
