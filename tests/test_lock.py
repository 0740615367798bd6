"""The lock in ``requirements/`` is the set CI and the README install: it must agree with
``pyproject.toml`` (every dependency pinned, each pin inside its range), carry a hash for
every pin, and hold the Qt/Python pair the app accepts."""

from __future__ import annotations

import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

if TYPE_CHECKING:
    from tests.conftest import Script

ROOT = Path(__file__).resolve().parent.parent

Pins = Callable[[Path], list[Any]]


@pytest.fixture
def pins(script: Script) -> Pins:
    """``tools/try_newest.py``'s reading of a lock: (name, version, marker, hashes)."""
    reader: Pins = script("tools/try_newest.py").pins
    return reader


def _project() -> dict[str, list[Requirement]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    app = [Requirement(r) for r in project["dependencies"]]
    return {
        "app.txt": app,
        "test.txt": app + [Requirement(r) for r in project["optional-dependencies"]["test"]],
    }


@pytest.mark.parametrize("lock", ["app.txt", "test.txt"])
@pytest.mark.parametrize("python", ["3.11", "3.12", "3.13"])
def test_every_dependency_is_pinned_inside_its_range(lock: str, python: str, pins: Pins) -> None:
    env = {"python_version": python, "python_full_version": f"{python}.0", "sys_platform": "linux"}
    chosen = {
        name: version
        for name, version, marker, _ in pins(ROOT / "requirements" / lock)
        if marker is None or Marker(marker).evaluate(env)
    }
    for req in _project()[lock]:
        if req.marker is not None and not req.marker.evaluate(env):
            continue
        name = canonicalize_name(req.name)
        assert name in chosen, f"{req.name} is not in requirements/{lock}: refresh the lock"
        assert req.specifier.contains(chosen[name], prereleases=True), (
            f"requirements/{lock} pins {req.name}=={chosen[name]}, outside {req.specifier}"
        )


@pytest.mark.parametrize("lock", ["app.txt", "test.txt"])
def test_every_pin_has_a_hash_and_the_build_backend_is_locked(lock: str, pins: Pins) -> None:
    found = pins(ROOT / "requirements" / lock)
    assert found and all(hashes for *_, hashes in found), "a pin without --hash"
    assert "hatchling" in {name for name, *_ in found}


def test_the_locked_qt_is_one_the_app_accepts_on_python_3_11(pins: Pins) -> None:
    """PySide6 6.12.0 drains None on Python 3.11 (see README): the lock must not hold it."""
    qt = {
        version
        for name, version, *_ in pins(ROOT / "requirements" / "test.txt")
        if name == "pyside6-essentials"
    }
    assert qt and all(tuple(map(int, v.split(".")[:2])) < (6, 12) for v in qt), qt
