"""The window starts in two steps: its frame is on screen before the engine is imported,
and it is whole, laid out as a one-step window, once the data is attached."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from bodymap.api import BodyMap
from bodymap.gui.window import LOADING, READY, MainWindow
from tests.gui.test_window import click_landmark

SIZE = (1100, 860)


def _settings(tmp_path: Path, name: str) -> QSettings:
    return QSettings(str(tmp_path / name), QSettings.Format.IniFormat)


def _shown(qtbot: QtBot, window: MainWindow) -> MainWindow:
    qtbot.addWidget(window)
    window.resize(*SIZE)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_the_frame_says_it_is_loading_and_calls_back_once_painted(
    qtbot: QtBot, tmp_path: Path
) -> None:
    window = MainWindow(None, _settings(tmp_path, "frame.ini"))
    painted: list[int] = []
    window.when_painted(lambda: painted.append(1))
    _shown(qtbot, window)
    assert not window.ready
    label = window.centralWidget()
    assert isinstance(label, QLabel) and label.text() == LOADING
    assert window.statusBar().currentMessage() == LOADING
    qtbot.waitUntil(lambda: painted == [1])
    window.update()
    qtbot.wait(1100)  # a later paint, and the fallback timer: still called only once
    assert painted == [1]


def test_a_frame_closed_while_loading_just_closes(qtbot: QtBot, tmp_path: Path) -> None:
    window = _shown(qtbot, MainWindow(None, _settings(tmp_path, "frame.ini")))
    assert window.close()  # no drawing yet: nothing to ask about, nothing to save


def test_the_attached_window_works_and_is_laid_out_as_a_one_step_window(
    qtbot: QtBot, bm: BodyMap, tmp_path: Path, no_modal_dialogs: None
) -> None:
    whole = _shown(qtbot, MainWindow(bm, _settings(tmp_path, "whole.ini")))
    window = _shown(qtbot, MainWindow(None, _settings(tmp_path, "frame.ini")))
    window.attach(bm)
    # pytest-qt closes the window at the end: never ask "save changes?" there.
    window.documents.confirm_discard = lambda: True  # type: ignore[method-assign]
    assert window.ready and window.centralWidget() is window.panel
    assert window.statusBar().currentMessage() == READY
    qtbot.waitUntil(lambda: window.questions_dock.visibleRegion().isEmpty() is False)
    assert window.browser_dock.visibleRegion().isEmpty()  # tabbed behind the questions
    for dock in ("candidates_dock", "card_dock", "details_dock", "questions_dock"):
        assert getattr(window, dock).size() == getattr(whole, dock).size(), dock
    click_landmark(qtbot, window, "right-psis")
    qtbot.waitUntil(lambda: bool(window.display.candidates))
    assert [c.muscle for c in window.display.candidates[:3]] == [
        c.muscle for c in bm.rank(["posterior:right-psis"], top=3)
    ]


def test_the_frame_imports_neither_the_engine_nor_the_data() -> None:
    code = (
        "import sys, bodymap.gui.app\n"
        "print(sorted(m for m in ('numpy', 'shapely', 'yaml', 'bodymap.api',"
        " 'bodymap.gui.assembly') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


BROKEN_START = """
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication, QMessageBox
from bodymap.gui import app

shown = []
QMessageBox.critical = lambda parent, title, text: shown.append((title, text))
qapp = QApplication([sys.argv[0]])
code = app.run(Path(sys.argv[1]))
print(json.dumps({"code": code, "shown": shown}), flush=True)
"""


def test_data_that_cannot_be_loaded_is_said_plainly_and_the_app_stops(
    data_copy: Path, tmp_path: Path
) -> None:
    landmarks = data_copy / "assets" / "posterior.yaml"
    landmarks.write_text("landmarks: [unclosed\n")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "BODYMAP_STATE_DIR": str(tmp_path / "state"),
        "BODYMAP_CACHE_DIR": str(tmp_path / "cache"),
        "HOME": str(tmp_path / "home"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    done = subprocess.run(
        [sys.executable, "-c", BROKEN_START, str(data_copy)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["code"] == 2
    [(title, text)] = result["shown"]
    assert title == "bodymap cannot start" and "posterior.yaml" in text
    assert "posterior.yaml" in done.stderr and "Traceback" not in done.stderr
