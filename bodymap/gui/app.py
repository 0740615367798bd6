"""Start the window: Qt application, error handling, data loading, recovery.

The window's frame is shown first and the data loaded once it has been painted (see
:mod:`bodymap.gui.window`), so something is on screen a few tenths of a second after
``bodymap`` is typed, however long the engine takes to import and load.

The log (``bodymap.log``) and the drawings put aside for recovery live in
:func:`bodymap.files.folders.state_dir`.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

from bodymap.errors import BodymapError
from bodymap.files.folders import state_dir
from bodymap.gui.crash import CrashHandler, setup_log
from bodymap.gui.qtcheck import broken_qt_message, missing_xcb_message, no_display_message
from bodymap.gui.window import MainWindow

log = logging.getLogger("bodymap.gui")


DESKTOP_ID = "org.bodymap.BodyMap"
"""The app's reverse-DNS id: its desktop file, icon and metainfo are named after it."""


def _qt_message(kind: QtMsgType, _context: object, message: str) -> None:
    level = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
    }.get(kind, logging.ERROR)
    logging.getLogger("bodymap.qt").log(level, message)


def run(data: Path | None = None, session: Path | None = None) -> int:
    missing = no_display_message() or missing_xcb_message()
    if missing:  # Qt would abort with a message that names the wrong library
        print(f"bodymap: {missing}", file=sys.stderr)
        return 2
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("bodymap")
    app.setOrganizationName("bodymap")
    # The installed desktop file's name (packaging/linux): Wayland shows its icon by it.
    app.setDesktopFileName(DESKTOP_ID)
    broken = broken_qt_message()
    if broken:
        print(f"bodymap: {broken}", file=sys.stderr)
        QMessageBox.critical(None, "bodymap cannot start", broken[0].upper() + broken[1:] + ".")
        return 2
    folder = state_dir()
    crash = CrashHandler(setup_log(folder))
    qInstallMessageHandler(_qt_message)
    sys.excepthook = crash  # errors in slots: logged, the drawing put aside, the user told
    # The frame first, then the data: the window is on screen while the engine loads.
    window = MainWindow(None, QSettings())
    window.restore_layout()
    window.show()
    window.when_painted(lambda: _load_into(window, crash, data, session, folder))
    return app.exec()


def _load_into(
    window: MainWindow, crash: CrashHandler, data: Path | None, session: Path | None, folder: Path
) -> None:
    """Load the data and build the window's parts; a session to open is opened, and
    drawings put aside by an earlier run are offered back."""
    from bodymap.api import BodyMap
    from bodymap.files.recovery import Recovery

    try:
        bm = BodyMap.load(data, skip_bad=True)  # a bad muscle file leaves out that muscle
    except BodymapError as exc:  # the body diagrams themselves cannot be left out
        print(f"bodymap: {exc}", file=sys.stderr)
        window.hide()
        QMessageBox.critical(
            None, "bodymap cannot start", f"The data files could not be loaded:\n\n{exc}"
        )
        QApplication.exit(2)
        return
    window.attach(bm, Recovery(folder))
    crash.window = window
    if session is not None:
        window.documents.open_path(session)
    if bm.skipped:
        QTimer.singleShot(0, lambda: window.dialogs.report_skipped(bm.skipped))
    QTimer.singleShot(0, window.autosave.offer_recovery)  # once the window is whole
