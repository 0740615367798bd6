"""The checks made before the window opens: a sound Qt build, and X11's libraries."""

from __future__ import annotations

import ctypes
import sys
from typing import Any

import pytest

from bodymap.gui import app, qtcheck


def test_the_installed_qt_does_not_drain_none() -> None:
    """The pair this environment resolved (CI's, a fresh install's) is sound."""
    assert qtcheck.none_references_lost() == 0
    assert qtcheck.broken_qt_message() is None


def test_a_broken_pair_is_refused_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(qtcheck, "none_references_lost", lambda calls=256: calls)
    message = qtcheck.broken_qt_message()
    assert message is not None and "PySide6-Essentials<6.12" in message
    shown: list[str] = []
    monkeypatch.setattr(app, "broken_qt_message", lambda: message)
    monkeypatch.setattr("bodymap.gui.app.QMessageBox.critical", lambda *a: shown.append(a[2]))
    assert app.run() == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "known-broken" in err[0]
    assert shown and "known-broken" in shown[0]


def test_missing_x11_libraries_are_named_with_the_command_that_installs_them(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = ctypes.CDLL

    def cdll(name: str, *args: Any) -> object:
        if name in ("libxcb-icccm.so.4", "libxcb-keysyms.so.1"):
            raise OSError(f"{name}: cannot open shared object file")
        return real(name, *args)

    monkeypatch.setattr(ctypes, "CDLL", cdll)
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    message = qtcheck.missing_xcb_message()
    assert message is not None
    assert message.endswith("sudo apt-get install libxcb-icccm4 libxcb-keysyms1")
    assert app.run() == 2  # before Qt tries, and fails with a message naming another library
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "libxcb-icccm4" in err[0]


def test_offscreen_needs_no_x11_libraries(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.setattr(qtcheck, "missing_libraries", lambda names=None: ["libxcb1"])
    assert qtcheck.missing_xcb_message() is None


def test_no_display_is_one_line_not_an_abort(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bodymap.gui import app

    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(sys, "platform", "linux")
    assert app.run() == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("bodymap: no display") and "\n" not in err
