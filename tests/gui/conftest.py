from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication


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
def _no_modal_dialogs(no_modal_dialogs: None) -> None:
    """Every GUI test fails on a modal dialog (``no_modal_dialogs`` in tests/conftest.py)."""


# The `window` fixture is in tests/conftest.py (test_session_files uses it too).
