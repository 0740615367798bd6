"""The session's patient details: name, date of the visit and free notes.

The date is one Tab stop (Tab goes on to the notes; the arrow keys move between day,
month and year). A date before 1900 cannot be typed, and one more than a year ahead
("7 December 6202") is flagged at once and, if it is left like that, put back to the
date before, saying so.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from typing_extensions import override

from bodymap.gui import theme

ISO = Qt.DateFormat.ISODate
SHOWN = "d MMMM yyyy"
EARLIEST = QDate(1900, 1, 1)


def latest() -> QDate:
    """The last date a visit can plausibly have: a year from today."""
    return QDate.currentDate().addYears(1)


def date_problem(date: QDate) -> str:
    """Why ``date`` cannot be a visit's date, in plain words ("is before 1900"); ""
    if it can be."""
    if date < EARLIEST:
        return "is before 1900"
    if date > latest():
        return "is more than a year from today"
    return ""


class DateField(QDateEdit):
    """A date that is one Tab stop: Qt's date field steps from the day to the month to
    the year on Tab, so notes typed after a Tab went into the year. Here Tab leaves the
    field; the arrow keys (or typing a separator) move between its parts, Alt+Down
    opens the calendar."""

    @override
    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


class SessionDetails(QWidget):
    """Emits ``edited`` whenever the user changes a field (not when loaded)."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit()
        self.name.setPlaceholderText("Patient's name (optional)")
        self.name.setAccessibleName("Patient's name")
        self.name.setMaxLength(200)
        self.date = DateField()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat(SHOWN)
        self.date.setMinimumDate(EARLIEST)
        self.date.setAccessibleName("Date of the visit")
        self.date.setToolTip(
            "Type the day, month and year (← → move between them), or Alt+↓ for a calendar"
        )
        self.date_note = QLabel()
        self.date_note.setWordWrap(True)
        self.date_note.setAccessibleName("Problem with the date")
        self.date_note.hide()
        self._good_date = QDate.currentDate()
        self.has_date = QCheckBox("Dated")
        self.has_date.setToolTip("Untick for a session without a date")
        self.has_date.toggled.connect(self.date.setEnabled)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(
            "Notes: when it started, what makes it worse or better, what was found…"
        )
        self.notes.setAccessibleName("Session notes")
        self.notes.setTabChangesFocus(True)
        date_row = QHBoxLayout()
        date_row.addWidget(self.date, 1)
        date_row.addWidget(self.has_date)
        date_box = QVBoxLayout()
        date_box.setSpacing(2)
        date_box.addLayout(date_row)
        date_box.addWidget(self.date_note)
        form = QFormLayout(self)
        form.setContentsMargins(6, 6, 6, 6)
        form.addRow("&Name", self.name)
        form.addRow("Date", date_box)
        form.addRow("N&otes", self.notes)
        # One Tab from the name to the date, one more to the notes; "Dated" comes last.
        QWidget.setTabOrder(self.name, self.date)
        QWidget.setTabOrder(self.date, self.notes)
        QWidget.setTabOrder(self.notes, self.has_date)
        self.clear()
        self.name.textEdited.connect(lambda _: self.edited.emit())
        self.date.dateChanged.connect(self._date_changed)
        self.date.editingFinished.connect(self._date_finished)
        self.has_date.toggled.connect(lambda _: self.edited.emit())
        self.notes.textChanged.connect(self._notes_changed)

    def _notes_changed(self) -> None:
        if not self._loading:
            self.edited.emit()

    def _date_changed(self, date: QDate) -> None:
        problem = date_problem(date)
        if problem:
            self._say(f"{date.toString(SHOWN)} {problem}: check the year.")
        else:
            self._good_date = date
            self.date_note.hide()
        self.edited.emit()

    def _date_finished(self) -> None:
        """Leaving the field (or Enter) with a date that cannot be right: the date before
        comes back, and the note says so."""
        date = self.date.date()
        problem = date_problem(date)
        if problem:
            self.date.setDate(self._good_date)
            self._say(
                f"{date.toString(SHOWN)} {problem}, so it was not kept: the date is "
                f"{self._good_date.toString(SHOWN)} again."
            )

    def _say(self, text: str) -> None:
        colours = theme.current()
        self.date_note.setStyleSheet(
            f"background: {colours.flag_bg}; color: {colours.flag_fg}; padding: 3px;"
            " border-radius: 3px;"
        )
        self.date_note.setText(text)
        self.date_note.show()

    def clear(self) -> None:
        """A new session: no name or notes, dated today."""
        self.set_values("", QDate.currentDate().toString(ISO), "")

    def set_values(self, patient: str, date: str, notes: str) -> None:
        """Show a session's details (an empty date: undated)."""
        self._loading = True
        for widget in (self.date, self.has_date):
            widget.blockSignals(True)
        try:
            self.name.setText(patient)
            parsed = QDate.fromString(date, ISO) if date else QDate()
            self.has_date.setChecked(parsed.isValid())
            self.date.setEnabled(parsed.isValid())
            self.date.setDate(parsed if parsed.isValid() else QDate.currentDate())
            self._good_date = QDate.currentDate()
            self.date_note.hide()
            problem = date_problem(parsed) if parsed.isValid() else ""
            if problem:  # a file's date is shown as it is (if it can be), but flagged
                self._say(f"The saved date, {parsed.toString(SHOWN)}, {problem}: check it.")
            else:
                self._good_date = self.date.date()
            self.notes.setPlainText(notes)
        finally:
            for widget in (self.date, self.has_date):
                widget.blockSignals(False)
            self._loading = False

    def values(self) -> tuple[str, str, str]:
        """(name, ISO date or "", notes)."""
        date = self.date.date().toString(ISO) if self.has_date.isChecked() else ""
        return self.name.text().strip(), date, self.notes.toPlainText()
