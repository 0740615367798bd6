"""Shared fixtures. Qt runs offscreen; every test gets its own folders."""

from __future__ import annotations

import atexit
import importlib.util
import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The compiled data cache of the tests (and of the processes they start) is their own,
# and goes when they end (each run would otherwise leave ~8 MB in the temporary folder).
if "BODYMAP_CACHE_DIR" not in os.environ:
    os.environ["BODYMAP_CACHE_DIR"] = tempfile.mkdtemp(prefix="bodymap-test-cache-")
    atexit.register(shutil.rmtree, os.environ["BODYMAP_CACHE_DIR"], ignore_errors=True)

from bodymap import BodyMap

if TYPE_CHECKING:
    from pytestqt.qtbot import QtBot

    from bodymap.gui.window import MainWindow

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def bm() -> BodyMap:
    return BodyMap.load()


Script = Callable[[str], ModuleType]
"""Loads a script of the repository by its path from the top (``"tools/imports.py"``)."""


@pytest.fixture(scope="session")
def script() -> Script:
    """A script of the repository (a tool, the examples' maker, the bundle's build) loaded
    as a module, to test what it does."""

    def load(relative: str) -> ModuleType:
        path = ROOT / relative
        spec = importlib.util.spec_from_file_location(f"bodymap_script_{path.stem}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # a dataclass in it looks its module up
        spec.loader.exec_module(module)
        return module

    return load


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped data folder that a test may break."""
    shutil.copytree(ROOT / "assets", tmp_path / "assets")
    shutil.copytree(ROOT / "regions", tmp_path / "regions")
    return tmp_path


@pytest.fixture
def no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal dialog would wait for a click that never comes; fail the test instead.
    Qt is imported only by tests that ask for it, so the core's tests run without it."""
    from PySide6.QtWidgets import QDialog, QMessageBox

    def refuse(self: QDialog, *_args: object) -> int:
        text = self.text() if isinstance(self, QMessageBox) else ""
        raise AssertionError(f"a modal dialog opened: {self.windowTitle()!r} {text!r}")

    monkeypatch.setattr(QMessageBox, "exec", refuse)
    monkeypatch.setattr(QDialog, "exec", refuse)


@pytest.fixture
def window(
    qtbot: QtBot, bm: BodyMap, tmp_path: Path, no_modal_dialogs: None
) -> Iterator[MainWindow]:
    """The main window, shown, with its own settings file; a modal dialog fails the test
    (it would wait for a click that never comes). Qt is imported only by tests that ask
    for it, so the core's tests run without it."""
    from PySide6.QtCore import QSettings

    from bodymap.gui.window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(bm, settings)
    # pytest-qt closes the window before fixtures finish; never block on the
    # "save changes?" question there (test_window tests that question itself).
    win.documents.confirm_discard = lambda: True  # type: ignore[method-assign]
    qtbot.addWidget(win)
    win.resize(1100, 860)
    win.show()
    qtbot.waitExposed(win)
    yield win
