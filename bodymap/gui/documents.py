"""The session in the window as a document: its file, whether it holds unsaved changes,
new, open, save and save as, the question before unsaved work is thrown away, and why a
file did not open, in plain words with the technical details one click away.

A session from a file and one put aside for recovery are shown the same way
(:meth:`Documents.show_session`): the new drawing is built before the old one goes, so a
session that cannot be drawn leaves the window as it was.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QObject, QSettings, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from bodymap.errors import MarkError, SessionError
from bodymap.files.recovery import clean_stale_temp_files
from bodymap.files.session import SUFFIX, Session, load_session, save_session
from bodymap.gui.details import SessionDetails
from bodymap.gui.dialogs import Notices
from bodymap.gui.display import Display
from bodymap.gui.model import DrawingModel
from bodymap.gui.state import DisplayState
from bodymap.kinds import Answers

SESSION_FILTER = f"bodymap sessions (*{SUFFIX});;All files (*)"


def refusal(path: Path, exc: Exception) -> tuple[str, str]:
    """Why ``path`` did not open: (plain words, the technical details on one line after
    the file's name)."""
    if isinstance(exc, SessionError):
        plain, technical = exc.plain, str(exc)
    elif isinstance(exc, MarkError):  # a view that this bodymap's data does not draw
        plain = "This session has marks on a body view that this bodymap does not have."
        technical = f"{path}: {exc}"
    else:  # the engine could not apply the marks
        plain = "This session could not be drawn, so it was not opened."
        technical = f"{path}: {type(exc).__name__}: {exc}"
    one_line = technical.replace("\n", " ")
    return f"{plain} Your current drawing is unchanged.", f"{path.name}\n\n{one_line}"


def dropped_marks(path: Path, dropped: list[int]) -> tuple[str, str]:
    """What to say of marks left out for lying wholly outside the body: (words, details)."""
    n = len(dropped)
    which = ", ".join(f"marks.{i}" for i in dropped[:10]) + (", …" if n > 10 else "")
    return (
        f"{n} mark{' lies' if n == 1 else 's lie'} outside the body in this session, "
        f"so {'it was' if n == 1 else 'they were'} left out. The rest of the drawing is open.",
        f"{path.name}\n\n{path}: {n} mark(s) wholly outside the body, dropped: {which}",
    )


class Documents(QObject):
    """The session the window holds: its file (``path``) and whether it is saved."""

    modifiedChanged = Signal(bool)
    """After every change of the undo stack's clean state or of the patient's details:
    whether the window now holds changes that are not saved."""

    def __init__(
        self,
        window: QMainWindow,
        model: DrawingModel,
        state: DisplayState,
        undo: QUndoStack,
        details: SessionDetails,
        display: Display,
        settings: QSettings | None,
        notices: Notices,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.model = model
        self.state = state
        self.undo = undo
        self.details = details
        self.display = display
        self.settings = settings
        self.notices = notices
        self.path: Path | None = None
        self._details_dirty = False
        details.edited.connect(self._on_details_edited)
        undo.cleanChanged.connect(self._on_clean_changed)

    # ----- what it holds -------------------------------------------------------------
    def session(self) -> Session:
        patient, date, notes = self.details.values()
        return Session(
            self.model.marks, self.state.selected, notes, "", patient, date, self.model.answers
        )

    def snapshot(self) -> tuple[Session, Path | None]:
        """The session and the file it belongs to (what autosave puts aside)."""
        return self.session(), self.path

    def is_modified(self) -> bool:
        """Whether the window holds changes that are not saved."""
        return not self.undo.isClean() or self._details_dirty

    def _on_details_edited(self) -> None:
        self._details_dirty = True
        self._update_modified()

    def _update_modified(self) -> None:
        self._on_clean_changed(self.undo.isClean())

    def _on_clean_changed(self, _clean: bool) -> None:
        if not shiboken6.isValid(self.undo):  # the stack empties itself as the window goes
            return
        modified = self.is_modified()
        self.window.setWindowModified(modified)
        self.modifiedChanged.emit(modified)

    def _mark_saved(self) -> None:
        self.undo.setClean()
        self._details_dirty = False
        self._update_modified()

    def update_title(self) -> None:
        patient = self.details.values()[0]
        name = self.path.name if self.path else "Untitled"
        who = f"{patient} — " if patient else ""
        self.window.setWindowTitle(f"{who}{name}[*] — bodymap")

    # ----- new and open --------------------------------------------------------------
    def new_session(self) -> None:
        if not self.confirm_discard():
            return
        self.undo.clear()
        self.model.set_marks((), Answers())
        self.state.reset()
        self.details.clear()
        self.display.panel.reset_zoom(everywhere=True)
        self.path = None
        self._mark_saved()
        self.update_title()

    def open_dialog(self) -> None:
        if not self.confirm_discard():
            return
        name, _ = QFileDialog.getOpenFileName(
            self.window, "Open session", self.last_dir(), SESSION_FILTER
        )
        if name:
            self.open_path(Path(name))

    def open_path(self, path: Path) -> bool:
        """Open a session; if anything in it is wrong, the current work stays as it was.

        Marks that lie wholly outside the body are left out, and a message says how many.
        """
        try:
            session = load_session(path)
        except Exception as exc:  # a bad file must never cost the open session
            error: Exception | None = exc
        else:
            error = self.show_session(session, path, saved=True)
        if error is not None:
            self.notices.alert("Cannot open this file", *refusal(path, error))
            return False
        clean_stale_temp_files(path)  # what a save killed long ago left beside it
        self.remember_dir(path)
        kept = set(map(id, self.model.marks))
        dropped = [i for i, mark in enumerate(session.marks) if id(mark) not in kept]
        if dropped:
            self.notices.alert("Some marks were left out", *dropped_marks(path, dropped))
        return True

    def show_session(self, session: Session, path: Path | None, saved: bool) -> Exception | None:
        """Show ``session`` as the document of ``path``, saved or (restored after a
        crash) not. Returns why it could not be drawn, and then nothing has changed."""
        try:
            # The model builds the new drawing before it lets go of the old one, so a
            # mark that cannot be applied leaves the drawing on screen as it was (and it
            # is built once, not once to check and again to show).
            self.model.set_marks(session.marks, session.answers)
        except Exception as exc:  # a bad session must never cost the open one
            return exc
        self.undo.clear()
        self.path = path
        self.details.set_values(session.patient, session.date, session.notes)
        self.state.reset()
        self.display.select(session.selected)
        self.display.panel.reset_zoom(everywhere=True)
        self.display.refresh()
        if saved:
            self._mark_saved()
        else:
            self._details_dirty = False
            self.undo.resetClean()  # unsaved until the user saves it
            self._update_modified()
        self.update_title()
        return None

    # ----- save ----------------------------------------------------------------------
    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self.save_to(self.path)

    def save_as(self) -> bool:
        stem = self.session().file_stem()
        start = str(self.path) if self.path else str(Path(self.last_dir()) / f"{stem}{SUFFIX}")
        name, _ = QFileDialog.getSaveFileName(self.window, "Save session", start, SESSION_FILTER)
        if not name:
            return False
        path = Path(name)
        if not path.suffix:
            path = path.with_suffix(SUFFIX)
            # The dialog asked about the name without the suffix; ask about this one.
            if path.exists() and (
                QMessageBox.question(
                    self.window, "Replace file?", f"{path.name} already exists. Replace it?"
                )
                != QMessageBox.StandardButton.Yes
            ):
                return False
        return self.save_to(path)

    def save_to(self, path: Path) -> bool:
        try:
            save_session(path, self.session())
        except SessionError as exc:
            self.notices.alert("Cannot save", exc.plain, str(exc))
            return False
        self.path = path
        self.remember_dir(path)
        self._mark_saved()
        self.update_title()
        self.notices.say(f"Saved {path}", 4000)
        clean_stale_temp_files(path)  # what a save killed long ago left beside it
        return True

    def confirm_discard(self) -> bool:
        """True when there is nothing unsaved, or the user chose to save or discard it."""
        if not self.is_modified():
            return True
        answer = QMessageBox.question(
            self.window,
            "Unsaved changes",
            "This session has changes that are not saved. Save them first?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # ----- the folder last used ------------------------------------------------------
    def last_dir(self) -> str:
        value = self.settings.value("last_dir", "") if self.settings else ""
        return str(value) if value else str(Path.home())

    def remember_dir(self, path: Path) -> None:
        if self.settings is not None:
            self.settings.setValue("last_dir", str(path.parent))
