"""The box of warning signs for where the pain is, under the ranked muscles: each sign
whole, most urgent first, scrolling when there are more than fit."""

from __future__ import annotations

import html
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget
from typing_extensions import override

from bodymap.gui import theme
from bodymap.redflags import RedFlag

FLAGS_HEADING = "See a doctor about these signs"
"""Over every warning: those for where the pain is, and those an answer raises (numbness)."""


class FlagsBox(QFrame):
    """The warning signs for where the pain is, in the order given: the core's
    ``red_flags()`` puts the most urgent first. Each sign is a label of its own (whole,
    wrapped, never cut) in a scroll area: the box grows with its signs as far as the
    panel lets it, and a scroll bar reaches the rest."""

    SPACING = 6
    LEAST_LINES = 8

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("flags")
        self.setAccessibleName("Warning signs for where the pain is")
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.body = QWidget()
        self.body.setObjectName("flagsBody")
        self.rows = QVBoxLayout(self.body)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.rows.setSpacing(self.SPACING)
        self.rows.addStretch(1)
        self.area = QScrollArea()
        self.area.setWidgetResizable(True)
        self.area.setFrameShape(QFrame.Shape.NoFrame)
        self.area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.area.setAccessibleName("Warning signs, scrollable")
        self.area.setWidget(self.body)
        self.area.viewport().setAutoFillBackground(False)
        self.area.viewport().installEventFilter(self)
        self.body.setAutoFillBackground(False)
        self.labels: list[QLabel] = []
        self.flags: list[RedFlag] = []
        self.column = QVBoxLayout(self)
        self.column.setContentsMargins(6, 6, 6, 6)
        self.column.setSpacing(4)
        self.column.addWidget(self.heading)
        self.column.addWidget(self.area, 1)
        # Never taller than the signs need (sizeHint); shorter, with a scroll bar, when
        # the ranking needs the room.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.set_flags([])

    def set_flags(self, flags: Sequence[RedFlag]) -> None:
        """Show ``flags`` in the order given (most urgent first)."""
        flags = list(flags)
        if flags == self.flags and self.labels:
            return  # every stroke refreshes; most leave the signs as they were
        self.flags = flags
        for label in self.labels:
            self.rows.removeWidget(label)
            label.hide()
            label.setParent(None)
            label.deleteLater()
        self.labels = []
        for i, flag in enumerate(flags):
            label = QLabel(f"<b>{html.escape(flag.title)}.</b> {html.escape(flag.advice)}")
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setWordWrap(True)
            label.setAccessibleName(flag.title)
            label.setAccessibleDescription(flag.advice)
            self.rows.insertWidget(i, label)
            self.labels.append(label)
        count = len(flags)
        more = f" ({count}, most urgent first)" if count > 1 else ""
        self.heading.setText(f"<b>{html.escape(FLAGS_HEADING)}</b>{more}")
        self._fit()

    def text(self) -> str:
        """Every sign in plain words, the heading first."""
        lines = [FLAGS_HEADING] + [f"{f.title}. {f.advice}" for f in self.flags]
        return "\n\n".join(lines)

    def rows_height(self, width: int) -> int:
        """The height of every sign, whole, at ``width``."""
        rows = [label.heightForWidth(max(width, 50)) for label in self.labels]
        return sum(rows) + self.SPACING * max(len(rows) - 1, 0)

    def _inner(self, width: int) -> int:
        """The width left for the heading and the signs inside the box's margins."""
        margins = self.column.contentsMargins()
        return max(width - margins.left() - margins.right(), 50)

    def natural_height(self, width: int) -> int:
        """The height that shows the heading and every sign whole at ``width``."""
        margins = self.column.contentsMargins()
        inner = self._inner(width)
        return (
            margins.top()
            + self.heading.heightForWidth(inner)
            + self.column.spacing()
            + self.rows_height(inner)
            + margins.bottom()
            + 2
        )

    @override
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # At each new size of the scroll area, lay the signs out again (_lay_out_signs).
        if watched is self.area.viewport() and event.type() == QEvent.Type.Resize:
            self._lay_out_signs()
        return super().eventFilter(watched, event)

    def _lay_out_signs(self) -> None:
        """The signs at the scroll area's whole width if they fit its height so, else
        beside a scroll bar (narrower, so taller), and the scroll area told how tall
        they are: left to itself it squeezed wrapped labels onto each other, and kept a
        scroll bar once needed."""
        width = self.area.width()
        need = self.rows_height(width)
        fits = need <= self.area.height()
        if not fits:
            need = self.rows_height(width - self.area.verticalScrollBar().sizeHint().width())
        policy = (
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff if fits else Qt.ScrollBarPolicy.ScrollBarAlwaysOn
        )
        if self.area.verticalScrollBarPolicy() != policy:
            self.area.setVerticalScrollBarPolicy(policy)
        self.body.setMinimumHeight(need)

    def _least_height(self, width: int) -> int:
        """The heading and about eight lines: however little room there is, a sign
        shows that there is something to read (the panel takes the room from the card
        below rather than from the signs)."""
        heading = self.heading.heightForWidth(self._inner(width))
        return heading + self.fontMetrics().lineSpacing() * self.LEAST_LINES + 16

    def _fit(self) -> None:
        self._lay_out_signs()
        self.updateGeometry()

    @override
    def hasHeightForWidth(self) -> bool:
        # The height it asks for follows from its width (sizeHint); a layout that
        # asked heightForWidth as well would take that as its least height and leave
        # the scroll bar nothing to do.
        return False

    @override
    def sizeHint(self) -> QSize:
        """As tall as every sign needs, whole, at the present width."""
        return QSize(200, self.natural_height(max(self.width(), 200)))

    @override
    def minimumSizeHint(self) -> QSize:
        width = max(self.width(), 200)
        return QSize(50, min(self.natural_height(width), self._least_height(width)))

    @override
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # taller or shorter at the new width

    def restyle(self, colours: theme.Theme) -> None:
        self.setStyleSheet(
            f"QFrame#flags {{ background: {colours.flag_bg}; border-radius: 4px; }}"
            f" QFrame#flags QLabel {{ color: {colours.flag_fg}; background: transparent; }}"
            " QWidget#flagsBody { background: transparent; }"
        )
