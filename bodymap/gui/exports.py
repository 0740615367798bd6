"""What leaves the window on paper or as a file: the body map as PNG, SVG or PDF, the
one-page handout as PDF, and the handout printed.

Every file is written the same way (:meth:`Exports.write`): all of it or nothing, and
when it cannot be written, a message in plain words with the reason one click away; a
file begun and not finished is removed, and one that was there before is kept whole.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from bodymap.api import BodyMap
from bodymap.errors import BodymapError
from bodymap.gui.dialogs import Notices
from bodymap.gui.documents import Documents
from bodymap.gui.model import DrawingModel
from bodymap.gui.state import DisplayState

NOT_WRITTEN = (
    "The {what} could not be saved there: the disk may be full, or the folder read-only or "
    "missing. Your drawing is still in the window; try another folder."
)
PICTURES = (".png", ".pdf", ".svg")


def remove_partial(path: Path, existed: bool) -> None:
    """A file an export began and could not finish is not a picture; remove it."""
    if not existed:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


class Exports:
    """Export, save the handout, print it."""

    def __init__(
        self,
        parent: QWidget,
        bm: BodyMap,
        model: DrawingModel,
        state: DisplayState,
        views: Sequence[str],
        documents: Documents,
        labels: Callable[[], bool],
        notices: Notices,
    ) -> None:
        """``views``: the views a picture shows; ``labels``: whether it names the
        landmarks (as the window does now)."""
        self.parent = parent
        self.bm = bm
        self.model = model
        self.state = state
        self.views = list(views)
        self.documents = documents
        self.labels = labels
        self.notices = notices

    def suggested_path(self, suffix: str) -> str:
        """Where the save dialog starts: the folder last used, a name from the session."""
        stem = self.documents.session().file_stem()
        return str(Path(self.documents.last_dir()) / f"{stem}{suffix}")

    def flag_texts(self) -> list[tuple[str, str]]:
        return [(f.title, f.advice) for f in self.model.red_flags()]

    def write(
        self, path: Path, what: str, title: str, done: str, draw: Callable[[], object]
    ) -> bool:
        """Write ``path`` with ``draw``; say ``done`` when it worked. When it did not, the
        alert ``title`` says the ``what`` could not be saved, and nothing half written is
        left behind."""
        existed = path.exists()
        try:
            draw()
        except (BodymapError, OSError) as exc:
            remove_partial(path, existed)
            self.notices.alert(title, NOT_WRITTEN.format(what=what), str(exc))
            return False
        self.notices.say(done, 4000)
        return True

    # ----- the body map --------------------------------------------------------------
    def export_dialog(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self.parent,
            "Export",
            self.suggested_path(".png"),
            "PNG image (*.png);;PDF (*.pdf);;SVG (*.svg)",
        )
        if name:
            self.export_to(Path(name))

    def export_to(self, path: Path) -> bool:
        if path.suffix.lower() not in PICTURES:
            path = path.with_suffix(".png")
        return self.write(
            path, "picture", "Cannot export", f"Exported {path}", lambda: self._render(path)
        )

    def _render(self, path: Path) -> None:
        from bodymap.gui.render import render_to_file

        session = self.documents.session()
        render_to_file(
            self.bm,
            self.model.drawing,
            self.state.pattern(),
            self.views,
            path,
            labels=self.labels(),
            patient=session.patient,
            date=session.date,
        )

    # ----- the handout ---------------------------------------------------------------
    def handout_dialog(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self.parent, "Save handout", self.suggested_path("-handout.pdf"), "PDF (*.pdf)"
        )
        if name:
            self.save_handout(Path(name))

    def save_handout(self, path: Path) -> bool:
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        return self.write(
            path,
            "handout",
            "Cannot save the handout",
            f"Saved the handout to {path}",
            lambda: self._render_handout(path),
        )

    def _render_handout(self, path: Path) -> None:
        from bodymap.gui.handout import render_handout

        render_handout(self.bm, self.documents.session(), path, flags=self.flag_texts())

    def print_handout(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        from bodymap.gui.handout import handout_page_layout, print_handout
        from bodymap.handout import handout_content

        session = self.documents.session()
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(handout_page_layout())
        printer.setDocName(session.file_stem())
        dialog = QPrintDialog(printer, self.parent)
        dialog.setWindowTitle("Print handout")
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            content = handout_content(self.bm, self.documents.session(), flags=self.flag_texts())
            print_handout(printer, content)
        except BodymapError as exc:
            self.notices.alert("Cannot print", str(exc))
            return
        self.notices.say("Sent the handout to the printer", 4000)
