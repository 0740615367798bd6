"""The session's patient details: name, date of the visit and free notes."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

ISO = Qt.DateFormat.ISODate


class SessionDetails(QWidget):
    """Emits ``edited`` whenever the user changes a field (not when loaded)."""

    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = QLineEdit()
        self.name.setPlaceholderText("Patient's name (optional)")
        self.name.setAccessibleName("Patient's name")
        self.name.setMaxLength(200)
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("d MMMM yyyy")
        self.date.setAccessibleName("Date of the visit")
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
        form = QFormLayout(self)
        form.setContentsMargins(6, 6, 6, 6)
        form.addRow("&Name", self.name)
        form.addRow("Date", date_row)
        form.addRow("N&otes", self.notes)
        self.clear()
        self.name.textEdited.connect(lambda _: self.edited.emit())
        self.date.dateChanged.connect(lambda _: self.edited.emit())
        self.has_date.toggled.connect(lambda _: self.edited.emit())
        self.notes.textChanged.connect(self._notes_changed)

    def _notes_changed(self) -> None:
        if not self._loading:
            self.edited.emit()

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
            self.notes.setPlainText(notes)
        finally:
            for widget in (self.date, self.has_date):
                widget.blockSignals(False)
            self._loading = False

    def values(self) -> tuple[str, str, str]:
        """(name, ISO date or "", notes)."""
        date = self.date.date().toString(ISO) if self.has_date.isChecked() else ""
        return self.name.text().strip(), date, self.notes.toPlainText()
