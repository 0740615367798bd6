"""Shared fixtures. Qt runs offscreen; every test gets its own folders."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The compiled data cache of the tests (and of the processes they start) is their own.
os.environ.setdefault("BODYMAP_CACHE_DIR", tempfile.mkdtemp(prefix="bodymap-test-cache-"))

from bodymap import BodyMap

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def bm() -> BodyMap:
    return BodyMap.load()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped data folder that a test may break."""
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    shutil.copytree(ROOT / "regions", tmp_path / "regions")
    return tmp_path
