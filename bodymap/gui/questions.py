"""The Questions panel: what makes the pain worse, a few questions at a time.

The questions that would best tell the current top candidates apart come first
(:func:`bodymap.answers.separating`); each is answered with one click, or with **Y**,
**N** or **S** (skip) for the first one. Answers are undoable steps on the drawing model
(:class:`~bodymap.gui.model.AnswersCommand`), saved in the session, and re-rank the list
at once. Answered questions stay below, where an answer can be changed or taken back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from bodymap.answers import Questions, separating
from bodymap.candidate import Candidate
from bodymap.catalogue import AnswerLink
from bodymap.gui import theme
from bodymap.kinds import Answers

SHOWN = 4
"""Unanswered questions shown at a time."""
HINT = (
    "What makes it worse? Each answer re-ranks the muscles that already fit where it "
    "hurts. Y yes, N no, S skip answer the first."
)
NO_MARKS = "Mark where it hurts first: then the questions that tell the muscles apart come first."


class QuestionsPanel(QWidget):
    """Unanswered questions (the most telling first) and the answers given so far."""

    answered = Signal(object)  # the new Answers
    """The user answered, changed or took back an answer: the window makes it a step."""

    def __init__(
        self,
        questions: Questions,
        links: Mapping[str, Sequence[AnswerLink]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.questions = questions
        self.links = links
        self.answers: Answers | None = None
        """The answers the rows show (None before the first :meth:`show_state`)."""
        self.ranking: Sequence[Candidate] = ()
        self.skipped: list[str] = []
        self.order: list[str] = []
        """The unanswered question ids shown, first first."""
        self.hint = QLabel(HINT)
        self.hint.setWordWrap(True)
        self.open_box = QWidget()
        self.open_grid = QGridLayout(self.open_box)
        self.open_grid.setContentsMargins(0, 0, 0, 0)
        self.done_title = QLabel("<b>Answered</b>")
        self.done_box = QWidget()
        self.done_grid = QGridLayout(self.done_box)
        self.done_grid.setContentsMargins(0, 0, 0, 0)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.open_box)
        column.addWidget(self.done_title)
        column.addWidget(self.done_box)
        column.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.hint)
        layout.addWidget(scroll, 1)
        self.setAccessibleName("Questions")
        self.restyle()

    def restyle(self) -> None:
        self.hint.setStyleSheet(f"color: {theme.current().hint_fg};")

    # ----- what it shows ---------------------------------------------------------------
    def show_state(self, ranking: Sequence[Candidate], answers: Answers) -> None:
        """The questions for the candidates of ``ranking`` and the ``answers`` so far. The
        rows are rebuilt only when what they show changes (not on every stroke)."""
        self.ranking = ranking
        self.skipped = [q for q in self.skipped if q not in answers.replies]
        self.hint.setText(HINT if ranking else NO_MARKS)
        if answers != self.answers:
            self.answers = answers
            self._fill_done(answers)
        self._reorder()

    def _reorder(self) -> None:
        """The most telling unanswered questions first, the skipped ones last."""
        replies = self.answers.replies if self.answers is not None else {}
        ranked = separating(self.ranking, self.links, self.questions, replies)
        fresh = [q.id for q in ranked if q.id not in self.skipped]
        order = [*fresh, *self.skipped][:SHOWN]
        if order != self.order:
            self.order = order
            self._fill_open()

    def _fill_open(self) -> None:
        _clear(self.open_grid)
        for row, question_id in enumerate(self.order):
            question = self.questions.get(question_id)
            label = QLabel(question.text)
            label.setWordWrap(True)
            if row == 0:
                label.setText(f"<b>{question.text}</b>")
            self.open_grid.addWidget(label, row, 0)
            for col, (text, reply) in enumerate(
                (("Yes", "yes"), ("No", "no"), ("Skip", "skip")), 1
            ):
                button = QToolButton()
                button.setText(text)
                button.setAccessibleName(f"{text}: {question.text}")
                button.clicked.connect(lambda _=False, q=question_id, r=reply: self.answer(q, r))
                self.open_grid.addWidget(button, row, col, Qt.AlignmentFlag.AlignTop)
        self.open_grid.setColumnStretch(0, 1)

    def _fill_done(self, answers: Answers) -> None:
        _clear(self.done_grid)
        replies = [(q, answers.replies[q.id]) for q in self.questions if q.id in answers.replies]
        self.done_title.setVisible(bool(replies))
        for row, (question, reply) in enumerate(replies):
            label = QLabel(question.text)
            label.setWordWrap(True)
            self.done_grid.addWidget(label, row, 0)
            for col, (text, value) in enumerate((("Yes", "yes"), ("No", "no")), 1):
                button = QToolButton()
                button.setText(text)
                button.setCheckable(True)
                button.setChecked(reply == value)
                button.setAccessibleName(f"{text}: {question.text}")
                button.clicked.connect(lambda _=False, q=question.id, r=value: self.answer(q, r))
                self.done_grid.addWidget(button, row, col, Qt.AlignmentFlag.AlignTop)
            undo = QToolButton()
            undo.setText("Clear")
            undo.setToolTip("Take this answer back")
            undo.setAccessibleName(f"Clear the answer: {question.text}")
            undo.clicked.connect(lambda _=False, q=question.id: self.answer(q, "clear"))
            self.done_grid.addWidget(undo, row, 3, Qt.AlignmentFlag.AlignTop)
        self.done_grid.setColumnStretch(0, 1)

    # ----- answering -------------------------------------------------------------------
    def answer_first(self, reply: str) -> None:
        """**Y**, **N** or **S**: answer (or skip) the first question shown."""
        if self.order:
            self.answer(self.order[0], reply)

    def answer(self, question_id: str, reply: str) -> None:
        """``yes``, ``no``, ``skip`` (move it to the end for now) or ``clear``."""
        if reply == "skip":
            self.skipped = [q for q in self.skipped if q != question_id] + [question_id]
            self._reorder()
            return
        answers = self.answers or Answers()
        replies = dict(answers.replies)
        if reply == "clear":
            replies.pop(question_id, None)
        else:
            replies[question_id] = reply
        if replies != dict(answers.replies):
            self.answered.emit(Answers(replies, dict(answers.pressed)))


def _clear(grid: QGridLayout) -> None:
    while grid.count():
        item = grid.takeAt(0)
        widget = item.widget() if item is not None else None
        if widget is not None:
            widget.hide()  # gone at once; deleted when the event loop next runs
            widget.deleteLater()
