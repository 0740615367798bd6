"""The bundle's build recipe (building it takes PyInstaller and minutes: docs/install.md)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.conftest import Script

ROOT = Path(__file__).resolve().parent.parent


def test_the_bundle_carries_the_data_where_an_installed_wheel_keeps_it(
    tmp_path: Path, script: Script
) -> None:
    args = script("packaging/build.py").arguments(tmp_path)
    data = [a.split("=", 1)[1] for a in args if a.startswith("--add-data=")]
    targets = {d.rsplit(":", 1)[1] for d in data}
    assert targets == {"bodymap/_data/assets", "bodymap/_data/regions"}
    assert all(Path(d.rsplit(":", 1)[0]).is_dir() for d in data)
    assert "--onedir" in args and "--name=bodymap" in args
    assert "--copy-metadata=bodymap" in args  # bodymap --version reads it
    excluded = {a.split("=", 1)[1] for a in args if a.startswith("--exclude-module=")}
    assert {"PySide6.QtQml", "PySide6.QtQuick", "tkinter"} <= excluded
    # Nothing bodymap imports is left out.
    used = {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtSvg"}
    assert not used & excluded and "PySide6.QtPrintSupport" not in excluded


def test_building_without_pyinstaller_says_how_to_get_it(tmp_path: Path, script: Script) -> None:
    import sys

    build = script("packaging/build.py")
    saved = sys.modules.get("PyInstaller")
    sys.modules["PyInstaller"] = None  # type: ignore[assignment]  # as if not installed
    try:
        assert build.main(["--out", str(tmp_path)]) == 2
    finally:
        if saved is None:
            sys.modules.pop("PyInstaller", None)
        else:
            sys.modules["PyInstaller"] = saved
