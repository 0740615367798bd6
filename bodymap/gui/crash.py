"""When something goes wrong inside the window: a log file, and a dialog that says so.

An exception that escapes a Qt slot or event handler reaches ``sys.excepthook``
(PySide6 calls it and carries on). :class:`CrashHandler` writes the traceback to the
log, puts the drawing aside for recovery, and shows :class:`CrashDialog`: what
happened in plain words, that the drawing is still there, a button to save it, and the
traceback one click away. The window stays usable.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import time
import traceback
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

if TYPE_CHECKING:
    from bodymap.gui.window import MainWindow

LOG_NAME = "bodymap.log"
LOG_BYTES = 1_000_000
LOG_BACKUPS = 3
REPEAT_SECONDS = 30.0
"""The same error again this soon shows no second dialog (a broken repaint would loop)."""

log = logging.getLogger("bodymap.gui")


def setup_log(folder: Path) -> Path | None:
    """Log bodymap's warnings and errors to ``folder/bodymap.log`` (rotated at 1 MB, three
    old logs kept). Returns the log's path, or None when the folder cannot be written."""
    path = folder / LOG_NAME
    logger = logging.getLogger("bodymap")
    for handler in list(logger.handlers):
        if getattr(handler, "bodymap_log", False):
            logger.removeHandler(handler)
            handler.close()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=LOG_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
        )
    except OSError as exc:
        logging.getLogger("bodymap.gui").warning("cannot write the log %s: %s", path, exc)
        return None
    handler.bodymap_log = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > logging.INFO:
        logger.setLevel(logging.INFO)
    return path


def close_log() -> None:
    """Stop writing the log (tests)."""
    logger = logging.getLogger("bodymap")
    for handler in list(logger.handlers):
        if getattr(handler, "bodymap_log", False):
            logger.removeHandler(handler)
            handler.close()


class CrashDialog(QMessageBox):
    """Something went wrong; the drawing is still there; save it, or carry on."""

    def __init__(
        self,
        error: str,
        details: str,
        log_path: Path | None,
        can_save: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setIcon(QMessageBox.Icon.Critical)
        self.setWindowTitle("bodymap: something went wrong")
        kept = " Your drawing is still in the window, and a copy has been put aside."
        self.setText(
            "Something went wrong inside bodymap, and what you just did may not have "
            "finished." + (kept if can_save else "")
        )
        where = (
            f"The details were written to {log_path}."
            if log_path
            else "The details could not be written to a log file."
        )
        advice = " To be safe, save the session now; then you can carry on." if can_save else ""
        self.setInformativeText(f"{advice.strip()}\n\n({error}) {where}".strip())
        self.setDetailedText(details)
        self.save_button = (
            self.addButton("Save the session…", QMessageBox.ButtonRole.AcceptRole)
            if can_save
            else None
        )
        self.continue_button = self.addButton("Continue", QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.save_button or self.continue_button)
        self.setEscapeButton(self.continue_button)

    def ask(self) -> bool:
        """Show the dialog; True when the user chose to save the session."""
        self.exec()
        return self.save_button is not None and self.clickedButton() is self.save_button


class CrashHandler:
    """``sys.excepthook`` for the window: log, put the drawing aside, tell the user."""

    def __init__(self, log_path: Path | None = None, window: MainWindow | None = None) -> None:
        self.log_path = log_path
        self.window = window
        self._showing = False
        self._last: tuple[str, float] | None = None

    def __call__(
        self, kind: type[BaseException], value: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        details = "".join(traceback.format_exception(kind, value, tb))
        log.error("unexpected error\n%s", details.rstrip())
        window = self.window
        if window is not None:
            try:
                window.autosave.rescue()
            except Exception:
                log.exception("could not put the drawing aside after the error")
        where = _where(kind, tb)
        now = time.monotonic()
        repeated = self._last is not None and self._last[0] == where
        if self._showing or (repeated and self._last and now - self._last[1] < REPEAT_SECONDS):
            if window is not None:  # no second dialog for the same error
                window.statusBar().showMessage(
                    "Something went wrong again; the details are in the log.", 8000
                )
            return
        self._last = (where, now)
        error = f"{kind.__name__}: {value}" if str(value) else kind.__name__
        error = error if len(error) <= 300 else error[:299] + "…"
        dialog = CrashDialog(error, details, self.log_path, window is not None, window)
        self._showing = True
        try:
            save = dialog.ask()
        finally:
            self._showing = False
            dialog.deleteLater()
        if save and window is not None:
            window.documents.save()


def _where(kind: type[BaseException], tb: TracebackType | None) -> str:
    """The error's kind and the line it came from: what makes two errors "the same"."""
    last = traceback.extract_tb(tb)[-1] if tb is not None else None
    return f"{kind.__name__}@{last.filename}:{last.lineno}" if last else kind.__name__
