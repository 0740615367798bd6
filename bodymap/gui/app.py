"""Start the window: Qt application, error handling, data loading."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QSettings, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

from bodymap.api import BodyMap
from bodymap.errors import BodymapError
from bodymap.gui.qtcheck import broken_qt_message, missing_xcb_message, no_display_message

log = logging.getLogger("bodymap.gui")


def _qt_message(kind: QtMsgType, _context: object, message: str) -> None:
    level = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
    }.get(kind, logging.ERROR)
    logging.getLogger("bodymap.qt").log(level, message)


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """Show a readable dialog instead of dying silently; the details go to the log."""
    log.error("unexpected error", exc_info=(kind, value, tb))
    details = "".join(traceback.format_exception(kind, value, tb))
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        "bodymap: unexpected error",
        f"Something went wrong: {value}\n\nYour marks are still in the window; "
        "save the session to keep them.",
    )
    box.setDetailedText(details)
    box.exec()


def run(data: Path | None = None, session: Path | None = None) -> int:
    missing = no_display_message() or missing_xcb_message()
    if missing:  # Qt would abort with a message that names the wrong library
        print(f"bodymap: {missing}", file=sys.stderr)
        return 2
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("bodymap")
    app.setOrganizationName("bodymap")
    broken = broken_qt_message()
    if broken:
        print(f"bodymap: {broken}", file=sys.stderr)
        QMessageBox.critical(None, "bodymap cannot start", broken[0].upper() + broken[1:] + ".")
        return 2
    qInstallMessageHandler(_qt_message)
    sys.excepthook = _excepthook
    try:
        bm = BodyMap.load(data)
    except BodymapError as exc:
        QMessageBox.critical(
            None, "bodymap cannot start", f"The data files could not be loaded:\n\n{exc}"
        )
        print(f"bodymap: {exc}", file=sys.stderr)
        return 2
    from bodymap.gui.window import MainWindow

    window = MainWindow(bm, QSettings())
    window.restore_layout()
    if session is not None:
        window.open_path(session)
    window.show()
    return app.exec()
