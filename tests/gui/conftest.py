from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QMessageBox

from bodymap import BodyMap
from bodymap.gui.window import MainWindow


@pytest.fixture(autouse=True)
def _qapplication(qapp):  # type: ignore[no-untyped-def]
    """A full QApplication before anything else (render alone would make a
    QGuiApplication, which widgets cannot use)."""
    return qapp


@pytest.fixture(autouse=True)
def _no_modal_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A modal dialog would wait for a click that never comes; fail the test instead."""

    def refuse(self: QDialog, *_args: object) -> int:
        text = self.text() if isinstance(self, QMessageBox) else ""
        raise AssertionError(f"a modal dialog opened: {self.windowTitle()!r} {text!r}")

    monkeypatch.setattr(QMessageBox, "exec", refuse)
    monkeypatch.setattr(QDialog, "exec", refuse)


@pytest.fixture
def window(qtbot, bm: BodyMap, tmp_path: Path) -> Iterator[MainWindow]:
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(bm, settings)
    # pytest-qt closes the window before fixtures finish; never block on the
    # "save changes?" question there (test_window tests that question itself).
    win.confirm_discard = lambda: True  # type: ignore[method-assign]
    qtbot.addWidget(win)
    win.resize(1100, 860)
    win.show()
    qtbot.waitExposed(win)
    yield win
