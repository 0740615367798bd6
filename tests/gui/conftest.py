from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "soak: a long session in the real window, a minute or more "
        '(skip them locally with -m "not soak"; CI runs them)',
    )


@pytest.fixture(autouse=True)
def _qapplication(qapp: QApplication) -> QApplication:
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


# The `window` fixture is in tests/conftest.py (test_session_files uses it too).
