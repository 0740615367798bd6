"""The drawing model of the window and the undo commands that change it."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand

from bodymap.atlas import Atlas
from bodymap.candidate import Candidate
from bodymap.drawing import PainDrawing
from bodymap.gui.state import DisplayState
from bodymap.kinds import Answers
from bodymap.marks import Bounds, Change, Mark
from bodymap.ranking import LiveRanking, Ranker
from bodymap.redflags import LiveFlags, RedFlag, RedFlagRules, by_urgency

IDLE_MS = 400
"""After this long without a change, the ranking measures what its last changes left
waiting (:meth:`LiveRanking.settle_some`), a little at a time between events."""

Reweigh = Callable[[Sequence[Candidate], Answers], list[Candidate]]
"""A location ranking re-ranked by answers (``BodyMap.answered``)."""
Raise = Callable[[Answers], list[RedFlag]]
"""The warnings answers raise (numbness or weakness)."""


class DrawingModel(QObject):
    """A :class:`PainDrawing`, its live ranking, and the symptom answers, which say when
    they change.

    Change it through the undo commands below.
    """

    changed = Signal()

    def __init__(
        self,
        atlas: Atlas,
        ranker: Ranker,
        parent: QObject | None = None,
        flags: RedFlagRules | None = None,
        reweigh: Reweigh | None = None,
        raised: Raise | None = None,
    ) -> None:
        super().__init__(parent)
        self.answers = Answers()
        self._reweigh = reweigh
        self._raised = raised
        self.drawing = PainDrawing(atlas)
        self.live = LiveRanking(ranker)
        self.flags = LiveFlags(flags or RedFlagRules(()))
        self.dirty: dict[str, Bounds] | None = None
        """What the last change touched, per view (``None``: possibly everything)."""
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self._settle_idle)

    def _settle_idle(self) -> None:
        if self.live.settle_some():
            self._idle.start(0)  # more next time round the event loop

    def _changed(self) -> None:
        self._idle.start(IDLE_MS)
        self.changed.emit()

    def _touched(self, change: Change) -> None:
        bounds = change.bounds
        self.dirty = {change.mark.view: bounds} if bounds is not None else {}
        self._changed()

    def ranking(self, top: int | None = None) -> list[Candidate]:
        """The ranking of the drawing, re-ranked by the answers (at most ``top``)."""
        if self.drawing.is_empty():
            return []
        if not self.answers or self._reweigh is None:
            return self.live.rank(top, total=self.drawing.total_area())
        located = self.live.rank(None, total=self.drawing.total_area())
        return self._reweigh(located, self.answers)[:top]

    def red_flags(self) -> list[RedFlag]:
        """Warnings for where the pain is, and those the answers raise."""
        flags = self.flags.flags() if not self.drawing.is_empty() else []
        if self.answers and self._raised is not None:
            flags = by_urgency([*flags, *self._raised(self.answers)])
        return flags

    def set_answers(self, answers: Answers) -> None:
        """Replace the answers (through :class:`AnswersCommand`); no tile changes."""
        if answers == self.answers:
            return
        self.answers = answers
        self.dirty = {}
        self.changed.emit()

    @property
    def marks(self) -> tuple[Mark, ...]:
        return self.drawing.marks

    def push_mark(self, mark: Mark) -> bool:
        """Apply a mark; ``False`` when it changes nothing (off the body, erasing bare
        skin, painting over paint of the same intensity), and then it leaves no step
        behind."""
        change = self.drawing.add(mark)
        if change is None:
            return False
        if not change.pieces:
            self.drawing.pop()
            return False
        self.live.apply(change)
        self.flags.apply(change)
        self._touched(change)
        return True

    def pop_mark(self) -> None:
        change = self.drawing.pop()
        self.live.revert()
        self.flags.revert()
        self._touched(change)

    def set_marks(self, marks: Sequence[Mark], answers: Answers | None = None) -> None:
        """Replace every mark, and the answers too when ``answers`` is given (a new or
        opened session, a clear): one change, so the ranking is redone once. The new
        drawing is built first, so if a mark cannot be applied nothing has changed."""
        drawing = PainDrawing(self.drawing.atlas, marks)
        self.live.reset(drawing.changes)
        self.flags.reset(drawing.changes)
        self.drawing = drawing
        if answers is not None:
            self.answers = answers
        self.dirty = None
        self._changed()


class AddMarkCommand(QUndoCommand):
    def __init__(self, model: DrawingModel, mark: Mark) -> None:
        super().__init__({"click": "Mark", "stroke": "Paint", "erase": "Erase"}[mark.kind])
        self.model = model
        self.mark = mark
        self.applied = False

    def redo(self) -> None:
        # A mark that only grazes the outline may add nothing; then undo must not pop
        # the mark before it.
        self.applied = self.model.push_mark(self.mark)
        if not self.applied:
            self.setObsolete(True)

    def undo(self) -> None:
        if self.applied:
            self.model.pop_mark()


class SetMarksCommand(QUndoCommand):
    """Replace every mark at once (clear, or open a session)."""

    def __init__(self, model: DrawingModel, marks: Sequence[Mark], text: str) -> None:
        super().__init__(text)
        self.model = model
        self.before = model.marks
        self.after = tuple(marks)

    def redo(self) -> None:
        self.model.set_marks(self.after)

    def undo(self) -> None:
        self.model.set_marks(self.before)


class ClearCommand(SetMarksCommand):
    """*Clear all marks*: a new complaint starts on a clean body, so the muscle shown for
    the old drawing (its pattern, legend and card) and the answers go too; undo brings
    them back."""

    def __init__(self, model: DrawingModel, state: DisplayState) -> None:
        super().__init__(model, (), "Clear all marks")
        self.state = state
        self.shown = state.snapshot()
        self.answers = model.answers  # a new complaint starts with no answers too

    def redo(self) -> None:
        self.model.set_marks(self.after, Answers())
        self.state.reset()

    def undo(self) -> None:
        self.model.set_marks(self.before, self.answers)
        self.state.restore(self.shown)


class AnswersCommand(QUndoCommand):
    """Answer a question, change an answer, or record a press test: one undoable step."""

    def __init__(self, model: DrawingModel, answers: Answers, text: str) -> None:
        super().__init__(text)
        self.model = model
        self.before = model.answers
        self.after = answers

    def redo(self) -> None:
        self.model.set_answers(self.after)

    def undo(self) -> None:
        self.model.set_answers(self.before)
