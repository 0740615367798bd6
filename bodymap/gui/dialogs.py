"""What the window tells the user: warnings with the technical details one click away,
status-bar messages, the data files left out at start, and the help boxes (when to see a
doctor, every shortcut, about).

The other parts of the window speak through the small :class:`Notices` interface, so
each can be driven in a test without a window (and a test can catch what it says).
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Protocol

from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from bodymap.about import version
from bodymap.advice import RED_FLAGS
from bodymap.errors import DataError

RED_FLAGS_HTML = (
    "<h3>See a doctor promptly if the pain comes with</h3><ul>"
    + "".join(f"<li>{html.escape(flag)}</li>" for flag in RED_FLAGS)
    + "</ul>"
)
ABOUT = (
    "<p>Marks where it hurts and lists the muscles whose trigger points most often refer "
    "pain there, from published referred-pain descriptions drawn in our own words. It is "
    "an aid to examination, not a diagnosis.</p>"
)


def about_html() -> str:
    """The About box: the version from the package's one source, and what bodymap is."""
    return f"<h3>bodymap {html.escape(version())}</h3>{ABOUT}"


class Notices(Protocol):
    """How a part of the window tells the user something."""

    def alert(self, title: str, text: str, details: str = "") -> None:
        """A warning in plain words, with the technical details one click away."""

    def say(self, text: str, timeout: int = 0) -> None:
        """A line in the status bar (for ``timeout`` ms; 0: until the next)."""


class Dialogs:
    """The window's alerts, status messages and help boxes."""

    def __init__(
        self, window: QMainWindow, shortcuts: Callable[[], Sequence[tuple[str, str]]] = list
    ) -> None:
        """``shortcuts``: the (what, keys) rows of the shortcuts box, in their order."""
        self.window = window
        self.shortcuts = shortcuts
        self.skipped_label = QLabel()  # data files left out at start (report_skipped)
        self.skipped_label.setStyleSheet("color: #b45309")
        self.skipped_label.hide()
        window.statusBar().addPermanentWidget(self.skipped_label)

    def alert(self, title: str, text: str, details: str = "") -> None:
        """A warning in plain words, with the technical details one click away."""
        box = QMessageBox(
            QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self.window
        )
        if details:
            box.setDetailedText(details)
        box.exec()

    def say(self, text: str, timeout: int = 0) -> None:
        self.window.statusBar().showMessage(text, timeout)

    def report_skipped(self, problems: Sequence[DataError]) -> None:
        """Say which data files were left out at start, and that the rest works."""
        files = sorted({p.path.name for p in problems})
        lines = "\n".join(" ".join(str(p).split()) for p in problems)  # each on one line
        self.skipped_label.setText(f"{len(files)} data file(s) left out")
        self.skipped_label.setToolTip(lines)
        self.skipped_label.show()
        self.alert(
            "Some data could not be read",
            f"Some of bodymap's data files are damaged, so they are left out: "
            f"{', '.join(files)}. The muscles in them are missing from the list and the "
            "ranking; everything else works as usual. Please tell whoever looks after this "
            "computer.",
            lines,
        )

    def show_red_flags(self) -> None:
        QMessageBox.information(self.window, "When to see a doctor", RED_FLAGS_HTML)

    def shortcuts_html(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(what)}</td><td><b>{html.escape(keys)}</b></td></tr>"
            for what, keys in self.shortcuts()
        )
        return f"<table cellspacing='6'>{rows}</table>"

    def show_shortcuts(self) -> None:
        QMessageBox.information(self.window, "Keyboard shortcuts", self.shortcuts_html())

    def show_about(self) -> None:
        QMessageBox.about(self.window, "About bodymap", about_html())
